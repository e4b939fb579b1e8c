/* cmds/cmd-down.c: `down [N]`: select the frame this one called. */
#include "config.h"

#include "cmd.h"
#include "debug.h"

static int
down_exec(struct cmd_ctx *c, int argc, char **argv)
{
	return frame_move(c, argc, argv, -1);
}

const struct cmd_entry cmd_down_entry = {
	.name = "down",
	.usage = "[N]",
	.summary = "select the frame called by this one",
	.help =
"down selects the frame N levels (default 1) nearer to where the command\n"
"stopped.\n"
"\n"
"Example:\n"
"  down\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = down_exec,
};
