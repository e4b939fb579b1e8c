/* src/mm/mm_check.c: the invariants of every address space, for `check`
 * and --paranoid.  What must hold between commands:
 *
 *  VMAs	the list is sorted, page-aligned, non-overlapping, below
 *		TASK_SIZE, owned by its mm, map_count long; the red-black
 *		tree is valid and its in-order walk is the list; mmap_cache
 *		is on the list; total_vm and locked_vm are the sums of the
 *		VMAs' pages (locked ones), shared_vm, exec_vm, stack_vm and
 *		reserved_vm what vm_stat_account says of each VMA;
 *		every anon_vma's nr_vmas counts the VMAs that use it.
 *  PTEs	a user page table per present user PDE (nr_ptes of them);
 *		every non-empty PTE lies in a VMA; a present one is a user
 *		PTE, present exactly when the VMA's protection is (PROT_NONE
 *		PTEs are not), writable only if the VMA is; in a private
 *		mapping only an anonymous page mapped once may be writable;
 *		the zero page never; an anonymous page has the VMA's
 *		anon_vma and its linear index, a file page the file's
 *		mapping and index.
 *  pages	_mapcount + 1 is the number of PTEs mapping the page in all
 *		mms; _count holds at least one reference per mapping, plus
 *		the page cache's for a cached page; an anonymous page mapped
 *		more than once (COW-shared) is read-only everywhere.
 *  rss		anon_rss and file_rss count the mm's PTEs of each kind.
 *
 * Two neighbours that vma_merge could join are not an error: the kernel
 * does not always merge (mprotect back to the old protection joins, but
 * a later mmap next to a VMA with an anon_vma may not).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "vmdb/check.h"
#include "vmdb/fs.h"
#include "vmdb/machine.h"
#include "vmdb/mmap.h"
#include "vmdb/out.h"
#include "vmdb/pgtable.h"
#include "vmdb/util.h"

#include "mm_impl.h"

#define FAIL CHECK_FAIL

/* anon_vmas seen, with the VMAs pointing at them. */
struct av_count {
	struct anon_vma **av;
	int *n;
	int len, cap;
};

static void
av_count_add(struct av_count *ac, struct anon_vma *av)
{
	int i;

	for (i = 0; i < ac->len; i++)
		if (ac->av[i] == av) {
			ac->n[i]++;
			return;
		}
	if (ac->len == ac->cap) {
		ac->cap = ac->cap ? 2 * ac->cap : 16;
		ac->av = xrealloc(ac->av, (size_t)ac->cap * sizeof(*ac->av));
		ac->n = xrealloc(ac->n, (size_t)ac->cap * sizeof(*ac->n));
	}
	ac->av[ac->len] = av;
	ac->n[ac->len++] = 1;
}

/* The counters vm_stat_account keeps, summed over the VMAs. */
struct vm_sums {
	unsigned long total, locked;
	struct mm_struct acct;	/* shared_vm, exec_vm, stack_vm, reserved_vm */
};

static int
check_vma_list(struct machine *m, struct mm_struct *mm, const char *who,
	       struct av_count *ac, struct out *o)
{
	struct vm_area_struct *vma, *prev = NULL;
	struct vm_sums s = { 0 };
	struct rb_node *rb = rb_first(&mm->mm_rb);
	bool cache_seen = !mm->mmap_cache;
	int nerr = 0, n = 0;
	char why[128];

	if (rb_verify(&mm->mm_rb, why, sizeof(why)) < 0)
		FAIL("mm: %s: VMA tree: %s\n", who, why);
	for (vma = mm->mmap; vma && n <= mm->map_count + 1;
	     prev = vma, vma = vma->vm_next, n++) {
		unsigned long pages = (vma->vm_end - vma->vm_start) >>
				      PAGE_SHIFT;

		if (vma->vm_mm != mm)
			FAIL("mm: %s: VMA %08x-%08x belongs to another mm\n",
			     who, vma->vm_start, vma->vm_end);
		if (vma->vm_start >= vma->vm_end ||
		    ((vma->vm_start | vma->vm_end) & ~PAGE_MASK) ||
		    vma->vm_end > TASK_SIZE(m))
			FAIL("mm: %s: VMA %08x-%08x is empty, unaligned or "
			     "above TASK_SIZE\n", who, vma->vm_start,
			     vma->vm_end);
		if (prev && prev->vm_end > vma->vm_start)
			FAIL("mm: %s: VMAs %08x-%08x and %08x-%08x are out "
			     "of order or overlap\n", who, prev->vm_start,
			     prev->vm_end, vma->vm_start, vma->vm_end);
		if (rb != &vma->vm_rb)
			FAIL("mm: %s: VMA %08x-%08x: the tree's in-order "
			     "walk has another VMA here\n", who, vma->vm_start,
			     vma->vm_end);
		rb = rb ? rb_next(rb) : NULL;
		if (vma == mm->mmap_cache)
			cache_seen = true;
		if (vma->anon_vma)
			av_count_add(ac, vma->anon_vma);
		s.total += pages;
		if (vma->vm_flags & VM_LOCKED)
			s.locked += pages;
		vm_stat_account(&s.acct, vma->vm_flags, vma->vm_file,
				(long)pages);
	}
	if (n != mm->map_count)
		FAIL("mm: %s: map_count %d but %d VMAs on the list\n", who,
		     mm->map_count, n);
	if (rb)
		FAIL("mm: %s: the VMA tree has nodes the list lacks\n",
		     who);
	if (!cache_seen)
		FAIL("mm: %s: mmap_cache points at a VMA not on the list\n",
		     who);
	if (!mm->mm_users)
		return nerr;	/* exit_mmap ran: the counters are history */
	if (s.total != mm->total_vm)
		FAIL("mm: %s: total_vm %lu but the VMAs hold %lu pages\n",
		     who, mm->total_vm, s.total);
	if (s.locked != mm->locked_vm)
		FAIL("mm: %s: locked_vm %lu but VM_LOCKED VMAs hold %lu "
		     "pages\n", who, mm->locked_vm, s.locked);
	if (s.acct.shared_vm != mm->shared_vm ||
	    s.acct.exec_vm != mm->exec_vm || s.acct.stack_vm != mm->stack_vm ||
	    s.acct.reserved_vm != mm->reserved_vm)
		FAIL("mm: %s: shared/exec/stack/reserved_vm %lu/%lu/%lu/%lu "
		     "but the VMAs account %lu/%lu/%lu/%lu\n", who,
		     mm->shared_vm, mm->exec_vm, mm->stack_vm, mm->reserved_vm,
		     s.acct.shared_vm, s.acct.exec_vm, s.acct.stack_vm,
		     s.acct.reserved_vm);
	return nerr;
}

/* One present PTE at addr of vma, mapping a normal page pfn (or
 * PFN_NONE for a special one). */
static int
check_present_pte(struct machine *m, struct vm_area_struct *vma,
		  const char *who, u32 addr, u32 pte, u32 pfn, struct out *o)
{
	const struct page *p = pfn != PFN_NONE ? &m->mem_map[pfn] : NULL;
	bool rw = pte & _PAGE_RW;
	int nerr = 0;

	if ((pte & _PAGE_PRESENT) && !(pte & _PAGE_USER))
		FAIL("mm: %s: %08x: PTE %08x lacks the user bit\n", who,
		     addr, pte);
	if ((pte & _PAGE_PRESENT) != (vma->vm_page_prot & _PAGE_PRESENT))
		FAIL("mm: %s: %08x: PTE %08x is %s but the VMA's "
		     "protection is %03x\n", who, addr, pte,
		     pte & _PAGE_PRESENT ? "present" : "PROT_NONE",
		     vma->vm_page_prot);
	if (rw && !(vma->vm_flags & VM_WRITE))
		FAIL("mm: %s: %08x: PTE %08x is writable in a VMA without "
		     "VM_WRITE\n", who, addr, pte);
	if (!p) {
		if (rw)
			FAIL("mm: %s: %08x: the zero page (or a special "
			     "page) is mapped writable\n", who, addr);
		return nerr;
	}
	if (rw && PageAnon(p) && p->_mapcount > 0)
		FAIL("mm: %s: %08x: pfn %08x is mapped %d times "
		     "(COW-shared) but writable here\n", who, addr, pfn,
		     p->_mapcount + 1);
	else if (rw && !(vma->vm_flags & VM_SHARED) && !PageAnon(p))
		FAIL("mm: %s: %08x: page-cache pfn %08x is writable in a "
		     "private mapping\n", who, addr, pfn);
	if (PageAnon(p)) {
		if (!vma->anon_vma ||
		    p->mapping != (vma->anon_vma->kaddr | 1u))
			FAIL("mm: %s: %08x: anonymous pfn %08x has mapping "
			     "%08x, not the VMA's anon_vma\n", who, addr, pfn,
			     p->mapping);
	} else if (!vma->vm_file || p->mapping != vma->vm_file->mapping) {
		FAIL("mm: %s: %08x: pfn %08x (mapping %08x) is neither "
		     "anonymous nor the mapped file's\n", who, addr, pfn,
		     p->mapping);
	}
	if (p->index != linear_page_index(vma, addr))
		FAIL("mm: %s: %08x: pfn %08x has index %#x, the VMA puts "
		     "index %#x here\n", who, addr, pfn, p->index,
		     linear_page_index(vma, addr));
	return nerr;
}

/* Walks the user page tables of mm: PTEs against VMAs, rss, nr_ptes;
 * counts in mapped[] the PTEs mapping each pfn. */
static int
check_ptes(struct machine *m, struct mm_struct *mm, const char *who,
	   u32 *mapped, struct out *o)
{
	u32 nr_pdes = TASK_SIZE(m) >> PGDIR_SHIFT, i, j, pde, pte, pfn, addr;
	struct vm_area_struct *vma = mm->mmap;
	long anon = 0, file = 0;
	unsigned long tables = 0;
	int nerr = 0;

	for (i = 0; i < nr_pdes; i++) {
		pde = ram32(m, mm->pgd + i * 4);
		if (!(pde & _PAGE_PRESENT))
			continue;
		tables++;
		if ((pde & _PAGE_PSE) ||
		    (pde & PTE_FLAGS_MASK) != _PAGE_TABLE ||
		    !pfn_valid(m, pde >> PAGE_SHIFT)) {
			FAIL("mm: %s: PDE %u is %08x, not a user page "
			     "table\n", who, i, pde);
			continue;
		}
		for (j = 0; j < PTRS_PER_PTE; j++) {
			pte = ram32(m, (pde & PAGE_MASK) + j * 4);
			if (!pte)
				continue;
			addr = (i << PGDIR_SHIFT) | (j << PAGE_SHIFT);
			while (vma && vma->vm_end <= addr)
				vma = vma->vm_next;
			if (!vma || vma->vm_start > addr) {
				FAIL("mm: %s: %08x: PTE %08x outside any "
				     "VMA\n", who, addr, pte);
				continue;
			}
			if (!(pte & (_PAGE_PRESENT | _PAGE_PROTNONE)))
				continue;	/* swap or file entry */
			pfn = vm_normal_page(m, vma, pte);
			nerr += check_present_pte(m, vma, who, addr, pte,
						  pfn, o);
			if (pfn == PFN_NONE)
				continue;
			mapped[pfn]++;
			if (PageAnon(&m->mem_map[pfn]))
				anon++;
			else
				file++;
		}
	}
	if (tables != mm->nr_ptes)
		FAIL("mm: %s: nr_ptes %lu but %lu user page tables\n", who,
		     mm->nr_ptes, tables);
	if (anon != mm->anon_rss || file != mm->file_rss)
		FAIL("mm: %s: anon_rss %ld file_rss %ld but the page "
		     "tables map %ld anonymous and %ld file pages\n", who,
		     mm->anon_rss, mm->file_rss, anon, file);
	return nerr;
}

/* How the checker names an mm: "pid N" of its first task, else its
 * address (a torn-down mm a CPU still holds lazily as active_mm). */
static void
mm_name(struct machine *m, struct mm_struct *mm, char *buf, size_t n)
{
	struct task_struct *t;

	for (t = m->sched->tasks; t; t = t->next_task)
		if (t->mm == mm) {
			snprintf(buf, n, "pid %d", t->pid);
			return;
		}
	snprintf(buf, n, "mm %08x", mm->kaddr);
}

/* Every mapped page's counts against the PTEs found. */
static int
check_page_maps(struct machine *m, const u32 *mapped, struct out *o)
{
	int nerr = 0;
	u32 pfn;

	for (pfn = 0; pfn < m->max_mapnr; pfn++) {
		const struct page *p = &m->mem_map[pfn];
		long mapcount = (long)p->_mapcount + 1, refs;

		/* A frame below the first zone (the BIOS's first 64 KiB on
		 * some maps) has a struct page memmap_init never set up:
		 * its zeroed _mapcount means nothing unless a PTE maps it. */
		if (!mapped[pfn] && (!mapcount || !zone_spans(m, pfn)))
			continue;
		if (mapcount != (long)mapped[pfn])
			FAIL("mm: pfn %08x: _mapcount %d but %u PTEs map it\n",
			     pfn, p->_mapcount, mapped[pfn]);
		refs = mapcount + (!PageAnon(p) && p->mapping ? 1 : 0);
		if (p->_count < refs)
			FAIL("mm: pfn %08x: _count %d is below its %ld "
			     "mappings and cache reference\n", pfn, p->_count,
			     refs);
	}
	return nerr;
}

int
check_mm(struct machine *m, struct out *o)
{
	struct av_count ac = { 0 };
	struct mm_struct *mm;
	u32 *mapped;
	int nerr = 0, i;
	char who[32];

	if (!m->sched || !m->sched->mms)
		return 0;
	mapped = xcalloc(m->max_mapnr, sizeof(*mapped));
	for (mm = m->sched->mms; mm; mm = mm->next_mm) {
		mm_name(m, mm, who, sizeof(who));
		nerr += check_vma_list(m, mm, who, &ac, o);
		nerr += check_ptes(m, mm, who, mapped, o);
	}
	nerr += check_page_maps(m, mapped, o);
	for (i = 0; i < ac.len; i++)
		if (ac.av[i]->nr_vmas != ac.n[i])
			FAIL("mm: anon_vma %08x: nr_vmas %d but %d VMAs use "
			     "it\n", ac.av[i]->kaddr, ac.av[i]->nr_vmas,
			     ac.n[i]);
	free(ac.av);
	free(ac.n);
	free(mapped);
	return nerr;
}
