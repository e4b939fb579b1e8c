/* mm/vmap_area.c: the kernel address space allocator of Linux 2.6.32
 * mm/vmalloc.c ("Global kva allocator"): the areas between VMALLOC_START
 * and VMALLOC_END in address order, first-fit placement
 * (alloc_vmap_area), lazy freeing and purging, and writing and clearing
 * the PTEs of an area in swapper_pg_dir.  The vm_structs and vmalloc,
 * vmap on top of it are in mm/vmalloc.c. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mm/vmalloc_impl.h"
#include "vmdb/clone.h"
#include "vmdb/machine.h"
#include "vmdb/pgtable.h"
#include "vmdb/printk.h"
#include "vmdb/slab.h"
#include "vmdb/util.h"

/* ---- the areas, in address order ----------------------------------------- */

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

/* __free_vmap_area: the kernel waits for an RCU grace period before the
 * kfree; nothing in vmdb can still be looking at it. */
static void
free_vmap_area_object(struct machine *m, struct vmap_area *va)
{
	kfree(m, va->kaddr);
	free(va);
}

void
vmalloc_free_machine(struct machine *m)
{
	struct vmalloc_state *s = m->vmalloc;
	u32 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nr; i++) {
		if (s->va[i]->vm) {	/* host memory only: RAM is going */
			free(s->va[i]->vm->pfns);
			free(s->va[i]->vm);
		}
		free(s->va[i]);
	}
	free(s->va);
	free(s);
	m->vmalloc = NULL;
}

/* The areas in address order, each with its vm_struct and page list. */
void
vmalloc_clone_machine(struct machine *new, const struct machine *old)
{
	const struct vmalloc_state *os = old->vmalloc;
	struct vmalloc_state *s;
	struct vm_struct *vm;
	u32 i;

	new->vmalloc = NULL;
	if (os == NULL)
		return;
	s = xmemdup(os, sizeof(*s));
	s->va = xcalloc(os->cap + 1, sizeof(*s->va));
	for (i = 0; i < os->nr; i++) {
		s->va[i] = xmemdup(os->va[i], sizeof(*s->va[i]));
		vm = xmemdup(os->va[i]->vm, sizeof(*vm));
		if (vm)
			vm->pfns = xmemdup(vm->pfns,
					   vm->nr_pfns * sizeof(*vm->pfns));
		s->va[i]->vm = vm;
	}
	new->vmalloc = s;
}

/* ---- page tables --------------------------------------------------------- */

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
 * than needed.  The size asked for already includes a guard page, so an
 * area placed after one that was in the way starts two pages after the
 * other's last page: its guard and this gap.  (An area ending exactly at
 * the candidate also counts as in the way, yet a new area may end exactly
 * where the next one starts.)  vmdb keeps the areas in a sorted array; a
 * binary search stands in for the tree.
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

void
free_unmap_vmap_area_noflush(struct machine *m, struct vmap_area *va)
{
	struct vmalloc_state *s = vmalloc_state(m);

	va->flags |= VM_LAZY_FREE;
	s->lazy_nr += va_pages(va);
	TP_EVENT(m, free_unmap_vmap_area_noflush, va->va_start, va->va_end,
		 s->lazy_nr);
	if (s->lazy_nr > lazy_max_pages(m))
		__purge_vmap_area_lazy(m, false); /* try_purge_... */
}

int
alloc_vmap_area(struct machine *m, u64 size, u32 align, u32 vstart,
		u32 vend, gfp_t gfp, struct vmap_area **out)
{
	struct vmalloc_state *s = vmalloc_state(m);
	struct vmap_area *va;
	bool purged = false;
	u32 i, kaddr;
	u64 addr;

	TP_ENTER(m, alloc_vmap_area, (long)size, align, vstart, vend);
	kaddr = kmalloc(m, SIZEOF_VMAP_AREA, gfp & GFP_RECLAIM_MASK);
	if (kaddr == 0) {
		TP_EXIT(m, alloc_vmap_area, -ENOMEM);
		return -ENOMEM;		/* kmalloc said why */
	}
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
			__purge_vmap_area_lazy(m, true); /* purge_... */
			purged = true;
			s->rep.retried = true;
			goto retry;
		}
		printk(m, "vmap allocation for size %llu failed: use vmalloc=<size> to increase size.",
		       (unsigned long long)size);
		kfree(m, kaddr);
		TP_EXIT(m, alloc_vmap_area, -EBUSY);
		return machine_err(m, -EBUSY,
				   "no room for %llu bytes (%llu pages with the guard) between VMALLOC_START and VMALLOC_END, even after purging the lazily freed areas",
				   (unsigned long long)size,
				   (unsigned long long)(size >> PAGE_SHIFT));
	}
	va = xcalloc(1, sizeof(*va));
	va->kaddr = kaddr;
	va->va_start = (u32)addr;
	va->va_end = (u32)(addr + size);
	insert_vmap_area(s, va);
	*out = va;
	TP_EXIT(m, alloc_vmap_area, va->va_start);
	return 0;
}

void
vm_unmap_aliases(struct machine *m)
{
	vmalloc_report_begin(m);
	__purge_vmap_area_lazy(m, true);
}
