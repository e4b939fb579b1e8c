/* cmds/cmd-slabinfo.c: `slabinfo`: /proc/slabinfo as Linux 2.6.32 prints it. */
#include "config.h"

#include "vmdb/slab.h"

#include "cmd.h"

static int
slabinfo_exec(struct cmd_ctx *c, int argc, char **argv)
{
	show_slabinfo(c->m, c->out);
	(void)argc;
	(void)argv;
	return 0;
}

const struct cmd_entry cmd_slabinfo_entry = {
	.name = "slabinfo",
	.usage = "",
	.summary = "print /proc/slabinfo",
	.help =
"slabinfo prints /proc/slabinfo, version 2.1, as 2.6.32's SLAB allocator\n"
"writes it: one line per cache, the newest first (kmem_cache_create adds a\n"
"cache at the head of cache_chain), so the list ends with the bootstrap's\n"
"size-64(DMA), size-32(DMA), size-64, size-32 and kmem_cache.\n"
"\n"
"The columns: active_objs (objects in use, those sitting in per-CPU\n"
"arrays included), num_objs (slabs x objects per slab), objsize (the\n"
"object size after alignment), objperslab, pagesperslab; the tunables\n"
"limit, batchcount and sharedfactor of the per-CPU arrays; active_slabs\n"
"(full and partial), num_slabs and sharedavail (objects in the shared\n"
"array, SMP only).\n"
"\n"
"`slab NAME` shows one cache in detail.\n",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NO_PARANOID,
	.exec = slabinfo_exec,
};
