/* cmds/cmd-tui.c: `tui [off | dump [COLSxROWS]]`: the ncurses panes
 * (src/ui/tui), entered from the REPL and left again, or printed as text
 * wherever vmdb runs. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "ui/tui/tui.h"

/* "120x40" */
static int
parse_size_arg(struct cmd_ctx *c, const char *s, int *cols, int *rows)
{
	char x;

	if (sscanf(s, "%d%c%d", cols, &x, rows) != 3 || x != 'x' ||
	    *cols < 1 || *rows < 1 || *cols > TUI_ROW_MAX || *rows > 500)
		return cmd_error(c, "'%s': a size is COLSxROWS, at most %dx500",
				 s, TUI_ROW_MAX);
	return 0;
}

static int
dump(struct cmd_ctx *c, int argc, char **argv)
{
	struct tui *t = tui_get(c->v);
	int cols = TUI_MIN_COLS, rows = TUI_MIN_ROWS;
	struct tui_view tv;
	struct strbuf sb;

	if (argc > 1 && parse_size_arg(c, argv[1], &cols, &rows))
		return -1;
	tui_view_fill(c->v, &tv);
	sb_init(&sb);
	tui_render(t, &tv, cols, rows, &sb);
	out_puts(c->out, sb.buf);
	sb_free(&sb);
	tui_view_done(&tv);
	return 0;
}

static int
tui_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct tui *t = tui_get(c->v);

	if (argc && !strcmp(argv[0], "dump"))
		return dump(c, argc, argv);
	if (argc && strcmp(argv[0], "off"))
		return cmd_error(c, "expected off or dump, not '%s'", argv[0]);
	if (argc > 1)
		return cmd_error(c, "'%s' takes no argument", argv[0]);
	if (argc) {
		if (!t->running)
			return cmd_error(c, "not in the TUI");
		t->leave = true;
		return 0;
	}
#ifndef HAVE_TUI
	return cmd_error(c, "this vmdb was built without ncurses "
			 "(tui dump works)");
#else
	if (t->running)
		return cmd_error(c, "already in the TUI (tui off leaves it)");
	if (!c->v->interactive || !isatty(STDOUT_FILENO))
		return cmd_error(c, "needs a terminal: run vmdb --tui, or "
				 "tui at the prompt (tui dump prints the "
				 "panes)");
	t->start = true;
	return 0;
#endif
}

const struct cmd_entry cmd_tui_entry = {
	.name = "tui",
	.usage = "[off | dump [COLSxROWS]]",
	.summary = "show live panes of the machine (ncurses)",
	.help =
"tui switches the terminal to live panes: the page tables of the focused\n"
"task, the buddy free lists, the VMA tree, the TLBs, the trace of the\n"
"current command and the output, as the layout (see layout) arranges\n"
"them, with the command line at the bottom. Every pane is drawn again\n"
"after each command and each step of a stopped command, and marks what\n"
"changed since the machine last changed under it ('*' in its first\n"
"column), the address just walked and the current frame ('>'). PgUp and\n"
"PgDn scroll the focused pane (see focus), the mouse wheel the pane under\n"
"it. tui off goes back to the plain prompt; quit leaves vmdb.\n"
"\n"
"tui needs a terminal; in a script or with --batch it is an error.\n"
"tui dump prints the panes as text instead (80x24, or COLSxROWS),\n"
"anywhere: the marks are in the first column of each pane.\n"
"\n"
"Examples:\n"
"  tui\n"
"  tui dump 100x30\n",
	.args_min = 0,
	.args_max = 2,
	.flags = CMD_NO_PARANOID,
	.exec = tui_exec,
};
