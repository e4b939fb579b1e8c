/* ui/tui/screen.c: the panes on a terminal, with curses (htop's
 * ScreenManager, tig's display.c).  One WINDOW per pane of the layout,
 * one for the status line and one for the command line.  A refresh
 * renders the panes' models (view.c), turns each visible row into cells
 * and draws only the rows whose cells differ from what was drawn there
 * last (a hash per row), then wnoutrefresh for the windows that were
 * touched and one doupdate: over a slow link a keystroke costs the
 * command line, a step the rows that changed.
 *
 * Colours come from the terminal's palette; without colours, or with
 * NO_COLOR set (no-color.org), the marks are bold, underline and reverse
 * video, and the gutter characters say the same in any case.  The
 * terminal is given back by screen_close, at exit (atexit), and on a
 * fatal signal (the handler ends curses, then dies of the signal).
 */
#include "config.h"

#ifdef HAVE_TUI

#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#if defined(HAVE_NCURSESW_CURSES_H)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

#include "ui/tui/screen.h"
#include "ui/tui/tui.h"

#define MAX_RECTS	(LAYOUT_MAX_ROWS * LAYOUT_MAX_COLS)

struct screen {
	SCREEN *scr;
	int rows, cols;
	struct pane_rect r[MAX_RECTS];
	int n;
	bool degraded;
	WINDOW *win[MAX_RECTS];
	u64 *drawn[MAX_RECTS];		/* a hash per row */
	WINDOW *status, *cmd;
	u64 status_drawn;
	attr_t attr[NR_TA];
};

/* The screen that is up, for the exit and signal paths. */
static struct screen *live;
static bool atexit_done;
static const int fatal_signals[] = {
	SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL,
};
static struct sigaction saved_fatal[ARRAY_SIZE(fatal_signals)];
/* curses' SIGWINCH handler, for a second `tui` (newterm installs it only
 * once per process). */
static struct sigaction curses_winch;
static bool have_curses_winch;
/* The REPL's, given back when the screen closes. */
static struct sigaction saved_winch;

static void
give_back(void)
{
	if (live && !isendwin())
		endwin();
}

static void
on_fatal(int sig)
{
	give_back();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
catch_fatal(bool on)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < ARRAY_SIZE(fatal_signals); i++) {
		if (on)
			sigaction(fatal_signals[i], &sa, &saved_fatal[i]);
		else
			sigaction(fatal_signals[i], &saved_fatal[i], NULL);
	}
}

static void
set_attrs(struct screen *s)
{
	const char *nc = getenv("NO_COLOR");
	bool color = has_colors() && !(nc && *nc);

	/* Monochrome: what stands out is bold, underlined or reversed. */
	s->attr[TA_NORMAL] = A_NORMAL;
	s->attr[TA_HEAD] = A_BOLD;
	s->attr[TA_DIM] = A_DIM;
	s->attr[TA_CHANGED] = A_BOLD;
	s->attr[TA_MARK] = A_UNDERLINE | A_BOLD;
	s->attr[TA_RED] = A_BOLD;
	s->attr[TA_BLACK] = A_NORMAL;
	s->attr[TA_BAR] = A_NORMAL;
	s->attr[TA_GONE] = A_DIM;
	s->attr[TA_ERROR] = A_BOLD;
	s->attr[TA_TITLE] = A_REVERSE;
	s->attr[TA_FOCUS] = A_REVERSE | A_BOLD;
	s->attr[TA_STATUS] = A_REVERSE;
	if (!color)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_CYAN, -1);
	init_pair(2, COLOR_YELLOW, -1);
	init_pair(3, COLOR_BLACK, COLOR_GREEN);
	init_pair(4, COLOR_RED, -1);
	init_pair(5, COLOR_GREEN, -1);
	init_pair(6, COLOR_MAGENTA, -1);
	init_pair(7, COLOR_WHITE, COLOR_BLUE);
	init_pair(8, COLOR_BLACK, COLOR_CYAN);
	s->attr[TA_HEAD] = COLOR_PAIR(1);
	s->attr[TA_CHANGED] = COLOR_PAIR(2) | A_BOLD;
	s->attr[TA_MARK] = COLOR_PAIR(3);
	s->attr[TA_RED] = COLOR_PAIR(4) | A_BOLD;
	s->attr[TA_BAR] = COLOR_PAIR(5);
	s->attr[TA_GONE] = COLOR_PAIR(6);
	s->attr[TA_ERROR] = COLOR_PAIR(4);
	s->attr[TA_TITLE] = COLOR_PAIR(7);
	s->attr[TA_FOCUS] = COLOR_PAIR(8) | A_BOLD;
}

struct screen *
screen_open(char *why, size_t n)
{
	struct screen *s = xcalloc(1, sizeof(*s));
	struct sigaction dfl;

	setlocale(LC_CTYPE, "");
	/* curses installs its SIGWINCH handler (KEY_RESIZE) only over the
	 * default one, and only the first time. */
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGWINCH, have_curses_winch ? &curses_winch : &dfl,
		  &saved_winch);
	s->scr = newterm(NULL, stdout, stdin);
	if (!s->scr) {
		sigaction(SIGWINCH, &saved_winch, NULL);
		snprintf(why, n, "cannot drive terminal type '%s'",
			 getenv("TERM") ? getenv("TERM") : "(unset)");
		free(s);
		return NULL;
	}
	set_term(s->scr);
	if (!have_curses_winch) {
		sigaction(SIGWINCH, NULL, &curses_winch);
		have_curses_winch = curses_winch.sa_handler != SIG_DFL;
	}
	live = s;
	if (!atexit_done) {
		atexit(give_back);
		atexit_done = true;
	}
	catch_fatal(true);
	cbreak();
	noecho();
	nonl();
	set_escdelay(25);
	mousemask(BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	set_attrs(s);
	return s;
}

static void
drop_windows(struct screen *s)
{
	int i;

	for (i = 0; i < s->n; i++) {
		delwin(s->win[i]);
		free(s->drawn[i]);
		s->win[i] = NULL;
		s->drawn[i] = NULL;
	}
	s->n = 0;
	if (s->status)
		delwin(s->status);
	if (s->cmd)
		delwin(s->cmd);
	s->status = s->cmd = NULL;
}

void
screen_close(struct screen *s)
{
	if (!s)
		return;
	drop_windows(s);
	endwin();
	catch_fatal(false);
	sigaction(SIGWINCH, &saved_winch, NULL);
	delscreen(s->scr);
	live = NULL;
	free(s);
}

/* Lays the windows out again when the size, the layout or the focus
 * (which decides what a small screen keeps) changed. */
static void
relayout(struct screen *s, struct tui *t)
{
	struct pane_rect r[MAX_RECTS];
	bool degraded;
	int rows, cols, n, i;

	getmaxyx(stdscr, rows, cols);
	n = tui_geometry(tui_layout(t), t->focus, cols, rows, r, MAX_RECTS,
			 &degraded);
	if (s->status && rows == s->rows && cols == s->cols && n == s->n &&
	    !memcmp(r, s->r, (size_t)n * sizeof(*r)) &&
	    degraded == s->degraded)
		return;
	drop_windows(s);
	s->rows = rows;
	s->cols = cols;
	s->degraded = degraded;
	memcpy(s->r, r, sizeof(r));
	werase(stdscr);
	if (n == 0) {
		mvwprintw(stdscr, 0, 0, "terminal too small (%dx%d): vmdb "
			  "needs %dx%d", cols, rows, TUI_MIN_COLS,
			  TUI_MIN_ROWS);
	}
	wnoutrefresh(stdscr);
	for (i = 0; i < n; i++) {
		s->win[i] = newwin(r[i].h, r[i].w, r[i].y, r[i].x);
		s->drawn[i] = xcalloc((size_t)r[i].h, sizeof(u64));
		t->panes[r[i].pane].dirty = true;
	}
	s->n = n;
	if (rows >= 2) {
		s->status = newwin(1, cols, rows - 2, 0);
		s->cmd = newwin(1, cols, rows - 1, 0);
		keypad(s->cmd, TRUE);
		s->status_drawn = 0;
	}
}

/* Draws the cells of r at row y of w, a run of one attribute at a time. */
static void
draw_row(struct screen *s, WINDOW *w, int y, const struct tui_row *r)
{
	char buf[TUI_ROW_MAX + 1];
	int x = 0, k;

	while (x < r->w) {
		int a = r->attr[x];

		for (k = 0; x + k < r->w && r->attr[x + k] == a; k++) {
			unsigned char c = (unsigned char)r->ch[x + k];

			buf[k] = c == 0 ? ' ' : c >= 0x7f || c < ' ' ? '?' :
				(char)c;
		}
		wattrset(w, s->attr[a]);
		mvwaddnstr(w, y, x, buf, k);
		x += k;
	}
	wattrset(w, A_NORMAL);
}

static u64
row_hash(const struct tui_row *r)
{
	return tui_hash(r->attr, (size_t)r->w,
			tui_hash(r->ch, (size_t)r->w, (u64)r->w)) | 1;
}

static void
draw_panes(struct screen *s, struct tui *t)
{
	struct tui_row row;
	int i, y;

	for (i = 0; i < s->n; i++) {
		const struct pane_rect *r = &s->r[i];
		struct pane *p = &t->panes[r->pane];
		bool sep = r->x + r->w < s->cols, touched = false;
		u64 h;

		for (y = 0; y < r->h; y++) {
			pane_row(p, y, r->h, r->w, r->pane == t->focus, sep,
				 &row);
			h = row_hash(&row);
			if (h == s->drawn[i][y])
				continue;
			draw_row(s, s->win[i], y, &row);
			s->drawn[i][y] = h;
			touched = true;
		}
		p->dirty = false;
		if (touched)
			wnoutrefresh(s->win[i]);
	}
}

static void
draw_status(struct screen *s, struct tui *t, const struct tui_view *tv)
{
	struct tui_row row;
	struct strbuf sb;
	u64 h;

	if (!s->status)
		return;
	sb_init(&sb);
	/* A small terminal says so first: the rest may not fit. */
	if (s->degraded && s->n)
		sb_printf(&sb, " %dx%d: fewer panes (%dx%d shows them all) |",
			  s->cols, s->rows, TUI_MIN_COLS, TUI_MIN_ROWS);
	tui_status(t, tv, &sb);
	row.w = s->cols < TUI_ROW_MAX ? s->cols : TUI_ROW_MAX;
	memset(row.ch, ' ', (size_t)row.w);
	memset(row.attr, TA_STATUS, (size_t)row.w);
	memcpy(row.ch, sb.buf, sb.len < (size_t)row.w ? sb.len : (size_t)row.w);
	sb_free(&sb);
	h = row_hash(&row);
	if (h == s->status_drawn)
		return;
	draw_row(s, s->status, 0, &row);
	s->status_drawn = h;
	wnoutrefresh(s->status);
}

void
screen_cmdline(struct screen *s, const char *prompt, const char *line,
	       int point)
{
	int plen = (int)strlen(prompt), len = (int)strlen(line), start = 0;
	int room;

	if (!s->cmd)
		return;
	room = s->cols - plen - 1;
	if (room < 1) {
		plen = 0;
		room = s->cols - 1;
	}
	/* A line longer than the window scrolls to keep the cursor in it. */
	if (point > room)
		start = point - room;
	wmove(s->cmd, 0, 0);
	waddnstr(s->cmd, prompt, plen);
	waddnstr(s->cmd, line + start, len - start < room ? len - start : room);
	wclrtoeol(s->cmd);
	wmove(s->cmd, 0, plen + point - start);
	wnoutrefresh(s->cmd);
	doupdate();
}

void
screen_refresh(struct screen *s, struct tui *t, const struct tui_view *tv)
{
	int i;

	relayout(s, t);
	for (i = 0; i < s->n; i++)
		pane_refresh(&t->panes[s->r[i].pane], tv, s->r[i].h);
	draw_panes(s, t);
	draw_status(s, t, tv);
}

void
screen_redraw(struct screen *s, struct tui *t)
{
	relayout(s, t);
	draw_panes(s, t);
}

int
screen_pane_at(const struct screen *s, int y, int x, int *h)
{
	int i;

	for (i = 0; i < s->n; i++) {
		const struct pane_rect *r = &s->r[i];

		if (y >= r->y && y < r->y + r->h && x >= r->x &&
		    x < r->x + r->w) {
			*h = r->h;
			return r->pane;
		}
	}
	return -1;
}

int
screen_pane_height(const struct screen *s, int pane)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (s->r[i].pane == pane)
			return s->r[i].h;
	return 0;
}

int
screen_key(struct screen *s, int *wheel, int *y, int *x)
{
	MEVENT ev;
	int c;

	*wheel = 0;
	c = wgetch(s->cmd ? s->cmd : stdscr);
	if (c == ERR)
		return -1;
	if (c == KEY_MOUSE) {
		if (getmouse(&ev) != OK)
			return KEY_MOUSE;
		*y = ev.y;
		*x = ev.x;
		if (ev.bstate & BUTTON4_PRESSED)
			*wheel = -1;
		else if (ev.bstate & BUTTON5_PRESSED)
			*wheel = 1;
	}
	return c;
}

/* Every row is drawn again at the next refresh. */
static void
forget_drawn(struct screen *s)
{
	int i;

	for (i = 0; i < s->n; i++)
		memset(s->drawn[i], 0, (size_t)s->r[i].h * sizeof(u64));
	s->status_drawn = 0;
}

void
screen_suspend(struct screen *s)
{
	if (s->cmd) {
		werase(s->cmd);
		wrefresh(s->cmd);
	}
	/* The panes stay on the screen; the line is read below them. */
	reset_shell_mode();
}

void
screen_resume(struct screen *s)
{
	reset_prog_mode();
	/* The line editor wrote behind curses' back: draw it all. */
	clearok(curscr, TRUE);
	forget_drawn(s);
}

#endif /* HAVE_TUI */
