/* cmds/cmd-up.c: `up [N]`: select the caller's frame. */
#include "config.h"

#include "cmd.h"
#include "debug.h"

static int
up_exec(struct cmd_ctx *c, int argc, char **argv)
{
	return frame_move(c, argc, argv, 1);
}

const struct cmd_entry cmd_up_entry = {
	.name = "up",
	.usage = "[N]",
	.summary = "select the frame that called this one",
	.help =
"up selects the frame N levels (default 1) further from where the\n"
"command stopped: the function that called the selected one.\n"
"\n"
"Example:\n"
"  up\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = up_exec,
};
