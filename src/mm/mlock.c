/* src/mm/mlock.c: locking pages in memory (mm/mlock.c, Linux 2.6.32):
 * mlock/munlock over a range, each VMA's mlock_fixup (merge or split,
 * VM_LOCKED, locked_vm), faulting the pages in, and the pages' move to
 * and from the unevictable LRU list.
 *
 * A page is mlocked (PG_mlocked, counted in NR_MLOCK, on the unevictable
 * list) while some VM_LOCKED VMA maps it.  mlock faults every page of
 * the range in first (as get_user_pages does: write faults where the
 * VMA is writable, which breaks COW so the locked page is the
 * process's own), then marks each mapped page.  munlock clears the mark
 * and puts the page back on an evictable list, unless another VM_LOCKED
 * VMA still maps it (try_to_munlock's rmap walk finds it, and the page
 * stays mlocked).  The shared zero page is never mlocked.
 */
#include "config.h"

#include <errno.h>

#include "vmdb/fs.h"
#include "vmdb/machine.h"
#include "vmdb/mm.h"
#include "vmdb/mmap.h"
#include "vmdb/pgtable.h"
#include "vmdb/vmstat.h"

#include "mm_impl.h"

/* ---- one page ----------------------------------------------------------- */

/*
 * putback_lru_page (mm/vmscan.c): isolate_lru_page takes the page off
 * its list, and it goes back on the one its state now names: the
 * unevictable list while PG_mlocked, else its base list (inactive anon
 * for a swap-backed page, inactive file otherwise) plus LRU_ACTIVE only
 * if PG_active was set when it was isolated.  An unevictable page never
 * has PG_active (going there cleared it), so a page coming back from
 * munlock starts again on the inactive list: it has to earn its place on
 * the active list through the reclaim scans' references, like any page
 * that was never looked at.
 */
static void
putback_lru_page(struct machine *m, u32 pfn)
{
	struct page *p = &m->mem_map[pfn];
	bool was_unevictable = page_test(p, PG_unevictable);
	bool active = page_test(p, PG_active);
	int lru;

	if (!page_test(p, PG_lru))
		return;
	del_page_from_lru(m, pfn);
	if (page_test(p, PG_mlocked)) {
		lru_cache_add_unevictable(m, pfn);
		if (!was_unevictable)
			count_vm_events(m->vm_events, UNEVICTABLE_PGCULLED, 1);
		return;
	}
	lru = page_test(p, PG_swapbacked) ? LRU_INACTIVE_ANON :
					      LRU_INACTIVE_FILE;
	lru_cache_add_lru(m, pfn, active ? lru + LRU_ACTIVE : lru);
	if (was_unevictable)
		count_vm_events(m->vm_events, UNEVICTABLE_PGRESCUED, 1);
}

static void
mlock_vma_page(struct machine *m, u32 pfn)
{
	struct page *p = &m->mem_map[pfn];

	if (page_test(p, PG_mlocked))
		return;
	page_set(p, PG_mlocked);
	mod_zone_page_state(page_zone(m, p), NR_MLOCK, 1);
	count_vm_events(m->vm_events, UNEVICTABLE_PGMLOCKED, 1);
	putback_lru_page(m, pfn);
}

/*
 * is_mlocked_vma (mm/internal.h): a page being mapped into vma for the
 * first time (a fault) is mlocked at once when vma is locked.  Returns
 * whether it is, so the caller puts it on the unevictable list.
 */
bool
is_mlocked_vma(struct machine *m, struct vm_area_struct *vma, u32 pfn)
{
	struct page *p = &m->mem_map[pfn];

	if ((vma->vm_flags & (VM_LOCKED | VM_SPECIAL)) != VM_LOCKED)
		return false;
	if (!page_test(p, PG_mlocked)) {
		page_set(p, PG_mlocked);
		mod_zone_page_state(page_zone(m, p), NR_MLOCK, 1);
		count_vm_events(m->vm_events, UNEVICTABLE_PGMLOCKED, 1);
	}
	return true;
}

/* clear_page_mlock: a locked VMA stops mapping the page without an
 * munlock (do_wp_page copied it): the page loses PG_mlocked and goes
 * back to an evictable list. */
void
clear_page_mlock(struct machine *m, u32 pfn)
{
	struct page *p = &m->mem_map[pfn];

	if (!page_test(p, PG_mlocked))
		return;
	page_clear(p, PG_mlocked);
	if (!p->mapping)
		return;
	mod_zone_page_state(page_zone(m, p), NR_MLOCK, -1);
	count_vm_events(m->vm_events, UNEVICTABLE_PGCLEARED, 1);
	if (page_test(p, PG_lru))
		putback_lru_page(m, pfn);
	else if (page_test(p, PG_unevictable))
		count_vm_events(m->vm_events, UNEVICTABLE_PGSTRANDED, 1);
}

/* The PTE at addr in mm maps pfn. */
static bool
pte_maps(struct machine *m, struct mm_struct *mm, u32 addr, u32 pfn)
{
	u32 pte_pa = pte_offset(m, mm, addr), pte;

	if (!pte_pa)
		return false;
	pte = ram32(m, pte_pa);
	return (pte & _PAGE_PRESENT) && (pte >> PAGE_SHIFT) == pfn;
}

/*
 * try_to_munlock: is pfn mapped by a VM_LOCKED VMA (other than one that
 * is being unlocked: its flag is already clear)?  The kernel walks the
 * page's anon_vma or file mapping; vmdb looks through every mm for the
 * VMAs that mapping reaches and checks the PTE at the page's address.
 */
static bool
page_mlocked_elsewhere(struct machine *m, u32 pfn)
{
	const struct page *p = &m->mem_map[pfn];
	bool anon = PageAnon(p);
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	u32 addr;

	for (mm = m->sched->mms; mm; mm = mm->next_mm) {
		for (vma = mm->mmap; vma; vma = vma->vm_next) {
			if (!(vma->vm_flags & VM_LOCKED))
				continue;
			if (anon ? !vma->anon_vma ||
				   (vma->anon_vma->kaddr | 1u) != p->mapping :
				   !vma->vm_file ||
				   vma->vm_file->mapping != p->mapping)
				continue;
			if (p->index < vma->vm_pgoff)
				continue;
			addr = vma->vm_start +
			       ((p->index - vma->vm_pgoff) << PAGE_SHIFT);
			if (addr >= vma->vm_start && addr < vma->vm_end &&
			    pte_maps(m, mm, addr, pfn))
				return true;
		}
	}
	return false;
}

static void
munlock_vma_page(struct machine *m, u32 pfn)
{
	struct page *p = &m->mem_map[pfn];

	if (!page_test(p, PG_mlocked))
		return;
	page_clear(p, PG_mlocked);
	mod_zone_page_state(page_zone(m, p), NR_MLOCK, -1);
	if (page_test(p, PG_lru) && page_mlocked_elsewhere(m, pfn)) {
		/* try_to_munlock found a locked VMA and mlocked the page
		 * again (SWAP_MLOCK): it stays on the unevictable list. */
		page_set(p, PG_mlocked);
		mod_zone_page_state(page_zone(m, p), NR_MLOCK, 1);
		count_vm_events(m->vm_events, UNEVICTABLE_PGMLOCKED, 1);
		return;
	}
	if (page_test(p, PG_lru)) {
		count_vm_events(m->vm_events, UNEVICTABLE_PGMUNLOCKED, 1);
		putback_lru_page(m, pfn);
	} else {
		count_vm_events(m->vm_events, page_test(p, PG_unevictable) ?
				UNEVICTABLE_PGSTRANDED :
				UNEVICTABLE_PGMUNLOCKED, 1);
	}
}

/* ---- a range of a VMA --------------------------------------------------- */

/* Calls fn on the page behind every present PTE of [start, end) that
 * has a struct page and a mapping (follow_page: not the zero page). */
static void
for_each_mapped_page(struct machine *m, struct vm_area_struct *vma,
		     u32 start, u32 end, void (*fn)(struct machine *, u32))
{
	u32 addr = start, next, pte_pa, pte, pfn;

	while (addr < end) {
		next = (addr + PGDIR_SIZE) & PGDIR_MASK;
		if (!next || next > end)
			next = end;
		pte_pa = pte_offset(m, vma->vm_mm, addr);
		for (; pte_pa && addr < next; addr += PAGE_SIZE, pte_pa += 4) {
			pte = ram32(m, pte_pa);
			if (!(pte & _PAGE_PRESENT))
				continue;
			pfn = vm_normal_page(m, vma, pte);
			if (pfn != PFN_NONE && m->mem_map[pfn].mapping)
				fn(m, pfn);
		}
		addr = next;
	}
}

/* VMAs that never get VM_LOCKED: I/O and pfn maps are left alone;
 * kernel pages mapped to user space and huge pages are only populated
 * (populate set). */
static bool
vma_unlockable(const struct vm_area_struct *vma, bool *populate)
{
	*populate = !(vma->vm_flags & (VM_IO | VM_PFNMAP));
	return (vma->vm_flags & (VM_SPECIAL | VM_HUGETLB)) != 0;
}

/*
 * __mlock_vma_pages_range: faults [start, end) of a VM_LOCKED vma in
 * (write faults if VM_WRITE) and mlocks every page it maps.  Returns 0,
 * or the POSIX error of a failed fault: -EAGAIN for lack of memory,
 * -ENOMEM for an address that cannot be faulted.
 */
static int
mlock_range(struct machine *m, struct vm_area_struct *vma, u32 start,
	    u32 end)
{
	int err;

	/* get_user_pages without FOLL_FORCE reads only where VM_READ is
	 * set (writes where VM_WRITE is): a PROT_NONE or exec-only VMA
	 * cannot be faulted, and 2.6.32's mlock fails with -ENOMEM after
	 * the VMA was marked VM_LOCKED. */
	if (!(vma->vm_flags & (VM_READ | VM_WRITE)))
		return machine_err(m, -ENOMEM, "%08x-%08x is neither readable "
				   "nor writable: get_user_pages cannot fault "
				   "it in", vma->vm_start, vma->vm_end);
	err = make_pages_present(m, vma->vm_mm, start, end);

	for_each_mapped_page(m, vma, start, end, mlock_vma_page);
	if (err == -ENOMEM)
		return machine_err(m, -EAGAIN, "no memory to fault the "
				   "range in");
	if (err < 0)
		return machine_err(m, -ENOMEM, "a page of %08x-%08x cannot be "
				   "faulted in", start, end);
	return 0;
}

/*
 * mlock_vma_pages_range: for a new or grown VM_LOCKED area (mmap with
 * MAP_LOCKED, brk or mremap of a locked VMA).  Faults the range in and
 * mlocks it.  A VMA mlock cannot lock (VM_SPECIAL) is only populated and
 * loses VM_LOCKED; the return value is then the pages the caller must
 * not count in locked_vm, else 0.
 */
int
mlock_vma_pages_range(struct machine *m, struct vm_area_struct *vma,
		      u32 start, u32 end)
{
	bool populate;

	if (vma_unlockable(vma, &populate)) {
		if (populate)
			make_pages_present(m, vma->vm_mm, start, end);
		vma->vm_flags &= ~VM_LOCKED;
		return (int)((end - start) >> PAGE_SHIFT);
	}
	mlock_range(m, vma, start, end);	/* errors hidden from callers */
	return 0;
}

/* munlock_vma_pages_all: vma stops being locked (munmap, exit); its
 * pages are munlocked unless another locked VMA maps them. */
void
munlock_vma_pages(struct machine *m, struct vm_area_struct *vma)
{
	vma->vm_flags &= ~VM_LOCKED;
	for_each_mapped_page(m, vma, vma->vm_start, vma->vm_end,
			     munlock_vma_page);
}

/* ---- the system calls --------------------------------------------------- */

/*
 * [start, end) of vma gets newflags (VM_LOCKED set or cleared): merged
 * into a neighbour or split off, locked_vm adjusted, then the pages
 * faulted in and mlocked, or munlocked.  *pprev is left at the VMA that
 * now covers the range.
 */
static int
mlock_fixup(struct machine *m, struct vm_area_struct *vma,
	    struct vm_area_struct **pprev, u32 start, u32 end, u32 newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	long nr_pages = (long)((end - start) >> PAGE_SHIFT);
	bool lock = newflags & VM_LOCKED;
	bool populate;
	int err = 0;

	if (newflags == vma->vm_flags) {
		*pprev = vma;
		return 0;
	}
	if (vma_unlockable(vma, &populate)) {
		/* No VM_LOCKED, no count. */
		if (lock && populate)
			make_pages_present(m, mm, start, end);
		*pprev = vma;
		return 0;
	}
	TP_ENTER(m, mlock_fixup, start, end, newflags);
	err = vma_merge_or_split(m, mm, &vma, pprev, start, end, newflags);
	if (err)
		goto out;
	mm->locked_vm += (unsigned long)(lock ? nr_pages : -nr_pages);
	vma->vm_flags = newflags;
	if (lock)
		err = mlock_range(m, vma, start, end);
	else
		for_each_mapped_page(m, vma, start, end, munlock_vma_page);
out:
	TP_EXIT(m, mlock_fixup, err);
	return err;
}

/*
 * mlock(start, len) (lock) or munlock (!lock).  start is rounded down
 * and len up to whole pages.  The task is unprivileged: mlock needs a
 * non-zero RLIMIT_MEMLOCK (-EPERM) and locked_vm plus the range must
 * stay within it (-ENOMEM; the range is counted whole even where it is
 * locked already, as 2.6.32 does).  -ENOMEM when part of the range is
 * not mapped: vmdb finds that before changing anything, the kernel only
 * when it reaches the hole.
 */
int
sys_mlock(struct machine *m, struct mm_struct *mm, u32 start, u32 len,
	  bool lock)
{
	struct vm_area_struct *vma, *prev, *v;
	u32 end, nstart, tmp, newflags;
	u64 aligned = ((u64)len + (start & ~PAGE_MASK) + PAGE_SIZE - 1) &
		      ~(u64)(PAGE_SIZE - 1);
	int err;

	start &= PAGE_MASK;
	if (lock && !can_do_mlock(m, mm))
		return machine_err(m, -EPERM, "RLIMIT_MEMLOCK is 0 and the "
				   "task lacks CAP_IPC_LOCK");
	if (lock && over_mlock_limit(m, mm, aligned >> PAGE_SHIFT))
		return machine_err(m, -ENOMEM, "locked_vm would exceed "
				   "RLIMIT_MEMLOCK (%u KiB)",
				   mm_rlimit(m, mm, RLIMIT_MEMLOCK) >> 10);
	if (!aligned)
		return 0;
	if (start + aligned >= 0x100000000ull)
		return machine_err(m, -EINVAL, "the range wraps past 4 GiB");
	end = (u32)(start + aligned);

	vma = find_vma_prev(m, mm, start, &prev);
	if (!vma || vma->vm_start > start)
		return machine_err(m, -ENOMEM, "nothing is mapped at %08x",
				   start);
	for (v = vma; v->vm_end < end; v = v->vm_next)
		if (!v->vm_next || v->vm_next->vm_start != v->vm_end)
			return machine_err(m, -ENOMEM, "nothing is mapped at "
					   "%08x", v->vm_end);
	if (start > vma->vm_start)
		prev = vma;

	for (nstart = start;;) {
		newflags = lock ? vma->vm_flags | VM_LOCKED :
				  vma->vm_flags & ~VM_LOCKED;
		tmp = vma->vm_end < end ? vma->vm_end : end;
		err = mlock_fixup(m, vma, &prev, nstart, tmp, newflags);
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
