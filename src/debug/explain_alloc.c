/* debug/explain_alloc.c: the sentences of the page allocator's trace
 * points (mm/page_alloc.c): the zonelist and the watermarks, the per-CPU
 * lists, the buddy free lists with their splits and merges.  Gorman's
 * chapter 6 is the buddy allocator of 2.4; the per-CPU lists and the
 * migrate types came with 2.6, so their sentences name only the file. */
#include "config.h"

#include "vmdb/mm.h"

#include "explain_impl.h"

/* alloc_flags (mm/internal.h, 2.6.32) as get_page_from_freelist gets them. */
#define X_ALLOC_WMARK_MASK	0x03
#define X_ALLOC_NO_WATERMARKS	0x04
#define X_ALLOC_HARDER		0x10
#define X_ALLOC_HIGH		0x20

static const char *const wmark_names[NR_WMARK] = { "min", "low", "high" };

/* The zone of argument i, NULL unless it is a populated zone. */
static struct zone *
arg_zone(struct xctx *x, int i)
{
	long z = xarg(x, i);

	if (z < 0 || z >= MAX_NR_ZONES || !populated_zone(&x->m->zones[z]))
		return NULL;
	return &x->m->zones[z];
}

static bool
order_ok(long order)
{
	return order >= 0 && order < MAX_ORDER;
}

/* "one page" / "an order-3 block (8 contiguous pages)" */
static void
block(struct xctx *x, long order)
{
	if (order == 0)
		say(x, "one page");
	else if (order_ok(order))
		say(x, "an order-%ld block (%lu contiguous pages)", order,
		    1ul << order);
	else
		say(x, "an order-%ld block", order);
}

static int
pcp_list_len(struct machine *m, struct zone *z, long mt)
{
	if (mt < 0 || mt >= MIGRATE_PCPTYPES)
		return 0;
	return (int)plist_count(m, z->pcp[m->this_cpu].lists[mt]);
}

/* ---- allocation --------------------------------------------------------- */

static void
alloc_pages_enter(struct xctx *x)
{
	struct machine *m = x->m;
	gfp_t gfp = xarg32(x, 1);
	int hi = gfp_zone(gfp), i, n = 0;

	say(x, "__alloc_pages wants ");
	block(x, xarg(x, 0));
	say(x, " for ");
	gfp_format(x->sb, gfp);
	if (!m->cfg.highmem && hi >= ZONE_HIGHMEM)
		hi = ZONE_NORMAL;
	if (hi == ZONE_MOVABLE)
		hi = m->cfg.highmem ? ZONE_HIGHMEM : ZONE_NORMAL;
	say(x, "; it tries ");
	for (i = hi; i >= 0; i--)
		if (populated_zone(&m->zones[i]))
			say(x, "%s%s", n++ ? ", then " : "", zone_names[i]);
	if (n == 0)
		say(x, "no zone at all");
	say(x, ", %s its low watermark, and the min watermark only if that "
	    "fails", n > 1 ? "each against" : "against");
}

static void
alloc_pages_exit(struct xctx *x)
{
	struct machine *m = x->m;

	if (x->ev->ret < 0) {
		say(x, "__alloc_pages fails: no zone of the zonelist has the "
		    "block above its watermark");
		return;
	}
	say(x, "__alloc_pages returns pfn 0x%lx from %s", x->ev->ret,
	    x_zone(m->last_alloc.zone));
	if (m->last_alloc.slowpath)
		say(x, ", found on the slow path at the min watermark");
}

static void
gpff_enter(struct xctx *x)
{
	struct zone *z = arg_zone(x, 1);
	long flags = xarg(x, 2), mark, eff;

	if (z == NULL) {
		say(x, "get_page_from_freelist tries %s, which has no pages",
		    x_zone(xarg(x, 1)));
		return;
	}
	say(x, "get_page_from_freelist tries %s, which has %ld free pages",
	    z->name, z->vm_stat[NR_FREE_PAGES]);
	if (flags & X_ALLOC_NO_WATERMARKS) {
		say(x, "; ALLOC_NO_WATERMARKS lets it go below every "
		    "watermark");
		return;
	}
	eff = mark = z->watermark[flags & X_ALLOC_WMARK_MASK];
	if (flags & X_ALLOC_HIGH)
		eff -= eff / 2;
	if (flags & X_ALLOC_HARDER)
		eff -= eff / 4;
	say(x, ", against its %s watermark of %ld pages",
	    wmark_names[flags & X_ALLOC_WMARK_MASK], mark);
	if (eff != mark)
		say(x, " (%ld for %s)", eff,
		    !(flags & X_ALLOC_HIGH) ? "a caller that cannot sleep" :
		    flags & X_ALLOC_HARDER ? "an atomic __GFP_HIGH caller" :
		    "a __GFP_HIGH caller");
}

static void
watermark_enter(struct xctx *x)
{
	long order = xarg(x, 1), mark = xarg(x, 2), free = xarg(x, 3);
	const char *zn = x_zone(xarg(x, 0));

	if (!order_ok(order))
		order = 0;
	if (free - (1L << order) + 1 <= mark)
		say(x, "zone_watermark_ok refuses %s; taking %lu page%s from "
		    "its %ld free pages would leave it at or below the "
		    "watermark of %ld, so this zone is skipped", zn,
		    1ul << order, order ? "s" : "", free, mark);
	else
		say(x, "zone_watermark_ok refuses %s; its %ld free pages are "
		    "above the watermark of %ld, but once its lowmem_reserve "
		    "and the pages in blocks smaller than order %ld are left "
		    "out too few remain, so this zone is skipped", zn, free,
		    mark, order);
}

static void
buffered_rmqueue_enter(struct xctx *x)
{
	struct machine *m = x->m;
	struct zone *z = arg_zone(x, 0);
	long order = xarg(x, 1), mt = xarg(x, 2);
	int n;

	if (z == NULL || order != 0) {
		say(x, "buffered_rmqueue takes ");
		block(x, order);
		say(x, " straight from %s's buddy lists (__rmqueue); the "
		    "per-CPU lists hold single pages only", x_zone(xarg(x, 0)));
		return;
	}
	n = pcp_list_len(m, z, mt);
	if (n)
		say(x, "buffered_rmqueue takes one page off cpu%d's per-CPU %s "
		    "list for %s (%d there), without the zone lock or the "
		    "buddy lists", m->this_cpu, x_mt(mt), z->name, n);
	else
		say(x, "buffered_rmqueue finds cpu%d's per-CPU %s list for %s "
		    "empty, so rmqueue_bulk first refills it with a batch of "
		    "up to %d page%s from the buddy lists", m->this_cpu,
		    x_mt(mt), z->name, z->pcp[m->this_cpu].batch,
		    x_s(z->pcp[m->this_cpu].batch));
}

static void
buffered_rmqueue_exit(struct xctx *x)
{
	struct machine *m = x->m;
	struct zone *z = x_pfn_zone(m, x->ev->ret);

	if (z == NULL || !m->last_alloc.pcp)
		return;
	say(x, "buffered_rmqueue hands out pfn 0x%lx; cpu%d's per-CPU lists "
	    "for %s hold %d page%s now", x->ev->ret, m->this_cpu, z->name,
	    z->pcp[m->this_cpu].count, x_s(z->pcp[m->this_cpu].count));
}

static void
rmqueue_enter(struct xctx *x)
{
	struct machine *m = x->m;
	struct zone *z = arg_zone(x, 0);
	long order = xarg(x, 1), mt = xarg(x, 2);
	u32 n = 0;
	int cur;

	if (z == NULL || !order_ok(order) || mt < 0 || mt >= MIGRATE_TYPES) {
		say(x, "__rmqueue looks for a free order-%ld block in %s",
		    order, x_zone(xarg(x, 0)));
		return;
	}
	for (cur = (int)order; cur < MAX_ORDER; cur++) {
		n = plist_count(m, z->free_area[cur].free_list[mt]);
		if (n)
			break;
	}
	if (cur == order)
		say(x, "__rmqueue finds %u free order-%ld block%s on %s's %s "
		    "list and takes the first; no split is needed", n, order,
		    n == 1 ? "" : "s", z->name, x_mt(mt));
	else if (cur < MAX_ORDER)
		say(x, "__rmqueue finds no free %s block of order %ld in %s; "
		    "the smallest is order %d (%u on the list, %lu pages "
		    "each), which expand will split down", x_mt(mt), order,
		    z->name, cur, n, 1ul << cur);
	else if (mt != MIGRATE_RESERVE)
		say(x, "__rmqueue finds no free %s block of order %ld or more "
		    "in %s, so __rmqueue_fallback will take one from another "
		    "migrate type", x_mt(mt), order, z->name);
	else
		say(x, "__rmqueue finds nothing on %s's reserve lists either",
		    z->name);
}

static void
rmqueue_exit(struct xctx *x)
{
	if (x->ev->ret < 0)
		say(x, "__rmqueue finds nothing in this zone");
	else
		say(x, "__rmqueue returns pfn 0x%lx, from an order-%d %s block",
		    x->ev->ret, x->m->last_alloc.from_order,
		    x_mt(x->m->last_alloc.from_mt));
}

static void
fallback_enter(struct xctx *x)
{
	struct machine *m = x->m;
	struct zone *z = arg_zone(x, 0);
	long order = xarg(x, 1), start = xarg(x, 2);
	int cur, mt, n = 0;

	say(x, "__rmqueue_fallback steals from another migrate type, the "
	    "largest block first, so that foreign allocations gather in few "
	    "pageblocks");
	if (z == NULL || !order_ok(order))
		return;
	for (cur = MAX_ORDER - 1; cur >= order; cur--) {
		for (mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (mt != start && !plist_empty(m,
					z->free_area[cur].free_list[mt]))
				say(x, "%s%s", n++ ? ", " : "; the largest "
				    "free one is on the ", x_mt(mt));
		if (n)
			break;
	}
	if (n == 0) {
		say(x, "; %s has no free block of order %ld or more on any "
		    "other list", z->name, order);
		return;
	}
	say(x, " list%s, order %d", n > 1 ? "s" : "", cur);
	if (cur >= pageblock_order / 2)
		say(x, ", so large that the other free pages of its pageblock "
		    "move to the %s lists too", x_mt(start));
}

static void
fallback_exit(struct xctx *x)
{
	if (x->ev->ret < 0)
		say(x, "__rmqueue_fallback finds nothing; __rmqueue tries the "
		    "MIGRATE_RESERVE lists last");
	else
		say(x, "__rmqueue_fallback returns pfn 0x%lx, split from an "
		    "order-%d block of the %s list", x->ev->ret,
		    x->m->last_alloc.from_order,
		    x_mt(x->m->last_alloc.from_mt));
}

static void
expand_enter(struct xctx *x)
{
	struct zone *z = arg_zone(x, 0);
	long pfn = xarg(x, 1), high = xarg(x, 2);

	if (!order_ok(high)) {
		say(x, "expand splits a block at pfn 0x%lx", pfn);
		return;
	}
	say(x, "expand halves a block; the upper half, pfn 0x%lx (order %ld, ",
	    pfn, high);
	x_pages(x, 1ul << high);
	say(x, "), goes on %s's order-%ld free list", x_zone(xarg(x, 0)), high);
	if (z)
		say(x, " (%u block%s there now)",
		    z->free_area[high].nr_free + 1,
		    z->free_area[high].nr_free ? "s" : "");
	say(x, ", and the lower half at 0x%lx is kept, split again if still "
	    "too big", pfn - (1L << high));
}

static void
rmqueue_bulk_enter(struct xctx *x)
{
	say(x, "rmqueue_bulk moves up to %ld single pages from %s's buddy "
	    "lists onto cpu%d's per-CPU %s list in one go, so the next order-0 "
	    "allocations on this CPU need not take the zone lock",
	    xarg(x, 1), x_zone(xarg(x, 0)), x->m->this_cpu,
	    x_mt(xarg(x, 2)));
}

static void
rmqueue_bulk_exit(struct xctx *x)
{
	say(x, "rmqueue_bulk moved ");
	x_pages(x, (unsigned long)x->ev->ret);
}

static void
nopage_enter(struct xctx *x)
{
	gfp_t gfp = xarg32(x, 1);

	say(x, "Neither the pass at the low watermarks nor the one at the min "
	    "watermarks found ");
	block(x, xarg(x, 0));
	say(x, " for ");
	gfp_format(x->sb, gfp);
	say(x, ", so __alloc_pages gives up at the slow path's nopage label "
	    "(the kernel would try page reclaim, and for a caller that may "
	    "sleep the OOM killer, first; vmdb has neither yet)");
	if (gfp & __GFP_NOWARN)
		say(x, "; __GFP_NOWARN keeps the kernel quiet about it");
	else
		say(x, "; the kernel logs a page allocation failure");
}

/* ---- freeing ------------------------------------------------------------ */

static void
free_pages_enter(struct xctx *x)
{
	long pfn = xarg(x, 0), order = xarg(x, 1);
	struct zone *z = x_pfn_zone(x->m, pfn);

	say(x, "The last reference to pfn 0x%lx is gone, so __free_pages gives "
	    "its ", pfn);
	if (order == 0)
		say(x, "page");
	else
		say(x, "order-%ld block", order);
	say(x, " back to %s", z ? z->name : "its zone");
	if (order == 0)
		say(x, "; a single page goes to cpu%d's per-CPU list first "
		    "(free_hot_cold_page)", x->m->this_cpu);
	else
		say(x, "; a larger block goes straight to the buddy lists "
		    "(__free_one_page)");
}

static void
free_hot_cold_enter(struct xctx *x)
{
	struct machine *m = x->m;
	long pfn = xarg(x, 0);
	bool cold = xarg(x, 1);
	struct zone *z = x_pfn_zone(m, pfn);
	struct per_cpu_pages *pcp;
	int mt;

	if (z == NULL) {
		say(x, "free_hot_cold_page frees pfn 0x%lx", pfn);
		return;
	}
	mt = get_pageblock_migratetype(m, (u32)pfn);
	if (mt == MIGRATE_ISOLATE) {
		say(x, "pfn 0x%lx lies in an isolated pageblock, so "
		    "free_hot_cold_page gives it straight to the buddy lists",
		    pfn);
		return;
	}
	pcp = &z->pcp[m->this_cpu];
	say(x, "free_hot_cold_page puts pfn 0x%lx at the %s of cpu%d's "
	    "per-CPU %s list for %s (%s)", pfn, cold ? "tail" : "head",
	    m->this_cpu, x_mt(mt < MIGRATE_PCPTYPES ? mt : MIGRATE_MOVABLE),
	    z->name, cold ? "cold, so handed out last" :
	    "hot, likely still in the CPU cache, so handed out first");
	say(x, "; the CPU's lists for %s then hold %d page%s, ", z->name,
	    pcp->count + 1, x_s(pcp->count + 1));
	if (pcp->count + 1 >= pcp->high)
		say(x, "at or above their high mark of %d, so "
		    "free_pcppages_bulk returns %d of them to the buddy lists",
		    pcp->high,
		    pcp->batch);
	else
		say(x, "below their high mark of %d", pcp->high);
}

static void
free_pcppages_enter(struct xctx *x)
{
	struct machine *m = x->m;
	struct zone *z = arg_zone(x, 0);
	long count = xarg(x, 1);
	struct per_cpu_pages *pcp;
	int c;

	if (z) {
		pcp = &z->pcp[m->this_cpu];
		if (pcp->count >= pcp->high && count == pcp->batch) {
			say(x, "cpu%d's per-CPU lists for %s hold %d page%s, "
			    "at or above their high mark of %d, so "
			    "free_pcppages_bulk returns a batch of %ld, the "
			    "oldest first, to the buddy lists", m->this_cpu,
			    z->name, pcp->count, x_s(pcp->count), pcp->high,
			    count);
			return;
		}
		for (c = 0; c < m->nr_cpus; c++)
			if (z->pcp[c].count == count) {
				say(x, "free_pcppages_bulk empties cpu%d's "
				    "per-CPU lists for %s, returning their %ld "
				    "page%s to the buddy lists "
				    "(drain_all_pages)", c, z->name, count,
				    x_s(count));
				return;
			}
	}
	say(x, "free_pcppages_bulk returns %ld page%s of a per-CPU list of %s "
	    "to the buddy lists", count, x_s(count), x_zone(xarg(x, 0)));
}

static void
free_one_page_enter(struct xctx *x)
{
	struct machine *m = x->m;
	long pfn = xarg(x, 1), order = xarg(x, 2);
	struct zone *z = x_pfn_zone(m, pfn);
	u32 buddy;
	struct page *bp;

	say(x, "__free_one_page puts the order-%ld block at pfn 0x%lx back on "
	    "%s's %s free lists", order, pfn, x_zone(xarg(x, 0)),
	    x_mt(xarg(x, 3)));
	if (z == NULL || !order_ok(order))
		return;
	if (order == MAX_ORDER - 1) {
		say(x, "; order %ld is the largest, there is nothing to merge "
		    "with", order);
		return;
	}
	buddy = (u32)pfn ^ (1u << order);
	bp = pfn_valid(m, buddy) ? &m->mem_map[buddy] : NULL;
	if (bp && page_zonenum(bp) == z->idx && page_test(bp, PG_buddy) &&
	    bp->private == (u32)order)
		say(x, "; its buddy at 0x%x is a free order-%ld block too, so "
		    "the two merge", buddy, order);
	else if (bp && page_zonenum(bp) == z->idx && bp->_count > 0)
		say(x, "; its buddy at 0x%x is in use, so no merge", buddy);
	else
		say(x, "; its buddy at 0x%x is not a free order-%ld block, so "
		    "no merge", buddy, order);
}

static void
free_one_page_exit(struct xctx *x)
{
	struct machine *m = x->m;
	struct zone *z = x_pfn_zone(m, x->ev->ret);
	int order = m->last_free.merged_order;

	if (z == NULL || order < 0 || order >= MAX_ORDER)
		return;
	say(x, "__free_one_page leaves an order-%d block at pfn 0x%lx; %s has "
	    "%u free order-%d block%s now", order, x->ev->ret, z->name,
	    z->free_area[order].nr_free, order,
	    z->free_area[order].nr_free == 1 ? "" : "s");
}

static void
buddy_merge_enter(struct xctx *x)
{
	long pfn = xarg(x, 1), buddy = xarg(x, 2), order = xarg(x, 3);

	say(x, "pfn 0x%lx and its buddy 0x%lx are both free order-%ld blocks; "
	    "the buddy leaves the order-%ld list and the two become one "
	    "order-%ld block at 0x%lx", pfn, buddy, order, order, order + 1,
	    MIN(pfn, buddy));
}

const struct explain_row explain_rows_alloc[] = {
	{ TP___alloc_pages, "6", alloc_pages_enter, alloc_pages_exit },
	{ TP_get_page_from_freelist, "6", gpff_enter, NULL },
	{ TP_zone_watermark_ok, "2.2", watermark_enter, NULL },
	{ TP_buffered_rmqueue, NULL, buffered_rmqueue_enter,
	  buffered_rmqueue_exit },
	{ TP___rmqueue, "6", rmqueue_enter, rmqueue_exit },
	{ TP___rmqueue_fallback, NULL, fallback_enter, fallback_exit },
	{ TP_expand, "6", expand_enter, NULL },
	{ TP_rmqueue_bulk, NULL, rmqueue_bulk_enter, rmqueue_bulk_exit },
	{ TP___free_pages, "6", free_pages_enter, NULL },
	{ TP_free_hot_cold_page, NULL, free_hot_cold_enter, NULL },
	{ TP_free_pcppages_bulk, NULL, free_pcppages_enter, NULL },
	{ TP___free_one_page, "6", free_one_page_enter, free_one_page_exit },
	{ TP_buddy_merge, "6", buddy_merge_enter, NULL },
	{ TP_nopage, "13", nopage_enter, NULL },
	{ 0, NULL, NULL, NULL }
};
