/* cmds/cmd-frame.c: `frame [N]`, `up [N]`, `down [N]`: select a frame. */
#include "config.h"

#include <string.h>

#include "cmd.h"
#include "debug.h"
#include "vmdb/util.h"

/* Selects frame k (clamped like gdb's up/down at the ends) and prints it. */
static int
select_frame(struct cmd_ctx *c, long k)
{
	struct dbg *d = c->v->dbg;
	struct strbuf sb;
	int n = dbg_nr_frames(d);

	if (k < 0)
		return cmd_error(c, "bottom (innermost) frame selected; you "
				 "cannot go down");
	if (k >= n)
		return cmd_error(c, "initial frame selected; you cannot go up");
	d->frame_sel = (int)k;
	sb_init(&sb);
	dbg_format_frame(c->v, &sb, d->frame_sel);
	sb_puts(&sb, "\n");
	out_puts(c->out, sb.buf);
	sb_free(&sb);
	return 0;
}

/* Shared with up and down: their N, default 1. */
int
frame_move(struct cmd_ctx *c, int argc, char **argv, int dir)
{
	u64 by = 1;

	if (!dbg_stopped(c->v))
		return cmd_error(c, "no command is stopped: there is no stack");
	if (argc && arg_number(c, "frame count", argv[0], 1, 1000000, &by))
		return -1;
	return select_frame(c, c->v->dbg->frame_sel + dir * (long)by);
}

static int
frame_exec(struct cmd_ctx *c, int argc, char **argv)
{
	u64 k;

	if (!dbg_stopped(c->v))
		return cmd_error(c, "no command is stopped: there is no stack");
	if (argc == 0)
		return select_frame(c, c->v->dbg->frame_sel);
	if (arg_number(c, "frame number", argv[0], 0, 1000000, &k))
		return -1;
	return select_frame(c, (long)k);
}

const struct cmd_entry cmd_frame_entry = {
	.name = "frame",
	.alias = "f",
	.usage = "[N]",
	.summary = "select and show a frame of the stopped command",
	.help =
"frame N selects frame N of bt's list (0 is where the command stopped)\n"
"and prints it; frame alone prints the selected one. info args shows\n"
"the selected frame's arguments, and finish, next and until work on its\n"
"function. up and down move one frame (or N) out or in.\n"
"\n"
"Example:\n"
"  frame 2\n"
"  info args\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = frame_exec,
};
