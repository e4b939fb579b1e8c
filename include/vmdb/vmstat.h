/* vmdb/vmstat.h: event counters (include/linux/vmstat.h, 2.6.32, with
 * HIGHMEM and without DMA32, NUMA or hugetlb) and the /proc formatters. */
#ifndef VMDB_VMSTAT_H
#define VMDB_VMSTAT_H

#include "vmdb/types.h"

struct machine;
struct out;

#define FOR_ALL_ZONES(x) x##_DMA, x##_NORMAL, x##_HIGH, x##_MOVABLE

enum vm_event_item {
	PGPGIN, PGPGOUT, PSWPIN, PSWPOUT,
	FOR_ALL_ZONES(PGALLOC),
	PGFREE, PGACTIVATE, PGDEACTIVATE,
	PGFAULT, PGMAJFAULT,
	FOR_ALL_ZONES(PGREFILL),
	FOR_ALL_ZONES(PGSTEAL),
	FOR_ALL_ZONES(PGSCAN_KSWAPD),
	FOR_ALL_ZONES(PGSCAN_DIRECT),
	PGINODESTEAL, SLABS_SCANNED, KSWAPD_STEAL, KSWAPD_INODESTEAL,
	PAGEOUTRUN, ALLOCSTALL, PGROTATED,
	HTLB_BUDDY_PGALLOC, HTLB_BUDDY_PGALLOC_FAIL,
	UNEVICTABLE_PGCULLED, UNEVICTABLE_PGSCANNED, UNEVICTABLE_PGRESCUED,
	UNEVICTABLE_PGMLOCKED, UNEVICTABLE_PGMUNLOCKED, UNEVICTABLE_PGCLEARED,
	UNEVICTABLE_PGSTRANDED, UNEVICTABLE_MLOCKFREED,
	NR_VM_EVENT_ITEMS
};

static inline void
count_vm_events(unsigned long *ev, enum vm_event_item item, long delta)
{
	ev[item] += delta;
}

/* A zone counter (enum zone_stat_item) summed over the zones. */
long global_page_state(struct machine *m, int item);

void show_zoneinfo(struct machine *m, struct out *o);
void show_buddyinfo(struct machine *m, struct out *o);
void show_pagetypeinfo(struct machine *m, struct out *o);
void show_vmstat(struct machine *m, struct out *o);
void show_meminfo(struct machine *m, struct out *o);
extern const char *const vmstat_text[];
int nr_vmstat_items(void);

#endif
