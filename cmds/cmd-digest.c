/* cmds/cmd-digest.c: `digest [--verbose]`: a fingerprint of the whole
 * machine (vmdb/digest.h). */
#include "config.h"

#include "vmdb/digest.h"

#include "cmd.h"

static int
digest_exec(struct cmd_ctx *c, int argc, char **argv)
{
	u64 parts[NR_DIGEST_PARTS], d = machine_digest(c->m, parts);
	int i;

	out_printf(c->out, "digest 0x%016llx\n", (unsigned long long)d);
	if (args_has(c, "verbose"))
		for (i = 0; i < NR_DIGEST_PARTS; i++)
			out_printf(c->out, "  %-8s 0x%016llx\n",
				   digest_part_names[i],
				   (unsigned long long)parts[i]);
	(void)argc;
	(void)argv;
	return 0;
}

const struct cmd_entry cmd_digest_entry = {
	.name = "digest",
	.usage = "[--verbose]",
	.summary = "print a 64-bit hash of the whole machine state",
	.help =
"digest prints one 64-bit number that stands for the machine's entire\n"
"state: every byte of simulated RAM, every struct page, the zones' free\n"
"lists and per-CPU lists, each CPU's registers and TLB, the slab, vmalloc\n"
"and kmap state, tasks, mms and VMAs, files and their page cache, the\n"
"event counters, the kernel log, and what the last operation reported.\n"
"Two machines with the same digest look the same to every command; any\n"
"change, even one bit in a free page, changes it. It is the same on every\n"
"run and every host: host addresses never enter it.\n"
"\n"
"It is how replay is tested: undo must give back the digest the machine\n"
"had before, and history --verify compares the machine with one rebuilt\n"
"from the journal. With --verbose a hash of each part follows (config,\n"
"ram, mem_map, zones, lists, cpus, slab, vmalloc, kmap, tasks, files,\n"
"vmstat, printk, last), so that a difference can be traced to its\n"
"subsystem.\n"
"\n"
"Example:\n"
"  digest\n"
"  alloc_pages 0\n"
"  undo\n"
"  digest\n",
	.opts = "verbose",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NO_PARANOID,
	.exec = digest_exec,
};
