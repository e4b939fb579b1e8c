/* debug/explain_mmu.c: the sentences of the MMU's and the TLB's trace
 * points: what the i386 hardware does on an access (lookup, walk, fill,
 * fault), the flush primitives (CR3, CR4.PGE, invlpg), and Linux's
 * flushes with their IPIs and lazy TLB mode (arch/x86/mm/tlb.c,
 * asm/tlbflush.h, asm/mmu_context.h).  Gorman covers the TLB API in
 * chapter 3 and the borrowed mm of kernel threads in chapter 4. */
#include "config.h"

#include "vmdb/mmu.h"
#include "vmdb/pgtable.h"

#include "explain_impl.h"

static struct cpu *
arg_cpu(struct xctx *x, int i)
{
	long cpu = xarg(x, i);

	return cpu >= 0 && cpu < x->m->nr_cpus ? &x->m->cpus[cpu] : NULL;
}

/* Valid TLB entries of c, and how many of them are global. */
static int
tlb_count(const struct cpu *c, int *global)
{
	const struct tlb *t = &c->tlb;
	int i, n = 0;

	*global = 0;
	for (i = 0; i < t->sets * t->ways; i++) {
		n += t->small[i].valid;
		*global += t->small[i].valid &&
			   (t->small[i].flags & _PAGE_GLOBAL);
	}
	for (i = 0; i < t->nr_large; i++) {
		n += t->large[i].valid;
		*global += t->large[i].valid &&
			   (t->large[i].flags & _PAGE_GLOBAL);
	}
	return n;
}

/* ---- the hardware -------------------------------------------------------- */

static void
tlb_lookup_enter(struct xctx *x)
{
	struct cpu *c = arg_cpu(x, 0);
	u32 addr = xarg32(x, 1), set;
	const struct tlb_entry *e;
	bool large;
	int i, n = 0;

	if (c == NULL) {
		say(x, "A CPU looks up 0x%08x in its TLB", addr);
		return;
	}
	e = tlb_probe(x->m, c->id, addr, &large);
	if (xarg(x, 2) && e) {
		say(x, "cpu%d finds 0x%08x in its TLB, a %s entry for frame "
		    "0x%08x cached as ", c->id, addr, large ? "4 MiB" : "4 KiB",
		    e->frame);
		tlb_flags_format(x->sb, e->flags);
		say(x, "; if those bits allow the access, no page walk is "
		    "needed");
		return;
	}
	set = (addr >> PAGE_SHIFT) & (u32)(c->tlb.sets - 1);
	for (i = 0; i < c->tlb.ways; i++)
		n += c->tlb.small[set * (u32)c->tlb.ways + (u32)i].valid;
	say(x, "cpu%d's TLB has no entry for 0x%08x (set %u holds %d valid "
	    "entr%s), so the MMU walks the page tables from CR3 0x%08x",
	    c->id, addr, set, n, n == 1 ? "y" : "ies", c->cr3);
}

static void
page_walk_enter(struct xctx *x)
{
	u32 addr = xarg32(x, 1), pde = xarg32(x, 2), pte = xarg32(x, 3);

	say(x, "The walk reads PDE %u of the page directory, 0x%08x", addr >>
	    PGDIR_SHIFT, pde);
	if (!(pde & _PAGE_PRESENT)) {
		say(x, ", not present; no page table covers 0x%08x, so the "
		    "access faults", addr);
		return;
	}
	if (pde & _PAGE_PSE) {
		say(x, ", a 4 MiB page (PSE) at 0x%08x, %s, %s",
		    pde & 0xffc00000u,
		    pde & _PAGE_RW ? "writable" : "read-only",
		    pde & _PAGE_USER ? "user" : "kernel only");
		return;
	}
	say(x, " (page table at 0x%08x), then PTE %u of that table, 0x%08x",
	    pde & PAGE_MASK, (addr >> PAGE_SHIFT) & 1023, pte);
	if (pte == 0)
		say(x, ", empty, so the access faults");
	else if (!(pte & _PAGE_PRESENT))
		say(x, ", not present (a swap, file or PROT_NONE entry), so "
		    "the access faults");
	else
		say(x, ", frame 0x%08x, %s, %s", pte & PAGE_MASK,
		    (pde & pte & _PAGE_RW) ? "writable" : "read-only",
		    (pde & pte & _PAGE_USER) ? "user" : "kernel only");
}

static void
tlb_fill_enter(struct xctx *x)
{
	say(x, "cpu%ld caches the translation of 0x%08x, frame 0x%08x (",
	    xarg(x, 0), xarg32(x, 1) & PAGE_MASK, xarg32(x, 2));
	tlb_flags_format(x->sb, xarg32(x, 3));
	say(x, "), in its TLB; accesses to the page skip the walk until the "
	    "entry is flushed or evicted");
}

static void
page_fault_enter(struct xctx *x)
{
	say(x, "cpu%ld raises a page fault for 0x%08x, a ", xarg(x, 0),
	    xarg32(x, 1));
	pf_error_format(x->sb, xarg32(x, 2));
	say(x, "; CR2 holds the address and the kernel's do_page_fault takes "
	    "over");
}

/* Which page directory a CR3 value is. */
static void
pgd_name(struct xctx *x, u32 pgd)
{
	struct mm_struct *mm;

	if (pgd == x->m->swapper_pg_dir) {
		say(x, "swapper_pg_dir, init_mm's");
		return;
	}
	for (mm = x->m->sched ? x->m->sched->mms : NULL; mm; mm = mm->next_mm)
		if (mm->pgd == pgd) {
			say(x, "the page directory of ");
			x_mm_name(x, mm);
			return;
		}
	say(x, "a page directory");
}

static void
load_cr3_enter(struct xctx *x)
{
	struct cpu *c = arg_cpu(x, 0);
	u32 pgd = xarg32(x, 1);
	int n, g;

	if (c && (c->cr3 & PAGE_MASK) == (pgd & PAGE_MASK))
		say(x, "cpu%d reloads CR3 with 0x%08x, ", c->id, pgd);
	else
		say(x, "cpu%ld loads CR3 with 0x%08x, ", xarg(x, 0), pgd);
	pgd_name(x, pgd);
	if (c == NULL)
		return;
	n = tlb_count(c, &g);
	if (!(c->cr4 & X86_CR4_PGE))
		g = 0;
	if (n - g == 0)
		say(x, "; its TLB holds no entry that this would drop");
	else
		say(x, "; that drops the %d TLB entr%s not marked Global",
		    n - g,
		    n - g == 1 ? "y" : "ies");
	if (g)
		say(x, ", and the %d global (kernel) one%s", g,
		    g == 1 ? " stays" : "s stay");
	else if (!(c->cr4 & X86_CR4_PGE))
		say(x, " (without CR4.PGE no entry is global)");
}

static void
flush_global_enter(struct xctx *x)
{
	struct cpu *c = arg_cpu(x, 0);
	int g, n;

	say(x, "cpu%ld turns CR4.PGE off and on, which empties its TLB, global "
	    "(kernel) entries too", xarg(x, 0));
	n = c ? tlb_count(c, &g) : 0;
	if (c && n)
		say(x, "; %d entr%s go", n, n == 1 ? "y" : "ies");
	else if (c)
		say(x, "; it holds no entry");
}

static void
invlpg_enter(struct xctx *x)
{
	struct cpu *c = arg_cpu(x, 0);
	u32 addr = xarg32(x, 1);
	bool large;

	say(x, "cpu%ld runs invlpg for 0x%08x, dropping that page's entry from "
	    "its TLB", xarg(x, 0), addr);
	if (c && !tlb_probe(x->m, c->id, addr, &large))
		say(x, "; it holds none, so nothing changes");
}

/* ---- Linux's flushes ----------------------------------------------------- */

/* Who flush_tlb_mm/flush_tlb_page will make flush mm (flush_mm_va). */
static void
who_flushes(struct xctx *x, struct mm_struct *mm, bool page)
{
	struct machine *m = x->m;
	int cpu = m->this_cpu;
	struct task_struct *t = m->cpus[cpu].current;
	bool kthread = t == NULL || t->mm == NULL;
	struct mm_struct *active = t ? t->active_mm : m->cpus[cpu].active_mm;
	u32 others;

	if (active != mm)
		say(x, "; cpu%d does not run it", cpu);
	else if (tlb_smp(m) && kthread)
		say(x, "; cpu%d runs a kernel thread on it lazily, so it "
		    "leaves the mm (leave_mm) instead of flushing", cpu);
	else
		say(x, "; cpu%d runs it, so it %s", cpu, page ?
		    "drops that page's entry (invlpg)" : "reloads CR3");
	if (!tlb_smp(m) || mm == NULL)
		return;
	others = mm->cpu_vm_mask & ~(1u << cpu) & ((1u << m->nr_cpus) - 1);
	if (others == 0) {
		say(x, ", and no other CPU is in its cpu_vm_mask");
		return;
	}
	say(x, ", and ");
	x_cpus(x, others);
	say(x, " in its cpu_vm_mask get%s an invalidate IPI",
	    others & (others - 1) ? "" : "s");
}

static void
flush_tlb_mm_enter(struct xctx *x)
{
	struct mm_struct *mm = x_mm_by_kaddr(x->m, xarg(x, 0));

	say(x, "flush_tlb_mm flushes ");
	x_mm_name(x, mm);
	say(x, " from every TLB that may cache it");
	who_flushes(x, mm, false);
}

static void
flush_tlb_page_enter(struct xctx *x)
{
	struct mm_struct *mm = x_mm_by_kaddr(x->m, xarg(x, 0));

	say(x, "The PTE of 0x%08x in ", xarg32(x, 1));
	x_mm_name(x, mm);
	say(x, " changed, so flush_tlb_page makes sure no TLB keeps the old "
	    "entry");
	who_flushes(x, mm, true);
}

static void
flush_tlb_range_enter(struct xctx *x)
{
	struct mm_struct *mm = x_mm_by_kaddr(x->m, xarg(x, 0));

	say(x, "flush_tlb_range for 0x%08x-0x%08x of ", xarg32(x, 1),
	    xarg32(x, 2));
	x_mm_name(x, mm);
	say(x, "; x86 has no ranged flush, so %s", tlb_smp(x->m) ?
	    "it is flush_tlb_mm" :
	    "the CPU reloads CR3 if it runs that mm");
}

static void
flush_tlb_all_enter(struct xctx *x)
{
	struct machine *m = x->m;
	u32 lazy = 0;
	int cpu;

	say(x, "flush_tlb_all empties the TLB of every CPU, global entries "
	    "included");
	if (!tlb_smp(m))
		return;
	if (m->nr_cpus > 1)
		say(x, ", the other CPUs by IPI first");
	for (cpu = 0; cpu < m->nr_cpus; cpu++)
		if (m->cpus[cpu].tlbstate == TLBSTATE_LAZY)
			lazy |= 1u << cpu;
	if (lazy) {
		say(x, "; lazy ");
		x_cpus(x, lazy);
		say(x, " also leave%s the borrowed mm (leave_mm)",
		    lazy & (lazy - 1) ? "" : "s");
	}
}

static void
flush_others_enter(struct xctx *x)
{
	struct machine *m = x->m;
	u32 mask = xarg32(x, 0), addr = xarg32(x, 2);
	struct mm_struct *mm = x_mm_by_kaddr(m, xarg(x, 1));
	int cpu;

	say(x, "flush_tlb_others sends an invalidate IPI to ");
	x_cpus(x, mask);
	if (addr == TLB_FLUSH_ALL)
		say(x, " for all of ");
	else
		say(x, " for 0x%08x of ", addr);
	x_mm_name(x, mm);
	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		struct cpu *c = &m->cpus[cpu];

		if (!(mask & (1u << cpu)))
			continue;
		if (c->active_mm != mm)
			say(x, "; cpu%d has moved on and ignores it", cpu);
		else if (c->tlbstate != TLBSTATE_OK)
			say(x, "; cpu%d, lazy, leaves the mm", cpu);
		else
			say(x, "; cpu%d %s", cpu, addr == TLB_FLUSH_ALL ?
			    "reloads CR3" : "runs invlpg");
	}
}

static void
leave_mm_enter(struct xctx *x)
{
	say(x, "cpu%ld is in lazy TLB mode on ", xarg(x, 0));
	x_mm_name(x, x_mm_by_kaddr(x->m, xarg(x, 1)));
	say(x, "; leave_mm takes it out of that mm's cpu_vm_mask and loads "
	    "swapper_pg_dir, so later flushes of the mm need not reach it");
}

static void
switch_mm_enter(struct xctx *x)
{
	struct machine *m = x->m;
	struct mm_struct *prev = x_mm_by_kaddr(m, xarg(x, 0));
	struct mm_struct *next = x_mm_by_kaddr(m, xarg(x, 1));
	long cpu = xarg(x, 2);

	if (xarg(x, 0) != xarg(x, 1)) {
		say(x, "switch_mm moves cpu%ld from ", cpu);
		x_mm_name(x, prev);
		say(x, " to ");
		x_mm_name(x, next);
		say(x, "; it joins the new mm's cpu_vm_mask, loads CR3 with "
		    "its page directory (dropping non-global TLB entries) and "
		    "leaves the old mm's mask");
		return;
	}
	if (!tlb_smp(m)) {
		say(x, "switch_mm to the same mm changes nothing");
		return;
	}
	say(x, "switch_mm returns cpu%ld to ", cpu);
	x_mm_name(x, next);
	say(x, ", which a kernel thread borrowed meanwhile");
	if (next && cpu >= 0 && cpu < 32 && (next->cpu_vm_mask & (1u << cpu)))
		say(x, "; the CPU stayed in its cpu_vm_mask, so its TLB is "
		    "still right and CR3 is not reloaded");
	else
		say(x, "; the CPU left its cpu_vm_mask (leave_mm) and may have "
		    "missed flushes, so it reloads CR3");
}

static void
lazy_tlb_enter(struct xctx *x)
{
	say(x, "A kernel thread (or the idle task) runs on cpu%ld; with no mm "
	    "of its own it borrows ", xarg(x, 1));
	x_mm_name(x, x_mm_by_kaddr(x->m, xarg(x, 0)));
	if (tlb_smp(x->m))
		say(x, " without loading CR3, and enter_lazy_tlb marks the CPU "
		    "lazy, so the first flush of that mm makes it leave "
		    "instead");
	else
		say(x, " without loading CR3 (a uniprocessor kernel has no "
		    "lazy TLB mode)");
}

static void
flush_kernel_range_enter(struct xctx *x)
{
	u32 start = xarg32(x, 0), end = xarg32(x, 1);

	say(x, "flush_tlb_kernel_range must drop the kernel's entries for "
	    "0x%08x-0x%08x (", start, end);
	x_pages(x, (unsigned long)(((u64)end - start + PAGE_SIZE - 1) /
				   PAGE_SIZE));
	say(x, ") from every CPU; i386 does it with flush_tlb_all");
}

static void
flush_one_enter(struct xctx *x)
{
	say(x, "__flush_tlb_one drops the entry for kernel page 0x%08x from "
	    "cpu%d's TLB only, an invlpg with no IPI", xarg32(x, 0),
	    x->m->this_cpu);
}

const struct explain_row explain_rows_mmu[] = {
	{ TP_flush_tlb_kernel_range, "3", flush_kernel_range_enter, NULL },
	{ TP___flush_tlb_one, "3", flush_one_enter, NULL },
	{ TP_tlb_lookup, "3", tlb_lookup_enter, NULL },
	{ TP_page_walk, "3.2", page_walk_enter, NULL },
	{ TP_tlb_fill, "3", tlb_fill_enter, NULL },
	{ TP_page_fault, "4.6", page_fault_enter, NULL },
	{ TP_load_cr3, "3", load_cr3_enter, NULL },
	{ TP___flush_tlb_global, "3", flush_global_enter, NULL },
	{ TP_invlpg, "3", invlpg_enter, NULL },
	{ TP_flush_tlb_mm, "3", flush_tlb_mm_enter, NULL },
	{ TP_flush_tlb_page, "3", flush_tlb_page_enter, NULL },
	{ TP_flush_tlb_range, "3", flush_tlb_range_enter, NULL },
	{ TP_flush_tlb_all, "3", flush_tlb_all_enter, NULL },
	{ TP_flush_tlb_others, "3", flush_others_enter, NULL },
	{ TP_leave_mm, "3", leave_mm_enter, NULL },
	{ TP_switch_mm, "4", switch_mm_enter, NULL },
	{ TP_enter_lazy_tlb, "4", lazy_tlb_enter, NULL },
	{ 0, NULL, NULL, NULL }
};
