/* cmds/cmd-free-pages.c: `free_pages PFN ORDER`. */
#include "config.h"

#include "cmd.h"

static int
free_pages_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	const struct free_info *fi = &m->last_free;
	u64 pfn, order;
	int err;

	if (arg_number(c, "PFN", argv[0], 0, 0xfffff, &pfn) ||
	    arg_number(c, "ORDER", argv[1], 0, MAX_ORDER - 1, &order))
		return -1;
	err = free_pages_checked(m, (u32)pfn, (unsigned)order);
	if (err)
		return cmd_errno(c, err);
	out_printf(c->out, "freed order %u at pfn 0x%08x (%s", (unsigned)order,
		   (u32)pfn, zone_names[page_zonenum(&m->mem_map[pfn])]);
	if (fi->pcp) {
		out_printf(c->out, "; onto cpu %d's per-CPU list", m->this_cpu);
		if (fi->drained)
			out_printf(c->out, ", which was full: %d page%s went back to the buddy lists",
				   fi->drained, fi->drained == 1 ? "" : "s");
	} else if (fi->merged_order > (int)order) {
		out_printf(c->out, "; merged into an order-%d block at 0x%08x",
			   fi->merged_order, fi->merged_pfn);
	} else {
		out_puts(c->out, "; its buddy is in use, no merge");
	}
	out_puts(c->out, ")\n");
	(void)argc;
	return 0;
}

const struct cmd_entry cmd_free_pages_entry = {
	.name = "free_pages",
	.alias = "free",
	.usage = "PFN ORDER",
	.summary = "free a block allocated with alloc_pages",
	.help =
"free_pages gives back the 2^ORDER pages starting at PFN, as the kernel's\n"
"__free_pages does: an order-0 page goes onto this CPU's per-CPU list (and\n"
"when the list reaches its high mark, batch pages go back to the buddy\n"
"lists); a larger block goes straight to the buddy lists, where it merges\n"
"with its buddy for as long as the buddy is free, one order at a time.\n"
"\n"
"Unlike the kernel, vmdb checks the call: PFN must be the first page of a\n"
"live allocation made with exactly this ORDER. Anything else (a free page,\n"
"a reserved one, a page inside a larger block, the wrong order) is refused\n"
"with the reason and the machine is left as it was.\n"
"\n"
"Example:\n"
"  alloc_pages 3\n"
"  free_pages 0x00012340 3\n",
	.args_min = 2,
	.args_max = 2,
	.flags = CMD_MODIFIES,
	.exec = free_pages_exec,
};
