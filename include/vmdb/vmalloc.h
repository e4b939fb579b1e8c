/* vmdb/vmalloc.h: virtually contiguous kernel memory (Linux 2.6.32
 * mm/vmalloc.c, lib/ioremap.c, arch/x86/mm/ioremap.c): areas of kernel
 * address space between VMALLOC_START and VMALLOC_END, each followed by an
 * unmapped guard page, mapped page by page into swapper_pg_dir; vmalloc,
 * vmap and ioremap, their frees, the lazy purge and /proc/vmallocinfo.
 *
 *  VMALLOC_START                                               VMALLOC_END
 *  | area A      |g|   | area B |g|   | lazily freed C |g|   |   free     |
 *  +-------------+-+---+--------+-+---+----------------+-+---+------------+
 *   PTEs -> pages  |  gap          gap  stale PTEs until      (first fit
 *            guard page                 the purge             from the left)
 *
 * An area's size counts its guard page (vm_struct->size, vmallocinfo).
 * After each area the next candidate address is one more page further
 * (2.6.32's alloc_vmap_area): two areas are two pages apart, guard + gap.
 *
 * Host-side state (the areas, sorted by address) hangs off
 * machine->vmalloc; the kernel's own objects for each area (struct
 * vm_struct, struct vmap_area and the pages[] array) are allocated in
 * simulated memory, where the kernel keeps them.
 */
#ifndef VMDB_VMALLOC_H
#define VMDB_VMALLOC_H

#include "vmdb/mm.h"
#include "vmdb/types.h"

struct machine;
struct out;

/* vm_struct->flags (include/linux/vmalloc.h, 2.6.32). */
#define VM_IOREMAP	0x00000001u	/* ioremap() */
#define VM_ALLOC	0x00000002u	/* vmalloc() */
#define VM_MAP		0x00000004u	/* vmap()ed pages */
#define VM_USERMAP	0x00000008u	/* for remap_vmalloc_range */
#define VM_VPAGES	0x00000010u	/* pages[] was itself vmalloc'ed */

/* The largest alignment ioremap asks for: 128 pages. */
#define IOREMAP_MAX_ORDER	(7 + PAGE_SHIFT)

/* GFP and protection of vmalloc(): pages from HighMem first, PAGE_KERNEL. */
#define GFP_VMALLOC		(GFP_KERNEL | __GFP_HIGHMEM)
/* ioremap()'s PTEs: PAGE_KERNEL_IO_UC_MINUS (PCD; _PAGE_IOMAP is masked
 * off by __supported_pte_mask on a native kernel). */
#define __PAGE_KERNEL_IO_UC_MINUS	0x573u

/* ---- the engine's entry points ---------------------------------------------
 *
 * Each returns 0 or a negative errno with the reason in m->why.  caller is
 * what /proc/vmallocinfo names as the area's caller (the kernel's
 * __builtin_return_address, printed as a symbol): a string that must
 * outlive the area, or NULL for none.
 */

/*
 * vmalloc(size): a new area of PAGE_ALIGN(size) + a guard page, its pages
 * allocated one at a time with GFP_KERNEL|__GFP_HIGHMEM and mapped with
 * PAGE_KERNEL.  *addr gets the area's address.  -EINVAL for a size of 0
 * (the kernel returns NULL); -ENOMEM when the size is above totalram_pages,
 * no range of the vmalloc area is free even after a purge (the kernel's
 * "vmap allocation ... failed" is logged), or a page, a page table or a
 * bookkeeping object cannot be had.  A failure after the area was reserved
 * frees what was taken, as the kernel's vfree does: the pages go back and
 * the address range is left lazily freed.
 */
int vmalloc(struct machine *m, u32 size, const char *caller, u32 *addr);
/*
 * vfree(addr): unlinks the area, frees its pages and pages[] array, and
 * frees the address range lazily: its PTEs and the range stay until the
 * next purge.  addr 0 does nothing.  vmdb checks the call: -EINVAL, machine
 * unchanged, for an address that is not page aligned, not the start of an
 * area, of an area already freed, or of a vmap or ioremap area.
 */
int vfree(struct machine *m, u32 addr);

/*
 * vmap(pfns, count, VM_MAP, PAGE_KERNEL): maps count existing pages at
 * consecutive addresses.  vmdb refuses (-EINVAL) a pfn without a struct
 * page or a free one; count is 1 to totalram_pages.
 */
int vmap(struct machine *m, const u32 *pfns, u32 count, const char *caller,
	 u32 *addr);
/* vunmap(addr): as vfree, but the pages stay with their owner; refuses
 * what is not a vmap area. */
int vunmap(struct machine *m, u32 addr);

/*
 * ioremap(phys, size) (ioremap_nocache, UC-): maps a physical range that
 * is not RAM in use with uncached PTEs; *addr keeps phys's offset in its
 * page.  The ISA range 0xa0000-0xfffff is always mapped: its lowmem alias
 * is returned and no area is made.  -EINVAL for a zero size or a range
 * that wraps, and for RAM the kernel uses (a pfn that is E820 RAM and not
 * PG_reserved; like 2.6.32, the range's last page is not looked at).
 */
int ioremap(struct machine *m, u32 phys, u32 size, const char *caller,
	    u32 *addr);
/* iounmap(addr): any address inside the first page of an ioremap area
 * frees it (lazily); an ISA-range alias is a no-op.  -EINVAL otherwise. */
int iounmap(struct machine *m, u32 addr);

/* vm_unmap_aliases(): purges every lazily freed area now. */
void vm_unmap_aliases(struct machine *m);

/* ---- what the last call did (for the commands) --------------------------- */

#define VMALLOC_REPORT_TABLES	8

struct vmalloc_report {
	u32 addr;			/* the address returned */
	u32 va_start, va_end;		/* the area, guard page included */
	u32 align;
	u32 zone_pages[MAX_NR_ZONES];	/* vmalloc's pages, by zone */
	u32 nr_tables;			/* made by pte_alloc_kernel */
	u32 table_pfn[VMALLOC_REPORT_TABLES];
	u32 vpages;			/* VM_VPAGES: the nested area */
	bool retried;			/* no room: purged, tried again */
	bool isa;			/* ioremap of the ISA range: no area */
	u32 reserved_ram;		/* ioremap: reserved RAM pages */
	u32 unchecked_ram;		/* ioremap: 1 + the pfn of a last page
					 * that is RAM in use (not checked) */
	u32 freed_pages;		/* vfree: pages given back */
	/* purges run during the call, and what they did in total */
	u32 purges, purged_areas, purged_pages;
	u32 flush_start, flush_end;	/* the TLB range of the last one */
};

const struct vmalloc_report *vmalloc_last(struct machine *m);

/* ---- looking at areas ---------------------------------------------------- */

struct vm_area_view {
	u32 va_start, va_end;		/* the vmap_area, guard included */
	bool lazy;			/* freed, waiting for the purge */
	u32 va_kaddr;			/* its struct vmap_area */
	/* of a live area's vm_struct: */
	u32 vm_kaddr;
	u32 flags;			/* VM_* */
	u32 nr_pages;			/* pages= (vmalloc only) */
	u32 nr_pfns;			/* pages mapped from pfns[] */
	const u32 *pfns;		/* vmalloc's or vmap's pages */
	u32 pages_kaddr;		/* the pages[] array, or 0 */
	u32 phys_addr;			/* ioremap */
	u32 prot;			/* the PTEs' protection bits */
	const char *caller;
};

/* Fills v for the idx-th area in address order (lazy ones included);
 * -ENOENT past the last. */
int vmalloc_area_at(struct machine *m, u32 idx, struct vm_area_view *v);
/* The area that starts at addr; -ENOENT if none. */
int vmalloc_find_area(struct machine *m, u32 addr, struct vm_area_view *v);

/* Pages of lazily freed areas (vmap_lazy_nr), and the purge threshold
 * fls(num_online_cpus) * 32 MiB of pages (lazy_max_pages). */
u32 vmap_lazy_nr(struct machine *m);
u32 lazy_max_pages(struct machine *m);

/* ---- /proc --------------------------------------------------------------- */

/* /proc/vmallocinfo: the live areas (vmlist), in address order. */
void show_vmallocinfo(struct machine *m, struct out *o);

/* fs/proc/mmu.c get_vmalloc_info: VmallocUsed and VmallocChunk, bytes. */
struct vmalloc_info {
	unsigned long used;
	unsigned long largest_chunk;
};
void get_vmalloc_info(struct machine *m, struct vmalloc_info *vmi);

/* The invariant checker (`check`). */
int check_vmalloc(struct machine *m, struct out *o);

void vmalloc_free_machine(struct machine *m);

#endif
