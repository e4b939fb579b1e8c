/* cmds/cmd-quit.c: `quit`: ends the session. */
#include "config.h"

#include "cmd.h"

static int
quit_exec(struct cmd_ctx *c, int argc, char **argv)
{
	c->v->quit = true;
	return 0;
}

const struct cmd_entry cmd_quit_entry = {
	.name = "quit",
	.alias = "q",
	.usage = "",
	.summary = "leave vmdb",
	.help =
"quit leaves vmdb at once. Nothing about the simulated machine is kept:\n"
"the next run boots afresh, which is what makes a script give the same\n"
"output every time. At the prompt, Ctrl-D on an empty line does the same;\n"
"Ctrl-C only throws away the line being typed.\n"
"\n"
"In a script, quit ends the whole run, not only that script. The exit\n"
"status is 0, except after a batch run (a script, --batch, or commands on\n"
"standard input) in which some command failed: then it is 1.\n"
"\n"
"Examples:\n"
"  quit\n"
"  q\n",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NO_PARANOID,
	.exec = quit_exec,
};
