/* mm/slab_checked.c: what vmdb adds around the kernel's slab paths for
 * the person at the prompt: finding where an address lies (which cache,
 * slab, object, list, array), and the checked frees that refuse a bad
 * pointer with the reason instead of corrupting the caches as the kernel
 * would.  The kernel has no such checks outside CONFIG_DEBUG_SLAB. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/machine.h"
#include "vmdb/util.h"

#include "mm/slab_impl.h"

/* ---- objects the user holds ------------------------------------------- */

static u32
uslot(u32 kva, u32 cap)
{
	return (kva * 2654435761u) & (cap - 1);
}

static void
user_put(struct slab_state *s, u32 kva)
{
	u32 i = uslot(kva, s->user_cap);

	while (s->user[i] && s->user[i] != kva)
		i = (i + 1) & (s->user_cap - 1);
	if (!s->user[i])
		s->user_n++;
	s->user[i] = kva;
}

static void
user_add(struct slab_state *s, u32 kva)
{
	if (2 * (s->user_n + 1) > s->user_cap) {
		u32 *old = s->user, cap = s->user_cap, i;

		s->user_cap = cap ? 2 * cap : 64;
		s->user = xcalloc(s->user_cap, sizeof(*s->user));
		s->user_n = 0;
		for (i = 0; i < cap; i++)
			if (old[i])
				user_put(s, old[i]);
		free(old);
	}
	user_put(s, kva);
}

bool
slab_user_owns(struct machine *m, u32 kva)
{
	struct slab_state *s = m->slab;
	u32 i;

	if (!s->user_cap)
		return false;
	for (i = uslot(kva, s->user_cap); s->user[i];
	     i = (i + 1) & (s->user_cap - 1))
		if (s->user[i] == kva)
			return true;
	return false;
}

/* Removal with backward shifting, so that probes stay unbroken. */
static void
user_del(struct slab_state *s, u32 kva)
{
	u32 mask = s->user_cap - 1, i = uslot(kva, s->user_cap), j;

	while (s->user[i] != kva)
		i = (i + 1) & mask;
	s->user[i] = 0;
	s->user_n--;
	for (j = (i + 1) & mask; s->user[j]; j = (j + 1) & mask) {
		u32 home = uslot(s->user[j], s->user_cap);

		/* move j back to i unless its home lies in (i, j] */
		if ((j > i && (home <= i || home > j)) ||
		    (j < i && home <= i && home > j)) {
			s->user[i] = s->user[j];
			s->user[j] = 0;
			i = j;
		}
	}
}

u32
kmalloc_user(struct machine *m, u32 size, gfp_t gfp)
{
	u32 objp = kmalloc(m, size, gfp);

	if (objp)
		user_add(m->slab, objp);
	return objp;
}

u32
kmem_cache_alloc_user(struct machine *m, struct kmem_cache *c, gfp_t gfp)
{
	u32 objp = kmem_cache_alloc(m, c, gfp);

	if (objp)
		user_add(m->slab, objp);
	return objp;
}

u32
slab_user_count(struct machine *m, const struct kmem_cache *c)
{
	struct slab_state *s = m->slab;
	u32 i, n = 0;

	for (i = 0; i < s->user_cap; i++)
		if (s->user[i] && (c == NULL ||
		    m->mem_map[kva_pfn(m, s->user[i])].lru.next == c->kva))
			n++;
	return n;
}

/* ---- where an object is ----------------------------------------------- */

bool
slab_index_free(struct machine *m, const struct kmem_cache *c, u32 slabp,
		u32 idx)
{
	u32 i = rd(m, slabp + SL_FREE), n = 0;

	while (i != BUFCTL_END && i < c->num && n++ <= c->num) {
		if (i == idx)
			return true;
		i = rd(m, slab_bufctl(slabp) + 4 * i);
	}
	return false;
}

static bool
array_has(struct machine *m, u32 ac, u32 objp)
{
	u32 i, avail;

	if (!ac)
		return false;
	avail = rd(m, ac + AC_AVAIL);
	for (i = 0; i < avail && i < rd(m, ac + AC_LIMIT); i++)
		if (rd(m, ac + AC_ENTRY + 4 * i) == objp)
			return true;
	return false;
}

int
slab_array_holding(struct machine *m, const struct kmem_cache *c, u32 objp)
{
	int cpu;

	for (cpu = 0; cpu < m->slab->online_cpus; cpu++)
		if (array_has(m, cpu_cache_get(m, c, cpu), objp))
			return cpu;
	if (array_has(m, rd(m, cache_l3(m, c) + L3_SHARED), objp))
		return VMDB_MAX_CPUS;
	return -1;
}

u32
slab_array_objects(struct machine *m, const struct kmem_cache *c)
{
	u32 n = 0, shared = rd(m, cache_l3(m, c) + L3_SHARED);
	int cpu;

	for (cpu = 0; cpu < m->slab->online_cpus; cpu++)
		n += rd(m, cpu_cache_get(m, c, cpu) + AC_AVAIL);
	if (shared)
		n += rd(m, shared + AC_AVAIL);
	return n;
}

int
slab_which_list(struct machine *m, const struct kmem_cache *c, u32 slabp)
{
	static const u32 heads[] = { L3_PARTIAL, L3_FULL, L3_FREE };
	u32 l3 = cache_l3(m, c), i;

	for (i = 0; i < ARRAY_SIZE(heads); i++) {
		u32 head = l3 + heads[i], pos, budget;

		for_each_slab_safe(m, pos, head, budget)
			if (pos == slabp)
				return (int)i;
	}
	return -1;
}

int
slab_lookup(struct machine *m, u32 addr, struct slab_obj_info *oi)
{
	struct kmem_cache *c;
	struct page *p;
	u32 pfn, off;

	memset(oi, 0, sizeof(*oi));
	oi->in_array = -1;
	if (!kva_lowmem(m, addr))
		return machine_err(m, -EINVAL,
				   "0x%08x is not a lowmem kernel address (0x%08x-0x%08x), where slab objects live",
				   addr, m->page_offset, m->high_memory - 1);
	pfn = kva_pfn(m, addr);
	p = &m->mem_map[pfn];
	if (!page_test(p, PG_slab))
		return machine_err(m, -EINVAL,
				   "0x%08x is in pfn 0x%x, which is not a slab page",
				   addr, pfn);
	c = slab_cache_by_kva(m, p->lru.next);
	if (c == NULL)
		return machine_err(m, -EINVAL,
				   "pfn 0x%x is PG_slab but lru.next 0x%08x is no cache",
				   pfn, p->lru.next);
	oi->cache = c;
	oi->slab = p->lru.prev;
	oi->colouroff = rd(m, oi->slab + SL_COLOUROFF);
	oi->s_mem = rd(m, oi->slab + SL_SMEM);
	oi->inuse = rd(m, oi->slab + SL_INUSE);
	oi->free = rd(m, oi->slab + SL_FREE);
	oi->pfn = kva_pfn(m, oi->s_mem - oi->colouroff);
	oi->list = (enum slab_list)slab_which_list(m, c, oi->slab);
	if (addr < oi->s_mem)
		return 0;
	off = addr - oi->s_mem;
	if (off >= c->num * c->buffer_size)
		return 0;
	oi->index = off / c->buffer_size;
	oi->is_object = off % c->buffer_size == 0;
	if (oi->is_object) {
		oi->free_chain = slab_index_free(m, c, oi->slab, oi->index);
		oi->in_array = slab_array_holding(m, c, addr);
	}
	return 0;
}

/* ---- the checked frees ------------------------------------------------ */

static int
refuse_not_object(struct machine *m, u32 objp, const struct slab_obj_info *oi)
{
	const struct kmem_cache *c = oi->cache;
	u32 end = oi->s_mem + c->num * c->buffer_size;

	if (objp < oi->s_mem)
		return machine_err(m, -EINVAL,
				   "0x%08x lies before the first object (0x%08x) of its %s slab: in the colour padding or the slab descriptor",
				   objp, oi->s_mem, c->name);
	if (objp >= end)
		return machine_err(m, -EINVAL,
				   "0x%08x lies past the last object of its %s slab (it ends at 0x%08x)",
				   objp, c->name, end);
	return machine_err(m, -EINVAL,
			   "0x%08x is %u bytes into object %u (0x%08x) of %s: free the object's start",
			   objp, (objp - oi->s_mem) % c->buffer_size, oi->index,
			   index_to_obj(c, oi->s_mem, oi->index), c->name);
}

static int
check_free(struct machine *m, const struct kmem_cache *want, u32 objp,
	   struct slab_obj_info *oi)
{
	int err = slab_lookup(m, objp, oi);

	if (err)
		return err;
	if (!oi->is_object)
		return refuse_not_object(m, objp, oi);
	if (want && oi->cache != want)
		return machine_err(m, -EINVAL,
				   "0x%08x is an object of %s, not of %s",
				   objp, oi->cache->name, want->name);
	if (oi->free_chain)
		return machine_err(m, -EINVAL,
				   "0x%08x is already free: object %u is on its slab's free chain (double free)",
				   objp, oi->index);
	if (oi->in_array == VMDB_MAX_CPUS)
		return machine_err(m, -EINVAL,
				   "0x%08x is already free: it sits in the shared array of %s (double free)",
				   objp, oi->cache->name);
	if (oi->in_array >= 0)
		return machine_err(m, -EINVAL,
				   "0x%08x is already free: it sits in cpu %d's per-CPU array of %s (double free)",
				   objp, oi->in_array, oi->cache->name);
	if (!slab_user_owns(m, objp))
		return machine_err(m, -EINVAL,
				   "0x%08x is a live object of %s that the kernel allocated for itself; only objects from kmalloc or kmem_cache_alloc commands can be freed",
				   objp, oi->cache->name);
	return 0;
}

int
kfree_checked(struct machine *m, u32 objp)
{
	struct slab_obj_info oi;
	int err = check_free(m, NULL, objp, &oi);

	if (err)
		return err;
	user_del(m->slab, objp);
	kfree(m, objp);
	return 0;
}

int
kmem_cache_free_checked(struct machine *m, struct kmem_cache *c, u32 objp)
{
	struct slab_obj_info oi;
	int err = check_free(m, c, objp, &oi);

	if (err)
		return err;
	user_del(m->slab, objp);
	kmem_cache_free(m, c, objp);
	return 0;
}
