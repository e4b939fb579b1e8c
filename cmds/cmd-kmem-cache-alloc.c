/* cmds/cmd-kmem-cache-alloc.c: `kmem_cache_alloc NAME [GFP]`. */
#include "config.h"

#include "vmdb/slab.h"

#include "cmd.h"

static int
kmem_cache_alloc_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct kmem_cache *kc = arg_cache(c, argv[0]);
	gfp_t gfp = GFP_KERNEL;
	char why[160];
	u32 objp;

	if (kc == NULL)
		return -1;
	if (argc > 1 && gfp_parse(argv[1], &gfp, why, sizeof(why)))
		return cmd_error(c, "%s", why);
	objp = kmem_cache_alloc_user(c->m, kc, gfp);
	if (!objp)
		return cmd_errno(c, slab_errno(c->m));
	out_printf(c->out, "kmem_cache_alloc(%s) = ", argv[0]);
	slab_report_alloc(c, objp);
	return 0;
}

const struct cmd_entry cmd_kmem_cache_alloc_entry = {
	.name = "kmem_cache_alloc",
	.usage = "NAME [GFP]",
	.summary = "allocate an object from a cache",
	.help =
"kmem_cache_alloc runs the kernel's kmem_cache_alloc(cache, GFP) on the\n"
"cache called NAME (see slabinfo) and prints the object's address and the\n"
"road it took, as kmalloc does: popped off this CPU's per-CPU array, or\n"
"after cache_alloc_refill moved a batch into the array from the cache's\n"
"partial slabs (first), free slabs, the shared array, or a new slab that\n"
"cache_grow carved out of buddy pages. GFP defaults to GFP_KERNEL.\n"
"\n"
"Give the object back with kmem_cache_free NAME ADDR.\n"
"\n"
"Example:\n"
"  kmem_cache_create my_obj 100\n"
"  kmem_cache_alloc my_obj\n",
	.args_min = 1,
	.args_max = 2,
	.flags = CMD_MODIFIES,
	.exec = kmem_cache_alloc_exec,
};
