/* src/mm/memory.c: a process's page tables and what fills and empties
 * them (mm/memory.c, 2.6.32): pgd_alloc, __pte_alloc, zap and free,
 * copy_page_range for fork, handle_mm_fault and handle_pte_fault's
 * cases (anonymous, file, write-protect/COW), make_pages_present.
 *
 * Page tables are not in highmem (no CONFIG_HIGHPTE): a PTE's physical
 * address is directly usable. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "vmdb/fs.h"
#include "vmdb/highmem.h"
#include "vmdb/machine.h"
#include "vmdb/mmap.h"
#include "vmdb/pgtable.h"

#include "mm_impl.h"


static inline u32
pfn_of(u32 pte)
{
	return pte >> PAGE_SHIFT;
}

static inline bool
pte_present(u32 pte)
{
	return pte & (_PAGE_PRESENT | _PAGE_PROTNONE);
}

u32
zero_pfn(struct machine *m)
{
	return m->empty_zero_page >> PAGE_SHIFT;
}

static inline void
page_stat(struct machine *m, u32 pfn, enum zone_stat_item item, long d)
{
	mod_zone_page_state(page_zone(m, &m->mem_map[pfn]), item, d);
}

/* ---- page directories and tables --------------------------------------- */

/* pgd_alloc: a zeroed page (__GFP_ZERO) whose kernel part (PDEs from
 * PAGE_OFFSET up) is copied from swapper_pg_dir (pgd_ctor). */
u32
pgd_alloc(struct machine *m)
{
	long pfn = alloc_pages(m, GFP_KERNEL | __GFP_ZERO | __GFP_REPEAT, 0);
	u32 pa, first = m->page_offset >> PGDIR_SHIFT;

	if (pfn < 0)
		return 0;
	pa = (u32)pfn << PAGE_SHIFT;
	memcpy(phys_to_host(m, pa + first * 4),
	       phys_to_host(m, m->swapper_pg_dir + first * 4),
	       (1024 - first) * 4);
	return pa;
}

void
pgd_free(struct machine *m, u32 pgd_pa)
{
	__free_pages(m, pgd_pa >> PAGE_SHIFT, 0);
}

u32
pte_offset(struct machine *m, struct mm_struct *mm, u32 addr)
{
	u32 pde = ram32(m, mm->pgd + (addr >> PGDIR_SHIFT) * 4);

	if (!(pde & _PAGE_PRESENT) || (pde & _PAGE_PSE))
		return 0;
	return (pde & PAGE_MASK) + ((addr >> PAGE_SHIFT) & 1023) * 4;
}

/* A page table for addr: a zeroed lowmem page (pte_alloc_one, with
 * __GFP_ZERO), counted in NR_PAGETABLE (pgtable_page_ctor) and nr_ptes,
 * the PDE _PAGE_TABLE. */
int
__pte_alloc(struct machine *m, struct mm_struct *mm, u32 addr)
{
	long pfn;

	TP_ENTER(m, __pte_alloc, addr);
	pfn = alloc_pages(m, GFP_KERNEL | __GFP_REPEAT | __GFP_ZERO, 0);
	if (pfn < 0) {
		TP_EXIT(m, __pte_alloc, -ENOMEM);
		return -ENOMEM;
	}
	page_stat(m, (u32)pfn, NR_PAGETABLE, 1);
	mm->nr_ptes++;
	set_ram32(m, mm->pgd + (addr >> PGDIR_SHIFT) * 4,
		  ((u32)pfn << PAGE_SHIFT) | _PAGE_TABLE);
	TP_EXIT(m, __pte_alloc, 0);
	return 0;
}

static void
pte_free(struct machine *m, struct mm_struct *mm, u32 pde_pa)
{
	u32 pfn = ram32(m, pde_pa) >> PAGE_SHIFT;

	set_ram32(m, pde_pa, 0);
	page_stat(m, pfn, NR_PAGETABLE, -1);
	mm->nr_ptes--;
	__free_pages(m, pfn, 0);
}

u32
vm_normal_page(struct machine *m, struct vm_area_struct *vma, u32 pte)
{
	u32 pfn = pfn_of(pte);

	if (pte & _PAGE_SPECIAL)
		return PFN_NONE;
	if ((vma->vm_flags & VM_PFNMAP) || !pfn_valid(m, pfn))
		return PFN_NONE;
	return pfn;
}

/* ---- teardown ----------------------------------------------------------- */

static void
zap_pte(struct machine *m, struct mm_struct *mm, struct vm_area_struct *vma,
	u32 pte_pa, u32 pte)
{
	u32 pfn;
	struct page *p;

	set_ram32(m, pte_pa, 0);
	if (!pte_present(pte))
		return;		/* no swap entries yet: nothing to free */
	pfn = vm_normal_page(m, vma, pte);
	if (pfn == PFN_NONE)
		return;
	p = &m->mem_map[pfn];
	if (PageAnon(p)) {
		mm->anon_rss--;
	} else {
		if (pte & _PAGE_DIRTY)
			set_page_dirty(m, pfn);
		if (pte & _PAGE_ACCESSED)
			mark_page_accessed(m, pfn);
		mm->file_rss--;
	}
	page_remove_rmap(m, pfn);
	put_page(m, pfn);
}

/* unmap_vmas: clears the PTEs of [start, end) in vma and the VMAs after
 * it, dropping rmap, rss and page references.  The TLB flush is the
 * caller's (tlb_finish_mmu). */
void
unmap_vmas(struct machine *m, struct mm_struct *mm,
	   struct vm_area_struct *vma, u32 start, u32 end)
{
	update_hiwater_rss(mm);
	for (; vma && vma->vm_start < end; vma = vma->vm_next) {
		u32 s = MAX(start, vma->vm_start), e = MIN(end, vma->vm_end);
		u32 addr = s;

		while (addr < e) {
			u32 next = (addr & PMD_MASK) + PMD_SIZE;
			u32 pte_pa = pte_offset(m, mm, addr);

			if (next > e || next == 0)
				next = e;
			if (pte_pa) {
				for (; addr < next; addr += PAGE_SIZE,
				     pte_pa += 4) {
					u32 pte = ram32(m, pte_pa);

					if (pte)
						zap_pte(m, mm, vma, pte_pa, pte);
				}
			}
			addr = next;
		}
	}
}

/*
 * Frees the page tables of [start, end) that no VMA spans any more:
 * floor is the end of the VMA below the range and ceiling the start of
 * the one above (0: none), so a table shared with a neighbour stays
 * (free_pgd_range's rounding).
 */
void
free_pgtables(struct machine *m, struct mm_struct *mm, u32 start, u32 end,
	      u32 floor, u32 ceiling)
{
	u32 task_size = TASK_SIZE(m), addr;

	if (!end || end > task_size)
		end = task_size;
	addr = start & PMD_MASK;
	if (addr < floor) {
		addr += PMD_SIZE;
		if (!addr)
			return;
	}
	if (ceiling) {
		ceiling &= PMD_MASK;
		if (!ceiling)
			return;
	}
	if (end - 1 > ceiling - 1)
		end -= PMD_SIZE;
	for (; addr < task_size && addr <= end - 1 && end; addr += PMD_SIZE) {
		u32 pde_pa = mm->pgd + (addr >> PGDIR_SHIFT) * 4;

		if (ram32(m, pde_pa) & _PAGE_PRESENT)
			pte_free(m, mm, pde_pa);
		if (addr + PMD_SIZE < addr)
			break;
	}
}

/* ---- fork: copy_page_range ------------------------------------------------ */

int
copy_page_range(struct machine *m, struct mm_struct *dst,
		struct mm_struct *src, struct vm_area_struct *vma)
{
	bool cow = (vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
	u32 addr = vma->vm_start, end = vma->vm_end;
	int err = 0;

	/* Shared and untouched file mappings are refilled by faults. */
	if (!vma->anon_vma &&
	    !(vma->vm_flags & (VM_HUGETLB | VM_NONLINEAR | VM_PFNMAP)))
		return 0;
	TP_ENTER(m, copy_page_range, addr, end);
	while (addr < end) {
		u32 next = (addr & PMD_MASK) + PMD_SIZE;
		u32 spte = pte_offset(m, src, addr), dpte, *s, *d;

		if (next > end || next == 0)
			next = end;
		if (!spte) {
			addr = next;
			continue;
		}
		dpte = pte_offset(m, dst, addr);
		if (!dpte) {
			if (__pte_alloc(m, dst, addr)) {
				err = -ENOMEM;
				break;
			}
			dpte = pte_offset(m, dst, addr);
		}
		/* Both tables' bytes in place once (ram.c), then their
		 * entries as plain words: a fork copies every PTE. */
		s = (u32 *)(void *)phys_to_host(m, spte);
		d = (u32 *)(void *)phys_to_host(m, dpte);
		for (; addr < next; addr += PAGE_SIZE, s++, d++) {
			u32 pte = *s, pfn;

			if (!pte)
				continue;
			if (pte_present(pte)) {
				if (cow && (pte & _PAGE_RW)) {
					pte &= ~_PAGE_RW;
					*s = pte;
				}
				if (vma->vm_flags & VM_SHARED)
					pte &= ~_PAGE_DIRTY;
				pte &= ~_PAGE_ACCESSED;
				pfn = vm_normal_page(m, vma, pte);
				if (pfn != PFN_NONE) {
					struct page *p = &m->mem_map[pfn];

					p->_count++;
					p->_mapcount++;	/* page_dup_rmap */
					if (PageAnon(p))
						dst->anon_rss++;
					else
						dst->file_rss++;
				}
			}
			*d = pte;
		}
	}
	TP_EXIT(m, copy_page_range, err);
	return err;
}

/* ---- faults ---------------------------------------------------------------- */

/* The contents of a new page for the user address vaddr: zeroes, or a
 * copy of src (src/mm/ram.c: a clear only marks the frame's lines, a copy
 * copies the lines that hold bytes).  Highmem frames have no kernel
 * address: the kernel maps them through the KM_USER0 and KM_USER1
 * kmap_atomic slots for the copy, and so does vmdb. */
static void
copy_user_highpage(struct machine *m, u32 dst, u32 src, u32 vaddr)
{
	int cpu = m->this_cpu;
	bool hi = PageHighMem(m, dst) || (src != PFN_NONE &&
					  PageHighMem(m, src));

	if (hi) {
		kmap_atomic(m, dst, KM_USER0, cpu);
		if (src != PFN_NONE)
			kmap_atomic(m, src, KM_USER1, cpu);
	}
	if (src == PFN_NONE)
		ram_clear_frame(m, dst);
	else
		ram_copy_frame(m, dst, src, vaddr);
	if (hi) {
		if (src != PFN_NONE)
			kunmap_atomic(m, kmap_atomic_vaddr(m, KM_USER1, cpu),
				      KM_USER1, cpu);
		kunmap_atomic(m, kmap_atomic_vaddr(m, KM_USER0, cpu),
			      KM_USER0, cpu);
	}
}

static long
alloc_user_page(struct machine *m)
{
	return alloc_pages(m, GFP_HIGHUSER_MOVABLE, 0);
}

/*
 * handle_mm_fault, handle_pte_fault, do_anonymous_page and do_wp_page
 * have split trace points (vmdb/trace.h): every fault runs the first two
 * and one of the others.  They take `traced` and are inlined into
 * handle_mm_fault's two copies.
 */
#define FAULT_PATH	static inline __attribute__((always_inline))

FAULT_PATH int
do_anonymous_page(struct machine *m, struct mm_struct *mm,
		  struct vm_area_struct *vma, u32 addr, u32 pte_pa, bool write,
		  bool traced)
{
	long pfn;
	u32 pte;

	TP_ENTER_IF(traced, m, do_anonymous_page, addr, write);
	if (!write) {
		/* The shared zero page, read-only and special: no
		 * reference, no mapcount, no rss. */
		pte = (zero_pfn(m) << PAGE_SHIFT) | vma->vm_page_prot |
		      _PAGE_SPECIAL;
		m->sched->fault_path = "do_anonymous_page: read, mapped the zero page read-only";
		__set_pte_at(m, addr, pte_pa, pte, traced);
		TP_EXIT_IF(traced, m, do_anonymous_page, 0);
		return 0;
	}
	if (anon_vma_prepare(m, vma)) {
		TP_EXIT_IF(traced, m, do_anonymous_page, VM_FAULT_OOM);
		return VM_FAULT_OOM;
	}
	pfn = alloc_user_page(m);
	if (pfn < 0) {
		TP_EXIT_IF(traced, m, do_anonymous_page, VM_FAULT_OOM);
		return VM_FAULT_OOM;
	}
	copy_user_highpage(m, (u32)pfn, PFN_NONE, addr);
	page_set(&m->mem_map[pfn], PG_uptodate);
	pte = ((u32)pfn << PAGE_SHIFT) | vma->vm_page_prot;
	if (vma->vm_flags & VM_WRITE)
		pte |= _PAGE_DIRTY | _PAGE_RW;
	mm->anon_rss++;
	page_add_new_anon_rmap(m, (u32)pfn, vma, addr);
	__set_pte_at(m, addr, pte_pa, pte, traced);
	m->sched->fault_path = "do_anonymous_page: write, a new zeroed page";
	TP_EXIT_IF(traced, m, do_anonymous_page, 0);
	return 0;
}

/* __do_fault: the page-cache page for pgoff; a private write copies it
 * into a new anonymous page at once (early COW), a shared write dirties
 * it, a read maps it with the VMA's protection. */
static int
__do_fault(struct machine *m, struct mm_struct *mm, struct vm_area_struct *vma,
	   u32 addr, u32 pte_pa, u32 pgoff, bool write)
{
	u32 cpfn, pfn, pte;
	bool anon = false;
	int ret;

	TP_ENTER(m, __do_fault, addr, pgoff, write);
	/* vma->vm_ops->fault: VM_FAULT_MAJOR passes through to the arch
	 * handler, which charges the task. */
	ret = filemap_fault(m, vma->vm_file, pgoff, vma->vm_flags, &cpfn);
	if (ret < 0) {
		ret = ret == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
		goto out;
	}
	pfn = cpfn;
	if (write && !(vma->vm_flags & VM_SHARED)) {
		long npfn;

		anon = true;
		if (anon_vma_prepare(m, vma) ||
		    (npfn = alloc_user_page(m)) < 0) {
			put_page(m, cpfn);
			ret = VM_FAULT_OOM;
			goto out;
		}
		pfn = (u32)npfn;
		copy_user_highpage(m, pfn, cpfn, addr);
		page_set(&m->mem_map[pfn], PG_uptodate);
	}
	pte = (pfn << PAGE_SHIFT) | vma->vm_page_prot;
	if (write) {
		pte |= _PAGE_DIRTY;
		if (vma->vm_flags & VM_WRITE)
			pte |= _PAGE_RW;
	}
	m->sched->fault_path = anon ?
		"__do_fault: private write, copied the page-cache page (early COW)" :
		write ? "__do_fault: shared write, mapped the page-cache page dirty" :
		"__do_fault: read, mapped the page-cache page";
	if (anon) {
		mm->anon_rss++;
		page_add_new_anon_rmap(m, pfn, vma, addr);
	} else {
		mm->file_rss++;
		page_add_file_rmap(m, pfn);
	}
	set_pte_at(m, addr, pte_pa, pte);
	if (!anon && write)
		set_page_dirty(m, pfn);
	if (anon)
		put_page(m, cpfn);	/* the copy is what is mapped */
out:
	TP_EXIT(m, __do_fault, ret);
	return ret;
}

static int
do_linear_fault(struct machine *m, struct mm_struct *mm,
		struct vm_area_struct *vma, u32 addr, u32 pte_pa, bool write)
{
	u32 pgoff = linear_page_index(vma, addr & PAGE_MASK);
	int ret;

	TP_ENTER(m, do_linear_fault, addr, pgoff, write);
	ret = __do_fault(m, mm, vma, addr, pte_pa, pgoff, write);
	TP_EXIT(m, do_linear_fault, ret);
	return ret;
}

u32
ptep_clear_flush(struct machine *m, struct vm_area_struct *vma, u32 addr,
		 u32 pte_pa)
{
	u32 pte = ram32(m, pte_pa);

	set_ram32(m, pte_pa, 0);
	TP_EVENT(m, ptep_clear_flush, addr, pte);
	flush_tlb_page(m, vma, addr);
	return pte;
}

/* ptep_set_access_flags: writes entry if it differs, then flushes the
 * page (the old one may be cached without the new bits). */
static void
ptep_set_access_flags(struct machine *m, struct vm_area_struct *vma,
		      u32 addr, u32 pte_pa, u32 entry)
{
	if (ram32(m, pte_pa) != entry) {
		set_pte_at(m, addr, pte_pa, entry);
		flush_tlb_page(m, vma, addr);
	}
}

/* The PTE is present but read-only and this is a write: reuse the page
 * when nobody else maps it, else copy it (copy-on-write). */
FAULT_PATH int
do_wp_page(struct machine *m, struct mm_struct *mm, struct vm_area_struct *vma,
	   u32 addr, u32 pte_pa, u32 orig, bool traced)
{
	u32 old = vm_normal_page(m, vma, orig), entry;
	long npfn;
	int ret = VM_FAULT_WRITE;

	TP_ENTER_IF(traced, m, do_wp_page, addr, orig);
	if (old != PFN_NONE) {
		struct page *p = &m->mem_map[old];
		bool reuse = false;

		if (PageAnon(p))
			reuse = p->_mapcount == 0;	/* reuse_swap_page */
		else if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) ==
			 (VM_WRITE | VM_SHARED))
			reuse = true;
		if (reuse) {
			entry = orig | _PAGE_ACCESSED;
			if (vma->vm_flags & VM_WRITE)
				entry |= _PAGE_DIRTY | _PAGE_RW;
			ptep_set_access_flags(m, vma, addr, pte_pa, entry);
			if (!PageAnon(p))
				set_page_dirty(m, old);
			m->sched->fault_path = PageAnon(p) ?
				"do_wp_page: reuse, the only mapping (mapcount 1) made writable" :
				"do_wp_page: shared file page made writable and dirty";
			goto out;
		}
	}
	if (anon_vma_prepare(m, vma) || (npfn = alloc_user_page(m)) < 0) {
		ret = VM_FAULT_OOM;
		goto out;
	}
	/* The locked VMA will map the copy: the old page is not locked by
	 * it any more. */
	if (old != PFN_NONE && (vma->vm_flags & VM_LOCKED))
		clear_page_mlock(m, old);
	/* cow_user_page: the copy itself (the zero page is not copied: a
	 * zeroed page replaces it). */
	if (old != PFN_NONE)
		TP_EVENT_IF(traced, m, cow_user_page, addr, old, npfn);
	copy_user_highpage(m, (u32)npfn, old, addr);
	page_set(&m->mem_map[npfn], PG_uptodate);
	if (old == PFN_NONE) {
		mm->anon_rss++;
	} else if (!PageAnon(&m->mem_map[old])) {
		mm->file_rss--;
		mm->anon_rss++;
	}
	entry = ((u32)npfn << PAGE_SHIFT) | vma->vm_page_prot | _PAGE_DIRTY;
	if (vma->vm_flags & VM_WRITE)
		entry |= _PAGE_RW;
	/* No CPU may keep the old translation once the new page is in. */
	ptep_clear_flush(m, vma, addr, pte_pa);
	page_add_new_anon_rmap(m, (u32)npfn, vma, addr);
	__set_pte_at(m, addr, pte_pa, entry, traced);
	m->sched->fault_path = old == PFN_NONE ?
		"do_wp_page: copy of the zero page: a new zeroed page" :
		"do_wp_page: copy-on-write: a new page with a copy";
	if (old != PFN_NONE) {
		page_remove_rmap(m, old);
		put_page(m, old);
	}
out:
	TP_EXIT_IF(traced, m, do_wp_page, ret);
	return ret;
}

FAULT_PATH int
handle_pte_fault(struct machine *m, struct mm_struct *mm,
		 struct vm_area_struct *vma, u32 addr, u32 pte_pa, bool write,
		 bool traced)
{
	u32 pte = ram32(m, pte_pa), entry;
	int ret = 0;

	TP_ENTER_IF(traced, m, handle_pte_fault, addr, pte, write);
	if (!pte_present(pte)) {
		if (!pte) {
			if (vma->vm_file)
				ret = do_linear_fault(m, mm, vma, addr, pte_pa,
						      write);
			else
				ret = do_anonymous_page(m, mm, vma, addr,
							pte_pa, write, traced);
		} else {
			/* Swap and nonlinear-file entries are not made by
			 * this model yet. */
			machine_err(m, -EFAULT, "non-present PTE %08x: no swap "
				    "or nonlinear mapping here", pte);
			ret = VM_FAULT_SIGBUS;
		}
		goto out;
	}
	if (write && !(pte & _PAGE_RW)) {
		ret = do_wp_page(m, mm, vma, addr, pte_pa, pte, traced);
		goto out;
	}
	entry = pte | _PAGE_ACCESSED | (write ? _PAGE_DIRTY : 0);
	m->sched->fault_path = entry != pte ?
		"handle_pte_fault: present, set Accessed/Dirty" :
		"handle_pte_fault: nothing to change: a stale TLB entry, flushed";
	if (entry != pte)
		ptep_set_access_flags(m, vma, addr, pte_pa, entry);
	else if (write)
		flush_tlb_page(m, vma, addr);	/* a stale read-only entry */
out:
	TP_EXIT_IF(traced, m, handle_pte_fault, ret);
	return ret;
}

FAULT_PATH int
handle_mm_fault_(struct machine *m, struct mm_struct *mm,
		 struct vm_area_struct *vma, u32 addr, bool write, bool traced)
{
	u32 pte_pa;
	int ret;

	TP_ENTER_IF(traced, m, handle_mm_fault, addr, write);
	m->sched->fault_path = NULL;
	count_vm_events(m->vm_events, PGFAULT, 1);
	pte_pa = pte_offset(m, mm, addr);
	if (!pte_pa) {
		if (__pte_alloc(m, mm, addr)) {
			TP_EXIT_IF(traced, m, handle_mm_fault, VM_FAULT_OOM);
			return VM_FAULT_OOM;
		}
		pte_pa = pte_offset(m, mm, addr);
	}
	ret = handle_pte_fault(m, mm, vma, addr, pte_pa, write, traced);
	TP_EXIT_IF(traced, m, handle_mm_fault, ret);
	return ret;
}

static int __attribute__((noinline, cold))
handle_mm_fault_traced(struct machine *m, struct mm_struct *mm,
		       struct vm_area_struct *vma, u32 addr, bool write)
{
	return handle_mm_fault_(m, mm, vma, addr, write, true);
}

int
handle_mm_fault(struct machine *m, struct mm_struct *mm,
		struct vm_area_struct *vma, u32 addr, bool write)
{
	if (TP_ARMED(m))
		return handle_mm_fault_traced(m, mm, vma, addr, write);
	return handle_mm_fault_(m, mm, vma, addr, write, false);
}

/* make_pages_present (get_user_pages with force): faults in every page
 * of [start, end), writing where the VMA is writable, which breaks COW
 * as mlock and MAP_POPULATE|MAP_LOCKED do.  Like do_page_fault,
 * get_user_pages charges each fault to the task (current, mm's owner):
 * maj_flt when handle_mm_fault says VM_FAULT_MAJOR, else min_flt. */
int
make_pages_present(struct machine *m, struct mm_struct *mm, u32 start,
		   u32 end)
{
	u32 addr;

	for (addr = start & PAGE_MASK; addr < end; addr += PAGE_SIZE) {
		struct vm_area_struct *vma = find_vma(m, mm, addr);
		bool write;
		u32 pte_pa, pte;
		int ret;

		if (!vma || vma->vm_start > addr)
			return -ENOMEM;
		if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
			continue;	/* PROT_NONE: nothing to fault */
		write = vma->vm_flags & VM_WRITE;
		pte_pa = pte_offset(m, mm, addr);
		pte = pte_pa ? ram32(m, pte_pa) : 0;
		if (pte_present(pte) && (!write || (pte & _PAGE_RW)))
			continue;	/* follow_page found it */
		ret = handle_mm_fault(m, mm, vma, addr, write);
		if (ret & (VM_FAULT_OOM | VM_FAULT_SIGBUS))
			return ret & VM_FAULT_OOM ? -ENOMEM : -EFAULT;
		if (mm->owner && (ret & VM_FAULT_MAJOR))
			mm->owner->maj_flt++;
		else if (mm->owner)
			mm->owner->min_flt++;
	}
	return 0;
}
