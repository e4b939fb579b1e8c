/* arch/i386/init_32.c: from the early reservations to a running buddy
 * allocator (2.6.32 arch/x86/kernel/head32.c, arch/x86/mm/init_32.c,
 * mm/percpu.c, the hash tables of init/main.c, mem_init). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "vmdb/bootmem.h"
#include "vmdb/fs.h"
#include "vmdb/machine.h"
#include "vmdb/mmap.h"
#include "vmdb/pgtable.h"
#include "vmdb/printk.h"
#include "vmdb/slab.h"
#include "vmdb/util.h"

#include "arch/i386/setup.h"

#define MAX_DMA_PHYS	0x1000000u
#define SMP_CACHE_BYTES	64u

static u32
ilog2_u64(u64 v)
{
	return v ? 63 - (u32)__builtin_clzll(v) : 0;
}

/*
 * The "BIOS reserved" range (reserve_ebda_region): from the end of
 * conventional memory to 1 MiB.  The kernel reads the conventional memory
 * size and the EBDA segment from the BIOS data area; vmdb's BIOS reports
 * the top of the RAM below 1 MiB as both, and no EBDA when that top is the
 * full 640K, in which case the kernel keeps 0x9f000 ("some old Dells").
 */
static u32
ebda_start(struct machine *m)
{
	const struct e820map *b = &m->cfg.bios;
	u32 top = 0, lowmem, ebda, i;

	for (i = 0; i < b->nr_map; i++) {
		u64 end = b->map[i].addr + b->map[i].size;

		if (b->map[i].type == E820_RAM && end <= 0x100000 && end > top)
			top = (u32)end;
	}
	lowmem = top & ~0x3ffu;
	ebda = lowmem >= 0xa0000 ? 0 : lowmem;
	if (lowmem - ebda <= 0x10000)
		lowmem = ebda;
	if (ebda == 0 && lowmem >= 0x9f000)
		lowmem = 0x9f000;
	if (lowmem == 0 || lowmem >= 0x100000)
		lowmem = 0x9f000;
	return lowmem;
}

/*
 * The boot-time page tables.  head_32.S maps from 0 to _end + 1 MiB with
 * page tables taken from .brk (reserved as "BRK").  init_memory_mapping
 * then maps all of lowmem: with PSE, the first 4 MiB with 4 KiB pages (that
 * table exists already), the 4 MiB-aligned middle with PSE pages, and any
 * unaligned tail with 4 KiB pages; without PSE (config PSE=n) everything
 * with 4 KiB pages.  Missing tables come from RAM found above 0x7000, of
 * which the used part is reserved as "PGTABLE".  The tables are written to
 * simulated RAM by pgtable.c.
 */
static void
reserve_boot_pagetables(struct machine *m)
{
	const struct kernel_image *k = &m->kimage;
	u32 brk_base = ALIGN(__pa(m, k->bss_end), PAGE_SIZE);
	u32 end = brk_base + BRK_RESERVE, bss = ALIGN(__pa(m, k->bss_start), PAGE_SIZE);
	u32 head_ptes = DIV_ROUND_UP(end + (1u << 20), PMD_SIZE), used = 0;
	u64 lowmem_end = PFN_PHYS(m->max_low_pfn), tables, at, mid_s, mid_e, ptes;
	bool pse = m->cpu_pse;

	/* The page-aligned start of .bss (head_32.S, ioremap.c). */
	m->swapper_pg_dir = bss;
	m->swapper_pg_fixmap = bss + PAGE_SIZE;
	m->empty_zero_page = bss + 2 * PAGE_SIZE;
	m->bm_pte = bss + 3 * PAGE_SIZE;

	printk(m, "initial memory mapped : 0 - %08x", head_ptes * PMD_SIZE);
	reserve_early(m, brk_base, brk_base + head_ptes * PAGE_SIZE + DMI_BRK_USED,
		      "BRK");
	printk(m, "init_memory_mapping: %016llx-%016llx", 0ull,
	       (unsigned long long)lowmem_end);
	mid_s = PMD_SIZE;
	mid_e = lowmem_end & ~(u64)(PMD_SIZE - 1);
	if (!pse || mid_s >= mid_e) {
		/* One range: init_memory_mapping merges equal page sizes. */
		printk(m, " %010llx - %010llx page 4k", 0ull,
		       (unsigned long long)lowmem_end);
		m->directmap_4k = (u32)(lowmem_end >> 10);
		m->directmap_4m = 0;
	} else {
		printk(m, " %010llx - %010llx page 4k", 0ull,
		       (unsigned long long)mid_s);
		printk(m, " %010llx - %010llx page 2M",
		       (unsigned long long)mid_s, (unsigned long long)mid_e);
		if (mid_e < lowmem_end)
			printk(m, " %010llx - %010llx page 4k",
			       (unsigned long long)mid_e,
			       (unsigned long long)lowmem_end);
		m->directmap_4k = (u32)((mid_s + lowmem_end - mid_e) >> 10);
		m->directmap_4m = (u32)((mid_e - mid_s) >> 10);
	}

	/* find_early_table_space: pud and pmd are folded into the pgd but
	 * still counted, then the ptes (only the tail's with PSE), then the
	 * fixmap's. */
	tables = 2 * ALIGN(((lowmem_end + PMD_SIZE - 1) >> 22) * 4, (u64)PAGE_SIZE);
	if (pse)
		ptes = ((lowmem_end & (PMD_SIZE - 1)) + PMD_SIZE + PAGE_SIZE - 1) /
		       PAGE_SIZE;
	else
		ptes = (lowmem_end + PAGE_SIZE - 1) / PAGE_SIZE;
	tables += ALIGN(ptes * 4, (u64)PAGE_SIZE);
	tables += ALIGN((u64)m->fix_end * 4, (u64)PAGE_SIZE);
	at = find_e820_area(m, 0x7000, lowmem_end, tables, PAGE_SIZE);
	if (at == ~0ull) {
		m->boot_failed = true;
		machine_err(m, -ENOMEM, "Cannot find space for the kernel page tables (the kernel panics here)");
		return;
	}
	printk(m, "kernel direct mapping tables up to %llx @ %llx-%llx",
	       (unsigned long long)lowmem_end, (unsigned long long)at,
	       (unsigned long long)(at + tables));
	pagetable_boot_direct(m, brk_base, head_ptes, (u32)at,
			      (u32)(tables >> PAGE_SHIFT), &used);
	if (used)
		reserve_early(m, at, at + (u64)used * PAGE_SIZE, "PGTABLE");
}

/* pcpu_embed_first_chunk on i386: one 4 MiB-aligned block split in units,
 * the unused part of each unit given back to bootmem. */
#define PCPU_STATIC	39480u
#define PCPU_RESERVED	0u
#define PCPU_DYN	20480u

static void
setup_per_cpu_areas(struct machine *m)
{
	u32 ncpu = (u32)m->nr_cpus, size_sum, min_unit, alloc_size, upa;
	u32 max_upa, best_upa = 1, last_allocs = ~0u, unit, nr_units, i;
	u64 base;
	struct strbuf sb;

	printk(m, "NR_CPUS:%d nr_cpumask_bits:%d nr_cpu_ids:%u nr_node_ids:1",
	       m->cfg.nr_cpus_config, m->cfg.nr_cpus_config, ncpu);
	size_sum = ALIGN(PCPU_STATIC + PCPU_RESERVED + PCPU_DYN, PAGE_SIZE);
	min_unit = MAX(size_sum, 32u << 10);
	alloc_size = ALIGN(min_unit, PMD_SIZE);
	upa = alloc_size / min_unit;
	while (alloc_size % upa || ((alloc_size / upa) & (PAGE_SIZE - 1)))
		upa--;
	max_upa = upa;
	for (upa = max_upa; upa; upa--) {
		u32 allocs, wasted;

		if (alloc_size % upa || ((alloc_size / upa) & (PAGE_SIZE - 1)))
			continue;
		allocs = DIV_ROUND_UP(ncpu, upa);
		wasted = allocs * upa - ncpu;
		if (wasted > ncpu / 3)
			continue;
		if (allocs > last_allocs)
			break;
		last_allocs = allocs;
		best_upa = upa;
	}
	unit = alloc_size / best_upa;
	nr_units = ALIGN(ncpu, best_upa);
	base = alloc_bootmem(m, (u64)nr_units * unit, PMD_SIZE, MAX_DMA_PHYS);
	if (base == ~0ull)
		base = alloc_bootmem(m, (u64)nr_units * unit, PAGE_SIZE, 0);
	if (base == ~0ull) {
		bootmem_note(m, base, (u64)nr_units * unit, "per-cpu areas");
		return;
	}
	for (i = 0; i < ncpu; i++)
		bootmem_note(m, base + (u64)i * unit, size_sum, "per-cpu area");
	for (i = 0; i < nr_units && base != ~0ull; i++) {
		if (i < ncpu)
			free_bootmem(m, base + (u64)i * unit + size_sum,
				     unit - size_sum);
		else
			free_bootmem(m, base + (u64)i * unit, unit);
	}
	printk(m, "PERCPU: Embedded %u pages/cpu @%08x s%u r%u d%u u%u",
	       size_sum >> PAGE_SHIFT, __va(m, (u32)base), PCPU_STATIC,
	       PCPU_RESERVED, size_sum - PCPU_STATIC - PCPU_RESERVED, unit);
	printk(m, "pcpu-alloc: s%u r%u d%u u%u alloc=%u*%u", PCPU_STATIC,
	       PCPU_RESERVED, size_sum - PCPU_STATIC - PCPU_RESERVED, unit,
	       nr_units * unit / PMD_SIZE, PMD_SIZE);
	sb_init(&sb);
	sb_puts(&sb, "pcpu-alloc: [0] ");
	for (i = 0; i < nr_units; i++) {
		if (i < ncpu)
			sb_printf(&sb, "%u ", i);
		else
			sb_puts(&sb, "- ");
	}
	printk(m, "%s", sb.buf);
	sb_free(&sb);
}

/* alloc_large_system_hash for the early (bootmem) tables. */
static void
alloc_large_system_hash(struct machine *m, const char *name, u32 bucket,
			u32 scale, bool small, u32 shift0, u64 max)
{
	unsigned long kernel_pages = 0;
	u64 num, size, at;
	u32 log2qty;
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++)
		if (i != ZONE_HIGHMEM)
			kernel_pages += m->zones[i].present_pages;
	num = kernel_pages;
	num += (1ul << (20 - PAGE_SHIFT)) - 1;
	num >>= 20 - PAGE_SHIFT;
	num <<= 20 - PAGE_SHIFT;
	if (scale > PAGE_SHIFT)
		num >>= scale - PAGE_SHIFT;
	else
		num <<= PAGE_SHIFT - scale;
	if (small) {
		if (!(num >> shift0))
			num = 1ull << shift0;
	} else if (num * bucket < PAGE_SIZE) {
		num = PAGE_SIZE / bucket;
	}
	if (num & (num - 1))
		num = 1ull << (ilog2_u64(num) + 1);
	if (max == 0)
		max = (((u64)m->nr_all_pages << PAGE_SHIFT) >> 4) / bucket;
	if (num > max)
		num = max;
	log2qty = ilog2_u64(num);
	do {
		size = (u64)bucket << log2qty;
		at = alloc_bootmem(m, size, SMP_CACHE_BYTES, MAX_DMA_PHYS);
	} while (at == ~0ull && size > PAGE_SIZE && --log2qty);
	bootmem_note(m, at, size, name);
	printk(m, "%s hash table entries: %u (order: %d, %llu bytes)", name,
	       1u << log2qty, (int)ilog2_u64(size) - PAGE_SHIFT,
	       (unsigned long long)size);
}

static bool
page_is_ram(struct machine *m, u32 pfn)
{
	u32 i;

	if (pfn == 0)
		return false;
	if (pfn >= (0xa0000 >> PAGE_SHIFT) && pfn < (0x100000 >> PAGE_SHIFT))
		return false;
	for (i = 0; i < m->e820.nr_map; i++) {
		const struct e820entry *e = &m->e820.map[i];

		if (e->type != E820_RAM)
			continue;
		if (pfn >= (e->addr + PAGE_SIZE - 1) >> PAGE_SHIFT &&
		    pfn < (e->addr + e->size) >> PAGE_SHIFT)
			return true;
	}
	return false;
}

static void
set_highmem_pages_init(struct machine *m)
{
	struct zone *z = &m->zones[ZONE_HIGHMEM];
	u32 zs = z->zone_start_pfn, ze = zs + z->spanned_pages;
	int i;

	if (!m->cfg.highmem)
		return;
	printk(m, "Initializing %s for node %d (%08x:%08x)", z->name, 0, zs, ze);
	for (i = 0; i < m->nr_active; i++) {
		u32 s = MAX(zs, m->early_node_map[i].start_pfn);
		u32 e = MIN(ze, m->early_node_map[i].end_pfn), pfn;

		for (pfn = s; pfn < e; pfn++) {
			if (!pfn_valid(m, pfn))
				continue;
			__free_pages_bootmem(m, pfn, 0);
			m->totalhigh_pages++;
		}
	}
	m->totalram_pages += m->totalhigh_pages;
}

static void
mem_init(struct machine *m)
{
	const struct kernel_image *k = &m->kimage;
	u32 pfn, codesize, datasize, initsize;
	unsigned long reserved = 0;

	m->totalram_pages += free_all_bootmem(m);
	for (pfn = 0; pfn < m->max_low_pfn; pfn++)
		if (page_is_ram(m, pfn) &&
		    page_test(&m->mem_map[pfn], PG_reserved))
			reserved++;
	m->reservedpages = reserved;
	set_highmem_pages_init(m);

	codesize = k->text_end - k->text_start;
	datasize = k->data_end - k->text_end;
	initsize = k->init_end - k->init_start;
	printk(m, "Memory: %luk/%luk available (%uk kernel code, %luk reserved, %uk data, %uk init, %luk highmem)",
	       nr_free_pages(m) << (PAGE_SHIFT - 10),
	       (unsigned long)m->num_physpages << (PAGE_SHIFT - 10),
	       codesize >> 10, reserved << (PAGE_SHIFT - 10), datasize >> 10,
	       initsize >> 10, m->totalhigh_pages << (PAGE_SHIFT - 10));
	printk(m, "virtual kernel memory layout:");
	printk(m, "    fixmap  : 0x%08x - 0x%08x   (%4u kB)", m->fixaddr_start,
	       m->fixaddr_top, (m->fixaddr_top - m->fixaddr_start) >> 10);
	if (m->cfg.highmem)
		printk(m, "    pkmap   : 0x%08x - 0x%08x   (%4u kB)",
		       m->pkmap_base, m->pkmap_base + LAST_PKMAP * PAGE_SIZE,
		       (LAST_PKMAP * PAGE_SIZE) >> 10);
	printk(m, "    vmalloc : 0x%08x - 0x%08x   (%4u MB)", m->vmalloc_start,
	       m->vmalloc_end, (m->vmalloc_end - m->vmalloc_start) >> 20);
	printk(m, "    lowmem  : 0x%08x - 0x%08x   (%4u MB)", m->page_offset,
	       m->high_memory, (m->high_memory - m->page_offset) >> 20);
	printk(m, "      .init : 0x%08x - 0x%08x   (%4u kB)", k->init_start,
	       k->init_end, initsize >> 10);
	printk(m, "      .data : 0x%08x - 0x%08x   (%4u kB)", k->text_end,
	       k->data_end, datasize >> 10);
	printk(m, "      .text : 0x%08x - 0x%08x   (%4u kB)", k->text_start,
	       k->text_end, codesize >> 10);
}

int
arch_mem_setup(struct machine *m, char *why, size_t n)
{
	const struct kernel_image *k = &m->kimage;
	u32 bootmap_size;
	u64 bootmap;
	size_t cl = strlen(m->cfg.cmdline) + 1;
	int i;

	/* head32.c and the static early_res table */
	reserve_early(m, 0, PAGE_SIZE, "BIOS data page");
	reserve_early(m, PAGE_SIZE, 2 * PAGE_SIZE, "EX TRAMPOLINE");
	reserve_early(m, 0x6000, 0x7000, "TRAMPOLINE");
	reserve_early(m, __pa(m, k->text_start), __pa(m, k->bss_end),
		      "TEXT DATA BSS");
	reserve_early(m, ebda_start(m), 0x100000, "BIOS reserved");
	reserve_boot_pagetables(m);

	/* initmem_init */
	m->highstart_pfn = m->highend_pfn = m->max_pfn;
	if (m->max_pfn > m->max_low_pfn)
		m->highstart_pfn = m->max_low_pfn;
	if (m->cfg.highmem) {
		e820_register_active_regions(m, m->highend_pfn);
		printk(m, "%uMB HIGHMEM available.",
		       (m->highend_pfn - m->highstart_pfn) >> 8);
		m->num_physpages = m->highend_pfn;
		m->high_memory = __va(m, m->highstart_pfn * PAGE_SIZE - 1) + 1;
	} else {
		e820_register_active_regions(m, m->max_low_pfn);
		m->num_physpages = m->max_low_pfn;
		m->high_memory = __va(m, m->max_low_pfn * PAGE_SIZE - 1) + 1;
		m->highend_pfn = m->highstart_pfn = m->max_low_pfn;
	}
	m->max_mapnr = m->num_physpages;
	m->vmalloc_start = m->high_memory + (8u << 20);
	printk(m, "%uMB LOWMEM available.", m->max_low_pfn >> 8);
	if (m->nr_active == 0) {
		snprintf(why, n, "no RAM page left below the limits");
		return -1;
	}

	/* setup_bootmem_allocator */
	bootmap_size = bootmem_bootmap_pages(m->max_low_pfn) << PAGE_SHIFT;
	bootmap = find_e820_area(m, 0, PFN_PHYS(m->max_low_pfn), bootmap_size,
				 PAGE_SIZE);
	if (bootmap == ~0ull) {
		snprintf(why, n, "Cannot find bootmem map of size %u (the kernel panics here)",
			 bootmap_size);
		return -1;
	}
	reserve_early(m, bootmap, bootmap + bootmap_size, "BOOTMAP");
	printk(m, "  mapped low ram: 0 - %08x", m->max_low_pfn << PAGE_SHIFT);
	printk(m, "  low ram: 0 - %08x", m->max_low_pfn << PAGE_SHIFT);
	m->mem_map_bytes = (ALIGN(m->max_pfn, 1u << (MAX_ORDER - 1)) + 1) *
			   sizeof(struct page);
	m->mem_map = xmap_zeroed(m->mem_map_bytes);
	m->alloc_order = xmalloc(ALIGN(m->max_pfn, 1u << (MAX_ORDER - 1)) + 1);
	memset(m->alloc_order, 0xff, ALIGN(m->max_pfn, 1u << (MAX_ORDER - 1)) + 1);
	setup_bootmem(m, (u32)bootmap);

	/* paging_init: the pkmap page table, then the zones */
	if (m->cfg.highmem) {
		u64 pkmap = alloc_bootmem(m, PAGE_SIZE, PAGE_SIZE, MAX_DMA_PHYS);

		bootmem_note(m, pkmap, PAGE_SIZE, "pkmap pagetable");
		if (pkmap != ~0ull)
			pagetable_boot_pkmap(m, (u32)pkmap);
	}
	kmap_init(m);
	free_area_init_nodes(m);
	/* e820_reserve_resources: a struct resource (28 bytes) per entry */
	bootmem_note(m, alloc_bootmem(m, 28 * m->e820.nr_map, SMP_CACHE_BYTES,
				      MAX_DMA_PHYS), 28 * m->e820.nr_map,
		     "e820 resources");

	/* start_kernel's boot-time allocations */
	bootmem_note(m, alloc_bootmem(m, cl, SMP_CACHE_BYTES, MAX_DMA_PHYS), cl,
		     "command line");
	bootmem_note(m, alloc_bootmem(m, cl, SMP_CACHE_BYTES, MAX_DMA_PHYS), cl,
		     "command line");
	setup_per_cpu_areas(m);
	build_all_zonelists(m);
	printk(m, "Kernel command line: %s", m->cfg.cmdline);
	alloc_large_system_hash(m, "PID", 4, 18, true, 4, 4096);
	alloc_large_system_hash(m, "Dentry cache", 4, 13, false, 0, 0);
	alloc_large_system_hash(m, "Inode-cache", 4, 14, false, 0, 0);

	/* mm_init: mem_init, kmem_cache_init, (vmalloc_init); then, later
	 * in start_kernel, kmem_cache_init_late, setup_per_cpu_pageset, the
	 * first kernel caches; then kernel_init's smp_init. */
	mem_init(m);
	if (kmem_cache_init(m))
		goto slab_failed;
	if (kmem_cache_init_late(m))
		goto slab_failed;
	setup_per_cpu_pageset(m);
	if (slab_init_kernel_caches(m) || slab_smp_init(m))
		goto slab_failed;
	/* vfs_caches_init and the root file system: the shipped files */
	if (files_init(m))
		goto slab_failed;

	/* an initcall: the watermarks */
	init_per_zone_wmark_min(m);
	for (i = 0; i < m->nr_cpus; i++)
		m->cpus[i].id = i;
	pagetable_boot_done(m);
	if (mmu_init(m))	/* the TLB geometry of the boot config */
		goto slab_failed;
	/* fork_init/proc_caches_init made the caches; no task yet: every
	 * CPU runs its idle task on init_mm. */
	if (sched_init(m))
		goto slab_failed;
	return 0;
slab_failed:
	snprintf(why, n, "%s", m->why);
	return -1;
}
