/* src/mm/mmap.c: the VMAs of an address space (mm/mmap.c, 2.6.32):
 * the sorted list and the red-black tree, find_vma, vma_merge, split_vma,
 * get_unmapped_area in both layouts, do_mmap_pgoff/mmap_region,
 * do_munmap, brk, expand_stack and the vm counters. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/fs.h"
#include "vmdb/machine.h"
#include "vmdb/mmap.h"
#include "vmdb/pgtable.h"
#include "vmdb/slab.h"
#include "vmdb/util.h"

#include "mm_impl.h"

/* protection_map (mm/mmap.c with arch/x86 PAGE_*): private mappings are
 * never writable in the PTE: that is what makes COW work. */
static const u32 protection_map[16] = {
	PAGE_NONE, PAGE_READONLY, PAGE_COPY, PAGE_COPY,
	PAGE_READONLY, PAGE_READONLY, PAGE_COPY, PAGE_COPY,
	PAGE_NONE, PAGE_READONLY, PAGE_SHARED, PAGE_SHARED,
	PAGE_READONLY, PAGE_READONLY, PAGE_SHARED, PAGE_SHARED,
};

const char *const vm_flag_names[24] = {
	"read", "write", "exec", "shared", "mayread", "maywrite", "mayexec",
	"mayshare", "growsdown", "growsup", "pfnmap", "denywrite",
	"executable", "locked", "io", "seq_read", "rand_read", "dontcopy",
	"dontexpand", "reserved", "account", "noreserve", "hugetlb",
	"nonlinear",
};

u32
vm_get_page_prot(u32 vm_flags)
{
	return protection_map[vm_flags & (VM_READ | VM_WRITE | VM_EXEC |
					  VM_SHARED)];
}

/* ---- objects ---------------------------------------------------------- */

struct vm_area_struct *
vma_alloc(struct machine *m, struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	u32 kaddr;

	kaddr = kmem_cache_alloc(m, m->sched->vm_area_cachep, GFP_KERNEL);
	if (!kaddr)
		return NULL;
	vma = xcalloc(1, sizeof(*vma));
	vma->kaddr = kaddr;
	vma->vm_mm = mm;
	return vma;
}

void
vma_free(struct machine *m, struct vm_area_struct *vma)
{
	if (vma->vm_file)
		file_put(m, vma->vm_file);
	kmem_cache_free(m, m->sched->vm_area_cachep, vma->kaddr);
	free(vma);
}

/* ---- lookup ----------------------------------------------------------- */

static struct vm_area_struct *
rb_vma(struct rb_node *n)
{
	return n ? rb_entry(n, struct vm_area_struct, vm_rb) : NULL;
}

/* Every fault looks its VMA up: split trace point (vmdb/trace.h). */
static inline __attribute__((always_inline)) struct vm_area_struct *
find_vma_(struct machine *m, struct mm_struct *mm, u32 addr, bool traced)
{
	struct vm_area_struct *vma = mm->mmap_cache;
	struct rb_node *n;

	if (!(vma && vma->vm_end > addr && vma->vm_start <= addr)) {
		vma = NULL;
		n = mm->mm_rb.node;
		while (n) {
			struct vm_area_struct *t = rb_vma(n);

			if (t->vm_end > addr) {
				vma = t;
				if (t->vm_start <= addr)
					break;
				n = n->left;
			} else {
				n = n->right;
			}
		}
		if (vma)
			mm->mmap_cache = vma;
	}
	TP_EVENT_IF(traced, m, find_vma, addr, vma ? vma->vm_start : 0,
		    vma ? vma->vm_end : 0);
	return vma;
}

static struct vm_area_struct *__attribute__((noinline, cold))
find_vma_traced(struct machine *m, struct mm_struct *mm, u32 addr)
{
	return find_vma_(m, mm, addr, true);
}

struct vm_area_struct *
find_vma(struct machine *m, struct mm_struct *mm, u32 addr)
{
	if (TP_ARMED(m))
		return find_vma_traced(m, mm, addr);
	return find_vma_(m, mm, addr, false);
}

struct vm_area_struct *
find_vma_prev(struct machine *m, struct mm_struct *mm, u32 addr,
	      struct vm_area_struct **pprev)
{
	struct vm_area_struct *vma = find_vma(m, mm, addr), *prev = NULL, *v;

	for (v = mm->mmap; v && v != vma; v = v->vm_next)
		prev = v;
	*pprev = prev;
	return vma;
}

/* Where a VMA starting at addr goes: the first VMA ending above addr (the
 * one it would overlap or precede), its list predecessor, and the tree
 * link to fill. */
static struct vm_area_struct *
find_vma_prepare(struct mm_struct *mm, u32 addr,
		 struct vm_area_struct **pprev, struct rb_node ***rb_link,
		 struct rb_node **rb_parent)
{
	struct vm_area_struct *vma = NULL, *prev = NULL;
	struct rb_node **link = &mm->mm_rb.node, *parent = NULL, *prevn = NULL;

	while (*link) {
		struct vm_area_struct *t;

		parent = *link;
		t = rb_vma(parent);
		if (t->vm_end > addr) {
			vma = t;
			if (t->vm_start <= addr)
				break;
			link = &parent->left;
		} else {
			prevn = parent;
			link = &parent->right;
		}
	}
	if (prevn)
		prev = rb_vma(prevn);
	*pprev = prev;
	*rb_link = link;
	*rb_parent = parent;
	return vma;
}

/* ---- linking ---------------------------------------------------------- */

static void
vma_link(struct machine *m, struct mm_struct *mm, struct vm_area_struct *vma,
	 struct vm_area_struct *prev, struct rb_node **link,
	 struct rb_node *parent)
{
	if (prev) {
		vma->vm_next = prev->vm_next;
		prev->vm_next = vma;
	} else {
		vma->vm_next = mm->mmap;
		mm->mmap = vma;
	}
	rb_link_node(&vma->vm_rb, parent, link);
	rb_insert_color(&vma->vm_rb, &mm->mm_rb);
	if (vma->anon_vma)
		anon_vma_link(m, vma);
	if (vma->vm_file) {
		file_get(vma->vm_file);
		if (vma->vm_flags & VM_SHARED)
			vma->vm_file->i_mmap_writable++;
	}
	mm->map_count++;
}

void
insert_vm_struct(struct machine *m, struct mm_struct *mm,
		 struct vm_area_struct *vma)
{
	struct vm_area_struct *prev;
	struct rb_node **link, *parent;

	find_vma_prepare(mm, vma->vm_start, &prev, &link, &parent);
	vma_link(m, mm, vma, prev, link, parent);
}

/* Takes vma out of the list and the tree; its file and anon_vma links
 * are dropped by remove_vma. */
static void
vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma,
	   struct vm_area_struct *prev)
{
	if (prev)
		prev->vm_next = vma->vm_next;
	else
		mm->mmap = vma->vm_next;
	rb_erase(&vma->vm_rb, &mm->mm_rb);
	if (mm->mmap_cache == vma)
		mm->mmap_cache = prev;
}

/* The end of a VMA's life: file and anon_vma references, the object. */
static void
remove_vma(struct machine *m, struct vm_area_struct *vma)
{
	if (vma->vm_file && (vma->vm_flags & VM_SHARED))
		vma->vm_file->i_mmap_writable--;
	if (vma->anon_vma)
		anon_vma_unlink(m, vma);
	vma_free(m, vma);
}

/* A copy of vma's identity (not its place in the lists). */
static struct vm_area_struct *
vma_dup(struct machine *m, struct vm_area_struct *vma)
{
	struct vm_area_struct *new = vma_alloc(m, vma->vm_mm);

	if (!new)
		return NULL;
	new->vm_start = vma->vm_start;
	new->vm_end = vma->vm_end;
	new->vm_flags = vma->vm_flags;
	new->vm_page_prot = vma->vm_page_prot;
	new->vm_pgoff = vma->vm_pgoff;
	new->anon_vma = vma->anon_vma;
	new->vm_file = vma->vm_file;
	return new;
}

/* ---- vma_adjust, vma_merge, split_vma ---------------------------------- */

/*
 * Moves vma's bounds to [start, end) with pgoff, absorbing or trimming
 * its successor as the new end requires (mm/mmap.c vma_adjust, without
 * the insert case): end beyond next's end removes next (and, for
 * mprotect's case 6, the one after); end inside next moves next's start
 * up (vma imports); end below vma's end gives the tail to next (next
 * imports).  The anon_vma follows the pages.
 */
static void
vma_adjust(struct machine *m, struct vm_area_struct *vma, u32 start, u32 end,
	   u32 pgoff)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *next = vma->vm_next, *importer = NULL;
	struct vm_area_struct *exporter = NULL;
	int remove_next = 0;
	long adjust_next = 0;

	if (next) {
		if (end >= next->vm_end) {
			remove_next = 1 + (end > next->vm_end);
			importer = vma;
			exporter = next;
		} else if (end > next->vm_start) {
			adjust_next = (long)((end - next->vm_start) >>
					     PAGE_SHIFT);
			importer = vma;
			exporter = next;
		} else if (end < vma->vm_end) {
			adjust_next = -(long)((vma->vm_end - end) >>
					      PAGE_SHIFT);
			importer = next;
			exporter = vma;
		}
	}
	if (importer && exporter && exporter->anon_vma &&
	    !importer->anon_vma) {
		importer->anon_vma = exporter->anon_vma;
		anon_vma_link(m, importer);
	}
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_pgoff = pgoff;
	if (adjust_next) {
		next->vm_start += (u32)(adjust_next * (long)PAGE_SIZE);
		next->vm_pgoff += (u32)adjust_next;
	}
	while (remove_next) {
		next = vma->vm_next;
		vma_unlink(mm, next, vma);
		mm->map_count--;
		remove_vma(m, next);
		if (remove_next == 2 && vma->vm_next &&
		    end >= vma->vm_next->vm_end)
			remove_next = 1;
		else
			remove_next = 0;
	}
}

static bool
is_mergeable_vma(struct vm_area_struct *vma, struct vfile *file,
		 u32 vm_flags)
{
	return vma->vm_flags == vm_flags && vma->vm_file == file;
}

static bool
is_mergeable_anon_vma(struct anon_vma *a, struct anon_vma *b)
{
	return !a || !b || a == b;
}

/* vma may grow downwards to take [.., vma->vm_start) ending at pgoff. */
static bool
can_vma_merge_before(struct vm_area_struct *vma, u32 vm_flags,
		     struct anon_vma *av, struct vfile *file, u32 pgoff)
{
	return is_mergeable_vma(vma, file, vm_flags) &&
	       is_mergeable_anon_vma(av, vma->anon_vma) &&
	       vma->vm_pgoff == pgoff;
}

static bool
can_vma_merge_after(struct vm_area_struct *vma, u32 vm_flags,
		    struct anon_vma *av, struct vfile *file, u32 pgoff)
{
	return is_mergeable_vma(vma, file, vm_flags) &&
	       is_mergeable_anon_vma(av, vma->anon_vma) &&
	       vma->vm_pgoff + ((vma->vm_end - vma->vm_start) >> PAGE_SHIFT) ==
	       pgoff;
}

/*
 * Can [addr, end) with these attributes join prev, next or both?  The
 * kernel's eight cases: the range is new (mmap, brk: cases 1-4) or
 * covers part or all of an existing VMA whose flags are being changed
 * (mprotect, mlock: cases 5-8).  Returns the VMA that now covers the
 * range, or NULL.
 */
struct vm_area_struct *
vma_merge(struct machine *m, struct mm_struct *mm,
	  struct vm_area_struct *prev, u32 addr, u32 end, u32 vm_flags,
	  struct anon_vma *av, struct vfile *file, u32 pgoff)
{
	struct vm_area_struct *area, *next, *res = NULL;
	u32 pglen = (end - addr) >> PAGE_SHIFT;

	if (vm_flags & VM_SPECIAL)
		return NULL;
	TP_ENTER(m, vma_merge, addr, end, vm_flags);
	next = prev ? prev->vm_next : mm->mmap;
	area = next;
	if (next && next->vm_end == end)	/* cases 6, 7, 8 */
		next = next->vm_next;

	if (prev && prev->vm_end == addr &&
	    can_vma_merge_after(prev, vm_flags, av, file, pgoff)) {
		if (next && end == next->vm_start &&
		    can_vma_merge_before(next, vm_flags, av, file,
					 pgoff + pglen) &&
		    is_mergeable_anon_vma(prev->anon_vma, next->anon_vma))
			vma_adjust(m, prev, prev->vm_start, next->vm_end,
				   prev->vm_pgoff);		/* cases 1, 6 */
		else
			vma_adjust(m, prev, prev->vm_start, end,
				   prev->vm_pgoff);		/* cases 2, 5, 7 */
		res = prev;
	} else if (next && end == next->vm_start &&
		   can_vma_merge_before(next, vm_flags, av, file,
					pgoff + pglen)) {
		if (prev && addr < prev->vm_end)	/* case 4 */
			vma_adjust(m, prev, prev->vm_start, addr,
				   prev->vm_pgoff);
		else					/* cases 3, 8 */
			vma_adjust(m, area, addr, next->vm_end,
				   next->vm_pgoff - pglen);
		res = area;
	}
	TP_EXIT(m, vma_merge, res ? res->vm_start : 0);
	return res;
}

int
split_vma(struct machine *m, struct mm_struct *mm,
	  struct vm_area_struct *vma, u32 addr, bool new_below)
{
	struct vm_area_struct *new;

	if (mm->map_count >= m->sched->max_map_count)
		return machine_err(m, -ENOMEM,
				   "split_vma: map_count %d reached max_map_count",
				   mm->map_count);
	TP_ENTER(m, split_vma, vma->vm_start, vma->vm_end, addr, new_below);
	new = vma_dup(m, vma);
	if (!new) {
		TP_EXIT(m, split_vma, -ENOMEM);
		return machine_err(m, -ENOMEM, "no memory for a vm_area_struct");
	}
	if (new_below) {
		new->vm_end = addr;
		vma->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
		vma->vm_start = addr;
	} else {
		new->vm_start = addr;
		new->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
		vma->vm_end = addr;
	}
	insert_vm_struct(m, mm, new);
	TP_EXIT(m, split_vma, 0);
	return 0;
}

int
vma_merge_or_split(struct machine *m, struct mm_struct *mm,
		   struct vm_area_struct **vmap, struct vm_area_struct **pprev,
		   u32 start, u32 end, u32 newflags)
{
	struct vm_area_struct *vma = *vmap, *merged;
	u32 pgoff = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);
	int err;

	merged = vma_merge(m, mm, *pprev, start, end, newflags,
			   vma->anon_vma, vma->vm_file, pgoff);
	if (merged) {
		*pprev = *vmap = merged;
		return 0;
	}
	*pprev = vma;
	if (start != vma->vm_start) {
		err = split_vma(m, mm, vma, start, true);
		if (err)
			return err;
	}
	if (end != vma->vm_end)
		return split_vma(m, mm, vma, end, false);
	return 0;
}

/* ---- counters --------------------------------------------------------- */

void
vm_stat_account(struct mm_struct *mm, u32 flags, struct vfile *file,
		long pages)
{
	if (file) {
		mm->shared_vm += pages;
		if ((flags & (VM_EXEC | VM_WRITE)) == VM_EXEC)
			mm->exec_vm += pages;
	} else if (flags & VM_GROWSDOWN) {
		mm->stack_vm += pages;
	}
	if (flags & (VM_RESERVED | VM_IO))
		mm->reserved_vm += pages;
}

static void
update_hiwater_vm(struct mm_struct *mm)
{
	if (mm->hiwater_vm < mm->total_vm)
		mm->hiwater_vm = mm->total_vm;
}

/* ---- get_unmapped_area ------------------------------------------------- */

static u32
unmapped_area_bottomup(struct machine *m, struct mm_struct *mm, u32 addr,
		       u32 len)
{
	u32 task_size = TASK_SIZE(m), base = TASK_UNMAPPED_BASE(m), start;
	struct vm_area_struct *vma;

	if (addr) {
		addr = PAGE_ALIGN32(addr);
		vma = find_vma(m, mm, addr);
		if (task_size - len >= addr &&
		    (!vma || addr + len <= vma->vm_start))
			return addr;
	}
	if (len > mm->cached_hole_size) {
		start = addr = mm->free_area_cache;
	} else {
		start = addr = base;
		mm->cached_hole_size = 0;
	}
full_search:
	for (vma = find_vma(m, mm, addr);; vma = vma->vm_next) {
		if (task_size - len < addr) {
			if (start != base) {
				start = addr = base;
				mm->cached_hole_size = 0;
				goto full_search;
			}
			return (u32)-ENOMEM;
		}
		if (!vma || addr + len <= vma->vm_start) {
			mm->free_area_cache = addr + len;
			return addr;
		}
		if (addr + mm->cached_hole_size < vma->vm_start)
			mm->cached_hole_size = vma->vm_start - addr;
		addr = vma->vm_end;
	}
}

static u32
unmapped_area_topdown(struct machine *m, struct mm_struct *mm, u32 addr0,
		      u32 len)
{
	u32 task_size = TASK_SIZE(m), addr = addr0;
	struct vm_area_struct *vma;

	if (addr) {
		addr = PAGE_ALIGN32(addr);
		vma = find_vma(m, mm, addr);
		if (task_size - len >= addr &&
		    (!vma || addr + len <= vma->vm_start))
			return addr;
	}
	if (len <= mm->cached_hole_size) {
		mm->cached_hole_size = 0;
		mm->free_area_cache = mm->mmap_base;
	}
	addr = mm->free_area_cache;
	if (addr > len) {
		vma = find_vma(m, mm, addr - len);
		if (!vma || addr <= vma->vm_start)
			return mm->free_area_cache = addr - len;
	}
	if (mm->mmap_base < len)
		goto bottomup;
	addr = mm->mmap_base - len;
	do {
		vma = find_vma(m, mm, addr);
		if (!vma || addr + len <= vma->vm_start)
			return mm->free_area_cache = addr;
		if (addr + mm->cached_hole_size < vma->vm_start)
			mm->cached_hole_size = vma->vm_start - addr;
		addr = vma->vm_start - len;
	} while (len < vma->vm_start);
bottomup:
	/* No room below mmap_base: search upwards from the legacy base,
	 * then put the cache back. */
	mm->cached_hole_size = ~0u;
	mm->free_area_cache = TASK_UNMAPPED_BASE(m);
	addr = unmapped_area_bottomup(m, mm, addr0, len);
	mm->free_area_cache = mm->mmap_base;
	mm->cached_hole_size = ~0u;
	return addr;
}

static bool
is_err_addr(u32 addr)
{
	return addr >= (u32)-4095;
}

u32
get_unmapped_area(struct machine *m, struct mm_struct *mm, struct vfile *file,
		  u32 addr, u32 len, u32 pgoff, u32 flags)
{
	u32 task_size = TASK_SIZE(m), res;

	(void)file;
	(void)pgoff;
	TP_ENTER(m, get_unmapped_area, addr, len, flags);
	if (len > task_size) {
		res = (u32)-ENOMEM;
	} else if (flags & MAP_FIXED) {
		res = addr;
	} else if (mm->legacy_layout) {
		res = unmapped_area_bottomup(m, mm, addr, len);
	} else {
		res = unmapped_area_topdown(m, mm, addr, len);
	}
	if (!is_err_addr(res)) {
		if (res > task_size - len)
			res = (u32)-ENOMEM;
		else if (res & ~PAGE_MASK)
			res = (u32)-EINVAL;
	}
	TP_EXIT(m, get_unmapped_area, res);
	return res;
}

/* After an unmap at addr, the search may start lower (bottom-up) or
 * higher (top-down) again. */
static void
arch_unmap_area(struct machine *m, struct mm_struct *mm, u32 addr)
{
	if (mm->legacy_layout) {
		if (addr >= TASK_UNMAPPED_BASE(m) &&
		    addr < mm->free_area_cache) {
			mm->free_area_cache = addr;
			mm->cached_hole_size = ~0u;
		}
	} else {
		if (addr > mm->free_area_cache)
			mm->free_area_cache = addr;
		if (mm->free_area_cache > mm->mmap_base)
			mm->free_area_cache = mm->mmap_base;
	}
}

/* ---- mmap ------------------------------------------------------------- */

static u32
calc_vm_prot_bits(u32 prot)
{
	return (prot & PROT_READ ? VM_READ : 0) |
	       (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

static u32
calc_vm_flag_bits(u32 flags)
{
	return (flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0) |
	       (flags & MAP_DENYWRITE ? VM_DENYWRITE : 0) |
	       (flags & MAP_EXECUTABLE ? VM_EXECUTABLE : 0) |
	       (flags & MAP_LOCKED ? VM_LOCKED : 0);
}

static bool
accountable_mapping(u32 vm_flags)
{
	return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}

/* Shared writable mappings of a disk file start read-only in the PTE so
 * the first write faults and the page is dirtied and accounted
 * (vma_wants_writenotify: the backing device accounts dirty pages).
 * shmem does not. */
bool
vma_wants_writenotify(struct vm_area_struct *vma)
{
	return (vma->vm_flags & (VM_WRITE | VM_SHARED)) ==
	       (VM_WRITE | VM_SHARED) &&
	       vma->vm_file && !vma->vm_file->shmem;
}

/* vm_page_prot from vm_flags, write-protected when the VMA wants write
 * notification (mmap_region and mprotect_fixup). */
void
vma_set_page_prot(struct vm_area_struct *vma)
{
	u32 flags = vma->vm_flags;

	if (vma_wants_writenotify(vma))
		flags &= ~VM_SHARED;
	vma->vm_page_prot = vm_get_page_prot(flags);
}

/* Whatever is mapped in [addr, addr + len) goes first (MAP_FIXED, brk);
 * then prev and the tree link for a VMA at addr. */
static int
clear_range(struct machine *m, struct mm_struct *mm, u32 addr, u32 len,
	    struct vm_area_struct **prev, struct rb_node ***link,
	    struct rb_node **parent)
{
	struct vm_area_struct *vma;
	int err;

	for (;;) {
		vma = find_vma_prepare(mm, addr, prev, link, parent);
		if (!vma || vma->vm_start >= addr + len)
			return 0;
		err = do_munmap(m, mm, addr, len);
		if (err)
			return err;
	}
}

static long
mmap_region(struct machine *m, struct mm_struct *mm, struct vfile *file,
	    u32 addr, u32 len, u32 flags, u32 vm_flags, u32 pgoff)
{
	struct vm_area_struct *vma, *prev;
	struct rb_node **link, *parent;
	u32 pages = len >> PAGE_SHIFT;
	int err;

	err = clear_range(m, mm, addr, len, &prev, &link, &parent);
	if (err)
		return err;
	if ((flags & MAP_NORESERVE))
		vm_flags |= VM_NORESERVE;
	if (accountable_mapping(vm_flags))
		vm_flags |= VM_ACCOUNT;

	vma = vma_merge(m, mm, prev, addr, addr + len, vm_flags, NULL, file,
			pgoff);
	if (vma)
		goto out;

	vma = vma_alloc(m, mm);
	if (!vma)
		return machine_err(m, -ENOMEM, "no memory for a vm_area_struct");
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_pgoff = pgoff;
	if (file) {
		if (vm_flags & (VM_GROWSDOWN | VM_GROWSUP)) {
			vma_free(m, vma);
			return machine_err(m, -EINVAL,
					   "a file mapping cannot grow down");
		}
		vma->vm_file = file;
		file_get(file);
	} else if (vm_flags & VM_SHARED) {
		/* shmem_zero_setup: anonymous shared memory is a file. */
		vma->vm_file = shmem_file_setup(m, len);
		if (!vma->vm_file) {
			vma_free(m, vma);
			return machine_err(m, -ENOMEM, "no memory for shmem");
		}
		vma->vm_pgoff = 0;
	}
	vma_set_page_prot(vma);
	vma_link(m, mm, vma, prev, link, parent);
	if (vma->vm_file)
		file_put(m, vma->vm_file);	/* vma_link took its own */
out:
	mm->total_vm += pages;
	vm_stat_account(mm, vm_flags, vma->vm_file, (long)pages);
	update_hiwater_vm(mm);
	if (vm_flags & VM_LOCKED) {
		/* Faulted in and mlocked; a VMA mlock cannot lock is only
		 * populated and not counted. */
		mm->locked_vm += pages;
		mm->locked_vm -= (unsigned long)mlock_vma_pages_range(
			m, vma, addr, addr + len);
	} else if (flags & MAP_POPULATE) {
		make_pages_present(m, mm, addr, addr + len);
	}
	return addr;
}

long
do_mmap_pgoff(struct machine *m, struct mm_struct *mm, struct vfile *file,
	      u32 addr, u32 len, u32 prot, u32 flags, u32 pgoff)
{
	u32 vm_flags, alen;
	long ret;

	TP_ENTER(m, do_mmap_pgoff, addr, len, prot, flags, pgoff);
	if (!len) {
		ret = machine_err(m, -EINVAL, "length 0");
		goto out;
	}
	if (!(flags & MAP_FIXED) && addr && addr < MMAP_MIN_ADDR)
		addr = PAGE_ALIGN32(MMAP_MIN_ADDR);
	alen = PAGE_ALIGN32(len);
	if (!alen || alen < len) {
		ret = machine_err(m, -ENOMEM, "length 0x%x overflows", len);
		goto out;
	}
	len = alen;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff) {
		ret = machine_err(m, -EOVERFLOW, "offset + length overflows");
		goto out;
	}
	if (mm->map_count > m->sched->max_map_count) {
		ret = machine_err(m, -ENOMEM, "map_count %d above max_map_count",
				  mm->map_count);
		goto out;
	}
	addr = get_unmapped_area(m, mm, file, addr, len, pgoff, flags);
	if (is_err_addr(addr)) {
		ret = machine_err(m, (int)addr, (int)addr == -EINVAL ?
				  "address not page-aligned" :
				  "no free range of %u KiB", len >> 10);
		goto out;
	}
	vm_flags = calc_vm_prot_bits(prot) | calc_vm_flag_bits(flags) |
		   mm->def_flags | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if ((flags & MAP_LOCKED) && !can_do_mlock(m, mm)) {
		ret = machine_err(m, -EPERM, "MAP_LOCKED: RLIMIT_MEMLOCK is 0 "
				  "and the task lacks CAP_IPC_LOCK");
		goto out;
	}
	if (vm_flags & VM_LOCKED) {
		if (over_mlock_limit(m, mm, len >> PAGE_SHIFT)) {
			ret = machine_err(m, -EAGAIN,
					  "locked_vm would exceed RLIMIT_MEMLOCK (%u KiB)",
					  mm_rlimit(m, mm, RLIMIT_MEMLOCK) >> 10);
			goto out;
		}
	}
	if (file) {
		switch (flags & (MAP_SHARED | MAP_PRIVATE)) {
		case MAP_SHARED:
			if ((prot & PROT_WRITE) && file->readonly) {
				ret = machine_err(m, -EACCES,
						  "%s is read-only: no shared writable mapping",
						  file->name);
				goto out;
			}
			vm_flags |= VM_SHARED | VM_MAYSHARE;
			if (file->readonly)
				vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
			break;
		case MAP_PRIVATE:
			break;
		default:
			ret = machine_err(m, -EINVAL,
					  "exactly one of MAP_SHARED and MAP_PRIVATE");
			goto out;
		}
	} else {
		switch (flags & (MAP_SHARED | MAP_PRIVATE)) {
		case MAP_SHARED:
			pgoff = 0;
			vm_flags |= VM_SHARED | VM_MAYSHARE;
			break;
		case MAP_PRIVATE:
			pgoff = addr >> PAGE_SHIFT;
			break;
		default:
			ret = machine_err(m, -EINVAL,
					  "exactly one of MAP_SHARED and MAP_PRIVATE");
			goto out;
		}
	}
	ret = mmap_region(m, mm, file, addr, len, flags, vm_flags, pgoff);
out:
	TP_EXIT(m, do_mmap_pgoff, ret);
	return ret;
}

/* ---- munmap ----------------------------------------------------------- */

/* Tears down [start, end) of the detached VMAs from vma on: PTEs, then
 * page tables no longer spanned (between prev's end and next's start),
 * then the TLB (tlb_finish_mmu: flush_tlb_mm). */
static void
unmap_region(struct machine *m, struct mm_struct *mm,
	     struct vm_area_struct *vma, struct vm_area_struct *prev,
	     u32 start, u32 end)
{
	struct vm_area_struct *next = prev ? prev->vm_next : mm->mmap;

	TP_ENTER(m, unmap_region, start, end);
	unmap_vmas(m, mm, vma, start, end);
	free_pgtables(m, mm, start, end, prev ? prev->vm_end : 0,
		      next ? next->vm_start : 0);
	flush_tlb_mm(m, mm);
	TP_EXIT(m, unmap_region, 0);
}

int
do_munmap(struct machine *m, struct mm_struct *mm, u32 start, u32 len)
{
	struct vm_area_struct *vma, *prev, *last, *v, *tail_end;
	u32 end;
	int err = 0;

	TP_ENTER(m, do_munmap, start, len);
	if ((start & ~PAGE_MASK) || start > TASK_SIZE(m) ||
	    len > TASK_SIZE(m) - start) {
		err = machine_err(m, -EINVAL, "start %#x not page-aligned or "
				  "range outside user space", start);
		goto out;
	}
	len = PAGE_ALIGN32(len);
	if (!len) {
		err = machine_err(m, -EINVAL, "length 0");
		goto out;
	}
	end = start + len;
	vma = find_vma_prev(m, mm, start, &prev);
	if (!vma || vma->vm_start >= end)
		goto out;
	/* Splitting twice may need two new VMAs: check the limit first so
	 * a failure changes nothing. */
	if (start > vma->vm_start) {
		if (end < vma->vm_end &&
		    mm->map_count >= m->sched->max_map_count) {
			err = machine_err(m, -ENOMEM,
					  "split would exceed max_map_count");
			goto out;
		}
		err = split_vma(m, mm, vma, start, false);
		if (err)
			goto out;
		prev = vma;
		vma = vma->vm_next;
	}
	last = find_vma(m, mm, end);
	if (last && end > last->vm_start) {
		err = split_vma(m, mm, last, end, true);
		if (err)
			goto out;
	}
	vma = prev ? prev->vm_next : mm->mmap;

	/* munlock and detach [vma, tail_end). */
	for (v = vma; v && v->vm_start < end; v = v->vm_next) {
		if (v->vm_flags & VM_LOCKED) {
			mm->locked_vm -= (v->vm_end - v->vm_start) >> PAGE_SHIFT;
			munlock_vma_pages(m, v);
			v->vm_flags &= ~VM_LOCKED;
		}
	}
	tail_end = v;
	{
		struct vm_area_struct *last_detached = NULL;

		for (v = vma; v != tail_end; v = v->vm_next) {
			rb_erase(&v->vm_rb, &mm->mm_rb);
			mm->map_count--;
			last_detached = v;
		}
		if (prev)
			prev->vm_next = tail_end;
		else
			mm->mmap = tail_end;
		if (last_detached)
			last_detached->vm_next = NULL;
		mm->mmap_cache = NULL;
	}
	arch_unmap_area(m, mm, start);
	unmap_region(m, mm, vma, prev, start, end);
	while (vma) {
		struct vm_area_struct *n = vma->vm_next;
		long pages = (long)((vma->vm_end - vma->vm_start) >> PAGE_SHIFT);

		mm->total_vm -= (unsigned long)pages;
		vm_stat_account(mm, vma->vm_flags, vma->vm_file, -pages);
		remove_vma(m, vma);
		vma = n;
	}
out:
	TP_EXIT(m, do_munmap, err);
	return err;
}

/* ---- brk -------------------------------------------------------------- */

long
do_brk(struct machine *m, struct mm_struct *mm, u32 addr, u32 len)
{
	struct vm_area_struct *vma, *prev;
	struct rb_node **link, *parent;
	u32 flags, pgoff = addr >> PAGE_SHIFT;
	long ret;

	len = PAGE_ALIGN32(len);
	if (!len)
		return addr;
	TP_ENTER(m, do_brk, addr, len);
	flags = VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT | mm->def_flags;
	ret = get_unmapped_area(m, mm, NULL, addr, len, 0, MAP_FIXED);
	if (is_err_addr((u32)ret)) {
		ret = machine_err(m, (int)ret, "no room at %#x", addr);
		goto out;
	}
	if ((mm->def_flags & VM_LOCKED) &&
	    over_mlock_limit(m, mm, len >> PAGE_SHIFT)) {
		ret = machine_err(m, -EAGAIN, "RLIMIT_MEMLOCK");
		goto out;
	}
	ret = clear_range(m, mm, addr, len, &prev, &link, &parent);
	if (ret)
		goto out;
	if (mm->map_count > m->sched->max_map_count) {
		ret = machine_err(m, -ENOMEM, "max_map_count reached");
		goto out;
	}
	vma = vma_merge(m, mm, prev, addr, addr + len, flags, NULL, NULL,
			pgoff);
	if (!vma) {
		vma = vma_alloc(m, mm);
		if (!vma) {
			ret = machine_err(m, -ENOMEM,
					  "no memory for a vm_area_struct");
			goto out;
		}
		vma->vm_start = addr;
		vma->vm_end = addr + len;
		vma->vm_pgoff = pgoff;
		vma->vm_flags = flags;
		vma->vm_page_prot = vm_get_page_prot(flags);
		vma_link(m, mm, vma, prev, link, parent);
	}
	mm->total_vm += len >> PAGE_SHIFT;
	update_hiwater_vm(mm);
	if (flags & VM_LOCKED) {
		mm->locked_vm += len >> PAGE_SHIFT;
		mlock_vma_pages_range(m, vma, addr, addr + len);
	}
	ret = addr;
out:
	TP_EXIT(m, do_brk, ret);
	return ret;
}

/* sys_brk: returns the new break, or the old one when it cannot move
 * (the syscall never fails; m->why says why it did not move). */
long
sys_brk(struct machine *m, struct mm_struct *mm, u32 brk)
{
	u32 newbrk, oldbrk, min_brk = mm->end_code, rlim;
	struct vm_area_struct *next;

	m->why[0] = '\0';
	if (brk < min_brk) {
		machine_err(m, -EINVAL, "below the end of the text (%#x)",
			    min_brk);
		return mm->brk;
	}
	/* The heap and the data segment together (before the rounding,
	 * so a limit that is not page-aligned holds). */
	rlim = mm_rlimit(m, mm, RLIMIT_DATA);
	if (rlim != RLIM_INFINITY &&
	    (u64)(brk - mm->start_brk) + (mm->end_data - mm->start_data) >
	    rlim) {
		machine_err(m, -ENOMEM, "heap %u + data %u bytes above "
			    "RLIMIT_DATA (%u)", brk - mm->start_brk,
			    mm->end_data - mm->start_data, rlim);
		return mm->brk;
	}
	newbrk = PAGE_ALIGN32(brk);
	oldbrk = PAGE_ALIGN32(mm->brk);
	if (oldbrk == newbrk)
		goto set;
	if (brk <= mm->brk) {
		if (!do_munmap(m, mm, newbrk, oldbrk - newbrk))
			goto set;
		return mm->brk;
	}
	next = find_vma(m, mm, oldbrk);
	if (next && newbrk + PAGE_SIZE > next->vm_start) {
		machine_err(m, -ENOMEM, "%08x-%08x is in the way",
			    next->vm_start, next->vm_end);
		return mm->brk;
	}
	if (do_brk(m, mm, oldbrk, newbrk - oldbrk) != (long)oldbrk)
		return mm->brk;
set:
	mm->brk = brk;
	return brk;
}

/* ---- stack growth ------------------------------------------------------ */

int
expand_stack(struct machine *m, struct vm_area_struct *vma, u32 address)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *prev;
	u32 size, grow;
	int err = 0;

	address &= PAGE_MASK;
	TP_ENTER(m, expand_stack, address, vma->vm_start);
	if (address >= vma->vm_start)
		goto out;
	size = vma->vm_end - address;
	grow = (vma->vm_start - address) >> PAGE_SHIFT;
	find_vma_prev(m, mm, vma->vm_start, &prev);
	if (prev && prev->vm_end > address) {
		err = machine_err(m, -ENOMEM, "the stack would overlap %08x-%08x",
				  prev->vm_start, prev->vm_end);
		goto out;
	}
	if (size > mm_rlimit(m, mm, RLIMIT_STACK)) {
		err = machine_err(m, -ENOMEM, "stack of %u KiB above RLIMIT_STACK (%u KiB)",
				  size >> 10, mm_rlimit(m, mm, RLIMIT_STACK) >> 10);
		goto out;
	}
	if ((vma->vm_flags & VM_LOCKED) && over_mlock_limit(m, mm, grow)) {
		err = machine_err(m, -ENOMEM, "RLIMIT_MEMLOCK");
		goto out;
	}
	vma->vm_start = address;
	vma->vm_pgoff -= grow;
	mm->total_vm += grow;
	if (vma->vm_flags & VM_LOCKED)
		mm->locked_vm += grow;
	vm_stat_account(mm, vma->vm_flags, vma->vm_file, (long)grow);
	update_hiwater_vm(mm);
out:
	TP_EXIT(m, expand_stack, err);
	return err;
}

/* ---- teardown ---------------------------------------------------------- */

/* exit_mmap: every VMA unmapped, every page table freed. */
void
exit_mmap(struct machine *m, struct mm_struct *mm)
{
	struct vm_area_struct *vma = mm->mmap, *n;

	for (n = vma; n; n = n->vm_next)
		if (n->vm_flags & VM_LOCKED)
			munlock_vma_pages(m, n);
	mm->locked_vm = 0;
	if (vma) {
		unmap_vmas(m, mm, vma, 0, TASK_SIZE(m));
		free_pgtables(m, mm, 0, TASK_SIZE(m), 0, 0);
		flush_tlb_mm(m, mm);
	}
	while (vma) {
		n = vma->vm_next;
		mm->total_vm -= (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
		remove_vma(m, vma);
		vma = n;
	}
	mm->mmap = NULL;
	mm->mm_rb = RB_ROOT;
	mm->mmap_cache = NULL;
	mm->map_count = 0;
}
