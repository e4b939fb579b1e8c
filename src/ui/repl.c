/* ui/repl.c: the interactive loop: prompt, read a line (with editing and
 * history when there is a line editor), run it, until `quit` or Ctrl-D. */
#include "config.h"

#include <stdlib.h>

#include "cmd.h"
#include "ui/lineedit.h"
#include "ui/ui.h"

#define PROMPT	"(vmdb) "

static bool
is_blank_line(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

int
vmdb_repl(struct vmdb *v)
{
	char *line;

	lineedit_init("vmdb");
	while (!v->quit) {
		line = lineedit_read(PROMPT);
		if (!line) {
			v->quit = true;
			break;
		}
		if (!is_blank_line(line))
			lineedit_add_history(line);
		cmd_run_line(v, line);
		free(line);
	}
	lineedit_done();
	return 0;
}
