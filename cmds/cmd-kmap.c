/* cmds/cmd-kmap.c: `kmap PFN` and `kunmap PFN`: permanent kernel mappings
 * of HighMem pages in the pkmap area. */
#include "config.h"

#include "vmdb/highmem.h"

#include "cmd.h"

/* "pfn 0x00038000 (HighMem)" */
static void
pfn_str(struct strbuf *sb, struct machine *m, u32 pfn)
{
	sb_printf(sb, "pfn 0x%08x (%s)", pfn,
		  zone_names[page_zonenum(&m->mem_map[pfn])]);
}

/* The lowmem case of both commands. */
static void
lowmem_str(struct strbuf *sb, struct machine *m, u32 pfn, const char *what)
{
	pfn_str(sb, m, pfn);
	sb_printf(sb, " is lowmem, direct-mapped at 0x%08x: %s%s\n",
		  page_address(m, pfn), what, m->cfg.highmem ? "" :
		  " (without HIGHMEM all RAM is lowmem)");
}

/* ", pkmap slot 1, count 2 (1 user)" */
static void
slot_str(struct strbuf *sb, struct machine *m, u32 vaddr)
{
	u32 slot = PKMAP_NR(m, vaddr);

	sb_printf(sb, "pkmap slot %u, count ", slot);
	pkmap_count_format(sb, m->kmap->pkmap_count[slot]);
}

static int
kmap_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	const struct kmap_info *last = &m->kmap->last;
	struct strbuf sb;
	long vaddr;
	u64 pfn;

	if (arg_number(c, "PFN", argv[0], 0, 0xffffffffu, &pfn))
		return -1;
	vaddr = kmap(m, (u32)pfn);
	if (vaddr < 0)		/* "would sleep" tells what the search did */
		return cmd_errno(c, (int)vaddr);
	if (last->wrapped && last->flushed)
		out_printf(c->out, "last_pkmap_nr wrapped: flush_all_zero_pkmaps freed %d slot%s, flushed the pkmap range from the TLB\n",
			   last->freed, last->freed == 1 ? "" : "s");
	else if (last->wrapped)
		out_puts(c->out, "last_pkmap_nr wrapped: flush_all_zero_pkmaps found no slot to free (no flush)\n");
	sb_init(&sb);
	if (!PageHighMem(m, (u32)pfn)) {
		lowmem_str(&sb, m, (u32)pfn, "kmap uses no pkmap slot");
	} else {
		pfn_str(&sb, m, (u32)pfn);
		sb_printf(&sb, " %s at 0x%08lx: ", last->new_slot ? "mapped" :
			  "already mapped", vaddr);
		slot_str(&sb, m, (u32)vaddr);
		sb_puts(&sb, "\n");
	}
	out_puts(c->out, sb.buf);
	sb_free(&sb);
	(void)argc;
	return 0;
}

static int
kunmap_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	struct kmap_state *k = m->kmap;
	struct strbuf sb;
	u64 pfn;
	u32 i, n;
	int err;

	if (arg_number(c, "PFN", argv[0], 0, 0xffffffffu, &pfn))
		return -1;
	err = kunmap(m, (u32)pfn);
	if (err)
		return cmd_errno(c, err);
	sb_init(&sb);
	if (!PageHighMem(m, (u32)pfn)) {
		lowmem_str(&sb, m, (u32)pfn, "kunmap has nothing to undo");
	} else {
		pfn_str(&sb, m, (u32)pfn);
		sb_printf(&sb, " at 0x%08x: ", page_address(m, (u32)pfn));
		slot_str(&sb, m, page_address(m, (u32)pfn));
		sb_puts(&sb, "\n");
	}
	if (k->last.nr_woken) {
		n = k->last.nr_woken;
		sb_printf(&sb, "woke %u sleeper%s on pkmap_map_wait: the kmap%s of pfn",
			  n, n == 1 ? "" : "s", n == 1 ? "" : "s");
		for (i = 0; i < n; i++)
			sb_printf(&sb, "%s 0x%08x", i ? "," : "", k->woken[i]);
		sb_printf(&sb, " would retry (vmdb has no scheduler: type %s again)\n",
			  n == 1 ? "it" : "them");
	}
	out_puts(c->out, sb.buf);
	sb_free(&sb);
	(void)argc;
	return 0;
}

const struct cmd_entry cmd_kmap_entry = {
	.name = "kmap",
	.usage = "PFN",
	.summary = "map a page into the kernel's pkmap area (kmap)",
	.help =
"kmap runs the kernel's kmap(page) for page frame PFN and prints the\n"
"address it returns. A lowmem page is always mapped (PAGE_OFFSET + its\n"
"physical address) and kmap changes nothing. A HighMem page has no kernel\n"
"address until it is kmapped: kmap_high gives it one of the 1024 slots of\n"
"the pkmap area at PKMAP_BASE, writes its PTE (PAGE_KERNEL) into\n"
"pkmap_page_table in RAM and counts a user; a page already kmapped only\n"
"gets one more user.\n"
"\n"
"map_new_virtual hands slots out in a circle from last_pkmap_nr, slot 1\n"
"first. When the circle comes round to slot 0, flush_all_zero_pkmaps\n"
"frees every slot whose users are gone (count 1): it clears their PTEs\n"
"and flushes the whole pkmap range from the TLB once. If a whole round\n"
"after that finds no free slot, the caller would sleep on\n"
"pkmap_map_wait: vmdb reports \"Resource temporarily unavailable\", maps\n"
"nothing and remembers the sleeper; the search's own steps stay done\n"
"(last_pkmap_nr is 1023). A kunmap that leaves a slot without users\n"
"wakes the sleepers.\n"
"\n"
"PFN must be RAM. Without HIGHMEM every page is lowmem. `pkmap` shows the\n"
"slots, `trace on` the steps. Undo with kunmap PFN.\n"
"\n"
"Example:\n"
"  alloc_pages 0 GFP_HIGHUSER\n"
"  kmap 0x3f800\n",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_MODIFIES,
	.exec = kmap_exec,
};

const struct cmd_entry cmd_kunmap_entry = {
	.name = "kunmap",
	.usage = "PFN",
	.summary = "drop a kmap of a page (kunmap)",
	.help =
"kunmap runs the kernel's kunmap(page) for page frame PFN. For a HighMem\n"
"page it lowers the pkmap slot's count by one user and prints the new\n"
"count. The mapping itself stays: a slot whose last user is gone keeps\n"
"count 1 and its PTE until the next wrap of last_pkmap_nr, when\n"
"flush_all_zero_pkmaps clears it (so one TLB flush serves many kunmaps).\n"
"Reaching count 1 wakes every kmap sleeping on pkmap_map_wait; vmdb has\n"
"no scheduler, so it names them and you repeat their kmap.\n"
"\n"
"A lowmem page: nothing to undo. A HighMem page that is not kmapped, or\n"
"whose slot has no users left: the kernel would BUG; vmdb refuses and\n"
"changes nothing.\n",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_MODIFIES,
	.exec = kunmap_exec,
};
