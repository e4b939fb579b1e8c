/* cmds/cmd-history.c: `history [N] [--verify]`: the journal, numbered as
 * @N, and a check that replaying it gives back this very machine. */
#include "config.h"

#include <string.h>

#include "vmdb/digest.h"

#include "cmd.h"
#include "debug.h"

/* Rebuilds the machine from the whole journal and compares digests,
 * naming the parts that differ. */
static int
history_verify(struct cmd_ctx *c)
{
	u64 have[NR_DIGEST_PARTS], got[NR_DIGEST_PARTS], d;
	size_t n = journal_len(c->v);
	struct machine *m;
	struct strbuf sb;
	int i;

	if (journal_rebuild_verify(c->v, "history", n, &m) < 0)
		return -1;
	d = machine_digest(c->m, have);
	machine_digest(m, got);
	machine_free(m);
	sb_init(&sb);
	for (i = 0; i < NR_DIGEST_PARTS; i++)
		if (have[i] != got[i])
			sb_printf(&sb, "%s%s", sb.len ? ", " : "",
				  digest_part_names[i]);
	if (sb.len) {
		cmd_error(c, "replaying @0..@%zu gives another machine: %s differ%s (a bug in vmdb: a command changed the machine but was not journaled, or replay is not deterministic)",
			  n - 1, sb.buf, strchr(sb.buf, ',') ? "" : "s");
		sb_free(&sb);
		return -1;
	}
	sb_free(&sb);
	out_printf(c->out, "verified: replaying @0..@%zu gives the same machine (digest 0x%016llx)\n",
		   n - 1, (unsigned long long)d);
	return 0;
}

static int
history_exec(struct cmd_ctx *c, int argc, char **argv)
{
	size_t n = journal_len(c->v), first = 0, i;
	int width;
	u64 last;

	if (args_has(c, "verify")) {
		if (argc)
			return cmd_error(c, "--verify takes no N");
		/* A half-done command is in the machine, not in the journal. */
		if (dbg_stopped(c->v))
			return dbg_refuse(c);
		return history_verify(c);
	}
	if (argc) {
		if (arg_number(c, "N", argv[0], 1, ~0u, &last))
			return -1;
		if (last < n)
			first = n - (size_t)last;
	}
	width = snprintf(NULL, 0, "%zu", n ? n - 1 : 0);
	for (i = first; i < n; i++)
		out_printf(c->out, "@%-*zu  %s%s\n", width, i,
			   journal_entry(c->v, i)->line,
			   journal_entry(c->v, i)->failed ? "  (failed)" : "");
	return 0;
}

const struct cmd_entry cmd_history_entry = {
	.name = "history",
	.usage = "[N] [--verify]",
	.summary = "list the machine-changing commands since the boot",
	.help =
"history lists the journal: every command that can change the machine,\n"
"run since the last boot, numbered from @0 (the boot itself), with the\n"
"command's name spelled out in full. Read-only commands (page, maps, x,\n"
"digest ...) and session settings (set paranoid, trace) are not in it.\n"
"A command that failed is, marked (failed): in the kernel a failure can\n"
"change things too (a touch that segfaults kills the task, a failed\n"
"allocation logs a warning). With N, only the last N entries are listed.\n"
"\n"
"Replaying @0..@N on a new machine gives the machine as it was after @N,\n"
"byte for byte: that is how undo works. history --verify does it for the\n"
"whole journal and compares the result with the machine by digest; it\n"
"fails, naming the parts that differ, if they are not the same.\n"
"\n"
"Examples:\n"
"  history\n"
"  history 5\n"
"  history --verify\n",
	.opts = "verify",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = history_exec,
};
