/* cmds/cmd-step.c: `step [N | COMMAND]`: to the next trace point. */
#include "config.h"

#include "cmd.h"
#include "debug.h"

static int
step_exec(struct cmd_ctx *c, int argc, char **argv)
{
	return dbg_step_cmd(c, argc, argv, DBG_STEP);
}

const struct cmd_entry cmd_step_entry = {
	.name = "step",
	.alias = "s",
	.usage = "[N | COMMAND [ARGS]]",
	.summary = "run the stopped command to its next trace point",
	.help =
"step runs the stopped command on to its very next trace point, going\n"
"into the functions it calls (gdb's step), and prints where it stopped:\n"
"a function's entry with its arguments, a step inside one (expand,\n"
"set_pte, tlb_fill ...), or a function's return with its value. step N\n"
"does that N times.\n"
"\n"
"step COMMAND runs a machine-changing COMMAND stopped at its first trace\n"
"point, so that a fault or an allocation can be walked through from its\n"
"beginning without setting a breakpoint.\n"
"\n"
"Examples:\n"
"  step touch 0x0804a000 w\n"
"  step\n"
"  step 5\n",
	.args_min = 0,
	.args_max = -1,
	.flags = CMD_NO_PARANOID | CMD_RESUMES | CMD_RAW_ARGS,
	.exec = step_exec,
};
