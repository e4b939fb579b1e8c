/* ui/tui/tui.c: the TUI's loop: keys from the terminal, the command line
 * edited by GNU Readline's callback interface inside the command window
 * (with libedit or no editor, curses is left while a line is read), each
 * line run as the REPL runs it with the output collected for the output
 * and trace panes, and a refresh of every pane after each line: a step
 * that stops in the middle of a command shows the intermediate state.
 * PgUp and PgDn scroll the focused pane, the wheel the pane under the
 * mouse; KEY_RESIZE lays the panes out again. */
#include "config.h"

#ifdef HAVE_TUI

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(HAVE_NCURSESW_CURSES_H)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

#include "cmd.h"
#include "ui/lineedit.h"
#include "ui/tui/screen.h"
#include "ui/tui/tui.h"
#include "ui/ui.h"

/* Readline's callbacks take no argument: the loop's state. */
static struct {
	struct vmdb *v;
	struct screen *s;
	char *line;
	bool have_line;
} loop;

static void
on_line(char *line)
{
	loop.line = line;
	loop.have_line = true;
}

static void
draw_cmdline(void)
{
	const char *prompt, *line;
	int point;

	lineedit_embed_state(&prompt, &line, &point);
	screen_cmdline(loop.s, prompt, line, point);
}

static void
tui_refresh(struct vmdb *v, bool cmdline)
{
	struct tui_view tv;

	tui_view_fill(v, &tv);
	screen_refresh(loop.s, tui_get(v), &tv);
	tui_view_done(&tv);
	if (cmdline)
		draw_cmdline();
	else
		doupdate();
}

/* A completion listing goes to the output, on one line. */
static void
show_matches(char **matches, int n)
{
	struct tui *t = tui_get(loop.v);
	struct strbuf sb;
	int i;

	sb_init(&sb);
	for (i = 0; i < n && matches[i]; i++)
		sb_printf(&sb, "%s%s", i ? "  " : "", matches[i]);
	tui_log(t, sb.buf, sb.len, TA_DIM);
	sb_free(&sb);
	tui_refresh(loop.v, true);
}

static void
run_line(struct vmdb *v, char *line)
{
	char *prompt = vmdb_prompt(v);

	if (!vmdb_blank_line(line))
		lineedit_add_history(line);
	tui_begin_line(v, prompt, line);
	cmd_run_line(v, line);
	tui_end_line(v);
	free(prompt);
}

/* Scrolls a pane by rows (negative: up). */
static void
scroll_pane(struct vmdb *v, int pane, int rows, int h)
{
	if (pane < 0 || h < 2)
		return;
	pane_scroll(&tui_get(v)->panes[pane], rows, h);
	screen_redraw(loop.s, tui_get(v));
}

/* A key that is not the command line's. */
static bool
screen_keys(struct vmdb *v, int c, int wheel, int y, int x)
{
	struct tui *t = tui_get(v);
	int h = screen_pane_height(loop.s, t->focus), pane;

	switch (c) {
	case KEY_RESIZE:
		tui_refresh(v, true);
		return true;
	case KEY_PPAGE:
	case KEY_NPAGE:
		scroll_pane(v, t->focus, (c == KEY_PPAGE ? -1 : 1) *
			    (h > 3 ? h - 2 : 1), h);
		draw_cmdline();
		return true;
	case KEY_MOUSE:
		pane = screen_pane_at(loop.s, y, x, &h);
		if (wheel)
			scroll_pane(v, pane, 3 * wheel, h);
		draw_cmdline();
		return true;
	}
	return false;
}

/* curses' keys as the escape sequences Readline binds. */
static void
feed_key(int c)
{
	const char *seq = NULL;

	switch (c) {
	case KEY_UP: seq = "\033[A"; break;
	case KEY_DOWN: seq = "\033[B"; break;
	case KEY_RIGHT: seq = "\033[C"; break;
	case KEY_LEFT: seq = "\033[D"; break;
	case KEY_HOME: seq = "\033[H"; break;
	case KEY_END: seq = "\033[F"; break;
	case KEY_DC: seq = "\033[3~"; break;
	case KEY_BACKSPACE: c = 0x7f; break;
	case KEY_ENTER: c = '\r'; break;
	default:
		if (c > 0xff)
			return;
	}
	if (!seq) {
		lineedit_embed_key(c);
		return;
	}
	while (*seq)
		lineedit_embed_key(*seq++);
}

/* The loop with Readline inside curses. */
static void
run_embedded(struct vmdb *v)
{
	struct tui *t = tui_get(v);
	int c, wheel, y = 0, x = 0;
	char *prompt;

	tui_refresh(v, true);
	while (!v->quit && !t->leave) {
		c = screen_key(loop.s, &wheel, &y, &x);
		if (c < 0) {
			if (lineedit_interrupted())
				lineedit_embed_cancel();
			continue;
		}
		if (screen_keys(v, c, wheel, y, x))
			continue;
		feed_key(c);
		if (!loop.have_line)
			continue;
		loop.have_line = false;
		if (!loop.line) {		/* Ctrl-D */
			v->quit = true;
			break;
		}
		run_line(v, loop.line);
		free(loop.line);
		loop.line = NULL;
		prompt = vmdb_prompt(v);
		lineedit_embed_prompt(prompt);
		free(prompt);
		tui_refresh(v, true);
	}
}

/* The loop without: curses is left while the line editor reads. */
static void
run_plain(struct vmdb *v)
{
	struct tui *t = tui_get(v);
	char *line, *prompt;

	while (!v->quit && !t->leave) {
		tui_refresh(v, false);
		prompt = vmdb_prompt(v);
		screen_suspend(loop.s);
		line = lineedit_read(prompt);
		screen_resume(loop.s);
		free(prompt);
		if (!line) {
			v->quit = true;
			break;
		}
		run_line(v, line);
		free(line);
	}
}

int
tui_run(struct vmdb *v)
{
	struct tui *t = tui_get(v);
	struct out saved_out = v->out, saved_err = v->err;
	char why[128], *prompt;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return vmdb_error(v, "tui: needs a terminal");
	fflush(stdout);
	loop.s = screen_open(why, sizeof(why));
	if (!loop.s)
		return vmdb_error(v, "tui: %s", why);
	loop.v = v;
	t->screen = loop.s;
	t->running = true;
	t->leave = false;
	out_init_func(&v->out, tui_out_fn, t);
	out_init_func(&v->err, tui_err_fn, t);
	prompt = vmdb_prompt(v);
	if (lineedit_embed_start(prompt, on_line, draw_cmdline,
				 show_matches)) {
		free(prompt);
		run_embedded(v);
		lineedit_embed_stop();
	} else {
		free(prompt);
		run_plain(v);
	}
	tui_end_line(v);
	v->out = saved_out;
	v->err = saved_err;
	screen_close(loop.s);
	loop.s = NULL;
	t->screen = NULL;
	t->running = false;
	t->leave = false;
	return 0;
}

#endif /* HAVE_TUI */
