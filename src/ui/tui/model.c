/* ui/tui/model.c: a pane's model (lines, keys, attribute spans) and the
 * comparison with what the pane showed before, which marks what changed.
 * No curses here: the same model is dumped as text and drawn in a
 * WINDOW. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ui/tui/tui.h"

/* A 64-bit hash of n bytes: eight at a time, each word mixed in by a
 * multiply and a rotation (the panes hash every line at every refresh).
 * Stable across runs: nothing depends on host addresses. */
u64
tui_hash(const void *p, size_t n, u64 seed)
{
	const unsigned char *s = p;
	u64 h = seed ^ (0x9e3779b97f4a7c15ull * (n + 1)), w;

	while (n >= 8) {
		memcpy(&w, s, 8);
		h = (h ^ (w * 0xff51afd7ed558ccdull)) * 0xc4ceb9fe1a85ec53ull;
		h ^= h >> 29;
		s += 8;
		n -= 8;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ (w * 0xff51afd7ed558ccdull)) * 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 32);
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
	struct tline *l;
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

void
pm_hex8(struct pane_model *pm, int attr, u32 v)
{
	static const char digits[] = "0123456789abcdef";
	char buf[8];
	int i;

	for (i = 7; i >= 0; i--, v >>= 4)
		buf[i] = digits[v & 0xf];
	pm_addn(pm, attr, buf, 8);
}

void
pm_puts(struct pane_model *pm, int attr, const char *s)
{
	pm_addn(pm, attr, s, strlen(s));
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

/* ---- the base ------------------------------------------------------------ */

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

/* A keyed line of the model being compared. */
struct keyed {
	u64 key, hash;
	int line;
};

/* Sorts by key, stably: four passes of 16 bits (LSD radix), linear in
 * the lines, which matters for a tree of ten thousand VMAs; lines that
 * come sorted (a list by address) are left as they are. */
static void
sort_keyed(struct keyed *a, int n)
{
	struct keyed *tmp;
	int *count, pass, i;
	bool sorted = true;

	for (i = 1; i < n && sorted; i++)
		sorted = a[i - 1].key <= a[i].key;
	if (sorted)
		return;
	tmp = xmalloc((size_t)n * sizeof(*tmp));
	count = xmalloc(65537 * sizeof(*count));
	for (pass = 0; pass < 4; pass++) {
		int shift = pass * 16;

		memset(count, 0, 65537 * sizeof(*count));
		for (i = 0; i < n; i++)
			count[((a[i].key >> shift) & 0xffff) + 1]++;
		for (i = 0; i < 65536; i++)
			count[i + 1] += count[i];
		for (i = 0; i < n; i++)
			tmp[count[(a[i].key >> shift) & 0xffff]++] = a[i];
		memcpy(a, tmp, (size_t)n * sizeof(*a));
	}
	free(count);
	free(tmp);
}

/* Whether the sorted lines now differ from what the pane showed. */
static bool
differs_from_shown(const struct pane_base *b, const struct keyed *now, int n)
{
	int i;

	if (!b->valid || n != b->nshown)
		return true;
	for (i = 0; i < n; i++)
		if (now[i].key != b->shown[i].key ||
		    now[i].hash != b->shown[i].hash)
			return true;
	return false;
}

int
pm_diff(struct pane_model *pm, struct pane_base *b)
{
	struct keyed *now = xmalloc((size_t)(pm->nlines + 1) * sizeof(*now));
	int i, j, n = 0, marked = 0;

	for (i = 0; i < pm->nlines; i++) {
		if (!pm->lines[i].key)
			continue;
		now[n].key = pm->lines[i].key;
		now[n].hash = pm->lines[i].hash;
		now[n++].line = i;
	}
	sort_keyed(now, n);
	if (differs_from_shown(b, now, n)) {
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
		b->shown = xmalloc((size_t)(n + 1) * sizeof(*b->shown));
		for (i = 0; i < n; i++) {
			b->shown[i].key = now[i].key;
			b->shown[i].hash = now[i].hash;
		}
		b->nshown = n;
		b->valid = true;
	}
	/* Both sorted by key: one walk finds each line's base. */
	for (i = j = 0; i < n && b->have_base; i++) {
		struct tline *l = &pm->lines[now[i].line];

		while (j < b->n && b->e[j].key < now[i].key)
			j++;
		if (l->attr != TA_NORMAL ||
		    (j < b->n && b->e[j].key == now[i].key &&
		     b->e[j].hash == now[i].hash))
			continue;
		pm_mark(pm, now[i].line, TA_CHANGED, GUTTER_CHANGED);
		marked++;
	}
	free(now);
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
