/* ui/tui/pane-pkmap.c: the permanent kmap slots in use: pkmap_count
 * (1: mapped, no user, freed at the next wrap; n: n - 1 users), each
 * slot's PTE, and last_pkmap_nr, where map_new_virtual searches next. */
#include "config.h"

#include "vmdb/highmem.h"
#include "vmdb/machine.h"
#include "vmdb/pgtable.h"
#include "ui/tui/tui.h"

static void
pkmap_render(struct pane *p, const struct tui_view *tv)
{
	struct machine *m = tv->m;
	struct pane_model *pm = &p->model;
	struct kmap_state *k = m->kmap;
	int i, used = 0, l;

	if (!m->cfg.highmem || !m->pkmap_page_table || !k) {
		pm_title(pm, "%s", "");
		pm_printf(pm, 0, TA_DIM, "no HIGHMEM: kmap is the direct map");
		return;
	}
	for (i = 0; i < LAST_PKMAP; i++) {
		u32 pte = phys_read32(m, m->pkmap_page_table + i * 4);
		int count = k->pkmap_count[i];

		if (count == 0 && pte == 0)
			continue;
		used++;
		l = pm_printf(pm, 0x8000000000000000ull | (u64)i, TA_NORMAL,
			      "%4d %08x pfn %05x count %d%s", i,
			      PKMAP_ADDR(m, i), pte >> PAGE_SHIFT, count,
			      count == 1 ? " (no user)" : "");
		if ((u32)i == k->last_pkmap_nr)
			pm_mark(pm, l, TA_MARK, GUTTER_MARK);
	}
	pm_title(pm, "%d of %d slots used, last_pkmap_nr %u", used,
		 LAST_PKMAP, k->last_pkmap_nr);
	if (!used)
		pm_printf(pm, 0, TA_DIM, "no slot in use");
}

const struct pane_def pane_pkmap = {
	.name = "pkmap",
	.summary = "the permanent kmap slots in use",
	.render = pkmap_render,
	.generic_diff = true,
};
