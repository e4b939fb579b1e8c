/* cmds/cmd-info.c: `info breakpoints | watchpoints | args | frame`. */
#include "config.h"

#include <string.h>

#include "cmd.h"
#include "debug.h"
#include "vmdb/util.h"

static const char *const type_names[] = {
	[BP_BREAK] = "breakpoint",
	[BP_WATCH] = "watchpoint",
	[BP_CATCH] = "catchpoint",
};

static int
info_breakpoints(struct cmd_ctx *c, bool watch_only)
{
	struct dbg *d = dbg_get(c->v);
	struct strbuf sb;
	int i, shown = 0;

	sb_init(&sb);
	for (i = 0; i < d->nbp; i++) {
		const struct breakpoint *b = &d->bp[i];

		if (watch_only && b->type != BP_WATCH)
			continue;
		if (!shown++)
			sb_puts(&sb, "Num     Type           Disp Enb What\n");
		sb_printf(&sb, "%-7d %-14s %-4s %-3s ", b->num,
			  type_names[b->type], b->temporary ? "del" : "keep",
			  b->enabled ? "y" : "n");
		dbg_bp_describe(c->v, b, &sb);
		sb_puts(&sb, "\n");
		if (b->cond_text)
			sb_printf(&sb, "\tstop only if %s\n", b->cond_text);
		if (b->type == BP_WATCH) {
			sb_puts(&sb, "\tvalue ");
			dbg_watch_format(c->v, b, &b->old, &sb);
			sb_puts(&sb, "\n");
		}
		if (b->hits)
			sb_printf(&sb, "\t%s already hit %u time%s\n",
				  type_names[b->type], b->hits,
				  b->hits == 1 ? "" : "s");
		if (b->ignore)
			sb_printf(&sb, "\tWill ignore next %u crossings of "
				  "%s.\n", b->ignore, type_names[b->type]);
	}
	if (!shown)
		sb_printf(&sb, "No %s.\n", watch_only ? "watchpoints" :
			  "breakpoints or watchpoints");
	out_puts(c->out, sb.buf);
	sb_free(&sb);
	return 0;
}

/* The event a frame stands for, or NULL for the command's own frame. */
static const struct trace_event *
frame_event(const struct dbg *d, int k)
{
	if (d->where.phase != TP_PH_ENTER) {
		if (k == 0)
			return &d->where;
		k--;
	}
	return k < d->nframes ? &d->frames[d->nframes - 1 - k] : NULL;
}

static int
info_args(struct cmd_ctx *c)
{
	const struct dbg *d = c->v->dbg;
	const struct trace_event *ev;
	const struct tp_def *def;
	struct strbuf sb;
	int i;

	if (!dbg_stopped(c->v))
		return cmd_error(c, "no command is stopped: there is no frame");
	ev = frame_event(d, d->frame_sel);
	if (!ev) {
		out_printf(c->out, "the command itself: %s\n",
			   cmd_call_line(d->pending));
		return 0;
	}
	def = tp_get(ev->id);
	sb_init(&sb);
	if (ev->phase == TP_PH_EXIT) {
		sb_printf(&sb, "%s returned %ld (0x%lx)\n", def->name,
			  ev->ret, ev->ret);
	} else if (ev->nargs == 0) {
		sb_puts(&sb, "No arguments.\n");
	}
	for (i = 0; ev->phase != TP_PH_EXIT && i < ev->nargs &&
	     i < def->nargs; i++) {
		sb_printf(&sb, "%s = ", def->argname[i]);
		trace_format_arg(c->m, &sb, ev, i);
		sb_puts(&sb, "\n");
	}
	out_puts(c->out, sb.buf);
	sb_free(&sb);
	return 0;
}

static int
info_frame(struct cmd_ctx *c)
{
	const struct dbg *d = c->v->dbg;
	struct strbuf sb;
	int n;

	if (!dbg_stopped(c->v))
		return cmd_error(c, "no command is stopped: there is no frame");
	n = dbg_nr_frames(d);
	sb_init(&sb);
	sb_printf(&sb, "Stack level %d, ", d->frame_sel);
	dbg_format_frame(c->v, &sb, d->frame_sel);
	sb_puts(&sb, "\n");
	if (d->frame_sel + 1 < n) {
		sb_puts(&sb, " called by ");
		dbg_format_frame(c->v, &sb, d->frame_sel + 1);
		sb_puts(&sb, "\n");
	}
	if (d->frame_sel > 0) {
		sb_puts(&sb, " caller of ");
		dbg_format_frame(c->v, &sb, d->frame_sel - 1);
		sb_puts(&sb, "\n");
	}
	sb_printf(&sb, " trace point %lu of '%s', call depth %d\n",
		  d->nevents, cmd_call_line(d->pending), d->where.depth);
	out_puts(c->out, sb.buf);
	sb_free(&sb);
	return 0;
}

static int
info_exec(struct cmd_ctx *c, int argc, char **argv)
{
	static const char *const subs[] = {
		"breakpoints", "watchpoints", "args", "frame",
	};
	size_t len = strlen(argv[0]), i;
	int found = -1;

	(void)argc;
	for (i = 0; i < ARRAY_SIZE(subs); i++) {
		if (strncmp(subs[i], argv[0], len))
			continue;
		if (found >= 0)
			return cmd_error(c, "ambiguous: '%s'", argv[0]);
		found = (int)i;
	}
	switch (found) {
	case 0:
		return info_breakpoints(c, false);
	case 1:
		return info_breakpoints(c, true);
	case 2:
		return info_args(c);
	case 3:
		return info_frame(c);
	}
	return cmd_error(c, "no 'info %s' (there are info breakpoints, "
			 "watchpoints, args and frame)", argv[0]);
}

const struct cmd_entry cmd_info_entry = {
	.name = "info",
	.alias = "i",
	.usage = "breakpoints | watchpoints | args | frame",
	.summary = "list breakpoints, or describe the selected frame",
	.help =
"info breakpoints (or any prefix: info b) lists breakpoints, watchpoints\n"
"and catchpoints with their numbers, whether they are enabled, their\n"
"conditions, values and hit counts; info watchpoints only the\n"
"watchpoints. While a command is stopped, info args prints the selected\n"
"frame's arguments one per line, and info frame the frame with its\n"
"caller and callee and how far the command has come.\n"
"\n"
"Examples:\n"
"  info breakpoints\n"
"  info args\n",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = info_exec,
};
