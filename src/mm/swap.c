/* mm/swap.c: page references and the per-zone LRU lists (Linux 2.6.32
 * mm/swap.c, include/linux/mm_inline.h): get_page/put_page, adding pages
 * to the LRU, activation by mark_page_accessed, set_page_dirty.
 *
 * Each zone keeps five lists, linked through page->lru by pfn:
 *
 *	list		flags on its pages		what lives there
 *	inactive_anon	LRU|swapbacked			anon pages aged out
 *	active_anon	LRU|swapbacked|active		new anon, shmem pages
 *	inactive_file	LRU				new page-cache pages
 *	active_file	LRU|active			page cache used twice
 *	unevictable	LRU|unevictable			mlocked pages
 *
 * and a counter per list (NR_INACTIVE_ANON ... NR_UNEVICTABLE, in the
 * lists' order), which meminfo's Active(anon) ... Unevictable lines and
 * vmstat's nr_* lines print.
 *
 * Departure: the kernel gathers LRU additions in per-CPU pagevecs of 14
 * pages and adds them in a batch (so a new page may not be on any list
 * for a while); vmdb adds at once, so the lists always show every page.
 */
#include "config.h"

#include <stdlib.h>

#include "vmdb/check.h"
#include "vmdb/fs.h"
#include "vmdb/machine.h"
#include "vmdb/out.h"
#include "vmdb/util.h"

const char *const lru_list_names[NR_LRU_LISTS] = {
	"inactive_anon", "active_anon", "inactive_file", "active_file",
	"unevictable",
};

static struct zone *
pfn_zone_of(struct machine *m, u32 pfn)
{
	return &m->zones[page_zonenum(&m->mem_map[pfn])];
}

int
page_lru(struct machine *m, u32 pfn)
{
	const struct page *p = &m->mem_map[pfn];
	int lru;

	if (page_test(p, PG_unevictable))
		return LRU_UNEVICTABLE;
	lru = page_test(p, PG_swapbacked) ? LRU_INACTIVE_ANON :
					      LRU_INACTIVE_FILE;
	if (page_test(p, PG_active))
		lru += LRU_ACTIVE;
	return lru;
}

static void
add_page_to_lru_list(struct machine *m, u32 pfn, int lru)
{
	struct zone *z = pfn_zone_of(m, pfn);

	plist_add(m, pfn, z->lru[lru]);
	mod_zone_page_state(z, NR_LRU_BASE + lru, 1);
}

static void
del_page_from_lru_list(struct machine *m, u32 pfn, int lru)
{
	plist_del(m, pfn);
	mod_zone_page_state(pfn_zone_of(m, pfn), NR_LRU_BASE + lru, -1);
}

/* ____pagevec_lru_add_fn for one page: flags for the list, then onto it.
 * Every new anonymous page comes here: split trace point (vmdb/trace.h). */
static inline __attribute__((always_inline)) void
lru_cache_add_lru_(struct machine *m, u32 pfn, int lru, bool traced)
{
	struct page *p = &m->mem_map[pfn];

	if (page_test(p, PG_lru))
		fatal("lru_cache_add: pfn 0x%08x is already on an LRU list (kernel BUG)",
		      pfn);
	page_clear(p, PG_active);
	page_clear(p, PG_unevictable);
	if (lru == LRU_UNEVICTABLE)
		page_set(p, PG_unevictable);
	else if (lru == LRU_ACTIVE_ANON || lru == LRU_ACTIVE_FILE)
		page_set(p, PG_active);
	page_set(p, PG_lru);
	add_page_to_lru_list(m, pfn, lru);
	TP_EVENT_IF(traced, m, lru_cache_add, pfn, lru);
}

static void __attribute__((noinline, cold))
lru_cache_add_lru_traced(struct machine *m, u32 pfn, int lru)
{
	lru_cache_add_lru_(m, pfn, lru, true);
}

void
lru_cache_add_lru(struct machine *m, u32 pfn, int lru)
{
	if (TP_ARMED(m))
		lru_cache_add_lru_traced(m, pfn, lru);
	else
		lru_cache_add_lru_(m, pfn, lru, false);
}

/* lru_cache_add_active_or_unevictable's evictable case, for a new anon
 * page: page_add_new_anon_rmap makes it swap-backed first. */
void
lru_cache_add_anon(struct machine *m, u32 pfn)
{
	page_set(&m->mem_map[pfn], PG_swapbacked);
	lru_cache_add_lru(m, pfn, LRU_ACTIVE_ANON);
}

void
lru_cache_add_file(struct machine *m, u32 pfn)
{
	lru_cache_add_lru(m, pfn, LRU_INACTIVE_FILE);
}

void
lru_cache_add_unevictable(struct machine *m, u32 pfn)
{
	lru_cache_add_lru(m, pfn, LRU_UNEVICTABLE);
}

/* del_page_from_lru plus ClearPageLRU: the page leaves every list. */
void
del_page_from_lru(struct machine *m, u32 pfn)
{
	struct page *p = &m->mem_map[pfn];

	if (!page_test(p, PG_lru))
		return;
	del_page_from_lru_list(m, pfn, page_lru(m, pfn));
	page_clear(p, PG_lru);
	page_clear(p, PG_active);
	page_clear(p, PG_unevictable);
}

void
activate_page(struct machine *m, u32 pfn)
{
	struct page *p = &m->mem_map[pfn];
	int lru;

	if (!page_test(p, PG_lru) || page_test(p, PG_active) ||
	    page_test(p, PG_unevictable))
		return;
	lru = page_lru(m, pfn);
	del_page_from_lru_list(m, pfn, lru);
	page_set(p, PG_active);
	add_page_to_lru_list(m, pfn, lru + LRU_ACTIVE);
	count_vm_events(m->vm_events, PGACTIVATE, 1);
	TP_EVENT(m, activate_page, pfn, lru + LRU_ACTIVE);
}

/*
 * Two touches promote: inactive,unreferenced -> inactive,referenced ->
 * active,unreferenced -> active,referenced.
 */
void
mark_page_accessed(struct machine *m, u32 pfn)
{
	struct page *p = &m->mem_map[pfn];

	TP_EVENT(m, mark_page_accessed, pfn, page_test(p, PG_referenced),
		 page_test(p, PG_active));
	if (!page_test(p, PG_active) && !page_test(p, PG_unevictable) &&
	    page_test(p, PG_referenced) && page_test(p, PG_lru)) {
		activate_page(m, pfn);
		page_clear(p, PG_referenced);
	} else if (!page_test(p, PG_referenced)) {
		page_set(p, PG_referenced);
	}
}

/*
 * set_page_dirty: an anonymous page (mapping tagged PAGE_MAPPING_ANON)
 * or a shmem page only gets PG_dirty (shmem's backing_dev has no dirty
 * accounting); a page of a disk file is also counted in NR_FILE_DIRTY
 * (account_page_dirtied), once, when it becomes dirty.
 */
void
set_page_dirty(struct machine *m, u32 pfn)
{
	struct page *p = &m->mem_map[pfn];
	struct vfile *f;

	if (page_test(p, PG_dirty))
		return;
	page_set(p, PG_dirty);
	TP_EVENT(m, set_page_dirty, pfn, p->mapping);
	if (!p->mapping || (p->mapping & PAGE_MAPPING_ANON))
		return;
	f = file_by_mapping(m, p->mapping);
	if (f && !f->shmem)
		mod_zone_page_state(pfn_zone_of(m, pfn), NR_FILE_DIRTY, 1);
}

void
get_page(struct machine *m, u32 pfn)
{
	struct page *p = &m->mem_map[pfn];

	if (p->_count <= 0)
		fatal("get_page: pfn 0x%08x has _count %d (kernel BUG)", pfn,
		      p->_count);
	p->_count++;
}

/*
 * put_page: the last reference frees the page: __page_cache_release
 * takes it off its LRU list, free_pages_check clears its flags (the zone
 * bits stay), and it goes back to the buddy allocator (free_hot_page).
 */
void
put_page(struct machine *m, u32 pfn)
{
	struct page *p = &m->mem_map[pfn];

	if (p->_count <= 0)
		fatal("put_page: pfn 0x%08x has _count %d (kernel BUG)", pfn,
		      p->_count);
	if (p->_count > 1) {
		p->_count--;
		return;
	}
	if (p->_mapcount != -1)
		fatal("put_page: pfn 0x%08x is freed while mapped (_mapcount %d)",
		      pfn, p->_mapcount);
	TP_EVENT(m, __page_cache_release, pfn, page_test(p, PG_lru));
	del_page_from_lru(m, pfn);
	p->flags &= ZONES_MASK << ZONES_PGSHIFT;
	p->mapping = 0;
	p->index = 0;
	__free_pages(m, pfn, 0);
}

/* ---- the checker -------------------------------------------------------- */

#define FAIL CHECK_FAIL

static int
check_lru_list(struct machine *m, struct out *o, int zi, int lru, u8 *seen)
{
	struct zone *z = &m->zones[zi];
	u32 head = z->lru[lru], pos, n = 0;
	int nerr = 0;

	for (pos = plink(m, head)->next; pos != head;
	     pos = plink(m, pos)->next) {
		struct page *p;

		if (pos & LIST_HEAD_BIT || pos >= m->max_mapnr) {
			FAIL("lru: %s %s: bad link 0x%x\n", z->name,
			     lru_list_names[lru], pos);
			break;
		}
		if (++n > z->spanned_pages) {
			FAIL("lru: %s %s: list does not end (cycle)\n",
			     z->name, lru_list_names[lru]);
			break;
		}
		p = &m->mem_map[pos];
		if (plink(m, p->lru.next)->prev != pos)
			FAIL("lru: pfn 0x%08x: next->prev does not point back\n",
			     pos);
		if (seen[pos]++)
			FAIL("lru: pfn 0x%08x is on two LRU lists\n", pos);
		if (page_zonenum(p) != zi)
			FAIL("lru: pfn 0x%08x of zone %s is on %s's %s list\n",
			     pos, zone_names[page_zonenum(p)], z->name,
			     lru_list_names[lru]);
		if (!page_test(p, PG_lru))
			FAIL("lru: pfn 0x%08x on %s %s lacks PG_lru\n", pos,
			     z->name, lru_list_names[lru]);
		else if (page_lru(m, pos) != lru)
			FAIL("lru: pfn 0x%08x on %s %s has the flags of %s\n",
			     pos, z->name, lru_list_names[lru],
			     lru_list_names[page_lru(m, pos)]);
		if (p->_count < 1 || page_test(p, PG_buddy))
			FAIL("lru: pfn 0x%08x on %s %s is free (_count %d)\n",
			     pos, z->name, lru_list_names[lru], p->_count);
	}
	if ((long)n != z->vm_stat[NR_LRU_BASE + lru])
		FAIL("lru: %s: %s is %ld but the list holds %u pages\n",
		     z->name, vmstat_text[NR_LRU_BASE + lru],
		     z->vm_stat[NR_LRU_BASE + lru], n);
	return nerr;
}

int
check_lru(struct machine *m, struct out *o)
{
	u8 *seen = xcalloc(m->max_mapnr + 1, 1);
	int nerr = 0, i, lru;
	u32 pfn;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		if (!m->zones[i].lru[0])
			continue;
		for (lru = 0; lru < NR_LRU_LISTS; lru++)
			nerr += check_lru_list(m, o, i, lru, seen);
	}
	for (pfn = 0; pfn < m->max_mapnr; pfn++)
		if (page_test(&m->mem_map[pfn], PG_lru) && !seen[pfn])
			FAIL("lru: pfn 0x%08x has PG_lru but is on no LRU list\n",
			     pfn);
	free(seen);
	return nerr;
}
