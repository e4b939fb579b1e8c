/* cmds/cmd-tlb.c: `tlb [CPU | all]`: a CPU's TLB, entry by entry. */
#include "config.h"

#include <string.h>

#include "tlb-report.h"

static int
tlb_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	int cpu = m->this_cpu;

	if (argc && !strcmp(argv[0], "all")) {
		for (cpu = 0; cpu < m->nr_cpus; cpu++) {
			if (cpu)
				out_puts(c->out, "\n");
			show_tlb(m, cpu, c->out);
		}
		return 0;
	}
	if (argc && arg_cpu(c, argv[0], &cpu))
		return -1;
	show_tlb(m, cpu, c->out);
	return 0;
}

const struct cmd_entry cmd_tlb_entry = {
	.name = "tlb",
	.usage = "[CPU | all]",
	.summary = "list the valid entries of a CPU's TLB",
	.help =
"tlb lists the TLB of the current CPU (see cpu), of CPU N, or of every\n"
"CPU (all). Each CPU has a data TLB of two parts, as a Pentium Pro/II/III:\n"
"a set-associative part for 4 KiB pages (64 entries in 16 sets of 4 ways\n"
"by default; the set is the linear page number modulo the number of\n"
"sets) and a fully associative part for 4 MiB pages (8 entries), used by\n"
"the kernel's PSE mapping of lowmem. boot --config TLB_ENTRIES=N,\n"
"TLB_WAYS=N and TLB_LARGE=N change the geometry.\n"
"\n"
"The header gives CR3, whether CR4.PGE is on (global entries then\n"
"survive CR3 loads) and the hit, miss, fill and flush counters. Each\n"
"valid entry shows its set and way (4M for the 4 MiB part), the\n"
"virtual page, the frame, the cached bits (rw or ro and user or kern:\n"
"the effective permission, PDE AND PTE; A, D and G as cached) and its\n"
"AGE: how many TLB uses ago it was last used. Replacement is LRU per set:\n"
"a fill takes a free way, else the oldest. An entry that no longer\n"
"agrees with the page tables (after a raw pte write, say) is marked\n"
"stale, with the difference: the CPU still uses it until a flush.\n"
"Not-present translations are never cached.\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = tlb_exec,
};
