/* mm/slab_impl.h: what the slab files share: the i386 layouts of the
 * allocator's structures in simulated RAM, the host-side state, and the
 * helpers that read and write kernel words and lists.
 *
 * What lives where.  Everything the kernel keeps in memory is kept in
 * simulated RAM, at the kernel virtual address the kernel would use, as
 * little-endian 32-bit words with the i386 layout:
 *
 *   struct slab (28 bytes)        on-slab: at the start of the slab page,
 *     +0  list.next                after the colour offset, followed by
 *     +4  list.prev                one kmem_bufctl_t (u32) per object;
 *     +8  colouroff                off-slab: an object of a size-N cache
 *     +12 s_mem (first object)
 *     +16 inuse
 *     +20 free  (first free index, BUFCTL_END when none)
 *     +24 nodeid (u16, then 2 bytes of padding)
 *
 *   struct array_cache            kmalloc'd (the bootstrap ones are static)
 *     +0 avail  +4 limit  +8 batchcount  +12 touched  +16 lock
 *     +20 entry[limit]              object addresses, LIFO
 *
 *   struct kmem_list3 (56 bytes)  kmalloc'd (the bootstrap ones static)
 *     +0 slabs_partial  +8 slabs_full  +16 slabs_free   (list heads)
 *     +24 free_objects  +28 free_limit  +32 colour_next  +36 list_lock
 *     +40 shared  +44 alien  +48 next_reap  +52 free_touched
 *
 *   struct kmem_cache             an object of cache_cache (kmem_cache)
 *     +0 array[NR_CPUS], then at B = 4 * NR_CPUS:
 *     B+0 batchcount  B+4 limit  B+8 shared  B+12 buffer_size
 *     B+16 reciprocal_buffer_size  B+20 flags  B+24 num  B+28 gfporder
 *     B+32 gfpflags  B+36 colour  B+40 colour_off  B+44 slabp_cache
 *     B+48 slab_size  B+52 dflags  B+56 ctor  B+60 name  B+64 next
 *     B+72 nodelists[1]                                size B + 76
 *
 * The static objects of mm/slab.c (cache_chain, cache_cache, the two
 * bootstrap arraycache_init and initkmem_list3[3]) sit in the kernel
 * image's .data, just past the end of .text (see slab_statics).
 *
 * The host keeps what RAM cannot hold or what only vmdb needs: the
 * cache's name (its RAM `name` word is left 0: vmdb has no .rodata), the
 * geometry the cache never changes after creation (mirrored in RAM), a
 * table from a cache's address to its host handle (page->lru.next holds
 * the address, as page_set_cache writes it), and the reports of the last
 * operation.
 */
#ifndef VMDB_MM_SLAB_IMPL_H
#define VMDB_MM_SLAB_IMPL_H

#include <string.h>

#include "vmdb/machine.h"
#include "vmdb/slab.h"

#define BYTES_PER_WORD		4u
#define SLAB_DESC		28u	/* sizeof(struct slab) */
#define BUFCTL_END		0xffffffffu
#define SLAB_LIMIT		0xfffffffcu
#define CFLGS_OFF_SLAB		0x80000000u
#define ARCH_KMALLOC_MINALIGN	8u	/* __alignof__(unsigned long long) */
#define ARCH_KMALLOC_FLAGS	SLAB_HWCACHE_ALIGN
#define BOOT_CPUCACHE_ENTRIES	1u
#define BATCHREFILL_LIMIT	16u
#define LIST_POISON1		0x00100100u
#define LIST_POISON2		0x00200200u
/* X86_L1_CACHE_SHIFT 6 (X86_GENERIC); cache_line_size() too */
#define L1_CACHE_BYTES		64u

/* The non-debug CREATE_MASK of 2.6.32 (SLAB_DEBUG_OBJECTS and
 * SLAB_NOTRACK are 0 without their config options). */
#define CREATE_MASK	(SLAB_HWCACHE_ALIGN | SLAB_CACHE_DMA |	\
			 SLAB_RECLAIM_ACCOUNT | SLAB_PANIC |	\
			 SLAB_DESTROY_BY_RCU | SLAB_MEM_SPREAD |	\
			 SLAB_NOLEAKTRACE)

/* include/linux/gfp.h, 2.6.32 */
#define GFP_CONSTRAINT_MASK	(__GFP_HARDWALL | __GFP_THISNODE)
#define GFP_BOOT_MASK		(__GFP_BITS_MASK &			\
				 ~(__GFP_WAIT | __GFP_IO | __GFP_FS))
#define GFP_SLAB_BUG_MASK	(__GFP_DMA32 | __GFP_HIGHMEM |		\
				 ~__GFP_BITS_MASK)
#define GFP_NOWAIT		0u

/* The reap clock: CONFIG_HZ_250, jiffies starting at INITIAL_JIFFIES. */
#define HZ			250u
#define INITIAL_JIFFIES		((u32)-300 * HZ)
#define REAPTIMEOUT_CPUC	(2 * HZ)
#define REAPTIMEOUT_LIST3	(4 * HZ)

/* struct slab */
#define SL_NEXT		0
#define SL_PREV		4
#define SL_COLOUROFF	8
#define SL_SMEM		12
#define SL_INUSE	16
#define SL_FREE		20
#define SL_NODEID	24

/* struct array_cache */
#define AC_AVAIL	0
#define AC_LIMIT	4
#define AC_BATCH	8
#define AC_TOUCHED	12
#define AC_LOCK		16
#define AC_ENTRY	20
#define ARRAYCACHE_INIT_SIZE	(AC_ENTRY + 4 * BOOT_CPUCACHE_ENTRIES)

/* struct kmem_list3 */
#define L3_PARTIAL	0
#define L3_FULL		8
#define L3_FREE		16
#define L3_FREE_OBJECTS	24
#define L3_FREE_LIMIT	28
#define L3_COLOUR_NEXT	32
#define L3_LOCK		36
#define L3_SHARED	40
#define L3_ALIEN	44
#define L3_NEXT_REAP	48
#define L3_FREE_TOUCHED	52
#define L3_SIZE		56

/* struct kmem_cache, after array[NR_CPUS] */
#define KC_BATCH	0
#define KC_LIMIT	4
#define KC_SHARED	8
#define KC_BUFSIZE	12
#define KC_RECIPROCAL	16
#define KC_FLAGS	20
#define KC_NUM		24
#define KC_ORDER	28
#define KC_GFP		32
#define KC_COLOUR	36
#define KC_COLOUR_OFF	40
#define KC_SLABP_CACHE	44
#define KC_SLAB_SIZE	48
#define KC_DFLAGS	52
#define KC_CTOR		56
#define KC_NAME		60
#define KC_NEXT		64
#define KC_NODELISTS	72
#define KC_TAIL		76

/* g_cpucache_up */
enum { CPUCACHE_NONE, PARTIAL_AC, PARTIAL_L3, CPUCACHE_EARLY, CPUCACHE_FULL };

#define SLAB_NAME_MAX	48

/* The host handle of a cache.  Mutable state (arrays, lists, tunables)
 * is in RAM; these fields never change after kmem_cache_create. */
struct kmem_cache {
	u32 kva;
	int id;			/* in slab_state.caches, never reused */
	char name[SLAB_NAME_MAX];
	u32 obj_size;		/* as asked for */
	u32 buffer_size;
	u32 align;
	u32 num;
	u32 gfporder;
	u32 flags;		/* SLAB_* | CFLGS_OFF_SLAB */
	gfp_t gfpflags;
	u32 colour, colour_off;
	u32 slab_size;
	struct kmem_cache *slabp_cache;
	bool boot;		/* made at boot: never destroyed */
	bool dead;
};

/* Bytes of kernel .data mm/slab.c's statics take (see slab_statics). */
struct slab_statics {
	u32 cache_chain;	/* struct list_head */
	u32 cache_cache;	/* struct kmem_cache */
	u32 initarray_cache;	/* struct arraycache_init */
	u32 initarray_generic;
	u32 initkmem_list3;	/* [3] of struct kmem_list3 */
};

#define NR_KMALLOC	19	/* 32, 64, 128, 192, 256 ... 4194304 */

struct slab_state {
	struct kmem_cache **caches;	/* by id; dead ones stay */
	int nr_caches, cap;
	u32 *hkva;			/* kva -> id, open addressing */
	int *hid;
	u32 hcap;
	struct slab_statics st;
	struct kmem_cache *cache_cache;
	struct kmem_cache *malloc_sizes[NR_KMALLOC][2];	/* [i][1]: DMA */
	int g_cpucache_up;
	bool slab_early_init;
	u32 slab_break_gfp_order;
	gfp_t gfp_allowed_mask;
	int online_cpus;		/* CPUs up so far (smp_init) */
	u32 nr_array_slots;		/* NR_CPUS: kmem_cache.array[] slots */
	u32 jiffies;
	int depth;			/* nesting of alloc/free calls */
	int err;			/* -errno of the last failed alloc */
	struct slab_alloc_info alloc;
	struct slab_free_info free;
	u32 *user;			/* objects the commands handed out */
	u32 user_n, user_cap;		/* (open addressing, 0 = empty) */
};

extern const u32 malloc_sizes_table[NR_KMALLOC];

/* ---- words in simulated RAM ------------------------------------------- */

static inline u32 *
kw(struct machine *m, u32 kva)
{
	return (u32 *)(void *)phys_to_host(m, kva - m->page_offset);
}

static inline u32
rd(struct machine *m, u32 kva)
{
	return *kw(m, kva);
}

static inline void
wr(struct machine *m, u32 kva, u32 v)
{
	*kw(m, kva) = v;
}

static inline bool
kva_lowmem(struct machine *m, u32 kva)
{
	return kva >= m->page_offset && kva < m->high_memory;
}

static inline u32
kva_pfn(struct machine *m, u32 kva)
{
	return (kva - m->page_offset) >> PAGE_SHIFT;
}

static inline u32
pfn_kva(struct machine *m, u32 pfn)
{
	return __va(m, pfn << PAGE_SHIFT);
}

/* ---- struct list_head in RAM ------------------------------------------ */

static inline void
klist_init(struct machine *m, u32 head)
{
	wr(m, head, head);
	wr(m, head + 4, head);
}

static inline bool
klist_empty(struct machine *m, u32 head)
{
	return rd(m, head) == head;
}

static inline void
__klist_add(struct machine *m, u32 new, u32 prev, u32 next)
{
	wr(m, next + 4, new);
	wr(m, new, next);
	wr(m, new + 4, prev);
	wr(m, prev, new);
}

static inline void
klist_add(struct machine *m, u32 new, u32 head)
{
	__klist_add(m, new, head, rd(m, head));
}

static inline void
klist_add_tail(struct machine *m, u32 new, u32 head)
{
	__klist_add(m, new, rd(m, head + 4), head);
}

static inline void
klist_del(struct machine *m, u32 entry)
{
	u32 next = rd(m, entry), prev = rd(m, entry + 4);

	wr(m, next + 4, prev);
	wr(m, prev, next);
	wr(m, entry, LIST_POISON1);
	wr(m, entry + 4, LIST_POISON2);
}

/*
 * Walking a slab list for a report: the next entry, or head once the
 * link is not a word of lowmem or more entries were walked than there
 * are pages (a list corrupted by a stray write ends there instead of
 * looping or reading past RAM; `check` names the damage).
 */
static inline u32
klist_next_safe(struct machine *m, u32 pos, u32 head, u32 *budget)
{
	u32 next;

	if (!kva_lowmem(m, pos) || (pos & 3) || !(*budget)--)
		return head;
	next = rd(m, pos);
	if (next != head && (!kva_lowmem(m, next) || (next & 3)))
		return head;
	return next;
}

#define for_each_slab_safe(m, pos, head, budget)			\
	for ((budget) = (m)->max_mapnr,					\
	     (pos) = klist_next_safe((m), (head), (head), &(budget));	\
	     (pos) != (head);						\
	     (pos) = klist_next_safe((m), (pos), (head), &(budget)))

/* list_splice: moves list's entries to the front of head (list itself is
 * not reinitialised, as in the kernel). */
static inline void
klist_splice(struct machine *m, u32 list, u32 head)
{
	u32 first = rd(m, list), last = rd(m, list + 4), at = rd(m, head);

	if (first == list)
		return;
	wr(m, first + 4, head);
	wr(m, head, first);
	wr(m, last, at);
	wr(m, at + 4, last);
}

/* ---- a cache's RAM fields --------------------------------------------- */

static inline u32
kc_base(struct slab_state *s, const struct kmem_cache *c)
{
	return c->kva + 4 * s->nr_array_slots;
}

static inline u32
kc_rd(struct machine *m, const struct kmem_cache *c, u32 field)
{
	return rd(m, c->kva + 4 * m->slab->nr_array_slots + field);
}

static inline void
kc_wr(struct machine *m, const struct kmem_cache *c, u32 field, u32 v)
{
	wr(m, c->kva + 4 * m->slab->nr_array_slots + field, v);
}

static inline u32
cpu_cache_get(struct machine *m, const struct kmem_cache *c, int cpu)
{
	return rd(m, c->kva + 4 * (u32)cpu);
}

static inline u32
cache_l3(struct machine *m, const struct kmem_cache *c)
{
	return kc_rd(m, c, KC_NODELISTS);
}

static inline u32
index_to_obj(const struct kmem_cache *c, u32 s_mem, u32 idx)
{
	return s_mem + c->buffer_size * idx;
}

static inline u32
slab_bufctl(u32 slabp)
{
	return slabp + SLAB_DESC;
}

/* ---- shared between slab.c, slab_cache.c, slab_show.c and check ------- */

struct kmem_cache *slab_cache_by_kva(struct machine *m, u32 kva);
void slab_hash_add(struct slab_state *s, struct kmem_cache *c);
void slab_hash_del(struct slab_state *s, struct kmem_cache *c);
u32 __cache_alloc(struct machine *m, struct kmem_cache *c, gfp_t gfp);
void __cache_free(struct machine *m, struct kmem_cache *c, u32 objp);
struct kmem_cache *kmem_find_general_cachep(struct machine *m, u32 size,
					    gfp_t gfp);
void free_block(struct machine *m, struct kmem_cache *c, u32 entries,
		u32 nr);
int drain_array(struct machine *m, struct kmem_cache *c, u32 ac, bool force);
int drain_freelist(struct machine *m, struct kmem_cache *c, u32 tofree);
void slab_destroy(struct machine *m, struct kmem_cache *c, u32 slabp);
void cache_estimate(u32 gfporder, u32 buffer_size, u32 align, u32 flags,
		    u32 *left_over, u32 *num);
void kc_write_geometry(struct machine *m, const struct kmem_cache *c);
u32 next_reap_time(struct machine *m, u32 cache_kva);
int slab_enable_cpucache(struct machine *m, struct kmem_cache *c, gfp_t gfp);
struct kmem_cache *slab_create_boot_cache(struct machine *m, const char *name,
					  u32 size, u32 align, u32 flags);
u32 alloc_arraycache(struct machine *m, u32 entries, u32 batchcount,
		     gfp_t gfp);
void kmem_list3_init(struct machine *m, u32 l3);
/* Objects in c's arrays (every CPU and the shared one). */
u32 slab_array_objects(struct machine *m, const struct kmem_cache *c);
/* -1, a CPU, or VMDB_MAX_CPUS (the shared array) holding objp. */
int slab_array_holding(struct machine *m, const struct kmem_cache *c,
		       u32 objp);
/* Is idx on the free chain of slab slabp (walks at most num links)? */
bool slab_index_free(struct machine *m, const struct kmem_cache *c,
		     u32 slabp, u32 idx);
/* The list (L3_PARTIAL ...) a slab sits on, found by walking. */
int slab_which_list(struct machine *m, const struct kmem_cache *c,
		    u32 slabp);
/* Live caches newest first, as the cache_chain lists them. */
int slab_chain(struct machine *m, struct kmem_cache **out, int max);

#endif
