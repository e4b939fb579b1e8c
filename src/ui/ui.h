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

/* The prompt: "(vmdb) ", or "(vmdb do_wp_page) " while a command is
 * stopped there (malloc'd). */
char *vmdb_prompt(struct vmdb *v);
/* Only blanks: not worth a history entry. */
bool vmdb_blank_line(const char *s);

/*
 * The TUI (src/ui/tui/tui.c, built with ncursesw): panes over the
 * terminal until `tui off` (returns 0, back to the caller's prompt) or
 * quit or Ctrl-D (v->quit set).  -1 after an error line when the terminal
 * cannot be driven.  Line editing must be set up (lineedit_init).
 */
int tui_run(struct vmdb *v);

#endif
