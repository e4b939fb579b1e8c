/* cmds/cmd-ptdump.c: `ptdump`: the kernel page table as the kernel's
 * debugfs file kernel_page_tables prints it (CONFIG_X86_PTDUMP). */
#include "config.h"

#include "vmdb/pgtable.h"
#include "vmdb/sched.h"

#include "cmd.h"

static int
ptdump_exec(struct cmd_ctx *c, int argc, char **argv)
{
	const char *pid = args_get(c, "pid");
	u32 pgd = c->m->swapper_pg_dir;

	if (pid) {
		struct task_struct *t = arg_task(c, pid, true);

		if (!t)
			return -1;
		pgd = t->mm->pgd;
	}
	ptdump(c->m, pgd, c->out);
	(void)argc;
	(void)argv;
	return 0;
}

const struct cmd_entry cmd_ptdump_entry = {
	.name = "ptdump",
	.usage = "[--pid N]",
	.summary = "dump the kernel page table, or a process's (--pid)",
	.help =
"ptdump walks swapper_pg_dir in simulated RAM and prints it as 2.6.32's\n"
"/sys/kernel/debug/kernel_page_tables does: runs of entries with the same\n"
"flags at the same level become one line with the address range, its\n"
"size, the flags (USR user, RW writable or ro, PWT write-through, PCD\n"
"uncached, PSE a 4 MiB page in a pgd entry, pat, GLB global, x: no NX\n"
"bit without PAE) and the level: pgd for a directory entry (empty or a\n"
"4 MiB page), pte for a page-table entry. Accessed and Dirty bits are not\n"
"printed but still split runs, as in the kernel. Section markers name\n"
"the layout: User Space, Kernel Mapping, vmalloc() Area, vmalloc() End,\n"
"Persisent kmap() Area (2.6.32's spelling) and Fixmap Area.\n"
"\n"
"After boot the kernel mapping shows the first 4 MiB in 4 KiB pages, the\n"
"rest of lowmem in 4 MiB PSE pages (4 KiB pages only with\n"
"`boot --config PSE=n`), an empty pkmap page table and the fixmap's\n"
"uncached APIC slots. vmalloc, kmap and kmap_atomic add pte lines.\n"
"Addresses are 32-bit: the last range ends at 0x00000000.\n"
"\n"
"--pid N dumps that process's page directory instead: its user part\n"
"(text, data, heap, libraries, stack as USR pte runs, read-only where\n"
"COW or the zero page keeps them so) and the kernel part it shares with\n"
"swapper_pg_dir. Not-present PTEs that Linux still uses are named in the\n"
"flags column: PROT_NONE (split by A and D), swap entry and file pte\n"
"(one run each, whatever their offsets).\n",
	.opts = "pid=",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NO_PARANOID,
	.exec = ptdump_exec,
};
