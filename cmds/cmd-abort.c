/* cmds/cmd-abort.c: `abort`: undo the stopped command. */
#include "config.h"

#include "cmd.h"
#include "debug.h"

static int
abort_exec(struct cmd_ctx *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return dbg_abort(c);
}

const struct cmd_entry cmd_abort_entry = {
	.name = "abort",
	.usage = "",
	.summary = "undo the stopped command, as if it had never run",
	.help =
"abort rolls the stopped command back: the machine is left exactly as it\n"
"was before the command started (history --verify and digest can check\n"
"it), and the command is not in the journal. vmdb runs the command out\n"
"without output, so that nothing it holds is lost, then rebuilds the\n"
"machine by replaying the journal without it (see HISTORY AND REPLAY).\n"
"\n"
"Example:\n"
"  break do_wp_page\n"
"  touch 0x08060010 w\n"
"  abort\n",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NO_PARANOID | CMD_RESUMES,
	.exec = abort_exec,
};
