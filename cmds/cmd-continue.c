/* cmds/cmd-continue.c: `continue`: to the next breakpoint or the end. */
#include "config.h"

#include "cmd.h"
#include "debug.h"

static int
continue_exec(struct cmd_ctx *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (!dbg_stopped(c->v))
		return dbg_not_stopped(c);
	return dbg_resume(c, DBG_RUN, 0, -1);
}

const struct cmd_entry cmd_continue_entry = {
	.name = "continue",
	.alias = "c",
	.usage = "",
	.summary = "run the stopped command to a breakpoint or its end",
	.help =
"continue runs the stopped command on until a breakpoint, watchpoint or\n"
"catchpoint stops it again, or to its end, when it prints what it prints\n"
"normally and --paranoid's checks run.\n"
"\n"
"Example:\n"
"  continue\n",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NO_PARANOID | CMD_RESUMES,
	.exec = continue_exec,
};
