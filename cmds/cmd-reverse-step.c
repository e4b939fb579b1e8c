/* cmds/cmd-reverse-step.c: `reverse-step`: back one trace point. */
#include "config.h"

#include "cmd.h"
#include "debug.h"

static int
reverse_step_exec(struct cmd_ctx *c, int argc, char **argv)
{
	u64 n = 1;

	if (argc && arg_number(c, "count", argv[0], 1, DBG_MAX_COUNT, &n))
		return -1;
	return dbg_reverse(c, REV_STEP, (unsigned long)n);
}

const struct cmd_entry cmd_reverse_step_entry = {
	.name = "reverse-step",
	.alias = "rs",
	.usage = "[N]",
	.summary = "go back to the previous trace point",
	.help =
"reverse-step takes the stopped command back to its previous trace point,\n"
"with the machine exactly as it was there; from a command's first trace\n"
"point it goes back into the command before it, to its last one (at the\n"
"first command after boot: No more reverse-execution history). vmdb\n"
"does not undo anything: it rebuilds the machine from the journal and\n"
"runs the command again, unseen, to that point (the engine is\n"
"deterministic, so it is the same point). The commands that came after\n"
"are run again as the stopped one is run on: continue runs them all to\n"
"the next breakpoint, step and next stop at the next one's first trace\n"
"point. abort drops them. reverse-step N goes back N trace points (to\n"
"the start of the history if there are fewer).\n"
"\n"
"Example:\n"
"  step touch 0x0804a000 w\n"
"  step 3\n"
"  reverse-step\n"
"  reverse-step 4\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_NO_PARANOID | CMD_RESUMES,
	.exec = reverse_step_exec,
};
