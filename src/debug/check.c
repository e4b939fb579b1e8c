/* debug/check.c: invariant checkers for `check` and --paranoid.  Each rule
 * names what it found, so a broken invariant reads like a bug report:
 *	buddy: Normal order 3 Movable: pfn 0x00012340 has order 2 in private
 */
#include "config.h"

#include <stdlib.h>

#include "vmdb/check.h"
#include "vmdb/fs.h"
#include "vmdb/highmem.h"
#include "vmdb/machine.h"
#include "vmdb/mmap.h"
#include "vmdb/pgtable.h"
#include "vmdb/out.h"
#include "vmdb/slab.h"
#include "vmdb/util.h"
#include "vmdb/vmalloc.h"

#define FAIL CHECK_FAIL

/*
 * The buddy allocator: every block on free_area[order] is PG_buddy with
 * that order in private, aligned, inside its zone, with no other page of
 * the block marked; nr_free matches the lists; NR_FREE_PAGES matches the
 * blocks; pcp counts match their lists and hold allocatable pages; lists
 * are well linked (next->prev == self), with no cycle shorter than the
 * count says.
 */
int
check_page_alloc(struct machine *m, struct out *o)
{
	int nerr = 0, i, order, mt, c;
	u8 *seen = xcalloc(m->max_mapnr + 1, 1);

	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &m->zones[i];
		long free_pages = 0;
		u32 zend = z->zone_start_pfn + z->spanned_pages;

		if (!z->spanned_pages)
			continue;
		for (order = 0; order < MAX_ORDER; order++) {
			u32 blocks = 0;

			for (mt = 0; mt < MIGRATE_TYPES; mt++) {
				u32 head = z->free_area[order].free_list[mt], pos;
				u32 limit = z->spanned_pages + 1, n = 0;

				for (pos = plink(m, head)->next; pos != head;
				     pos = plink(m, pos)->next) {
					struct page *p;
					u32 j;

					if (pos & LIST_HEAD_BIT || pos >= m->max_mapnr) {
						FAIL("buddy: %s order %d %s: bad link 0x%x\n",
						     z->name, order, migratetype_names[mt], pos);
						break;
					}
					if (++n > limit) {
						FAIL("buddy: %s order %d %s: list does not end (cycle)\n",
						     z->name, order, migratetype_names[mt]);
						break;
					}
					p = &m->mem_map[pos];
					if (plink(m, p->lru.next)->prev != pos)
						FAIL("buddy: pfn 0x%08x: next->prev does not point back\n", pos);
					if (!page_test(p, PG_buddy) || p->private != (u32)order)
						FAIL("buddy: %s order %d %s: pfn 0x%08x is not a free order-%d block (buddy=%d private=%u)\n",
						     z->name, order, migratetype_names[mt], pos, order,
						     page_test(p, PG_buddy), p->private);
					if (pos & ((1u << order) - 1))
						FAIL("buddy: pfn 0x%08x is not aligned to order %d\n", pos, order);
					if (pos < z->zone_start_pfn || pos + (1u << order) > zend ||
					    page_zonenum(p) != i)
						FAIL("buddy: pfn 0x%08x (order %d) lies outside zone %s\n",
						     pos, order, z->name);
					if (p->_count != 0)
						FAIL("buddy: free pfn 0x%08x has _count %d\n", pos, p->_count);
					for (j = 0; j < (1u << order) && pos + j < m->max_mapnr; j++) {
						if (seen[pos + j])
							FAIL("buddy: pfn 0x%08x is free twice\n", pos + j);
						seen[pos + j] = 1;
						if (j && page_test(&m->mem_map[pos + j], PG_buddy))
							FAIL("buddy: pfn 0x%08x inside a free block is marked buddy\n", pos + j);
						if (page_test(&m->mem_map[pos + j], PG_reserved))
							FAIL("buddy: free pfn 0x%08x is PG_reserved\n", pos + j);
					}
					blocks++;
					free_pages += 1L << order;
				}
			}
			if (blocks != z->free_area[order].nr_free)
				FAIL("buddy: %s order %d: nr_free %u but %u blocks on the lists\n",
				     z->name, order, z->free_area[order].nr_free, blocks);
		}
		if (free_pages != z->vm_stat[NR_FREE_PAGES])
			FAIL("buddy: %s: NR_FREE_PAGES is %ld but the lists hold %ld pages\n",
			     z->name, z->vm_stat[NR_FREE_PAGES], free_pages);

		for (c = 0; c < m->nr_cpus; c++) {
			struct per_cpu_pages *pcp = &z->pcp[c];
			int n = 0;

			for (mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
				u32 head = pcp->lists[mt], pos;

				for (pos = plink(m, head)->next; pos != head;
				     pos = plink(m, pos)->next) {
					if (pos & LIST_HEAD_BIT || pos >= m->max_mapnr ||
					    n > pcp->count) {
						FAIL("pcp: %s cpu %d: list is broken\n", z->name, c);
						break;
					}
					if (seen[pos])
						FAIL("pcp: pfn 0x%08x is on a pcp list and free elsewhere\n", pos);
					seen[pos] = 1;
					if (page_zonenum(&m->mem_map[pos]) != i)
						FAIL("pcp: pfn 0x%08x on %s's list belongs to another zone\n",
						     pos, z->name);
					if (m->mem_map[pos]._count != 0 ||
					    page_test(&m->mem_map[pos], PG_buddy))
						FAIL("pcp: pfn 0x%08x on a pcp list is in use\n", pos);
					n++;
				}
			}
			if (n != pcp->count)
				FAIL("pcp: %s cpu %d: count %d but %d pages on the lists\n",
				     z->name, c, pcp->count, n);
		}
	}
	free(seen);
	return nerr;
}

/* Lower layers first: a broken buddy list explains much of what the
 * checkers above it would then report. */
const struct checker checkers[] = {
	{ "buddy lists, per-CPU lists, zone counters", check_page_alloc },
	{ "kernel page tables", check_pgtable },
	{ "kmaps", check_highmem },
	{ "slab caches", check_slab },
	{ "vmalloc areas", check_vmalloc },
	{ "TLBs", check_tlb },
	{ "LRU lists", check_lru },
	{ "page cache", check_files },
	{ "address spaces", check_mm },
};
const int nr_checkers = (int)ARRAY_SIZE(checkers);

int
check_machine(struct machine *m, struct out *o)
{
	int i, nerr = 0;

	for (i = 0; i < nr_checkers; i++)
		nerr += checkers[i].check(m, o);
	return nerr;
}
