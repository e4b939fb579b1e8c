/* arch/i386/setup.c: booting a machine the way Linux 2.6.32 i386 boots its
 * memory manager (arch/x86/kernel/setup.c setup_arch, arch/x86/mm/init_32.c
 * and the mm half of init/main.c start_kernel), writing the same boot log.
 *
 *   BIOS e820 map -> sanitize -> command line (mem=, memmap=, vmalloc=,
 *   highmem=) -> low-64K quirk -> max_pfn -> lowmem/highmem split ->
 *   early reservations -> bootmem -> zones and mem_map -> per-CPU areas,
 *   hash tables -> mem_init (everything free goes to the buddy allocator)
 *   -> watermarks.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

#include "vmdb/bootmem.h"
#include "vmdb/machine.h"
#include "vmdb/pgtable.h"
#include "vmdb/printk.h"
#include "vmdb/util.h"

#include "arch/i386/setup.h"

#define MAX_NONPAE_PFN	(1u << 20)
#define VMALLOC_OFFSET	(8u << 20)

/*
 * The simulated kernel image: a 2.6.32 distribution-like build loaded at
 * CONFIG_PHYSICAL_START (16 MiB).  Sizes are fixed properties of "the
 * kernel vmdb runs", chosen to look like a typical i386 build: 3.6 MiB of
 * code, 1.2 MiB of data, 408 KiB of init, 500 KiB of bss, then the brk
 * area that holds the boot page tables.
 */
static const struct kernel_image kimage_template = {
	.text_start = 0xc1000000u,
	.text_end = 0xc13a0e5cu,
	.data_end = 0xc14ce0a0u,
	.init_start = 0xc14cf000u,
	.init_end = 0xc1535000u,
	.bss_start = 0xc1535000u,
	.bss_end = 0xc15b2d2cu,
};

/*
 * The fixmap (arch/x86/include/asm/fixmap.h): slots count down from
 * FIXADDR_TOP.  vmdb's kernel has the local APIC, 64 IO-APICs, MMCONFIG
 * and PARAVIRT, so NR_CPUS=8 gives 225 permanent slots (900 kB).
 */
static void
fixmap_layout(struct machine *m)
{
	u32 idx = 0;

	idx += 2;		/* FIX_HOLE, FIX_VDSO */
	idx += 2;		/* FIX_DBGP_BASE, FIX_EARLYCON_MEM_BASE */
	idx += 1;		/* FIX_APIC_BASE */
	idx += MAX_IO_APICS;	/* FIX_IO_APIC_BASE_0 .. END */
	m->fix_kmap_begin = idx;
	idx += KM_TYPE_NR * (u32)m->cfg.nr_cpus_config;
	idx += 1;		/* FIX_PCIE_MCFG */
	idx += 1;		/* FIX_PARAVIRT_BOOTMAP */
	idx += 2;		/* FIX_TEXT_POKE1, FIX_TEXT_POKE0 */
	m->fix_perm = idx;
	/* FIX_BTMAP_END rounds up to a 256-slot boundary, BEGIN is 255 on;
	 * then FIX_WP_TEST. */
	idx = idx + 256 - (idx & 255);
	idx += 255;
	m->fix_btmap_begin = idx;
	idx += 1;		/* FIX_WP_TEST */
	m->fix_end = idx + 1;
	m->fixaddr_top = 0xfffff000u;
	m->fixaddr_start = m->fixaddr_top - (m->fix_perm << PAGE_SHIFT);
	m->fixaddr_boot_start = m->fixaddr_top - (m->fix_end << PAGE_SHIFT);
	if (m->cfg.highmem) {
		m->pkmap_base = (m->fixaddr_boot_start -
				 PAGE_SIZE * (LAST_PKMAP + 1)) & ~((4u << 20) - 1);
		m->vmalloc_end = m->pkmap_base - 2 * PAGE_SIZE;
	} else {
		m->pkmap_base = 0;
		m->vmalloc_end = m->fixaddr_start - 2 * PAGE_SIZE;
	}
}

static u32
maxmem_pfn(struct machine *m)
{
	return (m->vmalloc_end - m->page_offset - m->vmalloc_reserve) >>
	       PAGE_SHIFT;
}

/* ---- the kernel command line ------------------------------------------- */

struct early_params {
	bool userdef;
	s64 highmem_pages;		/* -1: not given */
};

static int
parse_cmdline(struct machine *m, struct early_params *ep, char *why, size_t n)
{
	char *copy = xstrdup(m->cfg.cmdline), *save = NULL, *w;
	char r[128];
	int err = 0;

	ep->highmem_pages = -1;
	for (w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		u64 size, start;
		char *val = strchr(w, '=');

		if (!val)
			continue;
		*val++ = '\0';
		if (!strcmp(w, "mem")) {
			if (parse_size(val, &size, r, sizeof(r)))
				goto bad;
			ep->userdef = true;
			e820_remove_range(&m->e820, size, UINT64_MAX - size,
					  E820_RAM, 1);
		} else if (!strcmp(w, "memmap")) {
			char *at;
			u32 type = 0;

			if (!strcmp(val, "exactmap")) {
				m->e820.nr_map = 0;
				ep->userdef = true;
				continue;
			}
			at = strpbrk(val, "@#$");
			if (at) {
				type = *at == '@' ? E820_RAM :
				       *at == '#' ? E820_ACPI : E820_RESERVED;
				*at++ = '\0';
			}
			if (parse_size(val, &size, r, sizeof(r)))
				goto bad;
			ep->userdef = true;
			if (at) {
				if (parse_size(at, &start, r, sizeof(r)))
					goto bad;
				e820_add_region(&m->e820, start, size, type);
			} else {
				e820_remove_range(&m->e820, size,
						  UINT64_MAX - size, E820_RAM, 1);
			}
		} else if (!strcmp(w, "vmalloc")) {
			if (parse_size(val, &size, r, sizeof(r)))
				goto bad;
			if (size > 0x40000000u) {
				snprintf(r, sizeof(r), "%s is larger than the 1 GiB kernel space", val);
				goto bad;
			}
			m->vmalloc_reserve = (u32)size + VMALLOC_OFFSET;
		} else if (!strcmp(w, "highmem")) {
			if (parse_size(val, &size, r, sizeof(r)))
				goto bad;
			ep->highmem_pages = (s64)(size >> PAGE_SHIFT);
		}
	}
	free(copy);
	return 0;
bad:
	snprintf(why, n, "kernel command line: %s=: %s", w, r);
	free(copy);
	(void)err;
	return -EINVAL;
}

/* ---- max_pfn and the lowmem/highmem split ------------------------------- */

static u32
e820_end_of_ram_pfn(struct machine *m)
{
	u32 last = 0, limit = MAX_NONPAE_PFN, i;

	for (i = 0; i < m->e820.nr_map; i++) {
		const struct e820entry *ei = &m->e820.map[i];
		u64 s = ei->addr >> PAGE_SHIFT, e = (ei->addr + ei->size) >> PAGE_SHIFT;

		if (ei->type != E820_RAM)
			continue;
		if (s >= limit)
			continue;
		if (e > limit) {
			last = limit;
			break;
		}
		if (e > last)
			last = (u32)e;
	}
	if (last > MAX_NONPAE_PFN)
		last = MAX_NONPAE_PFN;
	printk(m, "last_pfn = %#x max_arch_pfn = %#x", last, MAX_NONPAE_PFN);
	return last;
}

#define pages_to_mb(x) ((x) >> (20 - PAGE_SHIFT))

static void
find_low_pfn_range(struct machine *m, struct early_params *ep)
{
	u32 maxmem = maxmem_pfn(m);
	s64 hp = ep->highmem_pages;

	if (m->max_pfn <= maxmem) {
		/* lowmem_pfn_init */
		m->max_low_pfn = m->max_pfn;
		if (hp == -1)
			hp = 0;
		if (m->cfg.highmem) {
			if (hp >= m->max_pfn) {
				printk(m, "highmem size (%lluMB) is bigger than pages available (%uMB)!",
				       (unsigned long long)pages_to_mb(hp),
				       pages_to_mb(m->max_pfn));
				hp = 0;
			}
			if (hp) {
				if (m->max_low_pfn - hp < (64u << 20) / PAGE_SIZE) {
					printk(m, "highmem size (%lluMB) results in <64MB lowmem, ignoring it!",
					       (unsigned long long)pages_to_mb(hp));
					hp = 0;
				}
				m->max_low_pfn -= (u32)hp;
			}
		} else if (hp) {
			printk(m, "ignoring highmem size on non-highmem kernel!");
		}
		return;
	}
	/* highmem_pfn_init */
	m->max_low_pfn = maxmem;
	if (hp == -1)
		hp = m->max_pfn - maxmem;
	if (hp + maxmem < m->max_pfn)
		m->max_pfn = maxmem + (u32)hp;
	if (hp + maxmem > m->max_pfn) {
		printk(m, "only %uMB highmem pages available, ignoring highmem size of %lluMB!",
		       pages_to_mb(m->max_pfn - maxmem),
		       (unsigned long long)pages_to_mb(hp));
		hp = 0;
	}
	if (!m->cfg.highmem) {
		printk(m, "Warning only %uMB will be used.",
		       (maxmem << PAGE_SHIFT) >> 20);
		printk(m, m->max_pfn > MAX_NONPAE_PFN ?
		       "Use a HIGHMEM64G enabled kernel." :
		       "Use a HIGHMEM enabled kernel.");
		m->max_pfn = maxmem;
	} else if (m->max_pfn > MAX_NONPAE_PFN) {
		m->max_pfn = MAX_NONPAE_PFN;
		printk(m, "Warning: only 4GB will be used. Use a HIGHMEM64G enabled kernel!");
	}
}

/* e820_register_active_regions: RAM entries rounded inward to pages. */
void
e820_register_active_regions(struct machine *m, u32 last_pfn)
{
	u32 i;

	m->nr_active = 0;
	for (i = 0; i < m->e820.nr_map; i++) {
		const struct e820entry *ei = &m->e820.map[i];
		u64 s = ALIGN(ei->addr, (u64)PAGE_SIZE) >> PAGE_SHIFT;
		u64 e = ALIGN_DOWN(ei->addr + ei->size, (u64)PAGE_SIZE) >> PAGE_SHIFT;
		struct active_region *prev;

		if (s >= e || ei->type != E820_RAM || e <= 0 || s >= last_pfn)
			continue;
		if (e > last_pfn)
			e = last_pfn;
		prev = m->nr_active ? &m->early_node_map[m->nr_active - 1] : NULL;
		if (prev && prev->end_pfn >= s) {	/* add_active_range merges */
			prev->end_pfn = MAX(prev->end_pfn, (u32)e);
			continue;
		}
		if (m->nr_active == MAX_ACTIVE_REGIONS) {
			printk(m, "More than %d memory regions, truncating",
			       MAX_ACTIVE_REGIONS);
			break;
		}
		m->early_node_map[m->nr_active].start_pfn = (u32)s;
		m->early_node_map[m->nr_active].end_pfn = (u32)e;
		m->nr_active++;
	}
}

/* Is [start, end) covered by RAM entries of the (sanitized) map? */
static bool
range_is_ram(struct machine *m, u64 start, u64 end)
{
	u32 i;

	while (start < end) {
		for (i = 0; i < m->e820.nr_map; i++) {
			const struct e820entry *e = &m->e820.map[i];

			if (e->type == E820_RAM && start >= e->addr &&
			    start < e->addr + e->size) {
				start = e->addr + e->size;
				break;
			}
		}
		if (i == m->e820.nr_map)
			return false;
	}
	return true;
}

/* ---- machine_boot ------------------------------------------------------- */

static int
setup_memory_map(struct machine *m, char *why, size_t n)
{
	struct e820map bios = m->cfg.bios;
	u32 nr = bios.nr_map, i;

	sanitize_e820_map(bios.map, E820MAX, &nr);
	bios.nr_map = nr;
	/* append_e820_map refuses what sanitize could not fix */
	if (nr < 2) {
		snprintf(why, n, "the BIOS map has %u usable entr%s after sanitizing; Linux needs 2 or more (it would fall back to the BIOS-e801 size)",
			 nr, nr == 1 ? "y" : "ies");
		return -EINVAL;
	}
	for (i = 0; i < nr; i++) {
		if (bios.map[i].addr + bios.map[i].size - 1 < bios.map[i].addr) {
			snprintf(why, n, "entry %u wraps past 2^64; Linux would ignore the whole map", i);
			return -EINVAL;
		}
	}
	m->e820.nr_map = 0;
	for (i = 0; i < nr; i++)
		e820_add_region(&m->e820, bios.map[i].addr, bios.map[i].size,
				bios.map[i].type);
	printk(m, "BIOS-provided physical RAM map:");
	e820_print_map(m, &m->e820, "BIOS-e820");
	return 0;
}

struct machine *
machine_boot(const struct boot_config *bc, char *why, size_t n)
{
	struct machine *m = xcalloc(1, sizeof(*m));
	struct early_params ep = { 0 };
	u32 nr, i;

	m->cfg = *bc;
	m->page_offset = bc->page_offset;
	m->vmalloc_reserve = 128u << 20;
	m->nr_cpus = bc->nr_cpus;
	m->kimage = kimage_template;
	m->cpu_pse = bc->pse;
	m->cpu_pge = bc->pge;
	printk_init(&m->log);

	if (bc->nr_cpus < 1 || bc->nr_cpus > VMDB_MAX_CPUS ||
	    bc->nr_cpus > bc->nr_cpus_config) {
		snprintf(why, n, "%d CPUs: vmdb runs 1 to %d, and at most NR_CPUS (%d)",
			 bc->nr_cpus, VMDB_MAX_CPUS, bc->nr_cpus_config);
		goto fail;
	}
	/* Relocate the image for other splits: the kernel links at
	 * PAGE_OFFSET + PHYSICAL_START. */
	{
		u32 delta = 0xC0000000u - bc->page_offset;

		m->kimage.text_start -= delta;
		m->kimage.text_end -= delta;
		m->kimage.data_end -= delta;
		m->kimage.init_start -= delta;
		m->kimage.init_end -= delta;
		m->kimage.bss_start -= delta;
		m->kimage.bss_end -= delta;
	}

	if (setup_memory_map(m, why, n))
		goto fail;
	if (parse_cmdline(m, &ep, why, n))
		goto fail;
	if (ep.userdef) {
		nr = m->e820.nr_map;
		if (sanitize_e820_map(m->e820.map, E820MAX, &nr) < 0) {
			snprintf(why, n, "Invalid user supplied memory map (the kernel panics here)");
			goto fail;
		}
		m->e820.nr_map = nr;
		printk(m, "user-defined physical RAM map:");
		e820_print_map(m, &m->e820, "user");
	}
	/* dmi_check_system(bad_bios_dmi_table): AMI and Phoenix BIOSes are
	 * known to scribble on low RAM, so 2.6.32 reserves its first 64K. */
	if (bc->reserve_low_64k && (!strcasecmp(bc->bios_vendor, "AMI") ||
				    !strcasecmp(bc->bios_vendor, "Phoenix"))) {
		printk(m, "%s BIOS detected: BIOS may corrupt low RAM, working around it.",
		       !strcasecmp(bc->bios_vendor, "AMI") ? "AMI" : "Phoenix");
		printk(m, "e820 update range: %016llx - %016llx (usable) ==> (reserved)",
		       0ull, 0x10000ull);
		e820_update_range(&m->e820, 0, 0x10000, E820_RAM, E820_RESERVED);
		nr = m->e820.nr_map;
		sanitize_e820_map(m->e820.map, E820MAX, &nr);
		m->e820.nr_map = nr;
	}

	m->max_pfn = e820_end_of_ram_pfn(m);
	if (m->max_pfn == 0) {
		snprintf(why, n, "the memory map has no usable RAM");
		goto fail;
	}
	fixmap_layout(m);
	if ((u64)m->vmalloc_reserve + (32u << 20) >
	    (u64)(m->vmalloc_end - m->page_offset)) {
		snprintf(why, n, "vmalloc=: a reserve of %u MiB (+8 MiB gap) leaves under 32 MiB of lowmem",
			 (m->vmalloc_reserve >> 20) - 8);
		goto fail;
	}
	find_low_pfn_range(m, &ep);
	if (PFN_PHYS(m->max_low_pfn) < __pa(m, m->kimage.bss_end) + BRK_RESERVE +
	    (8u << 20)) {
		snprintf(why, n, "%u MiB of lowmem cannot hold the kernel (loaded at 16 MiB) and its boot allocations; give at least 32 MiB",
			 m->max_low_pfn >> 8);
		goto fail;
	}

	if (!range_is_ram(m, __pa(m, m->kimage.text_start),
			  __pa(m, m->kimage.bss_end) + BRK_RESERVE)) {
		snprintf(why, n, "the kernel image (0x%08x-0x%08x, loaded at 16 MiB) is not in usable RAM of the map",
			 __pa(m, m->kimage.text_start),
			 __pa(m, m->kimage.bss_end) + BRK_RESERVE);
		goto fail;
	}
	m->ram_bytes = (size_t)m->max_pfn << PAGE_SHIFT;
	m->ram = mmap(NULL, m->ram_bytes, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m->ram == MAP_FAILED) {
		m->ram = NULL;
		fatal("cannot map %zu bytes of simulated RAM", m->ram_bytes);
	}
	/* One more mask than frames: phys_to_host(ram_bytes) is an end. */
	m->ram_zero = xmap_zeroed(((size_t)m->max_pfn + 1) * sizeof(u64));

	if (arch_mem_setup(m, why, n))
		goto fail;
	if (m->boot_failed) {
		snprintf(why, n, "%s", m->why);
		goto fail;
	}
	(void)i;
	return m;
fail:
	machine_free(m);
	return NULL;
}
