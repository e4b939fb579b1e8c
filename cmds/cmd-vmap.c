/* cmds/cmd-vmap.c: `vmap PFN...`. */
#include "config.h"

#include <stdlib.h>

#include "vmalloc-report.h"

static int
vmap_exec(struct cmd_ctx *c, int argc, char **argv)
{
	u32 *pfns = xcalloc((size_t)argc, sizeof(*pfns)), addr;
	const struct vmalloc_report *r;
	struct vm_area_view v;
	int i, err;
	u64 pfn;

	for (i = 0; i < argc; i++) {
		if (arg_number(c, "PFN", argv[i], 0, 0xfffff, &pfn)) {
			free(pfns);
			return -1;
		}
		pfns[i] = (u32)pfn;
	}
	err = vmap(c->m, pfns, (u32)argc, "cmd_vmap", &addr);
	if (err) {
		free(pfns);
		return cmd_errno(c, err);
	}
	r = vmalloc_last(c->m);
	out_printf(c->out, "vmap(%d page%s) = 0x%08x: ", argc,
		   argc == 1 ? "" : "s", addr);
	vmr_area(c, r);
	out_puts(c->out, "\n");
	if (r->retried)
		out_puts(c->out, "  no room at first: purged, then found room\n");
	vmr_purge(c, r);
	out_puts(c->out, "  PTEs (PAGE_KERNEL) -> pfn");
	vmr_pfn_runs(c, pfns, (u32)argc);
	out_puts(c->out, "\n");
	if (vmalloc_find_area(c->m, addr, &v) == 0)
		vmr_objects(c, &v);
	vmr_tables(c, r);
	free(pfns);
	return 0;
}

const struct cmd_entry cmd_vmap_entry = {
	.name = "vmap",
	.usage = "PFN...",
	.summary = "map existing pages at consecutive kernel addresses",
	.help =
"vmap runs the kernel's vmap(pages, count, VM_MAP, PAGE_KERNEL): it\n"
"reserves count pages plus a guard page in the vmalloc area, as vmalloc\n"
"does, and points the PTEs at the given page frames, in order. The pages\n"
"are not allocated, copied or counted: they stay with whoever owns them.\n"
"vmdb refuses a pfn without a struct page and a free one (allocate it\n"
"first, with alloc_pages); the same pfn may be given twice.\n"
"\n"
"Example:\n"
"  alloc_pages 0\n"
"  vmap 0x00036ffe 0x00000100\n"
"\n"
"Undo it with vunmap ADDR.\n",
	.args_min = 1,
	.args_max = -1,
	.flags = CMD_MODIFIES,
	.exec = vmap_exec,
};
