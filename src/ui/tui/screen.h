/* ui/tui/screen.h: the curses side of the TUI (screen.c): one WINDOW per
 * pane, a status line and a command line; drawing touches only the rows
 * whose cells changed, and a refresh ends in a single doupdate. */
#ifndef VMDB_UI_TUI_SCREEN_H
#define VMDB_UI_TUI_SCREEN_H

#include <stdbool.h>

struct tui;
struct tui_view;

/* Takes the terminal (newterm on stdin/stdout); NULL with why when it
 * cannot.  The terminal is given back by screen_close, at exit, and on a
 * fatal signal. */
struct screen *screen_open(char *why, size_t n);
void screen_close(struct screen *s);

/* Renders and draws every pane of the layout, the status line and the
 * command line, then doupdate. */
void screen_refresh(struct screen *s, struct tui *t, const struct tui_view *tv);
/* Draws again what is already rendered (after scrolling), and the
 * command line. */
void screen_redraw(struct screen *s, struct tui *t);
/* Only the command line (a key was typed). */
void screen_cmdline(struct screen *s, const char *prompt, const char *line,
		    int point);
/* The pane at a screen position, or -1; and its height. */
int screen_pane_at(const struct screen *s, int y, int x, int *h);
int screen_pane_height(const struct screen *s, int pane);

/* The next key: a byte, or a curses KEY_* code; -1 on an interrupted or
 * failed read.  Mouse wheel events come back as KEY_MOUSE with *wheel
 * -1 (up) or 1 (down) and the position. */
int screen_key(struct screen *s, int *wheel, int *y, int *x);

/* Leaves curses while a line is read the plain way (libedit, no editor),
 * and comes back. */
void screen_suspend(struct screen *s);
void screen_resume(struct screen *s);

#endif
