/* tests/unit/test-buddy.c: the buddy allocator of 2.6.32 mm/page_alloc.c
 * on small machines: splitting (expand keeps the lower half, upper halves
 * go to the head of the lists) and merging back to the exact state, the
 * per-CPU lists (rmqueue_bulk refills batch pages in ascending pfn order,
 * free_pcppages_bulk returns batch pages from the tail at high), the
 * zone_watermark_ok arithmetic, zone selection by GFP flags and fallback
 * between zones, refused frees that leave the machine unchanged, and GFP
 * names both ways. */
#include "config.h"

#include <errno.h>

#include "unit.h"

#define NORMAL(m)	(&(m)->zones[ZONE_NORMAL])

static struct machine *
small_machine(void)
{
	return unit_boot_mem(MiB(128), NULL, NULL);
}

static u32
list_head_pfn(struct machine *m, struct zone *z, int order, int mt)
{
	u32 head = z->free_area[order].free_list[mt];

	return plist_empty(m, head) ? PFN_NONE : plink(m, head)->next;
}

static long
alloc_ok(struct machine *m, gfp_t gfp, unsigned order)
{
	long pfn = alloc_pages(m, gfp, order);

	if (pfn < 0)
		fail_msg("alloc_pages(0x%x, %u) failed: %s", gfp, order, m->why);
	assert_int_equal(pfn & ((1L << order) - 1), 0);
	return pfn;
}

static void
free_ok(struct machine *m, long pfn, unsigned order)
{
	int err = free_pages_checked(m, (u32)pfn, order);

	if (err)
		fail_msg("free_pages_checked(0x%lx, %u) = %d: %s", pfn, order,
			 err, m->why);
}

/* A stack of live allocations. */
struct live {
	long pfn[1 << 17];
	unsigned order[1 << 17];
	unsigned n;
};

/* One stack for the whole program (it is large, and a failing test that
 * leaves early must not leak it). */
static struct live *
live_new(void)
{
	static struct live live;

	live.n = 0;
	return &live;
}

static void
live_push(struct live *l, long pfn, unsigned order)
{
	assert_true(l->n < ARRAY_SIZE(l->pfn));
	l->pfn[l->n] = pfn;
	l->order[l->n++] = order;
}

static void
live_free_all(struct machine *m, struct live *l)
{
	while (l->n) {
		l->n--;
		free_ok(m, l->pfn[l->n], l->order[l->n]);
	}
}

/* ---- split and merge ---------------------------------------------------- */

/*
 * Movable order-3 allocations from a zone whose order-3..6 Movable lists
 * have been emptied: the block comes from the smallest non-empty list
 * above, o >= 7.  __rmqueue_smallest takes that list's head p; expand
 * keeps the lower half each time, so the caller gets p and the upper
 * halves p + 2^k (k = o-1 .. 3) go to the head of list k.  Freeing merges
 * everything back: the lists are exactly as before.
 */
static void
test_split_and_merge(void **state)
{
	struct machine *m = small_machine();
	struct zone *z = NORMAL(m);
	struct live *l = live_new();
	struct unit_snap s0, s1, s2;
	const gfp_t gfp = GFP_HIGHUSER_MOVABLE;	/* Normal, Movable */
	u32 before[MAX_ORDER], p;
	long a, b;
	int o, k;

	unit_snap(m, &s0);
	for (o = 3; o <= 6; o++)
		while (list_head_pfn(m, z, o, MIGRATE_MOVABLE) != PFN_NONE) {
			p = list_head_pfn(m, z, o, MIGRATE_MOVABLE);
			a = alloc_ok(m, gfp, (unsigned)o);
			assert_int_equal(a, p);	/* the head, whole */
			assert_int_equal(m->last_alloc.from_order, o);
			live_push(l, a, (unsigned)o);
		}
	unit_check(m);
	unit_snap(m, &s1);
	for (o = 7; o < MAX_ORDER; o++)
		if (list_head_pfn(m, z, o, MIGRATE_MOVABLE) != PFN_NONE)
			break;
	assert_true(o < MAX_ORDER);
	p = list_head_pfn(m, z, o, MIGRATE_MOVABLE);
	for (k = 0; k < MAX_ORDER; k++)
		before[k] = z->free_area[k].nr_free;

	a = alloc_ok(m, gfp, 3);
	assert_int_equal(a, p);
	assert_int_equal(m->last_alloc.zone, ZONE_NORMAL);
	assert_int_equal(m->last_alloc.from_order, o);
	assert_false(m->last_alloc.fallback);
	assert_int_equal(z->vm_stat[NR_FREE_PAGES],
			 s1.vm_stat[ZONE_NORMAL][NR_FREE_PAGES] - 8);
	for (k = 0; k < MAX_ORDER; k++) {
		u32 want = before[k];

		if (k == o)
			want--;
		else if (k >= 3 && k < o)
			want++;
		if (z->free_area[k].nr_free != want)
			fail_msg("order %d: nr_free %u, expected %u", k,
				 z->free_area[k].nr_free, want);
	}
	for (k = 3; k < o; k++) {
		struct page *pg = &m->mem_map[p + (1u << k)];

		assert_int_equal(list_head_pfn(m, z, k, MIGRATE_MOVABLE),
				 p + (1u << k));
		assert_true(page_test(pg, PG_buddy));
		assert_int_equal(pg->private, (u32)k);
	}
	assert_false(page_test(&m->mem_map[p], PG_buddy));
	assert_int_equal(m->mem_map[p]._count, 1);
	unit_check(m);

	/* the next order-3 block is the buddy, p + 8, from the list head */
	b = alloc_ok(m, gfp, 3);
	assert_int_equal(b, p + 8);
	assert_int_equal(m->last_alloc.from_order, 3);
	/* freeing p while its buddy is out: p goes to the head of list 3 */
	free_ok(m, a, 3);
	assert_int_equal(list_head_pfn(m, z, 3, MIGRATE_MOVABLE), p);
	assert_true(page_test(&m->mem_map[p], PG_buddy));
	assert_int_equal(m->mem_map[p].private, 3);
	assert_int_equal(m->last_free.merged_pfn, p);
	assert_int_equal(m->last_free.merged_order, 3);
	/* freeing the buddy merges all the way up to order o */
	free_ok(m, b, 3);
	assert_int_equal(m->last_free.merged_pfn, p);
	assert_int_equal(m->last_free.merged_order, o);
	unit_check(m);
	unit_snap(m, &s2);
	unit_assert_snap_equal(&s1, &s2, false);

	/* and everything else: nr_free per order is what boot left */
	live_free_all(m, l);
	unit_check(m);
	unit_snap(m, &s2);
	for (k = 0; k < MAX_ORDER; k++)
		assert_int_equal(s2.nr_free[ZONE_NORMAL][k],
				 s0.nr_free[ZONE_NORMAL][k]);
	assert_int_equal(s2.nr_free_pages, s0.nr_free_pages);
	unit_free(m);
}

/* Every order, one block at a time, freed at once: the state returns. */
static void
test_alloc_free_each_order(void **state)
{
	struct machine *m = small_machine();
	struct unit_snap s0, s1;
	static const gfp_t gfps[] = { GFP_KERNEL, GFP_HIGHUSER_MOVABLE,
		GFP_TEMPORARY, GFP_DMA, GFP_ATOMIC };
	size_t g;
	unsigned o;

	for (g = 0; g < ARRAY_SIZE(gfps); g++) {
		for (o = 1; o < MAX_ORDER; o++) {
			long pfn;

			unit_snap(m, &s0);
			pfn = alloc_ok(m, gfps[g], o);
			assert_int_equal(nr_free_pages(m),
					 s0.nr_free_pages - (1ul << o));
			free_ok(m, pfn, o);
			unit_snap(m, &s1);
			/* a fallback may have changed a pageblock's type, so
			 * the lists may differ, but not the orders */
			assert_memory_equal(s0.nr_free, s1.nr_free,
					    sizeof(s0.nr_free));
			assert_int_equal(s0.nr_free_pages, s1.nr_free_pages);
		}
	}
	unit_check(m);
	unit_free(m);
}

/* ---- the per-CPU lists -------------------------------------------------- */

/*
 * The first Reclaimable order-0 allocation: the pcp list is empty, so
 * rmqueue_bulk runs __rmqueue batch times.  There are no Reclaimable
 * blocks yet; __rmqueue_fallback takes the largest block of a fallback
 * type (Unmovable, then Movable), claims its whole pageblock, and the
 * splits hand out B, B+1, B+2, ... in ascending order.  The list reads
 * B, B+1, ... from its head; a hot allocation takes B, a cold one the
 * tail.
 */
static void
test_pcp_refill(void **state)
{
	struct machine *m = small_machine();
	struct zone *z = NORMAL(m);
	struct per_cpu_pages *pcp = &z->pcp[0];
	u32 list = pcp->lists[MIGRATE_RECLAIMABLE], pfns[64], B = PFN_NONE;
	long before = z->vm_stat[NR_FREE_PAGES], pfn;
	int count0 = pcp->count, o, i, batch = pcp->batch;
	unsigned n;

	assert_true(plist_empty(m, list));
	assert_int_equal(batch, zone_batchsize(z->present_pages));
	assert_true(batch > 1);
	for (o = MAX_ORDER - 1; o >= 0 && B == PFN_NONE; o--) {
		B = list_head_pfn(m, z, o, MIGRATE_UNMOVABLE);
		if (B == PFN_NONE)
			B = list_head_pfn(m, z, o, MIGRATE_MOVABLE);
	}
	/* a whole free pageblock */
	assert_int_equal(o + 1, MAX_ORDER - 1);

	pfn = alloc_ok(m, GFP_TEMPORARY, 0);
	assert_int_equal(pfn, B);
	assert_true(m->last_alloc.pcp);
	assert_true(m->last_alloc.fallback);
	assert_int_equal(m->last_alloc.refilled, batch);
	assert_int_equal(pcp->count, count0 + batch - 1);
	assert_int_equal(z->vm_stat[NR_FREE_PAGES], before - batch);
	assert_int_equal(get_pageblock_migratetype(m, B), MIGRATE_RECLAIMABLE);
	n = unit_list_pfns(m, list, pfns, ARRAY_SIZE(pfns));
	assert_int_equal(n, (unsigned)batch - 1);
	for (i = 0; i < (int)n; i++)
		assert_int_equal(pfns[i], B + 1 + (u32)i);

	/* hot takes the head, cold the tail; no refill while pages remain */
	pfn = alloc_ok(m, GFP_TEMPORARY, 0);
	assert_int_equal(pfn, B + 1);
	assert_int_equal(m->last_alloc.refilled, 0);
	pfn = alloc_ok(m, GFP_TEMPORARY | __GFP_COLD, 0);
	assert_int_equal(pfn, B + batch - 1);
	assert_int_equal(pcp->count, count0 + batch - 3);
	assert_int_equal(z->vm_stat[NR_FREE_PAGES], before - batch);
	unit_check(m);
	unit_free(m);
}

/*
 * A cold refill: rmqueue_bulk adds each page before the previous one
 * (list_add_tail on the moving list pointer), so the list reads B+n-1 ..
 * B+1, B from its head, and the cold allocation takes the tail, B.
 */
static void
test_pcp_refill_cold(void **state)
{
	struct machine *m = small_machine();
	struct zone *z = NORMAL(m);
	struct per_cpu_pages *pcp = &z->pcp[0];
	u32 list = pcp->lists[MIGRATE_RECLAIMABLE], pfns[64];
	u32 B = list_head_pfn(m, z, MAX_ORDER - 1, MIGRATE_MOVABLE);
	int batch = pcp->batch, i;
	unsigned n;

	assert_true(B != PFN_NONE);
	assert_int_equal(list_head_pfn(m, z, MAX_ORDER - 1, MIGRATE_UNMOVABLE),
			 PFN_NONE);
	assert_int_equal(alloc_ok(m, GFP_TEMPORARY | __GFP_COLD, 0), B);
	assert_int_equal(m->last_alloc.refilled, batch);
	n = unit_list_pfns(m, list, pfns, ARRAY_SIZE(pfns));
	assert_int_equal(n, (unsigned)batch - 1);
	for (i = 0; i < (int)n; i++)
		assert_int_equal(pfns[i], B + (u32)batch - 1 - (u32)i);
	unit_free(m);
}

/*
 * 2.6.32's free_pcppages_bulk: lists are visited round-robin starting
 * after the last one (Reclaimable, Movable, Unmovable, ...); batch_free
 * grows by one for every list looked at, so a list found after empty
 * ones gives that many pages at once; pages leave from the tail.  A
 * reference model of the lists must agree with the engine page for page.
 */
struct ref_pcp {
	u32 pfn[MIGRATE_PCPTYPES][64];	/* head first */
	unsigned n[MIGRATE_PCPTYPES];
};

static void
ref_free_pcppages_bulk(struct ref_pcp *r, int count)
{
	int mt = 0, batch_free = 0;

	while (count) {
		do {
			batch_free++;
			if (++mt == MIGRATE_PCPTYPES)
				mt = 0;
		} while (r->n[mt] == 0);
		do {
			r->n[mt]--;		/* the tail */
		} while (--count && --batch_free && r->n[mt]);
	}
}

static void
ref_push(struct ref_pcp *r, int mt, u32 pfn)
{
	memmove(&r->pfn[mt][1], &r->pfn[mt][0], r->n[mt] * sizeof(u32));
	r->pfn[mt][0] = pfn;
	r->n[mt]++;
}

static void
test_pcp_drain_round_robin(void **state)
{
	struct machine *m = small_machine();
	struct zone *z = NORMAL(m);
	struct per_cpu_pages *pcp = &z->pcp[0];
	static const gfp_t kinds[MIGRATE_PCPTYPES] = {
		GFP_KERNEL, GFP_TEMPORARY, GFP_HIGHUSER_MOVABLE
	};
	/* how many pages of each type, and the order of the frees */
	static const unsigned want[MIGRATE_PCPTYPES] = { 21, 3, 17 };
	struct ref_pcp r;
	long pages[MIGRATE_PCPTYPES][32], last;
	unsigned i, k, left[MIGRATE_PCPTYPES];
	int mt;

	assert_int_equal(pcp->high, 42);	/* 128 MiB: batch 7 */
	drain_all_pages(m);
	for (mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
		for (i = 0; i < want[mt]; i++)
			pages[mt][i] = alloc_ok(m, kinds[mt], 0);
		left[mt] = want[mt];
	}
	last = alloc_ok(m, GFP_KERNEL, 0);
	drain_all_pages(m);
	memset(&r, 0, sizeof(r));
	/* interleave the frees: U R M U R M ... while each type lasts */
	for (k = 0; k < 21; k++)
		for (mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
			long pfn;

			if (!left[mt])
				continue;
			pfn = pages[mt][want[mt] - left[mt]--];
			assert_int_equal(get_pageblock_migratetype(m, (u32)pfn),
					 mt);
			free_ok(m, pfn, 0);
			ref_push(&r, mt, (u32)pfn);
		}
	assert_int_equal(pcp->count, 41);
	/* the 42nd page reaches high: 7 pages go back */
	free_ok(m, last, 0);
	ref_push(&r, MIGRATE_UNMOVABLE, (u32)last);
	assert_int_equal(m->last_free.drained, 7);
	ref_free_pcppages_bulk(&r, 7);
	assert_int_equal(r.n[MIGRATE_RECLAIMABLE], 0);	/* 3 R, 2 M, 2 U */
	for (mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
		u32 got[64];
		unsigned n = unit_list_pfns(m, pcp->lists[mt], got, 64);

		if (n != r.n[mt])
			fail_msg("%s pcp list: %u pages, the model has %u",
				 migratetype_names[mt], n, r.n[mt]);
		for (i = 0; i < n; i++)
			assert_int_equal(got[i], r.pfn[mt][i]);
	}
	assert_int_equal(pcp->count, 35);
	unit_free(m);
}

/* pgalloc_* counts pages when they are handed out, pgfree when they come
 * back, whatever path they take. */
static void
test_alloc_free_counters(void **state)
{
	struct machine *m = unit_boot_mem(MiB(128), "highmem=32M", NULL);
	unsigned long a0 = m->vm_events[PGALLOC_NORMAL];
	unsigned long h0 = m->vm_events[PGALLOC_HIGH];
	unsigned long d0 = m->vm_events[PGALLOC_DMA];
	unsigned long f0 = m->vm_events[PGFREE];
	long p[4];

	p[0] = alloc_ok(m, GFP_KERNEL, 0);
	p[1] = alloc_ok(m, GFP_KERNEL, 3);
	p[2] = alloc_ok(m, GFP_HIGHUSER, 2);
	p[3] = alloc_ok(m, GFP_DMA, 1);
	assert_int_equal(m->vm_events[PGALLOC_NORMAL], a0 + 1 + 8);
	assert_int_equal(m->vm_events[PGALLOC_HIGH], h0 + 4);
	assert_int_equal(m->vm_events[PGALLOC_DMA], d0 + 2);
	assert_int_equal(m->vm_events[PGFREE], f0);
	free_ok(m, p[0], 0);
	free_ok(m, p[1], 3);
	free_ok(m, p[2], 2);
	free_ok(m, p[3], 1);
	assert_int_equal(m->vm_events[PGFREE], f0 + 1 + 8 + 4 + 2);
	unit_free(m);
}

/*
 * Frees push pages on the pcp list; when count reaches high,
 * free_pcppages_bulk gives batch pages back to the buddy lists, the oldest
 * (the list's tail) first, and NR_FREE_PAGES grows by batch.
 */
static void
test_pcp_drain_at_high(void **state)
{
	struct machine *m = small_machine();
	struct zone *z = NORMAL(m);
	struct per_cpu_pages *pcp = &z->pcp[0];
	struct live *l = live_new();
	int drains = 0, mt;
	unsigned i;

	drain_all_pages(m);
	assert_int_equal(unit_pcp_pages(m, NULL), 0);
	unit_check(m);
	for (i = 0; i < 4u * (unsigned)pcp->high; i++)
		live_push(l, alloc_ok(m, GFP_KERNEL, 0), 0);
	drain_all_pages(m);
	mt = get_pageblock_migratetype(m, (u32)l->pfn[0]);
	for (i = 0; i < l->n; i++)
		assert_int_equal(get_pageblock_migratetype(m, (u32)l->pfn[i]),
				 mt);
	assert_true(mt < MIGRATE_PCPTYPES);

	for (i = 0; i < l->n; i++) {
		u32 old[256], now[256];
		unsigned n_old, n_now, j;
		int c = pcp->count;
		long nfree = z->vm_stat[NR_FREE_PAGES];

		n_old = unit_list_pfns(m, pcp->lists[mt], old, 256);
		free_ok(m, l->pfn[i], 0);
		assert_true(m->last_free.pcp);
		n_now = unit_list_pfns(m, pcp->lists[mt], now, 256);
		assert_int_equal(now[0], (u32)l->pfn[i]);	/* hot: head */
		if (c + 1 >= pcp->high) {
			drains++;
			assert_int_equal(m->last_free.drained, pcp->batch);
			assert_int_equal(pcp->count, c + 1 - pcp->batch);
			assert_int_equal(z->vm_stat[NR_FREE_PAGES],
					 nfree + pcp->batch);
			/* the newest stay, the batch oldest went */
			assert_int_equal(n_now,
					 n_old + 1 - (unsigned)pcp->batch);
			for (j = 1; j < n_now; j++)
				assert_int_equal(now[j], old[j - 1]);
		} else {
			assert_int_equal(m->last_free.drained, 0);
			assert_int_equal(pcp->count, c + 1);
			assert_int_equal(z->vm_stat[NR_FREE_PAGES], nfree);
			assert_int_equal(n_now, n_old + 1);
		}
	}
	assert_true(drains >= 3);
	unit_check(m);
	unit_free(m);
}

/* DMA's pcp has high 0 and batch 1: every page passes straight through. */
static void
test_dma_pcp_pass_through(void **state)
{
	struct machine *m = small_machine();
	struct zone *z = &m->zones[ZONE_DMA];
	long pfn, before = z->vm_stat[NR_FREE_PAGES];

	assert_int_equal(z->batch, 0);
	assert_int_equal(z->pcp[0].high, 0);
	assert_int_equal(z->pcp[0].batch, 1);
	pfn = alloc_ok(m, GFP_DMA, 0);
	assert_true(pfn < 0x1000);
	assert_int_equal(m->last_alloc.zone, ZONE_DMA);
	assert_int_equal(m->last_alloc.refilled, 1);
	assert_int_equal(z->pcp[0].count, 0);
	assert_int_equal(z->vm_stat[NR_FREE_PAGES], before - 1);
	free_ok(m, pfn, 0);
	assert_int_equal(m->last_free.drained, 1);
	assert_int_equal(z->pcp[0].count, 0);
	assert_int_equal(z->vm_stat[NR_FREE_PAGES], before);
	unit_check(m);
	unit_free(m);
}

static void
test_drain_all_pages(void **state)
{
	struct boot_config bc;
	struct machine *m;
	unsigned long pcp, free0;
	int c, i;

	boot_config_default(&bc);
	unit_plain_map(&bc.bios, MiB(128));
	bc.bios_vendor[0] = '\0';
	bc.nr_cpus = 4;
	m = unit_boot(&bc);
	/* spread some pages over the CPUs' lists */
	for (c = 0; c < 4; c++) {
		long p[20];

		m->this_cpu = c;
		for (i = 0; i < 20; i++)
			p[i] = alloc_ok(m, GFP_KERNEL, 0);
		for (i = 0; i < 20; i++)
			free_ok(m, p[i], 0);
	}
	m->this_cpu = 0;
	pcp = unit_pcp_pages(m, NULL);
	free0 = nr_free_pages(m);
	assert_true(pcp > 0);
	drain_all_pages(m);
	assert_int_equal(unit_pcp_pages(m, NULL), 0);
	assert_int_equal(nr_free_pages(m), free0 + pcp);
	/* all free but the slab allocator's pages from boot */
	assert_int_equal(nr_free_pages(m) + nr_slab_pages(m),
			 m->totalram_pages);
	unit_check(m);
	unit_free(m);
}

/* ---- zone_watermark_ok -------------------------------------------------- */

/* The spec's arithmetic, written out. */
static bool
ref_watermark_ok(const struct zone *z, unsigned order, long mark, int cz,
		 int flags)
{
	long min = mark;
	long free = z->vm_stat[NR_FREE_PAGES] - (1L << order) + 1;
	unsigned o;

	if (flags & UNIT_ALLOC_HIGH)
		min -= min / 2;
	if (flags & UNIT_ALLOC_HARDER)
		min -= min / 4;
	if (free <= min + (long)z->lowmem_reserve[cz])
		return false;
	for (o = 0; o < order; o++) {
		free -= (long)z->free_area[o].nr_free << o;
		min >>= 1;
		if (free <= min)
			return false;
	}
	return true;
}

static void
test_watermark_ok_crafted(void **state)
{
	struct machine *m = unit_boot_mem(MiB(64), NULL, NULL);
	struct zone z;
	u64 rng = 0x9e3779b97f4a7c15ull;
	int i;

	memset(&z, 0, sizeof(z));
	/* order 0: free must exceed mark + lowmem_reserve[classzone] */
	z.vm_stat[NR_FREE_PAGES] = 51;
	assert_true(zone_watermark_ok(m, &z, 0, 50, 0, 0));
	z.vm_stat[NR_FREE_PAGES] = 50;
	assert_false(zone_watermark_ok(m, &z, 0, 50, 0, 0));
	z.lowmem_reserve[1] = 10;
	z.vm_stat[NR_FREE_PAGES] = 60;
	assert_true(zone_watermark_ok(m, &z, 0, 50, 0, 0));
	assert_false(zone_watermark_ok(m, &z, 0, 50, 1, 0));
	z.vm_stat[NR_FREE_PAGES] = 61;
	assert_true(zone_watermark_ok(m, &z, 0, 50, 1, 0));
	z.lowmem_reserve[1] = 0;
	/* ALLOC_HIGH halves the mark, ALLOC_HARDER takes a quarter off */
	z.vm_stat[NR_FREE_PAGES] = 26;
	assert_true(zone_watermark_ok(m, &z, 0, 50, 0, UNIT_ALLOC_HIGH));
	z.vm_stat[NR_FREE_PAGES] = 25;
	assert_false(zone_watermark_ok(m, &z, 0, 50, 0, UNIT_ALLOC_HIGH));
	z.vm_stat[NR_FREE_PAGES] = 39;
	assert_true(zone_watermark_ok(m, &z, 0, 50, 0, UNIT_ALLOC_HARDER));
	z.vm_stat[NR_FREE_PAGES] = 38;
	assert_false(zone_watermark_ok(m, &z, 0, 50, 0, UNIT_ALLOC_HARDER));
	/* 50 - 25 = 25, then - 25/4 = 19 */
	z.vm_stat[NR_FREE_PAGES] = 20;
	assert_true(zone_watermark_ok(m, &z, 0, 50, 0,
				      UNIT_ALLOC_HIGH | UNIT_ALLOC_HARDER));
	z.vm_stat[NR_FREE_PAGES] = 19;
	assert_false(zone_watermark_ok(m, &z, 0, 50, 0,
				       UNIT_ALLOC_HIGH | UNIT_ALLOC_HARDER));
	/* order 2: 100 - 4 + 1 = 97 > 40; minus 50 order-0 pages = 47 > 20;
	 * minus 10 order-1 blocks = 27 > 10: ok.  19 order-1 blocks: 9 <= 10 */
	z.vm_stat[NR_FREE_PAGES] = 100;
	z.free_area[0].nr_free = 50;
	z.free_area[1].nr_free = 10;
	assert_true(zone_watermark_ok(m, &z, 2, 40, 0, 0));
	z.free_area[1].nr_free = 19;
	assert_false(zone_watermark_ok(m, &z, 2, 40, 0, 0));
	/* too few order-0 pages left over: 97 - 78 = 19 <= 20 */
	z.free_area[0].nr_free = 78;
	z.free_area[1].nr_free = 0;
	assert_false(zone_watermark_ok(m, &z, 2, 40, 0, 0));

	/* and a sweep against the spec's formula */
	for (i = 0; i < 20000; i++) {
		unsigned order, o;
		long mark;
		int cz, flags;
		bool want, got;

		rng ^= rng << 13;
		rng ^= rng >> 7;
		rng ^= rng << 17;
		memset(&z, 0, sizeof(z));
		order = (unsigned)(rng % MAX_ORDER);
		mark = (long)((rng >> 8) % 3000);
		cz = (int)((rng >> 20) % MAX_NR_ZONES);
		flags = (int)((rng >> 24) & 3) << 4;	/* HARDER, HIGH */
		z.lowmem_reserve[cz] = (u32)((rng >> 28) % 500);
		z.vm_stat[NR_FREE_PAGES] = (long)((rng >> 36) % 6000);
		for (o = 0; o < MAX_ORDER; o++)
			z.free_area[o].nr_free =
				(u32)(((rng >> (o * 3 + 2)) & 63) *
				      (z.vm_stat[NR_FREE_PAGES] >> 10));
		want = ref_watermark_ok(&z, order, mark, cz, flags);
		got = zone_watermark_ok(m, &z, order, (unsigned long)mark, cz,
					flags);
		if (want != got)
			fail_msg("order %u mark %ld cz %d flags 0x%x free %ld: got %d, expected %d",
				 order, mark, cz, flags,
				 z.vm_stat[NR_FREE_PAGES], got, want);
	}
	unit_free(m);
}

/* ---- zones by GFP ------------------------------------------------------- */

static void
test_gfp_zone_selection(void **state)
{
	/* 128 MiB with highmem=32M: DMA, Normal and HighMem all present */
	struct machine *m = unit_boot_mem(MiB(128), "highmem=32M", NULL);
	static const struct {
		gfp_t gfp;
		int zone;
	} cases[] = {
		{ GFP_DMA, ZONE_DMA }, { GFP_DMA | __GFP_ZERO, ZONE_DMA },
		{ GFP_KERNEL, ZONE_NORMAL }, { GFP_ATOMIC, ZONE_NORMAL },
		{ GFP_USER, ZONE_NORMAL }, { GFP_TEMPORARY, ZONE_NORMAL },
		{ GFP_HIGHUSER, ZONE_HIGHMEM },
		{ GFP_HIGHUSER_MOVABLE, ZONE_HIGHMEM },
		{ __GFP_HIGHMEM, ZONE_HIGHMEM },
	};
	size_t i;
	unsigned o;

	assert_true(populated_zone(&m->zones[ZONE_HIGHMEM]));
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		for (o = 0; o <= 4; o += 2) {
			long pfn = alloc_ok(m, cases[i].gfp, o);
			const struct zone *z = &m->zones[cases[i].zone];

			if (m->last_alloc.zone != cases[i].zone)
				fail_msg("gfp 0x%x order %u: zone %s, expected %s",
					 cases[i].gfp, o,
					 zone_names[m->last_alloc.zone],
					 zone_names[cases[i].zone]);
			assert_true((u32)pfn >= z->zone_start_pfn);
			assert_true((u32)pfn + (1u << o) <=
				    z->zone_start_pfn + z->spanned_pages);
			assert_int_equal(page_zonenum(&m->mem_map[pfn]),
					 cases[i].zone);
			free_ok(m, pfn, o);
		}
	}
	unit_check(m);
	unit_free(m);

	/* without highmem, highmem requests are served by Normal */
	m = small_machine();
	assert_false(populated_zone(&m->zones[ZONE_HIGHMEM]));
	free_ok(m, alloc_ok(m, GFP_HIGHUSER_MOVABLE, 0), 0);
	assert_int_equal(m->last_alloc.zone, ZONE_NORMAL);
	unit_free(m);

	assert_int_equal(gfp_zone(GFP_DMA), ZONE_DMA);
	assert_int_equal(gfp_zone(GFP_KERNEL), ZONE_NORMAL);
	assert_int_equal(gfp_zone(GFP_HIGHUSER), ZONE_HIGHMEM);
	assert_int_equal(gfp_zone(GFP_HIGHUSER_MOVABLE), ZONE_MOVABLE);
	assert_int_equal(allocflags_to_migratetype(GFP_KERNEL),
			 MIGRATE_UNMOVABLE);
	assert_int_equal(allocflags_to_migratetype(GFP_TEMPORARY),
			 MIGRATE_RECLAIMABLE);
	assert_int_equal(allocflags_to_migratetype(GFP_HIGHUSER_MOVABLE),
			 MIGRATE_MOVABLE);
}

/* HighMem allocations fall back to Normal once HighMem is at its low
 * watermark, and the zone passed over is recorded. */
static void
test_fallback_below_watermark(void **state)
{
	struct machine *m = unit_boot_mem(MiB(128), "highmem=32M", NULL);
	struct zone *hz = &m->zones[ZONE_HIGHMEM];
	struct live *l = live_new();
	struct unit_snap s0, s1;
	long pfn;

	unit_snap(m, &s0);
	for (;;) {
		/* the fast path's test, made before the allocation */
		bool high_ok = ref_watermark_ok(hz, 0, hz->watermark[WMARK_LOW],
						ZONE_HIGHMEM, 0);

		pfn = alloc_ok(m, GFP_HIGHUSER, 0);
		live_push(l, pfn, 0);
		if (high_ok) {
			assert_int_equal(m->last_alloc.zone, ZONE_HIGHMEM);
			assert_int_equal(m->last_alloc.skipped, 0);
		} else {
			assert_int_equal(m->last_alloc.zone, ZONE_NORMAL);
			assert_true(m->last_alloc.skipped &
				    (1u << ZONE_HIGHMEM));
			assert_false(m->last_alloc.slowpath);
			break;
		}
		assert_true(l->n < 100000);
	}
	assert_true(hz->vm_stat[NR_FREE_PAGES] <=
		    (long)hz->watermark[WMARK_LOW]);
	assert_true(l->n > 1000);
	unit_check(m);
	/* all back, and the pcp lists drained: the boot's free pages plus
	 * what boot had left on the pcp lists */
	live_free_all(m, l);
	drain_all_pages(m);
	unit_snap(m, &s1);
	{
		unsigned long pcp0 = 0;
		int zi, c;

		for (zi = 0; zi < MAX_NR_ZONES; zi++)
			for (c = 0; c < VMDB_MAX_CPUS; c++)
				pcp0 += (unsigned long)s0.pcp_count[zi][c];
		assert_int_equal(s1.nr_free_pages, s0.nr_free_pages + pcp0);
	}
	unit_check(m);
	unit_free(m);
}

/*
 * Exhausting lowmem: GFP_KERNEL fails once every zone of its list is at
 * its min mark (lowmem_reserve included); GFP_ATOMIC (__GFP_HIGH, no
 * __GFP_WAIT: ALLOC_HIGH | ALLOC_HARDER) still gets pages below it; GFP_DMA
 * never leaves DMA.  A failure prints the kernel's warning and changes
 * nothing.
 */
static void
test_exhaustion_and_atomic_reserves(void **state)
{
	struct machine *m = small_machine();
	struct zone *dma = &m->zones[ZONE_DMA], *nz = NORMAL(m);
	struct live *l = live_new();
	struct unit_snap s0, s1;
	unsigned long total0;
	long pfn;
	int atomic = 0;

	drain_all_pages(m);
	total0 = nr_free_pages(m);
	while ((pfn = alloc_pages(m, GFP_KERNEL, 0)) >= 0) {
		assert_int_equal(m->last_alloc.zone == ZONE_DMA ||
				 m->last_alloc.zone == ZONE_NORMAL, 1);
		live_push(l, pfn, 0);
	}
	assert_int_equal(pfn, -ENOMEM);
	assert_true(m->why[0] != '\0');
	assert_log_line(m, "swapper: page allocation failure. order:0, mode:0xd0");
	assert_false(ref_watermark_ok(nz, 0, nz->watermark[WMARK_MIN],
				      ZONE_NORMAL, 0));
	assert_false(ref_watermark_ok(dma, 0, dma->watermark[WMARK_MIN],
				      ZONE_NORMAL, 0));
	/* a failed allocation leaves the machine as it was */
	unit_snap(m, &s0);
	assert_int_equal(alloc_pages(m, GFP_KERNEL | __GFP_NOWARN, 0), -ENOMEM);
	unit_snap(m, &s1);
	unit_assert_snap_equal(&s0, &s1, true);

	while ((pfn = alloc_pages(m, GFP_ATOMIC, 0)) >= 0) {
		assert_true(m->last_alloc.slowpath);
		live_push(l, pfn, 0);
		atomic++;
	}
	assert_true(atomic > 0);
	assert_false(ref_watermark_ok(nz, 0, nz->watermark[WMARK_MIN],
				      ZONE_NORMAL,
				      UNIT_ALLOC_HIGH | UNIT_ALLOC_HARDER));
	unit_check(m);

	/* DMA allocations come only from DMA, down to its own min mark */
	while ((pfn = alloc_pages(m, GFP_DMA, 0)) >= 0) {
		assert_int_equal(m->last_alloc.zone, ZONE_DMA);
		assert_true(pfn < 0x1000);
		live_push(l, pfn, 0);
	}
	assert_false(ref_watermark_ok(dma, 0, dma->watermark[WMARK_MIN],
				      ZONE_DMA, UNIT_ALLOC_HARDER));

	live_free_all(m, l);
	drain_all_pages(m);
	assert_int_equal(nr_free_pages(m), total0);
	unit_check(m);
	unit_free(m);
}

/* ---- refused frees ------------------------------------------------------ */

#define REFUSED(m, pfn, order, err, word)				\
	do {								\
		struct unit_snap a_, b_;				\
		int r_;							\
									\
		unit_snap((m), &a_);					\
		r_ = free_pages_checked((m), (u32)(pfn), (order));	\
		if (r_ != (err))					\
			fail_msg("free_pages_checked(0x%lx, %u) = %d, expected %d (%s)", \
				 (long)(pfn), (unsigned)(order), r_, (err), \
				 (m)->why);				\
		if (!strstr((m)->why, (word)))				\
			fail_msg("reason '%s' does not mention '%s'",	\
				 (m)->why, (word));			\
		unit_snap((m), &b_);					\
		unit_assert_snap_equal(&a_, &b_, true);			\
		unit_check(m);						\
	} while (0)

static void
test_free_refusals(void **state)
{
	struct machine *m = small_machine();
	struct zone *z = NORMAL(m);
	long a, p;
	u32 freepfn;

	a = alloc_ok(m, GFP_KERNEL, 3);
	p = alloc_ok(m, GFP_KERNEL, 0);
	REFUSED(m, a, 2, -EINVAL, "order 3");		/* wrong order */
	REFUSED(m, a, 4, -EINVAL, "order 3");
	REFUSED(m, a + 1, 0, -EINVAL, "0x");		/* tail page */
	REFUSED(m, a + 4, 2, -EINVAL, "0x");
	REFUSED(m, 0, 0, -EINVAL, "reserved");		/* BIOS page */
	REFUSED(m, 0x1000, 0, -EINVAL, "reserved");	/* kernel text */
	REFUSED(m, m->max_mapnr, 0, -EINVAL, "beyond");
	REFUSED(m, 0xffffffffu, 0, -EINVAL, "beyond");
	REFUSED(m, a, MAX_ORDER, -EINVAL, "order");
	freepfn = list_head_pfn(m, z, MAX_ORDER - 1, MIGRATE_MOVABLE);
	assert_true(!(freepfn & LIST_HEAD_BIT));
	REFUSED(m, freepfn, MAX_ORDER - 1, -EINVAL, "free");	/* in buddy */

	/* more references than this free drops; flags that forbid freeing */
	m->mem_map[p]._count = 2;
	REFUSED(m, p, 0, -EBUSY, "references");
	m->mem_map[p]._count = 1;
	page_set(&m->mem_map[p], PG_locked);	/* (PG_lru: not on a list) */
	REFUSED(m, p, 0, -EBUSY, "flags");
	page_clear(&m->mem_map[p], PG_locked);

	/* double frees: the page on a pcp list, the block in the buddy */
	free_ok(m, p, 0);
	REFUSED(m, p, 0, -EINVAL, "free");
	free_ok(m, a, 3);
	REFUSED(m, a, 3, -EINVAL, "free");
	REFUSED(m, a, 0, -EINVAL, "0x");
	unit_free(m);
}

/* A tail page of a live block is not "free": the refusal should say what
 * it is, the inside of the block at its head. */
static void
test_free_tail_page_names_its_block(void **state)
{
	struct machine *m = small_machine();
	long a = alloc_ok(m, GFP_KERNEL, 3);
	char want[96];

	assert_int_equal(free_pages_checked(m, (u32)a + 3, 0), -EINVAL);
	snprintf(want, sizeof(want), "inside the order-3 block at 0x%lx", a);
	if (!strstr(m->why, want))
		fail_msg("reason '%s' does not say '%s'", m->why, want);
	free_ok(m, a, 3);
	unit_free(m);
}

/* Below the first RAM page (the low 64K of an AMI BIOS box) there is no
 * RAM at all; a refusal should not call such a frame "free". */
static void
test_free_below_ram_is_not_free(void **state)
{
	struct machine *m = unit_boot_preset("pc-1g", NULL, NULL);
	struct unit_snap a, b;

	assert_int_equal(m->zones[ZONE_DMA].zone_start_pfn, 0x10);
	unit_snap(m, &a);
	assert_int_equal(free_pages_checked(m, 0x5, 0), -EINVAL);
	unit_snap(m, &b);
	unit_assert_snap_equal(&a, &b, true);
	if (strstr(m->why, "is free"))
		fail_msg("pfn 0x5 is not RAM, but the refusal says: %s", m->why);
	unit_free(m);
}

static void
test_order_too_big(void **state)
{
	struct machine *m = small_machine();
	struct unit_snap s0, s1;

	unit_snap(m, &s0);
	assert_int_equal(alloc_pages(m, GFP_KERNEL, MAX_ORDER), -EINVAL);
	assert_int_equal(alloc_pages(m, GFP_KERNEL, 31), -EINVAL);
	unit_snap(m, &s1);
	unit_assert_snap_equal(&s0, &s1, true);
	unit_free(m);
}

/* __GFP_ZERO clears the page even when it was dirty on the pcp list. */
static void
test_gfp_zero(void **state)
{
	struct machine *m = small_machine();
	long p = alloc_ok(m, GFP_KERNEL, 0), q;
	u8 *mem = phys_to_host(m, PFN_PHYS(p));
	gfp_t gfp;
	int mt, i;

	memset(mem, 0xa5, PAGE_SIZE);
	free_ok(m, p, 0);
	mt = get_pageblock_migratetype(m, (u32)p);
	gfp = mt == MIGRATE_UNMOVABLE ? GFP_KERNEL :
	      mt == MIGRATE_RECLAIMABLE ? GFP_TEMPORARY :
	      GFP_HIGHUSER_MOVABLE;	/* Movable and Reserve */
	q = alloc_ok(m, gfp | __GFP_ZERO, 0);
	assert_int_equal(q, p);			/* hot: the same page */
	for (i = 0; i < (int)PAGE_SIZE; i++)
		if (mem[i])
			fail_msg("byte %d of pfn 0x%lx is 0x%02x after __GFP_ZERO",
				 i, q, mem[i]);
	/* without __GFP_ZERO the old bytes stay */
	memset(mem, 0x5a, PAGE_SIZE);
	free_ok(m, q, 0);
	q = alloc_ok(m, gfp, 0);
	assert_int_equal(q, p);
	assert_int_equal(mem[100], 0x5a);
	free_ok(m, q, 0);
	unit_free(m);
}

/* Two machines side by side share nothing. */
static void
test_two_machines(void **state)
{
	struct machine *a = unit_boot_mem(MiB(64), NULL, NULL);
	struct machine *b = unit_boot_mem(MiB(64), NULL, NULL);
	struct unit_snap sa, sb, sb2;
	long p;
	int i;

	unit_snap(a, &sa);
	unit_snap(b, &sb);
	/* same input, same state */
	unit_assert_snap_equal(&sa, &sb, true);
	for (i = 0; i < 100; i++) {
		p = alloc_ok(a, GFP_KERNEL, (unsigned)(i % 4));
		if (i % 3 == 0)
			free_ok(a, p, (unsigned)(i % 4));
	}
	unit_snap(b, &sb2);
	unit_assert_snap_equal(&sb, &sb2, true);
	unit_check(a);
	unit_check(b);
	unit_free(a);
	unit_free(b);
}

/* ---- GFP names ---------------------------------------------------------- */

static void
format_is(gfp_t gfp, const char *want)
{
	struct strbuf sb;

	sb_init(&sb);
	gfp_format(&sb, gfp);
	if (strcmp(sb.buf, want))
		fail_msg("gfp_format(0x%x) = \"%s\", expected \"%s\"", gfp,
			 sb.buf, want);
	sb_free(&sb);
}

static void
parse_is(const char *s, gfp_t want)
{
	char why[256] = "";
	gfp_t got = 0xdeadbeef;

	if (gfp_parse(s, &got, why, sizeof(why)))
		fail_msg("gfp_parse(\"%s\") failed: %s", s, why);
	if (got != want)
		fail_msg("gfp_parse(\"%s\") = 0x%x, expected 0x%x", s, got, want);
}

/* format then parse gives the mask back; a mask naming two zones
 * (GFP_ZONE_BAD) is printed but refused. */
static void
roundtrip(gfp_t gfp)
{
	struct strbuf sb;
	char why[256] = "";
	gfp_t back = 0xdeadbeef;
	bool bad = (gfp & __GFP_DMA) && (gfp & (__GFP_HIGHMEM | __GFP_DMA32));
	int err;

	sb_init(&sb);
	gfp_format(&sb, gfp);
	err = gfp_parse(sb.buf, &back, why, sizeof(why));
	if (bad ? err == 0 : err || back != gfp)
		fail_msg("0x%x -> \"%s\" -> %d, 0x%x (%s)", gfp, sb.buf, err,
			 back, why);
	sb_free(&sb);
}

static void
test_gfp_names(void **state)
{
	char why[256];
	gfp_t g = 0;
	u32 bit, x = 12345;
	int i;

	assert_int_equal(GFP_KERNEL, 0xd0);
	assert_int_equal(GFP_HIGHUSER_MOVABLE, 0x200da);
	parse_is("GFP_KERNEL", 0xd0);
	parse_is("gfp_kernel", 0xd0);
	parse_is("GFP_DMA|__GFP_ZERO", 0x8001);
	parse_is("GFP_KERNEL|ZERO|GFP_COLD", 0x81d0);
	parse_is("GFP_HIGHUSER_MOVABLE", 0x200da);
	parse_is("GFP_ATOMIC", 0x20);
	parse_is("0xd0", 0xd0);
	parse_is("208", 0xd0);
	parse_is("GFP_NOIO|GFP_NOFS", 0x50);
	parse_is("GFP_NOWAIT", 0);
	parse_is("0", 0);
	assert_true(gfp_parse("GFP_BOGUS", &g, why, sizeof(why)) < 0);
	assert_non_null(strstr(why, "GFP_BOGUS"));
	assert_true(gfp_parse("", &g, why, sizeof(why)) < 0);
	assert_true(gfp_parse("GFP_KERNEL|", &g, why, sizeof(why)) < 0);
	assert_true(gfp_parse("GFP_KERNEL||__GFP_ZERO", &g, why, sizeof(why)) < 0);
	assert_true(gfp_parse("0x100000", &g, why, sizeof(why)) < 0);
	/* two zone modifiers at once: GFP_ZONE_BAD in the kernel */
	assert_true(gfp_parse("GFP_DMA|__GFP_HIGHMEM", &g, why, sizeof(why)) < 0);
	assert_true(gfp_parse("GFP_DMA|__GFP_DMA32", &g, why, sizeof(why)) < 0);

	format_is(GFP_KERNEL, "GFP_KERNEL");
	format_is(GFP_KERNEL | __GFP_ZERO, "GFP_KERNEL|__GFP_ZERO");
	format_is(GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE");
	format_is(GFP_HIGHUSER, "GFP_HIGHUSER");
	format_is(GFP_USER, "GFP_USER");
	format_is(GFP_TEMPORARY, "GFP_TEMPORARY");
	format_is(GFP_ATOMIC, "GFP_ATOMIC");
	format_is(GFP_NOIO, "GFP_NOIO");
	format_is(GFP_NOFS, "GFP_NOFS");
	format_is(GFP_DMA, "GFP_DMA");
	format_is(GFP_DMA | __GFP_ZERO, "__GFP_DMA|__GFP_ZERO");
	format_is(0, "GFP_NOWAIT");	/* GFP_ATOMIC & ~__GFP_HIGH */
	format_is(0x2000, "0x2000");
	format_is(__GFP_COLD | 0x2000, "__GFP_COLD|0x2000");

	/* every single bit, every composite, and a sample of the rest */
	for (bit = 0; bit < 20; bit++)
		roundtrip(1u << bit);
	roundtrip(0);
	roundtrip(GFP_KERNEL);
	roundtrip(GFP_HIGHUSER_MOVABLE | __GFP_ZERO | __GFP_COLD);
	for (i = 0; i < 50000; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		roundtrip(x & __GFP_BITS_MASK);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_split_and_merge),
		UNIT_TEST(test_alloc_free_each_order),
		UNIT_TEST(test_pcp_refill),
		UNIT_TEST(test_pcp_refill_cold),
		UNIT_TEST(test_pcp_drain_round_robin),
		UNIT_TEST(test_alloc_free_counters),
		UNIT_TEST(test_pcp_drain_at_high),
		UNIT_TEST(test_dma_pcp_pass_through),
		UNIT_TEST(test_drain_all_pages),
		UNIT_TEST(test_watermark_ok_crafted),
		UNIT_TEST(test_gfp_zone_selection),
		UNIT_TEST(test_fallback_below_watermark),
		UNIT_TEST(test_exhaustion_and_atomic_reserves),
		UNIT_TEST(test_free_refusals),
		UNIT_TEST(test_free_tail_page_names_its_block),
		UNIT_TEST(test_free_below_ram_is_not_free),
		UNIT_TEST(test_order_too_big),
		UNIT_TEST(test_gfp_zero),
		UNIT_TEST(test_two_machines),
		UNIT_TEST(test_gfp_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
