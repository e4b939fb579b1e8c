/* cmds/cmd-boot.c: `boot`: replaces the machine with a freshly booted one. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

#define E820_FILE_MAX	(1u << 20)

static int
read_file(struct cmd_ctx *c, const char *path, char **text)
{
	FILE *fp = fopen(path, "r");
	struct strbuf sb;
	char buf[4096];
	size_t n;

	if (fp == NULL)
		return cmd_error(c, "%s: %s", path, strerror(errno));
	sb_init(&sb);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		if (sb.len + n > E820_FILE_MAX) {
			fclose(fp);
			sb_free(&sb);
			return cmd_error(c, "%s: larger than 1 MiB; not an e820 map",
					 path);
		}
		sb_add(&sb, buf, n);
	}
	if (ferror(fp)) {
		fclose(fp);
		sb_free(&sb);
		return cmd_error(c, "%s: %s", path, strerror(errno));
	}
	fclose(fp);
	if (memchr(sb.buf, '\0', sb.len)) {
		sb_free(&sb);
		return cmd_error(c, "%s: binary file; not an e820 map", path);
	}
	*text = sb.buf;
	return 0;
}

/* --mem SIZE: a plain PC map with SIZE bytes of RAM, and a PCI hole from
 * 3 GiB with the rest remapped above 4 GiB, as a BIOS would. */
static void
plain_map(struct e820map *e, u64 size)
{
	e->nr_map = 0;
	e820_add_region(e, 0, 0x9fc00, E820_RAM);
	e820_add_region(e, 0x9fc00, 0x400, E820_RESERVED);
	e820_add_region(e, 0xf0000, 0x10000, E820_RESERVED);
	if (size <= 0xc0000000ull) {
		e820_add_region(e, 0x100000, size - 0x100000, E820_RAM);
	} else {
		e820_add_region(e, 0x100000, 0xc0000000ull - 0x100000, E820_RAM);
		e820_add_region(e, 0xc0000000ull, 0x40000000ull, E820_RESERVED);
		e820_add_region(e, 0x100000000ull, size - 0xc0000000ull, E820_RAM);
	}
}

static int
boot_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct boot_config bc;
	struct machine *m;
	const char *preset = args_get(c, "preset"), *file = args_get(c, "e820");
	const char *mem = args_get(c, "mem"), *cpus = args_get(c, "cpus");
	const char *cmdline = args_get(c, "cmdline"), *kv[CMD_MAX_OPTS];
	char why[256];
	int nkv, i;
	u64 v;

	if (!!preset + !!file + !!mem > 1)
		return cmd_error(c, "give only one of --preset, --e820 and --mem");
	boot_config_default(&bc);
	if (preset && boot_preset(&bc, preset, why, sizeof(why)))
		return cmd_error(c, "%s", why);
	if (file) {
		char *text = NULL;
		const char *base = strrchr(file, '/');

		if (read_file(c, file, &text))
			return -1;
		if (e820_parse_text(text, &bc.bios, why, sizeof(why))) {
			free(text);
			return cmd_error(c, "%s: %s", file, why);
		}
		free(text);
		snprintf(bc.name, sizeof(bc.name), "%s", base ? base + 1 : file);
		bc.bios_vendor[0] = '\0';
	}
	if (mem) {
		if (arg_size(c, "--mem", mem, 2u << 20, 64ull << 30, &v))
			return -1;
		if (v < (2u << 20))
			return cmd_error(c, "--mem: at least 2M");
		plain_map(&bc.bios, v);
		snprintf(bc.name, sizeof(bc.name), "mem-%s", mem);
		bc.bios_vendor[0] = '\0';
	}
	if (cpus) {
		if (arg_number(c, "--cpus", cpus, 1, VMDB_MAX_CPUS, &v))
			return -1;
		bc.nr_cpus = (int)v;
	}
	nkv = args_get_all(c, "config", kv, CMD_MAX_OPTS);
	for (i = 0; i < nkv; i++)
		if (boot_config_set(&bc, kv[i], why, sizeof(why)))
			return cmd_error(c, "--config: %s", why);
	if (cmdline) {
		if (strlen(cmdline) >= sizeof(bc.cmdline))
			return cmd_error(c, "--cmdline: longer than %d characters",
					 CMDLINE_MAX - 1);
		snprintf(bc.cmdline, sizeof(bc.cmdline), "%s", cmdline);
	}

	m = machine_boot(&bc, why, sizeof(why));
	if (m == NULL)
		return cmd_error(c, "%s", why);
	machine_free(c->v->m);
	c->v->m = c->m = m;
	vmdb_trace_attach(c->v);
	if (!c->v->quiet) {
		out_printf(c->out, "booted %s: %d CPU%s, %luk RAM, %lu pages free (",
			   bc.name, m->nr_cpus, m->nr_cpus > 1 ? "s" : "",
			   m->totalram_pages << 2, nr_free_pages(m));
		for (i = 0; i < MAX_NR_ZONES; i++)
			if (populated_zone(&m->zones[i]))
				out_printf(c->out, "%s%s %u", i ? ", " : "",
					   m->zones[i].name,
					   m->zones[i].present_pages);
		out_puts(c->out, " present)\n");
	}
	(void)argc;
	(void)argv;
	return 0;
}

const struct cmd_entry cmd_boot_entry = {
	.name = "boot",
	.usage = "[--preset NAME | --e820 FILE | --mem SIZE] [--cpus N] "
		 "[--config KEY=VALUE]... [--cmdline \"ARGS\"]",
	.summary = "boot a new machine (replaces the current one)",
	.help =
"boot builds a new simulated PC and boots Linux 2.6.32's memory manager on\n"
"it: the BIOS memory map is sanitized, the kernel command line applied,\n"
"lowmem and highmem split, the early reservations and bootmem set up,\n"
"the zones sized, mem_map allocated, and every free page handed to the\n"
"buddy allocator, exactly as setup_arch() and mem_init() do. The boot log\n"
"is in `dmesg`. The old machine is kept if the new one cannot boot.\n"
"\n"
"The memory map comes from one of:\n"
"  --preset NAME  a PC with a realistic BIOS map: pc-64m, pc-512m, pc-1g\n"
"                 (the default), pc-3g, pc-4g (a PCI hole, RAM remapped\n"
"                 above 4 GiB that a non-PAE kernel cannot use), qemu-256m\n"
"  --e820 FILE    a pasted dmesg: the BIOS-e820 lines in either kernel\n"
"                 format are read, all other lines ignored; or vmdb's own\n"
"                 form, one 'START END TYPE' or 'START +SIZE TYPE' a line\n"
"  --mem SIZE     a plain map with SIZE of RAM (K, M, G suffixes)\n"
"\n"
"  --cpus N             CPUs present, 1 to 8 (default 1)\n"
"  --config KEY=VALUE   NR_CPUS (default 8, sizes the fixmap), HIGHMEM (y/n),\n"
"                       VMSPLIT (3G, 3G_OPT, 2G, 2G_OPT, 1G),\n"
"                       X86_RESERVE_LOW_64K (y/n; the AMI/Phoenix quirk),\n"
"                       BIOS_VENDOR (AMI, Phoenix, ...: the DMI vendor)\n"
"  --cmdline \"ARGS\"     kernel parameters: mem=, memmap= (exactmap, nn@ss,\n"
"                       nn#ss, nn$ss), vmalloc=, highmem=\n"
"\n"
"Examples:\n"
"  boot --preset pc-4g\n"
"  boot --mem 768M --cpus 2 --cmdline \"vmalloc=256M\"\n"
"  boot --e820 ../shared/e820/ubuntu-2.6.32-pae-4gb-above4g.log\n"
"  boot --config HIGHMEM=n --cmdline \"mem=512M\"\n",
	.opts = "preset= e820= mem= cpus= config=* cmdline=",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_MODIFIES,
	.exec = boot_exec,
};
