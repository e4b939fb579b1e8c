/* cmds/cmd-fixmap.c: `fixmap [--all]`: the fixmap's slots by their
 * kernel names, with the PTEs read from RAM and what they map. */
#include "config.h"

#include "vmdb/highmem.h"

#include "cmd.h"

#define NAME_W	25	/* "KM_SKB_DATA_SOFTIRQ cpu63" */

/* What a fixmap PTE points at. */
static void
maps_str(struct strbuf *sb, struct machine *m, u32 pte)
{
	u32 pfn = pte >> PAGE_SHIFT;

	if (pte == 0)
		sb_puts(sb, "-");
	else if (!(pte & _PAGE_PRESENT))
		sb_puts(sb, "not present");
	else if (pfn_valid(m, pfn) && (u64)PFN_PHYS(pfn) < m->ram_bytes)
		sb_printf(sb, "pfn 0x%08x (%s)", pfn,
			  zone_names[page_zonenum(&m->mem_map[pfn])]);
	else
		sb_printf(sb, "0x%08x, not RAM (I/O memory)",
			  pte & PTE_PFN_MASK);
}

static int
fixmap_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	bool all = args_has(c, "all");
	u32 kmap_end = m->fix_kmap_begin + KM_TYPE_NR *
		       (u32)m->cfg.nr_cpus_config;
	u32 idx, used = 0;
	struct strbuf sb;

	sb_init(&sb);
	sb_printf(&sb, "fixmap: FIXADDR_START 0x%08x - FIXADDR_TOP 0x%08x: %u permanent slots (%u kB), boot-time slots down to 0x%08x (%u in all)\n",
		  m->fixaddr_start, m->fixaddr_top, m->fix_perm,
		  m->fix_perm * (PAGE_SIZE >> 10), m->fixaddr_boot_start,
		  m->fix_end);
	sb_printf(&sb, "kmap_atomic: FIX_KMAP_BEGIN %u - FIX_KMAP_END %u at 0x%08x - 0x%08x: %d types x NR_CPUS %d\n",
		  m->fix_kmap_begin, kmap_end - 1,
		  __fix_to_virt(m, kmap_end - 1),
		  __fix_to_virt(m, m->fix_kmap_begin) + PAGE_SIZE, KM_TYPE_NR,
		  m->cfg.nr_cpus_config);
	sb_printf(&sb, "%4s  %-*s  %-10s  %-10s  %s\n", "idx", NAME_W, "slot",
		  "virtual", "PTE", "maps");
	for (idx = 0; idx < m->fix_end; idx++) {
		u32 va = __fix_to_virt(m, idx), pte_pa = kernel_pte_pa(m, va);
		u32 pte = pte_pa ? phys_read32(m, pte_pa) : 0;
		size_t start;

		used += pte != 0;
		if (!pte && !all)
			continue;
		sb_printf(&sb, "%4u  ", idx);
		start = sb.len;
		fixmap_slot_name(m, idx, &sb);
		sb_printf(&sb, "%*s  0x%08x  0x%08x  ",
			  (int)(NAME_W - MIN((size_t)NAME_W, sb.len - start)), "", va,
			  pte);
		maps_str(&sb, m, pte);
		sb_puts(&sb, "\n");
	}
	sb_printf(&sb, "%u of %u slots in use\n", used, m->fix_end);
	out_puts(c->out, sb.buf);
	sb_free(&sb);
	(void)argc;
	(void)argv;
	return 0;
}

const struct cmd_entry cmd_fixmap_entry = {
	.name = "fixmap",
	.usage = "[--all]",
	.summary = "show the fixmap slots in use",
	.help =
"fixmap lists the slots of the fixmap, the compile-time kernel addresses\n"
"counted down from FIXADDR_TOP (0xfffff000): slot idx is at FIXADDR_TOP\n"
"minus idx pages. Each line gives the index, the kernel's name for it\n"
"(FIX_HOLE, FIX_VDSO, FIX_DBGP_BASE, FIX_EARLYCON_MEM_BASE,\n"
"FIX_APIC_BASE, FIX_IO_APIC_BASE_0 ... FIX_IO_APIC_BASE_END, the\n"
"kmap_atomic slots FIX_KMAP_BEGIN+n with their type and CPU,\n"
"FIX_PCIE_MCFG, FIX_PARAVIRT_BOOTMAP, FIX_TEXT_POKE1, FIX_TEXT_POKE0,\n"
"then the boot-time slots FIX_BTMAP_END ... FIX_BTMAP_BEGIN of\n"
"early_ioremap and FIX_WP_TEST), its virtual address, the PTE read from\n"
"RAM and what it maps: a page frame and its zone, or I/O memory. Two\n"
"lines first summarise the layout: FIXADDR_START, FIXADDR_TOP and the\n"
"range of the kmap_atomic slots (19 types for each of NR_CPUS).\n"
"\n"
"By default only the slots whose PTE is set are listed: after boot the\n"
"uncached local APIC and first IO-APIC. kmap_atomic adds more.\n"
"\n"
"  --all   every slot, FIX_HOLE to FIX_WP_TEST\n",
	.opts = "all",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NO_PARANOID,
	.exec = fixmap_exec,
};
