/* cmds/cmd-pgd.c: `pgd [PID]`: a process's present page-directory
 * entries. */
#include "config.h"

#include "vmdb/mmap.h"
#include "vmdb/pgtable.h"
#include "vmdb/util.h"

#include "cmd.h"

static int
pgd_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	struct task_struct *t = arg_task(c, argc ? argv[0] : NULL, true);
	u32 i, kfirst = m->page_offset >> PGDIR_SHIFT, nk = 0;

	if (!t)
		return -1;
	out_printf(c->out, "pid %d (%s): pgd at physical %08x (%08x), "
		   "%lu user page tables\n", t->pid, t->comm, t->mm->pgd,
		   __va(m, t->mm->pgd), t->mm->nr_ptes);
	out_printf(c->out, "  PDE  VIRTUAL            ENTRY     FLAGS                 PTES\n");
	for (i = 0; i < 1024; i++) {
		u32 pde = phys_read32(m, t->mm->pgd + i * 4), n = 0, j;
		struct strbuf sb;

		if (!(pde & _PAGE_PRESENT))
			continue;
		if (i >= kfirst) {
			nk++;
			continue;
		}
		for (j = 0; j < 1024; j++)
			if (phys_read32(m, (pde & PAGE_MASK) + j * 4))
				n++;
		sb_init(&sb);
		pte_flags_format(&sb, pde, true);
		out_printf(c->out, "  %3u  %08x-%08x  %08x  %-20s %4u\n", i,
			   i << PGDIR_SHIFT, ((i + 1) << PGDIR_SHIFT) - 1, pde,
			   sb.buf, n);
		sb_free(&sb);
	}
	out_printf(c->out, "  and %u kernel PDEs (%u..1023) copied from swapper_pg_dir\n",
		   nk, kfirst);
	return 0;
}

const struct cmd_entry cmd_pgd_entry = {
	.name = "pgd",
	.usage = "[PID]",
	.summary = "list a process's present page-directory entries",
	.help =
"pgd lists the present user entries of the page directory of PID\n"
"(default: the current task): the PDE index, the 4 MiB of address space\n"
"it covers, its value and flags (user page tables are _PAGE_TABLE,\n"
"0x067) and how many of the table's 1024 PTEs are in use (not none).\n"
"The kernel part, copied from swapper_pg_dir by pgd_alloc, is counted\n"
"but not listed (see ptdump --pid). VmPTE in `status` is the user tables\n"
"times 4 kB.\n"
"\n"
"Example:\n"
"  pgd 1\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = pgd_exec,
};
