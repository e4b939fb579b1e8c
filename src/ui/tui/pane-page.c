/* ui/tui/pane-page.c: the struct page of the pfn chosen with
 * `focus page PFN`, field by field (the 32 bytes the i386 kernel has). */
#include "config.h"

#include "vmdb/machine.h"
#include "vmdb/mm.h"
#include "ui/tui/tui.h"

#define KEY_FIELD(n)	(0x9000000000000000ull | (n))

static void
page_render(struct pane *p, const struct tui_view *tv)
{
	struct machine *m = tv->m;
	struct pane_model *pm = &p->model;
	const struct page *pg;
	int bit, n = 0;

	if (tv->pfn < 0 || (u64)tv->pfn >= m->max_mapnr) {
		pm_title(pm, "%s", "");
		pm_printf(pm, 0, TA_DIM, "focus page PFN chooses the page");
		return;
	}
	pg = &m->mem_map[tv->pfn];
	pm_title(pm, "pfn %05lx, %s", tv->pfn,
		 zone_names[page_zonenum(pg)]);
	pm_line(pm, KEY_FIELD(1));
	pm_add(pm, TA_NORMAL, "flags     %08x", pg->flags);
	for (bit = 0; bit < NR_PAGEFLAGS; bit++)
		if (page_test(pg, bit))
			pm_add(pm, TA_NORMAL, "%s%s", n++ ? "|" : " ",
			       pageflag_names[bit]);
	pm_end(pm);
	pm_printf(pm, KEY_FIELD(2), TA_NORMAL, "_count    %d", pg->_count);
	pm_printf(pm, KEY_FIELD(3), TA_NORMAL, "_mapcount %d (%d PTE%s)",
		  pg->_mapcount, pg->_mapcount + 1,
		  pg->_mapcount == 0 ? "" : "s");
	pm_printf(pm, KEY_FIELD(4), TA_NORMAL, "private   %u", pg->private);
	pm_printf(pm, KEY_FIELD(5), TA_NORMAL, "mapping   %08x", pg->mapping);
	pm_printf(pm, KEY_FIELD(6), TA_NORMAL, "index     %u", pg->index);
	pm_printf(pm, KEY_FIELD(7), TA_NORMAL, "lru       %08x %08x",
		  pg->lru.next, pg->lru.prev);
}

const struct pane_def pane_page = {
	.name = "page",
	.summary = "the struct page of a chosen pfn",
	.render = page_render,
	.generic_diff = true,
};
