/* cmds/cmd-next.c: `next [N | COMMAND]`: to the next trace point of this
 * function, running through the functions it calls. */
#include "config.h"

#include "cmd.h"
#include "debug.h"

static int
next_exec(struct cmd_ctx *c, int argc, char **argv)
{
	return dbg_step_cmd(c, argc, argv, DBG_NEXT);
}

const struct cmd_entry cmd_next_entry = {
	.name = "next",
	.alias = "n",
	.usage = "[N | COMMAND [ARGS]]",
	.summary = "run to the next trace point of the current function",
	.help =
"next runs the stopped command on to the next trace point of the\n"
"selected frame's function (gdb's next): a function it calls runs through\n"
"without stopping (unless a breakpoint says otherwise), and next stops\n"
"again when that call returns, showing its value, or at the next step of\n"
"the function, or when the function itself returns. next N does that N\n"
"times. next COMMAND starts a machine-changing command stopped at its\n"
"first outermost step.\n"
"\n"
"Examples:\n"
"  next\n"
"  next touch 0x0804a000 w\n",
	.args_min = 0,
	.args_max = -1,
	.flags = CMD_NO_PARANOID | CMD_RESUMES | CMD_RAW_ARGS,
	.exec = next_exec,
};
