/* cmds/cmd-zoneinfo.c: `zoneinfo`: /proc/zoneinfo as Linux 2.6.32 prints it. */
#include "config.h"

#include "cmd.h"

static int
zoneinfo_exec(struct cmd_ctx *c, int argc, char **argv)
{
	show_zoneinfo(c->m, c->out);
	(void)argc;
	(void)argv;
	return 0;
}

const struct cmd_entry cmd_zoneinfo_entry = {
	.name = "zoneinfo",
	.usage = "",
	.summary = "print /proc/zoneinfo: watermarks, counters, per-CPU lists",
	.help =
"zoneinfo prints /proc/zoneinfo in the 2.6.32 format for every populated\n"
"zone: free pages against the min/low/high watermarks, spanned and present\n"
"pages, the zone counters, the lowmem_reserve \"protection\" array (pages a\n"
"zone keeps back from allocations that could have used a higher zone), and\n"
"each CPU's per-CPU page list (count, high, batch).\n"
"\n"
"Counters are always folded: vmdb has no per-CPU counter deltas, so the\n"
"figures are those the kernel shows right after vmstat_update runs.\n",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NO_PARANOID,
	.exec = zoneinfo_exec,
};
