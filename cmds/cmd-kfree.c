/* cmds/cmd-kfree.c: `kfree ADDR`. */
#include "config.h"

#include "vmdb/slab.h"

#include "cmd.h"

static int
kfree_exec(struct cmd_ctx *c, int argc, char **argv)
{
	u64 addr;
	int err;

	if (arg_number(c, "ADDR", argv[0], 0, 0xffffffffu, &addr))
		return -1;
	if (addr <= 16) {	/* ZERO_OR_NULL_PTR */
		out_printf(c->out, "kfree(0x%x): NULL or ZERO_SIZE_PTR, nothing to free\n",
			   (u32)addr);
		return 0;
	}
	err = kfree_checked(c->m, (u32)addr);
	if (err)
		return cmd_errno(c, err);
	out_puts(c->out, "kfree ");
	slab_report_free(c, (u32)addr);
	(void)argc;
	return 0;
}

const struct cmd_entry cmd_kfree_entry = {
	.name = "kfree",
	.usage = "ADDR",
	.summary = "free an object from kmalloc",
	.help =
"kfree runs the kernel's kfree(ADDR): the object's page says which cache\n"
"and slab it belongs to (page->lru.next and lru.prev), and the object is\n"
"pushed onto this CPU's per-CPU array of that cache, not onto its slab.\n"
"Only when the array is full does cache_flusharray move its oldest\n"
"batchcount objects on: to the shared array on SMP machines, else back to\n"
"their slabs (free_block), where a slab that becomes empty is destroyed\n"
"if the cache already has more than free_limit free objects.\n"
"\n"
"The kernel trusts its caller; vmdb checks: ADDR must be the start of a\n"
"live object that a kmalloc or kmem_cache_alloc command gave you. A\n"
"pointer into the middle of an object, into a page that is not a slab,\n"
"an object already free (on its slab's free chain or sitting in an\n"
"array: a double free), or one the kernel allocated for itself is\n"
"refused with the reason, and nothing changes. kfree 0 (NULL) and kfree\n"
"0x10 (ZERO_SIZE_PTR, what kmalloc(0) returns) do nothing, as in the\n"
"kernel.\n"
"\n"
"Example:\n"
"  kmalloc 100\n"
"  kfree 0xf7003080\n",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_MODIFIES,
	.exec = kfree_exec,
};
