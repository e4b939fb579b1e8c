/* cmds/cmd-enable.c: `enable [--once] [N...]`. */
#include "config.h"

#include "cmd.h"
#include "debug.h"

static void
enable_one(struct dbg *d, struct breakpoint *b)
{
	(void)d;
	b->enabled = true;
	/* A watchpoint compares with the value it has from now on, not
	 * with the one it had when it was disabled. */
	b->old.valid = false;
}

static void
enable_once(struct dbg *d, struct breakpoint *b)
{
	enable_one(d, b);
	b->temporary = true;
}

static int
enable_exec(struct cmd_ctx *c, int argc, char **argv)
{
	int rc = dbg_bp_each(c, argc, argv, args_has(c, "once") ?
			     enable_once : enable_one);
	struct dbg *d = c->v->dbg;
	int i;

	for (i = 0; rc == 0 && d && i < d->nbp; i++)
		if (d->bp[i].type == BP_WATCH && !d->bp[i].old.valid)
			dbg_watch_read(c->v, &d->bp[i], &d->bp[i].old);
	return rc;
}

const struct cmd_entry cmd_enable_entry = {
	.name = "enable",
	.usage = "[--once] [N | N-M]...",
	.summary = "turn disabled breakpoints back on",
	.help =
"enable N turns breakpoint N (or watchpoint, or catchpoint) back on;\n"
"enable alone turns them all on. With --once, each is deleted after it\n"
"next stops a command (gdb's enable once, as tbreak does).\n"
"\n"
"Example:\n"
"  enable 1\n",
	.opts = "once",
	.args_min = 0,
	.args_max = -1,
	.flags = CMD_NO_PARANOID,
	.exec = enable_exec,
};
