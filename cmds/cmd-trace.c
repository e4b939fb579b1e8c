/* cmds/cmd-trace.c: `trace on|off|list`: print trace points as they fire
 * (and, with `explain on`, what each one means). */
#include "config.h"

#include <string.h>

#include "vmdb/explain.h"

#include "cmd.h"

/* The narration (explain on): under the trace line, indented past its
 * arrow, or alone, indented by depth. */
static void
explain_print(struct vmdb *v, struct machine *m, const struct trace_event *ev,
	      struct strbuf *sb)
{
	struct strbuf line;

	sb_init(&line);
	explain_event(m, ev, &line);
	if (line.len)
		explain_wrap(sb, line.buf, 2 * ev->depth + (v->trace ? 3 : 0),
			     80);
	sb_free(&line);
}

void
trace_print_event(struct vmdb *v, struct machine *m,
		  const struct trace_event *ev)
{
	const struct tp_def *d = tp_get(ev->id);
	struct strbuf sb;
	int i;

	sb_init(&sb);
	if (!v->trace)
		goto explain;
	for (i = 0; i < ev->depth; i++)
		sb_puts(&sb, "  ");
	switch (ev->phase) {
	case TP_PH_ENTER:
		sb_printf(&sb, "-> %s ", d->name);
		trace_format_args(m, &sb, ev);
		break;
	case TP_PH_EVENT:
		sb_printf(&sb, " * %s ", d->name);
		trace_format_args(m, &sb, ev);
		break;
	case TP_PH_EXIT:
		if (d->noret)
			sb_printf(&sb, "<- %s", d->name);
		else if (ev->ret < 0)
			sb_printf(&sb, "<- %s = %ld", d->name, ev->ret);
		else
			sb_printf(&sb, "<- %s = 0x%lx", d->name, ev->ret);
		break;
	}
	sb_puts(&sb, "\n");
explain:
	if (v->explain)
		explain_print(v, m, ev, &sb);
	if (sb.len)
		out_puts(&v->out, sb.buf);
	sb_free(&sb);
}

static int
trace_exec(struct cmd_ctx *c, int argc, char **argv)
{
	int i;

	if (argc == 0) {
		out_printf(c->out, "trace is %s\n", c->v->trace ? "on" : "off");
		return 0;
	}
	if (!strcmp(argv[0], "list")) {
		for (i = 0; i < NR_TRACEPOINTS; i++) {
			const struct tp_def *d = tp_get(i);
			int j;

			out_printf(c->out, "%-24s %-5s %-18s", d->name,
				   d->kind == TP_CALL ? "call" : "event", d->file);
			for (j = 0; j < d->nargs; j++)
				out_printf(c->out, " %s", d->argname[j]);
			out_puts(c->out, "\n");
		}
		return 0;
	}
	if (parse_bool(argv[0], &c->v->trace))
		return cmd_error(c, "expected on, off or list, not '%s'", argv[0]);
	vmdb_trace_attach(c->v);
	return 0;
}

const struct cmd_entry cmd_trace_entry = {
	.name = "trace",
	.usage = "[on | off | list]",
	.summary = "print the kernel's steps (trace points) as they happen",
	.help =
"trace on makes every command print the trace points it passes, indented\n"
"by call depth: -> marks entry to a kernel function with its arguments,\n"
"<- its return (with the value, unless the function is void), * a step\n"
"inside one (a buddy split in expand, a merge in __free_one_page, a\n"
"failed watermark check). trace off stops it; trace alone says which it\n"
"is; trace list names every trace point with the kernel file it models\n"
"and its arguments.\n"
"\n"
"Example:\n"
"  trace on\n"
"  alloc_pages 3\n"
"  trace off\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = trace_exec,
};
