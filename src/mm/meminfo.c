/* mm/meminfo.c: /proc/meminfo as 2.6.32 i386 prints it (fs/proc/meminfo.c,
 * hugetlb_report_meminfo, arch_report_meminfo).  Figures vmdb does not
 * model yet (page cache, swap, slab) are the zone counters they come
 * from, so they grow as later subsystems arrive; VmallocUsed and
 * VmallocChunk come from get_vmalloc_info (mm/vmalloc_info.c). */
#include "config.h"

#include "vmdb/machine.h"
#include "vmdb/out.h"
#include "vmdb/vmalloc.h"
#include "vmdb/vmstat.h"

#define K(x) ((unsigned long)(x) << (PAGE_SHIFT - 10))

void
show_meminfo(struct machine *m, struct out *o)
{
	unsigned long totalram = m->totalram_pages, freeram, highfree;
	long cached, file = global_page_state(m, NR_FILE_PAGES);
	unsigned long committed = 0;
	unsigned long commit_limit = totalram * 50 / 100;	/* overcommit_ratio */
	unsigned long vmalloc_total = (m->vmalloc_end - m->vmalloc_start) >> 10;
	struct vmalloc_info vmi;

	get_vmalloc_info(m, &vmi);
	freeram = (unsigned long)global_page_state(m, NR_FREE_PAGES);
	highfree = (unsigned long)m->zones[ZONE_HIGHMEM].vm_stat[NR_FREE_PAGES];
	cached = file;
	if (cached < 0)
		cached = 0;

	out_printf(o,
		"MemTotal:       %8lu kB\n"
		"MemFree:        %8lu kB\n"
		"Buffers:        %8lu kB\n"
		"Cached:         %8lu kB\n"
		"SwapCached:     %8lu kB\n"
		"Active:         %8lu kB\n"
		"Inactive:       %8lu kB\n"
		"Active(anon):   %8lu kB\n"
		"Inactive(anon): %8lu kB\n"
		"Active(file):   %8lu kB\n"
		"Inactive(file): %8lu kB\n"
		"Unevictable:    %8lu kB\n"
		"Mlocked:        %8lu kB\n",
		K(totalram), K(freeram), 0ul, K(cached), 0ul,
		K(global_page_state(m, NR_ACTIVE_ANON) +
		  global_page_state(m, NR_ACTIVE_FILE)),
		K(global_page_state(m, NR_INACTIVE_ANON) +
		  global_page_state(m, NR_INACTIVE_FILE)),
		K(global_page_state(m, NR_ACTIVE_ANON)),
		K(global_page_state(m, NR_INACTIVE_ANON)),
		K(global_page_state(m, NR_ACTIVE_FILE)),
		K(global_page_state(m, NR_INACTIVE_FILE)),
		K(global_page_state(m, NR_UNEVICTABLE)),
		K(global_page_state(m, NR_MLOCK)));
	if (m->cfg.highmem)
		out_printf(o,
			"HighTotal:      %8lu kB\n"
			"HighFree:       %8lu kB\n"
			"LowTotal:       %8lu kB\n"
			"LowFree:        %8lu kB\n",
			K(m->totalhigh_pages), K(highfree),
			K(totalram - m->totalhigh_pages), K(freeram - highfree));
	out_printf(o,
		"SwapTotal:      %8lu kB\n"
		"SwapFree:       %8lu kB\n"
		"Dirty:          %8lu kB\n"
		"Writeback:      %8lu kB\n"
		"AnonPages:      %8lu kB\n"
		"Mapped:         %8lu kB\n"
		"Shmem:          %8lu kB\n"
		"Slab:           %8lu kB\n"
		"SReclaimable:   %8lu kB\n"
		"SUnreclaim:     %8lu kB\n"
		"KernelStack:    %8lu kB\n"
		"PageTables:     %8lu kB\n"
		"NFS_Unstable:   %8lu kB\n"
		"Bounce:         %8lu kB\n"
		"WritebackTmp:   %8lu kB\n"
		"CommitLimit:    %8lu kB\n"
		"Committed_AS:   %8lu kB\n"
		"VmallocTotal:   %8lu kB\n"
		"VmallocUsed:    %8lu kB\n"
		"VmallocChunk:   %8lu kB\n",
		0ul, 0ul,
		K(global_page_state(m, NR_FILE_DIRTY)),
		K(global_page_state(m, NR_WRITEBACK)),
		K(global_page_state(m, NR_ANON_PAGES)),
		K(global_page_state(m, NR_FILE_MAPPED)),
		K(global_page_state(m, NR_SHMEM)),
		K(global_page_state(m, NR_SLAB_RECLAIMABLE) +
		  global_page_state(m, NR_SLAB_UNRECLAIMABLE)),
		K(global_page_state(m, NR_SLAB_RECLAIMABLE)),
		K(global_page_state(m, NR_SLAB_UNRECLAIMABLE)),
		(unsigned long)global_page_state(m, NR_KERNEL_STACK) * 8,
		K(global_page_state(m, NR_PAGETABLE)),
		K(global_page_state(m, NR_UNSTABLE_NFS)),
		K(global_page_state(m, NR_BOUNCE)),
		K(global_page_state(m, NR_WRITEBACK_TEMP)),
		K(commit_limit), K(committed), vmalloc_total,
		vmi.used >> 10, vmi.largest_chunk >> 10);
	out_printf(o,
		"HugePages_Total:   %5lu\n"
		"HugePages_Free:    %5lu\n"
		"HugePages_Rsvd:    %5lu\n"
		"HugePages_Surp:    %5lu\n"
		"Hugepagesize:   %8lu kB\n",
		0ul, 0ul, 0ul, 0ul, 4096ul);
	out_printf(o,
		"DirectMap4k:    %8lu kB\n"
		"DirectMap4M:    %8lu kB\n",
		(unsigned long)m->directmap_4k, (unsigned long)m->directmap_4m);
}
