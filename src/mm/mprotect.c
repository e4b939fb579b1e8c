/* src/mm/mprotect.c: changing the protection of a range of an address
 * space (mm/mprotect.c, Linux 2.6.32): sys_mprotect's checks, each VMA's
 * mprotect_fixup (merge with a neighbour, or split at the ends, then new
 * vm_flags and vm_page_prot), and change_protection over the PTEs. */
#include "config.h"

#include <errno.h>

#include "vmdb/machine.h"
#include "vmdb/mmap.h"
#include "vmdb/pgtable.h"

#include "mm_impl.h"

/* PTE bits a protection change keeps (_PAGE_CHG_MASK): the frame, the
 * caching bits, Accessed, Dirty and the special bit.  Present, R/W, User
 * and PROTNONE come from the new protection. */
#define PAGE_CHG_MASK	(PTE_PFN_MASK | _PAGE_PCD | _PAGE_PWT | \
			 _PAGE_SPECIAL | _PAGE_ACCESSED | _PAGE_DIRTY)

static u32
pte_modify(u32 pte, u32 newprot)
{
	return (pte & PAGE_CHG_MASK) | (newprot & ~PAGE_CHG_MASK);
}

/*
 * Gives every present PTE of [start, end) in vma the protection newprot
 * (a PROT_NONE PTE counts as present: it is one with P clear and
 * PROTNONE set).  Frames, A and D survive.  A private mapping's
 * protection never has R/W, so its pages (exclusive or not) stay
 * write-protected until a write fault decides between reuse and copy.
 * Where the VMA wants write notification, pages already dirty keep R/W:
 * their write was seen.  Ends with flush_tlb_range.
 */
void
change_protection(struct machine *m, struct vm_area_struct *vma, u32 start,
		  u32 end, u32 newprot)
{
	struct mm_struct *mm = vma->vm_mm;
	bool dirty_accountable = vma_wants_writenotify(vma);
	u32 addr = start, next, pte_pa, pte, ptent;

	while (addr < end) {
		next = (addr + PGDIR_SIZE) & PGDIR_MASK;
		if (!next || next > end)
			next = end;
		pte_pa = pte_offset(m, mm, addr);
		for (; pte_pa && addr < next; addr += PAGE_SIZE, pte_pa += 4) {
			pte = ram32(m, pte_pa);
			if (!(pte & (_PAGE_PRESENT | _PAGE_PROTNONE)))
				continue;
			ptent = pte_modify(pte, newprot);
			if (dirty_accountable && (ptent & _PAGE_DIRTY))
				ptent |= _PAGE_RW;
			if (ptent != pte)
				set_pte_at(m, addr, pte_pa, ptent);
		}
		addr = next;
	}
	flush_tlb_range(m, vma, start, end);
}

static u32
calc_vm_prot_bits(u32 prot)
{
	return (prot & PROT_READ ? VM_READ : 0) |
	       (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

/*
 * [start, end) of vma gets newflags.  The range joins a neighbour when
 * vma_merge allows (the piece keeps vma's file, anon_vma and page
 * offset), else vma is split so that exactly the range changes.  A
 * private mapping that becomes writable for the first time is charged
 * (VM_ACCOUNT).  *pprev is left at the VMA now covering the range.
 */
static int
mprotect_fixup(struct machine *m, struct vm_area_struct *vma,
	       struct vm_area_struct **pprev, u32 start, u32 end,
	       u32 newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	u32 oldflags = vma->vm_flags;
	long nrpages = (long)((end - start) >> PAGE_SHIFT);
	int err = 0;

	if (newflags == oldflags) {
		*pprev = vma;
		return 0;
	}
	TP_ENTER(m, mprotect_fixup, start, end, newflags);
	if ((newflags & VM_WRITE) &&
	    !(oldflags & (VM_ACCOUNT | VM_WRITE | VM_HUGETLB | VM_SHARED |
			  VM_NORESERVE)))
		newflags |= VM_ACCOUNT;

	err = vma_merge_or_split(m, mm, &vma, pprev, start, end, newflags);
	if (err)
		goto out;
	vma->vm_flags = newflags;
	vma_set_page_prot(vma);
	change_protection(m, vma, start, end, vma->vm_page_prot);
	vm_stat_account(mm, oldflags, vma->vm_file, -nrpages);
	vm_stat_account(mm, newflags, vma->vm_file, nrpages);
out:
	TP_EXIT(m, mprotect_fixup, err);
	return err;
}

/*
 * The checks of sys_mprotect's loop, made over the whole range before
 * anything changes: the kernel finds the same errors in the same order
 * but only as it reaches them, after changing the VMAs before; vmdb
 * leaves a failing call without effect.
 */
static int
mprotect_check(struct machine *m, struct vm_area_struct *vma, u32 end,
	       u32 vm_flags)
{
	u32 nstart, newflags, denied;

	for (;;) {
		newflags = vm_flags |
			   (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC));
		/* VM_MAY* sit four bits above the bits they allow. */
		denied = newflags & ~(newflags >> 4) &
			 (VM_READ | VM_WRITE | VM_EXEC);
		if (denied)
			return machine_err(m, -EACCES,
					   "%08x-%08x may not be made %s",
					   vma->vm_start, vma->vm_end,
					   denied & VM_WRITE ? "writable" :
					   denied & VM_EXEC ? "executable" :
					   "readable");
		nstart = vma->vm_end;
		if (nstart >= end)
			return 0;
		vma = vma->vm_next;
		if (!vma || vma->vm_start != nstart)
			return machine_err(m, -ENOMEM,
					   "nothing is mapped at %08x", nstart);
	}
}

/*
 * mprotect(start, len, prot): start must be page-aligned, len is rounded
 * up to pages, prot may hold PROT_READ, PROT_WRITE, PROT_EXEC (and
 * PROT_SEM, 0x8, which i386 accepts and ignores) plus PROT_GROWSDOWN,
 * which extends the range down to the start of a VM_GROWSDOWN VMA.
 * Errors: -EINVAL (alignment, unknown bits, PROT_GROWSDOWN on a VMA that
 * does not grow down), -ENOMEM (part of the range is not mapped, or
 * splitting would pass max_map_count), -EACCES (a bit the VMA's VM_MAY*
 * forbids: a write to a read-only file's shared mapping).
 */
int
sys_mprotect(struct machine *m, struct mm_struct *mm, u32 start, u32 len,
	     u32 prot)
{
	struct vm_area_struct *vma, *prev;
	u32 end, nstart, tmp, vm_flags, newflags;
	bool grows = prot & PROT_GROWSDOWN;
	int err;

	prot &= ~PROT_GROWSDOWN;
	if (start & ~PAGE_MASK)
		return machine_err(m, -EINVAL, "start %08x is not page-aligned",
				   start);
	if (!len)
		return 0;
	len = PAGE_ALIGN32(len);
	end = start + len;
	if (!len || end <= start)
		return machine_err(m, -ENOMEM, "the range wraps past 4 GiB");
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | 0x8u))
		return machine_err(m, -EINVAL, "unknown protection bits %#x",
				   prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC |
					    0x8u));
	vm_flags = calc_vm_prot_bits(prot);

	vma = find_vma_prev(m, mm, start, &prev);
	if (!vma)
		return machine_err(m, -ENOMEM, "nothing is mapped at or above "
				   "%08x", start);
	if (grows) {
		if (vma->vm_start >= end)
			return machine_err(m, -ENOMEM, "nothing is mapped in "
					   "%08x-%08x", start, end);
		if (!(vma->vm_flags & VM_GROWSDOWN))
			return machine_err(m, -EINVAL, "PROT_GROWSDOWN: "
					   "%08x-%08x does not grow down",
					   vma->vm_start, vma->vm_end);
		start = vma->vm_start;
	} else if (vma->vm_start > start) {
		return machine_err(m, -ENOMEM, "nothing is mapped at %08x",
				   start);
	}
	err = mprotect_check(m, vma, end, vm_flags);
	if (err)
		return err;
	if (start > vma->vm_start)
		prev = vma;

	for (nstart = start;;) {
		newflags = vm_flags |
			   (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC));
		tmp = vma->vm_end < end ? vma->vm_end : end;
		err = mprotect_fixup(m, vma, &prev, nstart, tmp, newflags);
		if (err)
			return err;
		nstart = tmp;
		if (nstart < prev->vm_end)
			nstart = prev->vm_end;
		if (nstart >= end)
			return 0;
		vma = prev->vm_next;
	}
}
