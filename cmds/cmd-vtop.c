/* cmds/cmd-vtop.c: `vtop ADDR`: one translation through swapper_pg_dir,
 * level by level, in the spirit of crash's vtop: the PDE and PTE with
 * their physical addresses and values, the flags decoded, the physical
 * address and the struct page behind it. */
#include "config.h"

#include "vmdb/pgtable.h"

#include "cmd.h"

static void
entry_line(struct cmd_ctx *c, const char *name, u32 pa, u32 val, bool pde)
{
	struct strbuf sb;

	sb_init(&sb);
	pte_flags_format(&sb, val, pde);
	out_printf(c->out, "  %s: %08x => %08x  (%s)\n", name, pa, val, sb.buf);
	sb_free(&sb);
}

static int
vtop_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	struct pt_walk w;
	u64 addr;
	u32 pfn;
	int err;

	(void)argc;
	if (arg_address(c, "ADDR", argv[0], 0xffffffffull, &addr))
		return -1;
	err = pt_walk(m, m->swapper_pg_dir, (u32)addr, &w);
	out_printf(c->out, "VIRTUAL   PHYSICAL\n");
	if (err)
		out_printf(c->out, "%08x  (not mapped)\n", w.vaddr);
	else
		out_printf(c->out, "%08x  %08x\n", w.vaddr, w.phys);
	out_printf(c->out, "\nPAGE DIRECTORY: %08x (swapper_pg_dir, physical %08x)\n",
		   __va(m, w.pgd_pa), w.pgd_pa);
	entry_line(c, "PGD", w.pde_pa, w.pde, true);
	if (!(w.pde & _PAGE_PRESENT)) {
		out_printf(c->out, "  no page table: PDE %u is not present\n",
			   pgd_index(w.vaddr));
		return 0;
	}
	if (w.large) {
		out_printf(c->out, "  4 MiB page at %08x, offset %06x\n",
			   w.pde & PDE_LARGE_MASK, w.vaddr & ~PDE_LARGE_MASK);
	} else if (w.pte_pa) {
		entry_line(c, "PTE", w.pte_pa, w.pte, false);
		if (!(w.pte & _PAGE_PRESENT)) {
			out_printf(c->out, "  PTE %u of the table is not present\n",
				   pte_index(w.vaddr));
			return 0;
		}
	} else {
		out_printf(c->out, "  the PDE points outside RAM\n");
		return 0;
	}
	pfn = w.phys >> PAGE_SHIFT;
	if (!pfn_valid(m, pfn)) {
		out_printf(c->out, "  physical %08x is not RAM: no struct page\n",
			   w.phys);
		return 0;
	}
	out_printf(c->out, "\n  PAGE      PFN       ZONE     COUNT  FLAGS\n");
	out_printf(c->out, "  %08x  %08x  %-8s %5d  %08x\n",
		   __va(m, m->mem_map_phys) + pfn * (u32)sizeof(struct page),
		   pfn, zone_names[page_zonenum(&m->mem_map[pfn])],
		   m->mem_map[pfn]._count, m->mem_map[pfn].flags);
	return 0;
}

const struct cmd_entry cmd_vtop_entry = {
	.name = "vtop",
	.usage = "ADDR",
	.summary = "translate a kernel virtual address, level by level",
	.help =
"vtop ADDR walks swapper_pg_dir in simulated RAM for the kernel virtual\n"
"address ADDR (a number or a kernel symbol, as for x), as the MMU does\n"
"and as crash's vtop prints it: the page directory, the PDE's physical\n"
"address and value with its flags decoded, then either the 4 MiB page it\n"
"maps (PSE) or the PTE's address and value, the physical address, and\n"
"the struct page behind it (its kernel address in mem_map, pfn, zone,\n"
"count and flags; `page PFN` decodes it). A walk that stops on a\n"
"not-present entry says where. Nothing is changed: no Accessed bit is\n"
"set. Examples: vtop PAGE_OFFSET, vtop 0xc5800000, vtop FIXADDR_TOP-0x4000.\n",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = vtop_exec,
};
