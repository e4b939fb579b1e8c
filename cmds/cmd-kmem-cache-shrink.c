/* cmds/cmd-kmem-cache-shrink.c: `kmem_cache_shrink NAME`. */
#include "config.h"

#include "vmdb/slab.h"

#include "cmd.h"

static int
kmem_cache_shrink_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct kmem_cache *kc = arg_cache(c, argv[0]);
	struct kmem_cache_info before, after;
	u32 slabs0, slabs1;
	int left;

	if (kc == NULL)
		return -1;
	kmem_cache_get_info(c->m, kc, &before);
	left = kmem_cache_shrink(c->m, kc);
	kmem_cache_get_info(c->m, kc, &after);
	slabs0 = before.full_slabs + before.partial_slabs + before.free_slabs;
	slabs1 = after.full_slabs + after.partial_slabs + after.free_slabs;
	out_printf(c->out, "%s: %u object%s drained from the arrays back to their slabs, %u slab%s (%u page%s) destroyed\n",
		   argv[0], before.active_objs - after.active_objs,
		   before.active_objs - after.active_objs == 1 ? "" : "s",
		   slabs0 - slabs1, slabs0 - slabs1 == 1 ? "" : "s",
		   (slabs0 - slabs1) << before.gfporder,
		   ((slabs0 - slabs1) << before.gfporder) == 1 ? "" : "s");
	out_printf(c->out, "  %u slab%s with objects in use remain%s\n", slabs1,
		   slabs1 == 1 ? "" : "s", left ? "" : " (kmem_cache_shrink returns 0)");
	(void)argc;
	return 0;
}

const struct cmd_entry cmd_kmem_cache_shrink_entry = {
	.name = "kmem_cache_shrink",
	.usage = "NAME",
	.summary = "give a cache's free slabs back to the buddy allocator",
	.help =
"kmem_cache_shrink runs the kernel's kmem_cache_shrink(cache): every\n"
"CPU's per-CPU array and the shared array are drained (their objects go\n"
"back to their slabs), then every slab on slabs_free is destroyed and its\n"
"pages go back to the buddy allocator. Slabs with objects in use stay;\n"
"the kernel's return value says whether any did.\n"
"\n"
"Example:\n"
"  kmem_cache_shrink size-128\n",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_MODIFIES,
	.exec = kmem_cache_shrink_exec,
};
