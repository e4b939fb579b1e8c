/* cmds/cmd-condition.c: `condition N [CONDITION]`. */
#include "config.h"

#include <stdlib.h>

#include "cmd.h"
#include "debug.h"

static int
condition_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct dbg *d = dbg_get(c->v);
	struct breakpoint *b;
	struct dbg_expr *e = NULL;
	char why[256], *text = NULL;
	u64 num;

	if (arg_number(c, "breakpoint number", argv[0], 1, 1000000, &num))
		return -1;
	b = dbg_bp_find(d, (int)num);
	if (!b)
		return cmd_error(c, "no breakpoint number %d", (int)num);
	if (b->type != BP_BREAK)
		return cmd_error(c, "%d is a %s; only breakpoints have "
				 "conditions", b->num, b->type == BP_WATCH ?
				 "watchpoint" : "catchpoint");
	if (argc > 1) {
		text = cmd_join_words(argc - 1, argv + 1);
		e = dbg_expr_parse(b->tp, text, why, sizeof(why));
		if (!e) {
			free(text);
			return cmd_error(c, "%s", why);
		}
	}
	dbg_expr_free(b->cond);
	free(b->cond_text);
	b->cond = e;
	b->cond_text = text;
	if (text)
		out_printf(c->out, "Breakpoint %d stops only if %s.\n",
			   b->num, text);
	else
		out_printf(c->out, "Breakpoint %d now unconditional.\n",
			   b->num);
	return 0;
}

const struct cmd_entry cmd_condition_entry = {
	.name = "condition",
	.usage = "N [CONDITION]",
	.summary = "set or remove a breakpoint's condition",
	.help =
"condition N CONDITION makes breakpoint N stop only when CONDITION holds\n"
"(the language of break ... if); condition N alone removes it.\n"
"\n"
"Example:\n"
"  condition 1 order > 0 && zone == Normal\n",
	.args_min = 1,
	.args_max = -1,
	.flags = CMD_NO_PARANOID | CMD_RAW_ARGS,
	.exec = condition_exec,
};
