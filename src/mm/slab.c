/* mm/slab.c: the SLAB allocator's object paths: allocation through the
 * per-CPU arrays, refills from the slab lists, new slabs from the buddy
 * allocator, and frees back down the same road (Linux 2.6.32 mm/slab.c).
 *
 * A cache hands out objects of one size.  Its objects live in slabs: one
 * or more contiguous pages from the buddy allocator, cut into `num`
 * objects, with a small descriptor (struct slab) and one kmem_bufctl_t
 * per object.  The bufctls chain the slab's free objects by index:
 * slab->free is the first, bufctl[i] the one after i, BUFCTL_END the
 * last.  Slabs sit on one of three lists of the cache's kmem_list3:
 * slabs_full, slabs_partial (some objects free) and slabs_free.
 *
 * The per-CPU array caches.  Taking an object off a slab means a list
 * walk and a bufctl update under the cache's lock, so each CPU keeps a
 * small stack of object pointers in front of the slabs (struct
 * array_cache: avail, limit, batchcount, entry[]).  An allocation pops
 * entry[--avail], warm in this CPU's cache; a free pushes.  Only when the
 * stack is empty does cache_alloc_refill take up to batchcount objects
 * from the slabs (partial slabs first, then free ones, growing a new slab
 * when there is none), and only when it is full does cache_flusharray
 * give batchcount of the oldest back (to the shared array on SMP, else to
 * their slabs in free_block).  Objects sitting in an array are free to
 * the user but still "in use" to their slab: its inuse counts them.
 *
 * free_objects counts the objects on the slabs' free chains; a slab whose
 * last object comes back is destroyed, its pages returned to the buddy
 * allocator, once free_objects is above free_limit, else it waits on
 * slabs_free for cache_reap.  "touched" marks arrays used since the last
 * reap, which leaves them alone.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/machine.h"
#include "vmdb/util.h"

#include "mm/slab_impl.h"

const char *const slab_list_names[3] = {
	"slabs_partial", "slabs_full", "slabs_free"
};

/* ---- pages ------------------------------------------------------------ */

/* kmem_getpages: 2^gfporder pages, each marked PG_slab and counted in
 * NR_SLAB_(UN)RECLAIMABLE.  Returns the first pfn, or -1. */
static long
kmem_getpages(struct machine *m, struct kmem_cache *c, gfp_t flags)
{
	long pfn;
	u32 i, n = 1u << c->gfporder;

	flags |= c->gfpflags;
	if (c->flags & SLAB_RECLAIM_ACCOUNT)
		flags |= __GFP_RECLAIMABLE;
	pfn = alloc_pages(m, flags, c->gfporder);
	if (pfn < 0)
		return -1;
	mod_zone_page_state(page_zone(m, &m->mem_map[pfn]),
			    (c->flags & SLAB_RECLAIM_ACCOUNT) ?
			    NR_SLAB_RECLAIMABLE : NR_SLAB_UNRECLAIMABLE, n);
	for (i = 0; i < n; i++)
		page_set(&m->mem_map[pfn + i], PG_slab);
	return pfn;
}

/* kmem_freepages.  The kernel leaves the stale cache and slab pointers in
 * lru; vmdb resets them to "on no list" so `page` reads sensibly. */
static void
kmem_freepages(struct machine *m, struct kmem_cache *c, u32 pfn)
{
	u32 i, n = 1u << c->gfporder;

	mod_zone_page_state(page_zone(m, &m->mem_map[pfn]),
			    (c->flags & SLAB_RECLAIM_ACCOUNT) ?
			    NR_SLAB_RECLAIMABLE : NR_SLAB_UNRECLAIMABLE,
			    -(long)n);
	for (i = 0; i < n; i++) {
		struct page *p = &m->mem_map[pfn + i];

		page_clear(p, PG_slab);
		p->lru.next = p->lru.prev = PFN_NONE;
	}
	__free_pages(m, pfn, c->gfporder);
}

/* slab_destroy: the slab's pages go back to the buddy allocator, an
 * off-slab descriptor back to its size-N cache.  (SLAB_DESTROY_BY_RCU
 * would wait for a grace period; vmdb has no RCU, so it does not.) */
void
slab_destroy(struct machine *m, struct kmem_cache *c, u32 slabp)
{
	u32 addr = rd(m, slabp + SL_SMEM) - rd(m, slabp + SL_COLOUROFF);
	u32 pfn = kva_pfn(m, addr);

	TP_EVENT(m, slab_destroy, c->id, slabp, pfn);
	if (m->slab->depth == 1)
		m->slab->free.slabs_destroyed++;
	kmem_freepages(m, c, pfn);
	if (c->flags & CFLGS_OFF_SLAB)
		kmem_cache_free(m, c->slabp_cache, slabp);
}

/* ---- one slab --------------------------------------------------------- */

static u32
alloc_slabmgmt(struct machine *m, struct kmem_cache *c, u32 objp,
	       u32 colour_off, gfp_t local_flags)
{
	u32 slabp;

	if (c->flags & CFLGS_OFF_SLAB) {
		slabp = kmem_cache_alloc(m, c->slabp_cache, local_flags);
		if (!slabp)
			return 0;
	} else {
		slabp = objp + colour_off;
		colour_off += c->slab_size;
	}
	wr(m, slabp + SL_INUSE, 0);
	wr(m, slabp + SL_COLOUROFF, colour_off);
	wr(m, slabp + SL_SMEM, objp + colour_off);
	wr(m, slabp + SL_NODEID, 0);
	wr(m, slabp + SL_FREE, 0);
	return slabp;
}

static u32
slab_get_obj(struct machine *m, struct kmem_cache *c, u32 slabp)
{
	u32 idx = rd(m, slabp + SL_FREE);
	u32 objp = index_to_obj(c, rd(m, slabp + SL_SMEM), idx);

	wr(m, slabp + SL_INUSE, rd(m, slabp + SL_INUSE) + 1);
	wr(m, slabp + SL_FREE, rd(m, slab_bufctl(slabp) + 4 * idx));
	return objp;
}

static void
slab_put_obj(struct machine *m, struct kmem_cache *c, u32 slabp, u32 objp)
{
	u32 idx = (objp - rd(m, slabp + SL_SMEM)) / c->buffer_size;

	wr(m, slab_bufctl(slabp) + 4 * idx, rd(m, slabp + SL_FREE));
	wr(m, slabp + SL_FREE, idx);
	wr(m, slabp + SL_INUSE, rd(m, slabp + SL_INUSE) - 1);
}

/* The reason for a failed cache_grow, keeping the inner one. */
static void
grow_failed(struct machine *m, struct kmem_cache *c, const char *what)
{
	char inner[sizeof(m->why)];

	snprintf(inner, sizeof(inner), "%s", m->why);
	machine_err(m, -ENOMEM, "%s for a new slab of %s%s%s", what, c->name,
		    inner[0] ? ": " : "", inner);
}

/*
 * cache_grow: one more slab for c.  Slab colouring: the bytes a slab
 * cannot use for objects (left over) are spent as an offset in front of
 * the first object, a multiple of colour_off (the cache line), taking
 * each value 0 .. colour-1 in turn (colour_next).  Objects at the same
 * index of successive slabs then start on different cache lines and do
 * not all compete for the same lines of a set-associative CPU cache.  An
 * on-slab descriptor sits right after the colour, the objects after it.
 * Returns the new slab's address (the kernel returns 1), or 0.
 */
static u32
cache_grow(struct machine *m, struct kmem_cache *c, gfp_t flags)
{
	struct slab_state *s = m->slab;
	gfp_t local = flags & (GFP_CONSTRAINT_MASK | GFP_RECLAIM_MASK);
	u32 l3 = cache_l3(m, c), colour, next, objp, slabp, i, n;
	long pfn;

	colour = rd(m, l3 + L3_COLOUR_NEXT);
	next = colour + 1;
	if (next >= c->colour)
		next = 0;
	wr(m, l3 + L3_COLOUR_NEXT, next);
	TP_ENTER(m, cache_grow, c->id, (long)local, colour);
	pfn = kmem_getpages(m, c, local);
	if (pfn < 0) {
		grow_failed(m, c, "no page");
		goto failed;
	}
	objp = pfn_kva(m, (u32)pfn);
	slabp = alloc_slabmgmt(m, c, objp, colour * c->colour_off,
			       local & ~GFP_CONSTRAINT_MASK);
	if (!slabp) {
		grow_failed(m, c, "no off-slab descriptor");
		kmem_freepages(m, c, (u32)pfn);
		goto failed;
	}
	/* slab_map_pages: page_set_cache, page_set_slab on every page */
	for (i = 0, n = 1u << c->gfporder; i < n; i++) {
		m->mem_map[pfn + i].lru.next = c->kva;
		m->mem_map[pfn + i].lru.prev = slabp;
	}
	/* cache_init_objs: the free chain 0 -> 1 -> ... -> num-1 */
	for (i = 0; i < c->num; i++)
		wr(m, slab_bufctl(slabp) + 4 * i, i + 1);
	wr(m, slab_bufctl(slabp) + 4 * (c->num - 1), BUFCTL_END);
	klist_add_tail(m, slabp, l3 + L3_FREE);
	wr(m, l3 + L3_FREE_OBJECTS, rd(m, l3 + L3_FREE_OBJECTS) + c->num);
	if (s->depth == 1) {
		s->alloc.grown++;
		s->alloc.grow_pfn = (u32)pfn;
		s->alloc.grow_colour = colour;
	}
	TP_EXIT(m, cache_grow, slabp);
	return slabp;
failed:
	TP_EXIT(m, cache_grow, 0);
	return 0;
}

/* ---- the arrays ------------------------------------------------------- */

/* transfer_objects: up to max objects from the top of from to to. */
static u32
transfer_objects(struct machine *m, u32 to, u32 from, u32 max)
{
	u32 favail = rd(m, from + AC_AVAIL), tavail = rd(m, to + AC_AVAIL);
	u32 nr = MIN(MIN(favail, max), rd(m, to + AC_LIMIT) - tavail);

	if (!nr)
		return 0;
	memmove(kw(m, to + AC_ENTRY + 4 * tavail),
		kw(m, from + AC_ENTRY + 4 * (favail - nr)), 4 * nr);
	wr(m, from + AC_AVAIL, favail - nr);
	wr(m, to + AC_AVAIL, tavail + nr);
	wr(m, to + AC_TOUCHED, 1);
	return nr;
}

static u32
cache_alloc_refill(struct machine *m, struct kmem_cache *c, gfp_t flags)
{
	struct slab_state *s = m->slab;
	u32 ac, l3, shared, objp, avail;
	int batchcount;

	TP_ENTER(m, cache_alloc_refill, c->id,
		 rd(m, cpu_cache_get(m, c, m->this_cpu) + AC_BATCH));
retry:
	ac = cpu_cache_get(m, c, m->this_cpu);
	batchcount = (int)rd(m, ac + AC_BATCH);
	if (!rd(m, ac + AC_TOUCHED) && batchcount > (int)BATCHREFILL_LIMIT)
		/* little recent activity */
		batchcount = BATCHREFILL_LIMIT;
	l3 = cache_l3(m, c);
	shared = rd(m, l3 + L3_SHARED);
	if (shared) {
		u32 nr = transfer_objects(m, ac, shared, (u32)batchcount);

		if (nr) {
			if (s->depth == 1) {
				s->alloc.from_shared += (int)nr;
				s->alloc.refilled += (int)nr;
			}
			goto alloc_done;
		}
	}
	while (batchcount > 0) {
		u32 entry = rd(m, l3 + L3_PARTIAL), slabp;
		bool from_free = false;
		u32 before = rd(m, ac + AC_AVAIL);

		if (entry == l3 + L3_PARTIAL) {
			wr(m, l3 + L3_FREE_TOUCHED, 1);
			entry = rd(m, l3 + L3_FREE);
			if (entry == l3 + L3_FREE)
				goto must_grow;
			from_free = true;
		}
		slabp = entry;
		avail = rd(m, ac + AC_AVAIL);
		while (rd(m, slabp + SL_INUSE) < c->num && batchcount--)
			wr(m, ac + AC_ENTRY + 4 * avail++,
			   slab_get_obj(m, c, slabp));
		wr(m, ac + AC_AVAIL, avail);
		klist_del(m, slabp);
		if (rd(m, slabp + SL_FREE) == BUFCTL_END)
			klist_add(m, slabp, l3 + L3_FULL);
		else
			klist_add(m, slabp, l3 + L3_PARTIAL);
		if (s->depth == 1) {
			s->alloc.refilled += (int)(avail - before);
			if (from_free)
				s->alloc.free_slabs++;
			else
				s->alloc.partial_slabs++;
		}
	}
must_grow:
	wr(m, l3 + L3_FREE_OBJECTS,
	   rd(m, l3 + L3_FREE_OBJECTS) - rd(m, ac + AC_AVAIL));
alloc_done:
	if (!rd(m, ac + AC_AVAIL)) {
		u32 x = cache_grow(m, c, flags);

		ac = cpu_cache_get(m, c, m->this_cpu);
		if (!x && rd(m, ac + AC_AVAIL) == 0) {
			TP_EXIT(m, cache_alloc_refill, 0);
			return 0;
		}
		if (!rd(m, ac + AC_AVAIL))
			goto retry;
	}
	wr(m, ac + AC_TOUCHED, 1);
	avail = rd(m, ac + AC_AVAIL) - 1;
	wr(m, ac + AC_AVAIL, avail);
	objp = rd(m, ac + AC_ENTRY + 4 * avail);
	TP_EXIT(m, cache_alloc_refill, objp);
	return objp;
}

/* Fills the report's object position after a top-level allocation. */
static void
note_alloc(struct machine *m, struct kmem_cache *c, u32 objp)
{
	struct slab_state *s = m->slab;
	struct page *p = &m->mem_map[kva_pfn(m, objp)];
	u32 ac = cpu_cache_get(m, c, m->this_cpu);

	s->alloc.slab = p->lru.prev;
	s->alloc.index = (objp - rd(m, p->lru.prev + SL_SMEM)) /
			 c->buffer_size;
	s->alloc.avail = rd(m, ac + AC_AVAIL);
	s->alloc.limit = rd(m, ac + AC_LIMIT);
}

/* __cache_alloc: gfp_allowed_mask, the array or a refill, __GFP_ZERO. */
u32
__cache_alloc(struct machine *m, struct kmem_cache *c, gfp_t flags)
{
	struct slab_state *s = m->slab;
	u32 ac = cpu_cache_get(m, c, m->this_cpu), avail, objp;

	flags &= s->gfp_allowed_mask;
	if (++s->depth == 1) {
		memset(&s->alloc, 0, sizeof(s->alloc));
		s->alloc.cache = c;
	}
	avail = rd(m, ac + AC_AVAIL);
	if (likely(avail)) {
		wr(m, ac + AC_TOUCHED, 1);
		wr(m, ac + AC_AVAIL, --avail);
		objp = rd(m, ac + AC_ENTRY + 4 * avail);
		if (s->depth == 1)
			s->alloc.from_array = true;
	} else {
		objp = cache_alloc_refill(m, c, flags);
	}
	if (objp && (flags & __GFP_ZERO))
		memset(kw(m, objp), 0, c->buffer_size);
	if (objp && s->depth == 1)
		note_alloc(m, c, objp);
	s->depth--;
	return objp;
}

/* Slab objects must be lowmem: the kernel BUGs on these bits. */
static bool
gfp_slab_bug(struct machine *m, gfp_t gfp)
{
	if (!(gfp & GFP_SLAB_BUG_MASK))
		return false;
	m->slab->err = machine_err(m, -EINVAL,
		    "GFP mask 0x%x asks for highmem or DMA32: slab objects are always lowmem (the kernel BUGs)",
		    gfp);
	return true;
}

u32
kmem_cache_alloc(struct machine *m, struct kmem_cache *c, gfp_t gfp)
{
	u32 objp;

	if (unlikely(c->dead))
		fatal("kmem_cache_alloc(%s): the cache was destroyed", c->name);
	if (gfp_slab_bug(m, gfp))
		return 0;
	m->why[0] = '\0';
	TP_ENTER(m, kmem_cache_alloc, c->id, (long)gfp);
	objp = __cache_alloc(m, c, gfp);
	TP_EXIT(m, kmem_cache_alloc, objp);
	if (!objp)
		m->slab->err = -ENOMEM;
	return objp;
}

const u32 malloc_sizes_table[NR_KMALLOC] = {
	32, 64, 128, 192, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768,
	65536, 131072, 262144, 524288, 1048576, 2097152, 4194304
};

/* __find_general_cachep: the first size-N with N >= size. */
struct kmem_cache *
kmem_find_general_cachep(struct machine *m, u32 size, gfp_t gfp)
{
	int i = 0;

	while (size > malloc_sizes_table[i])
		i++;
	return m->slab->malloc_sizes[i][(gfp & GFP_DMA) ? 1 : 0];
}

u32
kmalloc(struct machine *m, u32 size, gfp_t gfp)
{
	struct kmem_cache *c;
	u32 objp;

	if (size == 0) {
		m->slab->err = machine_err(m, -EINVAL,
			    "size 0: the kernel returns ZERO_SIZE_PTR (0x10), a pointer that must not be used");
		return 0;
	}
	if (size > KMALLOC_MAX_SIZE) {
		m->slab->err = machine_err(m, -EINVAL,
			    "%u bytes is above KMALLOC_MAX_SIZE (4 MiB, the largest size-N cache)",
			    size);
		return 0;
	}
	if (gfp_slab_bug(m, gfp))
		return 0;
	m->why[0] = '\0';
	c = kmem_find_general_cachep(m, size, gfp);
	TP_ENTER(m, __kmalloc, size, (long)gfp);
	objp = __cache_alloc(m, c, gfp);
	TP_EXIT(m, __kmalloc, objp);
	if (!objp)
		m->slab->err = -ENOMEM;
	return objp;
}

/* ---- freeing ---------------------------------------------------------- */

/*
 * free_block: nr objects (a run of an array's entries) back to their
 * slabs.  A slab that becomes empty is destroyed when the cache already
 * holds more than free_limit free objects, else it goes on slabs_free; a
 * partial one goes to the tail of slabs_partial.
 */
void
free_block(struct machine *m, struct kmem_cache *c, u32 entries, u32 nr)
{
	u32 l3 = cache_l3(m, c), i;

	TP_ENTER(m, free_block, c->id, nr);
	for (i = 0; i < nr; i++) {
		u32 objp = rd(m, entries + 4 * i);
		u32 slabp = m->mem_map[kva_pfn(m, objp)].lru.prev;
		u32 fo;

		klist_del(m, slabp);
		slab_put_obj(m, c, slabp, objp);
		fo = rd(m, l3 + L3_FREE_OBJECTS) + 1;
		wr(m, l3 + L3_FREE_OBJECTS, fo);
		if (rd(m, slabp + SL_INUSE) == 0) {
			if (fo > rd(m, l3 + L3_FREE_LIMIT)) {
				wr(m, l3 + L3_FREE_OBJECTS, fo - c->num);
				slab_destroy(m, c, slabp);
			} else {
				klist_add(m, slabp, l3 + L3_FREE);
			}
		} else {
			klist_add_tail(m, slabp, l3 + L3_PARTIAL);
		}
	}
	TP_EXIT(m, free_block, 0);
}

/* cache_flusharray: a full array gives its batchcount oldest objects to
 * the shared array if it has room, else back to their slabs. */
static void
cache_flusharray(struct machine *m, struct kmem_cache *c, u32 ac)
{
	struct slab_state *s = m->slab;
	u32 batch = rd(m, ac + AC_BATCH), l3 = cache_l3(m, c);
	u32 shared = rd(m, l3 + L3_SHARED), avail;

	TP_ENTER(m, cache_flusharray, c->id, batch);
	if (shared) {
		u32 savail = rd(m, shared + AC_AVAIL);
		u32 max = rd(m, shared + AC_LIMIT) - savail;

		if (max) {
			batch = MIN(batch, max);
			memmove(kw(m, shared + AC_ENTRY + 4 * savail),
				kw(m, ac + AC_ENTRY), 4 * batch);
			wr(m, shared + AC_AVAIL, savail + batch);
			if (s->depth == 1)
				s->free.to_shared = true;
			goto free_done;
		}
	}
	free_block(m, c, ac + AC_ENTRY, batch);
free_done:
	avail = rd(m, ac + AC_AVAIL) - batch;
	wr(m, ac + AC_AVAIL, avail);
	memmove(kw(m, ac + AC_ENTRY), kw(m, ac + AC_ENTRY + 4 * batch),
		4 * avail);
	if (s->depth == 1)
		s->free.flushed = (int)batch;
	TP_EXIT(m, cache_flusharray, 0);
}

void
__cache_free(struct machine *m, struct kmem_cache *c, u32 objp)
{
	struct slab_state *s = m->slab;
	u32 ac = cpu_cache_get(m, c, m->this_cpu), avail;

	if (++s->depth == 1) {
		u32 slabp = m->mem_map[kva_pfn(m, objp)].lru.prev;

		memset(&s->free, 0, sizeof(s->free));
		s->free.cache = c;
		s->free.slab = slabp;
		s->free.index = (objp - rd(m, slabp + SL_SMEM)) /
				c->buffer_size;
	}
	avail = rd(m, ac + AC_AVAIL);
	if (unlikely(avail >= rd(m, ac + AC_LIMIT))) {
		cache_flusharray(m, c, ac);
		avail = rd(m, ac + AC_AVAIL);
	}
	wr(m, ac + AC_ENTRY + 4 * avail, objp);
	wr(m, ac + AC_AVAIL, avail + 1);
	if (s->depth == 1) {
		s->free.avail = avail + 1;
		s->free.limit = rd(m, ac + AC_LIMIT);
	}
	s->depth--;
}

/* The cache of a slab object, or a fatal error: the kernel's BUG for a
 * pointer that is not one. */
static struct kmem_cache *
virt_to_cache(struct machine *m, u32 objp, const char *fn)
{
	struct kmem_cache *c = NULL;
	struct page *p;

	if (kva_lowmem(m, objp)) {
		p = &m->mem_map[kva_pfn(m, objp)];
		if (page_test(p, PG_slab))
			c = slab_cache_by_kva(m, p->lru.next);
	}
	if (c == NULL)
		fatal("%s(0x%08x): not a slab object (kernel BUG)", fn, objp);
	return c;
}

void
kmem_cache_free(struct machine *m, struct kmem_cache *c, u32 objp)
{
	if (virt_to_cache(m, objp, "kmem_cache_free") != c)
		fatal("kmem_cache_free(%s, 0x%08x): the object belongs to another cache",
		      c->name, objp);
	TP_ENTER(m, kmem_cache_free, c->id, objp);
	__cache_free(m, c, objp);
	TP_EXIT(m, kmem_cache_free, 0);
}

void
kfree(struct machine *m, u32 objp)
{
	struct kmem_cache *c;

	if (objp <= 16)		/* ZERO_OR_NULL_PTR */
		return;
	c = virt_to_cache(m, objp, "kfree");
	TP_ENTER(m, kfree, objp, c->id);
	__cache_free(m, c, objp);
	TP_EXIT(m, kfree, 0);
}
