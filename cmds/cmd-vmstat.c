/* cmds/cmd-vmstat.c: `vmstat`: /proc/vmstat as Linux 2.6.32 prints it. */
#include "config.h"

#include "cmd.h"

static int
vmstat_exec(struct cmd_ctx *c, int argc, char **argv)
{
	show_vmstat(c->m, c->out);
	(void)argc;
	(void)argv;
	return 0;
}

const struct cmd_entry cmd_vmstat_entry = {
	.name = "vmstat",
	.usage = "",
	.summary = "print /proc/vmstat: zone counters and event counts",
	.help =
"vmstat prints /proc/vmstat: the zone counters summed over zones, then the\n"
"VM event counters (pgalloc_* counts pages allocated per zone, pgfree\n"
"pages freed, pgfault page faults, ...). Boot already counts: every page\n"
"handed from bootmem to the buddy allocator is a pgfree. pgpgin and\n"
"pgpgout are KiB read from and written to the disk (counted in 512-byte\n"
"sectors, halved when shown, as the kernel does); pgactivate counts pages\n"
"moved to an active LRU list. Counters for subsystems not modelled yet\n"
"stay at 0.\n",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NO_PARANOID,
	.exec = vmstat_exec,
};
