/* src/kernel/sys.c: resource limits (kernel/sys.c, Linux 2.6.32):
 * getrlimit and setrlimit on a task, with setrlimit's two rules. */
#include "config.h"

#include <errno.h>

#include "vmdb/machine.h"
#include "vmdb/sched.h"

const struct rlimit *
task_rlimits(struct machine *m, const struct task_struct *t)
{
	return t ? t->rlim : m->sched->init_rlim;
}

/*
 * sys_setrlimit: the soft limit may not exceed the hard one, and only a
 * task with CAP_SYS_RESOURCE may raise the hard limit: vmdb's tasks are
 * unprivileged users' processes, while init (t == NULL) runs as root.
 * The new limits apply from the next check on (the next mlock, brk or
 * stack growth); what was decided at exec (mmap_base) stays.
 */
int
do_setrlimit(struct machine *m, struct task_struct *t, unsigned int resource,
	     const struct rlimit *new_rlim)
{
	struct rlimit *old;

	if (resource >= RLIM_NLIMITS)
		return machine_err(m, -EINVAL, "no resource %u", resource);
	if (new_rlim->rlim_cur > new_rlim->rlim_max)
		return machine_err(m, -EINVAL, "the soft limit is above the "
				   "hard limit");
	old = t ? &t->rlim[resource] : &m->sched->init_rlim[resource];
	if (t && new_rlim->rlim_max > old->rlim_max)
		return machine_err(m, -EPERM, "raising the hard limit needs "
				   "CAP_SYS_RESOURCE");
	*old = *new_rlim;
	return 0;
}
