/* cmds/debug.c: stopping a command at its trace points (see debug.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "debug.h"
#include "journal.h"
#include "snapshot.h"
#include "snapshot.h"
#include "vmdb/coro.h"
#include "vmdb/mm.h"
#include "vmdb/mmap.h"
#include "vmdb/mmu.h"
#include "vmdb/pgtable.h"
#include "vmdb/sched.h"
#include "vmdb/util.h"

/* The engine's deepest paths (a fault that allocates, refills a pcp list
 * and kmaps) are a few dozen frames; sanitizer builds triple a frame. */
#define CORO_STACK	(4u << 20)

const char *const catch_names[NR_CATCH] = {
	[CATCH_SEGV] = "segv",
	[CATCH_OOM] = "oom",
	[CATCH_COW] = "cow",
	[CATCH_TLB_FLUSH] = "tlb-flush",
	[CATCH_IPI] = "ipi",
};

struct dbg *
dbg_get(struct vmdb *v)
{
	if (!v->dbg) {
		v->dbg = xcalloc(1, sizeof(*v->dbg));
		v->dbg->next_num = 1;
		v->dbg->until_tp = -1;
	}
	return v->dbg;
}

bool
dbg_stopped(const struct vmdb *v)
{
	return v->dbg && v->dbg->pending && coro_suspended(v->dbg->co);
}

bool
dbg_may_stop(const struct vmdb *v)
{
	const struct dbg *d = v->dbg;
	int i;

	if (!d)
		return false;
	if (d->mode != DBG_RUN)
		return true;
	for (i = 0; i < d->nbp; i++)
		if (d->bp[i].enabled)
			return true;
	return false;
}

/* ---- the hook ------------------------------------------------------------ */

static void
format_ret(struct strbuf *sb, long ret)
{
	if (ret < 0)
		sb_printf(sb, "%ld", ret);
	else
		sb_printf(sb, "0x%lx", ret);
}

void
dbg_format_event(struct machine *m, struct strbuf *sb,
		 const struct trace_event *ev)
{
	const struct tp_def *def = tp_get(ev->id);

	if (ev->phase == TP_PH_EXIT && def->noret) {
		sb_printf(sb, "%s returned", def->name);
	} else if (ev->phase == TP_PH_EXIT) {
		sb_printf(sb, "%s returned ", def->name);
		format_ret(sb, ev->ret);
	} else {
		sb_printf(sb, "%s ", def->name);
		trace_format_args(m, sb, ev);
	}
	sb_printf(sb, " at %s", def->file);
}

static void
track_frames(struct dbg *d, const struct trace_event *ev)
{
	if (ev->phase == TP_PH_ENTER) {
		if (d->nframes < DBG_MAX_FRAMES)
			d->frames[d->nframes++] = *ev;
		else
			d->lost_frames++;
	} else if (ev->phase == TP_PH_EXIT) {
		if (d->lost_frames > 0)
			d->lost_frames--;
		else if (d->nframes > 0)
			d->nframes--;
	}
}

static bool
catch_matches(const struct breakpoint *b, const struct trace_event *ev)
{
	switch (b->ckind) {
	case CATCH_SEGV:
		return ev->id == TP_force_sig_info && ev->args[0] == 11;
	case CATCH_OOM:
		return ev->id == TP_nopage;
	case CATCH_COW:
		return ev->id == TP_cow_user_page;
	case CATCH_TLB_FLUSH:
		return ev->phase != TP_PH_EXIT &&
			(ev->id == TP_flush_tlb_mm || ev->id == TP_flush_tlb_page ||
			 ev->id == TP_flush_tlb_range ||
			 ev->id == TP_flush_tlb_all ||
			 ev->id == TP_flush_tlb_kernel_range);
	case CATCH_IPI:
		return ev->id == TP_flush_tlb_others;
	case NR_CATCH:
		break;
	}
	return false;
}

/* Does breakpoint b stop at ev?  Counts the hit and spends an ignore. */
static bool
bp_hit(struct vmdb *v, struct breakpoint *b, const struct trace_event *ev)
{
	if (!b->enabled)
		return false;
	if (b->type == BP_BREAK) {
		if (b->tp != (int)ev->id || ev->phase == TP_PH_EXIT)
			return false;
		if (b->cond && !dbg_expr_eval(b->cond, v->m, ev))
			return false;
	} else if (b->type == BP_CATCH) {
		if (!catch_matches(b, ev))
			return false;
	} else {
		return false;
	}
	b->hits++;
	if (b->ignore > 0) {
		b->ignore--;
		return false;
	}
	return true;
}

/* Watchpoints whose value changed since they were last read: prints
 * them (gdb's Old value/New value) and returns how many. */
static int
watch_changes(struct vmdb *v, struct strbuf *sb)
{
	struct dbg *d = v->dbg;
	struct watch_val now;
	int i, n = 0;

	for (i = 0; i < d->nbp; i++) {
		struct breakpoint *b = &d->bp[i];

		if (b->type != BP_WATCH || !b->enabled)
			continue;
		dbg_watch_read(v, b, &now);
		if (!memcmp(&now, &b->old, sizeof(now)))
			continue;
		b->hits++;
		sb_printf(sb, "Watchpoint %d: ", b->num);
		dbg_bp_describe(v, b, sb);
		sb_puts(sb, "\nOld value = ");
		dbg_watch_format(v, b, &b->old, sb);
		sb_puts(sb, "\nNew value = ");
		dbg_watch_format(v, b, &now, sb);
		sb_puts(sb, "\n");
		b->old = now;
		if (b->ignore > 0) {
			b->ignore--;
			continue;
		}
		n++;
	}
	return n;
}

static bool
mode_stops(const struct dbg *d, const struct trace_event *ev)
{
	switch (d->mode) {
	case DBG_RUN:
		return false;
	case DBG_STEP:
		return true;
	case DBG_NEXT:
		/* Stay in the frame: a call it makes is run through and
		 * stopped at again only when it returns. */
		return ev->depth <= d->mode_depth + 1 &&
			!(ev->phase == TP_PH_ENTER &&
			  ev->depth == d->mode_depth + 1);
	case DBG_UNTIL:		/* the trace point, or the frame returns */
		return ((int)ev->id == d->until_tp &&
			ev->phase != TP_PH_EXIT) ||
			(ev->phase == TP_PH_EXIT &&
			 ev->depth <= d->mode_depth);
	case DBG_FINISH:
		return ev->phase == TP_PH_EXIT && ev->depth <= d->mode_depth;
	case DBG_GOTO:		/* handled before the breakpoints */
		break;
	}
	return false;
}

/* For reverse-continue's scan: the first watchpoint whose value changed
 * since it was last read (at the start of the command replayed, or at
 * the event before), or NULL.  Reads them all again; counts no hits,
 * spends no ignores. */
static const struct breakpoint *
watch_changed_quietly(struct vmdb *v)
{
	struct dbg *d = v->dbg;
	struct watch_val now;
	const struct breakpoint *changed = NULL;
	int i;

	for (i = 0; i < d->nbp; i++) {
		struct breakpoint *b = &d->bp[i];

		if (b->type != BP_WATCH || !b->enabled)
			continue;
		dbg_watch_read(v, b, &now);
		if (memcmp(&now, &b->old, sizeof(now))) {
			b->old = now;
			if (!changed)
				changed = b;
		}
	}
	return changed;
}

/* Would reverse-next or reverse-continue stop at ev?  reverse-next goes
 * back over calls: it takes a call's entry, not its return or its
 * inside.  reverse-continue takes a breakpoint's or catchpoint's event,
 * and the first event after a watched value changed (where a forward
 * run reports the change).  Breakpoints count no hits and spend no
 * ignores here.  Returns 0 (no), SCAN_ANY (yes), or the number of the
 * breakpoint, watchpoint or catchpoint that takes ev. */
#define SCAN_ANY	(-1)
static int
scan_matches(struct vmdb *v, const struct trace_event *ev)
{
	struct dbg *d = v->dbg;
	const struct breakpoint *w;
	int i;

	if (d->scan_kind == REV_STEP)
		return SCAN_ANY;
	if (d->scan_kind == REV_NEXT)
		return ev->depth <= d->scan_depth + 1 &&
			!(ev->phase == TP_PH_EXIT &&
			  ev->depth == d->scan_depth + 1) ? SCAN_ANY : 0;
	w = watch_changed_quietly(v);
	if (w)
		return w->num;
	for (i = 0; i < d->nbp; i++) {
		const struct breakpoint *b = &d->bp[i];

		if (!b->enabled)
			continue;
		if (b->type == BP_BREAK && b->tp == (int)ev->id &&
		    ev->phase != TP_PH_EXIT &&
		    (!b->cond || dbg_expr_eval(b->cond, v->m, ev)))
			return b->num;
		if (b->type == BP_CATCH && catch_matches(b, ev))
			return b->num;
	}
	return false;
}

/* Watchpoints' values as they are now. */
static void
watch_refresh(struct vmdb *v)
{
	struct dbg *d = v->dbg;
	int i;

	for (i = 0; i < d->nbp; i++)
		if (d->bp[i].type == BP_WATCH)
			dbg_watch_read(v, &d->bp[i], &d->bp[i].old);
}

/* The seek reached its event (or the command its end): output again,
 * and watchpoints compare with the values here from now on. */
static void
seek_done(struct vmdb *v)
{
	struct dbg *d = v->dbg;

	if (!d->seeking)
		return;
	free(session_restore(v, d->seek_saved));
	free(d->seek_saved);
	d->seek_saved = NULL;
	d->seeking = false;
	watch_refresh(v);
}

static void
dbg_hook(void *arg, struct machine *m, const struct trace_event *ev)
{
	struct vmdb *v = arg;
	struct dbg *d = v->dbg;
	struct breakpoint *hit = NULL;
	struct strbuf sb;
	bool stop;
	int i, nwatch;

	if ((v->trace || v->explain) && !(d && (d->quiet || d->seeking)))
		trace_print_event(v, m, ev);
	/* Only the command on the coroutine stops; read-only commands run
	 * while it is stopped fire trace points too. */
	if (!d || !d->pending || !coro_running(d->co))
		return;
	d->nevents++;
	track_frames(d, ev);
	if (d->quiet)
		return;
	if (d->seeking) {
		int why = 0;

		if (d->scan_kind != REV_NONE && d->nevents <= d->scan_limit)
			why = scan_matches(v, ev);
		if (why) {
			struct scan_hit *h =
				&d->scan_ring[d->scan_count++ % d->scan_want];

			h->event = d->nevents;
			h->bp = why;
		}
		if (d->nevents != d->goto_event)
			return;
		seek_done(v);
		sb_init(&sb);
		/* Which point reverse-continue came back to, said as a
		 * forward run says it. */
		for (i = 0; i < d->nbp && d->goto_bp > 0; i++)
			if (d->bp[i].num == d->goto_bp)
				sb_printf(&sb, "%s %d, ",
					  d->bp[i].type == BP_WATCH ?
					  "Watchpoint" :
					  d->bp[i].type == BP_CATCH ?
					  "Catchpoint" : "Breakpoint",
					  d->goto_bp);
		dbg_format_event(m, &sb, ev);
		sb_puts(&sb, "\n");
		out_puts(&v->out, sb.buf);
		sb_free(&sb);
		d->where = *ev;
		d->frame_sel = 0;
		dbg_attach(v);
		coro_yield(d->co);
		return;
	}

	sb_init(&sb);
	nwatch = watch_changes(v, &sb);
	stop = nwatch > 0 || mode_stops(d, ev);
	for (i = 0; i < d->nbp; i++) {
		if (bp_hit(v, &d->bp[i], ev) && !hit) {
			hit = &d->bp[i];
			stop = true;
		}
	}
	if (!stop) {
		sb_free(&sb);
		return;
	}
	if (hit && hit->type == BP_CATCH)
		sb_printf(&sb, "Catchpoint %d (%s), ", hit->num,
			  catch_names[hit->ckind]);
	else if (hit)
		sb_printf(&sb, "%sreakpoint %d, ",
			  hit->temporary ? "Temporary b" : "B", hit->num);
	dbg_format_event(m, &sb, ev);
	sb_puts(&sb, "\n");
	out_puts(&v->out, sb.buf);
	sb_free(&sb);
	if (hit && hit->temporary)
		dbg_bp_delete(d, hit->num);

	d->where = *ev;
	d->frame_sel = 0;
	snap_stop(v, ev);
	dbg_attach(v);
	coro_yield(d->co);
	/* Resumed by step, next, finish, until or continue. */
}

void
dbg_attach(struct vmdb *v)
{
	if (!v->m)
		return;
	v->m->trace.hook = dbg_hook;
	v->m->trace.hook_arg = v;
	v->m->trace.armed = v->trace || v->explain || dbg_may_stop(v) ||
		(v->dbg && v->dbg->pending);
}

void
vmdb_trace_attach(struct vmdb *v)
{
	dbg_attach(v);
}

/* ---- running and resuming ------------------------------------------------ */

static void
run_pending(void *arg)
{
	struct dbg *d = arg;

	d->pending_rc = cmd_call_exec(d->pending);
}

/* After the coroutine came back: either the command stopped (0), or it
 * ended and is finished like any other command. */
static int
after_switch(struct vmdb *v, bool finished)
{
	struct dbg *d = v->dbg;
	struct cmd_call *call = d->pending;
	struct strbuf sb;

	if (!finished)
		return 0;
	seek_done(v);
	d->pending = NULL;
	d->mode = DBG_RUN;
	d->nframes = 0;
	d->lost_frames = 0;
	/* A change after the last trace point is still a change. */
	if (v->m && !d->quiet) {
		sb_init(&sb);
		if (watch_changes(v, &sb))
			out_puts(&v->out, sb.buf);
		sb_free(&sb);
	}
	dbg_attach(v);
	return cmd_call_finish(call, d->pending_rc);
}

int
dbg_run(struct vmdb *v, struct cmd_call *call)
{
	struct dbg *d = dbg_get(v);

	if (!d->co)
		d->co = coro_new(CORO_STACK);
	d->pending = call;
	d->nframes = 0;
	d->lost_frames = 0;
	d->nevents = 0;
	memset(&d->where, 0, sizeof(d->where));
	watch_refresh(v);
	dbg_attach(v);
	return after_switch(v, coro_start(d->co, run_pending, d));
}

static void
redo_free(struct dbg *d)
{
	int i;

	for (i = 0; i < d->nredo; i++)
		free(d->redo[i]);
	free(d->redo);
	d->redo = NULL;
	d->nredo = d->redo_next = 0;
}

int
dbg_resume(struct cmd_ctx *c, enum dbg_mode mode, int depth, int tp)
{
	struct vmdb *v = c->v;
	struct dbg *d = v->dbg;
	int rc;

	if (!dbg_stopped(v))
		return dbg_not_stopped(c);
	d->mode = mode;
	d->mode_depth = depth;
	d->until_tp = tp;
	dbg_attach(v);
	rc = after_switch(v, coro_resume(d->co));
	/* After a reverse step, the journaled commands that came after run
	 * again, a step or next stopping at the first trace point of the
	 * next one. */
	while (!dbg_stopped(v) && d->redo && d->redo_next < d->nredo) {
		char *line = d->redo[d->redo_next++];
		struct cmd_call *call = cmd_call_parse(v, line, &rc);

		if (!call)
			break;
		d->mode = mode == DBG_STEP || mode == DBG_NEXT ? mode : DBG_RUN;
		d->mode_depth = -1;
		rc = dbg_run(v, call);
	}
	if (!dbg_stopped(v))
		redo_free(d);
	return rc;
}

int
dbg_frame_depth(const struct dbg *d)
{
	int sel = d->frame_sel, idx;

	if (d->where.phase != TP_PH_ENTER) {
		if (sel == 0)
			return d->where.depth - 1;
		sel--;
	}
	idx = d->nframes - 1 - sel;
	return idx >= 0 ? d->frames[idx].depth : -1;
}

int
dbg_refuse(struct cmd_ctx *c)
{
	const struct dbg *d = c->v->dbg;

	return cmd_error(c, "the machine is stopped inside '%s' (at %s); "
			 "step, next, finish or continue it first",
			 cmd_call_line(d->pending), tp_get(d->where.id)->name);
}

int
dbg_not_stopped(struct cmd_ctx *c)
{
	return cmd_error(c, "no command is stopped (set a breakpoint, or "
			 "'step COMMAND' to stop at its first step)");
}

/* Runs a stopped command to its end with no stops and no output, so that
 * its frames unwind and the machine is whole again (quit, end of input). */
static void
finish_quietly(struct vmdb *v)
{
	struct dbg *d = v->dbg;
	struct session_saved saved;

	if (!dbg_stopped(v))
		return;
	d->quiet = true;
	session_quiet(v, &saved);	/* its output and errors: nobody's */
	d->mode = DBG_RUN;
	after_switch(v, coro_resume(d->co));
	free(session_restore(v, &saved));
	d->quiet = false;
}

int
dbg_abort(struct cmd_ctx *c)
{
	struct vmdb *v = c->v;
	size_t n = journal_len(v);
	char *line;
	int rc;

	if (!dbg_stopped(v))
		return dbg_not_stopped(c);
	/* Run it out unseen, so that its frames unwind and nothing it holds
	 * leaks, then rebuild the machine from the journal without it. */
	line = xstrdup(cmd_call_line(v->dbg->pending));
	finish_quietly(v);
	redo_free(v->dbg);
	rc = journal_replay(v, "abort", n);
	snap_session_free(v);
	if (rc == 0)
		out_printf(c->out, "aborted '%s': the machine is as it was "
			   "before it\n", line);
	free(line);
	return rc;
}

void
dbg_free(struct vmdb *v)
{
	struct dbg *d = v->dbg;
	int i;

	if (!d)
		return;
	finish_quietly(v);
	redo_free(d);
	for (i = 0; i < d->nbp; i++) {
		dbg_expr_free(d->bp[i].cond);
		free(d->bp[i].cond_text);
	}
	free(d->bp);
	coro_free(d->co);
	free(d);
	v->dbg = NULL;
}

/* ---- the breakpoint table ------------------------------------------------ */

struct breakpoint *
dbg_bp_new(struct dbg *d, enum bp_type type)
{
	struct breakpoint *b;

	if (d->nbp == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->bp = xrealloc(d->bp, (size_t)d->cap * sizeof(*d->bp));
	}
	b = &d->bp[d->nbp++];
	memset(b, 0, sizeof(*b));
	b->num = d->next_num++;
	b->type = type;
	b->enabled = true;
	b->tp = -1;
	return b;
}

struct breakpoint *
dbg_bp_find(struct dbg *d, int num)
{
	int i;

	for (i = 0; i < d->nbp; i++)
		if (d->bp[i].num == num)
			return &d->bp[i];
	return NULL;
}

void
dbg_bp_delete(struct dbg *d, int num)
{
	struct breakpoint *b = dbg_bp_find(d, num);
	int i;

	if (!b)
		return;
	i = (int)(b - d->bp);
	dbg_expr_free(b->cond);
	free(b->cond_text);
	memmove(b, b + 1, (size_t)(d->nbp - i - 1) * sizeof(*b));
	d->nbp--;
}

int
dbg_bp_each(struct cmd_ctx *c, int argc, char **argv,
	    void (*fn)(struct dbg *d, struct breakpoint *b))
{
	struct dbg *d = dbg_get(c->v);
	int i, *nums = NULL, n = 0, k;

	if (argc == 0) {
		/* fn may delete: walk a copy of the numbers. */
		nums = xmalloc(((size_t)d->nbp + 1) * sizeof(*nums));
		for (i = 0; i < d->nbp; i++)
			nums[n++] = d->bp[i].num;
	} else {
		for (i = 0; i < argc; i++) {
			char *end;
			unsigned long lo = strtoul(argv[i], &end, 10), hi = lo;

			if (*end == '-')
				hi = strtoul(end + 1, &end, 10);
			if (end == argv[i] || *end != '\0' || hi < lo ||
			    hi - lo > 10000 || argv[i][0] == '-') {
				free(nums);
				return cmd_error(c, "not a breakpoint number "
						 "or range: '%s'", argv[i]);
			}
			for (; lo <= hi; lo++) {
				if (!dbg_bp_find(d, (int)lo)) {
					free(nums);
					return cmd_error(c, "no breakpoint "
							 "number %lu", lo);
				}
				nums = xrealloc(nums, ((size_t)n + 1) *
						sizeof(*nums));
				nums[n++] = (int)lo;
			}
		}
	}
	for (k = 0; k < n; k++) {
		struct breakpoint *b = dbg_bp_find(d, nums[k]);

		if (b)
			fn(d, b);
	}
	free(nums);
	dbg_attach(c->v);
	return 0;
}

/* ---- watched values ------------------------------------------------------ */

static struct mm_struct *
watch_mm(struct vmdb *v, const struct breakpoint *b)
{
	struct task_struct *t = find_task_by_pid(v->m, b->pid);

	return t ? t->mm : NULL;
}

void
dbg_watch_read(struct vmdb *v, const struct breakpoint *b,
	       struct watch_val *val)
{
	struct machine *m = v->m;
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	struct pt_walk w;

	memset(val, 0, sizeof(*val));
	if (!m)
		return;
	switch (b->wkind) {
	case WATCH_PTE:
		mm = watch_mm(v, b);
		if (!mm)
			return;
		pt_walk(m, mm->pgd, b->addr, &w);
		val->valid = w.pte_pa != 0;
		val->v[0] = w.pte;
		val->v[1] = w.pte_pa;
		break;
	case WATCH_PAGE:
		if (b->pfn < m->max_mapnr) {
			const struct page *p = &m->mem_map[b->pfn];

			val->valid = true;
			val->v[0] = p->flags;
			val->v[1] = (u32)p->_count;
			val->v[2] = (u32)p->_mapcount;
			val->v[3] = p->private;
			val->v[4] = p->mapping;
			val->v[5] = p->index;
		}
		break;
	case WATCH_FREE:
		if (b->zone < MAX_NR_ZONES) {
			val->valid = true;
			val->v[0] = (u32)m->zones[b->zone]
				.free_area[b->order].nr_free;
		}
		break;
	case WATCH_VMA:
		mm = watch_mm(v, b);
		if (!mm)
			return;
		/* The list, not find_vma: reading must not move mmap_cache
		 * or fire find_vma's trace point. */
		for (vma = mm->mmap; vma; vma = vma->vm_next) {
			if (vma->vm_end <= b->addr)
				continue;
			if (vma->vm_start > b->addr)
				break;
			val->valid = true;
			val->v[0] = vma->vm_start;
			val->v[1] = vma->vm_end;
			val->v[2] = vma->vm_flags;
			val->v[3] = vma->vm_pgoff;
			val->v[4] = vma->vm_page_prot;
			break;
		}
		break;
	}
}

void
dbg_watch_format(struct vmdb *v, const struct breakpoint *b,
		 const struct watch_val *val, struct strbuf *sb)
{
	const char *sep;
	int i;

	(void)v;
	switch (b->wkind) {
	case WATCH_PTE:
		if (!val->valid) {
			sb_puts(sb, "(no page table)");
			break;
		}
		sb_printf(sb, "0x%08x ", val->v[0]);
		pte_decode_format(sb, val->v[0]);
		break;
	case WATCH_PAGE:
		sb_printf(sb, "flags=0x%08x", val->v[0]);
		sep = " (";
		for (i = 0; i < NR_PAGEFLAGS; i++) {
			if (val->v[0] & (1u << i)) {
				sb_printf(sb, "%s%s", sep, pageflag_names[i]);
				sep = "|";
			}
		}
		if (*sep == '|')
			sb_puts(sb, ")");
		sb_printf(sb, " _count=%d _mapcount=%d private=%u "
			  "mapping=0x%x index=0x%x", (int)val->v[1],
			  (int)val->v[2], val->v[3], val->v[4], val->v[5]);
		break;
	case WATCH_FREE:
		sb_printf(sb, "nr_free=%u", val->v[0]);
		break;
	case WATCH_VMA:
		if (!val->valid) {
			sb_puts(sb, "(no VMA)");
			break;
		}
		sb_printf(sb, "%08x-%08x pgoff 0x%x ", val->v[0], val->v[1],
			  val->v[3]);
		vm_flags_format(sb, val->v[2]);
		break;
	}
}

void
dbg_bp_describe(struct vmdb *v, const struct breakpoint *b,
		struct strbuf *sb)
{
	(void)v;
	switch (b->type) {
	case BP_BREAK:
		sb_printf(sb, "%s at %s", tp_get(b->tp)->name,
			  tp_get(b->tp)->file);
		break;
	case BP_CATCH:
		sb_puts(sb, catch_names[b->ckind]);
		break;
	case BP_WATCH:
		switch (b->wkind) {
		case WATCH_PTE:
			sb_printf(sb, "pte 0x%08x (pid %d)", b->addr, b->pid);
			break;
		case WATCH_VMA:
			sb_printf(sb, "vma 0x%08x (pid %d)", b->addr, b->pid);
			break;
		case WATCH_PAGE:
			sb_printf(sb, "page 0x%08x", b->pfn);
			break;
		case WATCH_FREE:
			sb_printf(sb, "free %s order %d",
				  zone_names[b->zone], b->order);
			break;
		}
		break;
	}
}

/* ---- step, next, finish, until, continue ----------------------------------- */

/* "#3  __rmqueue (zone=Normal, order=2, migratetype=Movable) at
 * mm/page_alloc.c"; the last frame is the command itself. */
int
dbg_nr_frames(const struct dbg *d)
{
	return d->nframes + (d->where.phase != TP_PH_ENTER) + 1;
}

void
dbg_format_frame(struct vmdb *v, struct strbuf *sb, int k)
{
	const struct dbg *d = v->dbg;
	int n = k;

	sb_printf(sb, "#%-2d ", k);
	if (d->where.phase != TP_PH_ENTER) {
		if (n == 0) {
			dbg_format_event(v->m, sb, &d->where);
			return;
		}
		n--;
	}
	if (n < d->nframes) {
		dbg_format_event(v->m, sb, &d->frames[d->nframes - 1 - n]);
		return;
	}
	sb_puts(sb, cmd_call_line(d->pending));
}

int
dbg_step_cmd(struct cmd_ctx *c, int argc, char **argv, enum dbg_mode mode)
{
	struct vmdb *v = c->v;
	struct dbg *d = dbg_get(v);
	const struct cmd_entry *e;
	char why[256], *line;
	u64 count = 1, i;
	int rc = 0;

	if (argc == 1 && argv[0][0] >= '0' && argv[0][0] <= '9') {
		if (arg_number(c, "count", argv[0], 1, DBG_MAX_COUNT, &count))
			return -1;
		argc = 0;
	}
	if (argc > 0) {
		/* step COMMAND: run it, stopped at its first step. */
		if (dbg_stopped(v))
			return dbg_refuse(c);
		e = cmd_find(argv[0], why, sizeof(why));
		if (!e)
			return cmd_error(c, "%s", why);
		if (!(e->flags & CMD_MODIFIES))
			return cmd_error(c, "%s does not change the machine: "
					 "there is nothing to step through",
					 e->name);
		line = cmd_join_words(argc, argv);
		d->mode = mode;
		d->mode_depth = -1;
		rc = cmd_run_line(v, line);
		free(line);
		if (!dbg_stopped(v))
			d->mode = DBG_RUN;
		dbg_attach(v);
		return rc;
	}
	if (!dbg_stopped(v))
		return dbg_not_stopped(c);
	for (i = 0; i < count && dbg_stopped(v) && rc == 0; i++)
		rc = dbg_resume(c, mode, dbg_frame_depth(d), -1);
	return rc;
}

/* ---- reverse execution ---------------------------------------------------- */

/*
 * Rebuilds the machine as it was before journal entry idx and runs that
 * entry again on the coroutine, unseen, up to its trace point number
 * target, where it stops and prints it.  With target 0 it runs to its
 * end, counting.  Returns 0, or -1 after an error line.
 */
static int
seek(struct vmdb *v, const char *what, size_t idx, unsigned long target,
     int bp)
{
	struct dbg *d = v->dbg;
	char *line = xstrdup(journal_entry(v, idx)->line);
	struct cmd_call *call;
	int rc;

	rc = journal_replay(v, what, idx);
	call = rc < 0 ? NULL : cmd_call_parse(v, line, &rc);
	free(line);
	if (!call)
		return -1;
	d->mode = DBG_GOTO;
	d->goto_event = target ? target : ~0ul;
	d->goto_bp = bp;
	d->seeking = true;
	d->seek_saved = xmalloc(sizeof(*d->seek_saved));
	session_quiet(v, d->seek_saved);
	dbg_run(v, call);
	return 0;
}

/* Puts line in front of the n lines of *later. */
static void
later_prepend(char ***later, int *n, const char *line)
{
	*later = xrealloc(*later, (size_t)(*n + 2) * sizeof(**later));
	memmove(*later + 1, *later, (size_t)*n * sizeof(**later));
	(*later)[0] = xstrdup(line);
	(*n)++;
}

int
dbg_reverse(struct cmd_ctx *c, int kind, unsigned long count)
{
	struct vmdb *v = c->v;
	struct dbg *d = v->dbg;
	unsigned long k, limit, want = count;
	struct scan_hit hit = { 0, 0 };
	size_t n, idx, i, len;
	char **later = NULL;
	int nlater = 0, depth, rc = -1;

	if (!dbg_stopped(v))
		return dbg_not_stopped(c);
	k = d->nevents;
	n = journal_len(v);
	depth = dbg_frame_depth(d);
	finish_quietly(v);
	len = journal_len(v);
	for (i = len; i-- > n + 1;)
		later_prepend(&later, &nlater, journal_entry(v, i)->line);
	while (d->redo && d->redo_next < d->nredo) {
		later = xrealloc(later, (size_t)(nlater + 1) * sizeof(*later));
		later[nlater++] = xstrdup(d->redo[d->redo_next++]);
	}
	redo_free(d);
	/* Scan the stopped command up to the point before, then whole
	 * commands further back, until count events matched: each scan
	 * keeps the last `want` matches it saw. */
	d->scan_ring = xcalloc(count, sizeof(*d->scan_ring));
	idx = n;
	limit = k - 1;
	for (;;) {
		d->scan_kind = kind;
		d->scan_depth = depth;
		d->scan_limit = limit;
		d->scan_want = want;
		d->scan_count = 0;
		d->scan_found = 0;
		if (limit > 0 && seek(v, "reverse", idx, 0, 0) < 0)
			goto out;
		d->scan_kind = REV_NONE;
		if (d->scan_count >= want) {
			hit = d->scan_ring[(d->scan_count - want) % want];
			d->scan_found = hit.event;
			break;
		}
		want -= d->scan_count;
		if (idx == 1) {
			/* Nothing earlier: the start of the history, as gdb
			 * stops at the start of its record. */
			out_puts(c->out, "No more reverse-execution history.\n");
			d->scan_found = 1;
			break;
		}
		later_prepend(&later, &nlater, journal_entry(v, idx)->line);
		idx--;
		limit = ~0ul;
		depth = -1;		/* the command's outermost steps */
	}
	if (seek(v, "reverse", idx, d->scan_found, hit.bp) < 0)
		goto out;
	d->redo = later;
	d->nredo = nlater;
	d->redo_next = 0;
	later = NULL;
	nlater = 0;
	rc = 0;
out:
	free(d->scan_ring);
	d->scan_ring = NULL;
	for (i = 0; i < (size_t)nlater; i++)
		free(later[i]);
	free(later);
	return rc;
}
