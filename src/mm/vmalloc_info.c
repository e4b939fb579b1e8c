/* mm/vmalloc_info.c: looking at the vmalloc area: /proc/vmallocinfo
 * (2.6.32 mm/vmalloc.c s_show), meminfo's VmallocUsed and VmallocChunk
 * (fs/proc/mmu.c get_vmalloc_info), and the invariant checker. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mm/vmalloc_impl.h"
#include "vmdb/machine.h"
#include "vmdb/out.h"
#include "vmdb/pgtable.h"
#include "vmdb/slab.h"
#include "vmdb/util.h"

/* The vm_structs on vmlist: the areas not freed, in address order. */
static struct vm_struct *
live_vm(const struct vmap_area *va)
{
	return (va->flags & VM_LAZY_FREE) ? NULL : va->vm;
}

void
show_vmallocinfo(struct machine *m, struct out *o)
{
	static const struct {
		u32 flag;
		const char *word;
	} words[] = {
		{ VM_IOREMAP, " ioremap" }, { VM_ALLOC, " vmalloc" },
		{ VM_MAP, " vmap" }, { VM_USERMAP, " user" },
		{ VM_VPAGES, " vpages" },
	};
	struct vmalloc_state *s = vmalloc_state(m);
	u32 i, j;

	for (i = 0; i < s->nr; i++) {
		const struct vm_struct *vm = live_vm(s->va[i]);

		if (vm == NULL)
			continue;
		out_printf(o, "0x%08x-0x%08x %7u", vm->addr,
			   vm->addr + vm->size, vm->size);
		if (vm->caller)
			out_printf(o, " %s", vm->caller);
		if (vm->nr_pages)
			out_printf(o, " pages=%u", vm->nr_pages);
		if (vm->phys_addr)
			out_printf(o, " phys=%x", vm->phys_addr);
		for (j = 0; j < ARRAY_SIZE(words); j++)
			if (vm->flags & words[j].flag)
				out_puts(o, words[j].word);
		out_puts(o, "\n");
	}
}

void
get_vmalloc_info(struct machine *m, struct vmalloc_info *vmi)
{
	struct vmalloc_state *s = vmalloc_state(m);
	unsigned long prev_end = m->vmalloc_start;
	u32 i;

	vmi->used = 0;
	vmi->largest_chunk = 0;
	for (i = 0; i < s->nr; i++) {
		const struct vm_struct *vm = live_vm(s->va[i]);

		if (vm == NULL)
			continue;
		vmi->used += vm->size;
		vmi->largest_chunk = MAX(vmi->largest_chunk,
					 vm->addr - prev_end);
		prev_end = vm->addr + vm->size;
	}
	/* with an empty vmlist, the whole area */
	vmi->largest_chunk = MAX(vmi->largest_chunk,
				 m->vmalloc_end - prev_end);
}

/* ---- the checker --------------------------------------------------------- */

#define FAIL(...)						\
	do {							\
		if (nerr < 50)					\
			out_printf(o, "vmalloc: " __VA_ARGS__);	\
		nerr++;						\
	} while (0)

/* The area containing addr, or NULL. */
static const struct vmap_area *
area_of(const struct vmalloc_state *s, u32 addr)
{
	u32 i = vmap_area_lower_bound(s, addr + 1);

	return i < s->nr && s->va[i]->va_start <= addr ? s->va[i] : NULL;
}

/* The PTE the kernel wrote for page i of a live area. */
static u32
expected_pte(struct machine *m, const struct vm_struct *vm, u32 i)
{
	u32 pfn = vm->pfns ? vm->pfns[i] : (vm->phys_addr >> PAGE_SHIFT) + i;

	return pfn_pte(m, pfn, vm->prot);
}

/* A kmalloc'ed object still held: allocated, neither on its slab's free
 * chain nor in an array.  (slab_lookup's reason is not wanted here.) */
static bool
live_object(struct machine *m, u32 addr)
{
	struct slab_obj_info oi;
	char why[sizeof(m->why)];
	bool ok;

	memcpy(why, m->why, sizeof(why));
	ok = addr && slab_lookup(m, addr, &oi) == 0 && oi.is_object &&
	     !oi.free_chain && oi.in_array < 0;
	memcpy(m->why, why, sizeof(why));
	return ok;
}

/* vmalloc's pages[]: a live kmalloc object, or the start of a live
 * vmalloc area (VM_VPAGES), holding a struct page pointer per page. */
static int
check_pages_array(struct machine *m, struct out *o, const struct vm_struct *vm)
{
	struct vmap_area *nested = find_vmap_area(m, vm->pages);
	u32 i, ptr;
	int nerr = 0;

	if (vm->flags & VM_VPAGES) {
		if (nested == NULL || (nested->flags & VM_LAZY_FREE) ||
		    !(nested->vm->flags & VM_ALLOC) ||
		    nested->vm->nr_pages * PAGE_SIZE < vm->nr_pages * 4)
			FAIL("area 0x%08x: pages[] at 0x%08x is not a live vmalloc area of %u bytes\n",
			     vm->addr, vm->pages, vm->nr_pages * 4);
	} else if (!live_object(m, vm->pages)) {
		FAIL("area 0x%08x: pages[] at 0x%08x is not a live kmalloc object\n",
		     vm->addr, vm->pages);
	}
	if (nerr)
		return nerr;
	for (i = 0; i < vm->nr_pfns; i++) {
		if (kernel_read(m, vm->pages + i * 4, &ptr, 4) ||
		    ptr != page_pointer(m, vm->pfns[i])) {
			FAIL("area 0x%08x: pages[%u] is not the struct page of pfn 0x%08x\n",
			     vm->addr, i, vm->pfns[i]);
			break;
		}
	}
	return nerr;
}

/* A live area: its vm_struct agrees with it, every page is mapped as it
 * was, vmalloc's pages are allocated and owned by nobody else. */
static int
check_live_area(struct machine *m, struct out *o, const struct vmap_area *va,
		u8 *owner)
{
	const struct vm_struct *vm = va->vm;
	u32 i, n, mapped, kind = vm->flags & (VM_ALLOC | VM_MAP | VM_IOREMAP);
	int nerr = 0;

	if (vm->addr != va->va_start || vm->size != va->va_end - va->va_start)
		FAIL("area 0x%08x-0x%08x: its vm_struct says 0x%08x + 0x%x\n",
		     va->va_start, va->va_end, vm->addr, vm->size);
	if (!live_object(m, vm->kaddr))
		FAIL("area 0x%08x: its struct vm_struct 0x%08x is not a live kmalloc object\n",
		     va->va_start, vm->kaddr);
	if (kind == VM_ALLOC)
		nerr += check_pages_array(m, o, vm);
	if (kind != VM_ALLOC && kind != VM_MAP && kind != VM_IOREMAP)
		FAIL("area 0x%08x: flags 0x%x name no single kind\n",
		     va->va_start, vm->flags);
	n = (va->va_end - va->va_start) / PAGE_SIZE - 1;
	if (kind != VM_IOREMAP && vm->nr_pfns != n)
		FAIL("area 0x%08x: %u pages but %u pfns\n", va->va_start, n,
		     vm->nr_pfns);
	if (kind == VM_ALLOC && vm->nr_pages != vm->nr_pfns)
		FAIL("area 0x%08x: nr_pages %u, %u pfns\n", va->va_start,
		     vm->nr_pages, vm->nr_pfns);
	mapped = kind == VM_IOREMAP ? n : MIN(n, vm->nr_pfns);
	for (i = 0; i < mapped; i++) {
		u32 addr = va->va_start + i * PAGE_SIZE;
		u32 pte_pa = kernel_pte_pa(m, addr);
		u32 pte = pte_pa ? phys_read32(m, pte_pa) : 0;

		if (pte != expected_pte(m, vm, i))
			FAIL("area 0x%08x: the PTE of 0x%08x is 0x%08x, not 0x%08x\n",
			     va->va_start, addr, pte, expected_pte(m, vm, i));
	}
	for (i = 0; kind == VM_ALLOC && i < vm->nr_pfns; i++) {
		u32 pfn = vm->pfns[i];
		const struct page *p;

		if (!pfn_valid(m, pfn)) {
			FAIL("area 0x%08x: page %u is pfn 0x%x, beyond mem_map\n",
			     va->va_start, i, pfn);
			continue;
		}
		p = &m->mem_map[pfn];
		if (p->_count <= 0 || page_test(p, PG_buddy) ||
		    m->alloc_order[pfn] != 0)
			FAIL("area 0x%08x: page %u, pfn 0x%08x, is not an allocated page\n",
			     va->va_start, i, pfn);
		if (owner[pfn])
			FAIL("pfn 0x%08x belongs to two vmalloc areas\n", pfn);
		owner[pfn] = 1;
	}
	return nerr;
}

/* Every present PTE of the vmalloc range lies in an area (a lazily freed
 * one may still map anything: its pages were freed before the purge),
 * never on a guard page; entries are either none or present. */
static int
check_vmalloc_ptes(struct machine *m, struct out *o,
		   const struct vmalloc_state *s)
{
	u32 addr = m->vmalloc_start, end = m->vmalloc_end;
	int nerr = 0;

	while (addr < end) {
		u32 next = (addr & PMD_MASK) + PMD_SIZE;
		u32 pte_pa = kernel_pte_pa(m, addr);

		if (next == 0 || next > end)
			next = end;
		for (; pte_pa && addr < next; addr += PAGE_SIZE, pte_pa += 4) {
			u32 pte = phys_read32(m, pte_pa);
			const struct vmap_area *va;

			if (pte == 0)
				continue;
			va = area_of(s, addr);
			if (!(pte & _PAGE_PRESENT))
				FAIL("the PTE of 0x%08x is 0x%08x: neither none nor present\n",
				     addr, pte);
			else if (va == NULL)
				FAIL("0x%08x is mapped (PTE 0x%08x) outside any area\n",
				     addr, pte);
			else if (addr == va->va_end - PAGE_SIZE)
				FAIL("the guard page 0x%08x of area 0x%08x is mapped\n",
				     addr, va->va_start);
		}
		addr = next;
	}
	return nerr;
}

int
check_vmalloc(struct machine *m, struct out *o)
{
	struct vmalloc_state *s = vmalloc_state(m);
	u32 i, lazy = 0, prev_end = m->vmalloc_start;
	u8 *owner = NULL;
	int nerr = 0;

	for (i = 0; i < s->nr; i++) {
		const struct vmap_area *va = s->va[i];

		if ((va->va_start | va->va_end) & ~PAGE_MASK ||
		    va->va_end < (u64)va->va_start + 2 * PAGE_SIZE)
			FAIL("area 0x%08x-0x%08x is not a page and more, guard included\n",
			     va->va_start, va->va_end);
		if (va->va_start < prev_end || va->va_end > m->vmalloc_end)
			FAIL("area 0x%08x-0x%08x overlaps its neighbour or leaves VMALLOC_START..END\n",
			     va->va_start, va->va_end);
		prev_end = MAX(prev_end, va->va_end);
		if (!live_object(m, va->kaddr))
			FAIL("area 0x%08x: its struct vmap_area 0x%08x is not a live kmalloc object\n",
			     va->va_start, va->kaddr);
		if (va->flags & VM_LAZY_FREE) {
			lazy += (va->va_end - va->va_start) >> PAGE_SHIFT;
			if (va->vm)
				FAIL("lazily freed area 0x%08x still has a vm_struct\n",
				     va->va_start);
			continue;
		}
		if (!(va->flags & VM_VM_AREA) || va->vm == NULL) {
			FAIL("area 0x%08x is neither live nor lazily freed (flags 0x%x)\n",
			     va->va_start, va->flags);
			continue;
		}
		if (owner == NULL)
			owner = xcalloc(m->max_mapnr, 1);
		nerr += check_live_area(m, o, va, owner);
	}
	free(owner);
	if (lazy != s->lazy_nr)
		FAIL("vmap_lazy_nr is %u but the lazily freed areas hold %u pages\n",
		     s->lazy_nr, lazy);
	if (s->lazy_nr > lazy_max_pages(m))
		FAIL("vmap_lazy_nr %u is above lazy_max_pages %u: the purge did not run\n",
		     s->lazy_nr, lazy_max_pages(m));
	return nerr + check_vmalloc_ptes(m, o, s);
}
