/* cmds/cmd-kmem-cache-free.c: `kmem_cache_free NAME ADDR`. */
#include "config.h"

#include "vmdb/slab.h"

#include "cmd.h"

static int
kmem_cache_free_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct kmem_cache *kc = arg_cache(c, argv[0]);
	u64 addr;
	int err;

	if (kc == NULL ||
	    arg_number(c, "ADDR", argv[1], 0, 0xffffffffu, &addr))
		return -1;
	err = kmem_cache_free_checked(c->m, kc, (u32)addr);
	if (err)
		return cmd_errno(c, err);
	out_printf(c->out, "kmem_cache_free(%s) ", argv[0]);
	slab_report_free(c, (u32)addr);
	(void)argc;
	return 0;
}

const struct cmd_entry cmd_kmem_cache_free_entry = {
	.name = "kmem_cache_free",
	.usage = "NAME ADDR",
	.summary = "free an object back to its cache",
	.help =
"kmem_cache_free runs the kernel's kmem_cache_free(cache, ADDR): the object\n"
"goes onto this CPU's per-CPU array of the cache, and only a full array\n"
"sends its oldest batchcount objects on (cache_flusharray: to the shared\n"
"array on SMP, else back to their slabs in free_block).\n"
"\n"
"vmdb checks what the kernel does not: ADDR must be the start of a live\n"
"object of that very cache, one a kmem_cache_alloc or kmalloc command gave\n"
"you. Anything else (another cache's object, a pointer inside an object,\n"
"a page that is no slab, a double free) is refused and nothing changes.\n"
"\n"
"Example:\n"
"  kmem_cache_free my_obj 0xf7003080\n",
	.args_min = 2,
	.args_max = 2,
	.flags = CMD_MODIFIES,
	.exec = kmem_cache_free_exec,
};
