/* tests/unit/test-zones.c: booting a machine the way 2.6.32 sizes its
 * memory: max_pfn, the lowmem/highmem split, the zones (spanned, present,
 * memmap pages), zone_batchsize, min_free_kbytes, the watermarks and
 * lowmem_reserve, the kernel's virtual layout, the command line (mem=,
 * memmap=, vmalloc=, highmem=) and configuration (HIGHMEM, VMSPLIT,
 * NR_CPUS), and the configurations boot refuses.
 *
 * Expected values are computed here from the formulas of
 * shared/spec/boot.md, not by calling the engine's own helpers, and
 * checked against two real Ubuntu 2.6.32 boot logs where vmdb's model has
 * to agree with them (everything that depends on the map, not on the
 * kernel image's size). */
#include "config.h"

#include "unit.h"

/* ---- independent reference computations -------------------------------- */

/* floor(sqrt(x)) by bisection */
static unsigned long
ref_isqrt(unsigned long x)
{
	unsigned long lo = 0, hi = 1ul << 16;	/* x < 2^32 here */

	while (lo < hi) {
		unsigned long mid = (lo + hi + 1) / 2;

		if ((u64)mid * mid <= x)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* zone_batchsize, spelled out from the spec. */
static u32
ref_batch(u32 present)
{
	u32 b = present / 1024, x, p = 1;

	if (b > 128)
		b = 128;
	b /= 4;
	if (b < 1)
		b = 1;
	x = b + b / 2;
	while (p * 2 <= x)
		p *= 2;
	return p - 1;
}

struct ref_layout {
	u32 perm, end;			/* fixmap slots */
	u32 fixaddr_start, fixaddr_boot_start;
	u32 pkmap_base, vmalloc_end;
	u32 maxmem_pfn;
};

/* The fixmap enum of 2.6.32 (with APIC, 64 IO-APICs, MMCONFIG and
 * PARAVIRT), PKMAP_BASE, VMALLOC_END and MAXMEM. */
static void
ref_layout(struct ref_layout *r, u32 nr_cpus_config, bool highmem,
	   u32 page_offset, u32 vmalloc_reserve)
{
	u32 btmap_end, btmap_begin;

	r->perm = 4 + 1 + 64 + 19 * nr_cpus_config + 1 + 1 + 2;
	btmap_end = r->perm + 256 - (r->perm & 255);
	btmap_begin = btmap_end + 64 * 4 - 1;
	r->end = btmap_begin + 2;	/* FIX_WP_TEST, then the end */
	r->fixaddr_start = 0xfffff000u - r->perm * 4096;
	r->fixaddr_boot_start = 0xfffff000u - r->end * 4096;
	if (highmem) {
		r->pkmap_base = (r->fixaddr_boot_start - 4096 * 1025) &
				~0x3fffffu;
		r->vmalloc_end = r->pkmap_base - 2 * 4096;
	} else {
		r->pkmap_base = 0;
		r->vmalloc_end = r->fixaddr_start - 2 * 4096;
	}
	r->maxmem_pfn = (r->vmalloc_end - page_offset - vmalloc_reserve) >> 12;
}

#define MAX_REF_ACTIVE 256

struct ref_zones {
	u32 max_pfn, max_low_pfn;
	u32 active[MAX_REF_ACTIVE][2];
	int nr_active;
	u32 totalpages;
	u32 start[3], spanned[3], memmap[3], present[3];
	bool warn[3];
	unsigned long total_present;
};

/*
 * Zone sizes for a sorted, sane BIOS map with no command line: the low
 * 64K quirk for AMI and Phoenix BIOSes, max_pfn (RAM below 4 GiB), the
 * split at MAXMEM, active ranges rounded inward, and for each zone its
 * span, holes and struct page pages.
 */
static void
ref_zones(struct ref_zones *z, const struct boot_config *bc)
{
	struct ref_layout l;
	bool quirk = bc->reserve_low_64k &&
		     (!strcmp(bc->bios_vendor, "AMI") ||
		      !strcmp(bc->bios_vendor, "Phoenix"));
	u32 lo[3], hi[3], node_start, node_end, i;
	int k, a;

	memset(z, 0, sizeof(*z));
	ref_layout(&l, (u32)bc->nr_cpus_config, bc->highmem, bc->page_offset,
		   128u << 20);
	for (i = 0; i < bc->bios.nr_map; i++) {
		const struct e820entry *e = &bc->bios.map[i];
		u64 s = e->addr, end = e->addr + e->size;

		if (e->type != E820_RAM)
			continue;
		if (quirk && s < 0x10000)
			s = MIN(end, 0x10000);
		if (s >> 12 >= 0x100000)
			continue;
		if (end >> 12 > 0x100000) {
			z->max_pfn = 0x100000;
			break;
		}
		if (end >> 12 > z->max_pfn && s < end)
			z->max_pfn = (u32)(end >> 12);
	}
	if (z->max_pfn <= l.maxmem_pfn) {
		z->max_low_pfn = z->max_pfn;
	} else {
		z->max_low_pfn = l.maxmem_pfn;
		if (!bc->highmem)
			z->max_pfn = l.maxmem_pfn;
	}
	for (i = 0; i < bc->bios.nr_map; i++) {
		const struct e820entry *e = &bc->bios.map[i];
		u64 s = e->addr, end = e->addr + e->size;
		u64 sp, ep;

		if (e->type != E820_RAM)
			continue;
		if (quirk && s < 0x10000)
			s = MIN(end, 0x10000);
		sp = (s + 4095) >> 12;
		ep = end >> 12;
		if (ep > z->max_pfn)
			ep = z->max_pfn;
		if (sp >= ep)
			continue;
		if (z->nr_active &&
		    z->active[z->nr_active - 1][1] >= sp) {
			z->active[z->nr_active - 1][1] = (u32)ep;
			continue;
		}
		z->active[z->nr_active][0] = (u32)sp;
		z->active[z->nr_active][1] = (u32)ep;
		z->nr_active++;
	}
	node_start = z->active[0][0];
	node_end = z->active[z->nr_active - 1][1];
	lo[0] = node_start;
	hi[0] = 0x1000;
	lo[1] = hi[0];
	hi[1] = MAX(z->max_low_pfn, lo[1]);
	lo[2] = hi[1];
	hi[2] = MAX(z->max_pfn, lo[2]);
	for (k = 0; k < 3; k++) {
		u32 zs = MAX(lo[k], node_start), ze = MIN(hi[k], node_end);
		u32 present;

		if (k == 2 && !bc->highmem)
			continue;
		if (ze <= zs)
			continue;
		z->start[k] = zs;
		z->spanned[k] = ze - zs;
		present = 0;
		for (a = 0; a < z->nr_active; a++) {
			u32 s = MAX(zs, z->active[a][0]);
			u32 e = MIN(ze, z->active[a][1]);

			if (s < e)
				present += e - s;
		}
		z->totalpages += present;
		z->memmap[k] = (z->spanned[k] * 32 + 4095) / 4096;
		/* a zone with fewer pages than its struct pages need keeps
		 * them all, with the kernel's warning */
		z->present[k] = present >= z->memmap[k] ?
				present - z->memmap[k] : present;
		z->warn[k] = present < z->memmap[k];
		z->total_present += z->present[k];
	}
}

/* Compares a booted machine's zones with the reference. */
static void
expect_zones(struct machine *m, const struct ref_zones *r)
{
	char line[128];
	int k;

	assert_int_equal(m->max_pfn, r->max_pfn);
	assert_int_equal(m->max_low_pfn, r->max_low_pfn);
	assert_int_equal(m->nr_active, r->nr_active);
	for (k = 0; k < r->nr_active; k++) {
		assert_int_equal(m->early_node_map[k].start_pfn,
				 r->active[k][0]);
		assert_int_equal(m->early_node_map[k].end_pfn, r->active[k][1]);
	}
	snprintf(line, sizeof(line), "On node 0 totalpages: %u", r->totalpages);
	assert_log_line(m, line);
	for (k = 0; k < 3; k++) {
		struct zone *z = &m->zones[k];

		assert_int_equal(z->spanned_pages, r->spanned[k]);
		assert_int_equal(z->present_pages, r->present[k]);
		if (!r->spanned[k])
			continue;
		assert_int_equal(z->zone_start_pfn, r->start[k]);
		if (r->warn[k])
			snprintf(line, sizeof(line),
				 "  %s zone: %u pages exceeds realsize %u",
				 zone_names[k], r->memmap[k], r->present[k]);
		else
			snprintf(line, sizeof(line),
				 "  %s zone: %u pages used for memmap",
				 zone_names[k], r->memmap[k]);
		assert_log_line(m, line);
		snprintf(line, sizeof(line), "  %s zone: %u pages, LIFO batch:%u",
			 zone_names[k], r->present[k],
			 ref_batch(r->present[k]));
		assert_log_line(m, line);
	}
	assert_int_equal(m->zones[ZONE_MOVABLE].present_pages, 0);
	assert_int_equal(m->nr_all_pages, r->total_present);
	snprintf(line, sizeof(line),
		 "Built 1 zonelists in Zone order, mobility grouping on.  Total pages: %lu",
		 r->total_present);
	assert_log_line(m, line);
}

/* Watermarks, lowmem_reserve, min_free_kbytes, totalreserve_pages and
 * inactive_ratio from the zones' present pages. */
static void
expect_watermarks(struct machine *m)
{
	static const u32 ratio[3] = { 256, 32, 32 };
	unsigned long p[MAX_NR_ZONES], lowmem = 0, mfk, pages_min, total = 0;
	int i, j;

	for (i = 0; i < MAX_NR_ZONES; i++)
		p[i] = m->zones[i].present_pages;
	mfk = ref_isqrt((p[ZONE_DMA] + p[ZONE_NORMAL]) * 4 * 16);
	mfk = MAX(mfk, 128ul);
	mfk = MIN(mfk, 65536ul);
	assert_int_equal(m->min_free_kbytes, mfk);
	pages_min = mfk >> 2;
	for (i = 0; i < MAX_NR_ZONES; i++)
		if (i != ZONE_HIGHMEM)
			lowmem += p[i];
	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &m->zones[i];
		unsigned long tmp =
			(unsigned long)((u64)pages_min * p[i] / lowmem);
		unsigned long min = tmp, max = 0;
		unsigned long gb = p[i] >> 18;

		if (i == ZONE_HIGHMEM) {
			min = p[i] / 1024;
			min = MAX(min, 32ul);
			min = MIN(min, 128ul);
		}
		if (i == ZONE_MOVABLE)
			continue;	/* empty; its marks do not show */
		if (z->watermark[WMARK_MIN] != min ||
		    z->watermark[WMARK_LOW] != min + tmp / 4 ||
		    z->watermark[WMARK_HIGH] != min + tmp / 2)
			fail_msg("%s: min/low/high %u/%u/%u, expected %lu/%lu/%lu",
				 zone_names[i], z->watermark[WMARK_MIN],
				 z->watermark[WMARK_LOW],
				 z->watermark[WMARK_HIGH], min, min + tmp / 4,
				 min + tmp / 2);
		for (j = 0; j < MAX_NR_ZONES; j++) {
			unsigned long want = 0;
			int k;

			if (j > i) {
				for (k = i + 1; k <= j; k++)
					want += p[k];
				want /= ratio[i];
			}
			if (z->lowmem_reserve[j] != want)
				fail_msg("%s: lowmem_reserve[%d] %u, expected %lu",
					 zone_names[i], j, z->lowmem_reserve[j],
					 want);
			max = MAX(max, want);
		}
		max += min + tmp / 2;
		total += MIN(max, p[i]);
		assert_int_equal(z->inactive_ratio,
				 gb ? ref_isqrt(10 * gb) : 1);
	}
	assert_int_equal(m->totalreserve_pages, total);
}

/* The pcp lists of every CPU follow the zone's batch. */
static void
expect_batches(struct machine *m)
{
	int i, c;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &m->zones[i];
		u32 b = ref_batch(z->present_pages);

		assert_int_equal(z->batch, b);
		for (c = 0; c < m->nr_cpus; c++) {
			assert_int_equal(z->pcp[c].high, 6 * b);
			assert_int_equal(z->pcp[c].batch, MAX(1u, b));
		}
	}
}

/* Free pages after boot: everything bootmem gave away is on a buddy list,
 * a pcp list or in a slab (the slab allocator's bootstrap, after
 * mem_init); the "Memory:" line reports the buddy part as mem_init saw it,
 * before the slab took its pages; reserved pages are the lowmem RAM that
 * was not given away. */
static void
expect_boot_accounting(struct machine *m)
{
	unsigned long ram = 0, buddy = 0, slab = 0, alloc = 0, mem_kb, phys_kb;
	const char *line;
	u32 pfn, i;
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		buddy += unit_zone_buddy_pages(&m->zones[z]);
		assert_int_equal(m->zones[z].vm_stat[NR_FREE_PAGES],
				 unit_zone_buddy_pages(&m->zones[z]));
		alloc += m->vm_events[PGALLOC_DMA + z];
	}
	slab = nr_slab_pages(m);
	assert_true(slab > 0);
	assert_int_equal(buddy, nr_free_pages(m));
	assert_int_equal(nr_free_pages(m) + unit_pcp_pages(m, NULL) + slab,
			 m->totalram_pages);
	/* each page was counted once as it left bootmem; since then the
	 * slab allocated pages and freed some: it holds the difference */
	assert_int_equal(alloc - (m->vm_events[PGFREE] - m->totalram_pages),
			 slab);
	line = memmem(m->log.buf, m->log.len, "Memory: ", 8);
	assert_non_null(line);
	assert_int_equal(sscanf(line, "Memory: %luk/%luk available (", &mem_kb,
				&phys_kb), 2);
	assert_int_equal(phys_kb, (unsigned long)m->max_pfn * 4);
	assert_true(mem_kb / 4 >= nr_free_pages(m));
	assert_true(mem_kb / 4 <= m->totalram_pages);
	{
		char s[64];

		snprintf(s, sizeof(s), " %luk highmem)", m->totalhigh_pages * 4);
		assert_log_contains(m, s);
	}

	/* page_is_ram over lowmem: not pfn 0, not the legacy hole, inside an
	 * E820_RAM entry of the final map */
	for (pfn = 1; pfn < m->max_low_pfn; pfn++) {
		if (pfn >= 0xa0 && pfn < 0x100)
			continue;
		for (i = 0; i < m->e820.nr_map; i++) {
			const struct e820entry *e = &m->e820.map[i];

			if (e->type == E820_RAM &&
			    pfn >= (e->addr + 4095) >> 12 &&
			    pfn < (e->addr + e->size) >> 12) {
				ram++;
				break;
			}
		}
	}
	assert_int_equal(m->reservedpages + (m->totalram_pages -
					     m->totalhigh_pages), ram);
}

/*
 * setup_zone_migrate_reserve: walking each zone's pageblocks from its
 * (possibly unaligned) start, while min(2, roundup(min, 1024) / 1024)
 * blocks are still wanted, each Movable block whose first page is not
 * PG_reserved becomes MIGRATE_RESERVE.  (A block memmap_init_zone never
 * marked Movable, such as a zone's unaligned tail, stays as it is.)  The
 * free pages on the Reserve lists all lie in the Reserve blocks.
 */
static void
expect_reserve_blocks(struct machine *m)
{
	int i, o;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &m->zones[i];
		u32 end = z->zone_start_pfn + z->spanned_pages, pfn;
		u32 want = MIN(2u, (z->watermark[WMARK_MIN] + 1023) / 1024);
		u32 blocks[2], nb = 0;

		if (!z->spanned_pages)
			continue;
		for (pfn = z->zone_start_pfn; pfn < end; pfn += 1024) {
			int mt = get_pageblock_migratetype(m, pfn);

			if (page_test(&m->mem_map[pfn], PG_reserved)) {
				if (mt == MIGRATE_RESERVE)
					fail_msg("%s: block at pfn %#x starts with a reserved page but is Reserve",
						 z->name, pfn);
				continue;
			}
			if (nb < want && mt == MIGRATE_MOVABLE)
				fail_msg("%s: block at pfn %#x should be Reserve",
					 z->name, pfn);
			if (mt != MIGRATE_RESERVE)
				continue;
			if (nb == want)
				fail_msg("%s: block at pfn %#x is one Reserve block too many",
					 z->name, pfn);
			blocks[nb++] = pfn;
		}
		for (o = 0; o < MAX_ORDER; o++) {
			u32 head = z->free_area[o].free_list[MIGRATE_RESERVE];
			u32 pos;

			plist_for_each(m, pos, head) {
				bool in = false;
				u32 b;

				for (b = 0; b < nb; b++)
					in |= pos >= (blocks[b] & ~1023u) &&
					      pos < (blocks[b] & ~1023u) + 1024;
				if (!in)
					fail_msg("%s: pfn %#x on a Reserve list is outside the Reserve blocks",
						 z->name, pos);
			}
		}
	}
}

static void
expect_all(struct machine *m, const struct boot_config *bc)
{
	struct ref_zones r;

	ref_zones(&r, bc);
	expect_zones(m, &r);
	expect_watermarks(m);
	expect_batches(m);
	expect_boot_accounting(m);
	expect_reserve_blocks(m);
}

/* ---- the real logs ------------------------------------------------------ */

/*
 * L2: Ubuntu 2.6.32-22-generic on a 2 GB AMI BIOS box with 2 possible CPUs
 * (the research notes' L2).  The AMI quirk reserves the low 64K; no BIOS
 * corruption areas remain to be found (its log says "Scanning 0 areas").
 */
static const char l2_map[] =
	"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000]  BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)\n"
	"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000]  BIOS-e820: 000000000009fc00 - 00000000000a0000 (reserved)\n"
	"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000]  BIOS-e820: 00000000000e8000 - 0000000000100000 (reserved)\n"
	"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000]  BIOS-e820: 0000000000100000 - 000000007ffb0000 (usable)\n"
	"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000]  BIOS-e820: 000000007ffb0000 - 000000007ffc0000 (ACPI data)\n"
	"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000]  BIOS-e820: 000000007ffc0000 - 000000007fff0000 (ACPI NVS)\n"
	"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000]  BIOS-e820: 000000007fff0000 - 0000000080000000 (reserved)\n"
	"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000]  BIOS-e820: 00000000ff7c0000 - 0000000100000000 (reserved)\n";

/* Lines of L2 that depend only on the map and the configuration. */
static const char *const l2_lines[] = {
	"AMI BIOS detected: BIOS may corrupt low RAM, working around it.",
	"e820 update range: 0000000000000000 - 0000000000010000 (usable) ==> (reserved)",
	"last_pfn = 0x7ffb0 max_arch_pfn = 0x100000",
	"init_memory_mapping: 0000000000000000-00000000377fe000",
	" 0000000000 - 0000400000 page 4k",
	" 0000400000 - 0037400000 page 2M",
	" 0037400000 - 00377fe000 page 4k",
	"kernel direct mapping tables up to 377fe000 @ 10000-15000",
	"1159MB HIGHMEM available.",
	"887MB LOWMEM available.",
	"  mapped low ram: 0 - 377fe000",
	"  low ram: 0 - 377fe000",
	"  node 0 low ram: 00000000 - 377fe000",
	"  node 0 bootmap 00011000 - 00017f00",
	"  #0 [0000000000 - 0000001000]   BIOS data page ==> [0000000000 - 0000001000]",
	"  #1 [0000001000 - 0000002000]    EX TRAMPOLINE ==> [0000001000 - 0000002000]",
	"  #2 [0000006000 - 0000007000]       TRAMPOLINE ==> [0000006000 - 0000007000]",
	"  #4 [000009fc00 - 0000100000]    BIOS reserved ==> [000009fc00 - 0000100000]",
	"  #6 [0000010000 - 0000011000]          PGTABLE ==> [0000010000 - 0000011000]",
	"Zone PFN ranges:",
	"  DMA      0x00000010 -> 0x00001000",
	"  Normal   0x00001000 -> 0x000377fe",
	"  HighMem  0x000377fe -> 0x0007ffb0",
	"Movable zone start PFN for each node",
	"early_node_map[2] active PFN ranges",
	"    0: 0x00000010 -> 0x0000009f",
	"    0: 0x00000100 -> 0x0007ffb0",
	"On node 0 totalpages: 524095",
	"  DMA zone: 32 pages used for memmap",
	"  DMA zone: 0 pages reserved",
	"  DMA zone: 3951 pages, LIFO batch:0",
	"  Normal zone: 1744 pages used for memmap",
	"  Normal zone: 221486 pages, LIFO batch:31",
	"  HighMem zone: 2320 pages used for memmap",
	"  HighMem zone: 294562 pages, LIFO batch:31",
	"pcpu-alloc: [0] 0 1 ",
	"Built 1 zonelists in Zone order, mobility grouping on.  Total pages: 519999",
	"PID hash table entries: 4096 (order: 2, 16384 bytes)",
	"Dentry cache hash table entries: 131072 (order: 7, 524288 bytes)",
	"Inode-cache hash table entries: 65536 (order: 6, 262144 bytes)",
	"Initializing HighMem for node 0 (000377fe:0007ffb0)",
	"    pkmap   : 0xff800000 - 0xffc00000   (4096 kB)",
	"    vmalloc : 0xf7ffe000 - 0xff7fe000   ( 120 MB)",
	"    lowmem  : 0xc0000000 - 0xf77fe000   ( 887 MB)",
};

static void
test_l2_ami_2g_log(void **state)
{
	struct boot_config bc;
	struct machine *m;
	size_t i;

	unit_config_e820(&bc, l2_map, "AMI");
	bc.nr_cpus = 2;
	m = unit_boot(&bc);
	for (i = 0; i < ARRAY_SIZE(l2_lines); i++)
		assert_log_line(m, l2_lines[i]);
	assert_log_contains(m, "[0000011000 - 0000018000]          BOOTMAP ==> [0000011000 - 0000018000]");
	/* Memory: 2051868k/2096832k available (..., 1187528k highmem): the
	 * total and the highmem figure depend on the map only */
	assert_log_contains(m, "k/2096832k available (");
	assert_log_contains(m, " 1187528k highmem)");
	/* fixmap: the spec's configuration has 225 permanent slots; Ubuntu's
	 * had one more (0xfff1d000) */
	assert_log_line(m, "    fixmap  : 0xfff1e000 - 0xfffff000   ( 900 kB)");
	expect_all(m, &bc);
	unit_free(m);
}

/*
 * L1: Ubuntu 2.6.32-30-generic, 512 MB, 1 CPU, with the BIOS corruption
 * check on.  vmdb does not model CONFIG_X86_CHECK_BIOS_CORRUPTION, so the
 * input here is L1's map after that check (its "modified physical RAM
 * map", with 0x2000-0x6000 reserved, given as BIOS-e820 lines), which
 * gives the same early_node_map.
 */
static const char l1_map[] =
	" BIOS-e820: 0000000000000000 - 0000000000002000 (usable)\n"
	" BIOS-e820: 0000000000002000 - 0000000000006000 (reserved)\n"
	" BIOS-e820: 0000000000006000 - 00000000000a0000 (usable)\n"
	" BIOS-e820: 00000000000f0000 - 0000000000100000 (reserved)\n"
	" BIOS-e820: 0000000000100000 - 000000001fff0000 (usable)\n"
	" BIOS-e820: 000000001fff0000 - 000000001fff3000 (ACPI NVS)\n"
	" BIOS-e820: 000000001fff3000 - 0000000020000000 (ACPI data)\n"
	" BIOS-e820: 00000000fec00000 - 0000000100000000 (reserved)\n";

static const char *const l1_lines[] = {
	"last_pfn = 0x1fff0 max_arch_pfn = 0x100000",
	"init_memory_mapping: 0000000000000000-000000001fff0000",
	" 0000000000 - 0000400000 page 4k",
	" 0000400000 - 001fc00000 page 2M",
	" 001fc00000 - 001fff0000 page 4k",
	"0MB HIGHMEM available.",
	"511MB LOWMEM available.",
	"  mapped low ram: 0 - 1fff0000",
	"  low ram: 0 - 1fff0000",
	"  node 0 low ram: 00000000 - 1fff0000",
	"  #0 [0000000000 - 0000001000]   BIOS data page ==> [0000000000 - 0000001000]",
	"  #1 [0000001000 - 0000002000]    EX TRAMPOLINE ==> [0000001000 - 0000002000]",
	"  #2 [0000006000 - 0000007000]       TRAMPOLINE ==> [0000006000 - 0000007000]",
	"Zone PFN ranges:",
	"  DMA      0x00000000 -> 0x00001000",
	"  Normal   0x00001000 -> 0x0001fff0",
	"  HighMem  0x0001fff0 -> 0x0001fff0",
	"early_node_map[3] active PFN ranges",
	"    0: 0x00000000 -> 0x00000002",
	"    0: 0x00000006 -> 0x000000a0",
	"    0: 0x00000100 -> 0x0001fff0",
	"On node 0 totalpages: 130956",
	"  DMA zone: 32 pages used for memmap",
	"  DMA zone: 0 pages reserved",
	"  DMA zone: 3964 pages, LIFO batch:0",
	"  Normal zone: 992 pages used for memmap",
	"  Normal zone: 125968 pages, LIFO batch:31",
	"Built 1 zonelists in Zone order, mobility grouping on.  Total pages: 129932",
	"PID hash table entries: 2048 (order: 1, 8192 bytes)",
	"Dentry cache hash table entries: 65536 (order: 6, 262144 bytes)",
	"Inode-cache hash table entries: 32768 (order: 5, 131072 bytes)",
	"Initializing HighMem for node 0 (00000000:00000000)",
	"    pkmap   : 0xff800000 - 0xffc00000   (4096 kB)",
	"    vmalloc : 0xe07f0000 - 0xff7fe000   ( 496 MB)",
	"    lowmem  : 0xc0000000 - 0xdfff0000   ( 511 MB)",
};

static void
test_l1_512m_log(void **state)
{
	struct boot_config bc;
	struct machine *m;
	size_t i;

	unit_config_e820(&bc, l1_map, NULL);
	m = unit_boot(&bc);
	for (i = 0; i < ARRAY_SIZE(l1_lines); i++)
		assert_log_line(m, l1_lines[i]);
	assert_log_contains(m, "k/524224k available (");
	assert_log_contains(m, " 0k highmem)");
	assert_log_lacks(m, "HighMem zone:");
	expect_all(m, &bc);
	unit_free(m);
}

/*
 * Where L1 put its boot page table and bootmem bitmap: the first free RAM
 * from 0x7000 up, between the TRAMPOLINE page and the EBDA.  The "BIOS
 * reserved" early reservation starts at the EBDA (the kernel reads it from
 * the BIOS data area, 0x9f000 on L1), so the RAM of 0x6000-0xa0000 stays
 * usable: the kernel frees it to the buddy allocator.
 */
static void
test_l1_low_ram_placement(void **state)
{
	struct boot_config bc;
	struct machine *m;
	u32 pfn;

	unit_config_e820(&bc, l1_map, NULL);
	m = unit_boot(&bc);
	assert_log_line(m, "kernel direct mapping tables up to 1fff0000 @ 7000-c000");
	assert_log_line(m, "  node 0 bootmap 00008000 - 0000c000");
	assert_log_contains(m, "[0000007000 - 0000008000]          PGTABLE ==> [0000007000 - 0000008000]");
	assert_log_contains(m, "[0000008000 - 000000c000]          BOOTMAP ==> [0000008000 - 000000c000]");
	for (pfn = 0xc; pfn < 0x9f; pfn++)
		if (page_test(&m->mem_map[pfn], PG_reserved))
			fail_msg("pfn %#x (RAM below the EBDA) is still reserved after boot", pfn);
	unit_free(m);
}

/* The research notes' worked example for L1: min_free_kbytes 2883; DMA
 * 21/26/31, Normal 698/872/1047, DMA protection (0, 492, 492, 492); the
 * empty HighMem zone gets 32/32/32. */
static void
test_l1_watermarks_worked_example(void **state)
{
	struct boot_config bc;
	struct machine *m;
	struct zone *dma, *normal, *high;

	unit_config_e820(&bc, l1_map, NULL);
	m = unit_boot(&bc);
	dma = &m->zones[ZONE_DMA];
	normal = &m->zones[ZONE_NORMAL];
	high = &m->zones[ZONE_HIGHMEM];
	assert_int_equal(m->min_free_kbytes, 2883);
	assert_int_equal(dma->watermark[WMARK_MIN], 21);
	assert_int_equal(dma->watermark[WMARK_LOW], 26);
	assert_int_equal(dma->watermark[WMARK_HIGH], 31);
	assert_int_equal(normal->watermark[WMARK_MIN], 698);
	assert_int_equal(normal->watermark[WMARK_LOW], 872);
	assert_int_equal(normal->watermark[WMARK_HIGH], 1047);
	assert_int_equal(high->watermark[WMARK_MIN], 32);
	assert_int_equal(high->watermark[WMARK_LOW], 32);
	assert_int_equal(high->watermark[WMARK_HIGH], 32);
	assert_int_equal(dma->lowmem_reserve[0], 0);
	assert_int_equal(dma->lowmem_reserve[1], 492);
	assert_int_equal(dma->lowmem_reserve[2], 492);
	assert_int_equal(dma->lowmem_reserve[3], 492);
	assert_int_equal(normal->lowmem_reserve[2], 0);
	unit_free(m);
}

/* pc-4g, worked by hand: lowmem 3950 + 221486 pages, min_free_kbytes
 * int_sqrt(225436 * 4 * 16) = 3798, pages_min 949. */
static void
test_pc4g_watermarks_by_hand(void **state)
{
	struct machine *m = unit_boot_preset("pc-4g", NULL, NULL);
	struct zone *dma = &m->zones[ZONE_DMA];
	struct zone *normal = &m->zones[ZONE_NORMAL];
	struct zone *high = &m->zones[ZONE_HIGHMEM];

	assert_int_equal(dma->present_pages, 3950);
	assert_int_equal(normal->present_pages, 221486);
	assert_int_equal(high->present_pages, 619666);
	assert_int_equal(m->min_free_kbytes, 3798);
	assert_int_equal(dma->watermark[WMARK_MIN], 16);
	assert_int_equal(dma->watermark[WMARK_LOW], 20);
	assert_int_equal(dma->watermark[WMARK_HIGH], 24);
	assert_int_equal(normal->watermark[WMARK_MIN], 932);
	assert_int_equal(normal->watermark[WMARK_LOW], 1165);
	assert_int_equal(normal->watermark[WMARK_HIGH], 1398);
	assert_int_equal(high->watermark[WMARK_MIN], 128);	/* capped */
	assert_int_equal(high->watermark[WMARK_LOW], 128 + 2608 / 4);
	assert_int_equal(high->watermark[WMARK_HIGH], 128 + 2608 / 2);
	assert_int_equal(dma->lowmem_reserve[1], 865);
	assert_int_equal(dma->lowmem_reserve[2], 3285);
	assert_int_equal(dma->lowmem_reserve[3], 3285);
	assert_int_equal(normal->lowmem_reserve[2], 19364);
	assert_int_equal(high->inactive_ratio, 4);	/* 2 GB: sqrt(20) */
	assert_int_equal(normal->inactive_ratio, 1);
	unit_free(m);
}

/* ---- zone sizes for every preset and some plain maps -------------------- */

static void
test_presets_zone_sizes(void **state)
{
	int i;

	for (i = 0; boot_preset_names[i]; i++) {
		struct boot_config bc;
		struct machine *m;
		char why[128];

		boot_config_default(&bc);
		assert_int_equal(boot_preset(&bc, boot_preset_names[i], why,
					     sizeof(why)), 0);
		m = unit_boot(&bc);
		print_message("  %s: max_pfn %#x, DMA %u, Normal %u, HighMem %u\n",
			      boot_preset_names[i], m->max_pfn,
			      m->zones[0].present_pages,
			      m->zones[1].present_pages,
			      m->zones[2].present_pages);
		expect_all(m, &bc);
		unit_free(m);
	}
}

static void
test_plain_maps_zone_sizes(void **state)
{
	static const u64 sizes[] = {
		MiB(40), MiB(64), MiB(100) + KiB(4) + 123, MiB(887) + KiB(4088),
		MiB(888), MiB(896), GiB(2) + MiB(3), MiB(3000),
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		struct boot_config bc;
		struct machine *m;

		boot_config_default(&bc);
		unit_plain_map(&bc.bios, sizes[i]);
		bc.bios_vendor[0] = '\0';
		m = unit_boot(&bc);
		expect_all(m, &bc);
		unit_free(m);
		/* the same map behind an AMI BIOS: DMA starts at pfn 0x10 */
		snprintf(bc.bios_vendor, sizeof(bc.bios_vendor), "AMI");
		m = unit_boot(&bc);
		assert_int_equal(m->zones[ZONE_DMA].zone_start_pfn, 0x10);
		expect_all(m, &bc);
		unit_free(m);
	}
}

/* X86_RESERVE_LOW_64K=n turns the AMI/Phoenix quirk off. */
static void
test_low_64k_quirk_config(void **state)
{
	struct machine *m = unit_boot_preset("pc-3g", NULL, NULL);

	assert_log_line(m, "Phoenix BIOS detected: BIOS may corrupt low RAM, working around it.");
	assert_int_equal(m->early_node_map[0].start_pfn, 0x10);
	unit_free(m);
	m = unit_boot_preset("pc-3g", NULL, "X86_RESERVE_LOW_64K=n", NULL);
	assert_log_lacks(m, "BIOS detected");
	assert_log_lacks(m, "e820 update range");
	assert_int_equal(m->early_node_map[0].start_pfn, 0);
	assert_int_equal(m->zones[ZONE_DMA].zone_start_pfn, 0);
	unit_free(m);
	/* Award (pc-512m) never has it */
	m = unit_boot_preset("pc-512m", NULL, NULL);
	assert_log_lacks(m, "BIOS detected");
	assert_int_equal(m->zones[ZONE_DMA].zone_start_pfn, 0);
	unit_free(m);
}

/* ---- zone_batchsize ----------------------------------------------------- */

static void
test_batchsize(void **state)
{
	static const struct {
		u32 present, batch;
	} known[] = {
		{ 0, 0 }, { 1023, 0 }, { 3950, 0 }, { 3951, 0 }, { 3964, 0 },
		{ 8191, 0 }, { 8192, 1 }, { 12288, 3 }, { 16384, 3 },
		{ 30000, 7 }, { 61438, 15 }, { 90111, 15 }, { 90112, 31 },
		{ 125968, 31 }, { 131072, 31 }, { 221486, 31 },
		{ 1u << 20, 31 },
	};
	size_t i;
	u32 p;

	for (i = 0; i < ARRAY_SIZE(known); i++) {
		if ((u32)zone_batchsize(known[i].present) != known[i].batch)
			fail_msg("zone_batchsize(%u) = %d, expected %u",
				 known[i].present,
				 zone_batchsize(known[i].present),
				 known[i].batch);
		assert_int_equal(ref_batch(known[i].present), known[i].batch);
	}
	for (p = 0; p < 600000; p += 97)
		assert_int_equal((u32)zone_batchsize(p), ref_batch(p));
}

/* ---- lowmem, highmem and the virtual layout ----------------------------- */

/* Any machine of 1 GiB and more with the default configuration has the
 * same lowmem limit and layout. */
static void
test_default_layout_big_machines(void **state)
{
	static const char *const presets[] = { "pc-1g", "pc-3g", "pc-4g" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(presets); i++) {
		struct machine *m = unit_boot_preset(presets[i], NULL, NULL);

		assert_int_equal(m->max_low_pfn, 0x377fe);
		assert_int_equal(m->highstart_pfn, 0x377fe);
		assert_int_equal(m->highend_pfn, m->max_pfn);
		assert_int_equal(m->page_offset, 0xc0000000u);
		assert_int_equal(m->fixaddr_top, 0xfffff000u);
		assert_int_equal(m->fixaddr_start, 0xfff1e000u);
		assert_int_equal(m->pkmap_base, 0xff800000u);
		assert_int_equal(m->vmalloc_start, 0xf7ffe000u);
		assert_int_equal(m->vmalloc_end, 0xff7fe000u);
		assert_int_equal(m->high_memory, 0xf77fe000u);
		assert_log_line(m, "887MB LOWMEM available.");
		assert_log_line(m, "    fixmap  : 0xfff1e000 - 0xfffff000   ( 900 kB)");
		assert_log_line(m, "    pkmap   : 0xff800000 - 0xffc00000   (4096 kB)");
		assert_log_line(m, "    vmalloc : 0xf7ffe000 - 0xff7fe000   ( 120 MB)");
		assert_log_line(m, "    lowmem  : 0xc0000000 - 0xf77fe000   ( 887 MB)");
		assert_log_line(m, "virtual kernel memory layout:");
		unit_free(m);
	}
}

/* Below MAXMEM there is no highmem and vmalloc starts 8 MiB above the end
 * of RAM, unaligned. */
static void
test_small_machine_layout(void **state)
{
	struct machine *m = unit_boot_preset("pc-512m", NULL, NULL);

	assert_int_equal(m->max_pfn, 0x1fff0);
	assert_int_equal(m->max_low_pfn, 0x1fff0);
	assert_int_equal(m->high_memory, 0xdfff0000u);
	assert_int_equal(m->vmalloc_start, 0xe07f0000u);
	assert_int_equal(m->totalhigh_pages, 0);
	assert_log_line(m, "0MB HIGHMEM available.");
	assert_log_line(m, "511MB LOWMEM available.");
	assert_log_line(m, "    vmalloc : 0xe07f0000 - 0xff7fe000   ( 496 MB)");
	assert_log_line(m, "Initializing HighMem for node 0 (00000000:00000000)");
	unit_free(m);
}

/* NR_CPUS sizes the kmap part of the fixmap, and through PKMAP_BASE and
 * VMALLOC_END, MAXMEM. */
static void
test_nr_cpus_fixmap(void **state)
{
	static const u32 ncpus[] = { 1, 2, 8, 16, 32, 64 };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ncpus); i++) {
		struct boot_config bc;
		struct ref_layout l;
		struct machine *m;
		char kv[32], line[96];

		boot_config_default(&bc);
		assert_int_equal(boot_preset(&bc, "pc-4g", NULL, 0), 0);
		snprintf(kv, sizeof(kv), "NR_CPUS=%u", ncpus[i]);
		assert_int_equal(boot_config_set(&bc, kv, line, sizeof(line)),
				 0);
		m = unit_boot(&bc);
		ref_layout(&l, ncpus[i], true, 0xc0000000u, 128u << 20);
		assert_int_equal(m->fix_perm, l.perm);
		assert_int_equal(m->fix_end, l.end);
		assert_int_equal(m->fixaddr_start, l.fixaddr_start);
		assert_int_equal(m->fixaddr_boot_start, l.fixaddr_boot_start);
		assert_int_equal(m->pkmap_base, l.pkmap_base);
		assert_int_equal(m->vmalloc_end, l.vmalloc_end);
		assert_int_equal(m->max_low_pfn, l.maxmem_pfn);
		snprintf(line, sizeof(line), "    fixmap  : 0x%08x - 0xfffff000   (%4u kB)",
			 l.fixaddr_start,
			 (0xfffff000u - l.fixaddr_start) >> 10);
		assert_log_line(m, line);
		snprintf(line, sizeof(line), "NR_CPUS:%u nr_cpumask_bits:%u nr_cpu_ids:1 nr_node_ids:1",
			 ncpus[i], ncpus[i]);
		assert_log_line(m, line);
		unit_free(m);
	}
	/* the default is the spec's: 225 permanent slots */
	{
		struct ref_layout l;

		ref_layout(&l, 8, true, 0xc0000000u, 128u << 20);
		assert_int_equal(l.perm, 225);
		assert_int_equal(l.fixaddr_start, 0xfff1e000u);
		assert_int_equal(l.pkmap_base, 0xff800000u);
		assert_int_equal(l.maxmem_pfn, 0x377fe);
	}
}

/* HIGHMEM=n: no highmem zone, no pkmap, vmalloc ends below the fixmap,
 * lowmem capped at MAXMEM and the RAM above it ignored, with the kernel's
 * warning. */
static void
test_highmem_n(void **state)
{
	struct machine *m = unit_boot_preset("pc-4g", NULL, "HIGHMEM=n", NULL);
	struct boot_config bc = m->cfg;

	assert_int_equal(m->vmalloc_end, 0xfff1c000u);
	assert_int_equal(m->max_low_pfn, 0x37f1c);
	assert_int_equal(m->max_pfn, 0x37f1c);
	assert_int_equal(m->highend_pfn, 0x37f1c);
	assert_int_equal(m->totalhigh_pages, 0);
	assert_false(populated_zone(&m->zones[ZONE_HIGHMEM]));
	assert_log_line(m, "Warning only 895MB will be used.");
	assert_log_line(m, "Use a HIGHMEM enabled kernel.");
	assert_log_line(m, "895MB LOWMEM available.");
	assert_log_lacks(m, "HIGHMEM available");
	assert_log_lacks(m, "pkmap");
	assert_log_lacks(m, "HighMem");
	assert_log_line(m, "    vmalloc : 0xf871c000 - 0xfff1c000   ( 120 MB)");
	assert_log_line(m, "    lowmem  : 0xc0000000 - 0xf7f1c000   ( 895 MB)");
	expect_all(m, &bc);
	unit_free(m);

	/* a small machine is not affected, and highmem= is ignored */
	m = unit_boot_preset("pc-512m", "highmem=64M", "HIGHMEM=n", NULL);
	assert_int_equal(m->max_low_pfn, 0x1fff0);
	assert_log_line(m, "ignoring highmem size on non-highmem kernel!");
	unit_free(m);
}

static void
test_vmsplit(void **state)
{
	static const struct {
		const char *name;
		u32 offset;
	} splits[] = {
		{ "3G", 0xc0000000u }, { "3G_OPT", 0xb0000000u },
		{ "2G", 0x80000000u }, { "2G_OPT", 0x78000000u },
		{ "1G", 0x40000000u },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(splits); i++) {
		struct boot_config bc;
		struct machine *m;
		char kv[32], line[96];
		u32 maxmem = (0xff7fe000u - splits[i].offset - (128u << 20)) >>
			     12;
		u32 low = MIN(maxmem, 0xcffa0u);

		boot_config_default(&bc);
		assert_int_equal(boot_preset(&bc, "pc-4g", NULL, 0), 0);
		snprintf(kv, sizeof(kv), "VMSPLIT=%s", splits[i].name);
		assert_int_equal(boot_config_set(&bc, kv, line, sizeof(line)),
				 0);
		m = unit_boot(&bc);
		assert_int_equal(m->page_offset, splits[i].offset);
		assert_int_equal(m->max_low_pfn, low);
		assert_int_equal(m->high_memory, splits[i].offset + low * 4096);
		snprintf(line, sizeof(line), "%uMB LOWMEM available.", low >> 8);
		assert_log_line(m, line);
		snprintf(line, sizeof(line), "%uMB HIGHMEM available.",
			 (0xcffa0u - low) >> 8);
		assert_log_line(m, line);
		snprintf(line, sizeof(line), "    lowmem  : 0x%08x - 0x%08x   (%4u MB)",
			 splits[i].offset, splits[i].offset + low * 4096,
			 low >> 8);
		assert_log_line(m, line);
		expect_all(m, &bc);
		unit_free(m);
	}
}

/* ---- the command line --------------------------------------------------- */

static void
test_vmalloc_param(void **state)
{
	static const struct {
		const char *arg;
		u32 max_low, vstart, mb;
	} cases[] = {
		/* __VMALLOC_RESERVE = SIZE + 8 MiB; the area is SIZE */
		{ "vmalloc=256M", (0x3f7fe000u - (264u << 20)) >> 12, 0xef7fe000u, 256 },
		{ "vmalloc=128M", (0x3f7fe000u - (136u << 20)) >> 12, 0xf77fe000u, 128 },
		{ "vmalloc=64M", (0x3f7fe000u - (72u << 20)) >> 12, 0xfb7fe000u, 64 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct machine *m = unit_boot_preset("pc-1g", cases[i].arg, NULL);
		char line[96];

		assert_int_equal(m->vmalloc_reserve, (cases[i].mb + 8) << 20);
		assert_int_equal(m->max_low_pfn, cases[i].max_low);
		assert_int_equal(m->vmalloc_start, cases[i].vstart);
		snprintf(line, sizeof(line), "    vmalloc : 0x%08x - 0xff7fe000   (%4u MB)",
			 cases[i].vstart, cases[i].mb);
		assert_log_line(m, line);
		assert_int_equal(m->zones[ZONE_HIGHMEM].spanned_pages,
				 0x3fff0 - cases[i].max_low);
		unit_free(m);
	}
}

/*
 * vmalloc= so large that __VMALLOC_RESERVE exceeds VMALLOC_END -
 * PAGE_OFFSET: MAXMEM would be negative.  Such a machine must be refused
 * with a reason, not booted with a wrapped MAXMEM (lowmem reaching into
 * the vmalloc, pkmap and fixmap areas).
 */
static void
test_vmalloc_too_big_refused(void **state)
{
	static const char *const args[] = {
		"vmalloc=1000M",	/* leaves 8 MiB of lowmem */
		"vmalloc=1016M",	/* reserve 1 GiB: MAXMEM < 0 */
		"vmalloc=1G",
		"vmalloc=2G",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(args); i++) {
		struct boot_config bc;

		boot_config_default(&bc);
		unit_cmdline(&bc, args[i]);
		print_message("  %s\n", args[i]);
		unit_boot_fails(&bc, NULL);
	}
}

static void
test_highmem_param(void **state)
{
	struct machine *m;

	/* above MAXMEM: highmem= sets the highmem size */
	m = unit_boot_preset("pc-4g", "highmem=512M", NULL);
	assert_int_equal(m->max_low_pfn, 0x377fe);
	assert_int_equal(m->max_pfn, 0x377fe + 0x20000);
	assert_int_equal(m->zones[ZONE_HIGHMEM].spanned_pages, 0x20000);
	assert_log_line(m, "512MB HIGHMEM available.");
	assert_log_line(m, "Initializing HighMem for node 0 (000377fe:000577fe)");
	unit_free(m);

	/* more than there is: ignored with the kernel's warning */
	m = unit_boot_preset("pc-4g", "highmem=4G", NULL);
	assert_int_equal(m->max_pfn, 0xcffa0);
	assert_log_line(m, "only 2439MB highmem pages available, ignoring highmem size of 4096MB!");
	unit_free(m);

	/* below MAXMEM: highmem= carves highmem out of lowmem */
	m = unit_boot_preset("pc-512m", "highmem=128M", NULL);
	assert_int_equal(m->max_pfn, 0x1fff0);
	assert_int_equal(m->max_low_pfn, 0x1fff0 - 0x8000);
	assert_int_equal(m->zones[ZONE_HIGHMEM].zone_start_pfn, 0x17ff0);
	assert_int_equal(m->zones[ZONE_HIGHMEM].spanned_pages, 0x8000);
	assert_int_equal(m->totalhigh_pages, 0x8000);
	assert_log_line(m, "128MB HIGHMEM available.");
	assert_log_line(m, "383MB LOWMEM available.");
	unit_free(m);

	/* as much as all memory: refused with the kernel's message */
	m = unit_boot_preset("pc-512m", "highmem=1G", NULL);
	assert_int_equal(m->max_low_pfn, 0x1fff0);
	assert_log_line(m, "highmem size (1024MB) is bigger than pages available (511MB)!");
	unit_free(m);

	/* leaving less than 64 MiB of lowmem: ignored */
	m = unit_boot_preset("pc-512m", "highmem=480M", NULL);
	assert_int_equal(m->max_low_pfn, 0x1fff0);
	assert_log_line(m, "highmem size (480MB) results in <64MB lowmem, ignoring it!");
	unit_free(m);
}

static void
test_mem_param(void **state)
{
	struct machine *m = unit_boot_preset("pc-1g", "mem=512M", NULL);
	struct machine *plain;

	assert_int_equal(m->max_pfn, 0x20000);
	assert_int_equal(m->max_low_pfn, 0x20000);
	assert_log_line(m, "user-defined physical RAM map:");
	assert_log_line(m, " user: 0000000000100000 - 0000000020000000 (usable)");
	/* only RAM goes: the PCI hole stays reserved */
	assert_log_line(m, " user: 00000000e0000000 - 00000000f0000000 (reserved)");
	assert_log_line(m, "last_pfn = 0x20000 max_arch_pfn = 0x100000");
	unit_free(m);

	/* memmap=SIZE without @ is mem=SIZE */
	m = unit_boot_preset("pc-1g", "memmap=64M", NULL);
	assert_int_equal(m->max_pfn, 0x4000);
	assert_log_line(m, " user: 0000000000100000 - 0000000004000000 (usable)");
	unit_free(m);

	/* memmap=4M$512M punches a reserved hole: one more active range,
	 * 1024 fewer present pages, the same span */
	plain = unit_boot_preset("pc-1g", NULL, NULL);
	m = unit_boot_preset("pc-1g", "memmap=4M$512M", NULL);
	assert_int_equal(m->nr_active, plain->nr_active + 1);
	assert_int_equal(m->zones[ZONE_NORMAL].spanned_pages,
			 plain->zones[ZONE_NORMAL].spanned_pages);
	assert_int_equal(m->zones[ZONE_NORMAL].present_pages,
			 plain->zones[ZONE_NORMAL].present_pages - 1024);
	assert_log_line(m, " user: 0000000020000000 - 0000000020400000 (reserved)");
	unit_free(m);
	unit_free(plain);
}

static void
test_memmap_exactmap(void **state)
{
	struct machine *m = unit_boot_preset("pc-1g",
		"memmap=exactmap memmap=640K@0 memmap=511M@1M", NULL);
	struct boot_config bc;

	assert_int_equal(m->e820.nr_map, 3);	/* + the low-64K split */
	assert_int_equal(m->max_pfn, 0x20000);
	assert_log_line(m, "user-defined physical RAM map:");
	assert_log_line(m, " user: 0000000000000000 - 00000000000a0000 (usable)");
	assert_log_line(m, " user: 0000000000100000 - 0000000020000000 (usable)");
	assert_log_line(m, "early_node_map[2] active PFN ranges");
	assert_log_line(m, "    0: 0x00000010 -> 0x000000a0");
	unit_free(m);

	/* one entry is not a map: the kernel panics */
	boot_config_default(&bc);
	unit_cmdline(&bc, "memmap=exactmap memmap=511M@1M");
	unit_boot_fails(&bc, "Invalid user supplied memory map");
}

/* RAM from 4 GiB up does not exist without PAE, silently: max_arch_pfn is
 * 0x100000, and "only 4GB will be used" cannot print (research notes 1.6). */
static void
test_ram_above_4g(void **state)
{
	struct boot_config bc;
	struct machine *m;

	unit_config_e820(&bc,
		"[    0.000000]  BIOS-e820: 0000000000000000 - 000000000009e000 (usable)\n"
		"[    0.000000]  BIOS-e820: 000000000009e000 - 00000000000a0000 (reserved)\n"
		"[    0.000000]  BIOS-e820: 00000000000e0000 - 0000000000100000 (reserved)\n"
		"[    0.000000]  BIOS-e820: 0000000000100000 - 00000000cffa0000 (usable)\n"
		"[    0.000000]  BIOS-e820: 00000000cffa0000 - 00000000cffae000 (ACPI data)\n"
		"[    0.000000]  BIOS-e820: 00000000cffae000 - 00000000cfff0000 (ACPI NVS)\n"
		"[    0.000000]  BIOS-e820: 00000000cfff0000 - 00000000d0000000 (reserved)\n"
		"[    0.000000]  BIOS-e820: 00000000fec00000 - 00000000fec01000 (reserved)\n"
		"[    0.000000]  BIOS-e820: 00000000fee00000 - 00000000fef00000 (reserved)\n"
		"[    0.000000]  BIOS-e820: 00000000ff700000 - 0000000100000000 (reserved)\n"
		"[    0.000000]  BIOS-e820: 0000000100000000 - 0000000130000000 (usable)\n",
		"AMI");
	m = unit_boot(&bc);
	assert_int_equal(m->max_pfn, 0xcffa0);
	assert_log_line(m, "last_pfn = 0xcffa0 max_arch_pfn = 0x100000");
	assert_log_lacks(m, "only 4GB");
	expect_all(m, &bc);
	unit_free(m);

	/* a RAM entry across 4 GiB is clipped at 0x100000 */
	boot_config_default(&bc);
	bc.bios.nr_map = 0;
	e820_add_region(&bc.bios, 0, 0x9fc00, E820_RAM);
	e820_add_region(&bc.bios, 0xf0000, 0x10000, E820_RESERVED);
	e820_add_region(&bc.bios, 0x100000, GiB(5) - 0x100000, E820_RAM);
	bc.bios_vendor[0] = '\0';
	m = unit_boot(&bc);
	assert_int_equal(m->max_pfn, 0x100000);
	assert_int_equal(m->highend_pfn, 0x100000);
	assert_log_line(m, "last_pfn = 0x100000 max_arch_pfn = 0x100000");
	assert_log_lacks(m, "only 4GB");
	expect_all(m, &bc);
	unit_free(m);
}

/* ---- what boot refuses -------------------------------------------------- */

static void
test_boot_refusals(void **state)
{
	struct boot_config bc;
	char why[256];

	/* no RAM at all */
	boot_config_default(&bc);
	bc.bios.nr_map = 0;
	e820_add_region(&bc.bios, 0x9fc00, 0x400, E820_RESERVED);
	e820_add_region(&bc.bios, 0xf0000, 0x10000, E820_RESERVED);
	unit_boot_fails(&bc, "no usable RAM");
	/* RAM only above 4 GiB is no RAM either */
	e820_add_region(&bc.bios, GiB(4), GiB(1), E820_RAM);
	unit_boot_fails(&bc, "no usable RAM");

	/* fewer than 2 entries */
	bc.bios.nr_map = 0;
	e820_add_region(&bc.bios, 0, MiB(256), E820_RAM);
	unit_boot_fails(&bc, "2 or more");
	bc.bios.nr_map = 0;
	unit_boot_fails(&bc, "2 or more");

	/* a wrapping entry */
	unit_plain_map(&bc.bios, MiB(256));
	e820_add_region(&bc.bios, 0xfffffffffff00000ull, MiB(2), E820_RESERVED);
	unit_boot_fails(&bc, "wraps");

	/* too little lowmem for the kernel at 16 MiB */
	unit_plain_map(&bc.bios, MiB(24));
	unit_boot_fails(&bc, "lowmem");
	boot_config_default(&bc);
	unit_cmdline(&bc, "mem=16M");
	unit_boot_fails(&bc, "lowmem");

	/* CPUs: 1 to 8, and no more than NR_CPUS */
	boot_config_default(&bc);
	bc.nr_cpus = 9;
	unit_boot_fails(&bc, "CPUs");
	bc.nr_cpus = 0;
	unit_boot_fails(&bc, "CPUs");
	bc.nr_cpus = 3;
	assert_int_equal(boot_config_set(&bc, "NR_CPUS=2", why, sizeof(why)), 0);
	unit_boot_fails(&bc, "NR_CPUS");

	/* a command line the kernel cannot parse */
	boot_config_default(&bc);
	unit_cmdline(&bc, "mem=lots");
	unit_boot_fails(&bc, "mem");
	unit_cmdline(&bc, "memmap=12Q@1M");
	unit_boot_fails(&bc, "memmap");
}

static void
test_boot_config_set(void **state)
{
	struct boot_config bc;
	char why[256];

	boot_config_default(&bc);
	assert_int_equal(bc.nr_cpus, 1);
	assert_int_equal(bc.nr_cpus_config, 8);
	assert_true(bc.highmem);
	assert_true(bc.reserve_low_64k);
	assert_int_equal(bc.page_offset, 0xc0000000u);
	assert_string_equal(bc.name, "pc-1g");

	assert_int_equal(boot_config_set(&bc, "CONFIG_NR_CPUS=64", why, sizeof(why)), 0);
	assert_int_equal(bc.nr_cpus_config, 64);
	assert_int_equal(boot_config_set(&bc, "HIGHMEM=n", why, sizeof(why)), 0);
	assert_false(bc.highmem);
	assert_int_equal(boot_config_set(&bc, "VMSPLIT=2G", why, sizeof(why)), 0);
	assert_int_equal(bc.page_offset, 0x80000000u);
	assert_true(boot_config_set(&bc, "NR_CPUS=65", why, sizeof(why)) < 0);
	assert_true(boot_config_set(&bc, "NR_CPUS=0", why, sizeof(why)) < 0);
	assert_true(boot_config_set(&bc, "HIGHMEM=maybe", why, sizeof(why)) < 0);
	assert_true(boot_config_set(&bc, "VMSPLIT=4G", why, sizeof(why)) < 0);
	assert_true(boot_config_set(&bc, "SLUB=y", why, sizeof(why)) < 0);
	assert_non_null(strstr(why, "SLUB"));
	assert_true(boot_config_set(&bc, "HIGHMEM", why, sizeof(why)) < 0);
	assert_true(boot_config_set(&bc, "=y", why, sizeof(why)) < 0);
	/* failures leave the configuration alone */
	assert_int_equal(bc.nr_cpus_config, 64);
	assert_false(bc.highmem);
	assert_int_equal(bc.page_offset, 0x80000000u);
	assert_true(boot_preset(&bc, "pc-9g", why, sizeof(why)) < 0);
	assert_non_null(strstr(why, "pc-4g"));
}

/* More CPUs: every CPU gets the zone's pcp lists; the boot log says so. */
static void
test_smp_pagesets(void **state)
{
	struct boot_config bc;
	struct machine *m;

	boot_config_default(&bc);
	bc.nr_cpus = 8;
	m = unit_boot(&bc);
	assert_int_equal(m->nr_cpus, 8);
	assert_log_line(m, "NR_CPUS:8 nr_cpumask_bits:8 nr_cpu_ids:8 nr_node_ids:1");
	expect_all(m, &bc);
	unit_free(m);
}

/*
 * Up to 128 E820 entries can make up to 128 separate RAM ranges (RAM
 * entries with gaps between them need no reserved entry); 2.6.32's
 * early_node_map holds 256 (MAX_ACTIVE_REGIONS without NUMA).  Here: 640K,
 * 1M-63M, then 100 ranges of 1 MiB from 64M with 1 MiB gaps: 102 active
 * ranges.
 */
static void
test_many_ram_ranges(void **state)
{
	struct boot_config bc;
	struct machine *m;
	u32 i;

	boot_config_default(&bc);
	bc.bios.nr_map = 0;
	e820_add_region(&bc.bios, 0, 0x9fc00, E820_RAM);
	e820_add_region(&bc.bios, 0x9fc00, 0x400, E820_RESERVED);
	e820_add_region(&bc.bios, 0xf0000, 0x10000, E820_RESERVED);
	e820_add_region(&bc.bios, 0x100000, MiB(62), E820_RAM);
	for (i = 0; i < 100; i++)
		e820_add_region(&bc.bios, MiB(64) + i * MiB(2), MiB(1),
				E820_RAM);
	bc.bios_vendor[0] = '\0';
	m = unit_boot(&bc);
	assert_log_line(m, "early_node_map[102] active PFN ranges");
	assert_log_line(m, "    0: 0x00010600 -> 0x00010700");
	expect_all(m, &bc);
	unit_free(m);
}

/*
 * Random maps (a fixed seed): overlapping entries of every type, zero-size
 * and unaligned entries, a BIOS vendor or not.  Each either boots, with
 * zones as the reference computes them from the sanitized map and a sound
 * allocator, or is refused with a reason.  Never a crash.
 */
static void
test_random_maps(void **state)
{
	static const u32 types[] = { E820_RAM, E820_RAM, E820_RAM, E820_RAM,
		E820_RESERVED, E820_ACPI, E820_NVS, E820_UNUSABLE, 12 };
	u64 rng = 0x243f6a8885a308d3ull;
	int iter, booted = 0;

	for (iter = 0; iter < 60; iter++) {
		struct boot_config bc, sane;
		struct machine *m;
		char why[256] = "";
		u32 n, i, nr;

#define RND() (rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17, rng)
		boot_config_default(&bc);
		bc.bios.nr_map = 0;
		if (RND() % 10 < 8)
			e820_add_region(&bc.bios, 0x100000,
					MiB(40) + RND() % MiB(600), E820_RAM);
		if (RND() % 2)
			e820_add_region(&bc.bios, 0, 0x9f000 + RND() % 0x1000,
					E820_RAM);
		n = 1 + (u32)(RND() % 24);
		for (i = 0; i < n; i++) {
			u64 addr = RND() % GiB(1), size;

			switch (RND() % 4) {
			case 0:
				size = 0;
				break;
			case 1:
				size = RND() % 0x3000;	/* under a page or so */
				break;
			case 2:
				addr &= ~0xfffull;
				size = (RND() % 64) << 20;
				break;
			default:
				size = RND() % MiB(128);
				break;
			}
			e820_add_region(&bc.bios, addr, size,
					types[RND() % ARRAY_SIZE(types)]);
		}
		snprintf(bc.bios_vendor, sizeof(bc.bios_vendor), "%s",
			 RND() % 2 ? "AMI" : "");
		bc.nr_cpus = 1 + (int)(RND() % 4);
#undef RND
		m = machine_boot(&bc, why, sizeof(why));
		if (m == NULL) {
			if (why[0] == '\0')
				fail_msg("map %d refused without a reason", iter);
			continue;
		}
		unit_track(m);
		booted++;
		unit_check(m);
		sane = bc;
		nr = sane.bios.nr_map;
		assert_int_equal(sanitize_e820_map(sane.bios.map, E820MAX, &nr),
				 0);
		sane.bios.nr_map = nr;
		expect_all(m, &sane);
		/* and the allocator works on it */
		{
			long p = alloc_pages(m, GFP_KERNEL, 2);

			if (p >= 0)
				assert_int_equal(free_pages_checked(m, (u32)p, 2),
						 0);
		}
		unit_free(m);
	}
	print_message("  %d of 60 random maps booted\n", booted);
	assert_true(booted >= 20);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_l2_ami_2g_log),
		UNIT_TEST(test_l1_512m_log),
		UNIT_TEST(test_l1_low_ram_placement),
		UNIT_TEST(test_l1_watermarks_worked_example),
		UNIT_TEST(test_pc4g_watermarks_by_hand),
		UNIT_TEST(test_presets_zone_sizes),
		UNIT_TEST(test_plain_maps_zone_sizes),
		UNIT_TEST(test_low_64k_quirk_config),
		UNIT_TEST(test_batchsize),
		UNIT_TEST(test_default_layout_big_machines),
		UNIT_TEST(test_small_machine_layout),
		UNIT_TEST(test_nr_cpus_fixmap),
		UNIT_TEST(test_highmem_n),
		UNIT_TEST(test_vmsplit),
		UNIT_TEST(test_vmalloc_param),
		UNIT_TEST(test_vmalloc_too_big_refused),
		UNIT_TEST(test_highmem_param),
		UNIT_TEST(test_mem_param),
		UNIT_TEST(test_memmap_exactmap),
		UNIT_TEST(test_ram_above_4g),
		UNIT_TEST(test_boot_refusals),
		UNIT_TEST(test_boot_config_set),
		UNIT_TEST(test_smp_pagesets),
		UNIT_TEST(test_many_ram_ranges),
		UNIT_TEST(test_random_maps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
