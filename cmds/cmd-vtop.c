/* cmds/cmd-vtop.c: `vtop ADDR`: one translation through swapper_pg_dir,
 * level by level, in the spirit of crash's vtop: the PDE and PTE with
 * their physical addresses and values, the flags decoded, the physical
 * address and the struct page behind it. */
#include "config.h"

#include "vmdb/fs.h"
#include "vmdb/mmap.h"
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

	const char *pid = args_get(c, "pid");
	struct task_struct *t = NULL;
	struct vm_area_struct *vma = NULL;
	u32 pgd = m->swapper_pg_dir;

	(void)argc;
	if (arg_address(c, "ADDR", argv[0], 0xffffffffull, &addr))
		return -1;
	if (pid || (addr < m->page_offset && current_task(m))) {
		t = arg_task(c, pid, true);
		if (!t)
			return -1;
		pgd = t->mm->pgd;
		/* The list, not find_vma: a report leaves mmap_cache alone
		 * (a replay of the journal would not redo it). */
		for (vma = t->mm->mmap; vma && vma->vm_end <= (u32)addr;
		     vma = vma->vm_next)
			;
		if (vma && vma->vm_start > (u32)addr)
			vma = NULL;
	}
	err = pt_walk(m, pgd, (u32)addr, &w);
	out_printf(c->out, "VIRTUAL   PHYSICAL\n");
	if (err)
		out_printf(c->out, "%08x  (not mapped)\n", w.vaddr);
	else
		out_printf(c->out, "%08x  %08x\n", w.vaddr, w.phys);
	if (t)
		out_printf(c->out, "\nPAGE DIRECTORY: %08x (pid %d %s, physical %08x)\n",
			   __va(m, w.pgd_pa), t->pid, t->comm, w.pgd_pa);
	else
		out_printf(c->out, "\nPAGE DIRECTORY: %08x (swapper_pg_dir, physical %08x)\n",
			   __va(m, w.pgd_pa), w.pgd_pa);
	if (t) {
		struct strbuf vs;

		sb_init(&vs);
		if (vma) {
			vm_flags_format(&vs, vma->vm_flags);
			out_printf(c->out, "VMA: %08x-%08x %s%s%s\n", vma->vm_start,
				   vma->vm_end, vs.buf, vma->vm_file ? " " : "",
				   vma->vm_file ? vma->vm_file->name : "");
		} else if ((u32)addr < m->page_offset) {
			out_printf(c->out, "VMA: none (an access would be SIGSEGV)\n");
		}
		sb_free(&vs);
	}
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
			struct strbuf ds;

			sb_init(&ds);
			pte_decode_format(&ds, w.pte);
			out_printf(c->out, "  PTE %u of the table is not present: %s\n",
				   pte_index(w.vaddr), ds.buf);
			sb_free(&ds);
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
	out_printf(c->out, "\n  PAGE      PFN       ZONE     COUNT  MAPCOUNT MAPPING   INDEX     FLAGS\n");
	out_printf(c->out, "  %08x  %08x  %-8s %5d %8d  %08x  %08x  %08x%s\n",
		   __va(m, m->mem_map_phys) + pfn * (u32)sizeof(struct page),
		   pfn, zone_names[page_zonenum(&m->mem_map[pfn])],
		   m->mem_map[pfn]._count, m->mem_map[pfn]._mapcount + 1,
		   m->mem_map[pfn].mapping, m->mem_map[pfn].index,
		   m->mem_map[pfn].flags,
		   pfn == m->empty_zero_page >> PAGE_SHIFT ? "  (empty_zero_page)" :
		   PageAnon(&m->mem_map[pfn]) ? "  (anon)" : "");
	return 0;
}

const struct cmd_entry cmd_vtop_entry = {
	.name = "vtop",
	.usage = "ADDR [--pid N]",
	.summary = "translate a virtual address, level by level",
	.help =
"vtop ADDR walks swapper_pg_dir in simulated RAM for the kernel virtual\n"
"address ADDR (a number or a kernel symbol, as for x), as the MMU does\n"
"and as crash's vtop prints it: the page directory, the PDE's physical\n"
"address and value with its flags decoded, then either the 4 MiB page it\n"
"maps (PSE) or the PTE's address and value, the physical address, and\n"
"the struct page behind it (its kernel address in mem_map, pfn, zone,\n"
"count and flags; `page PFN` decodes it). A walk that stops on a\n"
"not-present entry says where. Nothing is changed: no Accessed bit is\n"
"set. Examples: vtop PAGE_OFFSET, vtop 0xc5800000, vtop FIXADDR_TOP-0x4000.\n"
"\n"
"A user address (below PAGE_OFFSET) is translated through the current\n"
"task's page directory, or that of --pid N (which may also be given for\n"
"a kernel address: kernel PDEs are copied into every pgd, and a pgd made\n"
"before a vmalloc area may lack its PDE until vmalloc_fault copies it).\n"
"vtop then also names the VMA holding the address (or none: SIGSEGV),\n"
"decodes a not-present entry (none, PROT_NONE, a swap or file entry),\n"
"and shows the page's _mapcount + 1 (the PTEs mapping it), mapping (an\n"
"anon_vma | 1 for anonymous pages) and index. The zero page is marked.\n"
"Example: vtop 0x0804a000 --pid 2\n",
	.opts = "pid=",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = vtop_exec,
};
