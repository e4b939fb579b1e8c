/* src/mm/mremap.c: resizing and moving a mapping (mm/mremap.c, Linux
 * 2.6.32): shrink by unmapping the tail, grow in place when the gap
 * after the VMA allows, else (MREMAP_MAYMOVE) move: a new VMA at the new
 * place (copy_vma, merging if it can), every PTE carried over
 * (move_page_tables), then the old range unmapped.
 *
 * The pages themselves do not move and their reverse-map identity does
 * not change: the new VMA's vm_pgoff is the old page offset of the
 * moved range, so an anonymous page's index (and a file page's offset)
 * is still linear_page_index at its new address.
 */
#include "config.h"

#include <errno.h>

#include "vmdb/fs.h"
#include "vmdb/machine.h"
#include "vmdb/mmap.h"
#include "vmdb/pgtable.h"

#include "mm_impl.h"

/* ---- page tables -------------------------------------------------------- */

/* Moves the non-empty PTEs of [old_addr, old_addr + len) (one page table
 * on each side) to new_addr on. */
static void
move_ptes(struct machine *m, struct vm_area_struct *vma, u32 old_addr,
	  u32 old_pte_pa, struct vm_area_struct *new_vma, u32 new_addr,
	  u32 new_pte_pa, u32 len)
{
	u32 off, pte;

	for (off = 0; off < len; off += PAGE_SIZE) {
		if (!ram32(m, old_pte_pa + (off >> 10)))
			continue;
		pte = ptep_clear_flush(m, vma, old_addr + off,
				       old_pte_pa + (off >> 10));
		set_pte_at(m, new_addr + off, new_pte_pa + (off >> 10), pte);
	}
	(void)new_vma;
}

/*
 * Carries every non-empty PTE of [old_addr, old_addr + len) in vma over
 * to the same offset from new_addr in new_vma (same mm), page table by
 * page table: a missing old table is skipped, a missing new one
 * allocated.  Returns 0, or -ENOMEM when a page table could not be
 * allocated: what had moved is then moved back (the tables for it
 * exist), and the caller unmaps the new range instead of the old.
 */
int
move_page_tables(struct machine *m, struct vm_area_struct *vma, u32 old_addr,
		 struct vm_area_struct *new_vma, u32 new_addr, u32 len)
{
	struct mm_struct *mm = vma->vm_mm;
	u32 done, extent, next, old_pa, new_pa;

	for (done = 0; done < len; done += extent) {
		u32 oa = old_addr + done, na = new_addr + done;

		next = (oa + PGDIR_SIZE) & PGDIR_MASK;
		extent = (next ? next : 0u) - oa;
		if (!next || extent > len - done)
			extent = len - done;
		next = (na + PGDIR_SIZE) & PGDIR_MASK;
		if (next && extent > next - na)
			extent = next - na;
		old_pa = pte_offset(m, mm, oa);
		if (!old_pa)
			continue;
		new_pa = pte_offset(m, mm, na);
		if (!new_pa) {
			if (__pte_alloc(m, mm, na) < 0) {
				if (done)
					move_page_tables(m, new_vma, new_addr,
							 vma, old_addr, done);
				return machine_err(m, -ENOMEM, "no memory for "
						   "a page table at %08x", na);
			}
			new_pa = pte_offset(m, mm, na);
		}
		move_ptes(m, vma, oa, old_pa, new_vma, na, new_pa, extent);
	}
	return 0;
}

/* ---- VMAs --------------------------------------------------------------- */

/*
 * copy_vma: a VMA like *vmap for [addr, addr + len) with page offset
 * pgoff: an existing neighbour grown by vma_merge, or a new one.  A
 * source that never had a page (no file, no anon_vma) takes the page
 * offset of its new place, to merge more easily.  If the source itself
 * was merged into the result, *vmap is updated.  NULL on -ENOMEM.
 */
static struct vm_area_struct *
copy_vma(struct machine *m, struct vm_area_struct **vmap, u32 addr, u32 len,
	 u32 pgoff)
{
	struct vm_area_struct *vma = *vmap, *new_vma, *prev;
	struct mm_struct *mm = vma->vm_mm;
	struct anon_vma *av = vma->anon_vma;
	u32 vma_start = vma->vm_start;

	if (!vma->vm_file && !av)
		pgoff = addr >> PAGE_SHIFT;
	find_vma_prev(m, mm, addr, &prev);
	new_vma = vma_merge(m, mm, prev, addr, addr + len, vma->vm_flags, av,
			    vma->vm_file, pgoff);
	if (new_vma) {
		if (vma_start >= new_vma->vm_start &&
		    vma_start < new_vma->vm_end)
			*vmap = new_vma;
		/* The moved pages belong to av: a neighbour that had no
		 * anon_vma yet takes it on. */
		if (av && !new_vma->anon_vma) {
			new_vma->anon_vma = av;
			anon_vma_link(m, new_vma);
		}
		return new_vma;
	}
	new_vma = vma_alloc(m, mm);
	if (!new_vma) {
		machine_err(m, -ENOMEM, "no memory for a vm_area_struct");
		return NULL;
	}
	new_vma->vm_start = addr;
	new_vma->vm_end = addr + len;
	new_vma->vm_flags = vma->vm_flags;
	new_vma->vm_page_prot = vma->vm_page_prot;
	new_vma->vm_pgoff = pgoff;
	new_vma->anon_vma = av;
	new_vma->vm_file = vma->vm_file;
	insert_vm_struct(m, mm, new_vma);	/* links anon_vma and file */
	return new_vma;
}

/*
 * move_vma: [old_addr, old_addr + old_len) of vma moves to new_addr and
 * becomes new_len long.  The old range is unmapped at the end; while it
 * is, VM_ACCOUNT is hidden on the old VMA (the charge moved with the
 * pages) and restored on what is left of it.  Returns new_addr or
 * -errno.
 */
static long
move_vma(struct machine *m, struct vm_area_struct *vma, u32 old_addr,
	 u32 old_len, u32 new_len, u32 new_addr)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *new_vma;
	u32 vm_flags = vma->vm_flags, new_pgoff;
	unsigned long hiwater_vm;
	bool excess = false, split = false;
	long ret = new_addr;

	if (mm->map_count >= m->sched->max_map_count - 3)
		return machine_err(m, -ENOMEM, "map_count %d is too close to "
				   "max_map_count", mm->map_count);
	TP_ENTER(m, move_vma, old_addr, old_len, new_len, new_addr);
	new_pgoff = vma->vm_pgoff + ((old_addr - vma->vm_start) >> PAGE_SHIFT);
	new_vma = copy_vma(m, &vma, new_addr, new_len, new_pgoff);
	if (!new_vma) {
		ret = -ENOMEM;
		goto out;
	}
	if (move_page_tables(m, vma, old_addr, new_vma, new_addr, old_len)) {
		/* Everything is back in the old place: unmap the new. */
		vma = new_vma;
		old_len = new_len;
		old_addr = new_addr;
		ret = -ENOMEM;
	}
	if (vm_flags & VM_ACCOUNT) {
		vma->vm_flags &= ~VM_ACCOUNT;
		excess = vma->vm_end - vma->vm_start != old_len;
		split = old_addr > vma->vm_start &&
			old_addr + old_len < vma->vm_end;
	}
	/* do_munmap takes old_len off total_vm: count new_len first, and
	 * keep the high-water mark from seeing both at once. */
	hiwater_vm = mm->hiwater_vm;
	mm->total_vm += new_len >> PAGE_SHIFT;
	vm_stat_account(mm, vma->vm_flags, vma->vm_file,
			(long)(new_len >> PAGE_SHIFT));
	/* (old_len 0: do_munmap refuses, and the old VMA stays without
	 * VM_ACCOUNT, as in 2.6.32.) */
	if (!old_len || do_munmap(m, mm, old_addr, old_len) < 0)
		excess = false;
	mm->hiwater_vm = hiwater_vm;
	if (excess) {
		/* What is left of the old VMA: below the hole, and (after a
		 * split) the piece above it. */
		vma->vm_flags |= VM_ACCOUNT;
		if (split)
			vma->vm_next->vm_flags |= VM_ACCOUNT;
	}
	if (vm_flags & VM_LOCKED) {
		/* do_munmap took old_len (or, after a failure, new_len) off
		 * locked_vm. */
		mm->locked_vm += new_len >> PAGE_SHIFT;
		if (ret >= 0 && new_len > old_len)
			mm->locked_vm -= (unsigned long)mlock_vma_pages_range(
				m, new_vma, new_addr + old_len,
				new_addr + new_len);
	}
out:
	TP_EXIT(m, move_vma, ret);
	return ret;
}

/* ---- the system call ---------------------------------------------------- */

/* [addr, addr + len) lies in one VMA: 0 with *vmap, else -EFAULT. */
static int
range_in_one_vma(struct machine *m, struct mm_struct *mm, u32 addr, u32 len,
		 struct vm_area_struct **vmap)
{
	struct vm_area_struct *vma = find_vma(m, mm, addr);

	if (!vma || vma->vm_start > addr)
		return machine_err(m, -EFAULT, "nothing is mapped at %08x",
				   addr);
	if (len > vma->vm_end - addr)
		return machine_err(m, -EFAULT, "%08x-%08x crosses the end of "
				   "%08x-%08x", addr, addr + len,
				   vma->vm_start, vma->vm_end);
	*vmap = vma;
	return 0;
}

static int
old_range_mapped(struct machine *m, struct mm_struct *mm, u32 addr, u32 len)
{
	struct vm_area_struct *vma;

	return range_in_one_vma(m, mm, addr, len, &vma);
}

/*
 * The checks on the VMA holding [addr, addr + old_len) that a grow or a
 * move needs.  Returns 0 with *vmap, or -errno.
 */
static int
vma_to_resize(struct machine *m, struct mm_struct *mm, u32 addr,
	      u32 old_len, u32 new_len, struct vm_area_struct **vmap)
{
	struct vm_area_struct *vma;
	int err = range_in_one_vma(m, mm, addr, old_len, &vma);

	if (err)
		return err;
	if (vma->vm_flags & VM_HUGETLB)
		return machine_err(m, -EINVAL, "a hugetlb mapping");
	if ((vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP)) &&
	    new_len > old_len)
		return machine_err(m, -EFAULT, "%08x-%08x may not grow",
				   vma->vm_start, vma->vm_end);
	if ((vma->vm_flags & VM_LOCKED) &&
	    over_mlock_limit(m, mm, (new_len - old_len) >> PAGE_SHIFT))
		return machine_err(m, -EAGAIN, "locked_vm would exceed "
				   "RLIMIT_MEMLOCK (%u KiB)",
				   mm_rlimit(m, mm, RLIMIT_MEMLOCK) >> 10);
	*vmap = vma;
	return 0;
}

/* Grows vma (ending at addr + old_len) in place to new_len; the caller
 * checked that nothing is mapped in the way. */
static void
vma_expand(struct machine *m, struct vm_area_struct *vma, u32 addr,
	   u32 old_len, u32 new_len)
{
	struct mm_struct *mm = vma->vm_mm;
	long pages = (long)((new_len - old_len) >> PAGE_SHIFT);

	/* vma_adjust with nothing to import: the tree is ordered by
	 * address, and the new end stays below the next VMA's start. */
	vma->vm_end += new_len - old_len;
	mm->total_vm += (unsigned long)pages;
	vm_stat_account(mm, vma->vm_flags, vma->vm_file, pages);
	if (vma->vm_flags & VM_LOCKED) {
		mm->locked_vm += (unsigned long)pages;
		mm->locked_vm -= (unsigned long)mlock_vma_pages_range(
			m, vma, addr + old_len, addr + new_len);
	}
}

/*
 * mremap(addr, old_len, new_len, flags, new_addr): addr page-aligned,
 * lengths rounded up to pages.  Flags: MREMAP_MAYMOVE lets the mapping
 * move when it cannot grow in place; MREMAP_FIXED (only with MAYMOVE)
 * moves it to new_addr, unmapping what was there.  old_len 0 makes a
 * second mapping of a shared area (the old one stays).  Returns the
 * (new) address, or -EINVAL (bad flags, alignment, new_len 0, ranges
 * that overlap), -EFAULT (the old range is not one mapping), -EAGAIN
 * (RLIMIT_MEMLOCK), -ENOMEM (no room, and not allowed to move).
 * The reason is in m->why.
 */
long
sys_mremap(struct machine *m, struct mm_struct *mm, u32 addr, u32 old_len,
	   u32 new_len, u32 flags, u32 new_addr)
{
	struct vm_area_struct *vma = NULL;	/* set by vma_to_resize */
	u32 task_size = TASK_SIZE(m), max_addr;
	long ret;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE))
		return machine_err(m, -EINVAL, "unknown flags %#x",
				   flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE));
	if (addr & ~PAGE_MASK)
		return machine_err(m, -EINVAL, "address %08x is not "
				   "page-aligned", addr);
	old_len = PAGE_ALIGN32(old_len);
	new_len = PAGE_ALIGN32(new_len);
	if (!new_len)
		return machine_err(m, -EINVAL, "new length 0");

	if (flags & MREMAP_FIXED) {
		if (new_addr & ~PAGE_MASK)
			return machine_err(m, -EINVAL, "new address %08x is "
					   "not page-aligned", new_addr);
		if (!(flags & MREMAP_MAYMOVE))
			return machine_err(m, -EINVAL, "MREMAP_FIXED without "
					   "MREMAP_MAYMOVE");
		if (new_len > task_size || new_addr > task_size - new_len)
			return machine_err(m, -EINVAL, "%08x + %#x is beyond "
					   "user space", new_addr, new_len);
		if ((new_addr <= addr && new_addr + new_len > addr) ||
		    (addr <= new_addr && addr + old_len > new_addr))
			return machine_err(m, -EINVAL, "the new range "
					   "overlaps the old one");
		/* The kernel unmaps the target before it looks at the old
		 * range; vmdb checks first that the range it will move is
		 * mapped, so that a call failing with -EFAULT leaves the
		 * target alone. */
		ret = old_range_mapped(m, mm, addr,
				       old_len < new_len ? old_len : new_len);
		if (ret)
			return ret;
		ret = do_munmap(m, mm, new_addr, new_len);
		if (ret)
			return ret;
	}

	/* Shrinking always works: it only unmaps the tail. */
	if (old_len >= new_len) {
		if (old_len != new_len) {
			ret = do_munmap(m, mm, addr + new_len,
					old_len - new_len);
			if (ret)
				return ret;
		}
		if (!(flags & MREMAP_FIXED) || new_addr == addr)
			return addr;
		old_len = new_len;
	}

	ret = vma_to_resize(m, mm, addr, old_len, new_len, &vma);
	if (ret)
		return ret;

	/* The old range runs to the end of the VMA and stays where it is:
	 * grow in place if the gap after it is large enough. */
	if (old_len == vma->vm_end - addr &&
	    !((flags & MREMAP_FIXED) && addr != new_addr) &&
	    (old_len != new_len || !(flags & MREMAP_MAYMOVE))) {
		max_addr = vma->vm_next ? vma->vm_next->vm_start : task_size;
		if (max_addr - addr >= new_len) {
			vma_expand(m, vma, addr, old_len, new_len);
			return addr;
		}
	}

	if (!(flags & MREMAP_MAYMOVE))
		return machine_err(m, -ENOMEM, "%08x-%08x cannot grow in "
				   "place (%s) and may not move", vma->vm_start,
				   vma->vm_end, vma->vm_next ?
				   "the next mapping is in the way" :
				   "the end of user space");
	if (!(flags & MREMAP_FIXED)) {
		new_addr = get_unmapped_area(m, mm, vma->vm_file, 0, new_len,
					     vma->vm_pgoff,
					     vma->vm_flags & VM_MAYSHARE ?
					     MAP_SHARED : 0);
		if (new_addr & ~PAGE_MASK)
			return machine_err(m, (int)new_addr, "no free range "
					   "of %u KiB", new_len >> 10);
	}
	return move_vma(m, vma, addr, old_len, new_len, new_addr);
}
