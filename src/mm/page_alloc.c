/* mm/page_alloc.c: the buddy allocator, zones' free lists, per-CPU page
 * lists and watermarks (Linux 2.6.32 mm/page_alloc.c).
 *
 * The buddy system.  Each zone keeps free blocks of 2^order pages, order 0
 * to 10, on free_area[order], one list per migrate type.  A block of order
 * n starts at a pfn that is a multiple of 2^n (relative to a 1024-page
 * boundary), so its "buddy", the other half of the order n+1 block that
 * contains it, is found by flipping bit n of its index:
 *
 *	buddy_idx = page_idx ^ (1 << order)
 *
 * Allocation takes the head of the smallest non-empty list at or above the
 * wanted order and splits it (expand): the lower half is kept, the upper
 * half goes on the list one order down, until the wanted size is left.
 * Freeing does the reverse (__free_one_page): while the buddy is free, of
 * the same order and in the same zone, take it off its list and merge, one
 * order up.  Free blocks carry PG_buddy and their order in page->private.
 *
 * Order-0 pages mostly pass through per-CPU lists (the "pcp" lists): an
 * allocation takes from this CPU's list, refilled `batch` pages at a time
 * from the buddy lists (rmqueue_bulk); a free pushes onto it and, past
 * `high`, returns `batch` pages (free_pcppages_bulk).  Pages on pcp lists
 * are not counted in NR_FREE_PAGES, exactly as in the kernel.
 *
 * Watermarks.  Each zone has min/low/high marks.  An allocation first
 * needs the zone above LOW (plus lowmem_reserve protecting lower zones
 * from allocations that could have used a higher one); failing that in
 * every zone of the zonelist, it wakes kswapd and retries against MIN,
 * with __GFP_HIGH and atomic allocations allowed deeper.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/bootmem.h"
#include "vmdb/machine.h"
#include "vmdb/printk.h"
#include "vmdb/util.h"

const char *const zone_names[MAX_NR_ZONES] = {
	"DMA", "Normal", "HighMem", "Movable"
};

const char *const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable", "Reclaimable", "Movable", "Reserve", "Isolate"
};

const char *const pageflag_names[NR_PAGEFLAGS] = {
	"locked", "error", "referenced", "uptodate", "dirty", "lru",
	"active", "slab", "checked", "arch_1", "reserved", "private",
	"private_2", "writeback", "head", "tail", "swapcache",
	"mappedtodisk", "reclaim", "buddy", "swapbacked", "unevictable",
	"mlocked"
};

/* alloc_flags */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_NO_WATERMARKS	0x04
#define ALLOC_WMARK_MASK	(ALLOC_NO_WATERMARKS - 1)
#define ALLOC_HARDER		0x10
#define ALLOC_HIGH		0x20
#define ALLOC_CPUSET		0x40

static const int fallbacks[MIGRATE_TYPES][MIGRATE_TYPES - 1] = {
	[MIGRATE_UNMOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE, MIGRATE_RESERVE },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE, MIGRATE_RESERVE },
	[MIGRATE_MOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE, MIGRATE_RESERVE },
	[MIGRATE_RESERVE] = { MIGRATE_RESERVE, MIGRATE_RESERVE, MIGRATE_RESERVE },
};

/* ---- struct page helpers ------------------------------------------------ */

struct page *
pfn_to_page(struct machine *m, u32 pfn)
{
	return &m->mem_map[pfn];
}

u32
page_to_pfn(struct machine *m, const struct page *p)
{
	return (u32)(p - m->mem_map);
}

bool
pfn_valid(struct machine *m, u32 pfn)
{
	return pfn < m->max_mapnr;
}

struct zone *
page_zone(struct machine *m, const struct page *p)
{
	return &m->zones[page_zonenum(p)];
}

/* Is pfn inside a zone's span (so memmap_init_zone set its struct page)? */
bool
zone_spans(struct machine *m, u32 pfn)
{
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = &m->zones[i];

		if (z->spanned_pages && pfn >= z->zone_start_pfn &&
		    pfn < z->zone_start_pfn + z->spanned_pages)
			return true;
	}
	return false;
}

static inline struct zone *
pfn_zone(struct machine *m, u32 pfn)
{
	return &m->zones[page_zonenum(&m->mem_map[pfn])];
}

static inline void
set_page_order(struct page *p, unsigned order)
{
	p->private = order;
	page_set(p, PG_buddy);
}

static inline void
rmv_page_order(struct page *p)
{
	page_clear(p, PG_buddy);
	p->private = 0;
}

/*
 * The pageblock bitmap.  In 2.6.32 FLATMEM the index is taken relative to
 * zone_start_pfn without aligning it (pfn_to_bitidx), so a zone that does
 * not start on a 1024-page boundary has "pageblocks" that straddle the real
 * ones; memmap_init_zone marks a block Movable only at aligned pfns, which
 * leaves such a zone's last block Unmovable.  vmdb keeps that quirk.
 */
static inline u32
pfn_to_block(const struct zone *z, u32 pfn)
{
	return (pfn - z->zone_start_pfn) >> pageblock_order;
}

int
get_pageblock_migratetype(struct machine *m, u32 pfn)
{
	struct zone *z = pfn_zone(m, pfn);
	u32 b = pfn_to_block(z, pfn);

	if (!z->pageblock_mt || b >= z->nr_pageblocks)
		return MIGRATE_UNMOVABLE;
	return z->pageblock_mt[b];
}

void
set_pageblock_migratetype(struct machine *m, u32 pfn, int mt)
{
	struct zone *z = pfn_zone(m, pfn);
	u32 b = pfn_to_block(z, pfn);

	if (z->pageblock_mt && b < z->nr_pageblocks)
		z->pageblock_mt[b] = (u8)mt;
}

/* ---- the buddy lists ---------------------------------------------------- */

static inline bool
page_is_buddy(struct machine *m, u32 pfn, u32 buddy, unsigned order)
{
	struct page *bp;

	if (buddy >= m->max_mapnr)
		return false;
	bp = &m->mem_map[buddy];
	if (page_zonenum(bp) != page_zonenum(&m->mem_map[pfn]))
		return false;
	return page_test(bp, PG_buddy) && bp->private == order;
}

/*
 * __free_one_page: puts a block back, merging with free buddies.
 * The caller has accounted NR_FREE_PAGES.
 */
static void
__free_one_page(struct machine *m, u32 pfn, struct zone *z, unsigned order,
		int mt)
{
	u32 page_idx = pfn & ((1u << MAX_ORDER) - 1);
	u32 base = pfn - page_idx;

	TP_ENTER(m, __free_one_page, z->idx, pfn, order, mt);
	while (order < MAX_ORDER - 1) {
		u32 buddy_idx = page_idx ^ (1u << order);
		u32 buddy = base + buddy_idx;

		if (!page_is_buddy(m, base + page_idx, buddy, order))
			break;
		TP_EVENT(m, buddy_merge, z->idx, base + page_idx, buddy, order);
		plist_del(m, buddy);
		z->free_area[order].nr_free--;
		rmv_page_order(&m->mem_map[buddy]);
		page_idx &= ~(1u << order);
		order++;
	}
	pfn = base + page_idx;
	m->last_free.merged_pfn = pfn;
	m->last_free.merged_order = (int)order;
	set_page_order(&m->mem_map[pfn], order);
	plist_add(m, pfn, z->free_area[order].free_list[mt]);
	z->free_area[order].nr_free++;
	TP_EXIT(m, __free_one_page, pfn);
}

static void
free_one_page(struct machine *m, struct zone *z, u32 pfn, unsigned order,
	      int mt)
{
	z->all_unreclaimable = false;
	z->pages_scanned = 0;
	mod_zone_page_state(z, NR_FREE_PAGES, 1L << order);
	__free_one_page(m, pfn, z, order, mt);
}

/*
 * The allocation path has split trace points (vmdb/trace.h): every page
 * fault allocates a page, and a pcp refill takes a page off the buddy
 * lists for about every page it hands out.  alloc_pages and
 * get_page_from_freelist come in a plain and a traced copy; the helpers
 * below them take `traced` and are inlined into both.  (The fallback
 * to another migrate type, rare, keeps ordinary trace points.)
 */
#define ALLOC_PATH	static inline __attribute__((always_inline))

/* expand: split a block of order high down to order low, keeping the
 * lower half each time. */
ALLOC_PATH void
expand(struct machine *m, struct zone *z, u32 pfn, unsigned low,
       unsigned high, int mt, bool traced)
{
	u32 size = 1u << high;

	while (high > low) {
		high--;
		size >>= 1;
		TP_EVENT_IF(traced, m, expand, z->idx, pfn + size, high);
		plist_add(m, pfn + size, z->free_area[high].free_list[mt]);
		z->free_area[high].nr_free++;
		set_page_order(&m->mem_map[pfn + size], high);
	}
}

ALLOC_PATH long
__rmqueue_smallest(struct machine *m, struct zone *z, unsigned order, int mt,
		   bool traced)
{
	unsigned cur;

	for (cur = order; cur < MAX_ORDER; cur++) {
		u32 head = z->free_area[cur].free_list[mt], pfn;

		if (plist_empty(m, head))
			continue;
		pfn = plink(m, head)->next;
		plist_del(m, pfn);
		rmv_page_order(&m->mem_map[pfn]);
		z->free_area[cur].nr_free--;
		m->last_alloc.from_order = (int)cur;
		m->last_alloc.from_mt = mt;
		expand(m, z, pfn, order, cur, mt, traced);
		return pfn;
	}
	return -1;
}

/*
 * move_freepages_block: moves the free blocks of pfn's (aligned) pageblock
 * to another migrate type's lists.  Returns the pages moved.
 */
u32
move_freepages_block(struct machine *m, struct zone *z, u32 pfn, int mt)
{
	u32 start = pfn & ~(pageblock_nr_pages - 1);
	u32 end = start + pageblock_nr_pages - 1, moved = 0, p;

	if (start < z->zone_start_pfn)
		start = pfn;
	if (end >= z->zone_start_pfn + z->spanned_pages)
		return 0;
	for (p = start; p <= end;) {
		struct page *page = &m->mem_map[p];
		unsigned order;

		if (!page_test(page, PG_buddy)) {
			p++;
			continue;
		}
		order = page->private;
		plist_move(m, p, z->free_area[order].free_list[mt]);
		p += 1u << order;
		moved += 1u << order;
	}
	return moved;
}

static long
__rmqueue_fallback(struct machine *m, struct zone *z, unsigned order,
		   int start_mt)
{
	int cur, i;

	TP_ENTER(m, __rmqueue_fallback, z->idx, order, start_mt);
	for (cur = MAX_ORDER - 1; cur >= (int)order; cur--) {
		for (i = 0; i < MIGRATE_TYPES - 1; i++) {
			int mt = fallbacks[start_mt][i];
			u32 head, pfn;

			if (mt == MIGRATE_RESERVE)
				continue;
			head = z->free_area[cur].free_list[mt];
			if (plist_empty(m, head))
				continue;
			pfn = plink(m, head)->next;
			z->free_area[cur].nr_free--;
			/* Breaking a large block, or falling back for a
			 * reclaimable allocation: steal the whole block's
			 * free pages, and the block if over half was free. */
			if (cur >= pageblock_order / 2 ||
			    start_mt == MIGRATE_RECLAIMABLE ||
			    !m->mobility_grouping) {
				u32 moved = move_freepages_block(m, z, pfn,
								 start_mt);

				if (moved >= (1u << (pageblock_order - 1)) ||
				    !m->mobility_grouping)
					set_pageblock_migratetype(m, pfn,
								  start_mt);
				mt = start_mt;
			}
			plist_del(m, pfn);
			rmv_page_order(&m->mem_map[pfn]);
			if (cur == pageblock_order)
				set_pageblock_migratetype(m, pfn, start_mt);
			m->last_alloc.from_order = cur;
			m->last_alloc.from_mt = fallbacks[start_mt][i];
			m->last_alloc.fallback = true;
			expand(m, z, pfn, order, (unsigned)cur, mt, true);
			TP_EXIT(m, __rmqueue_fallback, pfn);
			return pfn;
		}
	}
	TP_EXIT(m, __rmqueue_fallback, -1);
	return -1;
}

ALLOC_PATH long
__rmqueue(struct machine *m, struct zone *z, unsigned order, int mt,
	  bool traced)
{
	long pfn;

	TP_ENTER_IF(traced, m, __rmqueue, z->idx, order, mt);
	for (;;) {
		pfn = __rmqueue_smallest(m, z, order, mt, traced);
		if (pfn < 0 && mt != MIGRATE_RESERVE) {
			pfn = __rmqueue_fallback(m, z, order, mt);
			if (pfn < 0) {
				mt = MIGRATE_RESERVE;
				continue;
			}
		}
		break;
	}
	TP_EXIT_IF(traced, m, __rmqueue, pfn);
	return pfn;
}

/* rmqueue_bulk: moves up to count order-0 pages onto a pcp list, in
 * ascending pfn order (each added after the previous one). */
ALLOC_PATH int
rmqueue_bulk(struct machine *m, struct zone *z, unsigned count, u32 list,
	     int mt, bool cold, bool traced)
{
	unsigned i;

	TP_ENTER_IF(traced, m, rmqueue_bulk, z->idx, count, mt);
	for (i = 0; i < count; i++) {
		long pfn = __rmqueue(m, z, 0, mt, traced);

		if (pfn < 0)
			break;
		if (!cold)
			plist_add(m, (u32)pfn, list);
		else
			plist_add_tail(m, (u32)pfn, list);
		m->mem_map[pfn].private = (u32)mt;
		list = (u32)pfn;
	}
	mod_zone_page_state(z, NR_FREE_PAGES, -(long)i);
	TP_EXIT_IF(traced, m, rmqueue_bulk, i);
	return (int)i;
}

/* free_pcppages_bulk: returns count pages from a pcp's lists to the buddy
 * lists, round-robin over the migrate types, oldest (tail) first. */
static void
free_pcppages_bulk(struct machine *m, struct zone *z, int count,
		   struct per_cpu_pages *pcp)
{
	int mt = 0, batch_free = 0;

	TP_ENTER(m, free_pcppages_bulk, z->idx, count);
	z->all_unreclaimable = false;
	z->pages_scanned = 0;
	mod_zone_page_state(z, NR_FREE_PAGES, count);
	while (count) {
		u32 list;

		do {
			batch_free++;
			if (++mt == MIGRATE_PCPTYPES)
				mt = 0;
			list = pcp->lists[mt];
		} while (plist_empty(m, list));
		do {
			u32 pfn = plink(m, list)->prev;

			plist_del(m, pfn);
			__free_one_page(m, pfn, z, 0, mt);
		} while (--count && --batch_free && !plist_empty(m, list));
	}
	TP_EXIT(m, free_pcppages_bulk, 0);
}

/* ---- checks on pages entering and leaving the allocator ---------------- */

#define PAGE_FLAGS_CHECK_AT_FREE					\
	((1u << PG_lru) | (1u << PG_locked) | (1u << PG_private) |	\
	 (1u << PG_private_2) | (1u << PG_buddy) | (1u << PG_writeback) | \
	 (1u << PG_reserved) | (1u << PG_slab) | (1u << PG_swapcache) |	\
	 (1u << PG_active) | (1u << PG_unevictable) | (1u << PG_mlocked))

ALLOC_PATH void
prep_new_page(struct machine *m, u32 pfn, unsigned order, gfp_t gfp)
{
	struct page *p = &m->mem_map[pfn];
	u32 i;

	p->private = 0;
	p->_count = 1;
	for (i = 0; i < (1u << order); i++) {
		p[i].flags &= ~((1u << PG_referenced) | (1u << PG_uptodate) |
				(1u << PG_dirty) | (1u << PG_arch_1) |
				(1u << PG_checked) | (1u << PG_mappedtodisk));
	}
	if (gfp & __GFP_ZERO)
		ram_zero_now(m, pfn, 1u << order);
	m->alloc_order[pfn] = (u8)order;
}

/* ---- allocation --------------------------------------------------------- */

ALLOC_PATH long
buffered_rmqueue(struct machine *m, struct zone *z, unsigned order, gfp_t gfp,
		 int mt, bool traced)
{
	bool cold = gfp & __GFP_COLD;
	long pfn;

	TP_ENTER_IF(traced, m, buffered_rmqueue, z->idx, order, mt);
	if (order == 0) {
		struct per_cpu_pages *pcp = &z->pcp[m->this_cpu];
		u32 list = pcp->lists[mt];

		m->last_alloc.pcp = true;
		if (plist_empty(m, list)) {
			m->last_alloc.refilled = rmqueue_bulk(m, z,
					(unsigned)pcp->batch, list, mt, cold,
					traced);
			pcp->count += m->last_alloc.refilled;
			if (plist_empty(m, list)) {
				pfn = -1;
				goto out;
			}
		}
		pfn = cold ? plink(m, list)->prev : plink(m, list)->next;
		plist_del(m, (u32)pfn);
		pcp->count--;
	} else {
		pfn = __rmqueue(m, z, order, mt, traced);
		if (pfn < 0)
			goto out;
		mod_zone_page_state(z, NR_FREE_PAGES, -(1L << order));
	}
	m->last_alloc.zone = z->idx;
	count_vm_events(m->vm_events, PGALLOC_DMA + z->idx, 1L << order);
	prep_new_page(m, (u32)pfn, order, gfp);
out:
	TP_EXIT_IF(traced, m, buffered_rmqueue, pfn);
	return pfn;
}

/* zone_watermark_ok's refusal and its trace point, out of line: a tail
 * jump from the check, which then needs no stack frame (every allocation
 * runs the check). */
static bool __attribute__((noinline))
watermark_refused(struct machine *m, struct zone *z, unsigned order,
		  unsigned long mark)
{
	TP_EVENT(m, zone_watermark_ok, z->idx, order, (long)mark,
		 z->vm_stat[NR_FREE_PAGES]);
	return false;
}

bool
zone_watermark_ok(struct machine *m, struct zone *z, unsigned order,
		  unsigned long mark, int classzone_idx, int alloc_flags)
{
	long min = (long)mark;
	long free = z->vm_stat[NR_FREE_PAGES] - (1L << order) + 1;
	unsigned o;

	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (alloc_flags & ALLOC_HARDER)
		min -= min / 4;
	if (free <= min + (long)z->lowmem_reserve[classzone_idx])
		goto fail;
	for (o = 0; o < order; o++) {
		free -= (long)z->free_area[o].nr_free << o;
		min >>= 1;
		if (free <= min)
			goto fail;
	}
	return true;
fail:
	return watermark_refused(m, z, order, mark);
}

int
gfp_zone(gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return ZONE_DMA;
	if ((gfp & (__GFP_HIGHMEM | __GFP_MOVABLE)) ==
	    (__GFP_HIGHMEM | __GFP_MOVABLE))
		return ZONE_MOVABLE;
	if (gfp & __GFP_HIGHMEM)
		return ZONE_HIGHMEM;
	return ZONE_NORMAL;
}

int
allocflags_to_migratetype(gfp_t gfp)
{
	return (((gfp & __GFP_MOVABLE) != 0) << 1) |
	       ((gfp & __GFP_RECLAIMABLE) != 0);
}

/* The zonelist: populated zones from high_zoneidx down to DMA. */
static int
first_zone(struct machine *m, int high_zoneidx)
{
	int i;

	for (i = high_zoneidx; i >= 0; i--)
		if (populated_zone(&m->zones[i]))
			return i;
	return -1;
}

ALLOC_PATH long
get_page_from_freelist_(struct machine *m, gfp_t gfp, unsigned order,
			int high_zoneidx, int alloc_flags, int classzone_idx,
			int mt, bool traced)
{
	long pfn = -1;
	int i;

	for (i = high_zoneidx; i >= 0; i--) {
		struct zone *z = &m->zones[i];

		if (!populated_zone(z))
			continue;
		TP_ENTER_IF(traced, m, get_page_from_freelist, order, i,
			    alloc_flags);
		if (!(alloc_flags & ALLOC_NO_WATERMARKS)) {
			unsigned long mark =
				z->watermark[alloc_flags & ALLOC_WMARK_MASK];

			if (!zone_watermark_ok(m, z, order, mark,
					       classzone_idx, alloc_flags)) {
				m->last_alloc.skipped |= 1u << i;
				TP_EXIT_IF(traced, m, get_page_from_freelist,
					   -1);
				continue;
			}
		}
		pfn = buffered_rmqueue(m, z, order, gfp, mt, traced);
		TP_EXIT_IF(traced, m, get_page_from_freelist, pfn);
		if (pfn >= 0)
			break;
	}
	return pfn;
}

static long __attribute__((noinline))
get_page_from_freelist(struct machine *m, gfp_t gfp, unsigned order,
		       int high_zoneidx, int alloc_flags, int classzone_idx,
		       int mt)
{
	return get_page_from_freelist_(m, gfp, order, high_zoneidx,
				       alloc_flags, classzone_idx, mt, false);
}

static long __attribute__((noinline, cold))
get_page_from_freelist_traced(struct machine *m, gfp_t gfp, unsigned order,
			      int high_zoneidx, int alloc_flags,
			      int classzone_idx, int mt)
{
	return get_page_from_freelist_(m, gfp, order, high_zoneidx,
				       alloc_flags, classzone_idx, mt, true);
}

static int
gfp_to_alloc_flags(gfp_t gfp)
{
	int flags = ALLOC_WMARK_MIN | ALLOC_CPUSET;

	if (gfp & __GFP_HIGH)
		flags |= ALLOC_HIGH;
	if (!(gfp & __GFP_WAIT)) {
		flags |= ALLOC_HARDER;
		flags &= ~ALLOC_CPUSET;
	}
	return flags;
}

/*
 * __alloc_pages_nodemask and its slow path.  vmdb has no page reclaim yet
 * (nothing is reclaimable before processes and the page cache exist), so
 * the slow path is: wake kswapd (counted), retry at the MIN watermark with
 * the caller's privileges, then fail with the kernel's warning.
 */
ALLOC_PATH long
alloc_pages_(struct machine *m, gfp_t gfp, unsigned order, bool traced)
{
	long (*const freelist)(struct machine *, gfp_t, unsigned, int, int,
			       int, int) = traced ?
		get_page_from_freelist_traced : get_page_from_freelist;
	int high_zoneidx = gfp_zone(gfp), mt = allocflags_to_migratetype(gfp);
	int classzone_idx, alloc_flags;
	long pfn;

	if (order >= MAX_ORDER)
		return machine_err(m, -EINVAL, "order %u is above %d",
				   order, MAX_ORDER - 1);
	if (!m->cfg.highmem && high_zoneidx >= ZONE_HIGHMEM)
		high_zoneidx = ZONE_NORMAL;
	if (high_zoneidx == ZONE_MOVABLE)
		high_zoneidx = m->cfg.highmem ? ZONE_HIGHMEM : ZONE_NORMAL;
	classzone_idx = first_zone(m, high_zoneidx);
	if (classzone_idx < 0)
		return machine_err(m, -ENOMEM, "no populated zone for %s",
				   zone_names[high_zoneidx]);

	memset(&m->last_alloc, 0, sizeof(m->last_alloc));
	TP_ENTER_IF(traced, m, __alloc_pages, order, (long)gfp);
	pfn = freelist(m, gfp | __GFP_HARDWALL, order, high_zoneidx,
		       ALLOC_WMARK_LOW | ALLOC_CPUSET, classzone_idx, mt);
	if (pfn < 0) {
		/* __alloc_pages_slowpath: kswapd would find nothing to do */
		m->last_alloc.slowpath = true;
		alloc_flags = gfp_to_alloc_flags(gfp);
		pfn = freelist(m, gfp, order, high_zoneidx,
			       alloc_flags & ~ALLOC_NO_WATERMARKS,
			       classzone_idx, mt);
	}
	if (pfn < 0)	/* __alloc_pages_slowpath's nopage: */
		TP_EVENT_IF(traced, m, nopage, order, gfp);
	TP_EXIT_IF(traced, m, __alloc_pages, pfn);
	if (pfn < 0) {
		if (!(gfp & __GFP_NOWARN))
			printk(m, "%s: page allocation failure. order:%u, mode:0x%x",
			       "swapper", order, gfp);
		return machine_err(m, -ENOMEM,
				   "no zone can give an order-%u block above its watermark",
				   order);
	}
	return pfn;
}

static long __attribute__((noinline, cold))
alloc_pages_traced(struct machine *m, gfp_t gfp, unsigned order)
{
	return alloc_pages_(m, gfp, order, true);
}

long
alloc_pages(struct machine *m, gfp_t gfp, unsigned order)
{
	if (TP_ARMED(m))
		return alloc_pages_traced(m, gfp, order);
	return alloc_pages_(m, gfp, order, false);
}

/* ---- freeing ------------------------------------------------------------ */

static void
free_hot_cold_page(struct machine *m, u32 pfn, bool cold)
{
	struct zone *z = pfn_zone(m, pfn);
	struct per_cpu_pages *pcp = &z->pcp[m->this_cpu];
	int mt;

	TP_ENTER(m, free_hot_cold_page, pfn, cold);
	mt = get_pageblock_migratetype(m, pfn);
	m->mem_map[pfn].private = (u32)mt;
	count_vm_events(m->vm_events, PGFREE, 1);
	if (mt >= MIGRATE_PCPTYPES) {
		if (mt == MIGRATE_ISOLATE) {
			free_one_page(m, z, pfn, 0, mt);
			goto out;
		}
		mt = MIGRATE_MOVABLE;
	}
	m->last_free.pcp = true;
	if (cold)
		plist_add_tail(m, pfn, pcp->lists[mt]);
	else
		plist_add(m, pfn, pcp->lists[mt]);
	pcp->count++;
	if (pcp->count >= pcp->high) {
		free_pcppages_bulk(m, z, pcp->batch, pcp);
		pcp->count -= pcp->batch;
		m->last_free.drained = pcp->batch;
	}
out:
	TP_EXIT(m, free_hot_cold_page, 0);
}

static void
__free_pages_ok(struct machine *m, u32 pfn, unsigned order)
{
	count_vm_events(m->vm_events, PGFREE, 1L << order);
	free_one_page(m, pfn_zone(m, pfn), pfn, order,
		      get_pageblock_migratetype(m, pfn));
}

void
__free_pages(struct machine *m, u32 pfn, unsigned order)
{
	struct page *p = &m->mem_map[pfn];

	if (--p->_count != 0)
		return;
	m->last_free.pcp = false;
	m->last_free.drained = 0;
	m->last_free.merged_order = -1;
	TP_ENTER(m, __free_pages, pfn, order);
	m->alloc_order[pfn] = 0xff;
	if (order == 0)
		free_hot_cold_page(m, pfn, false);
	else
		__free_pages_ok(m, pfn, order);
	TP_EXIT(m, __free_pages, 0);
}

int
free_pages_checked(struct machine *m, u32 pfn, unsigned order)
{
	struct page *p;
	u32 i;

	if (order >= MAX_ORDER)
		return machine_err(m, -EINVAL, "order %u is above %d", order,
				   MAX_ORDER - 1);
	if (pfn >= m->max_mapnr)
		return machine_err(m, -EINVAL,
				   "pfn 0x%x is beyond the last page frame 0x%x",
				   pfn, m->max_mapnr - 1);
	p = &m->mem_map[pfn];
	if (!zone_spans(m, pfn))
		return machine_err(m, -EINVAL,
				   "pfn 0x%x lies in no zone (below the first RAM page)", pfn);
	if (page_test(p, PG_reserved))
		return machine_err(m, -EINVAL,
				   "pfn 0x%x is reserved, not an allocated page", pfn);
	if (m->alloc_order[pfn] == 0xff) {
		for (i = 1; i <= pfn && i < (1u << (MAX_ORDER - 1)); i++) {
			u8 o = m->alloc_order[pfn - i];

			if (o != 0xff && (1u << o) > i)
				return machine_err(m, -EINVAL,
						   "pfn 0x%x is inside the order-%u block at 0x%x",
						   pfn, o, pfn - i);
		}
		if (page_test(p, PG_buddy) || p->_count == 0)
			return machine_err(m, -EINVAL,
					   "pfn 0x%x is free, not allocated", pfn);
		return machine_err(m, -EINVAL,
				   "pfn 0x%x was not handed out by alloc_pages", pfn);
	}
	if (m->alloc_order[pfn] != order)
		return machine_err(m, -EINVAL,
				   "pfn 0x%x was allocated with order %u, not %u",
				   pfn, m->alloc_order[pfn], order);
	for (i = 0; i < (1u << order); i++) {
		if (p[i].flags & PAGE_FLAGS_CHECK_AT_FREE & ~(1u << PG_reserved))
			return machine_err(m, -EBUSY,
					   "pfn 0x%x has flags that forbid freeing",
					   pfn + i);
	}
	if (p->_count != 1)
		return machine_err(m, -EBUSY,
				   "pfn 0x%x has %d references; this free only drops one",
				   pfn, p->_count);
	__free_pages(m, pfn, order);
	return 0;
}

void
drain_all_pages(struct machine *m)
{
	int c, i;

	for (c = 0; c < m->nr_cpus; c++) {
		for (i = 0; i < MAX_NR_ZONES; i++) {
			struct per_cpu_pages *pcp = &m->zones[i].pcp[c];

			if (pcp->count) {
				free_pcppages_bulk(m, &m->zones[i], pcp->count,
						   pcp);
				pcp->count = 0;
			}
		}
	}
}

unsigned long
nr_free_pages(struct machine *m)
{
	unsigned long n = 0;
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++)
		n += (unsigned long)m->zones[i].vm_stat[NR_FREE_PAGES];
	return n;
}

/* __free_pages_bootmem: a page leaves bootmem for the buddy allocator. */
void
__free_pages_bootmem(struct machine *m, u32 pfn, unsigned order)
{
	struct page *p = &m->mem_map[pfn];
	u32 i;

	for (i = 0; i < (1u << order); i++) {
		page_clear(&p[i], PG_reserved);
		p[i]._count = 0;
	}
	p->_count = 1;
	m->alloc_order[pfn] = (u8)order;
	__free_pages(m, pfn, order);
}
