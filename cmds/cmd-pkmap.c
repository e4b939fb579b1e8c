/* cmds/cmd-pkmap.c: `pkmap`: the pkmap area's slots in use, their counts
 * and PTEs, last_pkmap_nr and the kmaps waiting on pkmap_map_wait. */
#include "config.h"

#include "vmdb/highmem.h"

#include "cmd.h"

#define SHOW_SLEEPERS	16

static int
pkmap_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	struct kmap_state *k = m->kmap;
	u32 i, users = 0, idle = 0;
	struct strbuf sb;

	if (!m->cfg.highmem || !m->pkmap_page_table) {
		out_puts(c->out, "pkmap: none: this kernel has no HIGHMEM, all RAM is lowmem and kmap returns the direct mapping\n");
		return 0;
	}
	sb_init(&sb);
	sb_printf(&sb, "pkmap: %d slots at 0x%08x-0x%08x (PKMAP_BASE), pkmap_page_table at physical 0x%08x; last_pkmap_nr %u\n",
		  LAST_PKMAP, PKMAP_ADDR(m, 0), PKMAP_ADDR(m, LAST_PKMAP),
		  m->pkmap_page_table, k->last_pkmap_nr);
	for (i = 0; i < LAST_PKMAP; i++) {
		u32 pte = phys_read32(m, m->pkmap_page_table + i * 4);
		int count = k->pkmap_count[i];

		if (count == 0 && pte == 0)
			continue;
		if (users + idle == 0)
			sb_puts(&sb, "slot  virtual     pfn         PTE         count\n");
		users += count > 1;
		idle += count == 1;
		sb_printf(&sb, "%4u  0x%08x  0x%08x  0x%08x  ", i,
			  PKMAP_ADDR(m, i), pte >> PAGE_SHIFT, pte);
		pkmap_count_format(&sb, count);
		sb_puts(&sb, "\n");
	}
	sb_printf(&sb, "%u slot%s in use: %u with users, %u without (freed at the next wrap); %u free\n",
		  users + idle, users + idle == 1 ? "" : "s", users, idle,
		  LAST_PKMAP - users - idle);
	sb_printf(&sb, "pkmap_map_wait: %u sleeper%s", k->nr_sleepers,
		  k->nr_sleepers == 1 ? "" : "s");
	for (i = 0; i < k->nr_sleepers && i < SHOW_SLEEPERS; i++)
		sb_printf(&sb, "%s pfn 0x%08x", i ? "," : " (kmap of",
			  k->sleepers[i]);
	if (k->nr_sleepers > SHOW_SLEEPERS)
		sb_printf(&sb, " and %u more", k->nr_sleepers - SHOW_SLEEPERS);
	sb_puts(&sb, k->nr_sleepers ? ")\n" : "\n");
	out_puts(c->out, sb.buf);
	sb_free(&sb);
	(void)argc;
	(void)argv;
	return 0;
}

const struct cmd_entry cmd_pkmap_entry = {
	.name = "pkmap",
	.usage = "",
	.summary = "show the pkmap slots in use (pkmap_count)",
	.help =
"pkmap shows the permanent kmap area: its 1024 slots from PKMAP_BASE,\n"
"the physical address of pkmap_page_table, last_pkmap_nr (the slot the\n"
"next search starts after), then one line per slot in use: its number,\n"
"virtual address, the page frame and PTE read from the page table in RAM,\n"
"and pkmap_count with its meaning:\n"
"\n"
"  0    free: unmapped, and no TLB holds it (not listed)\n"
"  1    no users, but still mapped: it may be cached in a TLB, so it\n"
"       cannot be reused until flush_all_zero_pkmaps clears it and\n"
"       flushes the range, when last_pkmap_nr next wraps to 0\n"
"  n    n - 1 users (kmaps not yet kunmapped)\n"
"\n"
"A summary line counts the slots; the last line lists the kmaps that\n"
"would be sleeping on pkmap_map_wait because every slot had users.\n"
"Without HIGHMEM there is no pkmap area.\n",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NO_PARANOID,
	.exec = pkmap_exec,
};
