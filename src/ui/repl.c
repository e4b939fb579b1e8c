/* ui/repl.c: the interactive loop: prompt, read a line (with editing and
 * history when there is a line editor), run it, until `quit` or Ctrl-D;
 * after `tui` (or with --tui) the TUI's loop until `tui off`. */
#include "config.h"

#include <stdlib.h>

#include "cmd.h"
#include "debug.h"
#include "ui/lineedit.h"
#include "ui/tui/tui.h"
#include "ui/ui.h"
#include "vmdb/util.h"

#define PROMPT	"(vmdb) "

/* "(vmdb) ", or while a command is stopped "(vmdb do_wp_page) ": where,
 * after read-only commands have scrolled the stop line away. */
char *
vmdb_prompt(struct vmdb *v)
{
	if (!dbg_stopped(v))
		return xstrdup(PROMPT);
	return xasprintf("(vmdb %s) ", tp_get(v->dbg->where.id)->name);
}

bool
vmdb_blank_line(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

int
vmdb_repl(struct vmdb *v)
{
	char *line, *p;

	lineedit_init("vmdb");
	lineedit_set_completer(cmd_complete, v);
	while (!v->quit) {
#ifdef HAVE_TUI
		/* `tui` or --tui: the panes until `tui off`. */
		if (v->tui && v->tui->start) {
			v->tui->start = false;
			tui_run(v);
			continue;
		}
#endif
		p = vmdb_prompt(v);
		line = lineedit_read(p);
		free(p);
		if (!line) {
			v->quit = true;
			break;
		}
		if (!vmdb_blank_line(line))
			lineedit_add_history(line);
		cmd_run_line(v, line);
		free(line);
	}
	lineedit_done();
	return 0;
}
