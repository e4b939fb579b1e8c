/* tests/unit/test-slab.c: the SLAB allocator of 2.6.32 mm/slab.c: the
 * geometry of every kmalloc cache and of caches made by hand (alignment,
 * on/off-slab descriptors, gfporder, colours, tunables), the bootstrap's
 * leftovers, colour cycling, the per-CPU arrays (refill sizes, flushes,
 * the shared array on SMP), free_block against free_limit, off-slab
 * descriptors, the descriptor and bufctls in simulated RAM, cache_reap,
 * the checked frees and destroy's refusals (which change nothing), and a
 * seeded random run checked against the invariant checker throughout. */
#include "config.h"

#include <errno.h>

#include "unit.h"

#define KC(m, name)	must_find((m), (name))

static struct kmem_cache *
must_find(struct machine *m, const char *name)
{
	struct kmem_cache *c = kmem_cache_find(m, name);

	if (c == NULL)
		fail_msg("no cache named %s", name);
	return c;
}

static struct kmem_cache_info
info(struct machine *m, const char *name)
{
	struct kmem_cache_info ci;

	kmem_cache_get_info(m, KC(m, name), &ci);
	return ci;
}

static u32
kmalloc_ok(struct machine *m, u32 size, gfp_t gfp)
{
	u32 objp = kmalloc(m, size, gfp);

	if (!objp)
		fail_msg("kmalloc(%u, 0x%x) failed: %s", size, gfp, m->why);
	return objp;
}

static u32
alloc_ok(struct machine *m, struct kmem_cache *c)
{
	u32 objp = kmem_cache_alloc(m, c, GFP_KERNEL);

	if (!objp)
		fail_msg("kmem_cache_alloc(%s) failed: %s", kmem_cache_name(c),
			 m->why);
	return objp;
}

static struct kmem_cache *
create_ok(struct machine *m, const char *name, u32 size, u32 align,
	  unsigned long flags)
{
	struct kmem_cache *c = kmem_cache_create(m, name, size, align, flags);

	if (c == NULL)
		fail_msg("kmem_cache_create(%s, %u) failed: %s", name, size,
			 m->why);
	return c;
}

static struct slab_obj_info
where(struct machine *m, u32 addr)
{
	struct slab_obj_info oi;

	if (slab_lookup(m, addr, &oi))
		fail_msg("slab_lookup(0x%08x): %s", addr, m->why);
	return oi;
}

/* Everything /proc/slabinfo and `slab NAME` print for the named caches:
 * two equal texts mean equal lists, chains, arrays and counters. */
static char *
slab_text(struct machine *m, const char *const *names)
{
	struct out o;
	char *s;

	out_init_buf(&o);
	show_slabinfo(m, &o);
	for (; *names; names++)
		show_slab(m, &o, *names);
	s = xstrdup(o.sb.buf ? o.sb.buf : "");
	out_done(&o);
	return s;
}

static struct machine *
pc1g(void)
{
	return unit_boot_preset("pc-1g", NULL, NULL);
}

/* ---- geometry --------------------------------------------------------- */

/*
 * slab.md's table for a 64-byte cache line on a machine above 32 MiB:
 * objects per slab, order, off-slab descriptor, and enable_cpucache's
 * limit (batchcount is half of it, rounded up).
 */
static const struct {
	u32 size, num, order;
	bool off_slab;
	u32 limit;
} kmalloc_geometry[] = {
	{ 32, 113, 0, false, 120 },	{ 64, 59, 0, false, 120 },
	{ 128, 30, 0, false, 120 },	{ 192, 20, 0, false, 120 },
	{ 256, 15, 0, false, 120 },	{ 512, 8, 0, true, 54 },
	{ 1024, 4, 0, true, 54 },	{ 2048, 2, 0, true, 24 },
	{ 4096, 1, 0, true, 24 },	{ 8192, 1, 1, true, 8 },
	{ 16384, 1, 2, true, 8 },	{ 32768, 1, 3, true, 8 },
	{ 65536, 1, 4, true, 8 },	{ 131072, 1, 5, true, 8 },
	{ 262144, 1, 6, true, 1 },	{ 524288, 1, 7, true, 1 },
	{ 1048576, 1, 8, true, 1 },	{ 2097152, 1, 9, true, 1 },
	{ 4194304, 1, 10, true, 1 },
};

static void
test_kmalloc_geometry(void **state)
{
	struct machine *m = pc1g();
	char name[32];
	size_t i;
	int dma;

	for (i = 0; i < ARRAY_SIZE(kmalloc_geometry); i++) {
		for (dma = 0; dma < 2; dma++) {
			const typeof(kmalloc_geometry[0]) *g =
				&kmalloc_geometry[i];
			struct kmem_cache_info ci;

			snprintf(name, sizeof(name), "size-%u%s",
				 kmalloc_geometry[i].size, dma ? "(DMA)" : "");
			ci = info(m, name);
			assert_int_equal(ci.buffer_size, g->size);
			assert_int_equal(ci.num, g->num);
			assert_int_equal(ci.gfporder, g->order);
			assert_int_equal(ci.off_slab, g->off_slab);
			assert_int_equal(ci.limit, g->limit);
			assert_int_equal(ci.batchcount, (g->limit + 1) / 2);
			assert_int_equal(ci.shared, 0);
			assert_int_equal(ci.gfpflags, dma ? GFP_DMA : 0);
			assert_true(ci.boot);
			/* free_limit = (1 + 1 CPU) x batchcount + num */
			assert_int_equal(ci.free_limit,
					 2 * ci.batchcount + ci.num);
		}
	}
	/* an off-slab descriptor lives in the kmalloc cache that holds
	 * 28 + 4 x num bytes */
	assert_string_equal(kmem_cache_name(info(m, "size-512").slabp_cache),
			    "size-64");
	assert_string_equal(kmem_cache_name(info(m, "size-4096").slabp_cache),
			    "size-32");
	/* size-256: 128-byte padded descriptor, 128 bytes over: 2 colours */
	assert_int_equal(info(m, "size-256").slab_size, 128);
	assert_int_equal(info(m, "size-256").colour, 2);
	unit_free(m);
}

/* kmem_cache's object: array[NR_CPUS] and 19 more words, rounded to the
 * cache line; it and the four kernel caches, counted by hand. */
static void
test_kernel_caches_geometry(void **state)
{
	struct machine *m = pc1g();
	struct kmem_cache_info ci;

	ci = info(m, "kmem_cache");
	assert_int_equal(ci.obj_size, 4 * 8 + 76);
	assert_int_equal(ci.buffer_size, 128);
	assert_int_equal(ci.num, 30);
	assert_int_equal(ci.colour, 1);
	ci = info(m, "vm_area_struct");
	assert_int_equal(ci.buffer_size, 84);
	assert_int_equal(ci.num, 46);
	assert_false(ci.off_slab);
	ci = info(m, "anon_vma");
	assert_int_equal(ci.buffer_size, 12);
	assert_int_equal(ci.num, 254);
	assert_int_equal(ci.flags, SLAB_DESTROY_BY_RCU | SLAB_PANIC);
	ci = info(m, "mm_struct");
	assert_int_equal(ci.buffer_size, 448);
	assert_int_equal(ci.num, 9);
	/* task_struct: 916 bytes aligned to 16 is 928, 4 a page with 384
	 * over: the off-slab descriptor (48 bytes) moves on-slab */
	ci = info(m, "task_struct");
	assert_int_equal(ci.buffer_size, 928);
	assert_int_equal(ci.num, 4);
	assert_false(ci.off_slab);
	assert_int_equal(ci.slab_size, 48);
	assert_int_equal(ci.colour, (4096 - 4 * 928 - 48) / 64);
	unit_free(m);

	/* NR_CPUS 64: 4 x 64 + 76 = 332, rounded to 384: 10 a page */
	m = unit_boot_preset("pc-1g", NULL, "NR_CPUS=64", NULL);
	ci = info(m, "kmem_cache");
	assert_int_equal(ci.buffer_size, 384);
	assert_int_equal(ci.num, 10);
	unit_free(m);
}

static void
test_create_geometry(void **state)
{
	struct machine *m = pc1g();
	struct kmem_cache_info ci;

	/* word-aligned: 39 of 100 bytes, 12 over, no colour */
	kmem_cache_get_info(m, create_ok(m, "a", 99, 0, 0), &ci);
	assert_int_equal(ci.buffer_size, 100);
	assert_int_equal(ci.align, 4);
	assert_int_equal(ci.num, 39);
	assert_int_equal(ci.colour, 0);
	/* HWCACHE_ALIGN halves the line while the object fits twice */
	kmem_cache_get_info(m, create_ok(m, "b", 20, 0, SLAB_HWCACHE_ALIGN),
			    &ci);
	assert_int_equal(ci.align, 32);
	assert_int_equal(ci.buffer_size, 32);
	/* a caller's alignment wins and sets colour_off */
	kmem_cache_get_info(m, create_ok(m, "c", 100, 256, 0), &ci);
	assert_int_equal(ci.buffer_size, 256);
	assert_int_equal(ci.colour_off, 256);
	/* off-slab at 512 and up */
	kmem_cache_get_info(m, create_ok(m, "d", 1024, 0, 0), &ci);
	assert_true(ci.off_slab);
	assert_int_equal(ci.slab_size, 28 + 4 * 4);
	/* order 1 on a big machine: 3000 wastes 1096 of a page */
	kmem_cache_get_info(m, create_ok(m, "e", 3000, 0, 0), &ci);
	assert_int_equal(ci.gfporder, 1);
	assert_int_equal(ci.num, 2);
	/* ... but a reclaimable cache takes the first order that fits */
	kmem_cache_get_info(m, create_ok(m, "f", 3000, 0,
					 SLAB_RECLAIM_ACCOUNT), &ci);
	assert_int_equal(ci.gfporder, 0);
	/* beyond slab_break_gfp_order when one object needs it */
	kmem_cache_get_info(m, create_ok(m, "g", 20000, 0, 0), &ci);
	assert_int_equal(ci.gfporder, 3);
	unit_free(m);

	/* 32 MiB or less: slab_break_gfp_order 0 */
	m = unit_boot_mem(MiB(32), NULL, NULL);
	kmem_cache_get_info(m, create_ok(m, "e", 3000, 0, 0), &ci);
	assert_int_equal(ci.gfporder, 0);
	assert_int_equal(ci.num, 1);
	unit_free(m);
}

static void
test_create_refusals(void **state)
{
	static const char *const names[] = { "size-64", "kmem_cache", NULL };
	struct machine *m = pc1g();
	char *before = slab_text(m, names), *after;

	create_ok(m, "dup", 64, 0, 0);
	free(before);
	before = slab_text(m, names);
	assert_null(kmem_cache_create(m, "dup", 64, 0, 0));
	assert_int_equal(slab_errno(m), -EEXIST);
	assert_null(kmem_cache_create(m, "tiny", 3, 0, 0));
	assert_int_equal(slab_errno(m), -EINVAL);
	assert_null(kmem_cache_create(m, "huge", KMALLOC_MAX_SIZE + 1, 0, 0));
	assert_null(kmem_cache_create(m, "odd", 64, 24, 0));
	assert_null(kmem_cache_create(m, "two words", 64, 0, 0));
	assert_null(kmem_cache_create(m, "", 64, 0, 0));
	assert_null(kmem_cache_create(m, "dbg", 64, 0, SLAB_POISON));
	assert_non_null(strstr(m->why, "CONFIG_DEBUG_SLAB"));
	after = slab_text(m, names);
	assert_string_equal(before, after);
	free(before);
	free(after);
	unit_free(m);
}

/* /proc/slabinfo: newest first, the bootstrap's caches last. */
static void
test_slabinfo_order(void **state)
{
	struct machine *m = pc1g();
	struct out o;
	const char *end;

	create_ok(m, "newest", 64, 0, 0);
	out_init_buf(&o);
	show_slabinfo(m, &o);
	assert_true(strncmp(o.sb.buf, "slabinfo - version: 2.1\n# name ", 31) == 0);
	assert_non_null(strstr(o.sb.buf, ">\nnewest "));
	end = strstr(o.sb.buf, "\nsize-64(DMA) ");
	assert_non_null(end);
	end = strchr(end + 1, '\n');
	assert_true(strncmp(end, "\nsize-32(DMA) ", 14) == 0);
	end = strchr(end + 1, '\n');
	assert_true(strncmp(end, "\nsize-64 ", 9) == 0);
	end = strchr(end + 1, '\n');
	assert_true(strncmp(end, "\nsize-32 ", 9) == 0);
	end = strchr(end + 1, '\n');
	assert_true(strncmp(end, "\nkmem_cache ", 12) == 0);
	assert_int_equal(strlen(strchr(end + 1, '\n')), 1);
	out_done(&o);
	unit_free(m);
}

/* ---- boot ------------------------------------------------------------- */

/* What the bootstrap leaves: every cache's descriptor is a live object of
 * kmem_cache (but kmem_cache's own, which is static), and the pages
 * counted in NR_SLAB_UNRECLAIMABLE are the slabs'. */
static void
test_bootstrap_leftovers(void **state)
{
	struct machine *m = pc1g();
	struct kmem_cache_info kc = info(m, "kmem_cache");
	unsigned long pages = 0;
	char name[32];
	size_t i;

	/* 38 kmalloc caches, 4 kernel ones, kmem_cache itself (static) */
	assert_int_equal(kc.live_objs, 2 * ARRAY_SIZE(kmalloc_geometry) + 4);
	for (i = 0; i < ARRAY_SIZE(kmalloc_geometry); i++) {
		struct kmem_cache_info ci;

		snprintf(name, sizeof(name), "size-%u",
			 kmalloc_geometry[i].size);
		ci = info(m, name);
		pages += (unsigned long)(ci.full_slabs + ci.partial_slabs +
					 ci.free_slabs) << ci.gfporder;
		assert_true(where(m, ci.kva).cache == KC(m, "kmem_cache"));
	}
	pages += kc.full_slabs + kc.partial_slabs + kc.free_slabs;
	assert_int_equal(pages, nr_slab_pages(m));
	assert_int_equal(m->zones[ZONE_NORMAL].vm_stat[NR_SLAB_UNRECLAIMABLE],
			 pages);
	/* kmem_cache's struct is in the kernel image, not in a slab */
	assert_true(kc.kva >= m->kimage.text_end);
	assert_true(kc.kva < m->kimage.data_end);
	unit_free(m);
}

/* The descriptor and the bufctls of an on-slab slab are words in the
 * slab's first page, where s_mem - colouroff - slab_size points. */
static void
test_descriptor_in_ram(void **state)
{
	struct machine *m = pc1g();
	struct kmem_cache *c = create_ok(m, "ram", 100, 0, 0);
	u32 objp = alloc_ok(m, c), *w, i;
	struct slab_obj_info oi = where(m, objp);
	struct kmem_cache_info ci;

	kmem_cache_get_info(m, c, &ci);
	assert_int_equal(oi.slab, __va(m, oi.pfn << PAGE_SHIFT));
	w = (u32 *)(void *)phys_to_host(m, __pa(m, oi.slab));
	assert_int_equal(w[2], oi.colouroff);		/* colouroff */
	assert_int_equal(w[3], oi.s_mem);		/* s_mem */
	assert_int_equal(w[4], 16);			/* inuse: the refill */
	assert_int_equal(w[5], 16);			/* free */
	for (i = 16; i + 1 < ci.num; i++)
		assert_int_equal(w[7 + i], i + 1);	/* bufctl chain */
	assert_int_equal(w[7 + ci.num - 1], 0xffffffffu);	/* BUFCTL_END */
	assert_int_equal(oi.s_mem, oi.slab + ci.slab_size);
	/* the page points back at cache and slab */
	assert_int_equal(m->mem_map[oi.pfn].lru.next, ci.kva);
	assert_int_equal(m->mem_map[oi.pfn].lru.prev, oi.slab);
	assert_true(page_test(&m->mem_map[oi.pfn], PG_slab));
	unit_free(m);
}

/* ---- colours ---------------------------------------------------------- */

static void
test_colour_cycling(void **state)
{
	struct machine *m = pc1g();
	struct kmem_cache *c = create_ok(m, "col", 900, 0, SLAB_HWCACHE_ALIGN);
	struct kmem_cache_info ci;
	u32 expect, i;

	kmem_cache_get_info(m, c, &ci);
	assert_int_equal(ci.num, 4);
	assert_int_equal(ci.colour, 3);
	assert_false(ci.off_slab);
	for (i = 0; i < 8; i++) {
		u32 objp = alloc_ok(m, c);
		struct slab_obj_info oi = where(m, objp);
		const struct slab_alloc_info *ai = slab_last_alloc(m);

		if (i % 4)
			continue;
		/* every fourth allocation grew a slab */
		assert_int_equal(ai->grown, 1);
		expect = ((i / 4) % 3) * 64;
		assert_int_equal(ai->grow_colour * 64, expect);
		assert_int_equal(oi.colouroff, expect + ci.slab_size);
		assert_int_equal(oi.s_mem & (PAGE_SIZE - 1),
				 expect + ci.slab_size);
	}
	kmem_cache_get_info(m, c, &ci);
	assert_int_equal(ci.colour_next, 2);
	/* the third slab takes colour 2, the fourth wraps to 0 */
	for (i = 0; i < 8; i++)
		alloc_ok(m, c);
	kmem_cache_get_info(m, c, &ci);
	assert_int_equal(ci.colour_next, 1);
	unit_free(m);
}

/* ---- the per-CPU arrays ----------------------------------------------- */

static void
test_refill_sizes(void **state)
{
	struct machine *m = pc1g();
	struct kmem_cache *c = create_ok(m, "ref", 100, 0, 0);
	const struct slab_alloc_info *ai;
	u32 i;

	/* an untouched array takes at most BATCHREFILL_LIMIT (16) */
	alloc_ok(m, c);
	ai = slab_last_alloc(m);
	assert_int_equal(ai->grown, 1);
	assert_int_equal(ai->refilled, 16);
	assert_int_equal(ai->avail, 15);
	for (i = 0; i < 15; i++) {
		alloc_ok(m, c);
		assert_true(slab_last_alloc(m)->from_array);
	}
	/* touched now: a full batchcount (60), but the partial slab holds
	 * only 23 more and the free list is empty: 23, no growing */
	alloc_ok(m, c);
	ai = slab_last_alloc(m);
	assert_int_equal(ai->refilled, 23);
	assert_int_equal(ai->partial_slabs, 1);
	assert_int_equal(ai->grown, 0);
	unit_free(m);
}

/* limit 8, batchcount 4: the ninth free finds the array full and
 * cache_flusharray gives the four oldest back to their slabs. */
static void
test_flusharray(void **state)
{
	struct machine *m = pc1g();
	struct kmem_cache *c = create_ok(m, "flush", 5000, 0, 0);
	const struct slab_free_info *fi;
	u32 obj[9], i;

	for (i = 0; i < 9; i++)
		obj[i] = alloc_ok(m, c);
	for (i = 0; i < 8; i++) {
		kmem_cache_free(m, c, obj[i]);
		assert_int_equal(slab_last_free(m)->flushed, 0);
	}
	kmem_cache_free(m, c, obj[8]);
	fi = slab_last_free(m);
	assert_int_equal(fi->flushed, 4);
	assert_false(fi->to_shared);
	assert_int_equal(fi->avail, 5);
	/* the four oldest are on their slabs' free chains now */
	for (i = 0; i < 4; i++)
		assert_true(where(m, obj[i]).free_chain);
	for (i = 4; i < 9; i++)
		assert_int_equal(where(m, obj[i]).in_array, 0);
	unit_free(m);
}

/* size-262144: limit 1, free_limit 3.  An emptied slab waits on
 * slabs_free until free_objects passes free_limit; then free_block
 * destroys it and its 64 pages go back. */
static void
test_free_block_free_limit(void **state)
{
	struct machine *m = pc1g();
	struct kmem_cache_info ci;
	unsigned long slab0 = nr_slab_pages(m);
	u32 obj[5], i;

	for (i = 0; i < 5; i++)
		obj[i] = kmalloc_ok(m, 200 << 10, GFP_KERNEL);
	assert_int_equal(nr_slab_pages(m), slab0 + 5 * 64);
	for (i = 0; i < 4; i++) {
		kfree(m, obj[i]);
		assert_int_equal(slab_last_free(m)->slabs_destroyed, 0);
	}
	ci = info(m, "size-262144");
	assert_int_equal(ci.free_limit, 3);
	assert_int_equal(ci.free_slabs, 3);
	assert_int_equal(ci.free_objects, 3);
	kfree(m, obj[4]);	/* the fourth empty slab: 4 > 3 */
	assert_int_equal(slab_last_free(m)->slabs_destroyed, 1);
	ci = info(m, "size-262144");
	assert_int_equal(ci.free_slabs, 3);
	assert_int_equal(ci.free_objects, 3);
	assert_int_equal(nr_slab_pages(m), slab0 + 4 * 64);
	unit_free(m);
}

/* Two CPUs: a 2000-byte cache has limit 24, batchcount 12 and a shared
 * array of 96.  CPU 0's full array flushes into the shared array; CPU
 * 1's empty one refills from it, touching no slab. */
static void
test_shared_array(void **state)
{
	struct boot_config bc;
	struct machine *m;
	struct kmem_cache *c;
	struct kmem_cache_info ci;
	u32 obj[25], i, flushes = 0;

	boot_config_default(&bc);
	bc.nr_cpus = 2;
	m = unit_boot(&bc);
	c = create_ok(m, "sh", 2000, 0, 0);
	kmem_cache_get_info(m, c, &ci);
	assert_int_equal(ci.shared, 8);
	assert_int_equal(ci.free_limit, 3 * 12 + 2);
	for (i = 0; i < 25; i++)
		obj[i] = alloc_ok(m, c);
	for (i = 0; i < 25; i++) {
		kmem_cache_free(m, c, obj[i]);
		if (slab_last_free(m)->flushed) {
			assert_int_equal(slab_last_free(m)->flushed, 12);
			assert_true(slab_last_free(m)->to_shared);
			flushes++;
		}
	}
	assert_int_equal(flushes, 1);
	assert_int_equal(where(m, obj[0]).in_array, VMDB_MAX_CPUS);
	m->this_cpu = 1;
	alloc_ok(m, c);
	assert_int_equal(slab_last_alloc(m)->from_shared, 12);
	assert_int_equal(slab_last_alloc(m)->refilled, 12);
	unit_check(m);
	/* the boot caches got CPU 1's arrays from cpuup_prepare */
	kmalloc_ok(m, 64, GFP_KERNEL);
	m->this_cpu = 0;
	unit_free(m);
}

/* ---- descriptors off the slab ----------------------------------------- */

static void
test_offslab_descriptor(void **state)
{
	struct machine *m = pc1g();
	struct kmem_cache *c = create_ok(m, "off", 1024, 0, 0);
	struct kmem_cache *c64 = KC(m, "size-64");
	u32 objp = alloc_ok(m, c), slabp, live64;
	struct slab_obj_info oi = where(m, objp), d;

	slabp = oi.slab;
	/* the slab's pages hold objects only; the descriptor is a live
	 * object of size-64, off the page */
	assert_int_equal(oi.s_mem, __va(m, oi.pfn << PAGE_SHIFT));
	d = where(m, slabp);
	assert_true(d.cache == c64);
	assert_true(d.is_object);
	assert_false(d.free_chain);
	assert_int_equal(d.in_array, -1);
	live64 = info(m, "size-64").live_objs;
	/* shrinking destroys the slab; its descriptor goes back */
	kmem_cache_free(m, c, objp);
	assert_int_equal(kmem_cache_shrink(m, c), 0);
	assert_int_equal(info(m, "size-64").live_objs, live64 - 1);
	d = where(m, slabp);
	assert_true(d.free_chain || d.in_array >= 0);
	unit_free(m);
}

/* ---- zeroing, zones, accounting --------------------------------------- */

static void
test_gfp_zero_and_zones(void **state)
{
	struct machine *m = pc1g();
	u8 *p;
	u32 objp, i;

	objp = kmalloc_ok(m, 100, GFP_KERNEL);
	memset(phys_to_host(m, __pa(m, objp)), 0xa5, 128);
	kfree(m, objp);
	/* LIFO: the same object again, zeroed over its 128 bytes */
	assert_int_equal(kmalloc_ok(m, 100, GFP_KERNEL | __GFP_ZERO), objp);
	p = phys_to_host(m, __pa(m, objp));
	for (i = 0; i < 128; i++)
		assert_int_equal(p[i], 0);
	/* GFP_DMA: the (DMA) twin, with pages from ZONE_DMA */
	objp = kmalloc_ok(m, 100, GFP_DMA);
	assert_string_equal(kmem_cache_name(where(m, objp).cache),
			    "size-128(DMA)");
	assert_int_equal(page_zonenum(&m->mem_map[where(m, objp).pfn]),
			 ZONE_DMA);
	/* highmem is refused, and so are size 0 and > 4 MiB */
	assert_int_equal(kmalloc(m, 100, GFP_HIGHUSER), 0);
	assert_int_equal(slab_errno(m), -EINVAL);
	assert_int_equal(kmalloc(m, 0, GFP_KERNEL), 0);
	assert_int_equal(kmalloc(m, KMALLOC_MAX_SIZE + 1, GFP_KERNEL), 0);
	assert_int_not_equal(kmalloc(m, KMALLOC_MAX_SIZE, GFP_KERNEL), 0);
	unit_free(m);
}

static void
test_reclaim_account(void **state)
{
	struct machine *m = pc1g();
	struct kmem_cache *c = create_ok(m, "recl", 200, 0,
					 SLAB_RECLAIM_ACCOUNT);
	long before = m->zones[ZONE_NORMAL].vm_stat[NR_SLAB_RECLAIMABLE];
	u32 objp = alloc_ok(m, c);
	u32 pfn = where(m, objp).pfn;

	assert_int_equal(before, 0);
	assert_int_equal(m->zones[ZONE_NORMAL].vm_stat[NR_SLAB_RECLAIMABLE], 1);
	assert_int_equal(get_pageblock_migratetype(m, pfn),
			 MIGRATE_RECLAIMABLE);
	kmem_cache_free(m, c, objp);
	kmem_cache_shrink(m, c);
	assert_int_equal(m->zones[ZONE_NORMAL].vm_stat[NR_SLAB_RECLAIMABLE], 0);
	unit_free(m);
}

/* ---- running out ------------------------------------------------------ */

/* A 32 MiB machine: 4 MiB objects stop when no order-10 block is left,
 * pages stop when the zones reach their watermarks; each failure says
 * why, leaves the caches sound, and everything can be given back. */
static void
test_out_of_memory(void **state)
{
	struct machine *m = unit_boot_mem(MiB(32), NULL, NULL);
	static u32 obj[16384];
	unsigned long slab0 = nr_slab_pages(m);
	u32 n = 0, big[8], nbig = 0;

	while (nbig < ARRAY_SIZE(big) &&
	       (big[nbig] = kmalloc(m, KMALLOC_MAX_SIZE, GFP_KERNEL)) != 0)
		nbig++;
	assert_true(nbig < ARRAY_SIZE(big));
	assert_int_equal(slab_errno(m), -ENOMEM);
	assert_non_null(strstr(m->why, "no page for a new slab of size-4194304"));
	unit_check(m);
	while (n < ARRAY_SIZE(obj) &&
	       (obj[n] = kmalloc(m, 4096, GFP_KERNEL | __GFP_NOWARN)) != 0)
		n++;
	assert_true(n > 100 && n < ARRAY_SIZE(obj));
	assert_int_equal(slab_errno(m), -ENOMEM);
	assert_non_null(strstr(m->why, "for a new slab of size-"));
	unit_check(m);
	/* `slab` shows the first 32 slabs of a list and counts the rest */
	{
		struct out o;
		char more[64];

		out_init_buf(&o);
		show_slab(m, &o, "size-4096");
		snprintf(more, sizeof(more), "slabs_full: %u slabs\n", n);
		assert_non_null(strstr(o.sb.buf, more));
		snprintf(more, sizeof(more), "  ... and %u more\n", n - 32);
		assert_non_null(strstr(o.sb.buf, more));
		out_done(&o);
	}
	while (n)
		kfree(m, obj[--n]);
	while (nbig)
		kfree(m, big[--nbig]);
	kmem_cache_shrink(m, KC(m, "size-4096"));
	kmem_cache_shrink(m, KC(m, "size-4194304"));
	kmem_cache_shrink(m, KC(m, "size-32"));
	unit_check(m);
	assert_int_equal(nr_slab_pages(m), slab0);
	unit_free(m);
}

/* ---- the checked frees and destroy ------------------------------------ */

static void
expect_refused(struct machine *m, int err, int want, const char *reason)
{
	assert_int_equal(err, want);
	if (strstr(m->why, reason) == NULL)
		fail_msg("reason '%s' does not mention '%s'", m->why, reason);
}

static void
test_checked_frees(void **state)
{
	static const char *const names[] = { "size-128", "size-64", NULL };
	struct machine *m = pc1g();
	struct kmem_cache *c64 = KC(m, "size-64");
	u32 a = kmalloc_user(m, 100, GFP_KERNEL);
	u32 b = kmalloc_user(m, 100, GFP_KERNEL);
	u32 kernel = kmalloc_ok(m, 100, GFP_KERNEL);
	struct unit_snap s0, s1;
	char *t0, *t1;

	assert_int_equal(kfree_checked(m, a), 0);
	unit_snap(m, &s0);
	t0 = slab_text(m, names);
	expect_refused(m, kfree_checked(m, a), -EINVAL, "per-CPU array");
	expect_refused(m, kfree_checked(m, b + 4), -EINVAL, "4 bytes into");
	expect_refused(m, kfree_checked(m, where(m, b).slab), -EINVAL,
		       "before the first object");
	expect_refused(m, kfree_checked(m, kernel), -EINVAL,
		       "allocated for itself");
	expect_refused(m, kfree_checked(m, 0xf7400000), -EINVAL,
		       "not a slab page");
	expect_refused(m, kfree_checked(m, 0x1000), -EINVAL, "not a lowmem");
	expect_refused(m, kmem_cache_free_checked(m, c64, b), -EINVAL,
		       "not of size-64");
	unit_snap(m, &s1);
	unit_assert_snap_equal(&s0, &s1, true);
	t1 = slab_text(m, names);
	assert_string_equal(t0, t1);
	free(t1);
	/* drained to its slab, a double free is found on the free chain */
	kmem_cache_shrink(m, KC(m, "size-128"));
	expect_refused(m, kfree_checked(m, a), -EINVAL, "free chain");
	assert_int_equal(kfree_checked(m, b), 0);
	assert_int_equal(slab_user_count(m, NULL), 0);
	free(t0);
	unit_free(m);
}

static void
test_destroy(void **state)
{
	struct machine *m = pc1g();
	struct kmem_cache *c = create_ok(m, "gone", 300, 0, 0);
	unsigned long slab0 = nr_slab_pages(m), free0;
	u32 kva = info(m, "gone").kva, objp = alloc_ok(m, c);

	assert_int_equal(kmem_cache_destroy(m, c), -EBUSY);
	assert_non_null(kmem_cache_find(m, "gone"));
	assert_int_equal(kmem_cache_destroy(m, KC(m, "size-32")), -EPERM);
	assert_int_equal(kmem_cache_destroy(m, KC(m, "task_struct")), -EPERM);
	kmem_cache_free(m, c, objp);
	free0 = nr_free_pages(m);
	assert_int_equal(kmem_cache_destroy(m, c), 0);
	assert_null(kmem_cache_find(m, "gone"));
	/* its slab went back to the buddy allocator (via the pcp list) and
	 * its descriptor to kmem_cache */
	assert_int_equal(nr_slab_pages(m), slab0);
	assert_true(nr_free_pages(m) >= free0);
	assert_int_equal(where(m, kva).in_array, 0);
	unit_check(m);
	/* the name can be used again */
	c = create_ok(m, "gone", 300, 0, 0);
	assert_int_equal(info(m, "gone").kva, kva);
	unit_free(m);
}

/* ---- the checker ---------------------------------------------------------- */

/* Runs the checker; asserts it finds a broken invariant naming what. */
static void
expect_broken(struct machine *m, const char *what)
{
	struct out o;
	int n;

	out_init_buf(&o);
	n = check_slab(m, &o);
	if (n == 0 || strstr(o.sb.buf, what) == NULL) {
		fprintf(stderr, "%d broken: %s", n, o.sb.buf ? o.sb.buf : "");
		out_done(&o);
		fail_msg("the checker did not report '%s'", what);
	}
	out_done(&o);
}

/* Stray writes into the allocator's memory: the checker names each, and
 * the reports (slabinfo, slab) neither loop nor read past RAM. */
static void
test_checker_finds_damage(void **state)
{
	struct machine *m = pc1g();
	struct kmem_cache *c = create_ok(m, "victim", 100, 0, 0);
	u32 objp = alloc_ok(m, c), *slab, save, ac, pfn;
	struct slab_obj_info oi = where(m, objp);
	struct out o;

	slab = (u32 *)(void *)phys_to_host(m, __pa(m, oi.slab));
	save = slab[4];				/* inuse */
	slab[4] = 39;
	expect_broken(m, "inuse 39/39 is on slabs_partial");
	slab[4] = save;
	save = slab[7 + 20];			/* bufctl[20] -> 16 */
	slab[7 + 20] = 16;
	expect_broken(m, "free chain loops");
	slab[7 + 20] = save;
	save = slab[0];				/* list.next */
	slab[0] = 0x12345678;
	expect_broken(m, "slabs_partial is broken");
	out_init_buf(&o);
	show_slabinfo(m, &o);
	show_slab(m, &o, "victim");
	out_done(&o);
	slab[0] = save;
	pfn = oi.pfn;
	page_clear(&m->mem_map[pfn], PG_slab);
	expect_broken(m, "slab=0");
	page_set(&m->mem_map[pfn], PG_slab);
	m->zones[ZONE_NORMAL].vm_stat[NR_SLAB_UNRECLAIMABLE]++;
	expect_broken(m, "NR_SLAB_UNRECLAIMABLE");
	m->zones[ZONE_NORMAL].vm_stat[NR_SLAB_UNRECLAIMABLE]--;
	/* the object handed out, pushed into the array behind its back */
	ac = info(m, "victim").kva;
	ac = *(u32 *)(void *)phys_to_host(m, __pa(m, ac));	/* array[0] */
	{
		u32 *w = (u32 *)(void *)phys_to_host(m, __pa(m, ac));

		w[5 + w[0]] = w[5 + w[0] - 1];	/* the top entry twice */
		w[0]++;
		expect_broken(m, "is in two arrays");
		w[0]--;
	}
	unit_free(m);
}

/* ---- cache_reap ------------------------------------------------------- */

static const struct slab_reap_entry *
reap_entry(const struct slab_reap_report *r, const struct kmem_cache *c)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (r->e[i].cache == c)
			return &r->e[i];
	return NULL;
}

static void
test_cache_reap(void **state)
{
	struct machine *m = pc1g();
	struct kmem_cache *c = create_ok(m, "reap", 1000, 0, 0);
	const struct slab_reap_entry *e;
	struct slab_reap_report r;
	u32 obj[8], i;
	int pass, freed = 0;

	for (i = 0; i < 8; i++)
		obj[i] = alloc_ok(m, c);
	for (i = 0; i < 8; i++)
		kmem_cache_free(m, c, obj[i]);
	/* touched: kept, the flag cleared */
	cache_reap(m, &r);
	e = reap_entry(&r, c);
	assert_non_null(e);
	assert_int_equal(e->array_before, 8);
	assert_int_equal(e->array_drained, -1);
	slab_reap_report_free(&r);
	/* idle: a fifth of the limit, (54 + 4) / 5 = 11 > 8: half of 8 */
	cache_reap(m, &r);
	e = reap_entry(&r, c);
	assert_int_equal(e->array_drained, 4);
	slab_reap_report_free(&r);
	/* within 4 s + the stagger the lists come due, once each 4 s */
	for (pass = 0; pass < 4; pass++) {
		cache_reap(m, &r);
		e = reap_entry(&r, c);
		if (e && e->slabs_freed)
			freed += e->slabs_freed;
		slab_reap_report_free(&r);
	}
	assert_int_equal(info(m, "reap").active_objs, 0);
	assert_int_equal(freed, 2);
	assert_int_equal(info(m, "reap").free_slabs, 0);
	unit_free(m);
}

/* ---- a seeded random run ---------------------------------------------- */

/* An object's first word, in simulated RAM. */
static u32 *
word(struct machine *m, u32 objp)
{
	return (u32 *)(void *)phys_to_host(m, __pa(m, objp));
}

static u64
xorshift(u64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/*
 * kmallocs of random sizes (small ones more often, some GFP_DMA, some
 * zeroed) and frees of random live objects, on two CPUs, with a user
 * cache in the mix and reaps now and then; every object's first word is
 * written with a signature that must survive until it is freed, no two
 * live objects overlap, and the checker runs every 500 operations.  At
 * the end all is freed and every cache shrunk: the slab holds no more
 * pages than after boot.
 */
#define RANDOM_OPS	20000
#define MAX_LIVE	4096

static void
test_random_run(void **state)
{
	struct boot_config bc;
	struct machine *m;
	struct kmem_cache *u;
	static u32 live[MAX_LIVE];
	u64 seed = 0x51ab51ab2632ull;
	unsigned long slab0;
	u32 n = 0, op;
	char name[32];
	size_t i;

	boot_config_default(&bc);
	bc.nr_cpus = 2;
	m = unit_boot(&bc);
	slab0 = nr_slab_pages(m);
	u = create_ok(m, "rnd", 300, 0, SLAB_HWCACHE_ALIGN);
	for (op = 0; op < RANDOM_OPS; op++) {
		u64 r = xorshift(&seed);

		m->this_cpu = (int)(r >> 60) & 1;
		if (n < MAX_LIVE && (n == 0 || r % 100 < 55)) {
			u32 size = (u32)(r >> 16) %
				   ((r >> 8) % 100 < 80 ? 300 : 20000) + 1;
			gfp_t gfp = (r >> 40) % 10 == 0 ? GFP_DMA : GFP_KERNEL;
			u32 objp;

			if ((r >> 44) % 8 == 0)
				gfp |= __GFP_ZERO;
			if ((r >> 48) % 5 == 0)
				objp = kmem_cache_alloc(m, u, gfp);
			else
				objp = kmalloc(m, size, gfp);
			if (!objp)
				fail_msg("op %u: allocation failed: %s", op, m->why);
			for (i = 0; i < n; i++)
				assert_int_not_equal(live[i], objp);
			*word(m, objp) = objp ^ 0x5a5a5a5a;
			live[n++] = objp;
		} else {
			u32 k = (u32)(r >> 20) % n, objp = live[k];

			assert_int_equal(*word(m, objp), objp ^ 0x5a5a5a5a);
			kfree(m, objp);
			live[k] = live[--n];
		}
		if (op % 3000 == 2999) {
			struct slab_reap_report rep;

			cache_reap(m, &rep);
			slab_reap_report_free(&rep);
		}
		if (op % 500 == 499)
			unit_check(m);
	}
	while (n)
		kfree(m, live[--n]);
	for (m->this_cpu = 0; m->this_cpu < 2; m->this_cpu++) {
		for (i = 0; i < ARRAY_SIZE(kmalloc_geometry); i++) {
			snprintf(name, sizeof(name), "size-%u",
				 kmalloc_geometry[i].size);
			kmem_cache_shrink(m, KC(m, name));
			snprintf(name, sizeof(name), "size-%u(DMA)",
				 kmalloc_geometry[i].size);
			kmem_cache_shrink(m, KC(m, name));
		}
	}
	m->this_cpu = 0;
	assert_int_equal(kmem_cache_destroy(m, u), 0);
	kmem_cache_shrink(m, KC(m, "kmem_cache"));
	unit_check(m);
	assert_true(nr_slab_pages(m) <= slab0);
	unit_free(m);
}

/* Two machines side by side, the same steps: the same bytes. */
static void
test_two_machines(void **state)
{
	static const char *const names[] = { "size-128", "kmem_cache", NULL };
	struct machine *a = pc1g(), *b = pc1g();
	char *ta, *tb;
	int i;

	for (i = 0; i < 40; i++) {
		kmalloc_ok(a, (u32)(i * 37 % 500) + 1, GFP_KERNEL);
		kmalloc_ok(b, (u32)(i * 37 % 500) + 1, GFP_KERNEL);
	}
	ta = slab_text(a, names);
	tb = slab_text(b, names);
	assert_string_equal(ta, tb);
	free(ta);
	free(tb);
	unit_free(a);
	unit_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_kmalloc_geometry),
		UNIT_TEST(test_kernel_caches_geometry),
		UNIT_TEST(test_create_geometry),
		UNIT_TEST(test_create_refusals),
		UNIT_TEST(test_slabinfo_order),
		UNIT_TEST(test_bootstrap_leftovers),
		UNIT_TEST(test_descriptor_in_ram),
		UNIT_TEST(test_colour_cycling),
		UNIT_TEST(test_refill_sizes),
		UNIT_TEST(test_flusharray),
		UNIT_TEST(test_free_block_free_limit),
		UNIT_TEST(test_shared_array),
		UNIT_TEST(test_offslab_descriptor),
		UNIT_TEST(test_gfp_zero_and_zones),
		UNIT_TEST(test_reclaim_account),
		UNIT_TEST(test_out_of_memory),
		UNIT_TEST(test_checked_frees),
		UNIT_TEST(test_destroy),
		UNIT_TEST(test_checker_finds_damage),
		UNIT_TEST(test_cache_reap),
		UNIT_TEST(test_random_run),
		UNIT_TEST(test_two_machines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
