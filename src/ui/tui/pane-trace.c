/* ui/tui/pane-trace.c: the current command: what it printed so far (its
 * trace and explain lines with `trace on` or `explain on`, the stop
 * lines), the line of the trace point it is stopped at marked, and the
 * backtrace while it is stopped.  The last machine-changing command
 * stays shown until the next one starts. */
#include "config.h"

#include <string.h>

#include "ui/tui/tui.h"

static bool
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);

	return n >= k && !memcmp(s + n - k, tail, k);
}

static void
trace_render(struct pane *p, const struct tui_view *tv)
{
	struct pane_model *pm = &p->model;
	int i, l, where = -1;

	pm_title(pm, "%s%s", tv->stopped ? "stopped at " : "",
		 tv->stopped ? tv->where : "");
	for (i = tv->cmd_first; i >= 0 && i < tv->nlog; i++) {
		if (!(tv->log_attr[i] & LOG_CMD))
			continue;
		l = pm_text_line(pm, LOG_ATTR(tv->log_attr[i]), tv->log[i]);
		if (tv->stopped && tv->where &&
		    ends_with(tv->log[i], tv->where))
			where = l;
	}
	if (where >= 0) {
		pm_mark(pm, where, TA_MARK, GUTTER_MARK);
		pm->mark = where;
	}
	if (!tv->stopped || tv->nframes == 0)
		return;
	pm_printf(pm, 0, TA_HEAD, "backtrace:");
	for (i = 0; i < tv->nframes; i++) {
		l = pm_printf(pm, 0, TA_NORMAL, "%s", tv->frames[i]);
		if (i == 0)
			pm_mark(pm, l, TA_MARK, GUTTER_MARK);
	}
	if (pm->mark < 0)
		pm->mark = pm->nlines - 1;
}

const struct pane_def pane_trace = {
	.name = "trace",
	.summary = "the current command's trace, stop lines and backtrace",
	.render = trace_render,
	.follow_end = true,
};
