/* cmds/cmd-buddyinfo.c: `buddyinfo`: /proc/buddyinfo as Linux 2.6.32 prints it. */
#include "config.h"

#include "cmd.h"

static int
buddyinfo_exec(struct cmd_ctx *c, int argc, char **argv)
{
	show_buddyinfo(c->m, c->out);
	(void)argc;
	(void)argv;
	return 0;
}

const struct cmd_entry cmd_buddyinfo_entry = {
	.name = "buddyinfo",
	.usage = "",
	.summary = "print /proc/buddyinfo: free blocks per order",
	.help =
"buddyinfo prints /proc/buddyinfo: for each populated zone, the number of\n"
"free blocks of each order, 0 (4 KiB) to 10 (4 MiB). It counts blocks,\n"
"not pages: a 7 under order 3 is 7 free runs of 8 pages. Pages sitting on\n"
"the per-CPU lists are not in it (see zoneinfo). Watch it change with\n"
"alloc_pages (a split takes from a higher column and adds one to each\n"
"lower one) and free_pages (merges move counts up).\n",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NO_PARANOID,
	.exec = buddyinfo_exec,
};
