/* mm/slab_registry.c: vmdb's host-side books of the slab allocator: from
 * a cache's kernel address (what page->lru.next holds) to its handle, by
 * name, by id (what trace points carry), and the reports of the last
 * allocation and free.  The kernel needs none of this: its pointers are
 * the caches. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vmdb/machine.h"
#include "vmdb/util.h"

#include "mm/slab_impl.h"

static u32
hslot(u32 kva, u32 cap)
{
	return ((kva >> 5) * 2654435761u) & (cap - 1);
}

static void
hash_put(struct slab_state *s, const struct kmem_cache *c)
{
	u32 i = hslot(c->kva, s->hcap);

	while (s->hid[i] >= 0)
		i = (i + 1) & (s->hcap - 1);
	s->hkva[i] = c->kva;
	s->hid[i] = c->id;
}

static void
hash_rebuild(struct slab_state *s, u32 cap)
{
	int i;

	free(s->hkva);
	free(s->hid);
	s->hcap = cap;
	s->hkva = xcalloc(cap, sizeof(*s->hkva));
	s->hid = xmalloc(cap * sizeof(*s->hid));
	for (i = 0; i < (int)cap; i++)
		s->hid[i] = -1;
	for (i = 0; i < s->nr_caches; i++)
		if (!s->caches[i]->dead)
			hash_put(s, s->caches[i]);
}

void
slab_hash_add(struct slab_state *s, struct kmem_cache *c)
{
	if (s->nr_caches == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->caches = xrealloc(s->caches, s->cap * sizeof(*s->caches));
	}
	c->id = s->nr_caches;
	s->caches[s->nr_caches++] = c;
	if ((u32)s->nr_caches * 2 > s->hcap)
		hash_rebuild(s, s->hcap ? 2 * s->hcap : 128);
	else
		hash_put(s, c);
}

void
slab_hash_del(struct slab_state *s, struct kmem_cache *c)
{
	c->dead = true;
	hash_rebuild(s, s->hcap);
}

struct kmem_cache *
slab_cache_by_kva(struct machine *m, u32 kva)
{
	struct slab_state *s = m->slab;
	u32 i = hslot(kva, s->hcap);

	while (s->hid[i] >= 0) {
		if (s->hkva[i] == kva)
			return s->caches[s->hid[i]];
		i = (i + 1) & (s->hcap - 1);
	}
	return NULL;
}

struct kmem_cache *
kmem_cache_find(struct machine *m, const char *name)
{
	struct slab_state *s = m->slab;
	int i;

	for (i = 0; s && i < s->nr_caches; i++)
		if (!s->caches[i]->dead && !strcmp(s->caches[i]->name, name))
			return s->caches[i];
	return NULL;
}

const char *
kmem_cache_name(const struct kmem_cache *c)
{
	return c->name;
}

const char *
slab_cache_name_by_id(struct machine *m, long id)
{
	struct slab_state *s = m->slab;

	if (s == NULL || id < 0 || id >= s->nr_caches)
		return "?";
	return s->caches[id]->name;
}

const struct slab_alloc_info *
slab_last_alloc(struct machine *m)
{
	return &m->slab->alloc;
}

const struct slab_free_info *
slab_last_free(struct machine *m)
{
	return &m->slab->free;
}

int
slab_errno(struct machine *m)
{
	return m->slab->err;
}
