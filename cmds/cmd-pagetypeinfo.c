/* cmds/cmd-pagetypeinfo.c: `pagetypeinfo`: /proc/pagetypeinfo as Linux 2.6.32 prints it. */
#include "config.h"

#include "cmd.h"

static int
pagetypeinfo_exec(struct cmd_ctx *c, int argc, char **argv)
{
	show_pagetypeinfo(c->m, c->out);
	(void)argc;
	(void)argv;
	return 0;
}

const struct cmd_entry cmd_pagetypeinfo_entry = {
	.name = "pagetypeinfo",
	.usage = "",
	.summary = "print /proc/pagetypeinfo: free blocks per migrate type",
	.help =
"pagetypeinfo prints /proc/pagetypeinfo: the free blocks of each order\n"
"split by migrate type (Unmovable, Reclaimable, Movable, Reserve,\n"
"Isolate), then how many 1024-page pageblocks of each zone carry each type.\n"
"Allocations take from their own type's lists and steal from others only\n"
"when those are empty, which is how 2.6.32 keeps fragmentation down.\n",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NO_PARANOID,
	.exec = pagetypeinfo_exec,
};
