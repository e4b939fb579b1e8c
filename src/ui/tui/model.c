/* ui/tui/model.c: a pane's model (lines, keys, attribute spans) and the
 * comparison with what the pane showed before, which marks what changed.
 * No curses here: the same model is dumped as text and drawn in a
 * WINDOW. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ui/tui/tui.h"

/* FNV-1a, 64 bits: stable across runs, so that nothing depends on
 * host addresses. */
u64
tui_hash(const void *p, size_t n, u64 seed)
{
	const unsigned char *s = p;
	u64 h = seed ^ 0xcbf29ce484222325ull;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

void
pm_init(struct pane_model *pm)
{
	memset(pm, 0, sizeof(*pm));
	sb_init(&pm->text);
	pm->mark = -1;
}

void
pm_free(struct pane_model *pm)
{
	sb_free(&pm->text);
	free(pm->lines);
	free(pm->spans);
	memset(pm, 0, sizeof(*pm));
	pm->mark = -1;
}

void
pm_reset(struct pane_model *pm)
{
	sb_reset(&pm->text);
	pm->nlines = 0;
	pm->nspans = 0;
	pm->title[0] = '\0';
	pm->mark = -1;
	pm->open = false;
	pm->context = 0;
}

void
pm_title(struct pane_model *pm, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(pm->title, sizeof(pm->title), fmt, ap);
	va_end(ap);
}

void
pm_line(struct pane_model *pm, u64 key)
{
	struct tline *l;

	if (pm->open)
		pm_end(pm);
	if (pm->nlines == pm->cap) {
		pm->cap = pm->cap ? pm->cap * 2 : 64;
		pm->lines = xrealloc(pm->lines, pm->cap * sizeof(*pm->lines));
	}
	l = &pm->lines[pm->nlines];
	memset(l, 0, sizeof(*l));
	l->key = key;
	l->off = (u32)pm->text.len;
	l->span = (u32)pm->nspans;
	l->gutter = ' ';
	pm->open = true;
}

void
pm_addn(struct pane_model *pm, int attr, const char *s, size_t n)
{
	struct tline *l = &pm->lines[pm->nlines];
	struct tspan *sp;

	if (!pm->open)
		pm_line(pm, 0);
	l = &pm->lines[pm->nlines];
	if (attr != TA_NORMAL && n > 0) {
		if (pm->nspans == pm->spancap) {
			pm->spancap = pm->spancap ? pm->spancap * 2 : 64;
			pm->spans = xrealloc(pm->spans,
					     pm->spancap * sizeof(*pm->spans));
		}
		sp = &pm->spans[pm->nspans++];
		sp->start = (u16)(pm->text.len - l->off);
		sp->len = (u16)n;
		sp->attr = (u8)attr;
		l->nspan++;
	}
	sb_add(&pm->text, s, n);
}

void
pm_add(struct pane_model *pm, int attr, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	pm_addn(pm, attr, buf, (size_t)n);
}

int
pm_end(struct pane_model *pm)
{
	struct tline *l;

	if (!pm->open)
		return pm->nlines - 1;
	l = &pm->lines[pm->nlines];
	l->len = (u32)(pm->text.len - l->off);
	l->hash = tui_hash(pm->text.buf + l->off, l->len, l->key);
	/* Lines are kept NUL-separated, so that pm_text is a C string. */
	sb_add(&pm->text, "", 1);
	pm->open = false;
	return pm->nlines++;
}

int
pm_printf(struct pane_model *pm, u64 key, int attr, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;
	int i;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	pm_line(pm, key);
	pm_addn(pm, attr, sb.buf, sb.len);
	i = pm_end(pm);
	sb_free(&sb);
	return i;
}

void
pm_mark(struct pane_model *pm, int i, int attr, char gutter)
{
	if (i < 0 || i >= pm->nlines)
		return;
	pm->lines[i].attr = (u8)attr;
	pm->lines[i].gutter = gutter;
}

/* ---- the base --------------------------------------------------------- */

void
base_free(struct pane_base *b)
{
	free(b->e);
	free(b->shown);
	memset(b, 0, sizeof(*b));
}

void
base_reset(struct pane_base *b)
{
	b->n = b->nshown = 0;
	b->valid = b->have_base = false;
}

static int
cmp_entry(const void *a, const void *b)
{
	const u64 *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

bool
base_lookup(const struct pane_base *b, u64 key, u64 *hash)
{
	int lo = 0, hi = b->n - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (b->e[mid].key == key) {
			if (hash)
				*hash = b->e[mid].hash;
			return true;
		}
		if (b->e[mid].key < key)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

/*
 * The lines of pm with a key, sorted by key, into b->shown (the next
 * base).  Returns whether they differ from what was shown before.
 */
static bool
take_shown(const struct pane_model *pm, struct pane_base *b,
	   struct base_entry **out, int *nout)
{
	struct base_entry *e = xmalloc((size_t)(pm->nlines + 1) * sizeof(*e));
	int i, n = 0;
	bool differs;

	for (i = 0; i < pm->nlines; i++) {
		if (!pm->lines[i].key)
			continue;
		e[n].key = pm->lines[i].key;
		e[n].hash = pm->lines[i].hash;
		n++;
	}
	qsort(e, (size_t)n, sizeof(*e), cmp_entry);
	differs = !b->valid || n != b->nshown ||
		memcmp(e, b->shown, (size_t)n * sizeof(*e)) != 0;
	*out = e;
	*nout = n;
	return differs;
}

int
pm_diff(struct pane_model *pm, struct pane_base *b)
{
	struct base_entry *now;
	int i, n, marked = 0;
	u64 h;

	if (take_shown(pm, b, &now, &n)) {
		/* The machine changed under the pane: what it showed becomes
		 * the base the marks are measured from. */
		if (b->valid) {
			free(b->e);
			b->e = b->shown;
			b->n = b->nshown;
			b->have_base = true;
		} else {
			free(b->shown);
		}
		b->shown = now;
		b->nshown = n;
		b->valid = true;
	} else {
		free(now);
	}
	if (!b->have_base)
		return 0;
	for (i = 0; i < pm->nlines; i++) {
		struct tline *l = &pm->lines[i];

		if (!l->key || l->attr != TA_NORMAL)
			continue;
		if (base_lookup(b, l->key, &h) && h == l->hash)
			continue;
		pm_mark(pm, i, TA_CHANGED, GUTTER_CHANGED);
		marked++;
	}
	return marked;
}

void
pm_from_text(struct pane_model *pm, const char *text, u64 tag)
{
	const char *s = text, *nl, *w;

	while (*s) {
		size_t n;

		nl = strchr(s, '\n');
		n = nl ? (size_t)(nl - s) : strlen(s);
		/* The key: the first word, without a trailing colon. */
		for (w = s; w < s + n && *w == ' '; w++)
			;
		while (w < s + n && *w != ' ' && *w != ':')
			w++;
		pm_line(pm, tag | (tui_hash(s, (size_t)(w - s), 0) >> 8));
		pm_addn(pm, TA_NORMAL, s, n);
		pm_end(pm);
		s += n + (nl != NULL);
	}
}

int
pm_text_line(struct pane_model *pm, int attr, const char *s)
{
	pm_line(pm, 0);
	pm_addn(pm, attr, s, strlen(s));
	return pm_end(pm);
}
