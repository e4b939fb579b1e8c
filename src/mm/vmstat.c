/* mm/vmstat.c: /proc/zoneinfo, /proc/buddyinfo, /proc/pagetypeinfo and
 * /proc/vmstat in the exact 2.6.32 formats (mm/vmstat.c).  vmdb's zone
 * counters are always folded: the kernel's per-CPU deltas (bounded by the
 * "vm stats threshold") would be folded by the next vmstat_update tick. */
#include "config.h"

#include "vmdb/machine.h"
#include "vmdb/out.h"
#include "vmdb/vmstat.h"

#define TEXTS_FOR_ZONES(x) x "_dma", x "_normal", x "_high", x "_movable",

const char *const vmstat_text[] = {
	/* zone_stat_item */
	"nr_free_pages", "nr_inactive_anon", "nr_active_anon",
	"nr_inactive_file", "nr_active_file", "nr_unevictable", "nr_mlock",
	"nr_anon_pages", "nr_mapped", "nr_file_pages", "nr_dirty",
	"nr_writeback", "nr_slab_reclaimable", "nr_slab_unreclaimable",
	"nr_page_table_pages", "nr_kernel_stack", "nr_unstable", "nr_bounce",
	"nr_vmscan_write", "nr_writeback_temp", "nr_isolated_anon",
	"nr_isolated_file", "nr_shmem",
	/* vm_event_item */
	"pgpgin", "pgpgout", "pswpin", "pswpout",
	TEXTS_FOR_ZONES("pgalloc")
	"pgfree", "pgactivate", "pgdeactivate", "pgfault", "pgmajfault",
	TEXTS_FOR_ZONES("pgrefill")
	TEXTS_FOR_ZONES("pgsteal")
	TEXTS_FOR_ZONES("pgscan_kswapd")
	TEXTS_FOR_ZONES("pgscan_direct")
	"pginodesteal", "slabs_scanned", "kswapd_steal", "kswapd_inodesteal",
	"pageoutrun", "allocstall", "pgrotated",
	"htlb_buddy_alloc_success", "htlb_buddy_alloc_fail",
	"unevictable_pgs_culled", "unevictable_pgs_scanned",
	"unevictable_pgs_rescued", "unevictable_pgs_mlocked",
	"unevictable_pgs_munlocked", "unevictable_pgs_cleared",
	"unevictable_pgs_stranded", "unevictable_pgs_mlockfreed",
};

_Static_assert(ARRAY_SIZE(vmstat_text) ==
	       NR_VM_ZONE_STAT_ITEMS + NR_VM_EVENT_ITEMS,
	       "vmstat_text out of step with the counters");

int
nr_vmstat_items(void)
{
	return (int)ARRAY_SIZE(vmstat_text);
}

/* Zones the kernel was built with: no HighMem slot without CONFIG_HIGHMEM. */
static int
nr_kernel_zones(struct machine *m)
{
	return m->cfg.highmem ? MAX_NR_ZONES : MAX_NR_ZONES - 1;
}

static int
kernel_zone_index(struct machine *m, int k)
{
	return (!m->cfg.highmem && k >= ZONE_HIGHMEM) ? k + 1 : k;
}

void
show_buddyinfo(struct machine *m, struct out *o)
{
	int i, order;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &m->zones[i];

		if (!populated_zone(z))
			continue;
		out_printf(o, "Node %d, zone %8s ", 0, z->name);
		for (order = 0; order < MAX_ORDER; order++)
			out_printf(o, "%6u ", z->free_area[order].nr_free);
		out_puts(o, "\n");
	}
}

void
show_pagetypeinfo(struct machine *m, struct out *o)
{
	int i, order, mt;

	out_printf(o, "Page block order: %d\n", pageblock_order);
	out_printf(o, "Pages per block:  %u\n", pageblock_nr_pages);
	out_puts(o, "\n");
	out_printf(o, "%-43s ", "Free pages count per migrate type at order");
	for (order = 0; order < MAX_ORDER; order++)
		out_printf(o, "%6d ", order);
	out_puts(o, "\n");
	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &m->zones[i];

		if (!populated_zone(z))
			continue;
		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			out_printf(o, "Node %4d, zone %8s, type %12s ", 0,
				   z->name, migratetype_names[mt]);
			for (order = 0; order < MAX_ORDER; order++)
				out_printf(o, "%6u ",
					   plist_count(m, z->free_area[order].free_list[mt]));
			out_puts(o, "\n");
		}
	}
	out_printf(o, "\n%-23s", "Number of blocks type ");
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		out_printf(o, "%12s ", migratetype_names[mt]);
	out_puts(o, "\n");
	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &m->zones[i];
		unsigned long count[MIGRATE_TYPES] = { 0 };
		u32 pfn, end = z->zone_start_pfn + z->spanned_pages;

		if (!populated_zone(z))
			continue;
		for (pfn = z->zone_start_pfn; pfn < end; pfn += pageblock_nr_pages) {
			if (!pfn_valid(m, pfn))
				continue;
			count[get_pageblock_migratetype(m, pfn)]++;
		}
		out_printf(o, "Node %d, zone %8s ", 0, z->name);
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			out_printf(o, "%12lu ", count[mt]);
		out_puts(o, "\n");
	}
}

void
show_zoneinfo(struct machine *m, struct out *o)
{
	int i, j, c;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &m->zones[i];

		if (!populated_zone(z))
			continue;
		out_printf(o, "Node %d, zone %8s", 0, z->name);
		out_printf(o, "\n  pages free     %ld"
			   "\n        min      %u"
			   "\n        low      %u"
			   "\n        high     %u"
			   "\n        scanned  %u"
			   "\n        spanned  %u"
			   "\n        present  %u",
			   z->vm_stat[NR_FREE_PAGES], z->watermark[WMARK_MIN],
			   z->watermark[WMARK_LOW], z->watermark[WMARK_HIGH],
			   z->pages_scanned, z->spanned_pages, z->present_pages);
		for (j = 0; j < NR_VM_ZONE_STAT_ITEMS; j++)
			out_printf(o, "\n    %-12s %ld", vmstat_text[j],
				   z->vm_stat[j]);
		out_printf(o, "\n        protection: (%u",
			   z->lowmem_reserve[kernel_zone_index(m, 0)]);
		for (j = 1; j < nr_kernel_zones(m); j++)
			out_printf(o, ", %u", z->lowmem_reserve[kernel_zone_index(m, j)]);
		out_puts(o, ")\n  pagesets");
		for (c = 0; c < m->nr_cpus; c++) {
			const struct per_cpu_pages *p = &z->pcp[c];

			out_printf(o, "\n    cpu: %i"
				   "\n              count: %i"
				   "\n              high:  %i"
				   "\n              batch: %i",
				   c, p->count, p->high, p->batch);
			out_printf(o, "\n  vm stats threshold: %d",
				   z->stat_threshold);
		}
		out_printf(o, "\n  all_unreclaimable: %u"
			   "\n  prev_priority:     %i"
			   "\n  start_pfn:         %u"
			   "\n  inactive_ratio:    %u\n",
			   z->all_unreclaimable, z->prev_priority,
			   z->zone_start_pfn, z->inactive_ratio);
	}
}

long
global_page_state(struct machine *m, int item)
{
	long v = 0;
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++)
		v += m->zones[i].vm_stat[item];
	return v;
}

void
show_vmstat(struct machine *m, struct out *o)
{
	int i;

	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		out_printf(o, "%s %ld\n", vmstat_text[i],
			   global_page_state(m, i));
	/* pgpgin and pgpgout are counted in 512-byte sectors (submit_bio)
	 * and shown in KiB, as vmstat_start does */
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		out_printf(o, "%s %lu\n", vmstat_text[NR_VM_ZONE_STAT_ITEMS + i],
			   i == PGPGIN || i == PGPGOUT ? m->vm_events[i] / 2 :
			   m->vm_events[i]);
}
