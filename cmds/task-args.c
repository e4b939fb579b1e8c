/* cmds/task-args.c: the process a command acts on: a PID argument, or
 * the current task of the CPU commands act on (`cpu`). */
#include "config.h"

#include "vmdb/mmap.h"

#include "cmd.h"

struct task_struct *
arg_task(struct cmd_ctx *c, const char *pid, bool need_mm)
{
	struct task_struct *t;
	u64 v;

	if (pid) {
		if (arg_number(c, "PID", pid, 1, 0x7fffffff, &v))
			return NULL;
		t = find_task_by_pid(c->m, (int)v);
		if (!t) {
			cmd_error(c, "no process with pid %s", pid);
			return NULL;
		}
	} else {
		t = current_task(c->m);
		if (!t) {
			cmd_error(c, "no current task on CPU%d (spawn a "
				  "program, or switch to a pid)",
				  c->m->this_cpu);
			return NULL;
		}
	}
	if (need_mm && !t->mm) {
		cmd_error(c, "pid %d (%s) has no address space (%s)", t->pid,
			  t->comm, t->state == TASK_RUNNING ? "a kernel thread" :
			  "it has exited");
		return NULL;
	}
	return t;
}

const char *
task_state_name(const struct task_struct *t)
{
	return t->state == TASK_RUNNING ? "R" : t->state == TASK_ZOMBIE ?
	       "Z" : "X";
}
