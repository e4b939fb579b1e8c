/* cmds/cmd-disable.c: `disable [N...]`: keep breakpoints but stop less. */
#include "config.h"

#include "cmd.h"
#include "debug.h"

static void
disable_one(struct dbg *d, struct breakpoint *b)
{
	(void)d;
	b->enabled = false;
}

static int
disable_exec(struct cmd_ctx *c, int argc, char **argv)
{
	return dbg_bp_each(c, argc, argv, disable_one);
}

const struct cmd_entry cmd_disable_entry = {
	.name = "disable",
	.usage = "[N | N-M]...",
	.summary = "turn breakpoints off without deleting them",
	.help =
"disable N keeps breakpoint N (or watchpoint, or catchpoint) but no\n"
"longer stops at it; disable alone turns them all off. enable turns them\n"
"back on. When nothing is enabled, commands run at full speed again.\n"
"\n"
"Example:\n"
"  disable 1\n",
	.args_min = 0,
	.args_max = -1,
	.flags = CMD_NO_PARANOID,
	.exec = disable_exec,
};
