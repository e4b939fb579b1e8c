/* ui/tui/pane-slab.c: /proc/slabinfo, a cache a line: the caches whose
 * counts an allocation or a free moved are marked. */
#include "config.h"

#include "vmdb/machine.h"
#include "vmdb/slab.h"
#include "ui/tui/tui.h"

static void
slab_render(struct pane *p, const struct tui_view *tv)
{
	pm_title(&p->model, "/proc/slabinfo");
	pane_show_text(p, tv->m, show_slabinfo, 0x6000000000000000ull);
}

const struct pane_def pane_slab = {
	.name = "slab",
	.summary = "the slab caches, /proc/slabinfo",
	.render = slab_render,
	.generic_diff = true,
};
