/* tests/bench/bench-tui.c: tui_refresh_ms, what the TUI spends after a
 * step redrawing its panes, measured headless: every pane (page tables,
 * free lists, VMA tree and list, TLB, trace, output, slab, pkmap, page,
 * meminfo) rendered into its model and compared with what it showed,
 * on a machine with 50 processes and 10 000 VMAs, the focused one
 * holding most of them.  The step is a write fault on a fresh page of
 * the focused process; only the refresh after it is timed (median of
 * TUI_RUNS).  Target (issue 6): under 16 ms, one frame at 60 Hz.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/machine.h"
#include "vmdb/mmap.h"
#include "vmdb/sched.h"
#include "vmdb/util.h"
#include "ui/tui/tui.h"

#include "bench.h"

#define TUI_PROCS	50
#define TUI_VMAS	10000
#define TUI_RUNS	31
#define TUI_ROWS	60	/* a tall terminal's pane */
#define TUI_LOG		2000	/* lines of output in the session */

static void
write_page(struct machine *m, u32 addr)
{
	struct user_access ua;

	memset(&ua, 0, sizeof(ua));
	if (access_one(m, m->this_cpu, addr, ACC_USER | ACC_WRITE, &ua))
		fatal("bench: write to %08x: %s", addr, m->why);
}

/* The focused process's VMAs: one page each, read-only and writable in
 * turn so that none merges with its neighbour; returns the first
 * writable one's address (top-down: the others are below it, every
 * second page). */
static u32
map_vmas(struct machine *m, struct mm_struct *mm, int n)
{
	u32 first = 0;
	int i;

	for (i = 0; i < n; i++) {
		long a = do_mmap_pgoff(m, mm, NULL, 0, PAGE_SIZE,
				       PROT_READ | (i % 2 ? 0 : PROT_WRITE),
				       MAP_PRIVATE | MAP_ANONYMOUS, 0);

		if (a < 0)
			fatal("bench: mmap %d: %s", i, m->why);
		if (i == 0)
			first = (u32)a;
	}
	return first;
}

void
bench_tui(void)
{
	char *argv[] = { "/bin/sh", NULL };
	struct pane panes[NR_PANES];
	struct machine *m = boot("pc-1g");
	struct task_struct *t = NULL;
	double times[TUI_RUNS];
	struct tui_view tv;
	u32 first;
	int i, k, vmas = 0;

	for (i = 0; i < TUI_PROCS; i++)
		if (do_execve(m, argv[0], 1, argv, false, &t))
			fatal("bench: spawn: %s", m->why);
	for (t = m->sched->tasks; t; t = t->next_task)
		vmas += t->mm ? t->mm->map_count : 0;
	t = current_task(m);
	first = map_vmas(m, t->mm, TUI_VMAS - vmas);
	/* Every tenth writable VMA written: page tables to show. */
	for (i = 0; i < (TUI_VMAS - vmas) / 2; i += 10)
		write_page(m, first - 2 * (u32)i * PAGE_SIZE);

	memset(&tv, 0, sizeof(tv));
	tv.m = m;
	tv.cpu = -1;
	tv.pfn = 0x1000;
	tv.log = xcalloc(TUI_LOG, sizeof(*tv.log));
	tv.log_attr = xcalloc(TUI_LOG, 1);
	for (i = 0; i < TUI_LOG; i++) {
		tv.log[i] = xasprintf("line %d of what the commands printed",
				      i);
		tv.log_attr[i] = LOG_CMD;
	}
	tv.nlog = TUI_LOG;
	tv.cmd_first = TUI_LOG - 40;
	for (k = 0; k < NR_PANES; k++) {
		memset(&panes[k], 0, sizeof(panes[k]));
		panes[k].def = pane_defs[k];
		pm_init(&panes[k].model);
		pane_refresh(&panes[k], &tv, TUI_ROWS);
	}
	for (i = 0; i < TUI_RUNS; i++) {
		double t0;

		/* The step: a fault on a page of a VMA not yet written. */
		tv.addr = first - 2 * (u32)(10 * i + 1) * PAGE_SIZE;
		tv.have_addr = true;
		write_page(m, tv.addr);
		t0 = now_ns();
		for (k = 0; k < NR_PANES; k++)
			pane_refresh(&panes[k], &tv, TUI_ROWS);
		times[i] = now_ns() - t0;
		if (!panes[PANE_PGTABLE].nchanged)
			fatal("bench: the page-table pane saw no change");
	}
	printf("tui_refresh_ms %.2f ms\n", median(times, TUI_RUNS) / 1e6);
	for (k = 0; k < NR_PANES; k++) {
		if (panes[k].def->free_priv)
			panes[k].def->free_priv(&panes[k]);
		pm_free(&panes[k].model);
		base_free(&panes[k].base);
	}
	for (i = 0; i < TUI_LOG; i++)
		free(tv.log[i]);
	free(tv.log);
	free(tv.log_attr);
	machine_free(m);
}
