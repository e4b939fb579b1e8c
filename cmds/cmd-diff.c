/* cmds/cmd-diff.c: `diff [@N [@M]] [GROUP...]`: what changed since the
 * last stop, or what the last command changed (the points:
 * cmds/snap-session.c), or between two points of the journal. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "journal.h"
#include "snapshot.h"
#include "vmdb/machine.h"
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

/*
 * The machine as it was after journal entry @at, rebuilt from the
 * journal, snapshotted.  NULL after the error line.
 */
static struct snap *
snap_at(struct cmd_ctx *c, size_t at)
{
	struct machine *m;
	struct snap *s;

	if (journal_rebuild(c->v, "diff", at + 1, &m) < 0)
		return NULL;
	s = snap_take(m);
	machine_free(m);
	return s;
}

/* Takes the leading @N words out of argv (at most two) into at[];
 * returns how many, or -1 after the error line. */
static int
parse_points(struct cmd_ctx *c, int *argc, char ***argv, size_t at[2])
{
	size_t len = journal_len(c->v);
	const char *w;
	char *end;
	unsigned long long v;
	int n = 0;

	while (*argc && (*argv)[0][0] == '@') {
		w = (*argv)[0];
		if (n == 2)
			return cmd_error(c, "at most two points: '%s' is a third", w);
		errno = 0;
		v = strtoull(w + 1, &end, 10);
		if (!isdigit((unsigned char)w[1]) || *end || errno)
			return cmd_error(c, "'%s' is not a point of the journal (@0, @1, ...: see history)", w);
		if (v >= len)
			return cmd_error(c, "no point %s: the journal has @0..@%zu (see history)",
					 w, len - 1);
		at[n++] = (size_t)v;
		(*argc)--;
		(*argv)++;
	}
	return n;
}

static int
diff_exec(struct cmd_ctx *c, int argc, char **argv)
{
	const struct snap *base;
	struct snap *now, *from = NULL;
	char *label;
	unsigned mask;
	size_t at[2];
	int points;
	u64 max = DIFF_DEFAULT_LINES;

	if (args_get(c, "max") &&
	    arg_number(c, "--max", args_get(c, "max"), 1, 1000000, &max))
		return -1;
	if (args_has(c, "all"))
		max = 0;
	points = parse_points(c, &argc, &argv, at);
	if (points < 0)
		return -1;
	mask = parse_groups(c, argc, argv);
	if (!mask)
		return -1;
	if (points == 0) {
		base = snap_diff_base(c, &label);
		if (!base)
			return -1;
	} else {
		/* The machine after @N is rebuilt by replaying the journal
		 * (exact: the engine is deterministic); so is the one after
		 * @M, or the machine now stands for the second point. */
		base = from = snap_at(c, at[0]);
		if (!from)
			return -1;
		if (points == 2)
			label = xasprintf("from @%zu to @%zu", at[0], at[1]);
		else
			label = xasprintf("since @%zu (%s)", at[0],
					  journal_entry(c->v, at[0])->line);
	}
	now = points == 2 ? snap_at(c, at[1]) : snap_take(c->m);
	if (now)
		snap_report(c, base, now, label, (int)max, mask);
	snap_free(now);
	snap_free(from);
	free(label);
	return now ? 0 : -1;
}

const struct cmd_entry cmd_diff_entry = {
	.name = "diff",
	.usage = "[@N [@M]] [GROUP...] [--max N | --all]",
	.summary = "what changed since a stop, in a command, or from @N to @M",
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
"With points of the journal (the @N of history): diff @N @M shows what\n"
"changed from the machine as it was after @N to the machine after @M\n"
"(diff @4 @5 is what @5 did); diff @N what changed from after @N to\n"
"now, a stopped command's half-done work included. Those machines are\n"
"rebuilt by replaying the journal, exactly, since the engine is\n"
"deterministic; nothing has to be recorded beforehand.\n"
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
"  diff pte pages\n"
"  diff @2 @5 vmas\n",
	.opts = "max= all",
	.args_min = 0,
	.args_max = NR_SNAP_GROUPS + 2,
	.exec = diff_exec,
};
