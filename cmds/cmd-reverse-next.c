/* cmds/cmd-reverse-next.c: `reverse-next`: back one trace point of this
 * frame's function, over the calls it made. */
#include "config.h"

#include "cmd.h"
#include "debug.h"

static int
reverse_next_exec(struct cmd_ctx *c, int argc, char **argv)
{
	u64 n = 1;

	if (argc && arg_number(c, "count", argv[0], 1, DBG_MAX_COUNT, &n))
		return -1;
	return dbg_reverse(c, REV_NEXT, (unsigned long)n);
}

const struct cmd_entry cmd_reverse_next_entry = {
	.name = "reverse-next",
	.alias = "rn",
	.usage = "[N]",
	.summary = "go back to the previous trace point of this function",
	.help =
"reverse-next goes back to the previous trace point of the selected\n"
"frame's function, over the calls it made: from after a call it stops at\n"
"the call's entry, not inside it (gdb's reverse-next). From the\n"
"function's first trace point it goes to its caller's, and from the\n"
"command's first into the outermost steps of the command before. How it\n"
"goes back is reverse-step's: a rebuild from the journal and a run to\n"
"that point. reverse-next N goes back N such points.\n"
"\n"
"Example:\n"
"  reverse-next\n"
"  reverse-next 2\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_NO_PARANOID | CMD_RESUMES,
	.exec = reverse_next_exec,
};
