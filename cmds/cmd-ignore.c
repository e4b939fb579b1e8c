/* cmds/cmd-ignore.c: `ignore N COUNT`: pass a breakpoint COUNT times. */
#include "config.h"

#include "cmd.h"
#include "debug.h"

static int
ignore_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct dbg *d = dbg_get(c->v);
	struct breakpoint *b;
	u64 num, count;

	(void)argc;
	if (arg_number(c, "breakpoint number", argv[0], 1, 1000000, &num) ||
	    arg_number(c, "count", argv[1], 0, 1000000000, &count))
		return -1;
	b = dbg_bp_find(d, (int)num);
	if (!b)
		return cmd_error(c, "no breakpoint number %d", (int)num);
	b->ignore = (unsigned)count;
	if (count == 0)
		out_printf(c->out, "Will stop next time breakpoint %d is "
			   "reached.\n", b->num);
	else
		out_printf(c->out, "Will ignore next %u crossing%s of "
			   "breakpoint %d.\n", b->ignore,
			   count == 1 ? "" : "s", b->num);
	return 0;
}

const struct cmd_entry cmd_ignore_entry = {
	.name = "ignore",
	.usage = "N COUNT",
	.summary = "pass a breakpoint COUNT times before it stops",
	.help =
"ignore N COUNT lets the next COUNT crossings of breakpoint N (those\n"
"whose condition holds) go by without stopping; they still count as\n"
"hits in info breakpoints. COUNT 0 makes it stop at the next one.\n"
"\n"
"Example:\n"
"  ignore 1 3\n",
	.args_min = 2,
	.args_max = 2,
	.flags = CMD_NO_PARANOID,
	.exec = ignore_exec,
};
