/* cmds/cmd-slab.c: `slab NAME`: one cache, its slabs and its arrays. */
#include "config.h"

#include "vmdb/slab.h"

#include "cmd.h"

static int
slab_exec(struct cmd_ctx *c, int argc, char **argv)
{
	int err = show_slab(c->m, c->out, argv[0]);

	(void)argc;
	if (err)
		return cmd_error(c, "%s", c->m->why);
	return 0;
}

const struct cmd_entry cmd_slab_entry = {
	.name = "slab",
	.usage = "NAME",
	.summary = "show one cache: geometry, every slab, the arrays",
	.help =
"slab shows the cache called NAME as the kernel holds it in memory: where\n"
"its struct kmem_cache and kmem_list3 are, the object size and alignment,\n"
"objects per slab and the slab order, whether the slab descriptor (struct\n"
"slab and its bufctl array) is on-slab or off-slab, the colours, the\n"
"tunables, free_objects and free_limit; then every slab on\n"
"slabs_partial, slabs_full and slabs_free (the first 32 of each) with\n"
"its first page, colour offset (colouroff), first object (s_mem), inuse\n"
"and its chain of free object indices, read from the bufctl array; then\n"
"each CPU's array cache and the shared array with the objects they hold.\n"
"\n"
"Example:\n"
"  slab size-128\n",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = slab_exec,
};
