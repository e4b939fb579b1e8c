/* cmds/cmd-until.c: `until [TRACEPOINT]`. */
#include "config.h"

#include "cmd.h"
#include "debug.h"

static int
until_exec(struct cmd_ctx *c, int argc, char **argv)
{
	int tp;

	if (!dbg_stopped(c->v))
		return dbg_not_stopped(c);
	if (argc == 0)
		return dbg_step_cmd(c, 0, argv, DBG_NEXT);
	tp = tp_lookup(argv[0]);
	if (tp < 0)
		return cmd_error(c, "no trace point named '%s' (trace list "
				 "names them all)", argv[0]);
	return dbg_resume(c, DBG_UNTIL, dbg_frame_depth(c->v->dbg), tp);
}

const struct cmd_entry cmd_until_entry = {
	.name = "until",
	.alias = "u",
	.usage = "[TRACEPOINT]",
	.summary = "run to a trace point, or until this function returns",
	.help =
"until TRACEPOINT runs the stopped command until it reaches TRACEPOINT\n"
"or the selected frame's function returns, whichever comes first (gdb's\n"
"until LOCATION). until alone is next.\n"
"\n"
"Example:\n"
"  until set_pte\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_NO_PARANOID | CMD_RESUMES,
	.exec = until_exec,
};
