/* mm/slab_cache.c: caches as a whole: kmem_cache_create's geometry
 * (alignment, on- or off-slab descriptors, gfporder, colours), the
 * per-CPU arrays' tunables (enable_cpucache, do_tune_cpucache), shrinking,
 * destroying, and the periodic reaper (Linux 2.6.32 mm/slab.c). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/machine.h"
#include "vmdb/util.h"

#include "mm/slab_impl.h"

/* ---- geometry --------------------------------------------------------- */

static u32
slab_mgmt_size(u32 nr_objs, u32 align)
{
	return ALIGN(SLAB_DESC + nr_objs * 4, align);
}

/*
 * cache_estimate: how many objects of buffer_size fit in 2^gfporder pages
 * and how many bytes are left over.  On-slab, the descriptor and one
 * bufctl per object come out of the same pages (padded to align); the
 * first guess ignores the padding and can be one too many.
 */
void
cache_estimate(u32 gfporder, u32 buffer_size, u32 align, u32 flags,
	       u32 *left_over, u32 *num)
{
	u32 slab_size = PAGE_SIZE << gfporder, nr_objs, mgmt_size;

	if (flags & CFLGS_OFF_SLAB) {
		mgmt_size = 0;
		nr_objs = slab_size / buffer_size;
	} else {
		nr_objs = (slab_size - SLAB_DESC) / (buffer_size + 4);
		if (slab_mgmt_size(nr_objs, align) + nr_objs * buffer_size >
		    slab_size)
			nr_objs--;
		mgmt_size = slab_mgmt_size(nr_objs, align);
	}
	if (nr_objs > SLAB_LIMIT)
		nr_objs = SLAB_LIMIT;
	*num = nr_objs;
	*left_over = slab_size - nr_objs * buffer_size - mgmt_size;
}

/*
 * calculate_slab_order: the smallest order that holds at least one
 * object, then larger ones while the waste is above 1/8 of the slab and
 * the order is below slab_break_gfp_order (1 on machines with more than
 * 32 MiB).  Off-slab caches stop before their bufctl array would need
 * more than an object's worth of descriptor; reclaimable caches take the
 * first order that fits.  Returns the bytes left over.
 */
static u32
calculate_slab_order(struct machine *m, struct kmem_cache *c, u32 size,
		     u32 align, u32 flags)
{
	u32 left_over = 0, gfporder;

	for (gfporder = 0; gfporder <= KMALLOC_MAX_ORDER; gfporder++) {
		u32 num, remainder;

		cache_estimate(gfporder, size, align, flags, &remainder, &num);
		if (!num)
			continue;
		if ((flags & CFLGS_OFF_SLAB) &&
		    num > (size - SLAB_DESC) / 4)
			break;
		c->num = num;
		c->gfporder = gfporder;
		left_over = remainder;
		if (flags & SLAB_RECLAIM_ACCOUNT)
			break;
		if (gfporder >= m->slab->slab_break_gfp_order)
			break;
		if (left_over * 8 <= (PAGE_SIZE << gfporder))
			break;
	}
	return left_over;
}

/* reciprocal_value: what obj_to_index multiplies by instead of dividing. */
static u32
reciprocal_value(u32 k)
{
	return (u32)(((1ull << 32) + k - 1) / k);
}

/* Writes the fields kmem_cache_create sets into the RAM descriptor. */
void
kc_write_geometry(struct machine *m, const struct kmem_cache *c)
{
	kc_wr(m, c, KC_BUFSIZE, c->buffer_size);
	kc_wr(m, c, KC_RECIPROCAL, reciprocal_value(c->buffer_size));
	kc_wr(m, c, KC_FLAGS, c->flags);
	kc_wr(m, c, KC_NUM, c->num);
	kc_wr(m, c, KC_ORDER, c->gfporder);
	kc_wr(m, c, KC_GFP, c->gfpflags);
	kc_wr(m, c, KC_COLOUR, c->colour);
	kc_wr(m, c, KC_COLOUR_OFF, c->colour_off);
	kc_wr(m, c, KC_SLABP_CACHE, c->slabp_cache ? c->slabp_cache->kva : 0);
	kc_wr(m, c, KC_SLAB_SIZE, c->slab_size);
}

/* ---- arrays and lists ------------------------------------------------- */

/* kmem_list3_init: as the kernel's, it leaves free_limit and next_reap
 * as kmalloc found them; alloc_kmemlist and setup_cpu_cache set them. */
void
kmem_list3_init(struct machine *m, u32 l3)
{
	klist_init(m, l3 + L3_FULL);
	klist_init(m, l3 + L3_PARTIAL);
	klist_init(m, l3 + L3_FREE);
	wr(m, l3 + L3_SHARED, 0);
	wr(m, l3 + L3_ALIEN, 0);
	wr(m, l3 + L3_COLOUR_NEXT, 0);
	wr(m, l3 + L3_LOCK, 0);
	wr(m, l3 + L3_FREE_OBJECTS, 0);
	wr(m, l3 + L3_FREE_TOUCHED, 0);
}

u32
next_reap_time(struct machine *m, u32 cache_kva)
{
	return m->slab->jiffies + REAPTIMEOUT_LIST3 +
	       cache_kva % REAPTIMEOUT_LIST3;
}

u32
alloc_arraycache(struct machine *m, u32 entries, u32 batchcount, gfp_t gfp)
{
	u32 nc = kmalloc(m, AC_ENTRY + 4 * entries, gfp);

	if (nc) {
		wr(m, nc + AC_AVAIL, 0);
		wr(m, nc + AC_LIMIT, entries);
		wr(m, nc + AC_BATCH, batchcount);
		wr(m, nc + AC_TOUCHED, 0);
		wr(m, nc + AC_LOCK, 0);
	}
	return nc;
}

/* setup_cpu_cache: during bootstrap, the static arrays and lists, then
 * kmalloc'd ones of one entry; once the kmalloc caches are all up
 * (FULL), enable_cpucache's final sizes. */
static int enable_cpucache(struct machine *m, struct kmem_cache *c, gfp_t gfp);

static int
setup_cpu_cache(struct machine *m, struct kmem_cache *c, gfp_t gfp)
{
	struct slab_state *s = m->slab;
	u32 ac, l3;

	if (s->g_cpucache_up == CPUCACHE_FULL)
		return enable_cpucache(m, c, gfp);
	if (s->g_cpucache_up == CPUCACHE_NONE) {
		/* the first cache is the one kmalloc(arraycache_init) uses */
		wr(m, c->kva + 4 * m->this_cpu, s->st.initarray_generic);
		kc_wr(m, c, KC_NODELISTS, s->st.initkmem_list3 + L3_SIZE);
		s->g_cpucache_up = PARTIAL_AC;
	} else {
		ac = kmalloc(m, ARRAYCACHE_INIT_SIZE, gfp);
		if (!ac)
			return -ENOMEM;
		wr(m, c->kva + 4 * m->this_cpu, ac);
		if (s->g_cpucache_up == PARTIAL_AC) {
			kc_wr(m, c, KC_NODELISTS,
			      s->st.initkmem_list3 + 2 * L3_SIZE);
			s->g_cpucache_up = PARTIAL_L3;
		} else {
			l3 = kmalloc(m, L3_SIZE, gfp);
			if (!l3)
				return -ENOMEM;
			kmem_list3_init(m, l3);
			kc_wr(m, c, KC_NODELISTS, l3);
		}
	}
	wr(m, cache_l3(m, c) + L3_NEXT_REAP, next_reap_time(m, c->kva));
	ac = cpu_cache_get(m, c, m->this_cpu);
	wr(m, ac + AC_AVAIL, 0);
	wr(m, ac + AC_LIMIT, BOOT_CPUCACHE_ENTRIES);
	wr(m, ac + AC_BATCH, 1);
	wr(m, ac + AC_TOUCHED, 0);
	kc_wr(m, c, KC_BATCH, 1);
	kc_wr(m, c, KC_LIMIT, BOOT_CPUCACHE_ENTRIES);
	return 0;
}

/* alloc_kmemlist: the node's shared array (replacing the old one, whose
 * objects go back to their slabs) and free_limit; the kmem_list3 itself
 * for a new cache. */
static int
alloc_kmemlist(struct machine *m, struct kmem_cache *c, gfp_t gfp)
{
	struct slab_state *s = m->slab;
	u32 batch = kc_rd(m, c, KC_BATCH), shared = kc_rd(m, c, KC_SHARED);
	u32 new_shared = 0, l3 = cache_l3(m, c), old;
	u32 free_limit = (1 + (u32)s->online_cpus) * batch + c->num;

	if (shared) {
		new_shared = alloc_arraycache(m, shared * batch, 0xbaadf00d,
					      gfp);
		if (!new_shared)
			return -ENOMEM;
	}
	if (l3) {
		old = rd(m, l3 + L3_SHARED);
		if (old)
			free_block(m, c, old + AC_ENTRY,
				   rd(m, old + AC_AVAIL));
		wr(m, l3 + L3_SHARED, new_shared);
		wr(m, l3 + L3_FREE_LIMIT, free_limit);
		kfree(m, old);
		return 0;
	}
	l3 = kmalloc(m, L3_SIZE, gfp);
	if (!l3) {
		kfree(m, new_shared);
		return -ENOMEM;
	}
	kmem_list3_init(m, l3);
	wr(m, l3 + L3_NEXT_REAP, next_reap_time(m, c->kva));
	wr(m, l3 + L3_SHARED, new_shared);
	wr(m, l3 + L3_FREE_LIMIT, free_limit);
	kc_wr(m, c, KC_NODELISTS, l3);
	return 0;
}

/*
 * do_tune_cpucache: new arrays of `limit` entries for every online CPU,
 * swapped in for the old ones (whose objects go back to their slabs),
 * then the shared array.  The swap goes through a kzalloc'd
 * ccupdate_struct (the cache pointer and NR_CPUS array pointers), as in
 * the kernel, so it too passes through kmalloc.
 */
static int
do_tune_cpucache(struct machine *m, struct kmem_cache *c, u32 limit,
		 u32 batchcount, u32 shared, gfp_t gfp)
{
	struct slab_state *s = m->slab;
	u32 new = kmalloc(m, 4 + 4 * s->nr_array_slots, gfp | __GFP_ZERO), i;

	if (!new)
		return -ENOMEM;
	for (i = 0; i < (u32)s->online_cpus; i++) {
		u32 nc = alloc_arraycache(m, limit, batchcount, gfp);

		if (!nc) {
			while (i--)
				kfree(m, rd(m, new + 4 + 4 * i));
			kfree(m, new);
			return -ENOMEM;
		}
		wr(m, new + 4 + 4 * i, nc);
	}
	wr(m, new, c->kva);
	/* do_ccupdate_local on each CPU */
	for (i = 0; i < (u32)s->online_cpus; i++) {
		u32 old = rd(m, c->kva + 4 * i);

		wr(m, c->kva + 4 * i, rd(m, new + 4 + 4 * i));
		wr(m, new + 4 + 4 * i, old);
	}
	kc_wr(m, c, KC_BATCH, batchcount);
	kc_wr(m, c, KC_LIMIT, limit);
	kc_wr(m, c, KC_SHARED, shared);
	for (i = 0; i < (u32)s->online_cpus; i++) {
		u32 ccold = rd(m, new + 4 + 4 * i);

		if (!ccold)
			continue;
		free_block(m, c, ccold + AC_ENTRY, rd(m, ccold + AC_AVAIL));
		kfree(m, ccold);
	}
	kfree(m, new);
	return alloc_kmemlist(m, c, gfp);
}

/*
 * enable_cpucache: the head arrays' sizes, guessed from the object size
 * (the kernel's own comment says so): 120 entries for small objects down
 * to 1 above 128 KiB, half of that per refill or flush, and a shared
 * array of 8 batches on SMP for objects up to a page.
 */
static int
enable_cpucache(struct machine *m, struct kmem_cache *c, gfp_t gfp)
{
	u32 limit, shared = 0;

	if (c->buffer_size > 131072)
		limit = 1;
	else if (c->buffer_size > PAGE_SIZE)
		limit = 8;
	else if (c->buffer_size > 1024)
		limit = 24;
	else if (c->buffer_size > 256)
		limit = 54;
	else
		limit = 120;
	if (c->buffer_size <= PAGE_SIZE && m->nr_cpus > 1)
		shared = 8;
	return do_tune_cpucache(m, c, limit, (limit + 1) / 2, shared, gfp);
}

int
slab_enable_cpucache(struct machine *m, struct kmem_cache *c, gfp_t gfp)
{
	return enable_cpucache(m, c, gfp);
}

/* ---- creating --------------------------------------------------------- */

static int
check_create_args(struct machine *m, const char *name, u32 size, u32 align,
		  unsigned long flags)
{
	const char *p;

	if (name == NULL || name[0] == '\0')
		return machine_err(m, -EINVAL, "a cache needs a name");
	if (strlen(name) >= SLAB_NAME_MAX)
		return machine_err(m, -EINVAL, "name longer than %d characters",
				   SLAB_NAME_MAX - 1);
	for (p = name; *p; p++)
		if (isspace((unsigned char)*p) || !isprint((unsigned char)*p))
			return machine_err(m, -EINVAL,
					   "'%s': a name with blanks or control characters would break /proc/slabinfo",
					   name);
	if (size < BYTES_PER_WORD || size > KMALLOC_MAX_SIZE)
		return machine_err(m, -EINVAL,
				   "size %u: objects are 4 bytes to 4 MiB (KMALLOC_MAX_SIZE)",
				   size);
	if (align & (align - 1) || align > PAGE_SIZE)
		return machine_err(m, -EINVAL,
				   "alignment %u: a power of two up to %u, please",
				   align, PAGE_SIZE);
	if (flags & ~(unsigned long)CREATE_MASK)
		return machine_err(m, -EINVAL,
				   "flags 0x%lx: only HWCACHE_ALIGN, CACHE_DMA, RECLAIM_ACCOUNT, PANIC, DESTROY_BY_RCU, MEM_SPREAD and NOLEAKTRACE exist without CONFIG_DEBUG_SLAB",
				   flags & ~(unsigned long)CREATE_MASK);
	if (kmem_cache_find(m, name))
		return machine_err(m, -EEXIST,
				   "a cache named %s exists (the kernel: \"kmem_cache_create: duplicate cache %s\")",
				   name, name);
	return 0;
}

/*
 * The body of kmem_cache_create.  boot marks the caches the kernel makes
 * for itself.  On failure after the descriptor was allocated, what was
 * allocated is given back (the kernel's __kmem_cache_destroy), so only
 * the slab pages grown meanwhile stay.
 */
static struct kmem_cache *
do_kmem_cache_create(struct machine *m, const char *name, u32 size,
		     u32 align, u32 flags, bool boot)
{
	struct slab_state *s = m->slab;
	struct kmem_cache *c;
	u32 ralign, left_over, slab_size, kva;
	gfp_t gfp;

	size = ALIGN(size, BYTES_PER_WORD);
	if (flags & SLAB_HWCACHE_ALIGN) {
		ralign = L1_CACHE_BYTES;	/* cache_line_size() */
		while (size <= ralign / 2)
			ralign /= 2;
	} else {
		ralign = BYTES_PER_WORD;
	}
	if (ralign < align)
		ralign = align;
	align = ralign;
	gfp = s->g_cpucache_up >= CPUCACHE_EARLY ? GFP_KERNEL : GFP_NOWAIT;

	kva = kmem_cache_alloc(m, s->cache_cache, gfp | __GFP_ZERO);
	if (!kva)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->kva = kva;
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->obj_size = size;
	c->boot = boot;
	if (size >= (PAGE_SIZE >> 3) && !s->slab_early_init)
		flags |= CFLGS_OFF_SLAB;
	size = ALIGN(size, align);
	left_over = calculate_slab_order(m, c, size, align, flags);
	if (!c->num) {
		kmem_cache_free(m, s->cache_cache, kva);
		free(c);
		s->err = machine_err(m, -EINVAL,
				     "kmem_cache_create: couldn't create cache %s",
				     name);
		return NULL;
	}
	slab_size = slab_mgmt_size(c->num, align);
	/* Enough room left over for the descriptor: move it on-slab, at
	 * the expense of colouring. */
	if ((flags & CFLGS_OFF_SLAB) && left_over >= slab_size) {
		flags &= ~CFLGS_OFF_SLAB;
		left_over -= slab_size;
	}
	if (flags & CFLGS_OFF_SLAB)
		slab_size = SLAB_DESC + c->num * 4;
	c->colour_off = MAX(L1_CACHE_BYTES, align);
	c->colour = left_over / c->colour_off;
	c->slab_size = slab_size;
	c->flags = flags;
	c->gfpflags = (flags & SLAB_CACHE_DMA) ? GFP_DMA : 0;
	c->buffer_size = size;
	c->align = align;
	if (flags & CFLGS_OFF_SLAB)
		c->slabp_cache = kmem_find_general_cachep(m, slab_size, 0);
	kc_write_geometry(m, c);
	slab_hash_add(s, c);
	if (setup_cpu_cache(m, c, gfp)) {
		char inner[sizeof(m->why)];
		u32 l3 = cache_l3(m, c), i;

		snprintf(inner, sizeof(inner), "%s", m->why);
		s->err = machine_err(m, -ENOMEM,
				     "no memory for the arrays of %s: %s", name,
				     inner);
		/* During bootstrap the kernel panics here. */
		if (s->g_cpucache_up != CPUCACHE_FULL)
			return NULL;
		for (i = 0; i < (u32)s->online_cpus; i++)
			kfree(m, cpu_cache_get(m, c, (int)i));
		if (l3)
			kfree(m, rd(m, l3 + L3_SHARED));
		kfree(m, l3);
		kmem_cache_free(m, s->cache_cache, kva);
		slab_hash_del(s, c);
		return NULL;
	}
	klist_add(m, kc_base(s, c) + KC_NEXT, s->st.cache_chain);
	return c;
}

struct kmem_cache *
slab_create_boot_cache(struct machine *m, const char *name, u32 size,
		       u32 align, u32 flags)
{
	return do_kmem_cache_create(m, name, size, align, flags, true);
}

struct kmem_cache *
kmem_cache_create(struct machine *m, const char *name, u32 size, u32 align,
		  unsigned long flags)
{
	struct kmem_cache *c;
	int err = check_create_args(m, name, size, align, flags);

	if (err) {
		m->slab->err = err;
		return NULL;
	}
	c = do_kmem_cache_create(m, name, size, align, (u32)flags, false);
	return c;
}
