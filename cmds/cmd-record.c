/* cmds/cmd-record.c: `record [save FILE]`: the journal written out as a
 * script that rebuilds this machine. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

/* The script: a header, then one line per entry. */
static void
record_script(struct cmd_ctx *c, struct strbuf *sb)
{
	size_t n = journal_len(c->v), i;

	sb_printf(sb, "# A vmdb session written by `record save`: the %zu command%s that\n"
		  "# changed the machine, from its boot on.  `vmdb FILE` or `source FILE`\n"
		  "# runs it; `replay FILE` makes it the session's machine and journal.\n",
		  n, n == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		const struct journal_entry *je = journal_entry(c->v, i);

		if (je->failed)
			sb_printf(sb, "set keep-going on  # @%zu failed, and changed the machine\n%s\nset keep-going off\n",
				  i, je->line);
		else
			sb_printf(sb, "%s\n", je->line);
	}
}

static int
record_save(struct cmd_ctx *c, const char *path)
{
	size_t n = journal_len(c->v);
	struct strbuf sb;
	FILE *fp = NULL;
	int err = 0;

	if (strcmp(path, "-") && (fp = fopen(path, "w")) == NULL)
		return cmd_error(c, "%s: %s", path, strerror(errno));
	sb_init(&sb);
	record_script(c, &sb);
	if (fp == NULL) {
		out_write(c->out, sb.buf, sb.len);
		sb_free(&sb);
		return 0;
	}
	if (fwrite(sb.buf, 1, sb.len, fp) != sb.len)
		err = errno;
	sb_free(&sb);
	if (fclose(fp) != 0 && err == 0)
		err = errno;
	if (err)
		return cmd_error(c, "%s: %s", path, strerror(err));
	out_printf(c->out, "wrote %s: @0..@%zu, %zu command%s\n", path, n - 1,
		   n, n == 1 ? "" : "s");
	return 0;
}

static int
record_exec(struct cmd_ctx *c, int argc, char **argv)
{
	size_t n = journal_len(c->v);

	if (argc == 0) {
		out_printf(c->out, "the journal holds %zu command%s (@0..@%zu); record save FILE writes them as a script\n",
			   n, n == 1 ? "" : "s", n - 1);
		return 0;
	}
	if (strcmp(argv[0], "save"))
		return cmd_error(c, "expected save FILE, not '%s'", argv[0]);
	if (argc != 2)
		return cmd_error(c, "usage: record save FILE");
	return record_save(c, argv[1]);
}

const struct cmd_entry cmd_record_entry = {
	.name = "record",
	.usage = "[save FILE]",
	.summary = "write the journal as a script that rebuilds the machine",
	.help =
"record says how many commands the journal holds (see history). record\n"
"save FILE writes them to FILE (- writes them to the output), one a line\n"
"after a comment header: a vmdb script that, run from the start (vmdb\n"
"FILE, source FILE, or replay FILE), builds this same machine again.\n"
"Read-only commands are not in it. An existing FILE is overwritten.\n"
"\n"
"A command that failed is written between set keep-going on and set\n"
"keep-going off: it must run again, since a failure can change the\n"
"machine too (a touch that segfaults kills the task), and fail again\n"
"without stopping the script. The boot line is written as it was typed:\n"
"a relative boot --e820 path is relative to the directory vmdb runs in.\n"
"\n"
"Examples:\n"
"  record\n"
"  record save /tmp/session.vms\n"
"  record save -\n",
	.args_min = 0,
	.args_max = 2,
	.flags = CMD_NO_PARANOID,
	.exec = record_exec,
};
