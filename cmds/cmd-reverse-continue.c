/* cmds/cmd-reverse-continue.c: `reverse-continue`: back to where a
 * breakpoint last stopped. */
#include "config.h"

#include "cmd.h"
#include "debug.h"

static int
reverse_continue_exec(struct cmd_ctx *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return dbg_reverse(c, REV_BREAK, 1);
}

const struct cmd_entry cmd_reverse_continue_entry = {
	.name = "reverse-continue",
	.alias = "rc",
	.usage = "",
	.summary = "go back to where a breakpoint or watchpoint last stopped",
	.help =
"reverse-continue goes back to the last earlier trace point where an\n"
"enabled breakpoint (its condition holding) or catchpoint would stop,\n"
"or where a watchpoint would report its change (the first trace point\n"
"after it), in this command or in the commands before it; with none, to\n"
"the first trace point of the first command after boot (No more\n"
"reverse-execution history). The commands after\n"
"that point run again as the stopped one is run on, as after\n"
"reverse-step.\n"
"\n"
"Example:\n"
"  break do_wp_page\n"
"  reverse-continue\n"
"  watch pte 0x0804a000\n"
"  reverse-continue\n",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NO_PARANOID | CMD_RESUMES,
	.exec = reverse_continue_exec,
};
