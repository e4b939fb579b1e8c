/* cmds/cmd-replay.c: `replay FILE`: a script run on a freshly booted
 * machine as a new journal; the session is kept if the script fails. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"

#include "cmd.h"

static int
replay_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct vmdb *v = c->v;
	const char *path = argv[0];
	struct session_saved saved;
	char *last;
	FILE *fp;
	int rc;

	if (v->source_depth >= VMDB_SOURCE_MAX_DEPTH)
		return cmd_error(c, "%s: scripts nested too deeply (the limit is %d)",
				 path, VMDB_SOURCE_MAX_DEPTH);
	fp = fopen(path, "r");
	if (fp == NULL)
		return cmd_error(c, "%s: %s", path, strerror(errno));
	/* A new session: no machine yet, an empty journal, output and error
	 * lines out of sight (a line the script lets fail is part of what
	 * it replays), and the first error that is not let fail ends it. */
	session_quiet(v, &saved);
	memset(&v->journal, 0, sizeof(v->journal));
	v->m = NULL;
	v->keep_going = false;
	rc = cmd_run_line(v, "boot");
	if (rc == 0)
		rc = vmdb_source_file(v, fp, path);
	fclose(fp);
	last = session_restore(v, &saved);
	/* -1: lines failed, but the script let them (keep-going, as record
	 * save writes around a command that failed): accepted. */
	if (rc == -2 || v->m == NULL) {
		machine_free(v->m);
		journal_free(&v->journal);
		v->m = saved.m;
		v->journal = saved.j;
		vmdb_trace_attach(v);
		/* The line that stopped it, already "FILE:LINE: vmdb: ...". */
		vmdb_error_raw(v, last ? last : "vmdb: replay: failed");
		free(last);
		return -1;
	}
	free(last);
	machine_free(saved.m);
	journal_free(&saved.j);
	c->m = v->m;
	vmdb_trace_attach(v);
	out_printf(c->out, "replayed %s: the journal holds @0..@%zu\n", path,
		   journal_len(v) - 1);
	(void)argc;
	return 0;
}

const struct cmd_entry cmd_replay_entry = {
	.name = "replay",
	.usage = "FILE",
	.summary = "rebuild the machine from a script, as a new session",
	.help =
"replay FILE starts over from a script, typically one that record save\n"
"wrote: the default machine is booted (as vmdb does when it starts), the\n"
"journal is emptied, and every line of FILE runs as source would run it,\n"
"with its output thrown away; a boot line in FILE replaces the default\n"
"machine. The machine-changing lines become the new journal (see\n"
"history), so undo works on them. One line says how long it now is.\n"
"\n"
"The first error stops the replay, whatever keep-going says, and is\n"
"printed as FILE:LINE: vmdb: ...; the session then keeps the machine and\n"
"the journal it had before: replay either succeeds or changes nothing.\n"
"A line the script lets fail (between set keep-going on and set\n"
"keep-going off, as record save writes a command that failed) fails\n"
"quietly, as it did when it was recorded.\n"
"\n"
"Example:\n"
"  record save /tmp/session.vms\n"
"  replay /tmp/session.vms\n",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_MODIFIES | CMD_JOURNAL_SELF,
	.exec = replay_exec,
};
