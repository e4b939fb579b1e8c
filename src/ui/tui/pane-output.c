/* ui/tui/pane-output.c: everything the session printed, the command
 * lines as typed among it and error lines marked, newest at the bottom
 * (scroll back with PgUp or the wheel). */
#include "config.h"

#include "ui/tui/tui.h"

static void
output_render(struct pane *p, const struct tui_view *tv)
{
	struct pane_model *pm = &p->model;
	int i;

	pm_title(pm, "%s", "");
	for (i = 0; i < tv->nlog; i++)
		pm_text_line(pm, LOG_ATTR(tv->log_attr[i]), tv->log[i]);
}

const struct pane_def pane_output = {
	.name = "output",
	.summary = "the output of the commands",
	.render = output_render,
	.follow_end = true,
};
