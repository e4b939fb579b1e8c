/* cmds/cmd-finish.c: `finish`: until the selected frame returns. */
#include "config.h"

#include "cmd.h"
#include "debug.h"
#include "vmdb/util.h"

static int
finish_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct dbg *d = c->v->dbg;
	struct strbuf sb;
	int depth;

	(void)argc;
	(void)argv;
	if (!dbg_stopped(c->v))
		return dbg_not_stopped(c);
	depth = dbg_frame_depth(d);
	sb_init(&sb);
	if (depth < 0) {
		sb_printf(&sb, "Run till the end of '%s'\n",
			  cmd_call_line(d->pending));
	} else {
		/* Stopped at a step or a return, frame 0 is not a function:
		 * the one finishing is its caller, frame 1. */
		sb_puts(&sb, "Run till exit from ");
		dbg_format_frame(c->v, &sb, d->frame_sel +
				 (d->frame_sel == 0 &&
				  d->where.phase != TP_PH_ENTER));
		sb_puts(&sb, "\n");
	}
	out_puts(c->out, sb.buf);
	sb_free(&sb);
	return dbg_resume(c, depth < 0 ? DBG_RUN : DBG_FINISH, depth, -1);
}

const struct cmd_entry cmd_finish_entry = {
	.name = "finish",
	.alias = "fin",
	.usage = "",
	.summary = "run until the selected frame's function returns",
	.help =
"finish runs the stopped command until the function of the selected\n"
"frame (frame 0 unless frame, up or down chose another) returns, and\n"
"stops there, printing the value it returned. In the outermost frame\n"
"(a step the command itself takes) it runs to the command's end.\n"
"Breakpoints on the way still stop it.\n"
"\n"
"Example:\n"
"  finish\n",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NO_PARANOID | CMD_RESUMES,
	.exec = finish_exec,
};
