/* debug/explain_slab.c: the sentences of the SLAB allocator's trace points
 * (mm/slab.c, Gorman chapter 8): the per-CPU arrays first, the slab lists
 * behind them, new slabs with their colour, slabs given back.  The arrays
 * and lists are read where the kernel keeps them, in simulated RAM. */
#include "config.h"

#include "explain_impl.h"
#include "../mm/slab_impl.h"

/* The live cache with that id, NULL for a destroyed one or none. */
static struct kmem_cache *
cache_by_id(struct machine *m, long id)
{
	struct slab_state *s = m->slab;

	if (s == NULL || id < 0 || id >= s->nr_caches || s->caches[id]->dead)
		return NULL;
	return s->caches[id];
}

/* This CPU's array_cache of c, 0 before it has one. */
static u32
this_array(struct machine *m, const struct kmem_cache *c)
{
	return cpu_cache_get(m, c, m->this_cpu);
}

/* What an allocation from c will find in this CPU's array. */
static void
alloc_from(struct xctx *x, const struct kmem_cache *c)
{
	struct machine *m = x->m;
	u32 ac = this_array(m, c), avail;

	if (ac == 0)
		return;
	avail = rd(m, ac + AC_AVAIL);
	if (avail)
		say(x, "; cpu%d's array holds %u object%s, so it hands out the "
		    "one on top, the last put there and likely still in the "
		    "CPU cache", m->this_cpu, avail, avail == 1 ? "" : "s");
	else
		say(x, "; cpu%d's array is empty, so cache_alloc_refill must "
		    "fill it first", m->this_cpu);
}

/* What a free to c will do with this CPU's array. */
static void
free_to(struct xctx *x, const struct kmem_cache *c)
{
	struct machine *m = x->m;
	u32 ac = this_array(m, c), avail, limit;

	if (ac == 0)
		return;
	avail = rd(m, ac + AC_AVAIL);
	limit = rd(m, ac + AC_LIMIT);
	if (avail >= limit)
		say(x, "; cpu%d's array is full (%u object%s), so "
		    "cache_flusharray first moves %u out", m->this_cpu, avail,
		    x_s(avail), rd(m, ac + AC_BATCH));
	else
		say(x, "; it goes onto cpu%d's array (%u of %u entr%s used), "
		    "to be handed out again first", m->this_cpu, avail, limit,
		    limit == 1 ? "y" : "ies");
}

static void
kmalloc_enter(struct xctx *x)
{
	long size = xarg(x, 0);
	struct kmem_cache *c;

	c = size > 0 && size <= (long)KMALLOC_MAX_SIZE && x->m->slab ?
	    kmem_find_general_cachep(x->m, (u32)size, xarg32(x, 1)) : NULL;
	if (c == NULL) {
		say(x, "kmalloc(%ld) looks for a general cache that fits",
		    size);
		return;
	}
	say(x, "kmalloc(%ld) is served by the smallest general cache that "
	    "fits, %s (%u-byte objects)", size, c->name, c->buffer_size);
	alloc_from(x, c);
}

static void
kfree_enter(struct xctx *x)
{
	struct kmem_cache *c = cache_by_id(x->m, xarg(x, 1));

	say(x, "kfree(0x%08lx) finds the object's cache from its struct page, "
	    "%s", xarg(x, 0), slab_cache_name_by_id(x->m, xarg(x, 1)));
	if (c)
		free_to(x, c);
}

static void
cache_alloc_enter(struct xctx *x)
{
	struct kmem_cache *c = cache_by_id(x->m, xarg(x, 0));

	say(x, "kmem_cache_alloc takes an object from %s",
	    slab_cache_name_by_id(x->m, xarg(x, 0)));
	if (c)
		alloc_from(x, c);
}

static void
cache_free_enter(struct xctx *x)
{
	struct kmem_cache *c = cache_by_id(x->m, xarg(x, 0));

	say(x, "kmem_cache_free gives 0x%08lx back to %s", xarg(x, 1),
	    slab_cache_name_by_id(x->m, xarg(x, 0)));
	if (c)
		free_to(x, c);
}

static void
refill_enter(struct xctx *x)
{
	struct machine *m = x->m;
	struct kmem_cache *c = cache_by_id(m, xarg(x, 0));
	struct kmem_cache_info ci;
	u32 shared, savail = 0;

	say(x, "cache_alloc_refill moves up to %ld object%s into cpu%d's array "
	    "of %s", xarg(x, 1), x_s((unsigned long)xarg(x, 1)),
	    m->this_cpu,
	    slab_cache_name_by_id(m, xarg(x, 0)));
	if (c == NULL)
		return;
	kmem_cache_get_info(m, c, &ci);
	shared = rd(m, cache_l3(m, c) + L3_SHARED);
	if (shared)
		savail = rd(m, shared + AC_AVAIL);
	if (savail)
		say(x, ", from the shared array first (%u there)", savail);
	else if (ci.partial_slabs + ci.free_slabs)
		say(x, ", from partial slabs first, then free ones (%u "
		    "partial, %u free, %u free objects in all)",
		    ci.partial_slabs,
		    ci.free_slabs, ci.free_objects);
	else
		say(x, ", but no slab has a free object, so cache_grow must "
		    "make a new slab");
}

static void
grow_enter(struct xctx *x)
{
	struct machine *m = x->m;
	struct kmem_cache *c = cache_by_id(m, xarg(x, 0));
	struct kmem_cache_info ci;
	long colour = xarg(x, 2);

	say(x, "cache_grow makes a new slab for %s",
	    slab_cache_name_by_id(m, xarg(x, 0)));
	if (c == NULL)
		return;
	kmem_cache_get_info(m, c, &ci);
	say(x, ", %u page%s from the buddy allocator for %u object%s of %u "
	    "bytes", 1u << ci.gfporder, ci.gfporder ? "s" : "", ci.num,
	    x_s(ci.num), ci.buffer_size);
	if (ci.off_slab && ci.slabp_cache)
		say(x, " (its descriptor off-slab, in %s)",
		    kmem_cache_name(ci.slabp_cache));
	if (ci.colour > 1)
		say(x, "; it gets colour %ld of %u, so its objects start %lu "
		    "bytes further in than colour 0 and fall on other cache "
		    "lines than the last slab's", colour, ci.colour,
		    colour * (long)ci.colour_off);
	else
		say(x, "; the slab has no room left over to colour it");
}

static void
grow_exit(struct xctx *x)
{
	if (x->ev->ret)
		say(x, "cache_grow puts the new slab (descriptor at 0x%08lx) "
		    "on slabs_free", x->ev->ret);
	else
		say(x, "cache_grow fails; there is no page for a new slab");
}

static void
flusharray_enter(struct xctx *x)
{
	struct machine *m = x->m;
	struct kmem_cache *c = cache_by_id(m, xarg(x, 0));
	u32 ac, shared;

	say(x, "cpu%d's array of %s is full, so cache_flusharray moves its %ld "
	    "oldest objects out", m->this_cpu,
	    slab_cache_name_by_id(m, xarg(x, 0)), xarg(x, 1));
	if (c == NULL || (ac = this_array(m, c)) == 0)
		return;
	shared = rd(m, cache_l3(m, c) + L3_SHARED);
	if (shared && rd(m, shared + AC_AVAIL) < rd(m, shared + AC_LIMIT))
		say(x, ", into the shared array (%u of %u entries used)",
		    rd(m, shared + AC_AVAIL), rd(m, shared + AC_LIMIT));
	else
		say(x, ", back to their slabs (free_block)");
}

static void
free_block_enter(struct xctx *x)
{
	struct machine *m = x->m;
	struct kmem_cache *c = cache_by_id(m, xarg(x, 0));
	struct kmem_cache_info ci;
	long nr = xarg(x, 1);

	say(x, "free_block puts %ld object%s of %s back in %s slab%s", nr,
	    x_s((unsigned long)nr), slab_cache_name_by_id(m, xarg(x, 0)),
	    nr == 1 ? "its" : "their", x_s((unsigned long)nr));
	if (c == NULL)
		return;
	kmem_cache_get_info(m, c, &ci);
	say(x, "; %u object%s free in its slabs, and a slab left empty once "
	    "more than %u are free goes back to the buddy allocator, else it "
	    "waits on slabs_free", ci.free_objects,
	    ci.free_objects == 1 ? " is" : "s are", ci.free_limit);
}

static void
slab_destroy_enter(struct xctx *x)
{
	struct kmem_cache *c = cache_by_id(x->m, xarg(x, 0));

	say(x, "slab_destroy frees an empty slab of %s (descriptor 0x%08lx); "
	    "its ", slab_cache_name_by_id(x->m, xarg(x, 0)), xarg(x, 1));
	if (c && c->gfporder)
		say(x, "%u pages", 1u << c->gfporder);
	else
		say(x, "page");
	say(x, " at pfn 0x%lx go%s back to the buddy allocator", xarg(x, 2),
	    c && c->gfporder ? "" : "es");
}

const struct explain_row explain_rows_slab[] = {
	{ TP___kmalloc, "8", kmalloc_enter, NULL },
	{ TP_kfree, "8", kfree_enter, NULL },
	{ TP_kmem_cache_alloc, "8", cache_alloc_enter, NULL },
	{ TP_kmem_cache_free, "8", cache_free_enter, NULL },
	{ TP_cache_alloc_refill, "8", refill_enter, NULL },
	{ TP_cache_grow, "8", grow_enter, grow_exit },
	{ TP_cache_flusharray, "8", flusharray_enter, NULL },
	{ TP_free_block, "8", free_block_enter, NULL },
	{ TP_slab_destroy, "8", slab_destroy_enter, NULL },
	{ 0, NULL, NULL, NULL }
};
