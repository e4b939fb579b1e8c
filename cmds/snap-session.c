/* cmds/snap-session.c: the session's recorded points that `diff`
 * compares the machine with, and when they are taken (see snapshot.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "debug.h"
#include "snapshot.h"
#include "vmdb/trace.h"
#include "vmdb/util.h"

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
	bool rebuilds;		/* the command rebuilds the machine from
				 * the journal (undo, replay): another
				 * struct machine, comparable by value */
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
	p->rebuilds = e->flags & CMD_JOURNAL_SELF;
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

/* Nothing to compare with: from now on, record every command.  NULL
 * after the error line. */
static const struct snap *
not_recorded(struct cmd_ctx *c, const char *what)
{
	bool was = c->v->diff;

	c->v->diff = true;
	cmd_error(c, "%s%s", what, was ? "" :
		  "; from now on each command that changes the machine is "
		  "recorded (set diff off stops it)");
	return NULL;
}

const struct snap *
snap_diff_base(struct cmd_ctx *c, char **label)
{
	struct snap_points *p = c->v->snap;

	*label = NULL;
	if (!p || !p->line)
		return not_recorded(c, "nothing recorded yet");
	if (p->m != c->m && !p->rebuilds) {
		cmd_error(c, "'%s' booted a new machine: there is nothing to "
			  "compare it with", p->line);
		return NULL;
	}
	if (!p->start)
		return not_recorded(c, "the last command that changed the "
				    "machine was not recorded");
	if (dbg_stopped(c->v) && p->prev) {
		*label = xasprintf("since the last stop (at %s)",
				   tp_get(p->prev_tp)->name);
		return p->prev;
	}
	if (dbg_stopped(c->v))
		*label = xasprintf("since '%s' started", p->line);
	else
		*label = xasprintf("made by '%s'", p->line);
	return p->start;
}
