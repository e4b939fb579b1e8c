/* cmds/cmd-break.c: `break [TRACEPOINT] [if CONDITION]`: stop a command
 * when it reaches a trace point. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "debug.h"
#include "vmdb/util.h"

/* Shared with tbreak: the trace point (or, with none, where the stopped
 * command is), then "if" and a condition over its arguments. */
int
break_common(struct cmd_ctx *c, int argc, char **argv, bool temporary)
{
	struct dbg *d = dbg_get(c->v);
	struct dbg_expr *cond = NULL;
	struct breakpoint *b;
	char why[256], *text = NULL;
	int tp, first = 0;

	if (argc > 0 && strcmp(argv[0], "if") != 0) {
		tp = tp_lookup(argv[0]);
		if (tp < 0)
			return cmd_error(c, "no trace point named '%s' (trace "
					 "list names them all)", argv[0]);
		first = 1;
	} else if (dbg_stopped(c->v)) {
		tp = d->where.id;
	} else {
		return cmd_error(c, "which trace point? (trace list names "
				 "them all)");
	}
	if (first < argc) {
		if (strcmp(argv[first], "if") != 0)
			return cmd_error(c, "expected 'if CONDITION' after %s, "
					 "not '%s'", tp_get(tp)->name,
					 argv[first]);
		if (first + 1 == argc)
			return cmd_error(c, "'if' needs a condition");
		text = cmd_join_words(argc - first - 1, argv + first + 1);
		cond = dbg_expr_parse(tp, text, why, sizeof(why));
		if (!cond) {
			cmd_error(c, "%s", why);
			free(text);
			return -1;
		}
	}
	b = dbg_bp_new(d, BP_BREAK);
	b->tp = tp;
	b->temporary = temporary;
	b->cond = cond;
	b->cond_text = text;
	out_printf(c->out, "%sreakpoint %d at %s (%s)%s%s\n",
		   temporary ? "Temporary b" : "B", b->num, tp_get(tp)->name,
		   tp_get(tp)->file, text ? " if " : "", text ? text : "");
	dbg_attach(c->v);
	return 0;
}

static int
break_exec(struct cmd_ctx *c, int argc, char **argv)
{
	return break_common(c, argc, argv, false);
}

const struct cmd_entry cmd_break_entry = {
	.name = "break",
	.alias = "b",
	.usage = "[TRACEPOINT] [if CONDITION]",
	.summary = "stop commands at a trace point",
	.help =
"break TRACEPOINT sets a breakpoint: any command that changes the machine\n"
"stops when it reaches that trace point (a kernel function's entry, or a\n"
"step inside one such as expand or set_pte), prints where, and waits.\n"
"While it is stopped, every command that only looks (bt, vtop, page,\n"
"buddyinfo, maps, x, ...) shows the half-done state; step, next, finish,\n"
"until and continue run it on. trace list names the trace points.\n"
"\n"
"With 'if CONDITION', it stops only when the condition holds. Conditions\n"
"are C expressions over the trace point's arguments, by name or by a\n"
"prefix only one name has (addr for address), numbers, the zone,\n"
"migrate-type and LRU names the trace prints (HighMem, Movable), and\n"
"$pid and $cpu (the current task and CPU); operators as in C: == != < <=\n"
"> >= && || ! & | ^ ~ << >> + - * / %. break alone, while stopped, sets\n"
"a breakpoint where the command is stopped. Breakpoints are numbered\n"
"with watchpoints and catchpoints; info breakpoints lists them.\n"
"\n"
"Examples:\n"
"  break do_wp_page\n"
"  break __rmqueue if order >= 3\n"
"  break do_page_fault if addr == 0x0804a000 && (error_code & 2)\n",
	.args_min = 0,
	.args_max = -1,
	.flags = CMD_NO_PARANOID | CMD_RAW_ARGS,
	.exec = break_exec,
};
