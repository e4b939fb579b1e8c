/* cmds/cmd-diff.c: `diff [GROUP...]`: what changed since the last stop,
 * or what the last command changed; and the session's recorded points it
 * compares with (see snapshot.h for when they are taken). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "debug.h"
#include "snapshot.h"
#include "vmdb/trace.h"
#include "vmdb/util.h"

#define DIFF_DEFAULT_LINES	50

/*
 * The points of the last machine-changing command.  m tells which machine
 * they were taken of (compared, never followed: after `boot` the session
 * has another one).
 */
struct snap_points {
	const struct machine *m;
	char *line;		/* the command as typed */
	struct snap *start;	/* the machine before it; NULL: not recorded */
	struct snap *prev;	/* at its stop before the current one */
	struct snap *cur;	/* at its current stop */
	int prev_tp;		/* the trace points of those stops */
	int cur_tp;
};

static void
points_drop(struct snap_points *p)
{
	snap_free(p->start);
	snap_free(p->prev);
	snap_free(p->cur);
	free(p->line);
	memset(p, 0, sizeof(*p));
}

/* Someone may read a snapshot of this command: it may stop (it runs on
 * the debugger's coroutine), or `set diff on`. */
static bool
recording(struct vmdb *v)
{
	return v->diff || dbg_may_stop(v);
}

void
snap_command_start(struct vmdb *v, const struct cmd_entry *e,
		   const char *line)
{
	struct snap_points *p = v->snap;
	struct snap *old;

	if (!(e->flags & CMD_MODIFIES) || dbg_stopped(v))
		return;
	if (!p && !recording(v))
		return;		/* nothing to forget, nothing to take */
	if (!p)
		p = v->snap = xcalloc(1, sizeof(*p));
	old = p->start;
	p->start = NULL;
	points_drop(p);
	p->line = xstrdup(line);
	p->m = v->m;
	if (v->m && recording(v))
		p->start = snap_retake(v->m, old);
	else
		snap_free(old);
}

void
snap_stop(struct vmdb *v, const struct trace_event *ev)
{
	struct snap_points *p = v->snap;
	struct snap *old;

	if (!p || !p->start || p->m != v->m)
		return;
	old = p->prev;
	p->prev = p->cur;
	p->prev_tp = p->cur_tp;
	p->cur = snap_retake(v->m, old);
	p->cur_tp = (int)ev->id;
}

void
snap_session_free(struct vmdb *v)
{
	if (!v->snap)
		return;
	points_drop(v->snap);
	free(v->snap);
	v->snap = NULL;
}

int
snap_report(struct cmd_ctx *c, const struct snap *a, const struct snap *b,
	    const char *label, int max_lines, unsigned mask)
{
	struct out buf;
	int n;

	out_init_buf(&buf);
	n = snap_diff_groups(c->m, a, b, &buf, max_lines, mask);
	if (n == 0)
		out_printf(c->out, "No changes %s.\n", label);
	else
		out_printf(c->out, "Changes %s:\n%s", label, buf.sb.buf);
	out_done(&buf);
	return n;
}

/* Nothing to compare with: from now on, record every command. */
static int
not_recorded(struct cmd_ctx *c, const char *what)
{
	bool was = c->v->diff;

	c->v->diff = true;
	return cmd_error(c, "%s%s", what, was ? "" :
			 "; from now on each command that changes the machine "
			 "is recorded (set diff off stops it)");
}

/* GROUP words into a mask of enum snap_group bits; 0 after the error. */
static unsigned
parse_groups(struct cmd_ctx *c, int argc, char **argv)
{
	unsigned mask = 0, match;
	struct strbuf names;
	size_t len;
	int i, g;

	for (i = 0; i < argc; i++) {
		/* The name or a unique prefix of it. */
		len = strlen(argv[i]);
		match = 0;
		for (g = 0; g < NR_SNAP_GROUPS; g++)
			if (len && !strncmp(snap_group_names[g], argv[i], len))
				match |= 1u << g;
		if (match && !(match & (match - 1))) {
			mask |= match;
			continue;
		}
		sb_init(&names);
		for (g = 0; g < NR_SNAP_GROUPS; g++)
			if (!match || (match & (1u << g)))
				sb_printf(&names, "%s%s", names.len ? ", " : "",
					  snap_group_names[g]);
		cmd_error(c, "%s group '%s' (%s: %s)",
			  match ? "ambiguous" : "no", argv[i],
			  match ? "could be" : "there are", names.buf);
		sb_free(&names);
		return 0;
	}
	return argc ? mask : SNAP_ALL;
}

static int
diff_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct vmdb *v = c->v;
	struct snap_points *p = v->snap;
	const struct snap *base;
	struct snap *now;
	char *label;
	unsigned mask;
	u64 max = DIFF_DEFAULT_LINES;

	if (args_get(c, "max") &&
	    arg_number(c, "--max", args_get(c, "max"), 1, 1000000, &max))
		return -1;
	if (args_has(c, "all"))
		max = 0;
	mask = parse_groups(c, argc, argv);
	if (!mask)
		return -1;
	/* `diff @N @M` will compare two points of the journal here:
	 * replay to N and M, snap_take each, and snap_report them. */
	if (!p || !p->line)
		return not_recorded(c, "nothing recorded yet");
	if (p->m != c->m)
		return cmd_error(c, "'%s' booted a new machine: there is "
				 "nothing to compare it with", p->line);
	if (!p->start)
		return not_recorded(c, "the last command that changed the "
				    "machine was not recorded");

	if (dbg_stopped(v) && p->prev) {
		base = p->prev;
		label = xasprintf("since the last stop (at %s)",
				  tp_get(p->prev_tp)->name);
	} else if (dbg_stopped(v)) {
		base = p->start;
		label = xasprintf("since '%s' started", p->line);
	} else {
		base = p->start;
		label = xasprintf("made by '%s'", p->line);
	}
	now = snap_take(c->m);
	snap_report(c, base, now, label, (int)max, mask);
	snap_free(now);
	free(label);
	return 0;
}

const struct cmd_entry cmd_diff_entry = {
	.name = "diff",
	.usage = "[GROUP...] [--max N | --all]",
	.summary = "what changed since the last stop, or in the last command",
	.help =
"While a command is stopped, diff shows what changed since its previous\n"
"stop (or since it started, at its first stop): the effect of the last\n"
"step, next or finish. When nothing is stopped, it shows what the last\n"
"command that changes the machine changed. One line per difference, in\n"
"groups, in this order:\n"
"\n"
"  task   a task appeared or exited, or changed state or name\n"
"  VMA    a VMA appeared (+), went (-) or changed (old -> new, flags)\n"
"  PDE    a page directory entry of a task, or of the kernel above\n"
"         high_memory (vmalloc, pkmap, fixmap)\n"
"  PTE    a page-table entry: old -> new value; for the same frame the\n"
"         bits that changed (+ACCESSED|DIRTY, -RW), else the new entry\n"
"  page   a struct page: _count, _mapcount, flags (+set -cleared),\n"
"         private, mapping, index\n"
"  free   a buddy free list: blocks of that order, per migrate type\n"
"  pcp    a per-CPU page list's count\n"
"  CR3    a CPU's page directory; TLB  a TLB entry cached (+), dropped\n"
"         (-) or changed, with its frame and cached bits\n"
"  stat, event   a zone's vmstat counter, a VM event counter\n"
"\n"
"GROUP words show only those groups: tasks, vmas, ptes, pages, free,\n"
"pcp, tlb, counters (or a prefix: diff pte page). At most 50 lines are\n"
"shown, then the number of the others; --max N shows N, --all all.\n"
"\n"
"diff compares the machine with a snapshot (a copy of mem_map and a walk\n"
"of the page tables: milliseconds on a 4 GiB machine), taken only when\n"
"it may be read: at the start and every stop of a command that runs\n"
"with a breakpoint, watchpoint or catchpoint enabled (or under step\n"
"COMMAND), and before every command that changes the machine while\n"
"`set diff on`. The first diff that finds nothing recorded turns it on.\n"
"\n"
"Examples:\n"
"  set diff on\n"
"  touch 0x0804a000 w\n"
"  diff\n"
"  diff pte pages\n",
	.opts = "max= all",
	.args_min = 0,
	.args_max = NR_SNAP_GROUPS,
	.exec = diff_exec,
};
