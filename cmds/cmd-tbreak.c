/* cmds/cmd-tbreak.c: `tbreak`: a breakpoint deleted when it first stops. */
#include "config.h"

#include "cmd.h"
#include "debug.h"

static int
tbreak_exec(struct cmd_ctx *c, int argc, char **argv)
{
	return break_common(c, argc, argv, true);
}

const struct cmd_entry cmd_tbreak_entry = {
	.name = "tbreak",
	.usage = "[TRACEPOINT] [if CONDITION]",
	.summary = "stop once at a trace point",
	.help =
"tbreak sets a temporary breakpoint: like break, but deleted the first\n"
"time a command stops at it.\n"
"\n"
"Example:\n"
"  tbreak expand\n",
	.args_min = 0,
	.args_max = -1,
	.flags = CMD_NO_PARANOID | CMD_RAW_ARGS,
	.exec = tbreak_exec,
};
