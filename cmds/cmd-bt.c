/* cmds/cmd-bt.c: `bt [N]`: the stopped command's simulated kernel call
 * path, innermost first, down to the command itself. */
#include "config.h"

#include "cmd.h"
#include "debug.h"
#include "vmdb/util.h"

static int
bt_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct dbg *d = c->v->dbg;
	struct strbuf sb;
	u64 limit;
	int k, n;

	if (!dbg_stopped(c->v))
		return cmd_error(c, "no command is stopped: there is no stack");
	n = dbg_nr_frames(d);
	limit = (u64)n;
	if (argc && arg_number(c, "frame count", argv[0], 1, 1000000, &limit))
		return -1;
	sb_init(&sb);
	for (k = 0; k < n && (u64)k < limit; k++) {
		dbg_format_frame(c->v, &sb, k);
		sb_puts(&sb, "\n");
	}
	if ((u64)n > limit)
		sb_puts(&sb, "(More stack frames follow...)\n");
	if (d->lost_frames)
		sb_printf(&sb, "(%d frames deeper than %d not kept)\n",
			  d->lost_frames, DBG_MAX_FRAMES);
	out_puts(c->out, sb.buf);
	sb_free(&sb);
	return 0;
}

const struct cmd_entry cmd_bt_entry = {
	.name = "bt",
	.alias = "backtrace",
	.usage = "[N]",
	.summary = "show the stopped command's kernel call path",
	.help =
"bt prints the path of simulated kernel functions the stopped command is\n"
"in, innermost first: frame #0 is where it stopped (a function's entry,\n"
"a step inside one, or a return with its value), then each caller with\n"
"the arguments it was called with, and last the command as typed. bt N\n"
"prints the innermost N frames. frame, up and down select a frame for\n"
"info args and finish.\n"
"\n"
"Example:\n"
"  break expand\n"
"  touch 0x0804a000 w\n"
"  bt\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = bt_exec,
};
