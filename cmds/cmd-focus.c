/* cmds/cmd-focus.c: `focus [PANE [ARG] | next | prev]`: the pane that
 * PgUp and PgDn scroll, and what a pane looks at (a task, a CPU, a
 * pfn). */
#include "config.h"

#include <string.h>

#include "cmd.h"
#include "ui/tui/tui.h"
#include "vmdb/machine.h"

/* The pane's argument: a pid (pgtable, vma, vmalist; "current"), unfold
 * or fold (pgtable), a CPU or all (tlb), a pfn (page). */
static int
pane_arg(struct cmd_ctx *c, struct tui *t, int pane, const char *arg)
{
	u64 n;

	if ((pane == PANE_PGTABLE || pane == PANE_VMA ||
	     pane == PANE_VMALIST) && !strcmp(arg, "current")) {
		t->pid = 0;
	} else if (pane == PANE_PGTABLE && (!strcmp(arg, "unfold") ||
					    !strcmp(arg, "fold"))) {
		t->unfold = arg[0] == 'u';
	} else if (pane == PANE_PGTABLE || pane == PANE_VMA ||
		   pane == PANE_VMALIST) {
		if (!arg_task(c, arg, true))
			return -1;
		if (arg_number(c, "PID", arg, 1, 0x7fffffff, &n))
			return -1;
		t->pid = (int)n;
	} else if (pane == PANE_TLB) {
		if (!strcmp(arg, "all")) {
			t->cpu = -1;
			return 0;
		}
		if (arg_number(c, "CPU", arg, 0, (u64)c->m->nr_cpus - 1, &n))
			return -1;
		t->cpu = (int)n;
	} else if (pane == PANE_PAGE) {
		if (arg_number(c, "PFN", arg, 0,
			       c->m->max_mapnr ? c->m->max_mapnr - 1 : 0, &n))
			return -1;
		t->pfn = (long)n;
	} else {
		return cmd_error(c, "pane '%s' takes no argument",
				 pane_defs[pane]->name);
	}
	return 0;
}

/* The pane after (dir 1) or before (-1) the focused one in the layout. */
static int
cycle(const struct layout *l, int focus, int dir)
{
	int order[LAYOUT_MAX_ROWS * LAYOUT_MAX_COLS], n = 0, i, j;

	for (i = 0; i < l->nrows; i++)
		for (j = 0; j < l->row[i].npanes; j++)
			order[n++] = l->row[i].pane[j];
	for (i = 0; i < n; i++)
		if (order[i] == focus)
			return order[(i + dir + n) % n];
	return order[0];
}

static int
focus_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct tui *t = tui_get(c->v);
	const struct layout *l = tui_layout(t);
	int pane;

	if (argc == 0) {
		out_printf(c->out, "focus %s (layout %s)\n",
			   pane_defs[t->focus]->name, l->name);
		if (t->pid)
			out_printf(c->out, "pgtable, vma, vmalist: pid %d\n",
				   t->pid);
		else
			out_puts(c->out, "pgtable, vma, vmalist: the current "
				 "task\n");
		out_printf(c->out, "pgtable: %s\n", t->unfold ?
			   "every table unfolded" : "tables folded");
		if (t->cpu >= 0)
			out_printf(c->out, "tlb: cpu %d\n", t->cpu);
		else
			out_puts(c->out, "tlb: every cpu\n");
		if (t->pfn >= 0)
			out_printf(c->out, "page: pfn 0x%lx\n", t->pfn);
		return 0;
	}
	if (!strcmp(argv[0], "next") || !strcmp(argv[0], "prev")) {
		if (argc > 1)
			return cmd_error(c, "%s takes no argument", argv[0]);
		t->focus = cycle(l, t->focus, argv[0][0] == 'n' ? 1 : -1);
		return 0;
	}
	pane = pane_lookup(argv[0]);
	if (pane < 0)
		return cmd_error(c, "no pane named '%s' (layout lists them)",
				 argv[0]);
	if (!layout_has(l, pane))
		return cmd_error(c, "pane '%s' is not in layout %s", argv[0],
				 l->name);
	if (argc > 1 && pane_arg(c, t, pane, argv[1]))
		return -1;
	t->focus = pane;
	return 0;
}

const struct cmd_entry cmd_focus_entry = {
	.name = "focus",
	.usage = "[PANE [ARG] | next | prev]",
	.summary = "choose the TUI's focused pane and what a pane shows",
	.help =
"focus PANE makes PANE, one of the current layout's, the focused pane:\n"
"its title bar stands out and PgUp and PgDn scroll it. focus next and\n"
"focus prev go round the layout's panes. Without an argument, focus\n"
"tells which pane has it and what the panes look at.\n"
"\n"
"ARG chooses what a pane shows: for pgtable, vma and vmalist a PID (or\n"
"current, the default: the current task as cpu and switch leave it);\n"
"for pgtable also unfold (every page table opened, not only the one\n"
"holding the address just walked and the ones that changed) or fold;\n"
"for tlb a CPU, or all (the default); for page a PFN.\n"
"\n"
"Examples:\n"
"  focus pgtable 2\n"
"  focus tlb 1\n"
"  focus next\n",
	.args_min = 0,
	.args_max = 2,
	.flags = CMD_NO_PARANOID,
	.exec = focus_exec,
};
