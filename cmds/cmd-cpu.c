/* cmds/cmd-cpu.c: `cpu [N]`: the CPU that commands act on (touch, invlpg,
 * flush-tlb, kmap_atomic's default, ...): smp_processor_id() of the
 * simulated kernel code a command runs. */
#include "config.h"

#include "tlb-report.h"

static int
cpu_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	int cpu, was = m->this_cpu;

	if (argc == 0) {
		out_printf(c->out, "cpu%d (the machine has %d CPU%s)\n",
			   m->this_cpu, m->nr_cpus, m->nr_cpus == 1 ? "" : "s");
		return 0;
	}
	if (arg_cpu(c, argv[0], &cpu))
		return -1;
	m->this_cpu = cpu;
	if (cpu == was)
		out_printf(c->out, "cpu%d (unchanged)\n", cpu);
	else
		out_printf(c->out, "cpu%d (was cpu%d)\n", cpu, was);
	return 0;
}

/* `cpu` alone only shows. */
static bool
cpu_modifies(const struct cmd_ctx *c, int argc, char **argv)
{
	(void)c;
	(void)argv;
	return argc == 1;
}

const struct cmd_entry cmd_cpu_entry = {
	.name = "cpu",
	.usage = "[N]",
	.summary = "show or set the CPU that commands act on",
	.help =
"cpu shows the CPU that commands run on; cpu N makes CPU N that CPU.\n"
"A command's simulated kernel code runs there (smp_processor_id()): its\n"
"memory accesses go through that CPU's TLB and CR3, its flushes start\n"
"there (flush_tlb_page is a local invlpg plus IPIs to the other CPUs of\n"
"the mm), invlpg and tlb act on it, and its current task is the one\n"
"whose address space user addresses mean.\n"
"\n"
"N must be a present CPU: boot --cpus N gives a machine N CPUs (1 to 8).\n"
"Each CPU has its own registers (regs N) and TLB (tlb N).\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_MODIFIES,
	.exec = cpu_exec,
	.modifies = cpu_modifies,
};
