/* src/kernel/sched.c: the task list and the current task of each CPU
 * (kernel/pid.c's find_task_by_pid_ns, asm/current.h).  Context switch
 * lives here too (context_switch: switch_mm or lazy TLB). */
#include "config.h"

#include "vmdb/machine.h"
#include "vmdb/sched.h"

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
