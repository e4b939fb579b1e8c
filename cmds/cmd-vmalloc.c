/* cmds/cmd-vmalloc.c: `vmalloc SIZE`. */
#include "config.h"

#include "vmalloc-report.h"

static void
print_pages(struct cmd_ctx *c, const struct vmalloc_report *r,
	    const struct vm_area_view *v)
{
	int i, zones = 0, n = 0;

	for (i = 0; i < MAX_NR_ZONES; i++)
		zones += r->zone_pages[i] != 0;
	out_printf(c->out, "  %u page%s%s", v->nr_pages,
		   v->nr_pages == 1 ? "" : "s", zones > 1 ? " (" : "");
	for (i = MAX_NR_ZONES - 1; i >= 0; i--) {
		if (!r->zone_pages[i])
			continue;
		if (zones == 1)
			out_printf(c->out, " from %s", zone_names[i]);
		else
			out_printf(c->out, "%s%u %s", n++ ? ", " : "",
				   r->zone_pages[i], zone_names[i]);
	}
	out_printf(c->out, "%s: pfn", zones > 1 ? ")" : "");
	vmr_pfn_runs(c, v->pfns, v->nr_pfns);
	out_puts(c->out, "\n");
}

static int
vmalloc_exec(struct cmd_ctx *c, int argc, char **argv)
{
	const struct vmalloc_report *r;
	struct vm_area_view v;
	char size[32];
	u64 bytes;
	u32 addr;
	int err;

	if (arg_size(c, "SIZE", argv[0], 0, 0xffffffffu, &bytes))
		return -1;
	err = vmalloc(c->m, (u32)bytes, "cmd_vmalloc", &addr);
	if (err)
		return cmd_errno(c, err);
	r = vmalloc_last(c->m);
	vmalloc_find_area(c->m, addr, &v);
	size_str(bytes, size, sizeof(size));
	out_printf(c->out, "vmalloc(%s) = 0x%08x: ", size, addr);
	vmr_area(c, r);
	out_puts(c->out, "\n");
	if (r->retried)
		out_puts(c->out, "  no room at first: purged, then found room\n");
	vmr_purge(c, r);
	print_pages(c, r, &v);
	vmr_objects(c, &v);
	if (v.flags & VM_VPAGES)
		out_printf(c->out, "  pages[] (%u bytes) is itself vmalloc'ed at 0x%08x (VM_VPAGES)\n",
			   v.nr_pages * 4, v.pages_kaddr);
	vmr_tables(c, r);
	(void)argc;
	return 0;
}

const struct cmd_entry cmd_vmalloc_entry = {
	.name = "vmalloc",
	.usage = "SIZE",
	.summary = "allocate virtually contiguous kernel memory",
	.help =
"vmalloc runs the kernel's vmalloc(SIZE): it reserves PAGE_ALIGN(SIZE)\n"
"plus a guard page between VMALLOC_START and VMALLOC_END (first fit; the\n"
"next candidate after an area is one page past its end, so areas are two\n"
"pages apart), takes the pages one at a time with\n"
"GFP_KERNEL|__GFP_HIGHMEM (HighMem first, then Normal, then DMA) and maps\n"
"them into swapper_pg_dir with PAGE_KERNEL, making page tables on demand.\n"
"It prints the address, the area, the pages by zone (runs of consecutive\n"
"pfns), the kernel's bookkeeping (a vm_struct from kzalloc, a vmap_area\n"
"and pages[] from kmalloc; pages[] is vmalloc'ed itself, VM_VPAGES, when\n"
"it is larger than a page) and the new page tables.\n"
"\n"
"SIZE takes K, M or G. When no range is free, the lazily freed areas are\n"
"purged and the search runs once more; after that the kernel logs \"vmap\n"
"allocation for size N failed\". When a page cannot be had, what was taken\n"
"goes back (the range stays lazily freed, as the kernel's vfree leaves it).\n"
"\n"
"Examples:\n"
"  vmalloc 64K\n"
"  vmalloc 5M\n"
"\n"
"Free it with vfree ADDR; vmallocinfo lists the areas.\n",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_MODIFIES,
	.exec = vmalloc_exec,
};
