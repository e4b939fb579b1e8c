/* cmds/cmd-kmem-cache-create.c: `kmem_cache_create NAME SIZE [--align N]
 * [--hwcache] [--reclaim] [--dma]`. */
#include "config.h"

#include "vmdb/slab.h"

#include "cmd.h"

static int
kmem_cache_create_exec(struct cmd_ctx *c, int argc, char **argv)
{
	const char *align_s = args_get(c, "align");
	unsigned long flags = 0;
	struct kmem_cache_info ci;
	struct kmem_cache *kc;
	u64 size, align = 0;

	if (arg_size(c, "SIZE", argv[1], 0, 0xffffffffu, &size))
		return -1;
	if (align_s && arg_size(c, "--align", align_s, 0, 0xffffffffu, &align))
		return -1;
	if (args_has(c, "hwcache"))
		flags |= SLAB_HWCACHE_ALIGN;
	if (args_has(c, "reclaim"))
		flags |= SLAB_RECLAIM_ACCOUNT;
	if (args_has(c, "dma"))
		flags |= SLAB_CACHE_DMA;
	kc = kmem_cache_create(c->m, argv[0], (u32)size, (u32)align, flags);
	if (kc == NULL)
		return cmd_errno(c, slab_errno(c->m));
	kmem_cache_get_info(c->m, kc, &ci);
	out_printf(c->out, "created %s at 0x%08x: %u-byte objects (asked for %u, aligned to %u)\n",
		   ci.name, ci.kva, ci.buffer_size, (u32)size, ci.align);
	out_printf(c->out, "  %u per slab of %u page%s (order %u), %s management, %u colour%s of %u bytes\n",
		   ci.num, 1u << ci.gfporder, ci.gfporder ? "s" : "",
		   ci.gfporder, ci.off_slab ? "off-slab" : "on-slab", ci.colour,
		   ci.colour == 1 ? "" : "s", ci.colour_off);
	out_printf(c->out, "  per-CPU arrays: limit %u, batchcount %u, shared %u; free_limit %u\n",
		   ci.limit, ci.batchcount, ci.shared, ci.free_limit);
	(void)argc;
	return 0;
}

const struct cmd_entry cmd_kmem_cache_create_entry = {
	.name = "kmem_cache_create",
	.usage = "NAME SIZE [--align N] [--hwcache] [--reclaim] [--dma]",
	.summary = "create a slab cache",
	.help =
"kmem_cache_create makes a cache of SIZE-byte objects, as the kernel's\n"
"kmem_cache_create(NAME, SIZE, ALIGN, FLAGS, NULL) does, and prints the\n"
"geometry it chose. SIZE is rounded up to a word; --hwcache\n"
"(SLAB_HWCACHE_ALIGN) aligns objects to the 64-byte cache line, or to\n"
"half, a quarter ... of it for objects that small; --align N asks for at\n"
"least N. Objects of 512 bytes and more keep their slab descriptor\n"
"off-slab, in a size-N cache, unless the slab's leftover space can hold\n"
"it. The slab order is the smallest that fits an object, raised while\n"
"more than an eighth would be wasted, up to order 1 (on machines with\n"
"more than 32 MiB). The leftover bytes become colours: successive slabs\n"
"start their objects 0, 64, 128 ... bytes in.\n"
"\n"
"--reclaim sets SLAB_RECLAIM_ACCOUNT (pages from Reclaimable pageblocks,\n"
"counted as SReclaimable), --dma SLAB_CACHE_DMA (pages from ZONE_DMA).\n"
"The struct kmem_cache itself is an object of the kmem_cache cache.\n"
"\n"
"Examples:\n"
"  kmem_cache_create my_obj 100\n"
"  kmem_cache_create my_aligned 100 --hwcache\n"
"  kmem_cache_create dentry_like 132 --reclaim --align 4\n",
	.opts = "align= hwcache reclaim dma",
	.args_min = 2,
	.args_max = 2,
	.flags = CMD_MODIFIES,
	.exec = kmem_cache_create_exec,
};
