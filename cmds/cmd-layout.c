/* cmds/cmd-layout.c: `layout [NAME | define NAME ROW...]`: which panes
 * the TUI shows and where (src/ui/tui/layout.c). */
#include "config.h"

#include <string.h>

#include "cmd.h"
#include "ui/tui/tui.h"

static void
list_layouts(struct cmd_ctx *c, struct tui *t)
{
	struct strbuf sb;
	int i;

	sb_init(&sb);
	for (i = 0; i < t->nlayouts; i++) {
		sb_printf(&sb, "%c %-10s ", i == t->cur ? '*' : ' ',
			  t->layouts[i].name);
		layout_format(&t->layouts[i], &sb);
		sb_puts(&sb, t->layouts[i].builtin ? "\n" : "  (defined)\n");
	}
	sb_puts(&sb, "panes:\n");
	for (i = 0; i < NR_PANES; i++)
		sb_printf(&sb, "  %-10s %s\n", pane_defs[i]->name,
			  pane_defs[i]->summary);
	out_puts(c->out, sb.buf);
	sb_free(&sb);
}

static int
layout_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct tui *t = tui_get(c->v);
	char why[160];
	int i;

	if (argc == 0) {
		list_layouts(c, t);
		return 0;
	}
	if (!strcmp(argv[0], "define")) {
		if (layout_define(t, argc - 1, argv + 1, why, sizeof(why)))
			return cmd_error(c, "define: %s", why);
		return 0;
	}
	if (argc > 1)
		return cmd_error(c, "one layout name, or define NAME ROW...");
	i = layout_find(t, argv[0]);
	if (i < 0)
		return cmd_error(c, "no layout named '%s' (layout lists them)",
				 argv[0]);
	t->cur = i;
	if (!layout_has(&t->layouts[i], t->focus))
		t->focus = t->layouts[i].row[0].pane[0];
	return 0;
}

const struct cmd_entry cmd_layout_entry = {
	.name = "layout",
	.usage = "[NAME | define NAME ROW...]",
	.summary = "choose or define the TUI's arrangement of panes",
	.help =
"layout NAME shows the panes of layout NAME in the TUI (see tui); given\n"
"before tui, or in a script run with -x before --tui, it is the layout\n"
"the TUI starts with. Without an argument, layout lists the layouts (the\n"
"one in use starred) and the panes. The built-in layouts:\n"
"  fault   page tables and the VMA tree, the free lists and the TLBs,\n"
"          the trace and the output: a page fault end to end\n"
"  alloc   the free lists and the slab caches, the trace and the output\n"
"  vm      the VMA tree and list, the page tables and the output\n"
"\n"
"layout define NAME ROW... makes a layout (or redefines one you made):\n"
"each ROW is PANE[+PANE...][:WEIGHT], the panes of a row side by side,\n"
"rows top to bottom, each as tall as its WEIGHT (1 to 9, default 1)\n"
"against the others'. A terminal smaller than 80x24 shows only the\n"
"focused pane and the output.\n"
"\n"
"Examples:\n"
"  layout vm\n"
"  layout define cow pgtable+vma:2 buddy+trace:1 output:1\n",
	.args_min = 0,
	.args_max = -1,
	.flags = CMD_NO_PARANOID | CMD_RAW_ARGS,
	.exec = layout_exec,
};
