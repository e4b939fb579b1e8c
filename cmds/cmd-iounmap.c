/* cmds/cmd-iounmap.c: `iounmap ADDR`. */
#include "config.h"

#include "vmalloc-report.h"

static int
iounmap_exec(struct cmd_ctx *c, int argc, char **argv)
{
	const struct vmalloc_report *r;
	u64 addr;
	int err;

	if (arg_address(c, "ADDR", argv[0], 0xffffffffu, &addr))
		return -1;
	err = iounmap(c->m, (u32)addr);
	if (err)
		return cmd_errno(c, err);
	r = vmalloc_last(c->m);
	out_printf(c->out, "iounmap(0x%08x): ", (u32)addr);
	if (r->isa)
		out_puts(c->out, "an ISA-range address: ioremap made no area for it, nothing to undo\n");
	else
		vmr_lazy_free(c, r);
	(void)argc;
	return 0;
}

const struct cmd_entry cmd_iounmap_entry = {
	.name = "iounmap",
	.usage = "ADDR",
	.summary = "undo an ioremap",
	.help =
"iounmap runs the kernel's iounmap(ADDR): ADDR is rounded down to its page\n"
"and must be where an ioremap area starts; the area leaves vmlist and its\n"
"range is freed lazily, as vfree does (its PTEs stay until the purge). An\n"
"ISA-range address (what ioremap returns for 0xa0000-0xfffff) needs no\n"
"undoing.\n"
"\n"
"The kernel ignores any other lowmem address and only logs \"iounmap: bad\n"
"address\" for one it does not know; vmdb refuses both, and a vmalloc or\n"
"vmap area, and changes nothing.\n",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_MODIFIES,
	.exec = iounmap_exec,
};
