/* cmds/tlb-report.c: the MMU commands' shared pieces (tlb-report.h). */
#include "config.h"

#include "vmdb/sched.h"

#include "tlb-report.h"

int
arg_cpu(struct cmd_ctx *c, const char *s, int *cpu)
{
	u64 v;
	char why[128];

	if (parse_u64(s, &v, why, sizeof(why)) < 0)
		return cmd_error(c, "CPU: not a number: '%s'", s);
	if (v >= (u64)c->m->nr_cpus) {
		if (c->m->nr_cpus == 1)
			return cmd_error(c, "cpu %s is not present (the machine has one CPU, cpu 0; boot --cpus N for more)",
					 s);
		return cmd_error(c, "cpu %s is not present (the machine has %d CPUs: 0 %s %d)",
				 s, c->m->nr_cpus, c->m->nr_cpus == 2 ? "and" : "to",
				 c->m->nr_cpus - 1);
	}
	*cpu = (int)v;
	return 0;
}

struct task_struct *
arg_pid(struct cmd_ctx *c, const char *s)
{
	struct task_struct *t;
	u64 pid;

	if (arg_number(c, "PID", s, 0, 0x7fffffff, &pid))
		return NULL;
	t = find_task_by_pid(c->m, (int)pid);
	if (t == NULL)
		cmd_error(c, "no task with pid %s", s);
	return t;
}

struct mm_struct *
current_user_mm(struct cmd_ctx *c)
{
	struct task_struct *t = current_task(c->m);

	if (t == NULL) {
		cmd_error(c, "no current task on cpu%d: a user address needs a process",
			  c->m->this_cpu);
		return NULL;
	}
	if (t->mm == NULL) {
		cmd_error(c, "cpu%d runs pid %d (%s), a kernel thread: it has no user address space",
			  c->m->this_cpu, t->pid, t->comm);
		return NULL;
	}
	return t->mm;
}

void
task_str(struct strbuf *sb, const struct task_struct *t)
{
	if (t == NULL)
		sb_puts(sb, "swapper (the idle task)");
	else
		sb_printf(sb, "pid %d (%s)", t->pid, t->comm);
}

void
mm_str(struct cmd_ctx *c, struct strbuf *sb, const struct mm_struct *mm)
{
	struct task_struct *t;

	if (mm == NULL) {
		sb_puts(sb, "init_mm");
		return;
	}
	sb_printf(sb, "mm 0x%08x", mm->kaddr);
	for (t = c->m->sched ? c->m->sched->tasks : NULL; t; t = t->next_task)
		if (t->mm == mm) {
			sb_printf(sb, " (pid %d, %s)", t->pid, t->comm);
			break;
		}
}

void
tlb_snap_take(struct machine *m, struct tlb_snap *s)
{
	int cpu;

	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		s->valid[cpu] = tlb_nr_valid(m, cpu);
		s->ipis[cpu] = m->cpus[cpu].ipis;
		s->cr3[cpu] = m->cpus[cpu].cr3;
	}
}

void
tlb_snap_report(struct cmd_ctx *c, const struct tlb_snap *b)
{
	struct machine *m = c->m;
	struct tlb_snap a;
	int cpu;

	tlb_snap_take(m, &a);
	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		out_printf(c->out, "  cpu%d: %s%d TLB entr%s before, %d after", cpu,
			   a.ipis[cpu] != b->ipis[cpu] ? "IPI; " : "",
			   b->valid[cpu], b->valid[cpu] == 1 ? "y" : "ies",
			   a.valid[cpu]);
		if (a.cr3[cpu] != b->cr3[cpu] && a.cr3[cpu] == m->swapper_pg_dir)
			out_puts(c->out, "; leave_mm: out of the mm's cpu_vm_mask, CR3 = swapper_pg_dir");
		out_puts(c->out, "\n");
	}
}
