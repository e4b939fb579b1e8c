/* cmds/cmd-diff.c: `diff [GROUP...]`: what changed since the last stop,
 * or what the last command changed (the points: cmds/snap-session.c). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "snapshot.h"
#include "vmdb/util.h"

#define DIFF_DEFAULT_LINES	50

/* GROUP words into a mask of enum snap_group bits; 0 after the error. */
static unsigned
parse_groups(struct cmd_ctx *c, int argc, char **argv)
{
	unsigned mask = 0, match;
	struct strbuf names;
	size_t len;
	int i, g;

	for (i = 0; i < argc; i++) {
		/* The name or a unique prefix of it. */
		len = strlen(argv[i]);
		match = 0;
		for (g = 0; g < NR_SNAP_GROUPS; g++)
			if (len && !strncmp(snap_group_names[g], argv[i], len))
				match |= 1u << g;
		if (match && !(match & (match - 1))) {
			mask |= match;
			continue;
		}
		sb_init(&names);
		for (g = 0; g < NR_SNAP_GROUPS; g++)
			if (!match || (match & (1u << g)))
				sb_printf(&names, "%s%s", names.len ? ", " : "",
					  snap_group_names[g]);
		cmd_error(c, "%s group '%s' (%s: %s)",
			  match ? "ambiguous" : "no", argv[i],
			  match ? "could be" : "there are", names.buf);
		sb_free(&names);
		return 0;
	}
	return argc ? mask : SNAP_ALL;
}

static int
diff_exec(struct cmd_ctx *c, int argc, char **argv)
{
	const struct snap *base;
	struct snap *now;
	char *label;
	unsigned mask;
	u64 max = DIFF_DEFAULT_LINES;

	if (args_get(c, "max") &&
	    arg_number(c, "--max", args_get(c, "max"), 1, 1000000, &max))
		return -1;
	if (args_has(c, "all"))
		max = 0;
	/* `diff @N @M` will take its two @ words out here, replay the
	 * journal to N and to M with a snap_take at each, and hand the two
	 * snapshots to snap_report instead of base and now. */
	mask = parse_groups(c, argc, argv);
	if (!mask)
		return -1;
	base = snap_diff_base(c, &label);
	if (!base)
		return -1;
	now = snap_take(c->m);
	snap_report(c, base, now, label, (int)max, mask);
	snap_free(now);
	free(label);
	return 0;
}

const struct cmd_entry cmd_diff_entry = {
	.name = "diff",
	.usage = "[GROUP...] [--max N | --all]",
	.summary = "what changed since the last stop, or in the last command",
	.help =
"While a command is stopped, diff shows what changed since its previous\n"
"stop (or since it started, at its first stop): the effect of the last\n"
"step, next or finish. When nothing is stopped, it shows what the last\n"
"command that changes the machine changed. One line per difference, in\n"
"groups, in this order:\n"
"\n"
"  task   a task appeared or exited, or changed state or name\n"
"  VMA    a VMA appeared (+), went (-) or changed (old -> new, flags)\n"
"  PDE    a page directory entry of a task, or of the kernel above\n"
"         high_memory (vmalloc, pkmap, fixmap)\n"
"  PTE    a page-table entry: old -> new value; for the same frame the\n"
"         bits that changed (+ACCESSED|DIRTY, -RW), else the new entry\n"
"  page   a struct page: _count, _mapcount, flags (+set -cleared),\n"
"         private, mapping, index\n"
"  free   a buddy free list: blocks of that order, per migrate type\n"
"  pcp    a per-CPU page list's count\n"
"  CR3    a CPU's page directory register\n"
"  TLB    a TLB entry cached (+), dropped (-) or changed: frame, bits\n"
"  stat, event   a zone's vmstat counter, a VM event counter\n"
"\n"
"GROUP words show only those groups: tasks, vmas, ptes, pages, free,\n"
"pcp, tlb, counters (or a prefix: diff pte page). At most 50 lines are\n"
"shown, then the number of the others; --max N shows N, --all all.\n"
"\n"
"diff compares the machine with a snapshot (a copy of mem_map and a walk\n"
"of the page tables: milliseconds on a 4 GiB machine), taken only when\n"
"it may be read: at the start and every stop of a command that runs\n"
"with a breakpoint, watchpoint or catchpoint enabled (or under step\n"
"COMMAND), and before every command that changes the machine while the\n"
"diff setting is on (set diff on). The first diff that finds nothing\n"
"recorded turns it on.\n"
"\n"
"Examples:\n"
"  set diff on\n"
"  touch 0x0804a000 w\n"
"  diff\n"
"  diff pte pages\n",
	.opts = "max= all",
	.args_min = 0,
	.args_max = NR_SNAP_GROUPS,
	.exec = diff_exec,
};
