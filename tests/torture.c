/* tests/torture.c: a seeded random torture of the page allocator.
 *
 * One machine (pc-1g, 2 CPUs: DMA, Normal and HighMem, two sets of pcp
 * lists) takes NR_OPS random operations: allocations of orders 0-10
 * (small orders more often) with GFP_KERNEL, GFP_HIGHUSER(_MOVABLE),
 * GFP_TEMPORARY, GFP_ATOMIC and GFP_DMA, some cold or zeroing; frees of
 * random live blocks on either CPU; frees that must be refused; pcp
 * drains; and now and then a phase that allocates until the allocator
 * says no.  The test keeps its own books and checks, as it goes:
 *
 *   - every block is aligned, inside the zones its GFP mask allows, and
 *     overlaps no live block; __GFP_ZERO blocks read as zero; a block's
 *     first bytes still hold what was written there when it is freed;
 *   - a refused free changes no counter;
 *   - live pages + buddy pages + pcp pages + the slab pages boot left
 *     (NR_SLAB_*) = totalram_pages;
 *   - check_machine() finds nothing, every CHECK_EVERY operations.
 *
 * At the end everything is freed and the pcp lists drained: the free
 * lists must then be exactly those of a twin machine booted the same way
 * and drained (the buddy decomposition of a set of free pages is unique),
 * which holds the boot's free pages plus those boot left on pcp lists.
 * A second twin replays the first operations: same seed, same results.
 *
 * No cmocka: exit 0 or 1, one summary line.  Deterministic: a fixed seed
 * and its own xorshift generator.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/check.h"
#include "vmdb/machine.h"
#include "vmdb/mm.h"
#include "vmdb/out.h"
#include "vmdb/slab.h"
#include "vmdb/util.h"

#define SEED		0x2632c0ffee15beefull
#define NR_OPS		120000
#define CHECK_EVERY	1000
#define FILL_EVERY	20000
#define REPLAY_OPS	10000
#define NO_BLOCK	0xff

struct gfp_choice {
	gfp_t gfp;
	int weight;
};

static const struct gfp_choice gfp_choices[] = {
	{ GFP_KERNEL, 28 },
	{ GFP_HIGHUSER, 14 },
	{ GFP_HIGHUSER_MOVABLE, 20 },
	{ GFP_TEMPORARY, 9 },
	{ GFP_ATOMIC, 10 },
	{ GFP_DMA, 5 },
	{ GFP_KERNEL | __GFP_ZERO, 5 },
	{ GFP_HIGHUSER | __GFP_COLD, 5 },
	{ GFP_DMA | __GFP_ZERO, 2 },
	{ GFP_ATOMIC | __GFP_COLD, 2 },
};

/* Order weights: 0 most, 10 least. */
static const int order_weight[MAX_ORDER] = {
	40, 15, 12, 10, 6, 5, 4, 3, 2, 2, 1
};

struct block {
	u32 pfn;
	u8 order;
	u8 sig;			/* a signature was written */
};

struct torture {
	struct machine *m;
	u64 rng;
	struct block *live;
	u32 nlive, cap;
	unsigned long live_pages;
	u8 *head_order;		/* order of the live block at a pfn */
	u8 *owned;		/* 1 for every page of a live block */
	u64 hash;		/* of every result, for the replay */
	u64 hash_at_replay;
	unsigned long ops, allocs, frees, failed, refused, fills, checks;
	unsigned long drains, zeroed;
};

static void __attribute__((noreturn, format(printf, 2, 3)))
die(struct torture *t, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "torture: after %lu operations (seed %#llx): ", t->ops,
		(unsigned long long)SEED);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static u64
next(struct torture *t)
{
	t->rng ^= t->rng << 13;
	t->rng ^= t->rng >> 7;
	t->rng ^= t->rng << 17;
	return t->rng;
}

static u32
below(struct torture *t, u32 n)
{
	return (u32)(next(t) % n);
}

static void
mix(struct torture *t, u64 v)
{
	t->hash = (t->hash ^ v) * 0x100000001b3ull;
}

static unsigned
pick_order(struct torture *t)
{
	u32 r = below(t, 100), acc = 0;
	unsigned o;

	for (o = 0; o < MAX_ORDER; o++) {
		acc += (u32)order_weight[o];
		if (r < acc)
			return o;
	}
	return 0;
}

static gfp_t
pick_gfp(struct torture *t)
{
	u32 total = 0, r, acc = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(gfp_choices); i++)
		total += (u32)gfp_choices[i].weight;
	r = below(t, total);
	for (i = 0; i < ARRAY_SIZE(gfp_choices); i++) {
		acc += (u32)gfp_choices[i].weight;
		if (r < acc)
			return gfp_choices[i].gfp;
	}
	return GFP_KERNEL;
}

static void
check_now(struct torture *t)
{
	struct machine *m = t->m;
	unsigned long pcp = 0;
	struct out o;
	int i, c, n;

	out_init_buf(&o);
	n = check_machine(m, &o);
	if (n)
		die(t, "check_machine found %d broken invariants:\n%s", n,
		    o.sb.buf);
	out_done(&o);
	for (i = 0; i < MAX_NR_ZONES; i++)
		for (c = 0; c < m->nr_cpus; c++)
			pcp += (unsigned long)m->zones[i].pcp[c].count;
	if (t->live_pages + nr_free_pages(m) + pcp + nr_slab_pages(m) !=
	    m->totalram_pages)
		die(t, "pages lost: %lu live + %lu free + %lu on pcp lists + %lu slab != %lu",
		    t->live_pages, nr_free_pages(m), pcp, nr_slab_pages(m),
		    m->totalram_pages);
	t->checks++;
}

static u32
signature(u32 pfn)
{
	return pfn * 2654435761u ^ 0x5a5a1234u;
}

/* Allocates and books one block; returns false when the allocator said
 * -ENOMEM. */
static bool
do_alloc(struct torture *t, gfp_t gfp, unsigned order)
{
	struct machine *m = t->m;
	long pfn;
	u32 i, n = 1u << order;
	int zone;
	struct block *b;

	pfn = alloc_pages(m, gfp, order);
	mix(t, (u64)pfn ^ ((u64)order << 40) ^ ((u64)gfp << 44));
	if (pfn == -ENOMEM) {
		t->failed++;
		return false;
	}
	if (pfn < 0)
		die(t, "alloc_pages(%#x, %u) = %ld (%s)", gfp, order, pfn,
		    m->why);
	t->allocs++;
	if ((u32)pfn & (n - 1))
		die(t, "order-%u block at pfn %#lx is not aligned", order, pfn);
	if ((u32)pfn + n > m->max_mapnr)
		die(t, "block %#lx+%u is beyond the last frame", pfn, n);
	zone = page_zonenum(&m->mem_map[pfn]);
	if (zone != m->last_alloc.zone)
		die(t, "pfn %#lx is in %s, last_alloc says %s", pfn,
		    zone_names[zone], zone_names[m->last_alloc.zone]);
	if ((gfp & __GFP_DMA) && zone != ZONE_DMA)
		die(t, "GFP_DMA block %#lx in %s", pfn, zone_names[zone]);
	if (!(gfp & __GFP_HIGHMEM) && zone == ZONE_HIGHMEM)
		die(t, "lowmem request %#x got HighMem pfn %#lx", gfp, pfn);
	for (i = 0; i < n; i++) {
		struct page *p = &m->mem_map[pfn + i];

		if (t->owned[pfn + i])
			die(t, "pfn %#x handed out twice (order-%u block %#lx)",
			    (u32)pfn + i, order, pfn);
		if (page_test(p, PG_buddy) || page_test(p, PG_reserved) ||
		    page_zonenum(p) != zone)
			die(t, "allocated pfn %#x has flags %#x", (u32)pfn + i,
			    p->flags);
		t->owned[pfn + i] = 1;
	}
	if (m->mem_map[pfn]._count != 1)
		die(t, "new block %#lx has _count %d", pfn, m->mem_map[pfn]._count);
	if (gfp & __GFP_ZERO) {
		const u8 *mem = phys_to_host(m, PFN_PHYS(pfn));
		size_t j;

		for (j = 0; j < (size_t)n * PAGE_SIZE; j += 509)
			if (mem[j])
				die(t, "__GFP_ZERO block %#lx has byte %#x at %zu",
				    pfn, mem[j], j);
		t->zeroed++;
	}
	if (t->nlive == t->cap)
		die(t, "more live blocks than pages");
	b = &t->live[t->nlive++];
	b->pfn = (u32)pfn;
	b->order = (u8)order;
	/* a signature in one block in 8 keeps the host's RSS small */
	b->sig = !(b->pfn & (7u << order));
	if (b->sig) {
		u32 s = signature(b->pfn);

		memcpy(phys_to_host(m, PFN_PHYS(pfn)), &s, sizeof(s));
	}
	t->head_order[pfn] = (u8)order;
	t->live_pages += n;
	return true;
}

static void
do_free(struct torture *t, u32 idx)
{
	struct machine *m = t->m;
	struct block b = t->live[idx];
	u32 i, n = 1u << b.order;
	int err;

	if (b.sig) {
		u32 s;

		memcpy(&s, phys_to_host(m, PFN_PHYS(b.pfn)), sizeof(s));
		if (s != signature(b.pfn))
			die(t, "live block %#x lost its contents", b.pfn);
	}
	m->this_cpu = (int)below(t, (u32)m->nr_cpus);
	if (below(t, 10) == 0) {
		__free_pages(m, b.pfn, b.order);	/* the unchecked path */
	} else {
		err = free_pages_checked(m, b.pfn, b.order);
		if (err)
			die(t, "free_pages_checked(%#x, %u) = %d: %s", b.pfn,
			    b.order, err, m->why);
	}
	mix(t, b.pfn ^ ((u64)m->last_free.merged_order << 32));
	for (i = 0; i < n; i++)
		t->owned[b.pfn + i] = 0;
	t->head_order[b.pfn] = NO_BLOCK;
	t->live_pages -= n;
	t->live[idx] = t->live[--t->nlive];
	t->frees++;
}

/* A free the allocator must refuse, leaving every counter as it was. */
static void
do_bad_free(struct torture *t)
{
	struct machine *m = t->m;
	unsigned long free0 = nr_free_pages(m), pgfree = m->vm_events[PGFREE];
	u32 pfn;
	unsigned order;
	int err;

	if (t->nlive && below(t, 2)) {
		struct block *b = &t->live[below(t, t->nlive)];

		if (b->order == 0)
			return;
		if (below(t, 2)) {
			pfn = b->pfn;
			order = b->order - 1 - below(t, b->order);
		} else {
			pfn = b->pfn + 1 + below(t, (1u << b->order) - 1);
			order = below(t, MAX_ORDER);
		}
	} else {
		pfn = below(t, m->max_mapnr + 16);
		order = below(t, MAX_ORDER + 1);
		if (pfn < m->max_mapnr && t->head_order[pfn] == order)
			return;		/* that one is legitimate */
	}
	err = free_pages_checked(m, pfn, order);
	if (err == 0)
		die(t, "free_pages_checked(%#x, %u) accepted a bad free", pfn,
		    order);
	if (nr_free_pages(m) != free0 || m->vm_events[PGFREE] != pgfree)
		die(t, "refused free of %#x order %u changed the counters",
		    pfn, order);
	t->refused++;
}

/* Allocates one kind of block until the allocator says no, then frees a
 * random half of everything. */
static void
fill_phase(struct torture *t)
{
	static const gfp_t kinds[] = { GFP_KERNEL, GFP_HIGHUSER_MOVABLE,
		GFP_ATOMIC, GFP_DMA, GFP_HIGHUSER };
	gfp_t gfp = kinds[t->fills % ARRAY_SIZE(kinds)];
	unsigned order = (t->fills % 3 == 1) ? 3 : 0;
	u32 i, n;

	t->m->this_cpu = (int)below(t, (u32)t->m->nr_cpus);
	while (do_alloc(t, gfp, order))
		;
	/* a smaller order may still fit; then order 0 at GFP_ATOMIC */
	while (order && do_alloc(t, gfp, --order))
		;
	while (do_alloc(t, GFP_ATOMIC, 0))
		;
	check_now(t);
	n = t->nlive / 2;
	for (i = 0; i < n; i++)
		do_free(t, below(t, t->nlive));
	t->fills++;
}

static void
run(struct torture *t, unsigned long nops)
{
	struct machine *m = t->m;

	while (t->ops < nops) {
		u32 r = below(t, 100);
		bool crowded = t->live_pages > m->totalram_pages / 2;

		if (r < (crowded ? 35u : 55u)) {
			m->this_cpu = (int)below(t, (u32)m->nr_cpus);
			do_alloc(t, pick_gfp(t), pick_order(t));
		} else if (r < 97) {
			if (t->nlive)
				do_free(t, below(t, t->nlive));
		} else if (r < 99) {
			do_bad_free(t);
		} else {
			drain_all_pages(m);
			t->drains++;
		}
		t->ops++;
		if (t->ops == REPLAY_OPS)
			t->hash_at_replay = t->hash;
		if (t->ops % CHECK_EVERY == 0)
			check_now(t);
		if (t->ops % FILL_EVERY == 0 && t->ops < nops)
			fill_phase(t);
	}
}

static struct machine *
boot(void)
{
	struct boot_config bc;
	struct machine *m;
	char why[256];

	boot_config_default(&bc);
	if (boot_preset(&bc, "pc-1g", why, sizeof(why)))
		fatal("torture: %s", why);
	bc.nr_cpus = 2;
	m = machine_boot(&bc, why, sizeof(why));
	if (m == NULL)
		fatal("torture: cannot boot: %s", why);
	return m;
}

static void
torture_init(struct torture *t, struct machine *m)
{
	memset(t, 0, sizeof(*t));
	t->m = m;
	t->rng = SEED;
	t->hash = 0xcbf29ce484222325ull;
	t->cap = (u32)m->totalram_pages + 1;
	t->live = xcalloc(t->cap, sizeof(*t->live));
	t->owned = xcalloc(m->max_mapnr + 1, 1);
	t->head_order = xmalloc(m->max_mapnr + 1);
	memset(t->head_order, NO_BLOCK, m->max_mapnr + 1);
}

static void
torture_done(struct torture *t)
{
	free(t->live);
	free(t->owned);
	free(t->head_order);
	machine_free(t->m);
}

int
main(void)
{
	struct torture t, replay;
	struct machine *twin;
	unsigned long twin_free, twin_pcp = 0;
	int i, c, o;

	torture_init(&t, boot());
	check_now(&t);
	run(&t, NR_OPS);
	check_now(&t);

	/* everything back */
	while (t.nlive)
		do_free(&t, t.nlive - 1);
	drain_all_pages(t.m);
	check_now(&t);

	/* the twin, booted the same way and only drained */
	twin = boot();
	twin_free = nr_free_pages(twin);
	for (i = 0; i < MAX_NR_ZONES; i++)
		for (c = 0; c < twin->nr_cpus; c++)
			twin_pcp += (unsigned long)twin->zones[i].pcp[c].count;
	drain_all_pages(twin);
	if (nr_free_pages(twin) != twin_free + twin_pcp)
		die(&t, "draining the twin gave %lu free pages, not %lu + %lu",
		    nr_free_pages(twin), twin_free, twin_pcp);
	if (nr_free_pages(t.m) != nr_free_pages(twin))
		die(&t, "%lu pages free at the end, the twin has %lu",
		    nr_free_pages(t.m), nr_free_pages(twin));
	if (nr_free_pages(t.m) + nr_slab_pages(t.m) != t.m->totalram_pages)
		die(&t, "%lu pages free and %lu in slabs at the end, totalram_pages is %lu",
		    nr_free_pages(t.m), nr_slab_pages(t.m), t.m->totalram_pages);
	for (i = 0; i < MAX_NR_ZONES; i++)
		for (o = 0; o < MAX_ORDER; o++)
			if (t.m->zones[i].free_area[o].nr_free !=
			    twin->zones[i].free_area[o].nr_free)
				die(&t, "%s order %d: %u free blocks at the end, the twin has %u",
				    zone_names[i], o,
				    t.m->zones[i].free_area[o].nr_free,
				    twin->zones[i].free_area[o].nr_free);
	machine_free(twin);

	/* determinism: the first operations again, on a fresh machine */
	torture_init(&replay, boot());
	run(&replay, REPLAY_OPS);
	if (replay.hash != t.hash_at_replay)
		die(&t, "a replay of the first %d operations gave other results",
		    REPLAY_OPS);
	torture_done(&replay);

	printf("torture: %lu ops (%lu allocs, %lu frees, %lu failed allocs, %lu refused frees, %lu drains, %lu zeroed, %lu fill phases), %lu checks, seed %#llx: ok\n",
	       t.ops, t.allocs, t.frees, t.failed, t.refused, t.drains,
	       t.zeroed, t.fills, t.checks, (unsigned long long)SEED);
	torture_done(&t);
	return 0;
}
