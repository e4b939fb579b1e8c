/* cmds/cmd-kmalloc.c: `kmalloc SIZE [GFP]`. */
#include "config.h"

#include "vmdb/slab.h"

#include "cmd.h"

static int
kmalloc_exec(struct cmd_ctx *c, int argc, char **argv)
{
	gfp_t gfp = GFP_KERNEL;
	char why[160];
	u64 size;
	u32 objp;

	if (arg_size(c, "SIZE", argv[0], 0, 0xffffffffu, &size))
		return -1;
	if (argc > 1 && gfp_parse(argv[1], &gfp, why, sizeof(why)))
		return cmd_error(c, "%s", why);
	objp = kmalloc_user(c->m, (u32)size, gfp);
	if (!objp)
		return cmd_errno(c, slab_errno(c->m));
	out_printf(c->out, "kmalloc(%u) = ", (u32)size);
	slab_report_alloc(c, objp);
	return 0;
}

const struct cmd_entry cmd_kmalloc_entry = {
	.name = "kmalloc",
	.usage = "SIZE [GFP]",
	.summary = "allocate SIZE bytes from the size-N caches",
	.help =
"kmalloc runs the kernel's kmalloc(SIZE, GFP): it takes an object from the\n"
"smallest size-N cache that holds SIZE bytes (size-32, size-64, size-128,\n"
"size-192, ... size-4194304; with GFP_DMA the size-N(DMA) twin) and prints\n"
"its address and where it came from: this CPU's per-CPU array (the fast\n"
"path), or a refill of that array from the cache's partial or free slabs,\n"
"or a brand-new slab carved out of buddy pages (cache_grow).\n"
"\n"
"SIZE is 1 to 4M (K and M suffixes work). GFP defaults to GFP_KERNEL;\n"
"__GFP_ZERO zeroes the object; highmem flags are refused (slab objects\n"
"are always lowmem). The object is yours until kfree ADDR.\n"
"\n"
"Examples:\n"
"  kmalloc 100\n"
"  kmalloc 3000 GFP_ATOMIC\n"
"  kmalloc 64 GFP_DMA\n",
	.args_min = 1,
	.args_max = 2,
	.flags = CMD_MODIFIES,
	.exec = kmalloc_exec,
};
