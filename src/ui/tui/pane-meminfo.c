/* ui/tui/pane-meminfo.c: /proc/meminfo, the counters that moved
 * marked. */
#include "config.h"

#include "vmdb/machine.h"
#include "vmdb/vmstat.h"
#include "ui/tui/tui.h"

static void
meminfo_render(struct pane *p, const struct tui_view *tv)
{
	pm_title(&p->model, "/proc/meminfo");
	pane_show_text(p, tv->m, show_meminfo, 0x7000000000000000ull);
}

const struct pane_def pane_meminfo = {
	.name = "meminfo",
	.summary = "/proc/meminfo",
	.render = meminfo_render,
	.generic_diff = true,
};
