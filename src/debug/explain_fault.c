/* debug/explain_fault.c: the sentences of a page fault's trace points,
 * from do_page_fault (arch/x86/mm/fault.c) through handle_mm_fault's
 * cases (mm/memory.c: the zero page, a new anonymous page, a page-cache
 * page, copy-on-write) to the PTE written; and of fork's copy of the
 * address space (kernel/fork.c dup_mmap, copy_page_range), which sets up
 * the copy-on-write.  Gorman chapter 4.6 describes page faulting. */
#include "config.h"

#include "vmdb/fs.h"
#include "vmdb/highmem.h"
#include "vmdb/mmap.h"
#include "vmdb/mmu.h"
#include "vmdb/pgtable.h"

#include "explain_impl.h"

/* The VMA of the current mm at addr, or NULL. */
static struct vm_area_struct *
cur_vma(struct xctx *x, u32 addr)
{
	return x_vma_at(x_cur_mm(x->m), addr);
}

static void
do_page_fault_enter(struct xctx *x)
{
	struct machine *m = x->m;
	u32 addr = xarg32(x, 0), err = xarg32(x, 1);
	struct mm_struct *mm = x_cur_mm(m);

	say(x, "do_page_fault handles the fault at 0x%08x; ", addr);
	if (addr >= TASK_SIZE(m)) {
		if (addr >= m->vmalloc_start && addr < m->vmalloc_end &&
		    !(err & (PF_RSVD | PF_USER | PF_PROT)))
			say(x, "it is a kernel address in the vmalloc area, so "
			    "vmalloc_fault may fix it from swapper_pg_dir");
		else
			say(x, "it is a kernel address, and only a spurious "
			    "fault (a stale, stricter TLB entry) can be fixed");
		return;
	}
	if (mm == NULL) {
		say(x, "it is a user address, but the task has no mm, so the "
		    "access is bad");
		return;
	}
	say(x, "it is a user address, so it looks up the VMA of ");
	x_mm_name(x, mm);
	say(x, " that covers it (find_vma)");
}

static void
force_sig_enter(struct xctx *x)
{
	struct task_struct *t = find_task_by_pid(x->m, (int)xarg(x, 2));
	long sig = xarg(x, 0);

	say(x, "The fault at 0x%08x cannot be fixed, so force_sig_info sends "
	    "%s to pid %ld", xarg32(x, 1), sig == 11 ? "SIGSEGV" :
	    sig == 7 ? "SIGBUS" : "a signal", xarg(x, 2));
	if (t)
		say(x, " (%s)", t->comm);
	say(x, "; vmdb's tasks have no signal handlers, so it dies (do_exit) "
	    "and its memory goes back");
}

static void
vmalloc_fault_enter(struct xctx *x)
{
	struct machine *m = x->m;
	u32 addr = xarg32(x, 0), idx = addr >> PGDIR_SHIFT;
	u32 pgd = m->cpus[m->this_cpu].cr3 & PAGE_MASK;

	if (addr < m->vmalloc_start || addr >= m->vmalloc_end)
		say(x, "vmalloc_fault cannot help with 0x%08x, which is "
		    "outside the vmalloc area", addr);
	else if (!(phys_read32(m, m->swapper_pg_dir + idx * 4) &
		   _PAGE_PRESENT))
		say(x, "vmalloc_fault finds no page table for 0x%08x in "
		    "swapper_pg_dir either; the address is not mapped", addr);
	else if (!(phys_read32(m, pgd + idx * 4) & _PAGE_PRESENT))
		say(x, "The page directory in CR3 lacks the entry for 0x%08x "
		    "that swapper_pg_dir has (its page table was made after "
		    "this directory was copied), so vmalloc_fault copies it",
		    addr);
	else
		say(x, "The page directory in CR3 has the kernel's entry for "
		    "0x%08x already; vmalloc_fault only checks that the PTE is "
		    "present", addr);
}

static void
vmalloc_fault_exit(struct xctx *x)
{
	say(x, x->ev->ret == 0 ? "vmalloc_fault fixed it; the access is "
	    "retried" : "vmalloc_fault cannot fix it");
}

static void
find_vma_enter(struct xctx *x)
{
	u32 addr = xarg32(x, 0), start = xarg32(x, 1), end = xarg32(x, 2);
	struct mm_struct *mm = x_cur_mm(x->m);
	struct vm_area_struct *v = x_vma_at(mm, start);

	if (start == 0 && end == 0) {
		say(x, "find_vma finds no VMA ending above 0x%08x; the address "
		    "lies above every mapping", addr);
		return;
	}
	if (start <= addr)
		say(x, "find_vma finds the VMA that covers 0x%08x, ", addr);
	else
		say(x, "find_vma finds no VMA covering 0x%08x; the next one up "
		    "is ", addr);
	if (v && v->vm_start == start && v->vm_end == end)
		x_vma_desc(x, v);
	else
		say(x, "%08x-%08x", start, end);
	if (start > addr)
		say(x, v && (v->vm_flags & VM_GROWSDOWN) ?
		    ", a stack that may grow down to it" :
		    ", which does not reach down to it");
}

static void
expand_stack_enter(struct xctx *x)
{
	u32 addr = xarg32(x, 0), start = xarg32(x, 1);

	if (addr >= start)
		say(x, "expand_stack finds 0x%08x inside the stack already; "
		    "nothing to grow", addr);
	else
		say(x, "expand_stack grows the stack VMA down from 0x%08x to "
		    "0x%08x (%u more pages), if RLIMIT_STACK and the VMA below "
		    "allow it", start, addr, (start - addr) / PAGE_SIZE);
}

static void
handle_mm_fault_enter(struct xctx *x)
{
	struct mm_struct *mm = x_cur_mm(x->m);
	u32 addr = xarg32(x, 0);

	say(x, "handle_mm_fault handles a %s of 0x%08x in ",
	    xarg(x, 1) ? "write" : "read", addr);
	x_mm_name(x, mm);
	if (mm && pte_offset(x->m, mm, addr))
		say(x, "; the page table covering it exists");
	else
		say(x, "; no page table covers it yet, so __pte_alloc makes "
		    "one first");
}

static void
handle_mm_fault_exit(struct xctx *x)
{
	long r = x->ev->ret;

	if (r & VM_FAULT_OOM)
		say(x, "handle_mm_fault fails, out of memory");
	else if (r & VM_FAULT_SIGBUS)
		say(x, "handle_mm_fault fails; the task gets SIGBUS");
	else if (r & VM_FAULT_MAJOR)
		say(x, "handle_mm_fault returns a major fault (the page was "
		    "read from disk)");
	else
		say(x, "handle_mm_fault returns a minor fault (no disk read)");
}

static void
pte_alloc_enter(struct xctx *x)
{
	u32 addr = xarg32(x, 0), base = addr & ~((1u << PGDIR_SHIFT) - 1);

	say(x, "__pte_alloc allocates a zeroed page as the page table for "
	    "0x%08x-0x%08x (4 MiB) and points PDE %u at it", base,
	    base + ((1u << PGDIR_SHIFT) - 1), addr >> PGDIR_SHIFT);
}

static void
handle_pte_fault_enter(struct xctx *x)
{
	u32 addr = xarg32(x, 0), pte = xarg32(x, 1), want;
	bool write = xarg(x, 2);
	struct vm_area_struct *v = cur_vma(x, addr);

	if (pte == 0) {
		say(x, "The PTE of 0x%08x is empty", addr);
		if (v && v->vm_file)
			say(x, " and the VMA maps %s, so do_linear_fault gets "
			    "the page through the page cache",
			    v->vm_file->name);
		else if (write)
			say(x, " and the memory is anonymous, so "
			    "do_anonymous_page gives it a new zeroed page");
		else
			say(x, " and the memory is anonymous, so for this read "
			    "do_anonymous_page maps the shared zero page");
		return;
	}
	if (!(pte & (_PAGE_PRESENT | _PAGE_PROTNONE))) {
		say(x, "The PTE of 0x%08x holds 0x%08x, a swap or nonlinear "
		    "file entry", addr, pte);
		return;
	}
	if (write && !(pte & _PAGE_RW)) {
		say(x, "The PTE of 0x%08x is present but read-only and this is "
		    "a write, so do_wp_page decides whether the page must be "
		    "copied", addr);
		return;
	}
	want = pte | _PAGE_ACCESSED | (write ? _PAGE_DIRTY : 0);
	say(x, "The PTE of 0x%08x is present and allows the %s", addr,
	    write ? "write" : "read");
	if (want != pte)
		say(x, ", so handle_pte_fault only sets %s in it",
		    (want & ~pte) == _PAGE_ACCESSED ? "Accessed" :
		    (want & ~pte) == _PAGE_DIRTY ? "Dirty" :
		    "Accessed and Dirty");
	else if (write)
		say(x, " and has nothing to change; a stale read-only TLB "
		    "entry caused the fault, so handle_pte_fault flushes it");
	else
		say(x, " and has nothing to change");
}

static void
do_anonymous_page_enter(struct xctx *x)
{
	struct vm_area_struct *v = cur_vma(x, xarg32(x, 0));

	if (!xarg(x, 1)) {
		say(x, "A read of untouched anonymous memory; "
		    "do_anonymous_page maps the shared zero page (pfn 0x%x) "
		    "read-only, and the first write will give the process a "
		    "page of its own",
		    zero_pfn(x->m));
		return;
	}
	say(x, "A write to untouched anonymous memory; do_anonymous_page ");
	if (v && !v->anon_vma)
		say(x, "gives the VMA an anon_vma (anon_vma_prepare), ");
	say(x, "allocates a page (GFP_HIGHUSER_MOVABLE), zeroes it, adds it to "
	    "the VMA's anon_vma for rmap and maps it writable");
}

static void
do_linear_fault_enter(struct xctx *x)
{
	struct vm_area_struct *v = cur_vma(x, xarg32(x, 0));

	say(x, "0x%08x is page %ld of ", xarg32(x, 0), xarg(x, 1));
	if (v && v->vm_file)
		say(x, "%s (the VMA starts at page %u of the file)",
		    v->vm_file->name, v->vm_pgoff);
	else
		say(x, "the mapped file");
	say(x, ", so do_linear_fault hands the fault to __do_fault");
}

static void
do_fault_enter(struct xctx *x)
{
	struct vm_area_struct *v = cur_vma(x, xarg32(x, 0));
	const char *name = v && v->vm_file ? v->vm_file->name : "the file";
	bool shared = v && (v->vm_flags & VM_SHARED);
	long pgoff = xarg(x, 1);

	if (xarg(x, 2) && !shared)
		say(x, "A write to a private file mapping; __do_fault gets "
		    "page %ld of %s from the page cache and copies it into a "
		    "new anonymous page at once, so the file's page stays "
		    "clean and shared", pgoff, name);
	else if (xarg(x, 2))
		say(x, "A write to a shared file mapping; __do_fault maps page "
		    "%ld of %s from the page cache writable and marks it "
		    "dirty, to be written back", pgoff, name);
	else
		say(x, "A read; __do_fault maps page %ld of %s from the page "
		    "cache%s", pgoff, name, v && !shared &&
		    (v->vm_flags & VM_WRITE) ? " read-only, so that a later "
		    "write copies it" : "");
}

static void
do_wp_page_enter(struct xctx *x)
{
	struct machine *m = x->m;
	u32 addr = xarg32(x, 0), pte = xarg32(x, 1), pfn = pte >> PAGE_SHIFT;
	struct vm_area_struct *v = cur_vma(x, addr);
	struct page *p;
	int maps;

	if ((pte & _PAGE_SPECIAL) || pfn == zero_pfn(m) || !pfn_valid(m, pfn)) {
		say(x, "The PTE maps the shared zero page read-only, so "
		    "do_wp_page gives the process a zeroed page of its own");
		return;
	}
	p = &m->mem_map[pfn];
	maps = p->_mapcount + 1;
	if (PageAnon(p) && maps <= 1)
		say(x, "The PTE is write-protected but only this process maps "
		    "the page (mapcount %d), so do_wp_page reuses it and just "
		    "makes the PTE writable", maps);
	else if (PageAnon(p))
		say(x, "The PTE is write-protected and the page is shared by "
		    "%d processes, so do_wp_page must copy it", maps);
	else if (v && (v->vm_flags & (VM_WRITE | VM_SHARED)) ==
		 (VM_WRITE | VM_SHARED))
		say(x, "The PTE maps a page-cache page of a shared writable "
		    "mapping, so do_wp_page makes it writable and dirty in "
		    "place");
	else
		say(x, "The PTE maps a page-cache page read-only in a private "
		    "mapping, so do_wp_page copies it into a new anonymous "
		    "page and leaves the file's page as it is");
}

static void
cow_user_page_enter(struct xctx *x)
{
	struct machine *m = x->m;
	long src = xarg(x, 1), dst = xarg(x, 2);
	bool hs = x_pfn_zone(m, src) && PageHighMem(m, (u32)src);
	bool hd = x_pfn_zone(m, dst) && PageHighMem(m, (u32)dst);

	say(x, "cow_user_page copies the 4 KiB of pfn 0x%lx into the new pfn "
	    "0x%lx for 0x%08x", src, dst, xarg32(x, 0));
	if (hs || hd)
		say(x, "; HighMem has no kernel address, so kmap_atomic maps %s",
		    hs && hd ? "the copy at KM_USER0 and the original at "
		    "KM_USER1" : hd ? "the copy at KM_USER0" :
		    "the original at KM_USER1");
	else
		say(x, ", both through their direct-mapped kernel addresses");
}

static void
set_pte_enter(struct xctx *x)
{
	u32 addr = xarg32(x, 0), pte = xarg32(x, 2);

	say(x, "set_pte writes 0x%08x into the PTE of 0x%08x (at physical "
	    "0x%08x)", pte, addr, xarg32(x, 1));
	if (!(pte & _PAGE_PRESENT))
		return;
	if (pte >> PAGE_SHIFT == zero_pfn(x->m))
		say(x, "; it maps the zero page, read-only");
	else
		say(x, "; it maps frame 0x%08x %s, %s%s", pte & PAGE_MASK,
		    pte & _PAGE_RW ? "writable" : "read-only",
		    pte & _PAGE_USER ? "for user mode" : "for the kernel only",
		    pte & _PAGE_DIRTY ? ", already dirty" : "");
}

static void
ptep_clear_flush_enter(struct xctx *x)
{
	u32 pte = xarg32(x, 1);

	say(x, "ptep_clear_flush empties the PTE of 0x%08x (it held 0x%08x) "
	    "and flushes it from the TLBs before anything new is written "
	    "there, so no CPU goes on using frame 0x%08x", xarg32(x, 0), pte,
	    pte & PAGE_MASK);
}

static void
dup_mmap_enter(struct xctx *x)
{
	struct mm_struct *old = x_mm_by_kaddr(x->m, xarg(x, 0));

	say(x, "fork's dup_mmap copies the ");
	if (old)
		say(x, "%d ", old->map_count);
	say(x, "VMAs of ");
	x_mm_name(x, old);
	say(x, " into the child's new mm, and the PTEs of those that have an "
	    "anon_vma (copy_page_range); the rest fill again by faults");
}

static void
copy_page_range_enter(struct xctx *x)
{
	struct machine *m = x->m;
	u32 start = xarg32(x, 0), end = xarg32(x, 1), n = 0, best = 0;
	struct vm_area_struct *v = NULL, *w;
	struct mm_struct *mm;

	/* Parent and child both have the VMA; the parent's has the PTEs. */
	for (mm = m->sched ? m->sched->mms : NULL; mm; mm = mm->next_mm) {
		w = x_vma_at(mm, start);
		if (!w || w->vm_start != start || w->vm_end != end)
			continue;
		n = x_present_ptes(m, mm, start, end);
		if (!v || n > best) {
			v = w;
			best = n;
		}
	}
	say(x, "copy_page_range copies the PTEs of ");
	if (v == NULL) {
		say(x, "0x%08x-0x%08x", start, end);
		return;
	}
	x_vma_desc(x, v);
	say(x, " (%u page%s mapped)", best, best == 1 ? "" : "s");
	if ((v->vm_flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE)
		say(x, "; the mapping is private and may be written, so each "
		    "writable PTE loses its write bit in parent and child "
		    "alike, and the first write on either side copies the page "
		    "(COW)");
	else
		say(x, "; parent and child map the same pages, as they are");
	say(x, "; each page's mapcount goes up by one");
}

const struct explain_row explain_rows_fault[] = {
	{ TP_do_page_fault, "4.6", do_page_fault_enter, NULL },
	{ TP_force_sig_info, "4.6", force_sig_enter, NULL },
	{ TP_vmalloc_fault, "4.6", vmalloc_fault_enter, vmalloc_fault_exit },
	{ TP_find_vma, "4.4", find_vma_enter, NULL },
	{ TP_expand_stack, "4.6", expand_stack_enter, NULL },
	{ TP_handle_mm_fault, "4.6", handle_mm_fault_enter,
	  handle_mm_fault_exit },
	{ TP___pte_alloc, "3", pte_alloc_enter, NULL },
	{ TP_handle_pte_fault, "4.6", handle_pte_fault_enter, NULL },
	{ TP_do_anonymous_page, "4.6", do_anonymous_page_enter, NULL },
	{ TP_do_linear_fault, "4.6", do_linear_fault_enter, NULL },
	{ TP___do_fault, "4.6", do_fault_enter, NULL },
	{ TP_do_wp_page, "4.6", do_wp_page_enter, NULL },
	{ TP_cow_user_page, "4.6", cow_user_page_enter, NULL },
	{ TP_set_pte, "3", set_pte_enter, NULL },
	{ TP_ptep_clear_flush, "3", ptep_clear_flush_enter, NULL },
	{ TP_dup_mmap, "4", dup_mmap_enter, NULL },
	{ TP_copy_page_range, "4.6", copy_page_range_enter, NULL },
	{ 0, NULL, NULL, NULL }
};
