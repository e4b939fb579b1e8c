/* ui/tui/tui-session.c: what the panes need from the session: the
 * focused task, the stopped command's place and backtrace (from the
 * debugger, cmds/debug.h), the address just walked, and the output of
 * the commands, which the TUI collects line by line. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "debug.h"
#include "vmdb/machine.h"
#include "vmdb/trace.h"
#include "ui/tui/tui.h"

struct tui *
tui_get(struct vmdb *v)
{
	if (!v->tui)
		v->tui = tui_new();
	return v->tui;
}

/* An argument named address or addr of ev, if it has one. */
static bool
event_addr(const struct trace_event *ev, u32 *addr)
{
	const struct tp_def *def = tp_get(ev->id);
	int i;

	if (ev->phase == TP_PH_EXIT)
		return false;
	for (i = 0; i < ev->nargs && i < def->nargs; i++) {
		if (!strcmp(def->argname[i], "address") ||
		    !strcmp(def->argname[i], "addr")) {
			*addr = (u32)ev->args[i];
			return true;
		}
	}
	return false;
}

/*
 * The address just walked: while a command is stopped, the innermost
 * trace point with an address argument (the fault's address, the PTE
 * being set); otherwise CR2 of the current CPU, the last address that
 * faulted.
 */
static void
walked_addr(struct vmdb *v, struct tui_view *tv)
{
	struct dbg *d = v->dbg;
	int i;

	if (dbg_stopped(v)) {
		if (event_addr(&d->where, &tv->addr)) {
			tv->have_addr = true;
			return;
		}
		for (i = d->nframes - 1; i >= 0; i--)
			if (event_addr(&d->frames[i], &tv->addr)) {
				tv->have_addr = true;
				return;
			}
	}
	tv->addr = v->m->cpus[v->m->this_cpu].cr2;
	tv->have_addr = tv->addr != 0;
}

void
tui_view_fill(struct vmdb *v, struct tui_view *tv)
{
	struct tui *t = tui_get(v);
	struct strbuf sb;
	int k;

	memset(tv, 0, sizeof(*tv));
	tv->m = v->m;
	tv->pid = t->pid;
	tv->cpu = t->cpu;
	tv->pfn = t->pfn;
	tv->unfold = t->unfold;
	tv->log = t->log;
	tv->log_attr = t->log_attr;
	tv->nlog = t->nlog;
	tv->cmd_first = t->cmd_first;
	walked_addr(v, tv);
	if (!dbg_stopped(v))
		return;
	tv->stopped = true;
	sb_init(&sb);
	dbg_format_event(v->m, &sb, &v->dbg->where);
	tv->where = xstrdup(sb.buf);
	tv->nframes = dbg_nr_frames(v->dbg);
	tv->frames = xcalloc((size_t)tv->nframes, sizeof(*tv->frames));
	for (k = 0; k < tv->nframes; k++) {
		sb_reset(&sb);
		dbg_format_frame(v, &sb, k);
		tv->frames[k] = xstrdup(sb.buf);
	}
	sb_free(&sb);
}

void
tui_view_done(struct tui_view *tv)
{
	int k;

	for (k = 0; k < tv->nframes; k++)
		free(tv->frames[k]);
	free(tv->frames);
	free((char *)tv->where);
	memset(tv, 0, sizeof(*tv));
}

/*
 * A line is about to run: it is logged as typed, and it starts a new
 * "current command" for the trace pane when it changes the machine and
 * nothing is stopped.  While a command is stopped, the lines that run it
 * on (step, next, continue ...) add to it; the others (a vtop to look at
 * the intermediate state) go to the output only.
 */
void
tui_begin_line(struct vmdb *v, const char *prompt, const char *line)
{
	struct tui *t = tui_get(v);
	const struct cmd_entry *e;
	char word[64], why[256];
	size_t n;

	n = strcspn(line + strspn(line, " \t"), " \t");
	if (n >= sizeof(word))
		n = sizeof(word) - 1;
	memcpy(word, line + strspn(line, " \t"), n);
	word[n] = '\0';
	e = n ? cmd_find(word, why, sizeof(why)) : NULL;
	t->in_cmd = false;
	if (e && dbg_stopped(v))
		t->in_cmd = (e->flags & CMD_RESUMES) != 0;
	else if (e && (e->flags & CMD_MODIFIES)) {
		t->in_cmd = true;
		t->cmd_first = t->nlog;
	}
	{
		char *s = xasprintf("%s%s", prompt, line);

		tui_log(t, s, strlen(s), TA_HEAD | (t->in_cmd ? LOG_CMD : 0));
		free(s);
	}
}

void
tui_end_line(struct vmdb *v)
{
	struct tui *t = tui_get(v);
	int i;

	/* An unfinished line of output is shown as it is. */
	for (i = 0; i < 2; i++) {
		if (!t->partial[i].len)
			continue;
		tui_log(t, t->partial[i].buf, t->partial[i].len,
			(i ? TA_ERROR : TA_NORMAL) |
			(t->in_cmd ? LOG_CMD : 0));
		sb_reset(&t->partial[i]);
	}
	t->in_cmd = false;
}
