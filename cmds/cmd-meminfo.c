/* cmds/cmd-meminfo.c: `meminfo`: /proc/meminfo as Linux 2.6.32 prints it. */
#include "config.h"

#include "cmd.h"

static int
meminfo_exec(struct cmd_ctx *c, int argc, char **argv)
{
	show_meminfo(c->m, c->out);
	(void)argc;
	(void)argv;
	return 0;
}

const struct cmd_entry cmd_meminfo_entry = {
	.name = "meminfo",
	.usage = "",
	.summary = "print /proc/meminfo",
	.help =
"meminfo prints /proc/meminfo as 2.6.32 i386 with HIGHMEM shows it:\n"
"MemTotal is totalram_pages (RAM minus what the kernel kept at boot),\n"
"MemFree the buddy allocator's free pages (pages on per-CPU lists are not\n"
"counted), HighTotal/LowTotal the split, VmallocTotal the size of the\n"
"vmalloc area, DirectMap4k/4M how lowmem is mapped.\n",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NO_PARANOID,
	.exec = meminfo_exec,
};
