/* mm/slab_check.c: the slab allocator's invariants, for `check` and
 * --paranoid.  Everything is read back from simulated RAM and struct
 * page, so a wrong write anywhere shows up as a broken rule:
 *
 *   - the cache chain links every live cache once, newest first;
 *   - every slab on a list is well linked, sits on the list its inuse
 *     says (full: num, partial: between, free: 0), and has its colour
 *     and descriptor where the geometry puts them;
 *   - each free chain is acyclic, in range, ends in BUFCTL_END and holds
 *     num - inuse objects; free_objects is their sum;
 *   - every object in a per-CPU or shared array is an object start of a
 *     slab of that cache, not on a free chain, in one array only;
 *   - every page of a slab is PG_slab with lru.next = the cache and
 *     lru.prev = the slab; no other page is PG_slab; NR_SLAB_RECLAIMABLE
 *     and NR_SLAB_UNRECLAIMABLE count exactly those pages;
 *   - the allocator's own structures (kmem_cache descriptors, arrays,
 *     kmem_list3s, off-slab descriptors) and the objects the user holds
 *     are live objects.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/machine.h"
#include "vmdb/out.h"
#include "vmdb/util.h"

#include "mm/slab_impl.h"

#define FAIL(...)						\
	do {							\
		if (k->nerr < 50)				\
			out_printf(k->o, __VA_ARGS__);		\
		k->nerr++;					\
	} while (0)

enum { OBJ_UNSEEN, OBJ_FREE, OBJ_ARRAY };

struct slab_rec {
	u32 kva;
	u8 *state;		/* num entries */
};

struct checker {
	struct machine *m;
	struct out *o;
	int nerr;
	u8 *page_seen;		/* pfn -> part of a checked slab */
	long pages[MAX_NR_ZONES][2];	/* [zone][reclaimable] */
	struct slab_rec *slabs;	/* the current cache's, sorted by kva */
	u32 nslabs, cap;
};

static int
cmp_rec(const void *a, const void *b)
{
	u32 x = ((const struct slab_rec *)a)->kva;
	u32 y = ((const struct slab_rec *)b)->kva;

	return (x > y) - (x < y);
}

static struct slab_rec *
find_rec(struct checker *k, u32 kva)
{
	struct slab_rec key = { kva, NULL };

	return bsearch(&key, k->slabs, k->nslabs, sizeof(key), cmp_rec);
}

/* The cache a page's lru.next names (0 if not a slab page). */
static u32
page_cache_kva(struct machine *m, u32 kva)
{
	struct page *p;

	if (!kva_lowmem(m, kva))
		return 0;
	p = &m->mem_map[kva_pfn(m, kva)];
	return page_test(p, PG_slab) ? p->lru.next : 0;
}

/* A readable kernel word: inside lowmem and 4-byte aligned. */
static bool
kva_ok(struct machine *m, u32 kva)
{
	return kva_lowmem(m, kva) && !(kva & 3) &&
	       kva_lowmem(m, kva + 3);
}

static void
check_pages(struct checker *k, const struct kmem_cache *c, u32 slabp,
	    u32 base)
{
	struct machine *m = k->m;
	u32 pfn = kva_pfn(m, base), j, n = 1u << c->gfporder;

	if (pfn & (n - 1) || pfn + n > m->max_mapnr) {
		FAIL("slab: %s: slab 0x%08x: pages at pfn 0x%x are not an order-%u block\n",
		     c->name, slabp, pfn, c->gfporder);
		return;
	}
	for (j = 0; j < n; j++) {
		struct page *p = &m->mem_map[pfn + j];

		if (!page_test(p, PG_slab) || p->lru.next != c->kva ||
		    p->lru.prev != slabp)
			FAIL("slab: %s: pfn 0x%08x of slab 0x%08x: slab=%d lru.next 0x%08x lru.prev 0x%08x\n",
			     c->name, pfn + j, slabp, page_test(p, PG_slab),
			     p->lru.next, p->lru.prev);
		if (k->page_seen[pfn + j])
			FAIL("slab: pfn 0x%08x belongs to two slabs\n", pfn + j);
		k->page_seen[pfn + j] = 1;
		k->pages[page_zonenum(p)]
			[!!(c->flags & SLAB_RECLAIM_ACCOUNT)]++;
	}
}

/* The free chain; marks its objects.  Returns its length. */
static u32
check_chain(struct checker *k, const struct kmem_cache *c, u32 slabp,
	    u8 *state)
{
	struct machine *m = k->m;
	u32 i = rd(m, slabp + SL_FREE), n = 0;

	while (i != BUFCTL_END) {
		if (i >= c->num) {
			FAIL("slab: %s: slab 0x%08x: free chain holds index %u (num %u)\n",
			     c->name, slabp, i, c->num);
			break;
		}
		if (state[i] == OBJ_FREE) {
			FAIL("slab: %s: slab 0x%08x: free chain loops at index %u\n",
			     c->name, slabp, i);
			break;
		}
		state[i] = OBJ_FREE;
		n++;
		i = rd(m, slab_bufctl(slabp) + 4 * i);
	}
	return n;
}

static void
check_geometry(struct checker *k, const struct kmem_cache *c, u32 slabp,
	       u32 colouroff, u32 base)
{
	u32 colour = colouroff;

	if (!(c->flags & CFLGS_OFF_SLAB)) {
		if (colouroff < c->slab_size ||
		    slabp != base + colouroff - c->slab_size) {
			FAIL("slab: %s: on-slab descriptor 0x%08x is not at its colour (colouroff %u)\n",
			     c->name, slabp, colouroff);
			return;
		}
		colour -= c->slab_size;
	} else if (page_cache_kva(k->m, slabp) != c->slabp_cache->kva) {
		FAIL("slab: %s: off-slab descriptor 0x%08x is not an object of %s\n",
		     c->name, slabp, c->slabp_cache->name);
	}
	if (colour % c->colour_off ||
	    colour / c->colour_off >= MAX(c->colour, 1u))
		FAIL("slab: %s: slab 0x%08x has colour offset %u (colour_off %u, %u colours)\n",
		     c->name, slabp, colour, c->colour_off, c->colour);
}

static void
check_slab_one(struct checker *k, const struct kmem_cache *c, int which,
	       u32 slabp, u32 *free_sum)
{
	struct machine *m = k->m;
	u32 inuse = rd(m, slabp + SL_INUSE), colouroff, smem, base, len;
	struct slab_rec *r;

	if (!kva_ok(m, slabp + SLAB_DESC + 4 * c->num)) {
		FAIL("slab: %s: slab 0x%08x: its bufctls run out of lowmem\n",
		     c->name, slabp);
		return;
	}
	smem = rd(m, slabp + SL_SMEM);
	colouroff = rd(m, slabp + SL_COLOUROFF);
	base = smem - colouroff;
	if (!kva_lowmem(m, base) || base & (PAGE_SIZE - 1)) {
		FAIL("slab: %s: slab 0x%08x: s_mem 0x%08x - colouroff %u is no page start\n",
		     c->name, slabp, smem, colouroff);
		return;
	}
	check_geometry(k, c, slabp, colouroff, base);
	check_pages(k, c, slabp, base);
	if ((which == SLAB_FULL && inuse != c->num) ||
	    (which == SLAB_PARTIAL && (inuse == 0 || inuse >= c->num)) ||
	    (which == SLAB_FREE && inuse != 0))
		FAIL("slab: %s: slab 0x%08x with inuse %u/%u is on %s\n",
		     c->name, slabp, inuse, c->num, slab_list_names[which]);
	if (k->nslabs == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 64;
		k->slabs = xrealloc(k->slabs, k->cap * sizeof(*k->slabs));
	}
	r = &k->slabs[k->nslabs++];
	r->kva = slabp;
	r->state = xcalloc(c->num, 1);
	len = check_chain(k, c, slabp, r->state);
	if (len + inuse != c->num)
		FAIL("slab: %s: slab 0x%08x: inuse %u but %u objects on the free chain (num %u)\n",
		     c->name, slabp, inuse, len, c->num);
	*free_sum += len;
}

static void
check_array(struct checker *k, const struct kmem_cache *c, u32 ac,
	    const char *what)
{
	struct machine *m = k->m;
	u32 avail, limit, i;

	if (!kva_ok(m, ac)) {
		FAIL("slab: %s: %s at 0x%08x is not in lowmem\n", c->name, what, ac);
		return;
	}
	avail = rd(m, ac + AC_AVAIL);
	limit = rd(m, ac + AC_LIMIT);
	if (avail > limit) {
		FAIL("slab: %s: %s holds %u objects, its limit is %u\n",
		     c->name, what, avail, limit);
		return;
	}
	for (i = 0; i < avail; i++) {
		u32 objp = rd(m, ac + AC_ENTRY + 4 * i), off, idx;
		struct slab_rec *r = NULL;
		struct page *p;

		if (kva_lowmem(m, objp)) {
			p = &m->mem_map[kva_pfn(m, objp)];
			if (page_test(p, PG_slab) && p->lru.next == c->kva)
				r = find_rec(k, p->lru.prev);
		}
		if (r == NULL) {
			FAIL("slab: %s: %s entry %u, 0x%08x, is in no slab of the cache\n",
			     c->name, what, i, objp);
			continue;
		}
		off = objp - rd(m, r->kva + SL_SMEM);
		idx = off / c->buffer_size;
		if (off % c->buffer_size || idx >= c->num) {
			FAIL("slab: %s: %s entry 0x%08x is not an object start\n",
			     c->name, what, objp);
			continue;
		}
		if (r->state[idx] == OBJ_FREE)
			FAIL("slab: %s: 0x%08x is both in the %s and on its slab's free chain\n",
			     c->name, objp, what);
		else if (r->state[idx] == OBJ_ARRAY)
			FAIL("slab: %s: 0x%08x is in two arrays (again in the %s)\n",
			     c->name, objp, what);
		r->state[idx] = OBJ_ARRAY;
	}
}

static void
check_cache(struct checker *k, const struct kmem_cache *c)
{
	static const u32 heads[3] = { L3_PARTIAL, L3_FULL, L3_FREE };
	struct machine *m = k->m;
	u32 l3 = cache_l3(m, c), free_sum = 0, i, limit;
	char what[32];
	int cpu;

	if (!kva_ok(m, l3) || !kva_ok(m, l3 + L3_SIZE - 4)) {
		FAIL("slab: %s: kmem_list3 at 0x%08x is not in lowmem\n", c->name, l3);
		return;
	}
	limit = m->max_mapnr + 1;
	for (i = 0; i < 3; i++) {
		u32 head = l3 + heads[i], pos, prev = head, n = 0;

		for (pos = rd(m, head); pos != head;
		     prev = pos, pos = rd(m, pos)) {
			if (!kva_ok(m, pos) || ++n > limit) {
				FAIL("slab: %s: %s is broken at 0x%08x\n", c->name,
				     slab_list_names[i], pos);
				break;
			}
			if (rd(m, pos + 4) != prev)
				FAIL("slab: %s: %s: slab 0x%08x's prev is 0x%08x, not 0x%08x\n",
				     c->name, slab_list_names[i], pos,
				     rd(m, pos + 4), prev);
			check_slab_one(k, c, (int)i, pos, &free_sum);
		}
	}
	qsort(k->slabs, k->nslabs, sizeof(*k->slabs), cmp_rec);
	if (free_sum != rd(m, l3 + L3_FREE_OBJECTS))
		FAIL("slab: %s: free_objects is %u but the free chains hold %u\n",
		     c->name, rd(m, l3 + L3_FREE_OBJECTS), free_sum);
	for (cpu = 0; cpu < m->slab->online_cpus; cpu++) {
		u32 ac = cpu_cache_get(m, c, cpu);

		snprintf(what, sizeof(what), "cpu %d array", cpu);
		check_array(k, c, ac, what);
		if (m->slab->g_cpucache_up == CPUCACHE_FULL && kva_ok(m, ac) &&
		    (rd(m, ac + AC_LIMIT) != kc_rd(m, c, KC_LIMIT) ||
		     rd(m, ac + AC_BATCH) != kc_rd(m, c, KC_BATCH)))
			FAIL("slab: %s: %s has limit %u batchcount %u, the cache %u %u\n",
			     c->name, what, rd(m, ac + AC_LIMIT),
			     rd(m, ac + AC_BATCH), kc_rd(m, c, KC_LIMIT),
			     kc_rd(m, c, KC_BATCH));
	}
	if (rd(m, l3 + L3_SHARED))
		check_array(k, c, rd(m, l3 + L3_SHARED), "shared array");
	for (i = 0; i < k->nslabs; i++)
		free(k->slabs[i].state);
	k->nslabs = 0;
}

/* ---- the allocator's own objects -------------------------------------- */

static bool
obj_live(struct machine *m, u32 kva)
{
	struct kmem_cache *c;
	struct page *p;
	u32 slabp, smem, off;

	if (!page_cache_kva(m, kva))
		return false;
	p = &m->mem_map[kva_pfn(m, kva)];
	c = slab_cache_by_kva(m, p->lru.next);
	if (c == NULL)
		return false;
	slabp = p->lru.prev;
	smem = rd(m, slabp + SL_SMEM);
	if (kva < smem)
		return false;
	off = kva - smem;
	if (off % c->buffer_size || off / c->buffer_size >= c->num)
		return false;
	return !slab_index_free(m, c, slabp, off / c->buffer_size) &&
	       slab_array_holding(m, c, kva) < 0;
}

static bool
is_static(const struct slab_state *s, u32 kva)
{
	return kva >= s->st.cache_chain &&
	       kva < s->st.initkmem_list3 + 3 * L3_SIZE;
}

static void
check_owned(struct checker *k, const struct kmem_cache *c)
{
	struct machine *m = k->m;
	struct slab_state *s = m->slab;
	u32 l3 = cache_l3(m, c), shared = rd(m, l3 + L3_SHARED);
	int cpu;

	if (c != s->cache_cache && !obj_live(m, c->kva))
		FAIL("slab: %s: its struct kmem_cache 0x%08x is not a live object of kmem_cache\n",
		     c->name, c->kva);
	if (!is_static(s, l3) && !obj_live(m, l3))
		FAIL("slab: %s: its kmem_list3 0x%08x is not a live kmalloc object\n",
		     c->name, l3);
	if (shared && !obj_live(m, shared))
		FAIL("slab: %s: its shared array 0x%08x is not a live kmalloc object\n",
		     c->name, shared);
	for (cpu = 0; cpu < s->online_cpus; cpu++) {
		u32 ac = cpu_cache_get(m, c, cpu);

		if (!is_static(s, ac) && !obj_live(m, ac))
			FAIL("slab: %s: cpu %d's array 0x%08x is not a live kmalloc object\n",
			     c->name, cpu, ac);
	}
}

static void
check_chain_links(struct checker *k, int live)
{
	struct machine *m = k->m;
	struct slab_state *s = m->slab;
	u32 head = s->st.cache_chain, pos, prev = head;
	int n = 0;

	for (pos = rd(m, head); pos != head; prev = pos, pos = rd(m, pos)) {
		struct kmem_cache *c = slab_cache_by_kva(m,
				pos - KC_NEXT - 4 * s->nr_array_slots);

		if (c == NULL || c->dead || ++n > live) {
			FAIL("slab: cache_chain: 0x%08x is no live cache (or the chain loops)\n",
			     pos);
			return;
		}
		if (rd(m, pos + 4) != prev)
			FAIL("slab: cache_chain: %s's prev does not point back\n",
			     c->name);
	}
	if (n != live)
		FAIL("slab: cache_chain links %d caches, %d are alive\n", n, live);
}

int
check_slab(struct machine *m, struct out *o)
{
	struct slab_state *s = m->slab;
	struct checker kc = { .m = m, .o = o }, *k = &kc;
	int i, z, live = 0;
	u32 pfn;

	if (s == NULL)
		return 0;
	k->page_seen = xcalloc(m->max_mapnr + 1, 1);
	for (i = 0; i < s->nr_caches; i++) {
		if (s->caches[i]->dead)
			continue;
		live++;
		check_cache(k, s->caches[i]);
	}
	check_chain_links(k, live);
	for (i = 0; i < s->nr_caches && k->nerr == 0; i++)
		if (!s->caches[i]->dead)
			check_owned(k, s->caches[i]);
	for (i = 0; i < (int)s->user_cap; i++)
		if (s->user[i] && !obj_live(m, s->user[i]))
			FAIL("slab: 0x%08x, held by the user, is not a live object\n",
			     s->user[i]);
	for (pfn = 0; pfn < m->max_mapnr; pfn++)
		if (page_test(&m->mem_map[pfn], PG_slab) && !k->page_seen[pfn])
			FAIL("slab: pfn 0x%08x is PG_slab but in no slab\n", pfn);
	for (z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zn = &m->zones[z];

		if (zn->vm_stat[NR_SLAB_RECLAIMABLE] != k->pages[z][1] ||
		    zn->vm_stat[NR_SLAB_UNRECLAIMABLE] != k->pages[z][0])
			FAIL("slab: %s: NR_SLAB_RECLAIMABLE %ld, NR_SLAB_UNRECLAIMABLE %ld, but slabs hold %ld and %ld pages\n",
			     zone_names[z], zn->vm_stat[NR_SLAB_RECLAIMABLE],
			     zn->vm_stat[NR_SLAB_UNRECLAIMABLE], k->pages[z][1],
			     k->pages[z][0]);
	}
	free(k->slabs);
	free(k->page_seen);
	return k->nerr;
}
