/* arch/i386/tlb.c: what Linux 2.6.32 does with the TLB
 * (arch/x86/mm/tlb.c, asm/tlbflush.h, asm/mmu_context.h): flush_tlb_mm,
 * flush_tlb_page, flush_tlb_range and flush_tlb_all; the shootdown IPIs
 * to the other CPUs of an mm's cpu_vm_mask; lazy TLB mode, leave_mm and
 * switch_mm.
 *
 * Per CPU, cpu_tlbstate is struct cpu's active_mm (NULL: init_mm, whose
 * tables are swapper_pg_dir) and tlbstate:
 *
 *   TLBSTATE_OK    a task of active_mm runs: its flushes are done here
 *   TLBSTATE_LAZY  a kernel thread runs on the borrowed active_mm: the
 *                  first flush of that mm makes the CPU leave_mm (drop
 *                  out of cpu_vm_mask, load swapper_pg_dir) instead, so
 *                  it is not bothered again until switch_mm
 *
 * The simulated IPIs are delivered at once, in CPU order, to every other
 * CPU of the mask; a receiver acts only if the mm is still its active_mm.
 * vmdb keeps no struct for init_mm: a CPU counts as "in init_mm's mask"
 * while its CR3 is swapper_pg_dir.
 */
#include "config.h"

#include "vmdb/machine.h"
#include "vmdb/mmu.h"
#include "vmdb/sched.h"
#include "vmdb/util.h"

bool
tlb_smp(const struct machine *m)
{
	return m->cfg.nr_cpus_config > 1;
}

struct mm_struct *
cpu_active_mm(struct machine *m, int cpu)
{
	return m->cpus[cpu].active_mm;
}

u32
mm_pgd(struct machine *m, const struct mm_struct *mm)
{
	return mm ? mm->pgd : m->swapper_pg_dir;
}

/* An mm as trace points show it: its kernel address, 0 for init_mm. */
static long
mm_addr(const struct mm_struct *mm)
{
	return mm ? (long)mm->kaddr : 0;
}

static void
mask_set(struct mm_struct *mm, int cpu)
{
	if (mm)
		mm->cpu_vm_mask |= 1u << cpu;
}

static void
mask_clear(struct mm_struct *mm, int cpu)
{
	if (mm)
		mm->cpu_vm_mask &= ~(1u << cpu);
}

/* current->active_mm on cpu; *kthread: current->mm is NULL (the idle
 * task "swapper" before any task exists). */
static struct mm_struct *
current_active_mm(struct machine *m, int cpu, bool *kthread)
{
	struct task_struct *t = m->cpus[cpu].current;

	if (t == NULL) {
		*kthread = true;
		return m->cpus[cpu].active_mm;
	}
	*kthread = t->mm == NULL;
	return t->active_mm;
}

void
leave_mm(struct machine *m, int cpu)
{
	struct cpu *c = &m->cpus[cpu];

	if (tlb_smp(m) && c->tlbstate == TLBSTATE_OK)
		fatal("kernel BUG at arch/x86/mm/tlb.c: leave_mm(%d) in TLBSTATE_OK",
		      cpu);
	TP_EVENT(m, leave_mm, cpu, mm_addr(c->active_mm));
	mask_clear(c->active_mm, cpu);
	load_cr3(m, cpu, m->swapper_pg_dir);
}

/* The receiving side of the invalidate IPI (smp_invalidate_interrupt). */
static void
invalidate_interrupt(struct machine *m, int cpu, struct mm_struct *mm, u32 va)
{
	struct cpu *c = &m->cpus[cpu];

	c->ipis++;
	if (mm != c->active_mm)
		return;
	if (c->tlbstate != TLBSTATE_OK)
		leave_mm(m, cpu);
	else if (va == TLB_FLUSH_ALL)
		__flush_tlb(m, cpu);
	else
		__flush_tlb_single(m, cpu, va);
}

/* native_flush_tlb_others: IPIs to the CPUs of mask other than this one. */
static void
flush_tlb_others(struct machine *m, u32 mask, struct mm_struct *mm, u32 va)
{
	int cpu;

	mask &= ~(1u << m->this_cpu) & ((1u << m->nr_cpus) - 1);
	if (!mask)
		return;
	TP_EVENT(m, flush_tlb_others, mask, mm_addr(mm), va);
	for (cpu = 0; cpu < m->nr_cpus; cpu++)
		if (mask & (1u << cpu))
			invalidate_interrupt(m, cpu, mm, va);
}

/*
 * The local half of flush_tlb_mm/flush_tlb_page: flush if mm is the
 * current task's; on SMP a kernel thread borrowing it leaves it instead.
 * Then (SMP) the other CPUs of the mask.
 */
static void
flush_mm_va(struct machine *m, struct mm_struct *mm, u32 va)
{
	int cpu = m->this_cpu;
	bool kthread;

	if (current_active_mm(m, cpu, &kthread) == mm) {
		if (tlb_smp(m) && kthread)
			leave_mm(m, cpu);
		else if (va == TLB_FLUSH_ALL)
			__flush_tlb(m, cpu);
		else
			__flush_tlb_single(m, cpu, va);
	}
	if (tlb_smp(m) && mm)
		flush_tlb_others(m, mm->cpu_vm_mask, mm, va);
}

void
flush_tlb_mm(struct machine *m, struct mm_struct *mm)
{
	TP_ENTER(m, flush_tlb_mm, mm_addr(mm), m->this_cpu);
	flush_mm_va(m, mm, TLB_FLUSH_ALL);
	TP_EXIT(m, flush_tlb_mm, 0);
}

void
flush_tlb_page_mm(struct machine *m, struct mm_struct *mm, u32 addr)
{
	TP_ENTER(m, flush_tlb_page, mm_addr(mm), addr, m->this_cpu);
	flush_mm_va(m, mm, addr & PAGE_MASK);
	TP_EXIT(m, flush_tlb_page, 0);
}

void
flush_tlb_page(struct machine *m, struct vm_area_struct *vma, u32 addr)
{
	flush_tlb_page_mm(m, vma->vm_mm, addr);
}

/* x86 flushes the whole mm for a range: SMP's flush_tlb_range is
 * flush_tlb_mm; UP's reloads CR3 if the mm is the current one. */
void
flush_tlb_range_mm(struct machine *m, struct mm_struct *mm, u32 start,
		   u32 end)
{
	TP_ENTER(m, flush_tlb_range, mm_addr(mm), start, end);
	if (tlb_smp(m))
		flush_tlb_mm(m, mm);
	else
		flush_mm_va(m, mm, TLB_FLUSH_ALL);
	TP_EXIT(m, flush_tlb_range, 0);
}

void
flush_tlb_range(struct machine *m, struct vm_area_struct *vma, u32 start,
		u32 end)
{
	flush_tlb_range_mm(m, vma->vm_mm, start, end);
}

/* do_flush_tlb_all on one CPU. */
static void
do_flush_tlb_all(struct machine *m, int cpu)
{
	__flush_tlb_all(m, cpu);
	if (tlb_smp(m) && m->cpus[cpu].tlbstate == TLBSTATE_LAZY)
		leave_mm(m, cpu);
}

/* on_each_cpu(do_flush_tlb_all): the others by IPI first, then here. */
void
flush_tlb_all(struct machine *m)
{
	int cpu, left = 0;

	TP_ENTER(m, flush_tlb_all, m->this_cpu);
	for (cpu = 0; tlb_smp(m) && cpu < m->nr_cpus; cpu++) {
		if (cpu == m->this_cpu)
			continue;
		m->cpus[cpu].ipis++;
		do_flush_tlb_all(m, cpu);
	}
	do_flush_tlb_all(m, m->this_cpu);
	for (cpu = 0; cpu < m->nr_cpus; cpu++)
		left += tlb_nr_valid(m, cpu);
	if (left == 0)
		m->tlb_raw = false;
	TP_EXIT(m, flush_tlb_all, 0);
}

/*
 * switch_mm: to another mm, the CPU joins next's mask, loads CR3 and
 * leaves prev's mask.  Back to the same mm (a task after a kernel thread
 * borrowed its mm): TLBSTATE_OK again, and CR3 is reloaded only if
 * leave_mm took the CPU out of the mask meanwhile (flushes it missed).
 */
void
switch_mm(struct machine *m, struct mm_struct *prev, struct mm_struct *next,
	  int cpu)
{
	struct cpu *c = &m->cpus[cpu];

	TP_ENTER(m, switch_mm, mm_addr(prev), mm_addr(next), cpu);
	if (prev != next) {
		c->tlbstate = TLBSTATE_OK;
		c->active_mm = next;
		mask_set(next, cpu);
		load_cr3(m, cpu, mm_pgd(m, next));
		mask_clear(prev, cpu);
	} else if (tlb_smp(m)) {
		if (c->active_mm != next)
			fatal("kernel BUG at asm/mmu_context.h: switch_mm on cpu %d to the same mm, but it is not the active_mm",
			      cpu);
		c->tlbstate = TLBSTATE_OK;
		if (next ? !(next->cpu_vm_mask & (1u << cpu)) :
			   c->cr3 != m->swapper_pg_dir) {
			mask_set(next, cpu);
			load_cr3(m, cpu, mm_pgd(m, next));
		}
	}
	TP_EXIT(m, switch_mm, 0);
}

/* UP kernels have no lazy mode: the state stays as it is. */
void
enter_lazy_tlb(struct machine *m, struct mm_struct *mm, int cpu)
{
	struct cpu *c = &m->cpus[cpu];

	TP_EVENT(m, enter_lazy_tlb, mm_addr(mm), cpu);
	if (tlb_smp(m) && c->tlbstate == TLBSTATE_OK)
		c->tlbstate = TLBSTATE_LAZY;
}
