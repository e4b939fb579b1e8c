/* cmds/cmd-pte.c: `pte ADDR [= VALUE] [--pid N]`: one page-table entry
 * decoded, or (the raw action) overwritten in RAM without a TLB flush, so
 * that a stale TLB entry can be watched in use. */
#include "config.h"

#include <string.h>

#include "vmdb/pgtable.h"
#include "vmdb/sched.h"

#include "tlb-report.h"

/* The page directory ADDR is looked up in, and its name. */
static int
pick_pgd(struct cmd_ctx *c, u32 addr, u32 *pgd, struct strbuf *name)
{
	struct machine *m = c->m;
	struct task_struct *t = NULL;
	struct mm_struct *mm;

	if (args_has(c, "pid")) {
		if ((t = arg_pid(c, args_get(c, "pid"))) == NULL)
			return -1;
		if (t->mm == NULL)
			return cmd_error(c, "pid %d (%s) is a kernel thread: it has no page tables of its own",
					 t->pid, t->comm);
		mm = t->mm;
	} else if (addr >= m->page_offset &&
		   (current_task(m) == NULL || current_task(m)->mm == NULL)) {
		*pgd = m->swapper_pg_dir;
		sb_printf(name, "swapper_pg_dir (0x%08x)", *pgd);
		return 0;
	} else if ((mm = current_user_mm(c)) == NULL) {
		return -1;
	}
	*pgd = mm->pgd;
	sb_printf(name, "the pgd of ");
	mm_str(c, name, mm);
	sb_printf(name, " (0x%08x)", *pgd);
	return 0;
}

/* "  cpu1 caches it: 0x... -> 0x... (rw kern A D G)[, stale: ...]" */
static void
cached_lines(struct cmd_ctx *c, u32 addr, struct strbuf *sb, bool one_line)
{
	struct machine *m = c->m;
	const struct tlb_entry *e;
	int cpu, n = 0;
	bool large;

	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		if ((e = tlb_probe(m, cpu, addr, &large)) == NULL)
			continue;
		sb_printf(sb, "%s cpu%d %scaches 0x%08x -> 0x%08x (",
			  one_line ? (n ? "," : ";") : "\n ", cpu,
			  one_line ? "still " : "", tlb_entry_vaddr(e, large),
			  e->frame);
		tlb_flags_format(sb, e->flags);
		sb_puts(sb, ")");
		if (tlb_entry_stale(m, cpu, e, large, NULL)) {
			sb_puts(sb, ", stale: ");
			tlb_entry_stale(m, cpu, e, large, sb);
		}
		n++;
	}
	if (one_line && n == 0)
		sb_printf(sb, "; no CPU caches 0x%08x", addr);
}

static int
pte_show(struct cmd_ctx *c, u32 addr, u32 pgd, struct strbuf *sb)
{
	struct pt_walk w;

	pt_walk(c->m, pgd, addr, &w);
	sb_printf(sb, "\n  PDE %u at 0x%08x = 0x%08x  ", pgd_index(addr),
		  w.pde_pa, w.pde);
	if (!(w.pde & _PAGE_PRESENT)) {
		sb_puts(sb, "not present: no page table");
	} else if (w.large) {
		sb_printf(sb, "a 4 MiB page: frame 0x%08x, ", w.pde & PDE_LARGE_MASK);
		pte_flags_format(sb, w.pde, true);
	} else if (!w.pte_pa) {
		sb_puts(sb, "points outside RAM");
	} else {
		pte_flags_format(sb, w.pde, true);
		sb_printf(sb, "\n  PTE %u at 0x%08x = 0x%08x  ", pte_index(addr),
			  w.pte_pa, w.pte);
		pte_decode_format(sb, w.pte);
	}
	cached_lines(c, addr, sb, false);
	out_printf(c->out, "%s\n", sb->buf);
	return 0;
}

static int
pte_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct strbuf sb, name;
	u32 pgd = 0, pa, old;
	u64 addr, val;
	int err = -1;

	if (argc == 2 || (argc == 3 && strcmp(argv[1], "=")))
		return cmd_error(c, "expected ADDR or ADDR = VALUE");
	if (arg_address(c, "ADDR", argv[0], 0xffffffffull, &addr) ||
	    (argc == 3 && arg_number(c, "VALUE", argv[2], 0, 0xffffffffu, &val)))
		return -1;
	sb_init(&sb);
	sb_init(&name);
	if (pick_pgd(c, (u32)addr, &pgd, &name))
		goto out;
	if (argc == 1) {
		sb_printf(&sb, "0x%08x in %s", (u32)addr, name.buf);
		err = pte_show(c, (u32)addr, pgd, &sb);
		goto out;
	}
	err = pte_write_raw(c->m, pgd, (u32)addr, (u32)val, &pa, &old);
	if (err) {
		err = cmd_error(c, "%s", c->m->why);
		goto out;
	}
	sb_printf(&sb, "raw write: PTE %u at 0x%08x: 0x%08x -> 0x%08x, no TLB flush",
		  pte_index((u32)addr), pa, old, (u32)val);
	cached_lines(c, (u32)addr, &sb, true);
	out_printf(c->out, "%s\n", sb.buf);
out:
	sb_free(&name);
	sb_free(&sb);
	return err;
}

/* `pte ADDR` only decodes; `pte ADDR = VALUE` writes. */
static bool
pte_modifies(const struct cmd_ctx *c, int argc, char **argv)
{
	(void)c;
	(void)argv;
	return argc == 3;
}

const struct cmd_entry cmd_pte_entry = {
	.name = "pte",
	.usage = "ADDR [= VALUE] [--pid N]",
	.summary = "decode a page-table entry, or overwrite it raw (no TLB flush)",
	.help =
"pte ADDR walks the page directory for ADDR and decodes the PDE and the\n"
"PTE it reaches: a present PTE's frame and flags, or what a not-present\n"
"one holds for Linux: nothing (pte_none), a swap entry (type and offset),\n"
"a nonlinear file pte (its pgoff) or a PROT_NONE page (present to Linux,\n"
"not to the MMU). 2.6.32's order: pte_present tests Present and PROTNONE\n"
"(bit 8), so a PROT_NONE PTE's bit 6 is still Dirty; only without both\n"
"is bit 6 _PAGE_FILE, and any other value is a swap entry. The CPUs\n"
"whose TLB caches a translation of ADDR are listed, marked stale when it\n"
"disagrees with the tables. The page directory is the current task's\n"
"(see cpu), or that of --pid N; a kernel address with no process\n"
"running uses swapper_pg_dir.\n"
"\n"
"pte ADDR = VALUE is a RAW action, for learning what a missing flush\n"
"does: it writes VALUE into that PTE in simulated RAM and flushes\n"
"nothing. A CPU that caches the old translation keeps using it (a write\n"
"through a stale writable entry lands in the old frame) until something\n"
"flushes it (invlpg, flush-tlb); a walk, on a miss, reads the new value.\n"
"Linux never does this: its set_pte is always followed by the flush the\n"
"change needs. While stale entries may exist, check does not call them\n"
"errors; flush-tlb all ends that. Only PTEs can be written: not a PDE,\n"
"not inside a 4 MiB page.\n"
"\n"
"Example:\n"
"  pte PAGE_OFFSET+0x5000 = 0x6163\n",
	.opts = "pid=",
	.args_min = 1,
	.args_max = 3,
	.flags = CMD_MODIFIES,
	.exec = pte_exec,
	.modifies = pte_modifies,
};
