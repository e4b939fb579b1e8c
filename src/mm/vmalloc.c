/* mm/vmalloc.c: the kernel's virtually contiguous allocations (Linux
 * 2.6.32 mm/vmalloc.c): the allocator of kernel address space between
 * VMALLOC_START and VMALLOC_END (alloc_vmap_area), lazy freeing and
 * purging, mapping pages into swapper_pg_dir, vmalloc/vfree and
 * vmap/vunmap.  ioremap is in arch/i386/ioremap.c, /proc/vmallocinfo and
 * the checker in mm/vmalloc_info.c. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mm/vmalloc_impl.h"
#include "vmdb/machine.h"
#include "vmdb/pgtable.h"
#include "vmdb/printk.h"
#include "vmdb/util.h"

/* ---- the areas, in address order ------------------------------------------ */

struct vmalloc_state *
vmalloc_state(struct machine *m)
{
	if (m->vmalloc == NULL)
		m->vmalloc = xcalloc(1, sizeof(*m->vmalloc));
	return m->vmalloc;
}

void
vmalloc_report_begin(struct machine *m)
{
	memset(&vmalloc_state(m)->rep, 0, sizeof(struct vmalloc_report));
}

const struct vmalloc_report *
vmalloc_last(struct machine *m)
{
	return &vmalloc_state(m)->rep;
}

static u32
va_pages(const struct vmap_area *va)
{
	return (va->va_end - va->va_start) >> PAGE_SHIFT;
}

/* Index of the first area whose end (by_end) or start is >= addr. */
static u32
lower_bound(const struct vmalloc_state *s, u32 addr, bool by_end)
{
	u32 lo = 0, hi = s->nr;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		const struct vmap_area *va = s->va[mid];

		if ((by_end ? va->va_end : va->va_start) >= addr)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

u32
vmap_area_lower_bound(const struct vmalloc_state *s, u32 addr)
{
	return lower_bound(s, addr, true);
}

struct vmap_area *
find_vmap_area(struct machine *m, u32 addr)
{
	struct vmalloc_state *s = vmalloc_state(m);
	u32 i = lower_bound(s, addr, false);

	return i < s->nr && s->va[i]->va_start == addr ? s->va[i] : NULL;
}

static void
insert_vmap_area(struct vmalloc_state *s, struct vmap_area *va)
{
	u32 i = lower_bound(s, va->va_start, false);

	if (s->nr == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->va = xrealloc(s->va, s->cap * sizeof(*s->va));
	}
	memmove(&s->va[i + 1], &s->va[i], (s->nr - i) * sizeof(*s->va));
	s->va[i] = va;
	s->nr++;
}

static void
free_vmap_area_object(struct machine *m, struct vmap_area *va)
{
	(void)m;
	free(va);
}

void
free_vm_struct(struct machine *m, struct vm_struct *vm)
{
	(void)m;
	free(vm->pfns);
	free(vm);
}

void
vmalloc_free_machine(struct machine *m)
{
	struct vmalloc_state *s = m->vmalloc;
	u32 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nr; i++) {
		if (s->va[i]->vm) {
			free(s->va[i]->vm->pfns);
			free(s->va[i]->vm);
		}
		free(s->va[i]);
	}
	free(s->va);
	free(s);
	m->vmalloc = NULL;
}

/* ---- page tables ------------------------------------------------------------ */

int
vmap_pages(struct machine *m, u32 addr, u32 nr, const u32 *pfns,
	   u32 first_pfn, u32 prot)
{
	struct vmalloc_report *rep = &vmalloc_state(m)->rep;
	u32 i, pte_pa = 0;
	int err;

	for (i = 0; i < nr; i++, addr += PAGE_SIZE, pte_pa += 4) {
		u32 pfn = pfns ? pfns[i] : first_pfn + i, old;

		if (i == 0 || pte_index(addr) == 0) {
			bool had_table = kernel_pte_pa(m, addr) != 0;

			err = pte_alloc_kernel(m, addr, &pte_pa);
			if (err)
				return err;
			if (!had_table) {
				if (rep->nr_tables < VMALLOC_REPORT_TABLES)
					rep->table_pfn[rep->nr_tables] =
						pte_pa >> PAGE_SHIFT;
				rep->nr_tables++;
			}
		}
		old = phys_read32(m, pte_pa);
		if (old != 0)
			return machine_err(m, -EBUSY,
					   "the PTE of 0x%08x is not empty (0x%08x): the kernel warns and gives up",
					   addr, old);
		phys_write32(m, pte_pa, pfn_pte(m, pfn, prot));
		if (pfns)
			TP_EVENT(m, vmap_pte_range, addr, pfn);
		else
			TP_EVENT(m, ioremap_pte_range, addr, pfn);
	}
	return 0;
}

/* Clears the PTEs of [addr, end); page tables stay (the kernel never
 * frees kernel page tables). */
static void
vunmap_page_range(struct machine *m, u32 addr, u32 end)
{
	TP_EVENT(m, vunmap_page_range, addr, end);
	while (addr != end) {
		u32 next = (addr & PMD_MASK) + PMD_SIZE;
		u32 pte = kernel_pte_pa(m, addr);

		if (next == 0 || next > end)
			next = end;
		for (; pte && addr != next; addr += PAGE_SIZE, pte += 4)
			phys_write32(m, pte, 0);
		addr = next;
	}
}

/*
 * Finding room, and giving it back
 * ================================
 *
 * Every vmalloc, vmap and ioremap needs a run of kernel virtual addresses
 * between VMALLOC_START and VMALLOC_END.  2.6.32 keeps the runs in use
 * (struct vmap_area) in an rbtree sorted by address and in a list in the
 * same order.  alloc_vmap_area is first fit: it starts at
 * ALIGN(VMALLOC_START, align), finds in the tree the first area whose end
 * is at or above that address, and walks the list from there.  While the
 * candidate [addr, addr + size) would run into the next area, the next
 * candidate is ALIGN(that area's end + PAGE_SIZE, align): one page more
 * than needed.  The size asked for already includes a guard page, so two
 * neighbours end up two pages apart, the guard and this gap.  (An area
 * ending exactly at the candidate also counts as in the way.)  vmdb keeps
 * the areas in a sorted array; a binary search stands in for the tree.
 *
 * Freeing an area in 2.6.32 changes nothing in the page tables at first:
 * the area is only marked VM_LAZY_FREE and its pages counted in
 * vmap_lazy_nr.  Its PTEs still map the pages vfree has just handed back
 * to the buddy allocator, its range is still taken, and no TLB is
 * flushed.  Only when vmap_lazy_nr exceeds lazy_max_pages() =
 * fls(num_online_cpus()) * 32 MiB of pages does __purge_vmap_area_lazy
 * run: it clears the PTEs of every lazily freed area, flushes the kernel
 * TLB once over the span from the lowest to the highest of them, and only
 * then releases their ranges.  One global flush pays for many frees.
 * When alloc_vmap_area finds no room it purges once and tries again
 * before it gives up with the kernel's "vmap allocation ... failed"
 * warning.  (2.6.36 began to clear the PTEs at free time; vmdb follows
 * 2.6.32.)
 */

u32
lazy_max_pages(struct machine *m)
{
	u32 cpus = (u32)m->nr_cpus;
	u32 log = cpus ? 32 - (u32)__builtin_clz(cpus) : 0;	/* fls */

	return log * ((32u << 20) >> PAGE_SHIFT);
}

u32
vmap_lazy_nr(struct machine *m)
{
	return vmalloc_state(m)->lazy_nr;
}

static void
__purge_vmap_area_lazy(struct machine *m, bool sync)
{
	struct vmalloc_state *s = vmalloc_state(m);
	struct vmalloc_report *rep = &s->rep;
	u32 start = 0xffffffffu, end = 0, nr = 0, areas = 0, i, j;

	TP_ENTER(m, __purge_vmap_area_lazy, sync, s->lazy_nr);
	for (i = 0; i < s->nr; i++) {
		struct vmap_area *va = s->va[i];

		if (!(va->flags & VM_LAZY_FREE))
			continue;
		start = MIN(start, va->va_start);
		end = MAX(end, va->va_end);
		nr += va_pages(va);
		vunmap_page_range(m, va->va_start, va->va_end);
		va->flags = (va->flags | VM_LAZY_FREEING) & ~VM_LAZY_FREE;
		areas++;
	}
	s->lazy_nr -= nr;
	if (nr) {
		flush_tlb_kernel_range(m, start, end);
		for (i = j = 0; i < s->nr; i++) {
			if (s->va[i]->flags & VM_LAZY_FREEING)
				free_vmap_area_object(m, s->va[i]);
			else
				s->va[j++] = s->va[i];
		}
		s->nr = j;
		rep->flush_start = start;
		rep->flush_end = end;
	}
	rep->purges++;
	rep->purged_areas += areas;
	rep->purged_pages += nr;
	TP_EXIT(m, __purge_vmap_area_lazy, nr);
}

static void
free_unmap_vmap_area_noflush(struct machine *m, struct vmap_area *va)
{
	struct vmalloc_state *s = vmalloc_state(m);

	va->flags |= VM_LAZY_FREE;
	s->lazy_nr += va_pages(va);
	TP_EVENT(m, free_unmap_vmap_area_noflush, va->va_start, va->va_end,
		 s->lazy_nr);
	if (s->lazy_nr > lazy_max_pages(m))
		__purge_vmap_area_lazy(m, false);	/* try_purge_vmap_area_lazy */
}

/*
 * Reserves size bytes (guard included, page aligned) aligned to align in
 * [vstart, vend).  Returns 0 with *out, or -EBUSY after the kernel's
 * warning when there is no room even after a purge.
 */
static int
alloc_vmap_area(struct machine *m, u64 size, u32 align, u32 vstart,
		u32 vend, struct vmap_area **out)
{
	struct vmalloc_state *s = vmalloc_state(m);
	struct vmap_area *va;
	bool purged = false;
	u64 addr;
	u32 i;

	TP_ENTER(m, alloc_vmap_area, (long)size, align, vstart, vend);
retry:
	addr = ALIGN((u64)vstart, (u64)align);
	i = addr > 0xffffffffu ? s->nr : vmap_area_lower_bound(s, (u32)addr);
	while (i < s->nr && addr + size > s->va[i]->va_start &&
	       addr + size <= vend) {
		addr = ALIGN((u64)s->va[i]->va_end + PAGE_SIZE, (u64)align);
		i++;
	}
	if (addr + size > vend) {
		if (!purged) {
			__purge_vmap_area_lazy(m, true);	/* purge_vmap_area_lazy */
			purged = true;
			s->rep.retried = true;
			goto retry;
		}
		printk(m, "vmap allocation for size %llu failed: use vmalloc=<size> to increase size.",
		       (unsigned long long)size);
		TP_EXIT(m, alloc_vmap_area, -EBUSY);
		return machine_err(m, -EBUSY,
				   "no room for %llu bytes (%llu pages with the guard) between VMALLOC_START and VMALLOC_END, even after purging the lazily freed areas",
				   (unsigned long long)size,
				   (unsigned long long)(size >> PAGE_SHIFT));
	}
	va = xcalloc(1, sizeof(*va));
	va->va_start = (u32)addr;
	va->va_end = (u32)(addr + size);
	insert_vmap_area(s, va);
	*out = va;
	TP_EXIT(m, alloc_vmap_area, va->va_start);
	return 0;
}

/* ---- vm_structs ------------------------------------------------------------- */

int
__get_vm_area_node(struct machine *m, u32 size, u32 align, u32 flags,
		   const char *caller, struct vm_struct **out)
{
	struct vm_struct *vm;
	struct vmap_area *va;
	u64 sz = ALIGN((u64)size, (u64)PAGE_SIZE);
	int err;

	TP_ENTER(m, __get_vm_area_node, size, align, flags);
	if (flags & VM_IOREMAP) {
		/* as big as the size's top bit, between a page and 512K */
		u32 bit = size ? 32 - (u32)__builtin_clz(size) : 0;

		align = 1u << MIN(MAX(bit, PAGE_SHIFT), IOREMAP_MAX_ORDER);
	}
	vmalloc_state(m)->rep.align = align;
	if (sz == 0 || sz > 0xffffffffu) {
		err = machine_err(m, -EINVAL, "a size of %u rounds to 0 pages",
				  size);
		goto out;
	}
	vm = xcalloc(1, sizeof(*vm));
	err = alloc_vmap_area(m, sz + PAGE_SIZE, align, m->vmalloc_start,
			      m->vmalloc_end, &va);
	if (err) {
		free_vm_struct(m, vm);
		err = -ENOMEM;
		goto out;
	}
	vm->flags = flags;
	vm->addr = va->va_start;
	vm->size = va->va_end - va->va_start;
	vm->caller = caller;
	va->vm = vm;
	va->flags |= VM_VM_AREA;
	*out = vm;
out:
	TP_EXIT(m, __get_vm_area_node, err ? err : (long)(*out)->addr);
	return err;
}

struct vm_struct *
remove_vm_area(struct machine *m, u32 addr)
{
	struct vmap_area *va = find_vmap_area(m, addr);
	struct vm_struct *vm;

	if (va == NULL || (va->flags & VM_LAZY_FREE) || va->vm == NULL)
		return NULL;
	vm = va->vm;
	va->vm = NULL;
	free_unmap_vmap_area_noflush(m, va);	/* may purge and free va */
	vm->size -= PAGE_SIZE;
	return vm;
}

/*
 * The checks vmdb makes before vfree, vunmap and iounmap: addr must be
 * the start of a live area of the right kind.  Returns 0 or -EINVAL with
 * the reason; nothing changes.
 */
int
vm_area_checked(struct machine *m, u32 addr, u32 kind)
{
	static const struct {
		u32 flag;
		const char *what, *free;
	} kinds[] = {
		{ VM_ALLOC, "a vmalloc area", "vfree" },
		{ VM_MAP, "a vmap area", "vunmap" },
		{ VM_IOREMAP, "an ioremap area", "iounmap" },
	};
	struct vmalloc_state *s = vmalloc_state(m);
	struct vmap_area *va;
	u32 i;

	if (addr & ~PAGE_MASK)
		return machine_err(m, -EINVAL,
				   "0x%08x is not page aligned (the kernel warns: bad address)",
				   addr);
	va = find_vmap_area(m, addr);
	if (va == NULL) {
		i = vmap_area_lower_bound(s, addr + 1);
		if (i < s->nr && s->va[i]->va_start < addr)
			return machine_err(m, -EINVAL,
					   "0x%08x is inside the area 0x%08x-0x%08x, not its start",
					   addr, s->va[i]->va_start,
					   s->va[i]->va_end);
		return machine_err(m, -EINVAL,
				   "no area starts at 0x%08x (the kernel warns: nonexistent vm area)",
				   addr);
	}
	if (va->flags & VM_LAZY_FREE)
		return machine_err(m, -EINVAL,
				   "0x%08x-0x%08x was already freed: lazily, its range is kept until the next purge",
				   va->va_start, va->va_end);
	if (va->vm->flags & kind) {
		s->rep.va_start = va->va_start;
		s->rep.va_end = va->va_end;
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (va->vm->flags & kinds[i].flag)
			return machine_err(m, -EINVAL,
					   "0x%08x is %s: free it with %s",
					   addr, kinds[i].what, kinds[i].free);
	return machine_err(m, -EINVAL, "0x%08x has flags 0x%x", addr,
			   va->vm->flags);
}

/* ---- vmalloc, vfree ------------------------------------------------------- */

static int __vmalloc_node(struct machine *m, u32 size, u32 align,
			  gfp_t gfp, u32 prot, const char *caller, u32 *out);

static void
__vunmap(struct machine *m, u32 addr, bool deallocate_pages)
{
	struct vm_struct *vm;
	u32 i;

	TP_ENTER(m, __vunmap, addr, deallocate_pages);
	vm = remove_vm_area(m, addr);
	if (vm && deallocate_pages) {
		for (i = 0; i < vm->nr_pages; i++)
			__free_pages(m, vm->pfns[i], 0);
		vmalloc_state(m)->rep.freed_pages += vm->nr_pages;
		if (vm->flags & VM_VPAGES)
			__vunmap(m, vm->pages, true);
	}
	if (vm)
		free_vm_struct(m, vm);
	TP_EXIT(m, __vunmap, 0);
}

int
vfree(struct machine *m, u32 addr)
{
	int err;

	vmalloc_report_begin(m);
	if (addr == 0)
		return 0;
	err = vm_area_checked(m, addr, VM_ALLOC);
	if (err)
		return err;
	__vunmap(m, addr, true);
	return 0;
}

static int
map_vm_area(struct machine *m, struct vm_struct *vm, u32 prot)
{
	int err;

	TP_ENTER(m, map_vm_area, vm->addr, vm->size - PAGE_SIZE, prot);
	vm->prot = prot;
	err = vmap_pages(m, vm->addr, vm->nr_pfns, vm->pfns, 0, prot);
	TP_EXIT(m, map_vm_area, err);
	return err;
}

/* The struct page * the kernel stores in pages[]: mem_map's address. */
static u32
page_pointer(struct machine *m, u32 pfn)
{
	return __va(m, m->mem_map_phys) + pfn * (u32)sizeof(struct page);
}

static int
__vmalloc_area_node(struct machine *m, struct vm_struct *vm, gfp_t gfp,
		    u32 prot, const char *caller)
{
	u32 nr = (vm->size - PAGE_SIZE) >> PAGE_SHIFT, i;
	u32 array_size = nr * 4;
	int err = 0;

	vm->nr_pages = vm->nr_pfns = nr;
	vm->pfns = xcalloc(nr, sizeof(*vm->pfns));
	if (array_size > PAGE_SIZE) {
		/* the recursion ends: this array is 1024 times smaller */
		err = __vmalloc_node(m, array_size, 1, gfp | __GFP_ZERO,
				     __PAGE_KERNEL, caller, &vm->pages);
		vm->flags |= VM_VPAGES;
		vmalloc_state(m)->rep.vpages = vm->pages;
	}
	if (err) {
		free_vm_struct(m, remove_vm_area(m, vm->addr));
		return err;
	}
	for (i = 0; i < nr; i++) {
		long pfn = alloc_pages(m, gfp, 0);
		u32 ptr;

		if (pfn < 0) {
			vm->nr_pages = vm->nr_pfns = i;
			__vunmap(m, vm->addr, true);
			return machine_err(m, -ENOMEM,
					   "no page left for page %u of %u; vfree gave the %u taken back, as the kernel does",
					   i + 1, nr, i);
		}
		vm->pfns[i] = (u32)pfn;
		ptr = page_pointer(m, (u32)pfn);
		if (vm->pages)
			kernel_write(m, vm->pages + i * 4, &ptr, 4);
	}
	err = map_vm_area(m, vm, prot);
	if (err)
		__vunmap(m, vm->addr, true);
	return err;
}

static int
__vmalloc_node(struct machine *m, u32 size, u32 align, gfp_t gfp, u32 prot,
	       const char *caller, u32 *out)
{
	u64 sz = ALIGN((u64)size, (u64)PAGE_SIZE);
	struct vm_struct *vm;
	u32 addr = 0;
	int err;

	TP_ENTER(m, __vmalloc_node, size, (long)gfp);
	if (sz == 0) {
		err = machine_err(m, -EINVAL, "vmalloc(0) returns NULL");
		goto out;
	}
	if ((sz >> PAGE_SHIFT) > m->totalram_pages) {
		err = machine_err(m, -ENOMEM,
				  "%llu pages are more than totalram_pages (%lu)",
				  (unsigned long long)(sz >> PAGE_SHIFT),
				  m->totalram_pages);
		goto out;
	}
	err = __get_vm_area_node(m, (u32)sz, align, VM_ALLOC, caller, &vm);
	if (err)
		goto out;
	addr = vm->addr;
	err = __vmalloc_area_node(m, vm, gfp, prot, caller);
	if (!err)
		*out = addr;
out:
	TP_EXIT(m, __vmalloc_node, err ? err : (long)addr);
	return err;
}

static void
report_area(struct machine *m, u32 addr)
{
	struct vmalloc_report *rep = &vmalloc_state(m)->rep;
	struct vmap_area *va = find_vmap_area(m, addr & PAGE_MASK);
	u32 i;

	rep->addr = addr;
	rep->va_start = va->va_start;
	rep->va_end = va->va_end;
	for (i = 0; i < va->vm->nr_pages; i++)
		rep->zone_pages[page_zonenum(&m->mem_map[va->vm->pfns[i]])]++;
}

int
vmalloc(struct machine *m, u32 size, const char *caller, u32 *addr)
{
	int err;

	vmalloc_report_begin(m);
	err = __vmalloc_node(m, size, 1, GFP_VMALLOC, __PAGE_KERNEL, caller,
			     addr);
	if (!err)
		report_area(m, *addr);
	return err;
}

/* ---- vmap, vunmap --------------------------------------------------------- */

int
vmap(struct machine *m, const u32 *pfns, u32 count, const char *caller,
     u32 *addr)
{
	struct vm_struct *vm;
	u32 i, start = 0;
	int err;

	vmalloc_report_begin(m);
	if (count == 0 || count > m->totalram_pages)
		return machine_err(m, -EINVAL,
				   "%u pages: vmap maps 1 to totalram_pages (%lu)",
				   count, m->totalram_pages);
	for (i = 0; i < count; i++) {
		if (!pfn_valid(m, pfns[i]))
			return machine_err(m, -EINVAL,
					   "pfn 0x%x has no struct page (mem_map ends at 0x%x)",
					   pfns[i], m->max_mapnr);
		if (m->mem_map[pfns[i]]._count <= 0)
			return machine_err(m, -EINVAL,
					   "pfn 0x%x is free: vmap maps pages its caller holds",
					   pfns[i]);
	}
	TP_ENTER(m, vmap, count);
	err = __get_vm_area_node(m, count << PAGE_SHIFT, 1, VM_MAP, caller,
				 &vm);
	if (!err) {
		start = vm->addr;
		vm->nr_pfns = count;
		vm->pfns = xmalloc(count * sizeof(*vm->pfns));
		memcpy(vm->pfns, pfns, count * sizeof(*vm->pfns));
		err = map_vm_area(m, vm, __PAGE_KERNEL);
		if (err)
			__vunmap(m, start, false);
	}
	TP_EXIT(m, vmap, err ? err : (long)start);
	if (err)
		return err;
	report_area(m, start);
	*addr = start;
	return 0;
}

int
vunmap(struct machine *m, u32 addr)
{
	int err;

	vmalloc_report_begin(m);
	err = vm_area_checked(m, addr, VM_MAP);
	if (err)
		return err;
	__vunmap(m, addr, false);
	return 0;
}

void
vm_unmap_aliases(struct machine *m)
{
	vmalloc_report_begin(m);
	__purge_vmap_area_lazy(m, true);
}

/* ---- looking at areas ------------------------------------------------------- */

static void
area_view(const struct vmap_area *va, struct vm_area_view *v)
{
	const struct vm_struct *vm = va->vm;

	memset(v, 0, sizeof(*v));
	v->va_start = va->va_start;
	v->va_end = va->va_end;
	v->lazy = va->flags & VM_LAZY_FREE;
	v->va_kaddr = va->kaddr;
	if (vm == NULL)
		return;
	v->vm_kaddr = vm->kaddr;
	v->flags = vm->flags;
	v->nr_pages = vm->nr_pages;
	v->nr_pfns = vm->nr_pfns;
	v->pfns = vm->pfns;
	v->pages_kaddr = vm->pages;
	v->phys_addr = vm->phys_addr;
	v->prot = vm->prot;
	v->caller = vm->caller;
}

int
vmalloc_area_at(struct machine *m, u32 idx, struct vm_area_view *v)
{
	struct vmalloc_state *s = vmalloc_state(m);

	if (idx >= s->nr)
		return -ENOENT;
	area_view(s->va[idx], v);
	return 0;
}

int
vmalloc_find_area(struct machine *m, u32 addr, struct vm_area_view *v)
{
	struct vmap_area *va = find_vmap_area(m, addr);

	if (va == NULL)
		return -ENOENT;
	area_view(va, v);
	return 0;
}
