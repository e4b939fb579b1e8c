/* cmds/cmd-vfree.c: `vfree ADDR`. */
#include "config.h"

#include "vmalloc-report.h"

static int
vfree_exec(struct cmd_ctx *c, int argc, char **argv)
{
	const struct vmalloc_report *r;
	struct vm_area_view v;
	u64 addr;
	int err;

	if (arg_address(c, "ADDR", argv[0], 0xffffffffu, &addr))
		return -1;
	if (vmalloc_find_area(c->m, (u32)addr, &v))
		v.nr_pages = 0;
	err = vfree(c->m, (u32)addr);
	if (err)
		return cmd_errno(c, err);
	r = vmalloc_last(c->m);
	if (addr == 0) {
		out_puts(c->out, "vfree(NULL): nothing to free\n");
		return 0;
	}
	out_printf(c->out, "vfree(0x%08x): %u page%s", (u32)addr, v.nr_pages,
		   v.nr_pages == 1 ? "" : "s");
	if (r->freed_pages > v.nr_pages)
		out_printf(c->out, " + %u of pages[]",
			   r->freed_pages - v.nr_pages);
	out_puts(c->out, " back to the buddy allocator; ");
	vmr_lazy_free(c, r);
	(void)argc;
	return 0;
}

const struct cmd_entry cmd_vfree_entry = {
	.name = "vfree",
	.usage = "ADDR",
	.summary = "free memory allocated with vmalloc",
	.help =
"vfree runs the kernel's vfree(ADDR): it takes the area off vmlist, gives\n"
"its pages back to the buddy allocator one by one (and frees pages[], with\n"
"a nested vfree when it was vmalloc'ed) and frees the address range lazily:\n"
"2.6.32 leaves the PTEs in place (still pointing at the freed pages), keeps\n"
"the range reserved and flushes no TLB, until the lazily freed pages pass\n"
"lazy_max_pages (fls(CPUs) x 32 MiB) and __purge_vmap_area_lazy unmaps them\n"
"all with one TLB flush. vmallocinfo --lazy shows what waits.\n"
"\n"
"Unlike the kernel, which only warns, vmdb refuses (and changes nothing)\n"
"an ADDR that is not page aligned, not the start of an area, already\n"
"freed, or a vmap or ioremap area. vfree 0 does nothing, as vfree(NULL).\n",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_MODIFIES,
	.exec = vfree_exec,
};
