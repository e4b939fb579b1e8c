/* mm/vmalloc.c: vmalloc, vfree, vmap and vunmap (Linux 2.6.32
 * mm/vmalloc.c): each area's struct vm_struct, the pages vmalloc takes one
 * at a time and their pages[] array, mapping them with map_vm_area, and
 * freeing it all again.  The address space allocator under them is in
 * mm/vmap_area.c, ioremap in arch/i386/ioremap.c, /proc/vmallocinfo and the
 * checker in mm/vmalloc_info.c. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mm/vmalloc_impl.h"
#include "vmdb/machine.h"
#include "vmdb/pgtable.h"
#include "vmdb/slab.h"
#include "vmdb/util.h"

/* ---- vm_structs ---------------------------------------------------------- */

void
free_vm_struct(struct machine *m, struct vm_struct *vm)
{
	if (vm == NULL)
		return;
	kfree(m, vm->kaddr);
	free(vm->pfns);
	free(vm);
}

int
__get_vm_area_node(struct machine *m, u32 size, u32 align, u32 flags,
		   gfp_t gfp, const char *caller, struct vm_struct **out)
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
	/* kzalloc */
	vm->kaddr = kmalloc(m, SIZEOF_VM_STRUCT,
			    (gfp & GFP_RECLAIM_MASK) | __GFP_ZERO);
	if (vm->kaddr == 0) {
		free_vm_struct(m, vm);
		err = -ENOMEM;		/* kmalloc said why */
		goto out;
	}
	err = alloc_vmap_area(m, sz + PAGE_SIZE, align, m->vmalloc_start,
			      m->vmalloc_end, gfp, &va);
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

/* ---- vmalloc, vfree ------------------------------------------------------ */

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
		else
			kfree(m, vm->pages);
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
	} else {
		vm->pages = kmalloc(m, array_size,
				    (gfp & GFP_RECLAIM_MASK) | __GFP_ZERO);
		if (vm->pages == 0)
			err = -ENOMEM;	/* kmalloc said why */
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
	err = __get_vm_area_node(m, (u32)sz, align, VM_ALLOC, gfp, caller,
				 &vm);
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

/* ---- vmap, vunmap -------------------------------------------------------- */

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
	err = __get_vm_area_node(m, count << PAGE_SHIFT, 1, VM_MAP, GFP_KERNEL,
				 caller, &vm);
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
/* ---- looking at areas ---------------------------------------------------- */

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
