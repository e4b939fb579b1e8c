/* cmds/cmd-delete.c: `delete [N...]`: remove breakpoints, watchpoints and
 * catchpoints. */
#include "config.h"

#include "cmd.h"
#include "debug.h"

static void
delete_one(struct dbg *d, struct breakpoint *b)
{
	dbg_bp_delete(d, b->num);
}

static int
delete_exec(struct cmd_ctx *c, int argc, char **argv)
{
	return dbg_bp_each(c, argc, argv, delete_one);
}

const struct cmd_entry cmd_delete_entry = {
	.name = "delete",
	.alias = "d",
	.usage = "[N | N-M]...",
	.summary = "delete breakpoints, watchpoints or catchpoints",
	.help =
"delete N removes breakpoint (or watchpoint, or catchpoint) N; N-M a\n"
"range; delete alone removes them all. Numbers are never reused.\n"
"\n"
"Example:\n"
"  delete 2 4-5\n",
	.args_min = 0,
	.args_max = -1,
	.flags = CMD_NO_PARANOID,
	.exec = delete_exec,
};
