/* ui/tui/pane-tlb.c: each CPU's TLB, way by way: the valid entries with
 * their cached bits, the entries filled since the TLB last changed
 * marked, and the ones flushed (or evicted) shown once more, as gone.
 * The entries are compared without their LRU stamps: a hit is not a
 * change. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vmdb/machine.h"
#include "vmdb/mmu.h"
#include "ui/tui/tui.h"

struct slot {
	u32 tag, frame, flags;
	u32 valid;
};

struct tlb_state {
	struct slot *cur, *base;
	size_t n;
	bool have_base;
};

static void
tlb_free(struct pane *p)
{
	struct tlb_state *s = p->priv;

	if (!s)
		return;
	free(s->cur);
	free(s->base);
	free(s);
	p->priv = NULL;
}

static size_t
cpu_slots(const struct tlb *tlb)
{
	return (size_t)(tlb->sets * tlb->ways + tlb->nr_large);
}

/* Every CPU's slots, small part then large, into one array. */
static struct slot *
take_slots(struct machine *m, size_t *n)
{
	struct slot *s;
	size_t k = 0, total = 0;
	int cpu, i;

	for (cpu = 0; cpu < m->nr_cpus; cpu++)
		total += cpu_slots(&m->cpus[cpu].tlb);
	s = xcalloc(total + 1, sizeof(*s));
	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		const struct tlb *tlb = &m->cpus[cpu].tlb;
		int nsmall = tlb->sets * tlb->ways;

		for (i = 0; i < nsmall + tlb->nr_large; i++, k++) {
			const struct tlb_entry *e = i < nsmall ?
				&tlb->small[i] : &tlb->large[i - nsmall];

			if (!e->valid)
				continue;
			s[k] = (struct slot){ e->tag, e->frame, e->flags, 1 };
		}
	}
	*n = total;
	return s;
}

static void
tlb_update(struct tlb_state *s, struct machine *m)
{
	size_t n;
	struct slot *now = take_slots(m, &n);

	if (!s->cur || n != s->n) {
		free(s->cur);
		free(s->base);
		s->base = NULL;
		s->cur = now;
		s->n = n;
		s->have_base = false;
		return;
	}
	if (!memcmp(now, s->cur, n * sizeof(*now))) {
		free(now);
		return;
	}
	free(s->base);
	s->base = s->cur;
	s->cur = now;
	s->have_base = true;
}

static void
entry_line(struct pane_model *pm, const struct slot *e, int set, int way,
	   bool large, int attr)
{
	struct strbuf sb;
	u32 va = large ? e->tag << PGDIR_SHIFT : e->tag << PAGE_SHIFT;

	sb_init(&sb);
	tlb_flags_format(&sb, e->flags);
	pm_line(pm, 0);
	if (large)
		pm_add(pm, TA_NORMAL, "4M.%-2d", way);
	else
		pm_add(pm, TA_NORMAL, "%2d.%-2d", set, way);
	pm_add(pm, TA_NORMAL, " %08x %08x %s", va, e->frame, sb.buf);
	if (attr == TA_GONE)
		pm_add(pm, TA_NORMAL, " flushed");
	pm_mark(pm, pm_end(pm), attr,
		attr == TA_GONE ? GUTTER_GONE :
		attr == TA_CHANGED ? GUTTER_CHANGED : ' ');
	sb_free(&sb);
}

static void
tlb_render(struct pane *p, const struct tui_view *tv)
{
	struct machine *m = tv->m;
	struct pane_model *pm = &p->model;
	struct tlb_state *s = p->priv;
	size_t k = 0;
	int cpu, i;

	if (!s)
		s = p->priv = xcalloc(1, sizeof(*s));
	tlb_update(s, m);
	p->nchanged = 0;
	pm_title(pm, "%s", tv->cpu < 0 ? "" : "one CPU");
	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		const struct tlb *tlb = &m->cpus[cpu].tlb;
		int nsmall = tlb->sets * tlb->ways;
		bool shown = tv->cpu < 0 || tv->cpu == cpu;

		if (shown)
			pm_printf(pm, 0, TA_HEAD, "cpu%d cr3 %08x  %d/%d valid",
				  cpu, m->cpus[cpu].cr3, tlb_nr_valid(m, cpu),
				  nsmall + tlb->nr_large);
		for (i = 0; i < nsmall + tlb->nr_large; i++, k++) {
			const struct slot *now = &s->cur[k];
			const struct slot *was = s->have_base ?
				&s->base[k] : NULL;
			bool large = i >= nsmall;
			int set = large ? 0 : i / tlb->ways;
			int way = large ? i - nsmall : i % tlb->ways;
			bool changed = was &&
				memcmp(now, was, sizeof(*now)) != 0;

			if (!shown)
				continue;
			p->nchanged += changed;
			if (changed && was->valid &&
			    (!now->valid || now->tag != was->tag))
				entry_line(pm, was, set, way, large, TA_GONE);
			if (now->valid)
				entry_line(pm, now, set, way, large,
					   changed ? TA_CHANGED : TA_NORMAL);
		}
	}
}

const struct pane_def pane_tlb = {
	.name = "tlb",
	.summary = "each CPU's TLB entries, filled and flushed ones marked",
	.render = tlb_render,
	.free_priv = tlb_free,
};
