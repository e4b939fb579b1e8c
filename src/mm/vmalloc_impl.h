/* mm/vmalloc_impl.h: what mm/vmap_area.c, mm/vmalloc.c, their /proc and
 * check half (mm/vmalloc_info.c) and arch/i386/ioremap.c share: the host-side
 * mirrors of the kernel's struct vmap_area and struct vm_struct, and the
 * kernel-internal steps ioremap is built from. */
#ifndef VMDB_VMALLOC_IMPL_H
#define VMDB_VMALLOC_IMPL_H

#include "vmdb/machine.h"
#include "vmdb/vmalloc.h"

/* vmap_area->flags (mm/vmalloc.c). */
#define VM_LAZY_FREE	0x01u	/* freed; range, PTEs kept until purged */
#define VM_LAZY_FREEING	0x02u	/* being purged */
#define VM_VM_AREA	0x04u	/* has a vm_struct (va->private) */

/*
 * The kernel's objects, as i386 lays them out, for their sizes:
 *   struct vm_struct  next, addr, size, flags, pages, nr_pages, phys_addr,
 *                     caller: 32 bytes
 *   struct vmap_area  va_start, va_end, flags, rb_node (3 words), list,
 *                     purge_list (2 each), private, rcu_head (2): 52 bytes
 */
#define SIZEOF_VM_STRUCT	32u
#define SIZEOF_VMAP_AREA	52u

/* One area's vm_struct (vmalloc, vmap, ioremap). */
struct vm_struct {
	u32 addr;
	u32 size;		/* guard page included */
	u32 flags;		/* VM_* */
	u32 nr_pages;		/* vmalloc's pages (0: vmap, ioremap) */
	u32 nr_pfns;		/* entries of pfns[] */
	u32 *pfns;		/* the pages mapped (vmalloc, vmap) */
	u32 pages;		/* kernel address of pages[], or 0 */
	u32 phys_addr;		/* ioremap */
	u32 prot;		/* the PTEs' protection (before massaging) */
	const char *caller;
	u32 kaddr;		/* the struct vm_struct in simulated memory */
};

/* One range of kernel address space, live or lazily freed. */
struct vmap_area {
	u32 va_start;
	u32 va_end;
	u32 flags;		/* VM_LAZY_FREE, _FREEING, VM_VM_AREA */
	u32 kaddr;		/* the struct vmap_area in simulated memory */
	struct vm_struct *vm;	/* va->private while live */
};

/*
 * The areas in address order: the kernel's vmap_area_list (its rbtree
 * gives the same order; a sorted array gives the same answers).
 */
struct vmalloc_state {
	struct vmap_area **va;
	u32 nr, cap;
	u32 lazy_nr;		/* vmap_lazy_nr: pages of lazy areas */
	struct vmalloc_report rep;
};

struct vmalloc_state *vmalloc_state(struct machine *m);
/* Clears the report at the start of a top-level call. */
void vmalloc_report_begin(struct machine *m);
/* Index of the first area whose va_end >= addr (nr if none). */
u32 vmap_area_lower_bound(const struct vmalloc_state *s, u32 addr);
/* The area that starts at addr, or NULL. */
struct vmap_area *find_vmap_area(struct machine *m, u32 addr);

/* alloc_vmap_area: reserves size bytes (guard included, page aligned),
 * aligned to align, in [vstart, vend), with a struct vmap_area from
 * kmalloc (gfp & GFP_RECLAIM_MASK): 0 with *out, -ENOMEM without the
 * object, or -EBUSY after the kernel's warning when there is no room even
 * after a purge. */
int alloc_vmap_area(struct machine *m, u64 size, u32 align, u32 vstart,
		    u32 vend, gfp_t gfp, struct vmap_area **out);
/* Frees an area lazily; purges when the lazy pages pass the threshold
 * (va may be gone when it returns). */
void free_unmap_vmap_area_noflush(struct machine *m, struct vmap_area *va);

/* __get_vm_area_node: reserves size (page aligned, without the guard)
 * and links a vm_struct with these flags; gfp is the caller's, for the
 * kmalloc'ed objects. */
int __get_vm_area_node(struct machine *m, u32 size, u32 align, u32 flags,
		       gfp_t gfp, const char *caller, struct vm_struct **out);
/* remove_vm_area: unlinks the area and frees its range lazily. */
struct vm_struct *remove_vm_area(struct machine *m, u32 addr);
/* vmdb's check before vfree, vunmap and iounmap: addr starts a live area
 * whose flags have kind.  0 (and the report's range set) or -EINVAL. */
int vm_area_checked(struct machine *m, u32 addr, u32 kind);
/* Frees a vm_struct that remove_vm_area returned (kfree(area)); NULL is
 * a no-op. */
void free_vm_struct(struct machine *m, struct vm_struct *vm);
/* Writes nr PTEs from addr with prot: pfns[i] each, or first_pfn + i when
 * pfns is NULL (ioremap_page_range).  Page tables come from
 * pte_alloc_kernel.  Returns 0, -ENOMEM or -EBUSY (a PTE was not none). */
int vmap_pages(struct machine *m, u32 addr, u32 nr, const u32 *pfns,
	       u32 first_pfn, u32 prot);

/* The struct page * the kernel stores in pages[]: mem_map's address. */
static inline u32
page_pointer(struct machine *m, u32 pfn)
{
	return __va(m, m->mem_map_phys) + pfn * (u32)sizeof(struct page);
}

#endif
