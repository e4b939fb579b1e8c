/* ui/lineedit.h: line input for the REPL.  lineedit.c is the only file
 * that includes a line editor's headers: GNU Readline, libedit, or none
 * (plain getline).  Editing and history are used only when standard input
 * is a terminal. */
#ifndef VMDB_LINEEDIT_H
#define VMDB_LINEEDIT_H

#include <stdbool.h>

/* Sets up editing, completion of command names, the SIGINT handler (Ctrl-C
 * clears the line instead of ending vmdb) and loads the history file. */
void lineedit_init(const char *prog);
/* The same for a full-screen front end: no SIGWINCH handler (curses has
 * its own). */
void lineedit_init_screen(const char *prog);
/* Whether Ctrl-C was pressed since the last call (the TUI asks after its
 * read is interrupted). */
bool lineedit_interrupted(void);

/* Prompts and reads one line, without its newline.  Returns a malloc'd
 * string (empty after Ctrl-C), or NULL at end of input (Ctrl-D), with the
 * cursor moved to a fresh line. */
char *lineedit_read(const char *prompt);

/* Remembers a line in the history (not twice in a row). */
void lineedit_add_history(const char *line);

/* Writes the history file and releases what lineedit_init took. */
void lineedit_done(void);

/* Tab after the first word asks fn for the completions of prefix, given
 * the line before it: a NULL-terminated malloc'd array of malloc'd
 * strings (cmds/complete.c's cmd_complete). */
void lineedit_set_completer(char **(*fn)(void *arg, const char *line,
					 const char *prefix), void *arg);

/*
 * Editing inside a full-screen front end (the TUI), with GNU Readline's
 * callback interface: the caller hands over the terminal's bytes one by
 * one (lineedit_embed_key), the editor calls redisplay when the line
 * changes (lineedit_embed_state tells what to draw), matches with a
 * completion listing, and on_line with each finished line (a malloc'd
 * string; NULL at Ctrl-D on an empty line).  History and completion are
 * the REPL's.  Returns false when the editor cannot be embedded (libedit,
 * none, or standard input not a terminal): then the caller leaves its
 * screen around lineedit_read.
 */
bool lineedit_embed_start(const char *prompt, void (*on_line)(char *line),
			  void (*redisplay)(void),
			  void (*matches)(char **matches, int n));
/* A new prompt for the next line. */
void lineedit_embed_prompt(const char *prompt);
void lineedit_embed_key(int byte);
/* Ctrl-C: throws the line away. */
void lineedit_embed_cancel(void);
void lineedit_embed_state(const char **prompt, const char **line,
			  int *point);
void lineedit_embed_stop(void);

/* "readline", "libedit" or "none": the editor compiled in. */
const char *lineedit_name(void);

#endif
