/* vmdb/slab.h: the SLAB allocator of Linux 2.6.32 (mm/slab.c): object
 * caches carved out of buddy pages, kmalloc's size-N caches, per-CPU
 * array caches, and the /proc/slabinfo formatter.
 *
 * Objects are lowmem kernel virtual addresses (u32), as the kernel's
 * pointers are; a struct kmem_cache * is the engine's host-side handle of
 * a cache, valid until kmem_cache_destroy.  The cache's own descriptor,
 * its per-CPU arrays, its kmem_list3 and every slab descriptor live in
 * simulated RAM, where the kernel keeps them (see src/mm/slab_impl.h for
 * the i386 layouts).
 */
#ifndef VMDB_SLAB_H
#define VMDB_SLAB_H

#include "vmdb/types.h"

struct machine;
struct out;
struct kmem_cache;

/* ---- flags of kmem_cache_create (include/linux/slab.h, 2.6.32) -------- */
#define SLAB_DEBUG_FREE		0x00000100u	/* DEBUG only */
#define SLAB_RED_ZONE		0x00000400u	/* DEBUG only */
#define SLAB_POISON		0x00000800u	/* DEBUG only */
#define SLAB_HWCACHE_ALIGN	0x00002000u	/* align on cache lines */
#define SLAB_CACHE_DMA		0x00004000u	/* use GFP_DMA memory */
#define SLAB_STORE_USER		0x00010000u	/* DEBUG only */
#define SLAB_RECLAIM_ACCOUNT	0x00020000u	/* reclaimable objects */
#define SLAB_TEMPORARY		SLAB_RECLAIM_ACCOUNT
#define SLAB_PANIC		0x00040000u	/* panic if creating fails */
#define SLAB_DESTROY_BY_RCU	0x00080000u	/* free slabs after RCU */
#define SLAB_MEM_SPREAD		0x00100000u	/* spread over cpusets */
#define SLAB_TRACE		0x00200000u
#define SLAB_NOLEAKTRACE	0x00800000u

#define KMALLOC_SHIFT_HIGH	22	/* MAX_ORDER + PAGE_SHIFT - 1 */
#define KMALLOC_MAX_SIZE	(1u << KMALLOC_SHIFT_HIGH)	/* 4 MiB */
#define KMALLOC_MAX_ORDER	(KMALLOC_SHIFT_HIGH - PAGE_SHIFT)

/* ---- the engine's entry points ---------------------------------------- */

/*
 * Creates a cache of size-byte objects (kmem_cache_create: the kernel's
 * alignment, on/off-slab and gfporder rules).  Returns the cache, or NULL
 * with the reason in m->why: a duplicate name, a size below 4 or above
 * KMALLOC_MAX_SIZE, an alignment that is not a power of two, a flag the
 * non-debug kernel does not accept, or no memory for the descriptor.
 */
struct kmem_cache *kmem_cache_create(struct machine *m, const char *name,
				     u32 size, u32 align, unsigned long flags);
/*
 * Destroys a cache made with kmem_cache_create: drains its arrays, frees
 * its slabs and its descriptors.  Returns 0; -EBUSY while objects are live
 * (vmdb checks before touching anything, the kernel drains first and then
 * complains), -EPERM for a cache the kernel made at boot (kmalloc's,
 * kmem_cache, task_struct, ...), with the reason in m->why.
 */
int kmem_cache_destroy(struct machine *m, struct kmem_cache *c);
/* The live cache of that name, or NULL. */
struct kmem_cache *kmem_cache_find(struct machine *m, const char *name);
/* An object's kernel address, or 0 (reason in m->why) when no page could
 * be had for a new slab or gfp asks for highmem. */
u32 kmem_cache_alloc(struct machine *m, struct kmem_cache *c, gfp_t gfp);
/* Frees an object of c; a pointer that is not one is a caller's bug and
 * stops vmdb (the kernel's BUG). */
void kmem_cache_free(struct machine *m, struct kmem_cache *c, u32 objp);
/* kmalloc: the smallest size-N (or size-N(DMA) with GFP_DMA) cache that
 * holds size bytes.  0 for size 0 (the kernel returns ZERO_SIZE_PTR), above
 * KMALLOC_MAX_SIZE, or on failure, with the reason in m->why. */
u32 kmalloc(struct machine *m, u32 size, gfp_t gfp);
/* kfree: objp 0 is a no-op; anything but a live object stops vmdb. */
void kfree(struct machine *m, u32 objp);

/*
 * The checked frees behind the kfree and kmem_cache_free commands (as
 * free_pages_checked is for free_pages): a pointer outside lowmem, not in
 * a slab page, not the start of an object, of another cache (c != NULL),
 * or already free (on its slab's free chain, or sitting in a per-CPU or
 * shared array) is refused with -EINVAL and the reason in m->why, and the
 * machine is left unchanged.
 */
int kfree_checked(struct machine *m, u32 objp);
int kmem_cache_free_checked(struct machine *m, struct kmem_cache *c,
			    u32 objp);

/*
 * The objects the person at the prompt holds.  The kmalloc and
 * kmem_cache_alloc commands allocate through these, and the checked frees
 * take back only such objects: everything else alive in a cache belongs
 * to some kernel structure (the allocator's own arrays and descriptors,
 * a task's VMAs ...), which a free from the prompt would corrupt.
 */
u32 kmalloc_user(struct machine *m, u32 size, gfp_t gfp);
u32 kmem_cache_alloc_user(struct machine *m, struct kmem_cache *c, gfp_t gfp);
bool slab_user_owns(struct machine *m, u32 objp);
/* How many such objects c holds (all caches for NULL). */
u32 slab_user_count(struct machine *m, const struct kmem_cache *c);

/* kmem_cache_shrink: drains the arrays, frees every free slab.  Returns 1
 * if slabs with objects remain, else 0. */
int kmem_cache_shrink(struct machine *m, struct kmem_cache *c);

/* ---- what happened (for the commands) --------------------------------- */

/* The last top-level allocation: where the object came from. */
struct slab_alloc_info {
	const struct kmem_cache *cache;
	bool from_array;	/* popped off a non-empty per-CPU array */
	int refilled;		/* objects cache_alloc_refill moved in */
	int from_shared;	/* ... of which from the shared array */
	int partial_slabs;	/* slabs it took them from, per list */
	int free_slabs;
	int grown;		/* new slabs cache_grow made */
	u32 grow_pfn;		/* the last new slab's first page */
	u32 grow_colour;	/* its colour (offset / colour_off) */
	u32 slab;		/* the object's slab descriptor */
	u32 index;		/* the object's index in it */
	u32 avail, limit;	/* the array after the allocation */
};

/* The last top-level free. */
struct slab_free_info {
	const struct kmem_cache *cache;
	u32 slab, index;
	int flushed;		/* cache_flusharray moved this many out */
	bool to_shared;		/* ... into the shared array */
	int slabs_destroyed;	/* by free_block, its pages back to buddy */
	u32 avail, limit;	/* the array after the free */
};

const struct slab_alloc_info *slab_last_alloc(struct machine *m);
/* -EINVAL, -EEXIST or -ENOMEM: why the last kmalloc, kmem_cache_alloc or
 * kmem_cache_create failed (the reason is in m->why). */
int slab_errno(struct machine *m);
const struct slab_free_info *slab_last_free(struct machine *m);

/* ---- looking at caches and slabs -------------------------------------- */

struct kmem_cache_info {
	const char *name;
	u32 kva;		/* the struct kmem_cache object */
	u32 obj_size;		/* as asked for */
	u32 buffer_size;	/* after alignment */
	u32 align;
	u32 num;		/* objects per slab */
	u32 gfporder;
	gfp_t gfpflags;
	unsigned long flags;	/* SLAB_* as created */
	bool off_slab;
	u32 slab_size;		/* descriptor + bufctls (+ padding) */
	u32 colour, colour_off, colour_next;
	u32 limit, batchcount, shared;
	u32 free_objects, free_limit;
	bool boot;		/* made by the kernel at boot */
	const struct kmem_cache *slabp_cache;	/* off-slab descriptors */
	/* counted from the lists */
	u32 full_slabs, partial_slabs, free_slabs;
	u32 active_objs;	/* inuse, array objects included */
	u32 live_objs;		/* active minus those in arrays */
};

/* A cache's geometry, tunables and counts. */
void kmem_cache_get_info(struct machine *m, const struct kmem_cache *c,
			 struct kmem_cache_info *ci);
const char *kmem_cache_name(const struct kmem_cache *c);
/* The name of the cache with that id (trace points pass ids), "?" if
 * there is none; a destroyed cache keeps its name. */
const char *slab_cache_name_by_id(struct machine *m, long id);

enum slab_list { SLAB_PARTIAL, SLAB_FULL, SLAB_FREE };
extern const char *const slab_list_names[3];

/* Where an address lies in the slab allocator. */
struct slab_obj_info {
	const struct kmem_cache *cache;
	u32 slab;		/* the slab descriptor */
	u32 pfn;		/* the slab's first page */
	u32 colouroff, s_mem, inuse, free;
	enum slab_list list;
	u32 index;		/* object index (valid if is_object) */
	bool is_object;		/* addr is the start of an object */
	bool free_chain;	/* ... that is on the slab's free chain */
	int in_array;		/* -1; or the CPU whose array holds it; or
				 * VMDB_MAX_CPUS for the shared array */
};

/* Fills oi for an address inside a slab page; -EINVAL (reason in m->why)
 * for an address outside lowmem or in a page that is not PG_slab. */
int slab_lookup(struct machine *m, u32 addr, struct slab_obj_info *oi);

/* Pages held by slabs: NR_SLAB_RECLAIMABLE + NR_SLAB_UNRECLAIMABLE over
 * the zones (meminfo's Slab line). */
unsigned long nr_slab_pages(struct machine *m);

/* /proc/slabinfo, version 2.1, newest cache first. */
void show_slabinfo(struct machine *m, struct out *o);
/* The `slab NAME` dump: geometry, every slab, the arrays.  -ENOENT if no
 * cache has that name. */
int show_slab(struct machine *m, struct out *o, const char *name);

/* ---- reaping ---------------------------------------------------------- */

/* What cache_reap did to one cache. */
struct slab_reap_entry {
	const struct kmem_cache *cache;
	u32 array_before;	/* objects in this CPU's array */
	int array_drained;	/* -1: left alone because touched */
	bool lists_due;		/* next_reap had passed */
	u32 shared_before;
	int shared_drained;	/* -1: left alone because touched */
	bool free_touched;	/* lists left alone: free slabs were used */
	int slabs_freed;
	u32 pages_freed;
};

struct slab_reap_report {
	u32 jiffies;		/* when it ran */
	int cpu;
	int n;
	struct slab_reap_entry *e;	/* caches where something was seen */
};

/*
 * One run of cache_reap on the current CPU, as the kernel's delayed work
 * does every 2 seconds: vmdb's slab clock advances by 2 s first.  Fills r
 * (free it with slab_reap_report_free).
 */
void cache_reap(struct machine *m, struct slab_reap_report *r);
void slab_reap_report_free(struct slab_reap_report *r);

/* ---- boot ------------------------------------------------------------- */

/* kmem_cache_init (cache_cache, the kmalloc caches, the bootstrap arrays
 * and lists) and kmem_cache_init_late (enable_cpucache for every cache).
 * Return 0, or -ENOMEM (reason in m->why) where the kernel panics. */
int kmem_cache_init(struct machine *m);
int kmem_cache_init_late(struct machine *m);
/* The caches start_kernel makes next (anon_vma_init, fork_init,
 * proc_caches_init) and the per-CPU arrays of the secondary CPUs
 * (smp_init's cpuup_prepare). */
int slab_init_kernel_caches(struct machine *m);
int slab_smp_init(struct machine *m);
void slab_free_machine(struct machine *m);

/* The invariant checker (`check`). */
int check_slab(struct machine *m, struct out *o);

#endif
