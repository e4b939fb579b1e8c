/* cmds/cmd-vmallocinfo.c: `vmallocinfo [--lazy]`: /proc/vmallocinfo. */
#include "config.h"

#include "vmdb/vmalloc.h"

#include "cmd.h"

static int
vmallocinfo_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	struct vm_area_view v;
	u32 i;

	show_vmallocinfo(m, c->out);
	if (!args_has(c, "lazy"))
		return 0;
	out_puts(c->out, "-- lazily freed, waiting for the purge (not in /proc/vmallocinfo):\n");
	for (i = 0; vmalloc_area_at(m, i, &v) == 0; i++)
		if (v.lazy)
			out_printf(c->out, "0x%08x-0x%08x %7u\n", v.va_start,
				   v.va_end, v.va_end - v.va_start);
	out_printf(c->out, "-- vmap_lazy_nr %u pages; the purge runs above lazy_max_pages %u\n",
		   vmap_lazy_nr(m), lazy_max_pages(m));
	(void)argc;
	(void)argv;
	return 0;
}

const struct cmd_entry cmd_vmallocinfo_entry = {
	.name = "vmallocinfo",
	.usage = "[--lazy]",
	.summary = "print /proc/vmallocinfo",
	.help =
"vmallocinfo prints /proc/vmallocinfo as 2.6.32 does: one line per area on\n"
"vmlist, in address order: start-end, the size with the guard page, the\n"
"caller, pages=N for vmalloc, phys=ADDR for ioremap, then the flag words\n"
"ioremap, vmalloc, vmap, user, vpages. The kernel prints the caller as a\n"
"symbol+offset/size; vmdb has no kernel text, so it names the command that\n"
"asked: cmd_vmalloc, cmd_vmap, cmd_ioremap (a nested pages[] area has its\n"
"outer area's caller, as in the kernel).\n"
"\n"
"Lazily freed areas are off vmlist and not shown; --lazy lists them after\n"
"the file, with vmap_lazy_nr and lazy_max_pages.\n",
	.opts = "lazy",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NO_PARANOID,
	.exec = vmallocinfo_exec,
};
