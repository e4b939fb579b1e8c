/* vmdb/mm.h: physical memory as Linux 2.6.32 i386 sees it: struct page,
 * page flags, zones with their buddy free lists, per-CPU page lists and
 * watermarks, GFP flags, and the page allocator's entry points. */
#ifndef VMDB_MM_H
#define VMDB_MM_H

#include "vmdb/types.h"

struct machine;
struct out;
struct strbuf;

/* ---- struct page (32 bytes, as on i386) ----------------------------------
 *
 * Lists link frames by pfn, not by host pointer, so a struct page is the
 * kernel's size.  A link value with LIST_HEAD_BIT set names a list head
 * (machine->heads[value & ~LIST_HEAD_BIT]) instead of a page: every list
 * is circular through its head, as the kernel's list_head is.
 */
#define LIST_HEAD_BIT	0x80000000u

struct plink {
	u32 next;
	u32 prev;
};

struct page {
	u32 flags;		/* PG_* bits; zone index in bits 30-31 */
	s32 _count;		/* references; 0 = free */
	s32 _mapcount;		/* PTEs mapping the page, minus one */
	u32 private;		/* buddy: the order of a free block */
	u32 mapping;
	u32 index;
	struct plink lru;	/* free list, pcp list or LRU */
};

enum pageflags {
	PG_locked, PG_error, PG_referenced, PG_uptodate, PG_dirty, PG_lru,
	PG_active, PG_slab, PG_checked, PG_arch_1, PG_reserved, PG_private,
	PG_private_2, PG_writeback, PG_head, PG_tail, PG_swapcache,
	PG_mappedtodisk, PG_reclaim, PG_buddy, PG_swapbacked, PG_unevictable,
	PG_mlocked, NR_PAGEFLAGS
};

extern const char *const pageflag_names[NR_PAGEFLAGS];

#define ZONES_PGSHIFT	30
#define ZONES_MASK	3u

static inline bool
page_test(const struct page *p, int bit)
{
	return (p->flags >> bit) & 1;
}

static inline void
page_set(struct page *p, int bit)
{
	p->flags |= 1u << bit;
}

static inline void
page_clear(struct page *p, int bit)
{
	p->flags &= ~(1u << bit);
}

static inline int
page_zonenum(const struct page *p)
{
	return p->flags >> ZONES_PGSHIFT;
}

/* ---- zones ---------------------------------------------------------------- */

enum zone_type { ZONE_DMA, ZONE_NORMAL, ZONE_HIGHMEM, ZONE_MOVABLE,
		 MAX_NR_ZONES };

enum migratetype {
	MIGRATE_UNMOVABLE, MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE,
	MIGRATE_RESERVE, MIGRATE_ISOLATE, MIGRATE_TYPES
};
#define MIGRATE_PCPTYPES 3

extern const char *const zone_names[MAX_NR_ZONES];
extern const char *const migratetype_names[MIGRATE_TYPES];

enum zone_stat_item {
	NR_FREE_PAGES, NR_INACTIVE_ANON, NR_ACTIVE_ANON, NR_INACTIVE_FILE,
	NR_ACTIVE_FILE, NR_UNEVICTABLE, NR_MLOCK, NR_ANON_PAGES,
	NR_FILE_MAPPED, NR_FILE_PAGES, NR_FILE_DIRTY, NR_WRITEBACK,
	NR_SLAB_RECLAIMABLE, NR_SLAB_UNRECLAIMABLE, NR_PAGETABLE,
	NR_KERNEL_STACK, NR_UNSTABLE_NFS, NR_BOUNCE, NR_VMSCAN_WRITE,
	NR_WRITEBACK_TEMP, NR_ISOLATED_ANON, NR_ISOLATED_FILE, NR_SHMEM,
	NR_VM_ZONE_STAT_ITEMS
};

enum zone_watermarks { WMARK_MIN, WMARK_LOW, WMARK_HIGH, NR_WMARK };

/* The LRU lists (include/linux/mmzone.h): in the order of their counters,
 * so that NR_LRU_BASE + lru is the list's zone_stat_item. */
enum lru_list {
	LRU_INACTIVE_ANON, LRU_ACTIVE_ANON, LRU_INACTIVE_FILE, LRU_ACTIVE_FILE,
	LRU_UNEVICTABLE, NR_LRU_LISTS
};
#define NR_LRU_BASE	NR_INACTIVE_ANON
#define LRU_ACTIVE	1	/* LRU_INACTIVE_x + LRU_ACTIVE = LRU_ACTIVE_x */
#define LRU_FILE	2	/* LRU_x_ANON + LRU_FILE = LRU_x_FILE */

extern const char *const lru_list_names[NR_LRU_LISTS];

struct free_area {
	u32 free_list[MIGRATE_TYPES];	/* list head ids */
	u32 nr_free;			/* blocks, not pages */
};

struct per_cpu_pages {
	int count;		/* pages on the lists */
	int high;		/* above this, drain batch pages */
	int batch;		/* chunk size for buddy add/remove */
	u32 lists[MIGRATE_PCPTYPES];	/* list head ids */
};

struct zone {
	const char *name;
	int idx;
	u32 watermark[NR_WMARK];
	u32 lowmem_reserve[MAX_NR_ZONES];
	struct per_cpu_pages pcp[VMDB_MAX_CPUS];
	int stat_threshold;
	struct free_area free_area[MAX_ORDER];
	u8 *pageblock_mt;	/* migrate type per pageblock (see pfn_to_block) */
	u32 nr_pageblocks;
	long vm_stat[NR_VM_ZONE_STAT_ITEMS];
	u32 lru[NR_LRU_LISTS];	/* list heads (mm/swap.c) */
	u32 zone_start_pfn;
	u32 spanned_pages;	/* end - start, holes included */
	u32 present_pages;	/* minus holes and mem_map */
	u32 batch;		/* zone_batchsize() */
	u32 pages_scanned;
	int prev_priority;
	u32 inactive_ratio;
	bool all_unreclaimable;
};

static inline bool
populated_zone(const struct zone *z)
{
	return z->present_pages != 0;
}

static inline bool
zone_is_highmem(const struct zone *z)
{
	return z->idx == ZONE_HIGHMEM;
}

/* ---- GFP flags (include/linux/gfp.h, 2.6.32) ------------------------------ */
#define __GFP_DMA		0x01u
#define __GFP_HIGHMEM		0x02u
#define __GFP_DMA32		0x04u
#define __GFP_MOVABLE		0x08u
#define __GFP_WAIT		0x10u
#define __GFP_HIGH		0x20u
#define __GFP_IO		0x40u
#define __GFP_FS		0x80u
#define __GFP_COLD		0x100u
#define __GFP_NOWARN		0x200u
#define __GFP_REPEAT		0x400u
#define __GFP_NOFAIL		0x800u
#define __GFP_NORETRY		0x1000u
#define __GFP_COMP		0x4000u
#define __GFP_ZERO		0x8000u
#define __GFP_NOMEMALLOC	0x10000u
#define __GFP_HARDWALL		0x20000u
#define __GFP_THISNODE		0x40000u
#define __GFP_RECLAIMABLE	0x80000u
#define __GFP_BITS_MASK		0xfffffu

#define GFP_ATOMIC		(__GFP_HIGH)
#define GFP_NOIO		(__GFP_WAIT)
#define GFP_NOFS		(__GFP_WAIT | __GFP_IO)
#define GFP_KERNEL		(__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_TEMPORARY		(GFP_KERNEL | __GFP_RECLAIMABLE)
#define GFP_USER		(GFP_KERNEL | __GFP_HARDWALL)
#define GFP_HIGHUSER		(GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE	(GFP_HIGHUSER | __GFP_MOVABLE)
#define GFP_DMA			(__GFP_DMA)

/* What a caller's mask passes on to the allocations it makes for its own
 * bookkeeping (kmalloc of a descriptor): how hard to try, not where. */
#define GFP_RECLAIM_MASK	(__GFP_WAIT | __GFP_IO | __GFP_FS |	\
				 __GFP_NOWARN | __GFP_REPEAT |		\
				 __GFP_NOFAIL | __GFP_NORETRY |		\
				 __GFP_NOMEMALLOC)

/* "GFP_KERNEL|__GFP_ZERO", "0xd0", "GFP_HIGHUSER_MOVABLE" ... */
int gfp_parse(const char *s, gfp_t *out, char *why, size_t n);
/* Canonical name: the largest GFP_* combination, then the rest. */
void gfp_format(struct strbuf *sb, gfp_t gfp);
int gfp_zone(gfp_t gfp);
int allocflags_to_migratetype(gfp_t gfp);

/* ---- the page allocator (mm/page_alloc.c) --------------------------------- */

struct page *pfn_to_page(struct machine *m, u32 pfn);
u32 page_to_pfn(struct machine *m, const struct page *p);
struct zone *page_zone(struct machine *m, const struct page *p);
bool pfn_valid(struct machine *m, u32 pfn);
bool zone_spans(struct machine *m, u32 pfn);

/*
 * Allocates 2^order contiguous frames.  Returns the first pfn, or -ENOMEM
 * when no zone of the zonelist can satisfy the watermarks, or -EINVAL for
 * an order >= MAX_ORDER.  Runs on the machine's current CPU.
 */
long alloc_pages(struct machine *m, gfp_t gfp, unsigned int order);
/* Drops a reference; frees the block when it was the last. */
void __free_pages(struct machine *m, u32 pfn, unsigned int order);
/*
 * The checked free behind the free_pages command: refuses (-EINVAL, reason
 * in m->why) a pfn that is not the start of a live allocation of exactly
 * that order, leaving the machine unchanged.
 */
int free_pages_checked(struct machine *m, u32 pfn, unsigned int order);

int get_pageblock_migratetype(struct machine *m, u32 pfn);
void set_pageblock_migratetype(struct machine *m, u32 pfn, int mt);
bool zone_watermark_ok(struct machine *m, struct zone *z, unsigned int order,
		       unsigned long mark, int classzone_idx, int alloc_flags);
void drain_all_pages(struct machine *m);
unsigned long nr_free_pages(struct machine *m);

/* Boot-time pieces, called from setup.c in the kernel's order. */
void free_area_init_nodes(struct machine *m);
void build_all_zonelists(struct machine *m);
void __free_pages_bootmem(struct machine *m, u32 pfn, unsigned int order);
void setup_per_cpu_pageset(struct machine *m);
void init_per_zone_wmark_min(struct machine *m);
int zone_batchsize(u32 present_pages);
void setup_zone_migrate_reserve(struct machine *m, struct zone *z);
u32 move_freepages_block(struct machine *m, struct zone *z, u32 pfn, int mt);

/* Zone counters (folded: vmdb has no per-CPU vm_stat_diff). */
static inline void
mod_zone_page_state(struct zone *z, enum zone_stat_item item, long delta)
{
	z->vm_stat[item] += delta;
}

/* The invariant checker for buddy lists, pcp lists and counters. */
int check_page_alloc(struct machine *m, struct out *o);

#endif
