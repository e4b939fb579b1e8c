/* cmds/cmd-dmesg.c: `dmesg`: the kernel log buffer. */
#include "config.h"

#include "cmd.h"

static int
dmesg_exec(struct cmd_ctx *c, int argc, char **argv)
{
	const char *tail = args_get(c, "tail");
	u64 n = 0;

	if (tail && arg_number(c, "--tail", tail, 1, 1000000, &n))
		return -1;
	dmesg_show(c->m, c->out, (u32)n);
	if (args_has(c, "clear"))
		dmesg_clear(c->m);
	(void)argc;
	(void)argv;
	return 0;
}

/* Only --clear changes the machine (its log). */
static bool
dmesg_modifies(const struct cmd_ctx *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return args_has(c, "clear");
}

const struct cmd_entry cmd_dmesg_entry = {
	.name = "dmesg",
	.usage = "[--tail N] [--clear]",
	.summary = "print the kernel log (the boot log and later messages)",
	.help =
"dmesg prints the simulated kernel's log buffer: after a boot, the lines\n"
"Linux 2.6.32 prints while it sets up memory, from the BIOS-provided\n"
"physical RAM map to the virtual kernel memory layout, in the kernel's\n"
"own formats and computed from this machine's map and configuration.\n"
"Later messages (an allocation failure, say) are appended. Like the\n"
"kernel's buffer it holds 128 KiB and forgets the oldest lines.\n"
"\n"
"  --tail N   only the last N lines\n"
"  --clear    empty the buffer after printing it (dmesg -c)\n",
	.opts = "tail= clear",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_MODIFIES | CMD_NO_PARANOID,
	.exec = dmesg_exec,
	.modifies = dmesg_modifies,
};
