/* src/kernel/sched.c: the task list and the current task of each CPU
 * (kernel/pid.c's find_task_by_pid_ns, asm/current.h).  Context switch
 * lives here too (context_switch: switch_mm or lazy TLB). */
#include "config.h"

#include "vmdb/machine.h"
#include "vmdb/mmap.h"
#include "vmdb/sched.h"

#include "../mm/mm_impl.h"

#include <errno.h>

struct task_struct *
find_task_by_pid(struct machine *m, int pid)
{
	struct task_struct *t;

	if (!m->sched)
		return NULL;
	for (t = m->sched->tasks; t; t = t->next_task)
		if (t->pid == pid)
			return t;
	return NULL;
}

struct task_struct *
current_task(struct machine *m)
{
	return m->cpus[m->this_cpu].current;
}

/*
 * context_switch (kernel/sched.c): next (NULL: the idle task) runs on
 * cpu.  A task without an mm (a kernel thread, or idle) borrows the
 * previous active_mm in lazy TLB mode and holds a reference to it; a
 * task with one gets switch_mm.  The reference a lazy borrower held is
 * dropped when it is switched away from.
 */
int
context_switch(struct machine *m, int cpu, struct task_struct *next)
{
	struct cpu *c = &m->cpus[cpu];
	struct task_struct *prev = c->current;
	struct mm_struct *oldmm = c->active_mm;

	if (next == prev)
		return 0;
	if (next && next->state != TASK_RUNNING)
		return machine_err(m, -ESRCH, "pid %d is a zombie", next->pid);
	if (next && next->on_cpu >= 0)
		return machine_err(m, -EBUSY, "pid %d is running on CPU%d",
				   next->pid, next->on_cpu);
	if (!next || !next->mm) {
		if (next)
			next->active_mm = oldmm;
		if (oldmm)
			oldmm->mm_count++;
		enter_lazy_tlb(m, oldmm, cpu);
	} else {
		switch_mm(m, oldmm, next->mm, cpu);
		c->active_mm = next->mm;
	}
	if (!prev || !prev->mm) {
		if (prev)
			prev->active_mm = NULL;
		if (oldmm)
			mmdrop(m, oldmm);
	}
	if (prev)
		prev->on_cpu = -1;
	if (next)
		next->on_cpu = cpu;
	c->current = next;
	return 0;
}

int
kernel_thread(struct machine *m, const char *name, struct task_struct **out)
{
	struct task_struct *t = task_new(m, name, NULL, false);

	if (!t)
		return machine_err(m, -ENOMEM, "no memory for a task");
	*out = t;
	return 0;
}
