/* ui/tui/view.c: the panes together: the table of panes, a refresh of
 * one (render, compare, keep the interesting line in view), a row of a
 * pane as cells (what screen.c draws and `tui dump` prints), and the
 * status line. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/machine.h"
#include "vmdb/out.h"
#include "vmdb/sched.h"
#include "ui/tui/tui.h"

const struct pane_def *const pane_defs[NR_PANES] = {
	[PANE_PGTABLE] = &pane_pgtable,
	[PANE_BUDDY] = &pane_buddy,
	[PANE_VMA] = &pane_vma,
	[PANE_VMALIST] = &pane_vmalist,
	[PANE_TLB] = &pane_tlb,
	[PANE_TRACE] = &pane_trace,
	[PANE_OUTPUT] = &pane_output,
	[PANE_SLAB] = &pane_slab,
	[PANE_PKMAP] = &pane_pkmap,
	[PANE_PAGE] = &pane_page,
	[PANE_MEMINFO] = &pane_meminfo,
};

int
pane_lookup(const char *name)
{
	int i;

	for (i = 0; i < NR_PANES; i++)
		if (!strcmp(pane_defs[i]->name, name))
			return i;
	return -1;
}

void
pane_show_text(struct pane *p, struct machine *m,
	       void (*show)(struct machine *, struct out *), u64 tag)
{
	struct out o;

	out_init_buf(&o);
	show(m, &o);
	pm_from_text(&p->model, o.sb.buf, tag);
	out_done(&o);
}

static u64
model_hash(const struct pane_model *pm)
{
	u64 h = tui_hash(pm->title, strlen(pm->title), (u64)pm->nlines);
	int i;

	for (i = 0; i < pm->nlines; i++)
		h = tui_hash(&pm->lines[i].hash, sizeof(u64), h) ^
			pm->lines[i].attr;
	return h;
}

static void
clamp_scroll(struct pane *p, int rows)
{
	int max = p->model.nlines - rows;

	if (p->scroll > max)
		p->scroll = max;
	if (p->scroll < 0)
		p->scroll = 0;
}

/* Keeps line i in view, a third from the top when it must move. */
static void
show_line(struct pane *p, int i, int rows)
{
	if (i < p->scroll || i >= p->scroll + rows)
		p->scroll = i - rows / 3;
}

void
pane_refresh(struct pane *p, const struct tui_view *tv, int rows)
{
	u64 before = model_hash(&p->model), after;
	u64 context = p->model.context;
	int i, content = rows - 1;

	pm_reset(&p->model);
	p->def->render(p, tv);
	pm_end(&p->model);
	if (p->model.context != context)
		base_reset(&p->base);
	if (p->def->generic_diff)
		p->nchanged = pm_diff(&p->model, &p->base);
	after = model_hash(&p->model);
	if (after == before && rows == p->rows && p->model.nlines)
		return;
	p->dirty = true;
	if (after != before)
		p->user_scrolled = false;
	p->rows = rows;
	if (content < 1 || p->user_scrolled)
		return;
	if (p->def->follow_end && p->model.mark < 0) {
		p->scroll = p->model.nlines - content;
	} else if (p->model.mark >= 0) {
		show_line(p, p->model.mark, content);
	} else if (p->nchanged) {
		for (i = 0; i < p->model.nlines; i++)
			if (p->model.lines[i].attr == TA_CHANGED)
				break;
		if (i < p->model.nlines)
			show_line(p, i, content);
	}
	clamp_scroll(p, content);
}

void
pane_scroll(struct pane *p, int delta, int rows)
{
	p->scroll += delta;
	clamp_scroll(p, rows - 1);
	p->user_scrolled = true;
	p->dirty = true;
}

/* ---- a row of cells ------------------------------------------------------ */

static void
put(struct tui_row *r, int x, const char *s, int n, int attr)
{
	int i;

	for (i = 0; i < n && x + i < r->w; i++) {
		r->ch[x + i] = s[i];
		r->attr[x + i] = (u8)attr;
	}
}

/* A scroll indicator for the title: "12-20/150". */
void
pane_scroll_note(const struct pane *p, int rows, char *buf, size_t n)
{
	int content = rows - 1, last;

	buf[0] = '\0';
	if (p->model.nlines <= content || content < 1)
		return;
	last = p->scroll + content;
	if (last > p->model.nlines)
		last = p->model.nlines;
	snprintf(buf, n, " %d-%d/%d ", p->scroll + 1, last, p->model.nlines);
}

/* Model line i as the first tw cells of r: the gutter, then the text
 * with its spans. */
static void
line_cells(const struct pane_model *pm, int i, int tw, struct tui_row *r)
{
	const struct tline *l = &pm->lines[i];
	u32 k;

	put(r, 0, &l->gutter, 1, l->attr);
	if (tw > 1)
		put(r, 1, pm_text(pm, i),
		    (int)l->len < tw - 1 ? (int)l->len : tw - 1, l->attr);
	for (k = 0; k < l->nspan; k++) {
		const struct tspan *sp = &pm->spans[l->span + k];
		int x = 1 + sp->start, n = sp->len;

		if (x >= tw)
			continue;
		if (x + n > tw)
			n = tw - x;
		/* A marked line keeps its colour over the spans, except the
		 * tree's node colours and the bars. */
		if (l->attr == TA_NORMAL || sp->attr == TA_RED ||
		    sp->attr == TA_BLACK || sp->attr == TA_BAR)
			memset(r->attr + x, sp->attr, (size_t)n);
	}
}

void
pane_row(const struct pane *p, int row, int h, int w, bool focused, bool sep,
	 struct tui_row *r)
{
	const struct pane_model *pm = &p->model;
	int tw = sep ? w - 1 : w, i;

	r->w = w;
	/* A title bar's empty cells are NUL: a bar on the screen, a rule
	 * of dashes in a dump. */
	memset(r->ch, row == 0 ? '\0' : ' ', (size_t)w);
	memset(r->attr, row == 0 ? (focused ? TA_FOCUS : TA_TITLE) : TA_NORMAL,
	       (size_t)w);
	if (row == 0) {
		char buf[TUI_ROW_MAX];
		int n = snprintf(buf, sizeof(buf), " %s%s%s ", p->def->name,
				 pm->title[0] ? ": " : "", pm->title);

		put(r, 0, buf, n, focused ? TA_FOCUS : TA_TITLE);
		pane_scroll_note(p, h, buf, sizeof(buf));
		n = (int)strlen(buf);
		if (n && n + 2 < w)
			put(r, w - n, buf, n, focused ? TA_FOCUS : TA_TITLE);
		return;
	}
	if (sep)
		put(r, w - 1, "|", 1, TA_DIM);
	i = p->scroll + row - 1;
	if (i >= 0 && i < pm->nlines)
		line_cells(pm, i, tw, r);
}

/* ---- the whole screen, headless ------------------------------------------ */

void
tui_status(const struct tui *t, const struct tui_view *tv, struct strbuf *sb)
{
	struct machine *m = tv->m;
	struct task_struct *cur = current_task(m);

	if (cur)
		sb_printf(sb, " pid %d (%s)", cur->pid, cur->comm);
	else
		sb_puts(sb, " no task");
	sb_printf(sb, "  cpu %d", m->this_cpu);
	if (tv->stopped && tv->where) {
		const char *sp = strchr(tv->where, ' ');

		sb_printf(sb, "  stopped at %.*s",
			  sp ? (int)(sp - tv->where) : (int)strlen(tv->where),
			  tv->where);
	}
	sb_printf(sb, "  | layout %s, focus %s", tui_layout(t)->name,
		  pane_defs[t->focus]->name);
}

static void
dump_row(struct strbuf *dump, char *line, int cols)
{
	int n = cols;

	while (n > 0 && line[n - 1] == ' ')
		n--;
	sb_add(dump, line, (size_t)n);
	sb_puts(dump, "\n");
}

void
tui_render(struct tui *t, const struct tui_view *tv, int cols, int rows,
	   struct strbuf *dump)
{
	struct pane_rect r[LAYOUT_MAX_ROWS * LAYOUT_MAX_COLS];
	bool degraded;
	int n, i, y, x;
	char *screen = NULL;
	struct tui_row row;
	struct strbuf st;

	if (cols > TUI_ROW_MAX)
		cols = TUI_ROW_MAX;
	n = tui_geometry(tui_layout(t), t->focus, cols, rows, r,
			 (int)ARRAY_SIZE(r), &degraded);
	for (i = 0; i < n; i++)
		pane_refresh(&t->panes[r[i].pane], tv, r[i].h);
	if (!dump)
		return;
	if (n == 0) {
		sb_printf(dump, "terminal too small (%dx%d): vmdb needs "
			  "%dx%d\n", cols, rows, TUI_MIN_COLS, TUI_MIN_ROWS);
		return;
	}
	screen = xmalloc((size_t)cols * (size_t)rows);
	memset(screen, ' ', (size_t)cols * (size_t)rows);
	for (i = 0; i < n; i++) {
		const struct pane *p = &t->panes[r[i].pane];
		bool sep = r[i].x + r[i].w < cols;

		for (y = 0; y < r[i].h; y++) {
			pane_row(p, y, r[i].h, r[i].w, r[i].pane == t->focus,
				 sep, &row);
			for (x = 0; x < r[i].w; x++)
				screen[(r[i].y + y) * cols + r[i].x + x] =
					row.ch[x] ? row.ch[x] : '-';
		}
	}
	sb_init(&st);
	if (degraded)
		sb_printf(&st, " %dx%d: fewer panes (%dx%d shows them all) |",
			  cols, rows, TUI_MIN_COLS, TUI_MIN_ROWS);
	tui_status(t, tv, &st);
	memcpy(screen + (rows - 2) * cols, st.buf,
	       st.len < (size_t)cols ? st.len : (size_t)cols);
	sb_free(&st);
	/* The last row is the command line: not part of a dump. */
	for (y = 0; y < rows - 1; y++)
		dump_row(dump, screen + y * cols, cols);
	free(screen);
}
