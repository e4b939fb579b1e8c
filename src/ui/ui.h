/* ui/ui.h: the front ends that feed lines to a session: the interactive
 * REPL (repl.c) and scripts (script.c).  main.c picks one; each hands
 * every line to cmd_run_line(). */
#ifndef VMDB_UI_H
#define VMDB_UI_H

#include <stdio.h>

#include "cmd.h"

/* How deep `source` may nest (a script sourcing itself stops here). */
#define VMDB_SOURCE_MAX_DEPTH	16

/*
 * Runs the lines of an open stream as a script.  name is used in error
 * prefixes ("name:LINE: vmdb: ..."); NULL for standard input, which gets
 * no prefix.  Stops at the first failing line unless v->keep_going, and
 * at `quit`.  Returns 0, -1 if a line failed and keep-going let the
 * script go on, or -2 if a failing line stopped it.
 */
int vmdb_source_file(struct vmdb *v, FILE *fp, const char *name);

/*
 * The interactive loop: prompts "(vmdb) ", reads with line editing, runs
 * each line, until `quit` or end of input.  Returns 0.
 */
int vmdb_repl(struct vmdb *v);

#endif
