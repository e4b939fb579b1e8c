/* cmds/cmd-e820.c: `e820`: the machine's physical memory map. */
#include "config.h"

#include "cmd.h"

static int
e820_exec(struct cmd_ctx *c, int argc, char **argv)
{
	if (args_has(c, "bios"))
		e820_format(c->out, &c->m->cfg.bios, "BIOS-e820");
	else
		e820_format(c->out, &c->m->e820, "e820");
	(void)argc;
	(void)argv;
	return 0;
}

const struct cmd_entry cmd_e820_entry = {
	.name = "e820",
	.usage = "[--bios]",
	.summary = "print the physical memory map",
	.help =
"e820 prints the memory map the kernel works from, after its own edits\n"
"(sanitizing overlaps, mem= and memmap=, the low-64K quirk), one entry per\n"
"line in the boot log's format: start, end (exclusive) and type.\n"
"With --bios it prints the map as the BIOS handed it over, before any\n"
"edit, overlaps and all.\n",
	.opts = "bios",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NO_PARANOID,
	.exec = e820_exec,
};
