/* src/kernel/exit.c: a task ends (kernel/exit.c, 2.6.32): exit_mm gives
 * up the address space (the CPU it ran on keeps the mm lazily, as the
 * idle task's active_mm, until it switches to another one), the task
 * becomes a zombie until its parent reaps it; orphans are reaped at once
 * (vmdb has no init to do it later). */
#include "config.h"

#include <errno.h>

#include "vmdb/machine.h"
#include "vmdb/mmap.h"

#include "../mm/mm_impl.h"

int
do_exit(struct machine *m, struct task_struct *t, int code)
{
	struct mm_struct *mm = t->mm;
	struct task_struct *c;
	int cpu = t->on_cpu, this_cpu = m->this_cpu;

	if (t->state != TASK_RUNNING)
		return machine_err(m, -ESRCH, "pid %d has already exited",
				   t->pid);
	/* A running task exits on its own CPU. */
	if (cpu >= 0)
		m->this_cpu = cpu;
	if (mm) {
		t->mm = NULL;
		mm->owner = NULL;	/* mm_update_next_owner: no one */
		if (cpu >= 0) {
			/* exit_mm: the mm stays this CPU's active_mm,
			 * lazily, until the next switch_mm. */
			mm->mm_count++;
			enter_lazy_tlb(m, mm, cpu);
		} else {
			t->active_mm = NULL;
		}
		mmput(m, mm);
	}
	t->state = TASK_ZOMBIE;
	t->exit_code = code;
	if (cpu >= 0)
		context_switch(m, cpu, NULL);	/* schedule() to idle */
	m->this_cpu = this_cpu;
	for (c = m->sched->tasks; c; c = c->next_task)
		if (c->parent == t)
			c->parent = NULL;
	/* Orphaned zombies: init would reap them. */
	for (c = m->sched->tasks; c;) {
		struct task_struct *n = c->next_task;

		if (c->state == TASK_ZOMBIE && !c->parent && c != t)
			release_task(m, c);
		c = n;
	}
	if (!t->parent || t->parent->state != TASK_RUNNING)
		release_task(m, t);
	return 0;
}

int
release_task(struct machine *m, struct task_struct *t)
{
	if (t->state != TASK_ZOMBIE)
		return machine_err(m, -EBUSY, "pid %d is still running",
				   t->pid);
	t->state = TASK_DEAD;
	task_free(m, t);
	return 0;
}
