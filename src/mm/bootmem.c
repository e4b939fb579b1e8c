/* mm/bootmem.c: early reservations and the boot memory allocator
 * (Linux 2.6.32 arch/x86/kernel/e820.c early_res, mm/bootmem.c).
 *
 * Before the buddy allocator exists the kernel needs memory for mem_map,
 * page tables and hash tables.  First, named "early reservations" record
 * what must never be handed out (the BIOS data page, the kernel image, the
 * EBDA).  Then a bitmap with one bit per lowmem page is built: every page
 * starts reserved, the RAM of the active regions is freed, the early
 * reservations are reserved again.  alloc_bootmem() takes first fit from a
 * goal (16 MiB, to spare ZONE_DMA), packing small requests into the tail of
 * the previous one's page.  free_all_bootmem() finally gives every clear bit
 * to the buddy allocator, 32 pages at a time where it can.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/bootmem.h"
#include "vmdb/machine.h"
#include "vmdb/printk.h"
#include "vmdb/util.h"

#define BITS_PER_LONG	32	/* i386 */

void
reserve_early(struct machine *m, u64 start, u64 end, const char *name)
{
	struct early_res *r;

	if (start >= end || m->nr_early_res >= MAX_EARLY_RES)
		return;
	r = &m->early_res[m->nr_early_res++];
	r->start = start;
	r->end = end;
	snprintf(r->name, sizeof(r->name), "%s", name);
}

static int
find_overlapped_early(struct machine *m, u64 start, u64 end)
{
	int i;

	for (i = 0; i < m->nr_early_res; i++) {
		struct early_res *r = &m->early_res[i];

		if (end > r->start && start < r->end)
			return i;
	}
	return -1;
}

u64
find_e820_area(struct machine *m, u64 start, u64 end, u64 size, u64 align)
{
	u32 i;

	for (i = 0; i < m->e820.nr_map; i++) {
		const struct e820entry *ei = &m->e820.map[i];
		u64 last = ei->addr + ei->size, addr;
		int r;

		if (ei->type != E820_RAM)
			continue;
		addr = ALIGN(ei->addr, align);
		if (addr < start)
			addr = ALIGN(start, align);
		if (addr >= last)
			continue;
		while ((r = find_overlapped_early(m, addr, addr + size)) >= 0 &&
		       addr + size <= last)
			addr = ALIGN(m->early_res[r].end, align);
		if (addr + size > last || addr + size > end)
			continue;
		return addr;
	}
	return ~0ull;
}

u32
bootmem_bootmap_pages(u32 pages)
{
	u32 bytes = ALIGN(DIV_ROUND_UP(pages, 8), 4u);

	return DIV_ROUND_UP(bytes, PAGE_SIZE);
}

static void
bm_mark(struct machine *m, u32 sidx, u32 eidx, bool reserve)
{
	struct bootmem_data *b = &m->bdata;
	u32 i;

	for (i = sidx; i < eidx && i < b->node_low_pfn; i++) {
		if (reserve)
			b->map[i / 8] |= (u8)(1u << (i % 8));
		else
			b->map[i / 8] &= (u8)~(1u << (i % 8));
	}
}

bool
bootmem_reserved(struct machine *m, u32 pfn)
{
	struct bootmem_data *b = &m->bdata;

	if (pfn >= b->node_low_pfn)
		return true;
	return (b->map[pfn / 8] >> (pfn % 8)) & 1;
}

void
setup_bootmem(struct machine *m, u32 bootmap_phys)
{
	struct bootmem_data *b = &m->bdata;
	u64 lo = 0, hi = PFN_PHYS(m->max_low_pfn);
	int i, n;

	b->node_min_pfn = 0;
	b->node_low_pfn = m->max_low_pfn;
	b->map_pfn = PFN_DOWN(bootmap_phys);
	b->map_bytes = ALIGN(DIV_ROUND_UP(m->max_low_pfn, 8), 4u);
	b->map = xmalloc(b->map_bytes);
	memset(b->map, 0xff, b->map_bytes);	/* all reserved */
	printk(m, "  node %d low ram: %08x - %08x", 0, 0u,
	       m->max_low_pfn << PAGE_SHIFT);
	printk(m, "  node %d bootmap %08x - %08x", 0, bootmap_phys,
	       bootmap_phys + b->map_bytes);

	/* free_bootmem_with_active_regions */
	for (i = 0; i < m->nr_active; i++) {
		u32 s = m->early_node_map[i].start_pfn;
		u32 e = MIN(m->early_node_map[i].end_pfn, m->max_low_pfn);

		if (s < e)
			bm_mark(m, s, e, false);
	}

	/* early_res_to_bootmem */
	n = m->nr_early_res;
	printk(m, "(%d early reservations) ==> bootmem [%010llx - %010llx]",
	       n, (unsigned long long)lo, (unsigned long long)hi);
	for (i = 0; i < m->nr_early_res; i++) {
		struct early_res *r = &m->early_res[i];
		u64 s = MAX(r->start, lo), e = MIN(r->end, hi);

		if (s >= e) {
			printk(m, "  #%d [%010llx - %010llx] %16s", i,
			       (unsigned long long)r->start,
			       (unsigned long long)r->end, r->name);
			continue;
		}
		printk(m, "  #%d [%010llx - %010llx] %16s ==> [%010llx - %010llx]",
		       i, (unsigned long long)r->start,
		       (unsigned long long)r->end, r->name,
		       (unsigned long long)s, (unsigned long long)e);
		bm_mark(m, PFN_DOWN(s), PFN_UP(e), true);
	}
}

static u32
align_idx(u32 idx, u32 step)
{
	return ALIGN(idx, step);
}

u64
alloc_bootmem(struct machine *m, u64 size, u64 align, u64 goal)
{
	struct bootmem_data *b = &m->bdata;
	u32 min = b->node_min_pfn, max = b->node_low_pfn;
	u32 step = MAX((u32)(align >> PAGE_SHIFT), 1u);
	u32 sidx, midx, fallback = 0, goal_pfn = (u32)(goal >> PAGE_SHIFT);

	if (size == 0 || max <= min)
		return ~0ull;
	if (goal_pfn && min < goal_pfn && goal_pfn < max)
		sidx = ALIGN(goal_pfn, step);
	else
		sidx = ALIGN(min, step);
	midx = max;
	if (b->hint_idx > sidx) {
		fallback = sidx + 1;
		sidx = align_idx(b->hint_idx, step);
	}
	for (;;) {
		u32 eidx, i;
		u64 start_off, end_off;
		int merge;

find_block:
		while (sidx < midx && bootmem_reserved(m, sidx))
			sidx++;
		sidx = align_idx(sidx, step);
		eidx = sidx + PFN_UP(size);
		if (sidx >= midx || eidx > midx || eidx < sidx)
			break;
		for (i = sidx; i < eidx; i++) {
			if (bootmem_reserved(m, i)) {
				sidx = align_idx(i, step);
				if (sidx == i)
					sidx += step;
				goto find_block;
			}
		}
		if ((b->last_end_off & (PAGE_SIZE - 1)) &&
		    PFN_DOWN(b->last_end_off) + 1 == sidx)
			start_off = ALIGN((u64)b->last_end_off, align);
		else
			start_off = PFN_PHYS(sidx);
		merge = PFN_DOWN(start_off) < sidx;
		end_off = start_off + size;
		b->last_end_off = (u32)end_off;
		b->hint_idx = PFN_UP(end_off);
		bm_mark(m, PFN_DOWN(start_off) + (u32)merge, PFN_UP(end_off),
			true);
		/* The kernel zeroes the area here; simulated RAM is still all
		 * zero at boot, and writing it would make the host back every
		 * page of mem_map's reservation. */
		return start_off;
	}
	if (fallback) {
		sidx = align_idx(fallback - 1, step);
		fallback = 0;
		goto find_block;
	}
	return ~0ull;
}

/* free_bootmem: only whole pages inside the range are freed. */
void
free_bootmem(struct machine *m, u64 addr, u64 size)
{
	u32 s = PFN_UP(addr), e = PFN_DOWN(addr + size);

	if (s < e) {
		bm_mark(m, s, e, false);
		if (m->bdata.hint_idx > s)
			m->bdata.hint_idx = s;
	}
}

unsigned long
free_all_bootmem(struct machine *m)
{
	struct bootmem_data *b = &m->bdata;
	u32 start = b->node_min_pfn, end = b->node_low_pfn, pages, pfn;
	bool aligned = !(start & (BITS_PER_LONG - 1));
	unsigned long count = 0;

	while (start < end) {
		u32 idx = start - b->node_min_pfn, vec = 0, off;

		for (off = 0; off < BITS_PER_LONG; off++)
			if (idx + off < end && !bootmem_reserved(m, idx + off))
				vec |= 1u << off;
		if (aligned && vec == ~0u && start + BITS_PER_LONG < end) {
			__free_pages_bootmem(m, start, 5);
			count += BITS_PER_LONG;
		} else {
			for (off = 0; vec && off < BITS_PER_LONG; off++, vec >>= 1) {
				if (vec & 1) {
					__free_pages_bootmem(m, start + off, 0);
					count++;
				}
			}
		}
		start += BITS_PER_LONG;
	}

	/* The bitmap's own pages go last. */
	pages = bootmem_bootmap_pages(b->node_low_pfn - b->node_min_pfn);
	for (pfn = b->map_pfn; pfn < b->map_pfn + pages; pfn++)
		__free_pages_bootmem(m, pfn, 0);
	count += pages;
	return count;
}

void
bootmem_note(struct machine *m, u64 start, u64 size, const char *name)
{
	struct early_res *r;

	if (start == ~0ull) {
		/* the kernel panics: "Cannot allocate ..." */
		if (!m->boot_failed)
			snprintf(m->why, sizeof(m->why),
				 "bootmem cannot fit %s (%llu bytes) in lowmem; the kernel would panic",
				 name, (unsigned long long)size);
		m->boot_failed = true;
		return;
	}
	if (m->nr_boot_allocs >= MAX_EARLY_RES)
		return;
	r = &m->boot_allocs[m->nr_boot_allocs++];
	r->start = start;
	r->end = start + size;
	snprintf(r->name, sizeof(r->name), "%s", name);
}

/* The early reservation or boot allocation a frame belongs to. */
const char *
boot_owner(struct machine *m, u32 pfn)
{
	u64 a = PFN_PHYS(pfn), b = a + PAGE_SIZE;
	int i;

	for (i = 0; i < m->nr_boot_allocs; i++)
		if (m->boot_allocs[i].start < b && m->boot_allocs[i].end > a)
			return m->boot_allocs[i].name;
	for (i = 0; i < m->nr_early_res; i++)
		if (m->early_res[i].start < b && m->early_res[i].end > a)
			return m->early_res[i].name;
	return NULL;
}
