/* mm/slab_reap.c: giving slab memory back: draining arrays, destroying
 * free slabs, kmem_cache_shrink, kmem_cache_destroy and the periodic
 * cache_reap (Linux 2.6.32 mm/slab.c). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/machine.h"
#include "vmdb/util.h"

#include "mm/slab_impl.h"

/* drain_array: gives back a fifth of the array's limit (force: all of
 * it) unless it was touched since the last call, which only clears
 * touched.  Returns the objects freed, or -1 for "touched". */
int
drain_array(struct machine *m, struct kmem_cache *c, u32 ac, bool force)
{
	u32 avail, tofree;

	if (!ac || !(avail = rd(m, ac + AC_AVAIL)))
		return 0;
	if (rd(m, ac + AC_TOUCHED) && !force) {
		wr(m, ac + AC_TOUCHED, 0);
		return -1;
	}
	tofree = force ? avail : (rd(m, ac + AC_LIMIT) + 4) / 5;
	if (tofree > avail)
		tofree = (avail + 1) / 2;
	free_block(m, c, ac + AC_ENTRY, tofree);
	avail -= tofree;
	wr(m, ac + AC_AVAIL, avail);
	memmove(kw(m, ac + AC_ENTRY), kw(m, ac + AC_ENTRY + 4 * tofree),
		4 * avail);
	return (int)tofree;
}

/* drain_freelist: destroys up to tofree slabs from the tail of
 * slabs_free.  Returns how many. */
int
drain_freelist(struct machine *m, struct kmem_cache *c, u32 tofree)
{
	u32 l3 = cache_l3(m, c), nr = 0;

	while (nr < tofree && !klist_empty(m, l3 + L3_FREE)) {
		u32 slabp = rd(m, l3 + L3_FREE + 4);

		klist_del(m, slabp);
		wr(m, l3 + L3_FREE_OBJECTS,
		   rd(m, l3 + L3_FREE_OBJECTS) - c->num);
		slab_destroy(m, c, slabp);
		nr++;
	}
	return (int)nr;
}

/* __cache_shrink: every array drained (drain_cpu_caches), then every free
 * slab destroyed.  Returns 1 if slabs with objects remain. */
static int
__cache_shrink(struct machine *m, struct kmem_cache *c)
{
	u32 l3 = cache_l3(m, c), i;

	for (i = 0; i < (u32)m->slab->online_cpus; i++) {	/* do_drain */
		u32 ac = cpu_cache_get(m, c, (int)i);

		free_block(m, c, ac + AC_ENTRY, rd(m, ac + AC_AVAIL));
		wr(m, ac + AC_AVAIL, 0);
	}
	drain_array(m, c, rd(m, l3 + L3_SHARED), true);
	drain_freelist(m, c, rd(m, l3 + L3_FREE_OBJECTS));
	return !klist_empty(m, l3 + L3_FULL) ||
	       !klist_empty(m, l3 + L3_PARTIAL);
}

int
kmem_cache_shrink(struct machine *m, struct kmem_cache *c)
{
	return __cache_shrink(m, c);
}

int
kmem_cache_destroy(struct machine *m, struct kmem_cache *c)
{
	struct slab_state *s = m->slab;
	struct kmem_cache_info ci;
	u32 l3, i;

	if (c->boot)
		return machine_err(m, -EPERM,
				   "%s is one of the kernel's own caches (made at boot); only caches made with kmem_cache_create can go",
				   c->name);
	kmem_cache_get_info(m, c, &ci);
	if (ci.live_objs)
		return machine_err(m, -EBUSY,
				   "%u object%s of %s %s still allocated: free %s first (the kernel says \"Can't free all objects\")",
				   ci.live_objs, ci.live_objs == 1 ? "" : "s",
				   c->name, ci.live_objs == 1 ? "is" : "are",
				   ci.live_objs == 1 ? "it" : "them");
	klist_del(m, kc_base(s, c) + KC_NEXT);
	__cache_shrink(m, c);
	/* __kmem_cache_destroy */
	for (i = 0; i < (u32)s->online_cpus; i++)
		kfree(m, cpu_cache_get(m, c, (int)i));
	l3 = cache_l3(m, c);
	kfree(m, rd(m, l3 + L3_SHARED));
	kfree(m, l3);
	kmem_cache_free(m, s->cache_cache, c->kva);
	slab_hash_del(s, c);
	return 0;
}

/* ---- cache_reap ------------------------------------------------------- */

static bool
time_after(u32 a, u32 b)
{
	return (s32)(b - a) < 0;
}

/*
 * cache_reap, the kernel's delayed work, every 2 seconds on each CPU:
 * every cache's array on this CPU gives back a fifth of its limit unless
 * it was used since the last run; then, every 4 seconds per cache
 * (next_reap), the shared array likewise, and a fifth of free_limit's
 * worth of free slabs unless free slabs were used since (free_touched).
 */
void
cache_reap(struct machine *m, struct slab_reap_report *r)
{
	struct slab_state *s = m->slab;
	struct kmem_cache **chain = xmalloc(s->nr_caches * sizeof(*chain));
	int n = slab_chain(m, chain, s->nr_caches), i;

	s->jiffies += REAPTIMEOUT_CPUC;
	memset(r, 0, sizeof(*r));
	r->jiffies = s->jiffies;
	r->cpu = m->this_cpu;
	r->e = xcalloc((size_t)n + 1, sizeof(*r->e));
	for (i = 0; i < n; i++) {
		struct kmem_cache *c = chain[i];
		struct slab_reap_entry *e = &r->e[r->n];
		u32 l3 = cache_l3(m, c), ac = cpu_cache_get(m, c, m->this_cpu);
		u32 shared = rd(m, l3 + L3_SHARED);

		memset(e, 0, sizeof(*e));
		e->cache = c;
		e->array_before = rd(m, ac + AC_AVAIL);
		e->array_drained = drain_array(m, c, ac, false);
		if (time_after(rd(m, l3 + L3_NEXT_REAP), s->jiffies))
			goto next;
		wr(m, l3 + L3_NEXT_REAP, s->jiffies + REAPTIMEOUT_LIST3);
		e->lists_due = true;
		e->shared_before = shared ? rd(m, shared + AC_AVAIL) : 0;
		e->shared_drained = drain_array(m, c, shared, false);
		if (rd(m, l3 + L3_FREE_TOUCHED)) {
			wr(m, l3 + L3_FREE_TOUCHED, 0);
			e->free_touched = true;
		} else {
			u32 tofree = (rd(m, l3 + L3_FREE_LIMIT) + 5 * c->num -
				      1) / (5 * c->num);

			e->slabs_freed = drain_freelist(m, c, tofree);
			e->pages_freed = (u32)e->slabs_freed << c->gfporder;
		}
next:
		if (e->array_before || e->shared_before || e->free_touched ||
		    e->slabs_freed)
			r->n++;
	}
	free(chain);
}

void
slab_reap_report_free(struct slab_reap_report *r)
{
	free(r->e);
	r->e = NULL;
	r->n = 0;
}
