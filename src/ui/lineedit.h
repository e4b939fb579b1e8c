/* ui/lineedit.h: line input for the REPL.  lineedit.c is the only file
 * that includes a line editor's headers: GNU Readline, libedit, or none
 * (plain getline).  Editing and history are used only when standard input
 * is a terminal. */
#ifndef VMDB_LINEEDIT_H
#define VMDB_LINEEDIT_H

/* Sets up editing, completion of command names, the SIGINT handler (Ctrl-C
 * clears the line instead of ending vmdb) and loads the history file. */
void lineedit_init(const char *prog);

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

/* "readline", "libedit" or "none": the editor compiled in. */
const char *lineedit_name(void);

#endif
