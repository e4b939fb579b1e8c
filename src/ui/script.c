/* ui/script.c: scripts: `source FILE`, -x FILE, a FILE argument, and the
 * commands piped to vmdb's standard input.  Each line goes to
 * cmd_run_line with the file name and line number set for error lines. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "cmd.h"
#include "ui/ui.h"

int
vmdb_source_file(struct vmdb *v, FILE *fp, const char *name)
{
	const char *saved_file = v->file;
	int saved_line = v->line, lineno = 0, rc = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	v->source_depth++;
	while (!v->quit && (len = getline(&line, &cap, fp)) >= 0) {
		while (len > 0 && (line[len - 1] == '\n' ||
				   line[len - 1] == '\r'))
			line[--len] = '\0';
		v->file = name;
		v->line = ++lineno;
		if (cmd_run_line(v, line) < 0) {
			rc = -1;
			if (!v->keep_going) {
				rc = -2;
				break;
			}
		}
	}
	v->file = saved_file;
	v->line = saved_line;
	if (ferror(fp)) {
		vmdb_error(v, "source: %s: %s", name ? name : "standard input",
			   strerror(errno));
		rc = -1;
	}
	free(line);
	v->source_depth--;
	return rc;
}

/* A missing file, or scripts nested too deeply, are errors of the line
 * that asked for the script (the `source` line, or -x). */
int
vmdb_source(struct vmdb *v, const char *path)
{
	FILE *fp;
	int rc;

	if (v->source_depth >= VMDB_SOURCE_MAX_DEPTH)
		return vmdb_error(v, "source: %s: scripts nested too deeply "
				  "(the limit is %d)", path,
				  VMDB_SOURCE_MAX_DEPTH);
	fp = fopen(path, "r");
	if (!fp)
		return vmdb_error(v, "source: %s: %s", path, strerror(errno));
	rc = vmdb_source_file(v, fp, path);
	fclose(fp);
	return rc;
}
