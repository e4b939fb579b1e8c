/* ui/tui/layout.c: layouts (the built-in fault, alloc and vm, and the
 * ones `layout define` makes), where their panes go on a screen of a
 * given size, and the TUI's state that outlives the screen: the layouts,
 * the focus, the panes' models and the session's output log. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/tui/tui.h"

/* The built-in layouts, in `layout define` syntax. */
static const struct {
	const char *name, *rows;
} builtin_layouts[] = {
	/* A fault: the tables it walks and fills, the VMA it finds, the
	 * page it allocates, the TLB it fills, and where it stands. */
	{ "fault", "pgtable+vma:3 buddy+tlb:2 trace+output:2" },
	/* The page and slab allocators. */
	{ "alloc", "buddy+slab:3 trace+output:2" },
	/* Address spaces: the VMA tree and list, and the tables. */
	{ "vm", "vma+vmalist:3 pgtable+output:2" },
};

/* The output log keeps this many lines. */
#define LOG_MAX		4000

/* Is pane in the first nrows rows of l? */
static bool
layout_rows_have(const struct layout *l, int nrows, int pane)
{
	int i, j;

	for (i = 0; i < nrows; i++)
		for (j = 0; j < l->row[i].npanes; j++)
			if (l->row[i].pane[j] == pane)
				return true;
	return false;
}

static int
parse_rows(struct layout *l, int argc, char **argv, char *why, size_t n)
{
	int i;

	if (argc > LAYOUT_MAX_ROWS) {
		snprintf(why, n, "at most %d rows", LAYOUT_MAX_ROWS);
		return -1;
	}
	l->nrows = 0;
	for (i = 0; i < argc; i++) {
		char *spec = xstrdup(argv[i]), *colon, *p, *save = NULL;
		int row = l->nrows;

		l->row[row].weight = 1;
		l->row[row].npanes = 0;
		colon = strchr(spec, ':');
		if (colon) {
			*colon++ = '\0';
			if (strlen(colon) != 1 || colon[0] < '1' ||
			    colon[0] > '9') {
				snprintf(why, n, "'%s': a weight is 1 to 9",
					 argv[i]);
				free(spec);
				return -1;
			}
			l->row[row].weight = colon[0] - '0';
		}
		for (p = strtok_r(spec, "+", &save); p;
		     p = strtok_r(NULL, "+", &save)) {
			int pane = pane_lookup(p);

			if (pane < 0) {
				snprintf(why, n, "no pane named '%s'", p);
				free(spec);
				return -1;
			}
			if (l->row[row].npanes == LAYOUT_MAX_COLS) {
				snprintf(why, n, "'%s': at most %d panes a row",
					 argv[i], LAYOUT_MAX_COLS);
				free(spec);
				return -1;
			}
			if (layout_rows_have(l, row + 1, pane)) {
				snprintf(why, n, "pane '%s' twice", p);
				free(spec);
				return -1;
			}
			l->row[row].pane[l->row[row].npanes++] = pane;
		}
		free(spec);
		if (l->row[row].npanes == 0) {
			snprintf(why, n, "'%s': a row needs a pane", argv[i]);
			return -1;
		}
		l->nrows++;
	}
	return 0;
}

struct tui *
tui_new(void)
{
	struct tui *t = xcalloc(1, sizeof(*t));
	char why[128];
	size_t i;
	int p;

	for (i = 0; i < ARRAY_SIZE(builtin_layouts); i++) {
		struct layout *l = &t->layouts[t->nlayouts++];
		char *rows = xstrdup(builtin_layouts[i].rows), *argv[8];
		char *save = NULL, *w;
		int argc = 0;

		for (w = strtok_r(rows, " ", &save); w && argc < 8;
		     w = strtok_r(NULL, " ", &save))
			argv[argc++] = w;
		snprintf(l->name, sizeof(l->name), "%s",
			 builtin_layouts[i].name);
		if (parse_rows(l, argc, argv, why, sizeof(why)))
			fatal("tui: built-in layout %s: %s", l->name, why);
		l->builtin = true;
		free(rows);
	}
	for (p = 0; p < NR_PANES; p++) {
		t->panes[p].def = pane_defs[p];
		pm_init(&t->panes[p].model);
	}
	t->cur = 0;
	t->focus = t->layouts[0].row[0].pane[0];
	t->cpu = -1;
	t->pfn = -1;
	sb_init(&t->partial[0]);
	sb_init(&t->partial[1]);
	return t;
}

void
tui_free(struct tui *t)
{
	int i;

	if (!t)
		return;
	for (i = 0; i < NR_PANES; i++) {
		struct pane *p = &t->panes[i];

		if (p->def && p->def->free_priv)
			p->def->free_priv(p);
		pm_free(&p->model);
		base_free(&p->base);
	}
	for (i = 0; i < t->nlog; i++)
		free(t->log[i]);
	free(t->log);
	free(t->log_attr);
	sb_free(&t->partial[0]);
	sb_free(&t->partial[1]);
	free(t);
}

const struct layout *
tui_layout(const struct tui *t)
{
	return &t->layouts[t->cur];
}

int
layout_find(const struct tui *t, const char *name)
{
	int i;

	for (i = 0; i < t->nlayouts; i++)
		if (!strcmp(t->layouts[i].name, name))
			return i;
	return -1;
}

bool
layout_has(const struct layout *l, int pane)
{
	return layout_rows_have(l, l->nrows, pane);
}

int
layout_define(struct tui *t, int argc, char **argv, char *why, size_t n)
{
	struct layout l;
	const char *s;
	int i;

	memset(&l, 0, sizeof(l));
	if (argc < 2) {
		snprintf(why, n, "usage: layout define NAME ROW...");
		return -1;
	}
	for (s = argv[0]; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
			break;
	if (*s || strlen(argv[0]) >= LAYOUT_NAME_MAX ||
	    !isalpha((unsigned char)argv[0][0])) {
		snprintf(why, n, "'%s': a layout name is a letter and up to %d "
			 "letters, digits, - or _", argv[0],
			 LAYOUT_NAME_MAX - 2);
		return -1;
	}
	if (!strcmp(argv[0], "define")) {
		snprintf(why, n, "'define' cannot name a layout");
		return -1;
	}
	i = layout_find(t, argv[0]);
	if (i >= 0 && t->layouts[i].builtin) {
		snprintf(why, n, "'%s' is a built-in layout", argv[0]);
		return -1;
	}
	if (i < 0 && t->nlayouts == LAYOUT_MAX) {
		snprintf(why, n, "at most %d layouts", LAYOUT_MAX);
		return -1;
	}
	if (parse_rows(&l, argc - 1, argv + 1, why, n))
		return -1;
	snprintf(l.name, sizeof(l.name), "%s", argv[0]);
	if (i < 0)
		i = t->nlayouts++;
	t->layouts[i] = l;
	if (i == t->cur && !layout_has(&l, t->focus))
		t->focus = l.row[0].pane[0];
	return 0;
}

void
layout_format(const struct layout *l, struct strbuf *sb)
{
	int i, j;

	for (i = 0; i < l->nrows; i++) {
		if (i)
			sb_puts(sb, " ");
		for (j = 0; j < l->row[i].npanes; j++)
			sb_printf(sb, "%s%s", j ? "+" : "",
				  pane_defs[l->row[i].pane[j]]->name);
		sb_printf(sb, ":%d", l->row[i].weight);
	}
}

/* ---- geometry ------------------------------------------------------------ */

/* A small screen: the focused pane, and the output under it if the
 * layout has one and there is room. */
static int
degraded_geometry(const struct layout *l, int focus, int cols, int avail,
		  struct pane_rect *r, int max)
{
	int first = layout_has(l, focus) ? focus : l->row[0].pane[0];
	bool out = first != PANE_OUTPUT && layout_has(l, PANE_OUTPUT) &&
		avail >= 2 * PANE_MIN_ROWS && max >= 2;
	int h = out ? avail - avail / 3 : avail;

	r[0] = (struct pane_rect){ first, 0, 0, h, cols };
	if (!out)
		return 1;
	r[1] = (struct pane_rect){ PANE_OUTPUT, h, 0, avail - h, cols };
	return 2;
}

int
tui_geometry(const struct layout *l, int focus, int cols, int rows,
	     struct pane_rect *r, int max, bool *degraded)
{
	int avail = rows - 2, total = 0, i, j, y = 0, n = 0, hsum = 0;
	int h[LAYOUT_MAX_ROWS];

	*degraded = cols < TUI_MIN_COLS || rows < TUI_MIN_ROWS;
	if (cols < TUI_TINY_COLS || rows < TUI_TINY_ROWS || max < 1)
		return 0;
	if (*degraded)
		return degraded_geometry(l, focus, cols, avail, r, max);
	for (i = 0; i < l->nrows; i++)
		total += l->row[i].weight;
	for (i = 0; i < l->nrows; i++) {
		h[i] = avail * l->row[i].weight / total;
		hsum += h[i];
	}
	/* What the division left goes to the first rows. */
	for (i = 0; hsum < avail; i = (i + 1) % l->nrows, hsum++)
		h[i]++;
	for (i = 0; i < l->nrows; i++) {
		int w = cols / l->row[i].npanes, x = 0;

		if (h[i] < PANE_MIN_ROWS)
			return degraded_geometry(l, focus, cols, avail, r, max);
		for (j = 0; j < l->row[i].npanes && n < max; j++) {
			int wj = j == l->row[i].npanes - 1 ? cols - x : w;

			r[n++] = (struct pane_rect){ l->row[i].pane[j], y, x,
						     h[i], wj };
			x += wj;
		}
		y += h[i];
	}
	return n;
}

/* ---- the output log ------------------------------------------------------ */

void
tui_log(struct tui *t, const char *s, size_t n, int attr)
{
	size_t i, j, tabs = 0;
	char *line;

	for (i = 0; i < n; i++)
		tabs += s[i] == '\t';
	line = xmalloc(n + 7 * tabs + 1);
	/* Tabs to spaces (8 columns), other control bytes dropped: the
	 * model holds what a cell can show. */
	for (i = j = 0; i < n; i++) {
		if (s[i] == '\t') {
			do
				line[j++] = ' ';
			while (j % 8);
		} else if ((unsigned char)s[i] >= ' ') {
			line[j++] = s[i];
		}
	}
	line[j] = '\0';
	if (t->nlog == LOG_MAX) {
		free(t->log[0]);
		memmove(t->log, t->log + 1, (LOG_MAX - 1) * sizeof(*t->log));
		memmove(t->log_attr, t->log_attr + 1, LOG_MAX - 1);
		t->nlog--;
		if (t->cmd_first > 0)
			t->cmd_first--;
	}
	if (t->nlog == t->logcap) {
		t->logcap = t->logcap ? t->logcap * 2 : 256;
		t->log = xrealloc(t->log, t->logcap * sizeof(*t->log));
		t->log_attr = xrealloc(t->log_attr, t->logcap);
	}
	t->log[t->nlog] = line;
	t->log_attr[t->nlog++] = (u8)attr;
}

/* Splits what a sink got into lines; keeps an unfinished one. */
static void
log_write(struct tui *t, int which, const char *s, size_t n)
{
	struct strbuf *sb = &t->partial[which];
	int attr = (which ? TA_ERROR : TA_NORMAL) | (t->in_cmd ? LOG_CMD : 0);
	const char *nl;

	while (n > 0 && (nl = memchr(s, '\n', n)) != NULL) {
		size_t k = (size_t)(nl - s);

		if (sb->len) {
			sb_add(sb, s, k);
			tui_log(t, sb->buf, sb->len, attr);
			sb_reset(sb);
		} else {
			tui_log(t, s, k, attr);
		}
		s += k + 1;
		n -= k + 1;
	}
	if (n > 0)
		sb_add(sb, s, n);
}

void
tui_out_fn(void *arg, const char *s, size_t n)
{
	log_write(arg, 0, s, n);
}

void
tui_err_fn(void *arg, const char *s, size_t n)
{
	log_write(arg, 1, s, n);
}
