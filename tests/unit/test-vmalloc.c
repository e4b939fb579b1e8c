/* tests/unit/test-vmalloc.c: 2.6.32's vmalloc area on booted machines:
 * first-fit placement with the extra page after each area, guard pages,
 * ioremap's alignment, lazy freeing that keeps range and PTEs until the
 * purge, the fls(cpus) x 32 MiB purge threshold, purge and retry when the
 * area is full, the failure message, a page allocation failure that gives
 * everything back, refusals that change nothing, VM_VPAGES, ioremap's RAM
 * check, get_vmalloc_info, and the checker catching broken PTEs.  A random
 * run is compared with a plain list model of the placement rules. */
#include "config.h"

#include <errno.h>

#include "unit.h"
#include "vmdb/pgtable.h"
#include "vmdb/slab.h"
#include "vmdb/vmalloc.h"

#define PG	PAGE_SIZE

/* pc-1g with cpus CPUs and an optional kernel command line. */
static struct machine *
pc_1g_cmdline(int cpus, const char *cmdline)
{
	struct boot_config bc;
	char why[256];

	boot_config_default(&bc);
	if (boot_preset(&bc, "pc-1g", why, sizeof(why)))
		fail_msg("%s", why);
	bc.nr_cpus = cpus;
	unit_cmdline(&bc, cmdline);
	return unit_boot(&bc);
}

static struct machine *
pc_1g(int cpus)
{
	return pc_1g_cmdline(cpus, NULL);
}

/* A pfn on a buddy free list. */
static u32
free_pfn(struct machine *m)
{
	u32 pfn = m->max_mapnr;

	while (pfn-- > 0)
		if (page_test(&m->mem_map[pfn], PG_buddy))
			return pfn;
	fail_msg("no free page");
	return 0;
}

static u32
vmalloc_ok(struct machine *m, u32 size)
{
	u32 addr = 0;
	int err = vmalloc(m, size, "test", &addr);

	if (err)
		fail_msg("vmalloc(%u) = %d: %s", size, err, m->why);
	return addr;
}

static void
vfree_ok(struct machine *m, u32 addr)
{
	int err = vfree(m, addr);

	if (err)
		fail_msg("vfree(0x%08x) = %d: %s", addr, err, m->why);
}

/* vmap of one allocated page n times: address space without memory. */
static u32
vmap_n(struct machine *m, u32 pfn, u32 n, int *errp)
{
	u32 *pfns = xmalloc(n * sizeof(*pfns)), i, addr = 0;
	int err;

	for (i = 0; i < n; i++)
		pfns[i] = pfn;
	err = vmap(m, pfns, n, "test", &addr);
	free(pfns);
	if (errp)
		*errp = err;
	else if (err)
		fail_msg("vmap(%u pages) = %d: %s", n, err, m->why);
	return err ? 0 : addr;
}

static u32
one_page(struct machine *m)
{
	long pfn = alloc_pages(m, GFP_KERNEL, 0);

	assert_true(pfn >= 0);
	return (u32)pfn;
}

static u32
pte_of(struct machine *m, u32 addr)
{
	u32 pa = kernel_pte_pa(m, addr);

	return pa ? phys_read32(m, pa) : 0;
}

static unsigned long
free_and_pcp(struct machine *m)
{
	return nr_free_pages(m) + unit_pcp_pages(m, NULL);
}

/* pages[] holds the struct page pointer of each page, in order. */
static void
assert_pages_array(struct machine *m, const struct vm_area_view *v)
{
	u32 i, ptr;

	assert_int_not_equal(v->pages_kaddr, 0);
	for (i = 0; i < v->nr_pages; i++) {
		assert_int_equal(kernel_read(m, v->pages_kaddr + 4 * i, &ptr,
					     4), 0);
		assert_int_equal(ptr,
				 __va(m, m->mem_map_phys) + v->pfns[i] * 32);
	}
}

/* ---- placement ----------------------------------------------------------- */

/*
 * Each area is its pages plus a guard page; the next one starts a page
 * after that: [S, S+2p) [S+3p, S+5p) [S+6p, S+9p) ...
 */
static void
test_first_fit_gap(void **state)
{
	struct machine *m = pc_1g(1);
	u32 s = m->vmalloc_start, a, b, c, d;
	struct vm_area_view v;

	a = vmalloc_ok(m, 1);
	b = vmalloc_ok(m, PG);
	c = vmalloc_ok(m, PG + 1);
	assert_int_equal(a, s);
	assert_int_equal(b, s + 3 * PG);
	assert_int_equal(c, s + 6 * PG);
	assert_int_equal(vmalloc_find_area(m, c, &v), 0);
	assert_int_equal(v.va_end - v.va_start, 3 * PG);	/* 2 + guard */
	assert_int_equal(v.nr_pages, 2);
	assert_int_equal(v.flags, VM_ALLOC);

	/* free b and purge: the first candidate is s+3p, and an area may end
	 * right where c starts, s+6p.  Three pages and a guard do not fit
	 * and go after c; two pages and a guard fill the hole exactly. */
	vfree_ok(m, b);
	vm_unmap_aliases(m);
	d = vmalloc_ok(m, 3 * PG);
	assert_int_equal(d, s + 10 * PG);
	d = vmalloc_ok(m, 2 * PG);
	assert_int_equal(d, s + 3 * PG);
	d = vmalloc_ok(m, PG);
	assert_int_equal(d, s + 15 * PG);
	unit_free(m);
}

/* Every page mapped with PAGE_KERNEL to its own pfn; the guard page not. */
static void
test_guard_page_and_ptes(void **state)
{
	struct machine *m = pc_1g(1);
	struct vm_area_view v;
	u32 addr = vmalloc_ok(m, 10 * PG), i;

	assert_int_equal(vmalloc_find_area(m, addr, &v), 0);
	for (i = 0; i < 10; i++) {
		u32 pte = pte_of(m, addr + i * PG);

		assert_int_equal(pte,
				 (v.pfns[i] << PAGE_SHIFT) | __PAGE_KERNEL);
		/* vmalloc asks for __GFP_HIGHMEM: HighMem first */
		assert_int_equal(page_zonenum(&m->mem_map[v.pfns[i]]),
				 ZONE_HIGHMEM);
		assert_int_equal(m->mem_map[v.pfns[i]]._count, 1);
	}
	assert_int_equal(pte_of(m, addr + 10 * PG), 0);
	assert_int_equal(v.va_end, addr + 11 * PG);
	unit_free(m);

	/* without PGE no PTE is global; without HIGHMEM pages are Normal */
	m = unit_boot_preset("pc-512m", NULL, "PGE=n", "HIGHMEM=n", NULL);
	addr = vmalloc_ok(m, PG);
	assert_int_equal(vmalloc_find_area(m, addr, &v), 0);
	assert_int_equal(pte_of(m, addr),
			 (v.pfns[0] << PAGE_SHIFT) |
			 (__PAGE_KERNEL & ~_PAGE_GLOBAL));
	assert_int_equal(page_zonenum(&m->mem_map[v.pfns[0]]), ZONE_NORMAL);
	unit_free(m);
}

/* ioremap's alignment: 1 << fls(size), between a page and 512K. */
static void
test_ioremap_alignment(void **state)
{
	static const struct {
		u32 size, align;
	} cases[] = {
		{ 1, 0x2000 }, { 0x1000, 0x2000 }, { 0x2000, 0x4000 },
		{ 0x3000, 0x4000 }, { 0x10000, 0x20000 },
		{ 0x40000, 0x80000 }, { 0x80000, 0x80000 },
		{ 0x100000, 0x80000 }, { 0x300000, 0x80000 },
	};
	struct machine *m = pc_1g(1);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		u32 addr;
		int err = ioremap(m, 0xe0000000u, cases[i].size, "test", &addr);

		if (err)
			fail_msg("ioremap(%#x): %s", cases[i].size, m->why);
		assert_int_equal(vmalloc_last(m)->align, cases[i].align);
		assert_int_equal(addr & (cases[i].align - 1), 0);
		assert_int_equal(pte_of(m, addr), 0xe0000000u | 0x173);
		assert_int_equal(iounmap(m, addr), 0);
	}
	/* the offset in the page is kept; any address in the page unmaps */
	{
		u32 addr;

		assert_int_equal(ioremap(m, 0xfebf0123u, 8, "t", &addr), 0);
		assert_int_equal(addr & ~PAGE_MASK, 0x123);
		assert_int_equal(iounmap(m, addr | 0xfff), 0);
	}
	unit_free(m);
}

/* ---- lazy freeing -------------------------------------------------------- */

static void
test_lazy_free_keeps_range(void **state)
{
	struct machine *m = pc_1g(1);
	struct vm_area_view v;
	u32 a = vmalloc_ok(m, 4 * PG), b, pfn0, pte0;

	assert_int_equal(vmalloc_find_area(m, a, &v), 0);
	pfn0 = v.pfns[0];
	pte0 = pte_of(m, a);
	vfree_ok(m, a);
	/* the page is free, the range and its PTEs are not */
	assert_int_equal(m->mem_map[pfn0]._count, 0);
	assert_int_equal(vmalloc_find_area(m, a, &v), 0);
	assert_true(v.lazy);
	assert_int_equal(pte_of(m, a), pte0);
	assert_int_equal(vmap_lazy_nr(m), 5);
	b = vmalloc_ok(m, 4 * PG);
	assert_int_equal(b, a + 6 * PG);	/* not reused */
	unit_check(m);

	vm_unmap_aliases(m);
	assert_int_equal(vmalloc_last(m)->purged_areas, 1);
	assert_int_equal(vmalloc_last(m)->flush_start, a);
	assert_int_equal(vmalloc_last(m)->flush_end, a + 5 * PG);
	assert_int_equal(pte_of(m, a), 0);
	assert_int_equal(vmap_lazy_nr(m), 0);
	assert_int_equal(vmalloc_find_area(m, a, &v), -ENOENT);
	assert_int_equal(vmalloc_ok(m, 4 * PG), a);	/* now it is */
	unit_free(m);
}

/* lazy_max_pages = fls(cpus) * 8192; a free that makes the lazy pages
 * exceed it (not reach it) purges everything. */
static void
test_purge_threshold(void **state)
{
	static const int cpus[] = { 1, 2, 3, 4, 5, 8 };
	static const u32 fls[] = { 1, 2, 2, 3, 3, 4 };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cpus); i++) {
		/* 8 CPUs need 128 MiB of lazy areas: a bigger vmalloc area */
		struct machine *m = pc_1g_cmdline(cpus[i], "vmalloc=200M");
		u32 max = fls[i] * 8192, pfn = one_page(m), a, lazy = 0;

		assert_int_equal(lazy_max_pages(m), max);
		/* areas of 8192 pages (8191 + guard) up to exactly max */
		while (lazy < max) {
			a = vmap_n(m, pfn, 8191, NULL);
			assert_int_equal(vunmap(m, a), 0);
			lazy += 8192;
			assert_int_equal(vmalloc_last(m)->purges, 0);
			assert_int_equal(vmap_lazy_nr(m), lazy);
		}
		a = vmap_n(m, pfn, 1, NULL);
		assert_int_equal(vunmap(m, a), 0);
		assert_int_equal(vmalloc_last(m)->purges, 1);
		assert_int_equal(vmalloc_last(m)->purged_areas, fls[i] + 1);
		assert_int_equal(vmalloc_last(m)->purged_pages, max + 2);
		assert_int_equal(vmap_lazy_nr(m), 0);
		unit_free(m);
	}
}

/* No room: purge the lazy areas, try once more; then the kernel's
 * warning with the size that includes the guard page. */
static void
test_purge_and_retry(void **state)
{
	struct machine *m = pc_1g(1);
	u32 total = (m->vmalloc_end - m->vmalloc_start) / PG, pfn = one_page(m);
	u32 big, small, again, addr;
	int err;

	/* leave room for 100 pages (a 99-page area and its guard) at the end */
	big = vmap_n(m, pfn, total - 102, NULL);	/* + guard + gap */
	assert_int_equal(big, m->vmalloc_start);
	small = vmap_n(m, pfn, 99, NULL);
	assert_int_equal(small + 100 * PG, m->vmalloc_end);
	assert_int_equal(vunmap(m, small), 0);
	assert_int_equal(vmap_lazy_nr(m), 100);
	again = vmap_n(m, pfn, 99, NULL);
	assert_int_equal(again, small);
	assert_true(vmalloc_last(m)->retried);
	assert_int_equal(vmalloc_last(m)->purged_areas, 1);
	assert_false(unit_log_contains(m, "vmap allocation"));

	/* full: even one page does not fit, after a purge of nothing */
	addr = vmap_n(m, pfn, 1, &err);
	assert_int_equal(err, -ENOMEM);
	assert_int_equal(addr, 0);
	assert_true(vmalloc_last(m)->retried);
	assert_int_equal(vmalloc_last(m)->purged_areas, 0);
	assert_log_line(m, "vmap allocation for size 8192 failed: use vmalloc=<size> to increase size.");
	err = vmalloc(m, 3 * PG, "test", &addr);
	assert_int_equal(err, -ENOMEM);
	assert_log_line(m, "vmap allocation for size 16384 failed: use vmalloc=<size> to increase size.");
	assert_non_null(strstr(m->why, "no room for 16384 bytes"));
	unit_free(m);
}

/* vmalloc cannot have its pages: all that was taken goes back; only the
 * page tables of the pages[] area stay, as the kernel keeps them (and
 * slab pages, if the bookkeeping made a cache grow). */
static void
test_page_failure_gives_back(void **state)
{
	struct machine *m = unit_boot_preset("pc-64m", NULL, NULL);
	unsigned long free0 = free_and_pcp(m) + nr_slab_pages(m);
	unsigned long ev0 = m->vm_events[PGFREE];
	u32 ptes0 = m->nr_kernel_ptes, addr = 0, i;
	struct vm_area_view v;
	int err;

	err = vmalloc(m, 56u << 20, "test", &addr);
	assert_int_equal(err, -ENOMEM);
	assert_int_equal(addr, 0);
	assert_non_null(strstr(m->why, "no page left for page"));
	assert_log_contains(m, "page allocation failure. order:0, mode:0xd2");
	assert_true(m->nr_kernel_ptes > ptes0);
	assert_int_equal(free_and_pcp(m) + nr_slab_pages(m),
			 free0 - (m->nr_kernel_ptes - ptes0));
	assert_true(m->vm_events[PGFREE] > ev0);
	/* nothing is live; what is left is lazily freed */
	for (i = 0; vmalloc_area_at(m, i, &v) == 0; i++)
		assert_true(v.lazy);
	unit_check(m);
	vm_unmap_aliases(m);
	assert_int_equal(vmalloc_area_at(m, 0, &v), -ENOENT);
	unit_free(m);
}

/* Takes every lowmem page GFP_KERNEL can have. */
static void
exhaust_lowmem(struct machine *m)
{
	int order;

	for (order = MAX_ORDER - 1; order >= 0; order--)
		while (alloc_pages(m, GFP_KERNEL | __GFP_NOWARN,
				   (unsigned)order) >= 0)
			;
}

/* No lowmem left: a 4096-byte pages[] needs a new size-4096 slab and
 * cannot have it, so vmalloc gives the area back (lazily) before it
 * takes a single page; a 4-byte pages[] still fits in a slab that has
 * room, and the pages come from HighMem. */
static void
test_bookkeeping_failure(void **state)
{
	struct machine *m = pc_1g(1);
	struct vm_area_view v;
	u32 addr = 0, i;
	int err;

	exhaust_lowmem(m);
	err = vmalloc(m, 1024 * PG, "test", &addr);
	assert_int_equal(err, -ENOMEM);
	assert_int_equal(addr, 0);
	assert_int_equal(vmap_lazy_nr(m), 1025);
	for (i = 0; vmalloc_area_at(m, i, &v) == 0; i++)
		assert_true(v.lazy);
	unit_check(m);
	/* one page and its 4-byte pages[]: the slabs have room for that,
	 * but the area's page table must come from lowmem */
	err = vmalloc(m, PG, "test", &addr);
	assert_int_equal(err, -ENOMEM);
	assert_non_null(strstr(m->why, "page table"));
	unit_check(m);
	unit_free(m);
}

/* ---- refusals ------------------------------------------------------------ */

struct vsnap {
	struct unit_snap s;
	u32 lazy, areas;
};

static void
vsnap(struct machine *m, struct vsnap *s)
{
	struct vm_area_view v;

	unit_snap(m, &s->s);
	s->lazy = vmap_lazy_nr(m);
	for (s->areas = 0; vmalloc_area_at(m, s->areas, &v) == 0; s->areas++)
		;
}

static void
assert_vsnap_equal(const struct vsnap *a, const struct vsnap *b)
{
	unit_assert_snap_equal(&a->s, &b->s, true);
	assert_int_equal(a->lazy, b->lazy);
	assert_int_equal(a->areas, b->areas);
}

static void
test_refusals_change_nothing(void **state)
{
	struct machine *m = pc_1g(1);
	u32 pfn = one_page(m), va = vmalloc_ok(m, 2 * PG), vm, io, addr;
	u32 bad_pfns[2] = { pfn, 0x3fff0 };
	struct vsnap s0, s1;

	vm = vmap_n(m, pfn, 2, NULL);
	assert_int_equal(ioremap(m, 0xfebf0000u, PG, "t", &io), 0);
	vfree_ok(m, vmalloc_ok(m, PG));		/* one lazy area */
	vsnap(m, &s0);

	assert_int_equal(vfree(m, va + 1), -EINVAL);
	assert_int_equal(vfree(m, va + PG), -EINVAL);
	assert_int_equal(vfree(m, va + 2 * PG), -EINVAL);	/* guard */
	assert_int_equal(vfree(m, vm), -EINVAL);
	assert_int_equal(vfree(m, io), -EINVAL);
	assert_int_equal(vfree(m, m->vmalloc_end - PG), -EINVAL);
	assert_int_equal(vunmap(m, va), -EINVAL);
	assert_int_equal(vunmap(m, io), -EINVAL);
	assert_int_equal(iounmap(m, va), -EINVAL);
	assert_int_equal(iounmap(m, vm), -EINVAL);
	assert_int_equal(iounmap(m, m->page_offset + 0x100000), -EINVAL);
	assert_int_equal(vmalloc(m, 0, "t", &addr), -EINVAL);
	assert_int_equal(vmalloc(m, 0xfffff001u, "t", &addr), -ENOMEM);
	assert_int_equal(vmap(m, bad_pfns, 0, "t", &addr), -EINVAL);
	assert_int_equal(vmap(m, bad_pfns, 2, "t", &addr), -EINVAL);
	bad_pfns[1] = free_pfn(m);
	assert_int_equal(vmap(m, bad_pfns, 2, "t", &addr), -EINVAL);
	assert_int_equal(ioremap(m, 0x10000000u, 2 * PG, "t", &addr), -EINVAL);
	assert_int_equal(ioremap(m, 0xfffff000u, 2 * PG, "t", &addr), -EINVAL);
	assert_int_equal(ioremap(m, 0x1000, 0, "t", &addr), -EINVAL);
	vsnap(m, &s1);
	assert_vsnap_equal(&s0, &s1);

	/* an area cannot be freed twice, lazy or purged */
	vfree_ok(m, va);
	vsnap(m, &s0);
	assert_int_equal(vfree(m, va), -EINVAL);
	assert_non_null(strstr(m->why, "already freed"));
	vsnap(m, &s1);
	assert_vsnap_equal(&s0, &s1);
	vm_unmap_aliases(m);
	assert_int_equal(vfree(m, va), -EINVAL);
	/* vfree(NULL) is fine and does nothing */
	vsnap(m, &s0);
	assert_int_equal(vfree(m, 0), 0);
	vsnap(m, &s1);
	assert_vsnap_equal(&s0, &s1);
	unit_free(m);
}

/* ---- pages[] ------------------------------------------------------------- */

static void
test_vpages(void **state)
{
	struct machine *m = pc_1g(1);
	struct vm_area_view v, nested;
	u32 small = vmalloc_ok(m, 1024 * PG), big;

	assert_int_equal(vmalloc_find_area(m, small, &v), 0);
	assert_false(v.flags & VM_VPAGES);	/* 4096 bytes: kmalloc */
	assert_true(v.pages_kaddr >= m->page_offset &&
		    v.pages_kaddr < m->high_memory);
	assert_pages_array(m, &v);
	big = vmalloc_ok(m, 1025 * PG);
	assert_int_equal(vmalloc_find_area(m, big, &v), 0);
	assert_true(v.flags & VM_VPAGES);
	assert_int_equal(v.pages_kaddr, big + 1026 * PG + PG);
	assert_int_equal(vmalloc_find_area(m, v.pages_kaddr, &nested), 0);
	assert_int_equal(nested.flags, VM_ALLOC);
	assert_int_equal(nested.nr_pages, 2);	/* 4100 bytes */
	assert_string_equal(nested.caller, "test");
	assert_pages_array(m, &v);
	vfree_ok(m, big);
	/* both areas are lazily freed: 1026 + 3 pages */
	assert_int_equal(vmap_lazy_nr(m), 1029);
	assert_int_equal(vmalloc_last(m)->freed_pages, 1025 + 2);
	unit_free(m);
}

/* The cache an object lives in, or "" when it is no live object. */
static const char *
cache_of(struct machine *m, u32 objp)
{
	struct slab_obj_info oi;

	if (slab_lookup(m, objp, &oi) || !oi.is_object || oi.free_chain ||
	    oi.in_array >= 0)
		return "";
	return kmem_cache_name(oi.cache);
}

/* Objects of a cache that are neither free nor in an array. */
static u32
live_objs(struct machine *m, const char *cache)
{
	struct kmem_cache_info ci;

	kmem_cache_get_info(m, kmem_cache_find(m, cache), &ci);
	return ci.live_objs;
}

/* The kernel's objects: a 32-byte vm_struct (kzalloc), a 52-byte
 * vmap_area and pages[] from kmalloc.  vfree frees the vm_struct and
 * pages[] at once, the vmap_area only when the purge releases the range;
 * a failed search gives its vmap_area back. */
static void
test_bookkeeping_objects(void **state)
{
	struct machine *m = pc_1g(1);
	u32 addr = vmalloc_ok(m, 16 * PG), pfn = one_page(m), total, full;
	struct vm_area_view v;
	u32 live[2];
	int err;

	assert_int_equal(vmalloc_find_area(m, addr, &v), 0);
	assert_string_equal(cache_of(m, v.vm_kaddr), "size-32");
	assert_string_equal(cache_of(m, v.va_kaddr), "size-64");
	assert_string_equal(cache_of(m, v.pages_kaddr), "size-64");
	vfree_ok(m, addr);
	/* a freed object sits in this CPU's array: no longer live */
	assert_string_equal(cache_of(m, v.vm_kaddr), "");
	assert_string_equal(cache_of(m, v.pages_kaddr), "");
	assert_string_equal(cache_of(m, v.va_kaddr), "size-64");
	vm_unmap_aliases(m);
	assert_string_equal(cache_of(m, v.va_kaddr), "");

	/* a vmap with no room: the objects it took go back */
	total = (m->vmalloc_end - m->vmalloc_start) / PG;
	full = vmap_n(m, pfn, total - 1, NULL);
	live[0] = live_objs(m, "size-32");
	live[1] = live_objs(m, "size-64");
	assert_int_equal(vmap_n(m, pfn, 1, &err), 0);
	assert_int_equal(err, -ENOMEM);
	assert_int_equal(live_objs(m, "size-32"), live[0]);
	assert_int_equal(live_objs(m, "size-64"), live[1]);
	unit_check(m);
	assert_int_equal(vunmap(m, full), 0);
	unit_free(m);
}

/* ---- ioremap and RAM ----------------------------------------------------- */

static void
test_ioremap_ram(void **state)
{
	struct machine *m = pc_1g(1);
	u32 addr, kimage = m->kimage.text_start - m->page_offset;

	/* RAM in use: refused, unless it is only the range's last page */
	assert_int_equal(ioremap(m, 0x10000000u, 2 * PG, "t", &addr), -EINVAL);
	assert_int_equal(ioremap(m, 0x10000000u, PG, "t", &addr), 0);
	assert_int_equal(vmalloc_last(m)->unchecked_ram, 0x10000 + 1);
	assert_int_equal(ioremap(m, 0x0ffff000u, 2 * PG, "t", &addr), -EINVAL);
	/* reserved RAM (the kernel image) is allowed */
	assert_int_equal(ioremap(m, kimage, 16 * PG, "t", &addr), 0);
	assert_int_equal(vmalloc_last(m)->reserved_ram, 15);
	/* the ISA hole: its lowmem alias, no area */
	assert_int_equal(ioremap(m, 0xb8000, 0x8000, "t", &addr), 0);
	assert_int_equal(addr, m->page_offset + 0xb8000);
	assert_true(vmalloc_last(m)->isa);
	assert_int_equal(iounmap(m, addr), 0);
	/* a range that only starts below the hole is an ordinary ioremap
	 * (pfn 0x9f is past the last RAM entry, in the EBDA) */
	assert_int_equal(ioremap(m, 0x9f000, 0x2000, "t", &addr), 0);
	assert_true(addr >= m->vmalloc_start);
	assert_false(vmalloc_last(m)->isa);
	unit_check(m);
	unit_free(m);
}

/* ---- get_vmalloc_info ---------------------------------------------------- */

static void
test_vmalloc_info(void **state)
{
	struct machine *m = pc_1g(1);
	u32 total = m->vmalloc_end - m->vmalloc_start, a, b, io;
	struct vmalloc_info vmi;

	get_vmalloc_info(m, &vmi);
	assert_int_equal(vmi.used, 0);
	assert_int_equal(vmi.largest_chunk, total);
	a = vmalloc_ok(m, 16 * PG);
	b = vmalloc_ok(m, 1000 * PG);
	assert_int_equal(ioremap(m, 0xfebf0000u, PG, "t", &io), 0);
	get_vmalloc_info(m, &vmi);
	assert_int_equal(vmi.used, 17 * PG + 1001 * PG + 2 * PG);
	assert_int_equal(vmi.largest_chunk, m->vmalloc_end - (io + 2 * PG));
	/* a lazily freed area is off vmlist: its range counts as free */
	vfree_ok(m, b);
	get_vmalloc_info(m, &vmi);
	assert_int_equal(vmi.used, 17 * PG + 2 * PG);
	assert_int_equal(vmi.largest_chunk, m->vmalloc_end - (io + 2 * PG));
	vfree_ok(m, a);
	assert_int_equal(iounmap(m, io), 0);
	get_vmalloc_info(m, &vmi);
	assert_int_equal(vmi.used, 0);
	assert_int_equal(vmi.largest_chunk, total);
	unit_free(m);
}

/* ---- the checker --------------------------------------------------------- */

static int
check_count(struct machine *m, const char *want)
{
	struct out o;
	int n;

	out_init_buf(&o);
	n = check_vmalloc(m, &o);
	if (want && (o.sb.buf == NULL || strstr(o.sb.buf, want) == NULL))
		fail_msg("check_vmalloc said \"%s\", not \"%s\"",
			 o.sb.buf ? o.sb.buf : "", want);
	out_done(&o);
	return n;
}

static void
test_check_catches(void **state)
{
	struct machine *m = pc_1g(1);
	u32 a = vmalloc_ok(m, 4 * PG), pa = kernel_pte_pa(m, a), pte;
	struct vm_area_view v;

	assert_int_equal(check_count(m, NULL), 0);
	pte = phys_read32(m, pa);
	/* a PTE gone */
	phys_write32(m, pa, 0);
	assert_int_equal(check_count(m, "the PTE of"), 1);
	/* pointing at another page */
	phys_write32(m, pa, pte + PG);
	assert_int_equal(check_count(m, "not 0x"), 1);
	phys_write32(m, pa, pte);
	/* the guard page mapped */
	phys_write32(m, pa + 16, pte);
	assert_int_equal(check_count(m, "guard page"), 1);
	phys_write32(m, pa + 16, 0);
	/* a PTE outside every area */
	phys_write32(m, pa + 40, pte);
	assert_int_equal(check_count(m, "outside any area"), 1);
	phys_write32(m, pa + 40, 0);
	/* a page of the area freed behind vmalloc's back; it is hot at the
	 * head of the per-CPU list, so the next allocation takes it back */
	assert_int_equal(vmalloc_find_area(m, a, &v), 0);
	__free_pages(m, v.pfns[1], 0);
	assert_int_equal(check_count(m, "is not an allocated page"), 1);
	assert_int_equal(alloc_pages(m, GFP_HIGHUSER, 0), v.pfns[1]);
	assert_int_equal(check_count(m, NULL), 0);
	unit_free(m);
}

/* ---- a random run against a list model ----------------------------------- */

struct model {
	u32 start[4096], end[4096];
	bool lazy[4096];
	u32 n, lazy_nr;
};

static void
model_purge(struct model *md)
{
	u32 i, j;

	for (i = j = 0; i < md->n; i++) {
		if (md->lazy[i])
			continue;
		md->start[j] = md->start[i];
		md->end[j] = md->end[i];
		md->lazy[j++] = false;
	}
	md->n = j;
	md->lazy_nr = 0;
}

/* The placement rules, read off the kernel's loop, on a plain list. */
static u32
model_alloc(struct model *md, u32 size, u32 vstart, u32 vend)
{
	int tries;
	u32 i;

	for (tries = 0; tries < 2; tries++) {
		u64 addr = vstart;

		for (i = 0; i < md->n; i++) {
			if (md->end[i] < addr)
				continue;
			if (addr + size <= md->start[i] || addr + size > vend)
				break;
			addr = (u64)md->end[i] + PG;
		}
		if (addr + size <= vend) {
			for (i = md->n; i > 0 && md->start[i - 1] > addr; i--) {
				md->start[i] = md->start[i - 1];
				md->end[i] = md->end[i - 1];
				md->lazy[i] = md->lazy[i - 1];
			}
			md->start[i] = (u32)addr;
			md->end[i] = (u32)(addr + size);
			md->lazy[i] = false;
			md->n++;
			return (u32)addr;
		}
		model_purge(md);
	}
	return 0;
}

static void
test_random_against_model(void **state)
{
	static struct model md;
	struct machine *m = pc_1g(1);
	u32 pfn = one_page(m), x = 2463534242u, i, k;
	u32 max = lazy_max_pages(m);

	memset(&md, 0, sizeof(md));
	for (i = 0; i < 3000; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		if (x % 3 != 0 || md.n == 0) {
			/* mostly small areas, now and then a big one */
			u32 pages = x % 7 == 0 ? 1 + x % 3000 : 1 + x % 40;
			u32 want = model_alloc(&md, (pages + 1) * PG,
					       m->vmalloc_start,
					       m->vmalloc_end);
			int err;
			u32 got = vmap_n(m, pfn, pages, &err);

			if (got != want)
				fail_msg("step %u: vmap(%u) at 0x%08x, the model says 0x%08x",
					 i, pages, got, want);
			continue;
		}
		k = x % md.n;
		if (md.lazy[k]) {
			assert_int_equal(vunmap(m, md.start[k]), -EINVAL);
		} else {
			assert_int_equal(vunmap(m, md.start[k]), 0);
			md.lazy[k] = true;
			md.lazy_nr += (md.end[k] - md.start[k]) / PG;
			if (md.lazy_nr > max)
				model_purge(&md);
		}
		assert_int_equal(vmap_lazy_nr(m), md.lazy_nr);
		if (i % 97 == 0)
			unit_check(m);
	}
	unit_free(m);
}

/* Pages that left the free lists for good or for vmalloc: page tables,
 * slab pages, and every live vmalloc area's pages (pages[] areas too). */
static unsigned long
pages_out(struct machine *m)
{
	unsigned long n = m->nr_kernel_ptes + nr_slab_pages(m);
	struct vm_area_view v;
	u32 i;

	for (i = 0; vmalloc_area_at(m, i, &v) == 0; i++)
		n += v.nr_pages;
	return n;
}

/*
 * Random vmallocs and vfrees with real pages: each area holds its own
 * bytes (a signature per page, written through the vmalloc address) until
 * it is freed, and no page is lost: free + per-CPU + pages out stays put.
 */
static void
test_random_vmalloc(void **state)
{
	struct machine *m = pc_1g(2);
	u32 live[256], nlive = 0, x = 88172645u, i, j, sig, got;
	unsigned long total = free_and_pcp(m) + pages_out(m);

	for (i = 0; i < 1500; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		if (nlive < ARRAY_SIZE(live) && (x % 5 < 3 || nlive == 0)) {
			u32 pages = x % 11 == 0 ? 1 + x % 2000 : 1 + x % 60;
			u32 addr;
			struct vm_area_view v;

			if (vmalloc(m, pages * PG - x % PG, "t", &addr))
				continue;	/* full: fine */
			assert_int_equal(vmalloc_find_area(m, addr, &v), 0);
			for (j = 0; j < v.nr_pages; j++) {
				sig = addr ^ j;
				assert_int_equal(kernel_write(m, addr + j * PG,
							      &sig, 4), 0);
			}
			live[nlive++] = addr;
		} else {
			u32 k = x % nlive, addr = live[k];
			struct vm_area_view v;

			assert_int_equal(vmalloc_find_area(m, addr, &v), 0);
			for (j = 0; j < v.nr_pages; j++) {
				assert_int_equal(kernel_read(m, addr + j * PG,
							     &got, 4), 0);
				if (got != (addr ^ j))
					fail_msg("step %u: page %u of 0x%08x holds 0x%08x",
						 i, j, addr, got);
			}
			vfree_ok(m, addr);
			live[k] = live[--nlive];
		}
		assert_int_equal(free_and_pcp(m) + pages_out(m), total);
		if (i % 50 == 0)
			unit_check(m);
	}
	unit_free(m);
}

/* Two machines do not share vmalloc state. */
static void
test_two_machines(void **state)
{
	struct machine *a = pc_1g(1), *b = pc_1g(1);

	assert_int_equal(vmalloc_ok(a, PG), a->vmalloc_start);
	assert_int_equal(vmalloc_ok(a, PG), a->vmalloc_start + 3 * PG);
	assert_int_equal(vmalloc_ok(b, PG), b->vmalloc_start);
	unit_free(a);
	unit_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_first_fit_gap),
		UNIT_TEST(test_guard_page_and_ptes),
		UNIT_TEST(test_ioremap_alignment),
		UNIT_TEST(test_lazy_free_keeps_range),
		UNIT_TEST(test_purge_threshold),
		UNIT_TEST(test_purge_and_retry),
		UNIT_TEST(test_page_failure_gives_back),
		UNIT_TEST(test_refusals_change_nothing),
		UNIT_TEST(test_vpages),
		UNIT_TEST(test_bookkeeping_objects),
		UNIT_TEST(test_bookkeeping_failure),
		UNIT_TEST(test_ioremap_ram),
		UNIT_TEST(test_vmalloc_info),
		UNIT_TEST(test_check_catches),
		UNIT_TEST(test_random_against_model),
		UNIT_TEST(test_random_vmalloc),
		UNIT_TEST(test_two_machines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
