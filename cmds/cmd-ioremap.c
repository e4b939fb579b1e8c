/* cmds/cmd-ioremap.c: `ioremap PHYS SIZE`. */
#include "config.h"

#include "vmalloc-report.h"

static int
ioremap_exec(struct cmd_ctx *c, int argc, char **argv)
{
	const struct vmalloc_report *r;
	struct vm_area_view v;
	char size[32], align[32];
	u64 phys, bytes;
	u32 addr;
	int err;

	if (arg_number(c, "PHYS", argv[0], 0, 0xffffffffu, &phys) ||
	    arg_size(c, "SIZE", argv[1], 0, 0xffffffffu, &bytes))
		return -1;
	err = ioremap(c->m, (u32)phys, (u32)bytes, "cmd_ioremap", &addr);
	if (err)
		return cmd_errno(c, err);
	r = vmalloc_last(c->m);
	size_str(bytes, size, sizeof(size));
	out_printf(c->out, "ioremap(0x%08x, %s) = 0x%08x: ", (u32)phys, size,
		   addr);
	if (r->isa) {
		out_puts(c->out, "the ISA range 0xa0000-0xfffff is always mapped: its lowmem address, no area\n");
		return 0;
	}
	size_str(r->align, align, sizeof(align));
	vmr_area(c, r);
	out_printf(c->out, ", aligned to %s\n", align);
	if (r->retried)
		out_puts(c->out, "  no room at first: purged, then found room\n");
	vmr_purge(c, r);
	out_printf(c->out, "  uncached PTEs (PCD) -> physical 0x%08x-0x%08x\n",
		   (u32)phys & PAGE_MASK,
		   (u32)((phys + bytes - 1) | ~PAGE_MASK));
	if (r->reserved_ram)
		out_printf(c->out, "  %u page%s of reserved RAM: allowed (the kernel warns once)\n",
			   r->reserved_ram, r->reserved_ram == 1 ? "" : "s");
	if (r->unchecked_ram)
		out_printf(c->out, "  the last page, pfn 0x%08x, is RAM in use: 2.6.32 never checks a range's last page\n",
			   r->unchecked_ram - 1);
	if (vmalloc_find_area(c->m, r->va_start, &v) == 0)
		vmr_objects(c, &v);
	vmr_tables(c, r);
	(void)argc;
	return 0;
}

const struct cmd_entry cmd_ioremap_entry = {
	.name = "ioremap",
	.usage = "PHYS SIZE",
	.summary = "map device memory into the vmalloc area",
	.help =
"ioremap runs the kernel's ioremap(PHYS, SIZE) (ioremap_nocache): the\n"
"pages from PHYS to PHYS+SIZE-1 get uncached PTEs (PAGE_KERNEL_IO_UC_MINUS:\n"
"PCD set) in a new VM_IOREMAP area, aligned to the size's top bit (at\n"
"least a page, at most 512K: a 4K mapping is 8K-aligned). The address\n"
"returned keeps PHYS's offset in its page. The ISA range 0xa0000-0xfffff\n"
"is always mapped: ioremap returns its lowmem address and makes no area.\n"
"\n"
"RAM the kernel uses (E820 RAM whose page is not PG_reserved) is refused;\n"
"reserved RAM (the kernel image, BIOS pages) is allowed. As in 2.6.32 the\n"
"check stops one page short, so the last page of the range, and so any\n"
"one-page mapping, is never looked at.\n"
"\n"
"Example:\n"
"  ioremap 0xfebf0000 4K\n"
"\n"
"Undo it with iounmap ADDR.\n",
	.args_min = 2,
	.args_max = 2,
	.flags = CMD_MODIFIES,
	.exec = ioremap_exec,
};
