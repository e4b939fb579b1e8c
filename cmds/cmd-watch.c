/* cmds/cmd-watch.c: `watch pte|page|free|vma ...`: stop a command when a
 * piece of the simulated state changes. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "debug.h"
#include "vmdb/mm.h"
#include "vmdb/pgtable.h"
#include "vmdb/sched.h"
#include "vmdb/util.h"

static int
watch_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct breakpoint w, *b;
	struct task_struct *t;
	struct strbuf sb;
	const char *kind = argv[0];
	u64 v, order;
	int i, zone = -1, nwant;

	memset(&w, 0, sizeof(w));
	if (!strcmp(kind, "pte") || !strcmp(kind, "vma")) {
		w.wkind = kind[0] == 'p' ? WATCH_PTE : WATCH_VMA;
		nwant = 2;
	} else if (!strcmp(kind, "page")) {
		w.wkind = WATCH_PAGE;
		nwant = 2;
	} else if (!strcmp(kind, "free")) {
		w.wkind = WATCH_FREE;
		nwant = 3;
	} else {
		return cmd_error(c, "what to watch: pte, page, free or vma, "
				 "not '%s'", kind);
	}
	if (argc != nwant)
		return cmd_error(c, "usage: watch %s", w.wkind == WATCH_FREE ?
				 "free ZONE ORDER" : w.wkind == WATCH_PAGE ?
				 "page PFN" : w.wkind == WATCH_PTE ?
				 "pte ADDR [--pid N]" : "vma ADDR [--pid N]");
	if (args_has(c, "pid") && w.wkind != WATCH_PTE && w.wkind != WATCH_VMA)
		return cmd_error(c, "--pid is for watch pte and watch vma");
	switch (w.wkind) {
	case WATCH_PTE:
	case WATCH_VMA:
		if (arg_address(c, "address", argv[1], 0xffffffffu, &v))
			return -1;
		t = arg_task(c, args_get(c, "pid"), true);
		if (!t)
			return -1;
		if (v >= t->mm->task_size)
			return cmd_error(c, "0x%08x is not a user address "
					 "(the kernel's page tables are "
					 "shared: watch page instead)",
					 (u32)v);
		w.addr = (u32)v;
		w.pid = t->pid;
		break;
	case WATCH_PAGE:
		if (arg_number(c, "pfn", argv[1], 0, c->m->max_mapnr - 1, &v))
			return -1;
		w.pfn = (u32)v;
		break;
	case WATCH_FREE:
		for (i = 0; i < MAX_NR_ZONES; i++)
			if (!strcasecmp(argv[1], zone_names[i]) &&
			    populated_zone(&c->m->zones[i]))
				zone = i;
		if (zone < 0)
			return cmd_error(c, "no populated zone named '%s'",
					 argv[1]);
		if (arg_number(c, "order", argv[2], 0, MAX_ORDER - 1, &order))
			return -1;
		w.zone = zone;
		w.order = (int)order;
		break;
	}
	b = dbg_bp_new(dbg_get(c->v), BP_WATCH);
	w.num = b->num;
	w.type = BP_WATCH;
	w.enabled = true;
	w.tp = -1;
	*b = w;
	dbg_watch_read(c->v, b, &b->old);
	sb_init(&sb);
	sb_printf(&sb, "Watchpoint %d: ", b->num);
	dbg_bp_describe(c->v, b, &sb);
	sb_puts(&sb, " = ");
	dbg_watch_format(c->v, b, &b->old, &sb);
	sb_puts(&sb, "\n");
	out_puts(c->out, sb.buf);
	sb_free(&sb);
	dbg_attach(c->v);
	return 0;
}

const struct cmd_entry cmd_watch_entry = {
	.name = "watch",
	.usage = "pte ADDR [--pid N] | page PFN | free ZONE ORDER | vma ADDR "
		 "[--pid N]",
	.summary = "stop when a PTE, a struct page, a free list or a VMA changes",
	.help =
"watch sets a watchpoint: a command stops at the first trace point after\n"
"the watched state changed, printing the old and the new value (a change\n"
"after its last trace point is printed when it ends).\n"
"\n"
"  pte ADDR     the page-table entry that maps user address ADDR in the\n"
"               current task (--pid N: another one), decoded\n"
"  page PFN     the struct page of frame PFN: flags, _count, _mapcount,\n"
"               private (a free block's order), mapping, index\n"
"  free ZONE ORDER  the number of free blocks on that buddy free list\n"
"  vma ADDR     the VMA that contains ADDR: bounds, flags, offset\n"
"\n"
"Watchpoints are numbered with breakpoints: info watchpoints, delete,\n"
"disable, enable and ignore work on them.\n"
"\n"
"Examples:\n"
"  watch pte 0x0804a000\n"
"  watch free Normal 3\n",
	.opts = "pid=",
	.args_min = 2,
	.args_max = 3,
	.flags = CMD_NO_PARANOID,
	.exec = watch_exec,
};
