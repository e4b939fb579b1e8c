/* cmds/cmd-kmem-cache-destroy.c: `kmem_cache_destroy NAME`. */
#include "config.h"

#include "vmdb/slab.h"

#include "cmd.h"

static int
kmem_cache_destroy_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct kmem_cache *kc = arg_cache(c, argv[0]);
	struct kmem_cache_info ci;
	u32 slabs, kva;
	int err;

	if (kc == NULL)
		return -1;
	kmem_cache_get_info(c->m, kc, &ci);
	slabs = ci.full_slabs + ci.partial_slabs + ci.free_slabs;
	kva = ci.kva;
	err = kmem_cache_destroy(c->m, kc);
	if (err)
		return cmd_errno(c, err);
	out_printf(c->out, "destroyed %s: %u slab%s (%u page%s) back to the buddy allocator, its arrays and kmem_list3 kfree'd, its struct kmem_cache 0x%08x back to kmem_cache\n",
		   argv[0], slabs, slabs == 1 ? "" : "s", slabs << ci.gfporder,
		   (slabs << ci.gfporder) == 1 ? "" : "s", kva);
	(void)argc;
	return 0;
}

const struct cmd_entry cmd_kmem_cache_destroy_entry = {
	.name = "kmem_cache_destroy",
	.usage = "NAME",
	.summary = "destroy a cache made with kmem_cache_create",
	.help =
"kmem_cache_destroy runs the kernel's kmem_cache_destroy(cache): the cache\n"
"leaves cache_chain, its arrays are drained, all its slabs destroyed, its\n"
"per-CPU and shared arrays and its kmem_list3 kfree'd, and its struct\n"
"kmem_cache goes back to the kmem_cache cache.\n"
"\n"
"A cache with objects still allocated cannot go: the kernel would drain\n"
"it, print \"slab error in kmem_cache_destroy(): cache `NAME': Can't free\n"
"all objects\" and keep it; vmdb refuses before touching anything. The\n"
"kernel's own caches (size-N, kmem_cache, task_struct, ...) are refused\n"
"too.\n"
"\n"
"Example:\n"
"  kmem_cache_create my_obj 100\n"
"  kmem_cache_destroy my_obj\n",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_MODIFIES,
	.exec = kmem_cache_destroy_exec,
};
