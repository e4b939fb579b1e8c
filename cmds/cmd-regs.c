/* cmds/cmd-regs.c: `regs [CPU]`: a CPU's control registers decoded and its
 * cpu_tlbstate (current task, active_mm, lazy or not, mask membership). */
#include "config.h"

#include "vmdb/sched.h"

#include "tlb-report.h"

static void
bits_str(struct strbuf *sb, u32 v, const char *const *names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (names[i] && (v & (1u << i)))
			sb_printf(sb, " %s", names[i]);
	if (v == 0)
		sb_puts(sb, " (none)");
}

static void
show_regs(struct cmd_ctx *c, int cpu)
{
	static const char *const cr0[32] = {
		[0] = "PE", [1] = "MP", [2] = "EM", [3] = "TS", [4] = "ET",
		[5] = "NE", [16] = "WP", [18] = "AM", [29] = "NW", [30] = "CD",
		[31] = "PG",
	};
	static const char *const cr4[8] = {
		[0] = "VME", [1] = "PVI", [2] = "TSD", [3] = "DE", [4] = "PSE",
		[5] = "PAE", [6] = "MCE", [7] = "PGE",
	};
	struct machine *m = c->m;
	struct cpu *p = &m->cpus[cpu];
	struct strbuf sb;

	sb_init(&sb);
	sb_printf(&sb, "cpu%d%s: current ", cpu,
		  cpu == m->this_cpu ? " (commands run here)" : "");
	task_str(&sb, p->current);
	if (p->current && !p->current->mm)
		sb_puts(&sb, ", a kernel thread");
	sb_puts(&sb, "\n  active_mm ");
	mm_str(c, &sb, p->active_mm);
	if (!tlb_smp(m))
		sb_puts(&sb, "; uniprocessor kernel: no lazy TLB mode");
	else
		sb_printf(&sb, ", %s", p->tlbstate == TLBSTATE_OK ?
			  "TLBSTATE_OK" : "TLBSTATE_LAZY (a kernel thread runs on it)");
	if (p->active_mm)
		sb_printf(&sb, ", %s its cpu_vm_mask 0x%x%s",
			  p->active_mm->cpu_vm_mask & (1u << cpu) ? "in" : "out of",
			  p->active_mm->cpu_vm_mask,
			  p->active_mm->cpu_vm_mask & (1u << cpu) ? "" :
			  " (leave_mm)");
	sb_printf(&sb, "\n  CR0 0x%08x ", p->cr0);
	bits_str(&sb, p->cr0, cr0, 32);
	sb_printf(&sb, "\n  CR2 0x%08x  the last page-fault address\n", p->cr2);
	sb_printf(&sb, "  CR3 0x%08x  %s\n", p->cr3,
		  p->cr3 == m->swapper_pg_dir ? "swapper_pg_dir" :
		  p->active_mm && p->cr3 == p->active_mm->pgd ?
		  "the active_mm's pgd" : "a page directory");
	sb_printf(&sb, "  CR4 0x%08x ", p->cr4);
	bits_str(&sb, p->cr4, cr4, 8);
	sb_printf(&sb, "\n  flush IPIs received: %lu\n", p->ipis);
	out_puts(c->out, sb.buf);
	sb_free(&sb);
}

static int
regs_exec(struct cmd_ctx *c, int argc, char **argv)
{
	int cpu = c->m->this_cpu;

	if (argc && arg_cpu(c, argv[0], &cpu))
		return -1;
	show_regs(c, cpu);
	return 0;
}

const struct cmd_entry cmd_regs_entry = {
	.name = "regs",
	.usage = "[CPU]",
	.summary = "show a CPU's control registers and TLB state",
	.help =
"regs shows the current CPU's (or CPU N's) registers the MMU uses,\n"
"decoded: CR0 (0x8005003b after a 2.6.32 boot: PE protected mode, MP,\n"
"TS (lazy FPU), ET, NE, WP: the kernel honours read-only pages, which is\n"
"how copy_to_user breaks COW, AM, PG paging), CR2 (the address of the\n"
"last page fault), CR3 (the page directory: swapper_pg_dir or the\n"
"active mm's pgd) and CR4 (PSE: 4 MiB pages, PGE: global pages).\n"
"\n"
"It also shows Linux's per-CPU TLB state: the current task (swapper, the\n"
"idle task, until a process runs there), active_mm (the mm whose page\n"
"tables are loaded; a kernel thread borrows the previous one), the\n"
"tlbstate (TLBSTATE_OK, or TLBSTATE_LAZY while a kernel thread runs: the\n"
"first flush of that mm makes the CPU leave_mm) and whether the CPU is in\n"
"the active mm's cpu_vm_mask, the CPUs that flushes of that mm reach.\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = regs_exec,
};
