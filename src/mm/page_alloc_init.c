/* mm/page_alloc_init.c: the boot-time half of mm/page_alloc.c (2.6.32):
 * sizing the zones from the active ranges (free_area_init_nodes),
 * initialising every struct page, the per-CPU lists, the zonelists, and,
 * once boot is over, min_free_kbytes, the watermarks, lowmem_reserve and
 * the Reserve pageblocks. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vmdb/bootmem.h"
#include "vmdb/machine.h"
#include "vmdb/printk.h"
#include "vmdb/util.h"

/* The kernel prints "%0#10lx": always with 0x, even for zero. */
static const char *
khex(char *buf, u32 v)
{
	snprintf(buf, 16, "0x%08x", v);
	return buf;
}

static u32
fls32(u32 x)
{
	return x ? 32 - (u32)__builtin_clz(x) : 0;
}

static u32
rounddown_pow_of_two(u32 x)
{
	return x ? 1u << (fls32(x) - 1) : 0;
}

static unsigned long
int_sqrt(unsigned long x)
{
	unsigned long r = 0, b = 1ul << (sizeof(long) * 8 - 2);

	while (b > x)
		b >>= 2;
	while (b) {
		if (x >= r + b) {
			x -= r + b;
			r = (r >> 1) + b;
		} else {
			r >>= 1;
		}
		b >>= 2;
	}
	return r;
}

/* zone_batchsize: about a quarter of a percent of the zone, at most 512 KiB,
 * as 2^n - 1 so that batches do not keep hitting the same cache colours. */
int
zone_batchsize(u32 present_pages)
{
	u32 batch = present_pages / 1024;

	if (batch * PAGE_SIZE > 512 * 1024)
		batch = (512 * 1024) / PAGE_SIZE;
	batch /= 4;
	if (batch < 1)
		batch = 1;
	return (int)rounddown_pow_of_two(batch + batch / 2) - 1;
}

static void
setup_pageset(struct machine *m, struct per_cpu_pages *pcp, u32 batch)
{
	int i;

	pcp->count = 0;
	pcp->high = 6 * (int)batch;
	pcp->batch = MAX(1, (int)batch);
	for (i = 0; i < MIGRATE_PCPTYPES; i++)
		pcp->lists[i] = plist_head_new(m);
}

/* Pages of [start, end) that no active range covers. */
static u32
absent_pages_in_range(struct machine *m, u32 start, u32 end)
{
	u32 present = 0;
	int i;

	for (i = 0; i < m->nr_active; i++) {
		u32 s = MAX(start, m->early_node_map[i].start_pfn);
		u32 e = MIN(end, m->early_node_map[i].end_pfn);

		if (s < e)
			present += e - s;
	}
	return end - start - present;
}

static void
memmap_init_zone(struct machine *m, struct zone *z, u32 start, u32 size)
{
	u32 pfn;

	for (pfn = start; pfn < start + size; pfn++) {
		struct page *p = &m->mem_map[pfn];

		p->flags = (u32)z->idx << ZONES_PGSHIFT;
		p->_count = 1;
		p->_mapcount = -1;
		page_set(p, PG_reserved);
		if (!(pfn & (pageblock_nr_pages - 1)))
			set_pageblock_migratetype(m, pfn, MIGRATE_MOVABLE);
		p->lru.next = p->lru.prev = PFN_NONE;
	}
}

/*
 * free_area_init_nodes (+ free_area_init_node, free_area_init_core): zone
 * boundaries from the architecture's limits and the active ranges, the
 * boot log lines, mem_map from bootmem, every struct page reserved.
 */
void
free_area_init_nodes(struct machine *m)
{
	u32 max_zone_pfn[MAX_NR_ZONES] = { 0 };
	u32 lowest[MAX_NR_ZONES] = { 0 }, highest[MAX_NR_ZONES] = { 0 };
	u32 node_start, node_end, zone_start_pfn, spanned_total = 0;
	u32 present_total = 0, map_start, map_end;
	int nzones = m->cfg.highmem ? 3 : 2, i;
	u64 map_phys;
	char a[16], b[16];

	max_zone_pfn[ZONE_DMA] = 0x1000000 >> PAGE_SHIFT;
	max_zone_pfn[ZONE_NORMAL] = m->max_low_pfn;
	max_zone_pfn[ZONE_HIGHMEM] = m->highend_pfn;

	node_start = m->early_node_map[0].start_pfn;
	node_end = m->early_node_map[m->nr_active - 1].end_pfn;
	lowest[0] = node_start;
	highest[0] = max_zone_pfn[0];
	for (i = 1; i < nzones; i++) {
		lowest[i] = highest[i - 1];
		highest[i] = MAX(max_zone_pfn[i], lowest[i]);
	}

	printk(m, "Zone PFN ranges:");
	for (i = 0; i < nzones; i++)
		printk(m, "  %-8s %s -> %s", zone_names[i], khex(a, lowest[i]),
		       khex(b, highest[i]));
	printk(m, "Movable zone start PFN for each node");
	printk(m, "early_node_map[%d] active PFN ranges", m->nr_active);
	for (i = 0; i < m->nr_active; i++)
		printk(m, "  %3d: %s -> %s", 0,
		       khex(a, m->early_node_map[i].start_pfn),
		       khex(b, m->early_node_map[i].end_pfn));

	/* calculate_node_totalpages */
	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &m->zones[i];
		u32 zs = MAX(lowest[i], node_start), ze = MIN(highest[i], node_end);

		z->idx = i;
		z->name = zone_names[i];
		if (i >= nzones || highest[i] < node_start || lowest[i] > node_end ||
		    ze <= zs) {
			z->spanned_pages = 0;
			continue;
		}
		z->spanned_pages = ze - zs;
		z->present_pages = z->spanned_pages -
				   absent_pages_in_range(m, zs, ze);
		spanned_total += z->spanned_pages;
		present_total += z->present_pages;
	}
	printk(m, "On node %d totalpages: %u", 0, present_total);

	/* alloc_node_mem_map: from a MAX_ORDER-aligned start to an aligned
	 * end, so that buddies of valid pages always have a struct page. */
	map_start = node_start & ~((1u << (MAX_ORDER - 1)) - 1);
	map_end = ALIGN(node_end, 1u << (MAX_ORDER - 1));
	map_phys = alloc_bootmem(m, (u64)(map_end - map_start) * 32, 64,
				 0x1000000);
	bootmem_note(m, map_phys, (u64)(map_end - map_start) * 32, "mem_map");
	if (map_phys == ~0ull)
		map_phys = 0;	/* the boot fails; keep the log sane */
	m->mem_map_phys = (u32)map_phys +
			  (node_start - map_start) * (u32)sizeof(struct page);
	printk(m, "free_area_init_node: node %d, pgdat %08x, node_mem_map %08x",
	       0, m->kimage.init_end + 0x1e40,	/* contig_page_data in .data */
	       __va(m, m->mem_map_phys));

	zone_start_pfn = node_start;
	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &m->zones[i];
		u32 size = z->spanned_pages, realsize = z->present_pages;
		u32 memmap_pages = ALIGN(size * 32, PAGE_SIZE) >> PAGE_SHIFT;
		u32 c;

		if (realsize >= memmap_pages) {
			realsize -= memmap_pages;
			if (memmap_pages)
				printk(m, "  %s zone: %u pages used for memmap",
				       zone_names[i], memmap_pages);
		} else {
			printk(m, "  %s zone: %u pages exceeds realsize %u",
			       zone_names[i], memmap_pages, realsize);
		}
		if (i == 0 && realsize > 0)
			printk(m, "  %s zone: %u pages reserved", zone_names[0],
			       0u);
		m->nr_all_pages += realsize;
		z->present_pages = realsize;
		z->prev_priority = 12;		/* DEF_PRIORITY */
		z->batch = (u32)zone_batchsize(realsize);
		for (c = 0; c < VMDB_MAX_CPUS; c++)
			setup_pageset(m, &z->pcp[c], z->batch);
		if (realsize)
			printk(m, "  %s zone: %u pages, LIFO batch:%u",
			       zone_names[i], realsize, z->batch);
		for (c = 0; c < MAX_ORDER; c++) {
			int t;

			for (t = 0; t < MIGRATE_TYPES; t++)
				z->free_area[c].free_list[t] = plist_head_new(m);
		}
		for (c = 0; c < NR_LRU_LISTS; c++)
			z->lru[c] = plist_head_new(m);
		if (!size)
			continue;
		z->zone_start_pfn = zone_start_pfn;
		/* setup_usemap: 3 bits per pageblock, from bootmem */
		z->nr_pageblocks = DIV_ROUND_UP(size, pageblock_nr_pages);
		z->pageblock_mt = xcalloc(z->nr_pageblocks, 1);
		bootmem_note(m, alloc_bootmem(m, ALIGN(z->nr_pageblocks * 3, 32u) / 8,
					      64, 0x1000000),
			     ALIGN(z->nr_pageblocks * 3, 32u) / 8, "pageblock bits");
		/* zone_wait_table_init: 12-byte wait queue heads */
		{
			u32 wt = 1, pages = size / 256;

			while (wt < pages)
				wt <<= 1;
			wt = MAX(MIN(wt, 4096u), 4u);
			bootmem_note(m, alloc_bootmem(m, wt * 12, 64, 0x1000000),
				     wt * 12, "wait_table");
		}
		memmap_init_zone(m, z, zone_start_pfn, size);
		zone_start_pfn += size;
	}
	(void)spanned_total;
}

/* build_all_zonelists: one node, zone order; mobility grouping needs at
 * least one pageblock per migrate type. */
void
build_all_zonelists(struct machine *m)
{
	int i;

	m->nr_zonelist = 0;
	for (i = 0; i < MAX_NR_ZONES; i++)
		if (populated_zone(&m->zones[i]))
			m->nr_zonelist++;
	m->mobility_grouping =
		m->nr_all_pages >= pageblock_nr_pages * MIGRATE_TYPES;
	printk(m, "Built %d zonelists in %s order, mobility grouping %s.  Total pages: %lu",
	       1, "Zone", m->mobility_grouping ? "on" : "off",
	       m->nr_all_pages);
}

/* calculate_threshold: how far per-CPU counter deltas may drift. */
static int
calculate_threshold(struct machine *m, struct zone *z)
{
	u32 mem = z->present_pages >> (27 - PAGE_SHIFT);
	int t = 2 * (int)fls32((u32)m->nr_cpus) * (1 + (int)fls32(mem));

	return MIN(125, t);
}

void
setup_per_cpu_pageset(struct machine *m)
{
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++)
		m->zones[i].stat_threshold = calculate_threshold(m, &m->zones[i]);
}

/*
 * setup_zone_migrate_reserve: the first pageblocks of the zone that are
 * free of reserved pages become MIGRATE_RESERVE, enough to cover the min
 * watermark (at most 2), as a pool for high-order atomic allocations.
 */
void
setup_zone_migrate_reserve(struct machine *m, struct zone *z)
{
	u32 start = z->zone_start_pfn, end = start + z->spanned_pages, pfn;
	int reserve;

	reserve = (int)(ALIGN(z->watermark[WMARK_MIN], pageblock_nr_pages) >>
			pageblock_order);
	reserve = MIN(2, reserve);
	for (pfn = start; pfn < end; pfn += pageblock_nr_pages) {
		int mt;

		if (!pfn_valid(m, pfn))
			continue;
		if (page_test(&m->mem_map[pfn], PG_reserved))
			continue;
		mt = get_pageblock_migratetype(m, pfn);
		if (reserve > 0 && mt == MIGRATE_RESERVE) {
			reserve--;
			continue;
		}
		if (reserve > 0 && mt == MIGRATE_MOVABLE) {
			set_pageblock_migratetype(m, pfn, MIGRATE_RESERVE);
			move_freepages_block(m, z, pfn, MIGRATE_RESERVE);
			reserve--;
			continue;
		}
		if (mt == MIGRATE_RESERVE) {
			set_pageblock_migratetype(m, pfn, MIGRATE_MOVABLE);
			move_freepages_block(m, z, pfn, MIGRATE_MOVABLE);
		}
	}
}

static void
calculate_totalreserve_pages(struct machine *m)
{
	unsigned long total = 0;
	int i, j;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &m->zones[i];
		unsigned long max = 0;

		for (j = i; j < MAX_NR_ZONES; j++)
			if (z->lowmem_reserve[j] > max)
				max = z->lowmem_reserve[j];
		max += z->watermark[WMARK_HIGH];
		if (max > z->present_pages)
			max = z->present_pages;
		total += max;
	}
	m->totalreserve_pages = total;
}

static void
setup_per_zone_wmarks(struct machine *m)
{
	unsigned long pages_min = (unsigned long)m->min_free_kbytes >>
				  (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++)
		if (i != ZONE_HIGHMEM)
			lowmem_pages += m->zones[i].present_pages;
	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &m->zones[i];
		u64 tmp = (u64)pages_min * z->present_pages / lowmem_pages;

		if (i == ZONE_HIGHMEM) {
			u32 min_pages = z->present_pages / 1024;

			min_pages = MAX(min_pages, 32u);	/* SWAP_CLUSTER_MAX */
			min_pages = MIN(min_pages, 128u);
			z->watermark[WMARK_MIN] = min_pages;
		} else {
			z->watermark[WMARK_MIN] = (u32)tmp;
		}
		z->watermark[WMARK_LOW] = z->watermark[WMARK_MIN] + (u32)(tmp >> 2);
		z->watermark[WMARK_HIGH] = z->watermark[WMARK_MIN] + (u32)(tmp >> 1);
		setup_zone_migrate_reserve(m, z);
	}
	calculate_totalreserve_pages(m);
}

static void
setup_per_zone_lowmem_reserve(struct machine *m)
{
	static const u32 ratio[MAX_NR_ZONES - 1] = { 256, 32, 32 };
	int j, idx;

	for (j = 0; j < MAX_NR_ZONES; j++) {
		unsigned long present = m->zones[j].present_pages;

		m->zones[j].lowmem_reserve[j] = 0;
		for (idx = j - 1; idx >= 0; idx--) {
			m->zones[idx].lowmem_reserve[j] = (u32)(present / ratio[idx]);
			present += m->zones[idx].present_pages;
		}
	}
	calculate_totalreserve_pages(m);
}

/*
 * init_per_zone_wmark_min: min_free_kbytes = sqrt(lowmem_kbytes * 16),
 * clamped to [128, 65536], then the marks, reserves and inactive ratios.
 */
void
init_per_zone_wmark_min(struct machine *m)
{
	unsigned long lowmem_kbytes = 0;
	long mfk;
	int i;

	for (i = ZONE_NORMAL; i >= 0; i--) {
		struct zone *z = &m->zones[i];

		if (z->present_pages > z->watermark[WMARK_HIGH])
			lowmem_kbytes += (z->present_pages -
					  z->watermark[WMARK_HIGH]) * 4;
	}
	mfk = (long)int_sqrt(lowmem_kbytes * 16);
	mfk = MAX(mfk, 128L);
	mfk = MIN(mfk, 65536L);
	m->min_free_kbytes = (int)mfk;
	setup_per_zone_wmarks(m);
	setup_per_zone_lowmem_reserve(m);
	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &m->zones[i];
		u32 gb = z->present_pages >> (30 - PAGE_SHIFT);

		z->inactive_ratio = gb ? (u32)int_sqrt(10 * gb) : 1;
	}
}
