/* cmds/cmd-undo.c: `undo [N]`: takes back the last N machine-changing
 * commands by rebuilding the machine from the journal without them. */
#include "config.h"

#include <stdlib.h>

#include "cmd.h"

static int
undo_exec(struct cmd_ctx *c, int argc, char **argv)
{
	size_t len = journal_len(c->v), keep, i;
	char **lines;
	u64 n = 1;

	if (argc && arg_number(c, "N", argv[0], 1, ~0u, &n))
		return -1;
	if (len <= 1)
		return cmd_error(c, "nothing to undo: the journal holds only the boot (@0)");
	if (n > len - 1)
		return cmd_error(c, "cannot undo %llu commands: there %s only %zu since the boot (@1..@%zu)",
				 (unsigned long long)n, len == 2 ? "is" : "are",
				 len - 1, len - 1);
	keep = len - (size_t)n;
	/* journal_replay drops the entries: keep their lines to tell. */
	lines = xcalloc((size_t)n, sizeof(*lines));
	for (i = keep; i < len; i++)
		lines[i - keep] = xasprintf("%s%s", journal_entry(c->v, i)->line,
					    journal_entry(c->v, i)->failed ?
					    "  (it had failed)" : "");
	if (journal_replay(c->v, "undo", keep) < 0) {
		for (i = 0; i < n; i++)
			free(lines[i]);
		free(lines);
		return -1;
	}
	c->m = c->v->m;
	for (i = len; i-- > keep;) {
		out_printf(c->out, "undid @%zu  %s\n", i, lines[i - keep]);
		free(lines[i - keep]);
	}
	free(lines);
	out_printf(c->out, "the machine is as it was after @%zu (%s)\n",
		   keep - 1, journal_entry(c->v, keep - 1)->line);
	return 0;
}

const struct cmd_entry cmd_undo_entry = {
	.name = "undo",
	.usage = "[N]",
	.summary = "take back the last N machine-changing commands (default 1)",
	.help =
"undo takes back the last command that changed the machine, or the last\n"
"N: the entries @K.. of the journal (see history) are dropped, and the\n"
"machine is rebuilt from the newest checkpoint before them (or by\n"
"booting @0's configuration again) by replaying the entries in between,\n"
"with their output thrown away. The engine is\n"
"deterministic, so the result is the machine exactly as it was, byte for\n"
"byte (digest shows the same number): free lists, TLBs, the kernel log\n"
"and the event counters included. Read-only commands need no undoing;\n"
"the boot (@0) cannot be undone: boot again instead.\n"
"\n"
"The time undo takes grows with the distance back: the journal keeps\n"
"checkpoints, dense near its end and sparser further back (see\n"
"HISTORY AND REPLAY in the man page).\n"
"\n"
"Examples:\n"
"  undo\n"
"  undo 3\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_MODIFIES | CMD_JOURNAL_SELF,
	.exec = undo_exec,
};
