/* cmds/cmd-vunmap.c: `vunmap ADDR`. */
#include "config.h"

#include "vmalloc-report.h"

static int
vunmap_exec(struct cmd_ctx *c, int argc, char **argv)
{
	u64 addr;
	int err;

	if (arg_address(c, "ADDR", argv[0], 0xffffffffu, &addr))
		return -1;
	err = vunmap(c->m, (u32)addr);
	if (err)
		return cmd_errno(c, err);
	out_printf(c->out, "vunmap(0x%08x): the pages stay with their owner; ",
		   (u32)addr);
	vmr_lazy_free(c, vmalloc_last(c->m));
	(void)argc;
	return 0;
}

const struct cmd_entry cmd_vunmap_entry = {
	.name = "vunmap",
	.usage = "ADDR",
	.summary = "undo a vmap",
	.help =
"vunmap runs the kernel's vunmap(ADDR): the area made by vmap is taken off\n"
"vmlist and its range freed lazily, exactly as vfree does, but no page is\n"
"freed: they belong to whoever allocated them. Until the purge the PTEs\n"
"still map them.\n"
"\n"
"vmdb refuses (and changes nothing) an ADDR that is not the start of a\n"
"live vmap area.\n",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_MODIFIES,
	.exec = vunmap_exec,
};
