/* ui/tui/pane-buddy.c: the buddy allocator's free lists: per populated
 * zone, the free blocks of each order with a bar (one character per
 * doubling: the counts span four decades), the pages on each CPU's
 * per-CPU list, and the watermarks.  A split takes one block off a
 * higher order and adds one to each order below it; a merge does the
 * reverse: the orders whose count changed are marked. */
#include "config.h"

#include "vmdb/machine.h"
#include "vmdb/mm.h"
#include "ui/tui/tui.h"

#define KEY_ZONE(z)		(0x3000000000000000ull | ((u64)(z) << 16))
#define KEY_ORDER(z, o)		(KEY_ZONE(z) | 0x100u | (u64)(o))
#define KEY_PCP(z, cpu)		(KEY_ZONE(z) | 0x200u | (u64)(cpu))

static int
ilog2_plus1(u32 n)
{
	int b = 0;

	while (n) {
		b++;
		n >>= 1;
	}
	return b;
}

static void
buddy_render(struct pane *p, const struct tui_view *tv)
{
	static const char bar[] = "################################";
	struct machine *m = tv->m;
	struct pane_model *pm = &p->model;
	int z, o, cpu;

	pm_title(pm, "%lu pages free", nr_free_pages(m));
	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zn = &m->zones[z];

		if (!populated_zone(zn))
			continue;
		pm_printf(pm, KEY_ZONE(z), TA_HEAD,
			  "%-7s free %6ld  wmark %u/%u/%u", zn->name,
			  zn->vm_stat[NR_FREE_PAGES], zn->watermark[WMARK_MIN],
			  zn->watermark[WMARK_LOW], zn->watermark[WMARK_HIGH]);
		for (o = 0; o < MAX_ORDER; o++) {
			u32 n = zn->free_area[o].nr_free;

			pm_line(pm, KEY_ORDER(z, o));
			pm_add(pm, TA_NORMAL, " %2d %5uK %6u ", o, 4u << o, n);
			pm_addn(pm, TA_BAR, bar, (size_t)ilog2_plus1(n));
			pm_end(pm);
		}
		for (cpu = 0; cpu < m->nr_cpus; cpu++) {
			struct per_cpu_pages *pcp = &zn->pcp[cpu];

			pm_printf(pm, KEY_PCP(z, cpu), TA_NORMAL,
				  " pcp cpu%d %4d  (high %d, batch %d)", cpu,
				  pcp->count, pcp->high, pcp->batch);
		}
	}
}

const struct pane_def pane_buddy = {
	.name = "buddy",
	.summary = "free blocks per zone and order, per-CPU lists",
	.render = buddy_render,
	.generic_diff = true,
};
