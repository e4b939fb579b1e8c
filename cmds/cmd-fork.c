/* cmds/cmd-fork.c: `fork [PID]`, `exit [PID]`, `switch PID`, `ps`. */
#include "config.h"

#include "vmdb/mmap.h"

#include "cmd.h"

static int
fork_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct task_struct *p = arg_task(c, argc ? argv[0] : NULL, false), *t;
	int err;

	if (!p)
		return -1;
	if (p->state != TASK_RUNNING)
		return cmd_error(c, "pid %d has exited", p->pid);
	err = do_fork(c->m, p, &t);
	if (err)
		return cmd_errno(c, err);
	out_printf(c->out, "pid %d (%s) forked pid %d", p->pid, p->comm, t->pid);
	if (t->mm)
		out_printf(c->out, ": %d VMAs copied, rss %ld pages shared, "
			   "%lu page tables", t->mm->map_count,
			   t->mm->anon_rss + t->mm->file_rss, t->mm->nr_ptes);
	out_printf(c->out, "\n");
	return 0;
}

const struct cmd_entry cmd_fork_entry = {
	.name = "fork",
	.usage = "[PID]",
	.summary = "fork a process (dup_mmap, copy_page_range, COW)",
	.help =
"fork duplicates the process PID (default: the current task) as\n"
"kernel/fork.c does. The child gets its own task_struct, kernel stack,\n"
"mm_struct and pgd, and a copy of every VMA except VM_DONTCOPY ones\n"
"(VM_LOCKED cleared, locked_vm 0), sharing the same anon_vma and file.\n"
"copy_page_range copies the PTEs of VMAs that have an anon_vma: in a\n"
"private writable mapping both the parent's and the child's PTE lose\n"
"_PAGE_RW, so the first write on either side faults and do_wp_page\n"
"copies (or, for the last user, reuses) the page. The child's PTEs are\n"
"old (no Accessed bit); shared mappings' are clean. Each page mapped\n"
"gets _count+1 and _mapcount+1. Then flush_tlb_mm(parent) drops the\n"
"parent's now stale writable TLB entries.\n"
"\n"
"The child does not run until `switch PID`.\n"
"\n"
"Example:\n"
"  fork\n"
"  switch 2\n"
"  touch 0x0804a000 w\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_MODIFIES,
	.exec = fork_exec,
};

static int
exit_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct task_struct *t = arg_task(c, argc ? argv[0] : NULL, false);
	int err, pid;
	bool zombie;

	if (!t)
		return -1;
	pid = t->pid;
	err = do_exit(c->m, t, 0);
	if (err)
		return cmd_errno(c, err);
	t = find_task_by_pid(c->m, pid);
	zombie = t && t->state == TASK_ZOMBIE;
	out_printf(c->out, "pid %d exited: %s\n", pid, zombie ?
		   "a zombie until its parent reaps it" :
		   "reaped (no parent waiting)");
	return 0;
}

const struct cmd_entry cmd_exit_entry = {
	.name = "exit",
	.usage = "[PID]",
	.summary = "end a process: its memory goes back",
	.help =
"exit ends the process PID (default: the current task) as do_exit does:\n"
"exit_mm drops mm_users; the last user unmaps every VMA (rss, rmap and\n"
"page references drop; pages nobody else maps are freed), frees the page\n"
"tables and flushes the TLB. If the task was running, its CPU switches to\n"
"the idle task, which keeps the mm as its active_mm lazily (mm_count)\n"
"until another mm is switched in: only then do the pgd and mm_struct go.\n"
"The task stays a zombie while its parent lives; orphans are reaped at\n"
"once (vmdb has no init). Its children are reparented.\n"
"\n"
"Example:\n"
"  exit 2\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_MODIFIES,
	.exec = exit_exec,
};

static int
switch_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	struct task_struct *t = arg_task(c, argv[0], false), *prev;
	const char *cpus = args_get(c, "cpu");
	u64 cpu = (u64)m->this_cpu;
	int err;

	(void)argc;
	if (!t)
		return -1;
	if (cpus && arg_number(c, "--cpu", cpus, 0, (u64)m->nr_cpus - 1, &cpu))
		return -1;
	prev = m->cpus[cpu].current;
	if (prev == t) {
		out_printf(c->out, "CPU%d: %s[%d] is already current\n",
			   (int)cpu, t->comm, t->pid);
		return 0;
	}
	err = context_switch(m, (int)cpu, t);
	if (err)
		return cmd_errno(c, err);
	out_printf(c->out, "CPU%d: %s", (int)cpu, prev ? prev->comm : "swapper");
	if (prev)
		out_printf(c->out, "[%d]", prev->pid);
	out_printf(c->out, " -> %s[%d]: ", t->comm, t->pid);
	if (t->mm)
		out_printf(c->out, "CR3 = %08x\n", m->cpus[cpu].cr3);
	else
		out_printf(c->out, "kernel thread: lazy TLB, CR3 stays %08x\n",
			   m->cpus[cpu].cr3);
	return 0;
}

const struct cmd_entry cmd_switch_entry = {
	.name = "switch",
	.usage = "PID [--cpu N]",
	.summary = "context switch a CPU to a task (switch_mm, CR3)",
	.help =
"switch makes PID the current task of a CPU (default: the CPU commands\n"
"act on, see `cpu`), as context_switch does. A task with an mm gets\n"
"switch_mm: the CPU joins the mm's cpu_vm_mask and loads CR3 with its\n"
"pgd (non-global TLB entries are gone), and leaves the previous mm's\n"
"mask; switching back to the mm a lazy CPU still holds reloads CR3 only\n"
"if leave_mm had dropped it. A kernel thread borrows the previous\n"
"active_mm (mm_count+1) in lazy TLB mode, without touching CR3.\n"
"A task can run on one CPU at a time.\n"
"\n"
"Example:\n"
"  switch 2 --cpu 1\n",
	.opts = "cpu=",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_MODIFIES,
	.exec = switch_exec,
};

static int
ps_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct task_struct *t;

	(void)argc;
	(void)argv;
	out_printf(c->out, "  PID  PPID S CPU      VSZ      RSS  MINFLT  MAJFLT MM        COMMAND\n");
	for (t = c->m->sched->tasks; t; t = t->next_task) {
		struct mm_struct *mm = t->mm;
		char cpu[12];

		if (t->on_cpu >= 0)
			snprintf(cpu, sizeof(cpu), "%d", t->on_cpu);
		else
			snprintf(cpu, sizeof(cpu), "-");
		out_printf(c->out, "%5d %5d %s %3s %8lu %8lu %7lu %7lu %08x  %s%s%s%s\n",
			   t->pid, t->parent ? t->parent->pid : 0,
			   task_state_name(t), cpu,
			   mm ? mm->total_vm * 4 : 0,
			   mm ? (unsigned long)(mm->anon_rss + mm->file_rss) * 4 : 0,
			   t->min_flt, t->maj_flt, mm ? mm->kaddr : 0,
			   mm || t->state != TASK_RUNNING ? "" : "[", t->comm,
			   mm || t->state != TASK_RUNNING ? "" : "]",
			   t->state == TASK_ZOMBIE ? " <defunct>" : "");
	}
	return 0;
}

const struct cmd_entry cmd_ps_entry = {
	.name = "ps",
	.usage = "",
	.summary = "list the tasks",
	.help =
"ps lists every task: PID, parent, state (R running or runnable, Z\n"
"zombie), the CPU it is current on, VSZ and RSS in KiB (total_vm and\n"
"file_rss + anon_rss), its minor and major fault counts, the kernel\n"
"address of its mm_struct, and its name; kernel threads (no mm) are\n"
"shown in brackets, as ps(1) does.\n",
	.args_min = 0,
	.args_max = 0,
	.exec = ps_exec,
};
