/* cmds/cmd-ulimit.c: `ulimit [--pid N] [-H|-S] [-a|-d|-l|-s] [LIMIT]`:
 * a task's resource limits, shown or set as the shell's ulimit does
 * (in KiB), through the kernel's setrlimit rules. */
#include "config.h"

#include <string.h>

#include "vmdb/sched.h"
#include "vmdb/util.h"

#include "cmd.h"

static const struct ulimit_res {
	char opt;
	int resource;
	const char *label;	/* bash's ulimit -a wording */
	const char *name;
} resources[] = {
	{ 'd', RLIMIT_DATA, "data seg size", "RLIMIT_DATA" },
	{ 'l', RLIMIT_MEMLOCK, "max locked memory", "RLIMIT_MEMLOCK" },
	{ 's', RLIMIT_STACK, "stack size", "RLIMIT_STACK" },
};

struct ulimit_req {
	bool hard, soft, all;
	const struct ulimit_res *res[ARRAY_SIZE(resources)];
	int nres;
	const char *value;
};

static void
kib_str(u32 v, char *buf, size_t n)
{
	if (v == RLIM_INFINITY)
		snprintf(buf, n, "unlimited");
	else
		snprintf(buf, n, "%u", v >> 10);
}

/* "-H", "-S", "-a", "-d", "-l", "-s" (letters may be joined: -Hl) and
 * at most one LIMIT. */
static int
parse_words(struct cmd_ctx *c, int argc, char **argv, struct ulimit_req *r)
{
	const char *p;
	size_t i;
	int k;

	for (k = 0; k < argc; k++) {
		if (argv[k][0] != '-' || !argv[k][1]) {
			if (r->value)
				return cmd_error(c, "one LIMIT at most ('%s' "
						 "and '%s')", r->value, argv[k]);
			r->value = argv[k];
			continue;
		}
		for (p = argv[k] + 1; *p; p++) {
			if (*p == 'H' || *p == 'S' || *p == 'a') {
				*(*p == 'H' ? &r->hard : *p == 'S' ? &r->soft :
				  &r->all) = true;
				continue;
			}
			for (i = 0; i < ARRAY_SIZE(resources); i++)
				if (resources[i].opt == *p)
					break;
			if (i == ARRAY_SIZE(resources))
				return cmd_error(c, "-%c: not a limit vmdb "
						 "models (-d, -l, -s; -H, -S, "
						 "-a)", *p);
			r->res[r->nres++] = &resources[i];
			if (r->nres > 1 && r->res[0] == r->res[r->nres - 1])
				r->nres--;
		}
	}
	return 0;
}

static void
owner_str(struct cmd_ctx *c, struct task_struct *t, char *buf, size_t n)
{
	if (t)
		snprintf(buf, n, "pid %d (%s)", t->pid, t->comm);
	else
		snprintf(buf, n, "init (no current task on CPU%d)",
			 c->m->this_cpu);
}

static void
show_table(struct cmd_ctx *c, struct task_struct *t,
	   const struct ulimit_res *const *res, int nres)
{
	const struct rlimit *rl = task_rlimits(c->m, t);
	char who[64], soft[16], hard[16];
	int i;

	owner_str(c, t, who, sizeof(who));
	out_printf(c->out, "%-32s %10s %10s\n", who, "soft", "hard");
	for (i = 0; i < nres; i++) {
		kib_str(rl[res[i]->resource].rlim_cur, soft, sizeof(soft));
		kib_str(rl[res[i]->resource].rlim_max, hard, sizeof(hard));
		out_printf(c->out, "%-17s (kbytes, -%c) %10s %10s  %s\n",
			   res[i]->label, res[i]->opt, soft, hard,
			   res[i]->name);
	}
}

static int
set_limit(struct cmd_ctx *c, struct task_struct *t, const struct ulimit_req *r)
{
	const struct ulimit_res *res = r->res[0];
	struct rlimit old = task_rlimits(c->m, t)[res->resource], new = old;
	char who[64], a[16], b[16], d[16], e[16];
	u64 kib;
	u32 v;
	int err;

	if (!strcmp(r->value, "unlimited"))
		v = RLIM_INFINITY;
	else if (!strcmp(r->value, "hard"))
		v = old.rlim_max;
	else if (!strcmp(r->value, "soft"))
		v = old.rlim_cur;
	else if (arg_number(c, "LIMIT", r->value, 0, (RLIM_INFINITY >> 10) - 1,
			    &kib))
		return -1;
	else
		v = (u32)kib << 10;
	/* bash: neither -H nor -S sets both. */
	if (r->hard || !r->soft)
		new.rlim_max = v;
	if (r->soft || !r->hard)
		new.rlim_cur = v;
	err = do_setrlimit(c->m, t, (unsigned int)res->resource, &new);
	if (err)
		return cmd_errno(c, err);
	owner_str(c, t, who, sizeof(who));
	kib_str(old.rlim_cur, a, sizeof(a));
	kib_str(new.rlim_cur, b, sizeof(b));
	kib_str(old.rlim_max, d, sizeof(d));
	kib_str(new.rlim_max, e, sizeof(e));
	out_printf(c->out, "%s: %s soft %s -> %s, hard %s -> %s (KiB)\n", who,
		   res->name, a, b, d, e);
	if (res->resource == RLIMIT_STACK)
		out_printf(c->out, "  stack growth obeys it now; mmap_base "
			   "and the layout follow it at the next exec (a "
			   "program spawned from %s)\n",
			   t ? who : "no current task");
	return 0;
}

static int
ulimit_exec(struct cmd_ctx *c, int argc, char **argv)
{
	const struct ulimit_res *all[ARRAY_SIZE(resources)];
	struct ulimit_req r = { 0 };
	struct task_struct *t = NULL;
	const struct rlimit *rl;
	char buf[16];
	size_t i;

	if (parse_words(c, argc, argv, &r))
		return -1;
	if (args_has(c, "pid") || current_task(c->m)) {
		t = arg_task(c, args_get(c, "pid"), false);
		if (!t)
			return -1;
	}
	if (r.value) {
		if (r.all || r.nres != 1)
			return cmd_error(c, "setting a LIMIT needs exactly one "
					 "of -d, -l, -s");
		return set_limit(c, t, &r);
	}
	if (r.nres == 1 && !r.all) {
		/* bash: the bare value, soft unless -H. */
		rl = &task_rlimits(c->m, t)[r.res[0]->resource];
		kib_str(r.hard && !r.soft ? rl->rlim_max : rl->rlim_cur, buf,
			sizeof(buf));
		out_printf(c->out, "%s\n", buf);
		return 0;
	}
	if (r.nres == 0 || r.all) {
		for (i = 0; i < ARRAY_SIZE(resources); i++)
			all[i] = &resources[i];
		show_table(c, t, all, (int)ARRAY_SIZE(resources));
	} else {
		show_table(c, t, r.res, r.nres);
	}
	return 0;
}

const struct cmd_entry cmd_ulimit_entry = {
	.name = "ulimit",
	.usage = "[--pid N] [-H | -S] [-a | -d | -l | -s] [LIMIT]",
	.summary = "show or set a task's resource limits (RLIMIT_*), in KiB",
	.help =
"ulimit shows or sets the resource limits of the current task (or of\n"
"--pid N) as the shell's ulimit does, in KiB, for the three limits\n"
"vmdb's mm obeys:\n"
"  -d  RLIMIT_DATA     brk: heap plus data segment (ENOMEM, brk stays)\n"
"  -l  RLIMIT_MEMLOCK  mlock (0: EPERM, over: ENOMEM), mmap MAP_LOCKED\n"
"                      (0: EPERM, over: EAGAIN), mremap and brk of locked\n"
"                      memory (EAGAIN), growth of a locked stack (ENOMEM)\n"
"  -s  RLIMIT_STACK    stack growth (expand_stack: ENOMEM, the fault is a\n"
"                      SIGSEGV); at exec, the gap below the stack that\n"
"                      sets mmap_base (clamped to 128 MiB .. 5/6 of\n"
"                      TASK_SIZE), and `unlimited` picks the legacy\n"
"                      bottom-up layout\n"
"With no option (or -a) both soft and hard limits are listed; with one\n"
"option the soft value alone (-H: the hard one), as bash prints it.\n"
"\n"
"With LIMIT (a number of KiB, `unlimited`, or `hard` / `soft` for the\n"
"current value) the limit is set by setrlimit's rules: -S sets the soft\n"
"limit, -H the hard one, neither sets both. The soft limit may not\n"
"exceed the hard one (EINVAL), and a task may lower its hard limit but\n"
"not raise it (EPERM: vmdb's tasks lack CAP_SYS_RESOURCE and\n"
"CAP_IPC_LOCK). Defaults: data unlimited, locked memory 64 KiB soft and\n"
"hard, stack 8 MiB soft, unlimited hard.\n"
"\n"
"fork copies the limits, and so does spawn from the current task (its\n"
"parent). With no current task, ulimit acts on init's limits, which a\n"
"program spawned then starts with; init is root and may raise them.\n"
"\n"
"Examples:\n"
"  ulimit -l 0\n"
"  ulimit -S -s 256\n"
"  ulimit --pid 2 -a\n",
	.opts = "pid=",
	.args_min = 0,
	.args_max = 4,
	.flags = CMD_MODIFIES,
	.exec = ulimit_exec,
};
