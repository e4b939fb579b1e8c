/* debug/explain_kmem.c: the sentences of the kernel's other ways to get at
 * memory: vmalloc, vmap and ioremap in the vmalloc area (mm/vmalloc.c,
 * arch/x86/mm/ioremap.c; Gorman chapter 7), and the kmaps of HighMem
 * pages (mm/highmem.c, arch/x86/mm/highmem_32.c; chapter 9).  The
 * vmap_area allocator with its lazy purge is 2.6.28's, after the book. */
#include "config.h"

#include "vmdb/highmem.h"
#include "vmdb/vmalloc.h"

#include "explain_impl.h"
#include "../mm/vmalloc_impl.h"

/* ---- the vmalloc area ---------------------------------------------------- */

/* The live area starting at addr, without creating the state. */
static struct vmap_area *
area_at(struct machine *m, long addr)
{
	if (m->vmalloc == NULL || addr < 0 || addr > 0xffffffffL)
		return NULL;
	return find_vmap_area(m, (u32)addr);
}

static void
vmalloc_enter(struct xctx *x)
{
	long size = xarg(x, 0);
	unsigned long pages = ((unsigned long)size + PAGE_SIZE - 1) / PAGE_SIZE;

	say(x, "vmalloc(%ld) needs %lu page%s contiguous only in virtual "
	    "memory; it reserves them and a guard page between VMALLOC_START "
	    "and VMALLOC_END, allocates each page on its own with ", size,
	    pages, pages == 1 ? "" : "s");
	gfp_format(x->sb, xarg32(x, 1));
	if ((xarg32(x, 1) & __GFP_HIGHMEM) && x->m->cfg.highmem)
		say(x, " (HighMem pages too)");
	say(x, " and maps them in the kernel page tables");
}

static void
vmalloc_exit(struct xctx *x)
{
	if (x->ev->ret > 0)
		say(x, "__vmalloc_node returns 0x%08lx", x->ev->ret);
	else
		say(x, "__vmalloc_node fails");
}

static void
vmap_enter(struct xctx *x)
{
	say(x, "vmap maps %ld page%s its caller already holds at consecutive "
	    "kernel addresses in the vmalloc area; only the range, a vm_struct "
	    "and page tables are allocated", xarg(x, 0),
	    xarg(x, 0) == 1 ? "" : "s");
}

static void
get_vm_area_enter(struct xctx *x)
{
	long size = xarg(x, 0), flags = xarg(x, 2);
	unsigned long pages = ((unsigned long)size + PAGE_SIZE - 1) / PAGE_SIZE;

	say(x, "__get_vm_area_node reserves %lu page%s of kernel address "
	    "space and a guard page for %s; the vm_struct that describes the "
	    "area comes from kmalloc", pages, pages == 1 ? "" : "s",
	    flags & VM_IOREMAP ? "ioremap" : flags & VM_MAP ? "vmap" :
	    "vmalloc");
	if (flags & VM_IOREMAP)
		say(x, ", and an ioremap area is aligned to its size (at most "
		    "512 KiB)");
}

static void
alloc_vmap_area_enter(struct xctx *x)
{
	struct machine *m = x->m;
	long size = xarg(x, 0), align = xarg(x, 1);

	say(x, "alloc_vmap_area looks for the first gap of %lu pages (guard "
	    "included) from 0x%08lx up", (unsigned long)size / PAGE_SIZE,
	    xarg(x, 2));
	if (align > (long)PAGE_SIZE)
		say(x, ", aligned to %ld KiB", align >> 10);
	if (m->vmalloc == NULL || m->vmalloc->nr == 0) {
		say(x, "; the vmalloc area is empty");
		return;
	}
	say(x, "; %u other area%s hold%s addresses there", m->vmalloc->nr,
	    m->vmalloc->nr == 1 ? "" : "s", m->vmalloc->nr == 1 ? "s" : "");
	if (vmap_lazy_nr(m))
		say(x, ", %u pages of them lazily freed", vmap_lazy_nr(m));
}

static void
alloc_vmap_area_exit(struct xctx *x)
{
	if (x->ev->ret > 0)
		say(x, "alloc_vmap_area places the area at 0x%08lx",
		    x->ev->ret);
	else
		say(x, "alloc_vmap_area finds no room, even after a purge");
}

static void
map_vm_area_enter(struct xctx *x)
{
	u32 addr = xarg32(x, 0), size = xarg32(x, 1);

	say(x, "map_vm_area writes the PTEs of 0x%08x-0x%08x (%u page%s) in "
	    "init_mm's page tables; a process whose page directory was copied "
	    "before a new page table appeared there gets its entry in "
	    "vmalloc_fault", addr, addr + size, size / PAGE_SIZE,
	    x_s(size / PAGE_SIZE));
}

static void
vmap_pte_enter(struct xctx *x)
{
	struct zone *z = x_pfn_zone(x->m, xarg(x, 1));

	say(x, "vmap_pte_range maps 0x%08x to pfn 0x%lx", xarg32(x, 0),
	    xarg(x, 1));
	if (z)
		say(x, " (%s)", z->name);
}

static void
vunmap_enter(struct xctx *x)
{
	struct vmap_area *va = area_at(x->m, xarg(x, 0));

	say(x, "__vunmap removes the area at 0x%08x; its range and PTEs are "
	    "freed lazily", xarg32(x, 0));
	if (xarg(x, 1) && va && va->vm && va->vm->nr_pages)
		say(x, ", and its %u page%s go back to the buddy allocator",
		    va->vm->nr_pages, va->vm->nr_pages == 1 ? "" : "s");
}

static void
free_lazy_enter(struct xctx *x)
{
	long lazy = xarg(x, 2);
	u32 max = lazy_max_pages(x->m);

	say(x, "free_unmap_vmap_area_noflush marks 0x%08x-0x%08x lazily free; "
	    "its PTEs, TLB entries and range stay until a purge, and lazily "
	    "freed areas now hold %ld pages of the %u that start one",
	    xarg32(x, 0), xarg32(x, 1), lazy, max);
	if (lazy > (long)max)
		say(x, ", so __purge_vmap_area_lazy runs now");
}

static void
purge_enter(struct xctx *x)
{
	long lazy = xarg(x, 1);

	if (lazy == 0) {
		say(x, "__purge_vmap_area_lazy finds no lazily freed area; "
		    "nothing to clear or flush");
		return;
	}
	say(x, "__purge_vmap_area_lazy clears the PTEs of every lazily freed "
	    "area (%ld pages), flushes the kernel's TLB entries once for all "
	    "of them, and only then frees their ranges", lazy);
	if (xarg(x, 0))
		say(x, " (on demand: an allocation found no room, or "
		    "vm_unmap_aliases)");
	else
		say(x, " (the lazy pages passed lazy_max_pages, %u)",
		    lazy_max_pages(x->m));
}

static void
purge_exit(struct xctx *x)
{
	say(x, "__purge_vmap_area_lazy purged ");
	x_pages(x, (unsigned long)x->ev->ret);
}

static void
vunmap_range_enter(struct xctx *x)
{
	u32 start = xarg32(x, 0), end = xarg32(x, 1);

	say(x, "vunmap_page_range clears the kernel PTEs of 0x%08x-0x%08x (%u "
	    "pages); the page tables stay, the kernel never frees its own",
	    start, end, (end - start) / PAGE_SIZE);
}

static void
ioremap_enter(struct xctx *x)
{
	u32 phys = xarg32(x, 0), size = xarg32(x, 1);

	if (size && phys >= 0xa0000u && (u64)phys + size - 1 < 0x100000u)
		say(x, "ioremap of 0x%08x falls in the ISA hole (640 KiB to 1 "
		    "MiB), which is mapped with the rest of lowmem already, so "
		    "its direct address is returned", phys);
	else
		say(x, "ioremap maps %u bytes of device memory at physical "
		    "0x%08x into the vmalloc area, uncached (PCD), once it has "
		    "made sure that is not RAM", size, phys);
}

static void
ioremap_pte_enter(struct xctx *x)
{
	say(x, "ioremap_pte_range maps 0x%08x to physical frame 0x%lx, "
	    "uncached; no struct page stands behind device memory",
	    xarg32(x, 0),
	    xarg(x, 1));
}

static void
iounmap_enter(struct xctx *x)
{
	say(x, "iounmap removes the ioremap area at 0x%08x; like vfree's, its "
	    "range is freed lazily", xarg32(x, 0));
}

/* ---- kmap ---------------------------------------------------------------- */

static bool
highmem_pfn(struct machine *m, long pfn)
{
	return m->kmap && pfn >= 0 && pfn < (long)m->max_mapnr &&
	       PageHighMem(m, (u32)pfn);
}

static void
kmap_high_enter(struct xctx *x)
{
	struct machine *m = x->m;
	long pfn = xarg(x, 0);
	u32 vaddr;

	if (!highmem_pfn(m, pfn)) {
		say(x, "kmap_high is asked for pfn 0x%lx, which is not a "
		    "HighMem page", pfn);
		return;
	}
	vaddr = page_address(m, (u32)pfn);
	if (vaddr)
		say(x, "pfn 0x%lx already has pkmap slot %u at 0x%08x (count "
		    "%d), so kmap_high only adds a user",
		    pfn, PKMAP_NR(m, vaddr),
		    vaddr, m->kmap->pkmap_count[PKMAP_NR(m, vaddr)]);
	else
		say(x, "HighMem pfn 0x%lx has no kernel address of its own, so "
		    "map_new_virtual must find it a free pkmap slot", pfn);
}

static void
kmap_high_exit(struct xctx *x)
{
	struct machine *m = x->m;
	long v = x->ev->ret;
	u32 slot;
	int users;

	if (v <= 0) {
		say(x, "kmap_high cannot map it now; the task would sleep "
		    "until a kunmap frees a slot");
		return;
	}
	slot = PKMAP_NR(m, v);
	users = slot < LAST_PKMAP ? m->kmap->pkmap_count[slot] - 1 : 0;
	say(x, "kmap_high returns 0x%08lx (pkmap slot %u, %d user%s)", v, slot,
	    users, users == 1 ? "" : "s");
}

static void
map_new_virtual_enter(struct xctx *x)
{
	struct kmap_state *k = x->m->kmap;
	long last = xarg(x, 1);
	int i, free = 0, unused = 0, next = -1;

	say(x, "map_new_virtual scans the pkmap slots after last_pkmap_nr %ld "
	    "for one with count 0", last);
	if (k == NULL || last < 0 || last >= LAST_PKMAP)
		return;
	for (i = 0; i < LAST_PKMAP; i++) {
		free += k->pkmap_count[i] == 0;
		unused += k->pkmap_count[i] == 1;
		if (next < 0 && i > last && k->pkmap_count[i] == 0)
			next = i;
	}
	say(x, "; %d of the %d are free and %d more wait for the next wrap's "
	    "flush", free, LAST_PKMAP, unused);
	if (next >= 0)
		say(x, "; the next free one is slot %d", next);
	else
		say(x, "; none is free before the end, so it wraps to slot 0 "
		    "and flush_all_zero_pkmaps frees the unused ones first");
}

static void
map_new_virtual_exit(struct xctx *x)
{
	if (x->ev->ret > 0)
		say(x, "map_new_virtual maps the page at 0x%08lx, pkmap slot "
		    "%u; the count is 1 until kmap_high adds the user",
		    x->ev->ret,
		    PKMAP_NR(x->m, x->ev->ret));
	else
		say(x, "map_new_virtual finds every slot in use; kmap would "
		    "sleep on pkmap_map_wait");
}

static void
flush_zero_pkmaps_enter(struct xctx *x)
{
	long n = xarg(x, 0);

	if (n)
		say(x, "last_pkmap_nr wrapped to 0, so flush_all_zero_pkmaps "
		    "frees the %ld slot%s that have no users (count 1), "
		    "clearing their PTEs, then flushes the whole pkmap range "
		    "from every TLB once", n, n == 1 ? "" : "s");
	else
		say(x, "last_pkmap_nr wrapped to 0, but flush_all_zero_pkmaps "
		    "finds no slot without users; nothing is freed or flushed");
}

static void
kunmap_high_enter(struct xctx *x)
{
	struct kmap_state *k = x->m->kmap;
	long count = xarg(x, 3);

	if (count > 1) {
		say(x, "kunmap_high drops one user of pkmap slot %ld (0x%08x); "
		    "%ld remain", xarg(x, 2), xarg32(x, 1), count - 1);
		return;
	}
	say(x, "kunmap_high drops the last user of pkmap slot %ld (0x%08x); "
	    "the count falls to 1, not 0, so the slot keeps its mapping and is "
	    "not reused before the next wrap has flushed it from the TLBs",
	    xarg(x, 2), xarg32(x, 1));
	if (k && k->nr_sleepers)
		say(x, "; the %u task%s waiting for a slot %s woken",
		    k->nr_sleepers, k->nr_sleepers == 1 ? "" : "s",
		    k->nr_sleepers == 1 ? "is" : "are");
}

static void
kmap_atomic_enter(struct xctx *x)
{
	struct machine *m = x->m;
	long pfn = xarg(x, 0), type = xarg(x, 1), cpu = xarg(x, 2);
	const char *tn = km_type_name((int)type);

	if (!highmem_pfn(m, pfn)) {
		say(x, "pfn 0x%lx is lowmem, so kmap_atomic just returns its "
		    "direct-mapped address", pfn);
		if (pfn >= 0 && pfn < (long)m->max_low_pfn)
			say(x, " 0x%08x", page_address(m, (u32)pfn));
		return;
	}
	if (tn == NULL || cpu < 0 || cpu >= m->cfg.nr_cpus_config) {
		say(x, "kmap_atomic maps HighMem pfn 0x%lx at a fixmap slot",
		    pfn);
		return;
	}
	say(x, "kmap_atomic maps HighMem pfn 0x%lx at cpu%ld's %s fixmap slot "
	    "(0x%08x); no lock and no sleeping, since only this CPU uses that "
	    "slot, for one thing at a time", pfn, cpu, tn,
	    kmap_atomic_vaddr(m, (int)type, (int)cpu));
}

static void
kunmap_atomic_enter(struct xctx *x)
{
	struct machine *m = x->m;
	long type = xarg(x, 1), cpu = xarg(x, 2);
	u32 vaddr = xarg32(x, 0);
	const char *tn = km_type_name((int)type);

	if (tn && cpu >= 0 && cpu < m->cfg.nr_cpus_config &&
	    vaddr == kmap_atomic_vaddr(m, (int)type, (int)cpu))
		say(x, "kunmap_atomic clears cpu%ld's %s slot at 0x%08x and "
		    "flushes that one entry from cpu%ld's TLB only "
		    "(__flush_tlb_one)", cpu, tn, vaddr, cpu);
	else
		say(x, "0x%08x is a direct-mapped lowmem address, so "
		    "kunmap_atomic has nothing to undo", vaddr);
}

const struct explain_row explain_rows_kmem[] = {
	{ TP___vmalloc_node, "7", vmalloc_enter, vmalloc_exit },
	{ TP_vmap, "7", vmap_enter, NULL },
	{ TP___get_vm_area_node, "7", get_vm_area_enter, NULL },
	{ TP_alloc_vmap_area, NULL, alloc_vmap_area_enter,
	  alloc_vmap_area_exit },
	{ TP_map_vm_area, "7", map_vm_area_enter, NULL },
	{ TP_vmap_pte_range, "7", vmap_pte_enter, NULL },
	{ TP___vunmap, "7", vunmap_enter, NULL },
	{ TP_free_unmap_vmap_area_noflush, NULL, free_lazy_enter, NULL },
	{ TP___purge_vmap_area_lazy, NULL, purge_enter, purge_exit },
	{ TP_vunmap_page_range, "7", vunmap_range_enter, NULL },
	{ TP___ioremap_caller, "", ioremap_enter, NULL },
	{ TP_ioremap_pte_range, "", ioremap_pte_enter, NULL },
	{ TP_iounmap, "", iounmap_enter, NULL },
	{ TP_kmap_high, "9", kmap_high_enter, kmap_high_exit },
	{ TP_map_new_virtual, "9", map_new_virtual_enter,
	  map_new_virtual_exit },
	{ TP_flush_all_zero_pkmaps, "9", flush_zero_pkmaps_enter, NULL },
	{ TP_kunmap_high, "9", kunmap_high_enter, NULL },
	{ TP_kmap_atomic, "9", kmap_atomic_enter, NULL },
	{ TP_kunmap_atomic, "9", kunmap_atomic_enter, NULL },
	{ 0, NULL, NULL, NULL }
};
