/* cmds/cmd-vm-unmap-aliases.c: `vm_unmap_aliases`: purge now. */
#include "config.h"

#include "vmalloc-report.h"

static int
vm_unmap_aliases_exec(struct cmd_ctx *c, int argc, char **argv)
{
	const struct vmalloc_report *r;

	vm_unmap_aliases(c->m);
	r = vmalloc_last(c->m);
	if (r->purged_areas == 0)
		out_puts(c->out, "vm_unmap_aliases: nothing lazily freed: no PTE cleared, no TLB flush\n");
	else
		out_puts(c->out, "vm_unmap_aliases:\n");
	vmr_purge(c, r);
	(void)argc;
	(void)argv;
	return 0;
}

const struct cmd_entry cmd_vm_unmap_aliases_entry = {
	.name = "vm_unmap_aliases",
	.usage = "",
	.summary = "purge the lazily freed vmalloc areas now",
	.help =
"vm_unmap_aliases runs the kernel's vm_unmap_aliases(), which code that\n"
"changes page attributes calls so that no old vmalloc mapping of a page\n"
"survives: __purge_vmap_area_lazy clears the PTEs of every lazily freed\n"
"area, flushes the kernel TLB once from the lowest to the highest of them,\n"
"and gives their ranges back. The same purge runs by itself when the\n"
"lazily freed pages pass lazy_max_pages, and when vmalloc finds no room.\n",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_MODIFIES,
	.exec = vm_unmap_aliases_exec,
};
