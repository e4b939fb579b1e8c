/* cmds/cmd-invlpg.c: `invlpg ADDR`: the bare instruction on the current
 * CPU (__flush_tlb_single), no IPI, no Linux bookkeeping. */
#include "config.h"

#include "tlb-report.h"

static int
invlpg_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	const struct tlb_entry *e;
	struct strbuf sb;
	bool large;
	u64 addr;
	int cpu = m->this_cpu;

	(void)argc;
	if (arg_address(c, "ADDR", argv[0], 0xffffffffull, &addr))
		return -1;
	sb_init(&sb);
	sb_printf(&sb, "cpu%d: invlpg 0x%08x: ", cpu, (u32)addr);
	e = tlb_probe(m, cpu, (u32)addr, &large);
	if (e == NULL) {
		sb_puts(&sb, "nothing cached for it");
	} else {
		sb_printf(&sb, "dropped the %s entry 0x%08x -> 0x%08x (",
			  large ? "4 MiB" : "4 KiB", tlb_entry_vaddr(e, large),
			  e->frame);
		tlb_flags_format(&sb, e->flags);
		sb_puts(&sb, ")");
	}
	__flush_tlb_single(m, cpu, (u32)addr);
	out_printf(c->out, "%s\n", sb.buf);
	sb_free(&sb);
	return 0;
}

const struct cmd_entry cmd_invlpg_entry = {
	.name = "invlpg",
	.usage = "ADDR",
	.summary = "drop one page's TLB entry on the current CPU (the instruction)",
	.help =
"invlpg ADDR executes the i486+ instruction on the current CPU (see cpu):\n"
"the TLB entry that translates ADDR is dropped, global or not, 4 KiB or\n"
"4 MiB (for a 4 MiB entry any address inside the page will do). Other\n"
"CPUs are not told: that is what Linux's flush_tlb_page adds with its\n"
"IPIs (see flush-tlb page). The page tables are not read. ADDR is a\n"
"number or a kernel symbol, as for x.\n",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_MODIFIES,
	.exec = invlpg_exec,
};
