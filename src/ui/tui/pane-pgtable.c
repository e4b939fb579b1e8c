/* ui/tui/pane-pgtable.c: the page tables of the focused task.
 *
 * Each present user PDE is a line; its page table is folded into that
 * line unless it holds the address just walked or an entry that changed,
 * or `focus pgtable all` unfolds every table.  What changed is found by
 * comparing the tables themselves (copies of their 1024 entries) with
 * the copies taken when they last changed: the model of a folded table
 * has no lines to compare, and an entry that became none must still be
 * shown as the change it is.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vmdb/machine.h"
#include "vmdb/pgtable.h"
#include "vmdb/sched.h"
#include "ui/tui/tui.h"

#define USER_PDES_MAX	1024

struct pgt_copy {
	u32 pde[USER_PDES_MAX];
	u32 *pt[USER_PDES_MAX];		/* the tables of present PDEs */
};

struct pgt_state {
	int pid;
	u32 pgd;
	bool valid, have_base;
	struct pgt_copy cur, base;
};

static void
copy_clear(struct pgt_copy *c)
{
	int i;

	for (i = 0; i < USER_PDES_MAX; i++) {
		free(c->pt[i]);
		c->pt[i] = NULL;
		c->pde[i] = 0;
	}
}

static void
pgt_free(struct pane *p)
{
	struct pgt_state *s = p->priv;

	if (!s)
		return;
	copy_clear(&s->cur);
	copy_clear(&s->base);
	free(s);
	p->priv = NULL;
}

/* Does the machine's directory differ from the copy c? */
static bool
tables_differ(struct machine *m, u32 pgd, u32 nuser, const struct pgt_copy *c)
{
	u32 i;

	for (i = 0; i < nuser; i++) {
		u32 pde = phys_read32(m, pgd + i * 4);

		if (pde != c->pde[i])
			return true;
		if ((pde & _PAGE_PRESENT) &&
		    memcmp(c->pt[i], phys_to_host(m, pde & PAGE_MASK),
			   PAGE_SIZE))
			return true;
	}
	return false;
}

static void
tables_copy(struct machine *m, u32 pgd, u32 nuser, struct pgt_copy *c)
{
	u32 i;

	for (i = 0; i < nuser; i++) {
		u32 pde = phys_read32(m, pgd + i * 4);

		c->pde[i] = pde;
		if (!(pde & _PAGE_PRESENT)) {
			free(c->pt[i]);
			c->pt[i] = NULL;
			continue;
		}
		if (!c->pt[i])
			c->pt[i] = xmalloc(PAGE_SIZE);
		memcpy(c->pt[i], phys_to_host(m, pde & PAGE_MASK), PAGE_SIZE);
	}
}

/* Moves the copies on when the tables changed: the current copy becomes
 * the base, and the tables as they are now the current one. */
static void
pgt_update(struct pgt_state *s, struct machine *m, int pid, u32 pgd,
	   u32 nuser)
{
	struct pgt_copy tmp;

	if (!s->valid || s->pid != pid || s->pgd != pgd) {
		copy_clear(&s->base);
		tables_copy(m, pgd, nuser, &s->cur);
		s->pid = pid;
		s->pgd = pgd;
		s->valid = true;
		s->have_base = false;
		return;
	}
	if (!tables_differ(m, pgd, nuser, &s->cur))
		return;
	tmp = s->base;
	s->base = s->cur;
	s->cur = tmp;
	tables_copy(m, pgd, nuser, &s->cur);
	s->have_base = true;
}

static u32
base_pte(const struct pgt_state *s, u32 i, u32 j)
{
	if (!s->have_base || !s->base.pt[i])
		return 0;
	return s->base.pt[i][j];
}

/* "rwuAD" for a present entry (rw or ro, u or k, Accessed, Dirty, then
 * G and prot_none when set), the kind for another. */
static void
add_entry_bits(struct pane_model *pm, u32 e)
{
	switch (pte_kind(e)) {
	case PTE_KIND_NONE:
		pm_add(pm, TA_DIM, "none");
		return;
	case PTE_KIND_FILE:
		pm_add(pm, TA_NORMAL, "file pgoff %u", e >> 7);
		return;
	case PTE_KIND_SWAP:
		pm_add(pm, TA_NORMAL, "swap %u:%u", (e >> 1) & 0x1f, e >> 8);
		return;
	case PTE_KIND_PROTNONE:
	case PTE_KIND_PRESENT:
		break;
	}
	pm_add(pm, TA_NORMAL, "%s%c%c%c%s%s", e & _PAGE_RW ? "rw" : "ro",
	       e & _PAGE_USER ? 'u' : 'k', e & _PAGE_ACCESSED ? 'A' : '-',
	       e & _PAGE_DIRTY ? 'D' : '-',
	       (e & _PAGE_GLOBAL) && (e & _PAGE_PRESENT) ? "G" : "",
	       pte_kind(e) == PTE_KIND_PROTNONE ? " prot_none" : "");
}

/* One PTE line: "  08060000 07ff1067 rwuAD was 07fe8025". */
static void
pte_line(struct pane_model *pm, const struct pgt_state *s, u32 i, u32 j,
	 bool walked)
{
	u32 va = (i << PGDIR_SHIFT) | (j << PAGE_SHIFT);
	u32 pte = s->cur.pt[i][j], old = base_pte(s, i, j);
	bool changed = s->have_base && old != pte;
	int l;

	pm_line(pm, 0x2000000000000000ull | va);
	pm_add(pm, TA_NORMAL, "  %08x %08x ", va, pte);
	add_entry_bits(pm, pte);
	if (changed)
		pm_add(pm, TA_DIM, " was %08x", old);
	l = pm_end(pm);
	if (walked) {
		pm_mark(pm, l, TA_MARK, GUTTER_MARK);
		pm->mark = l;
	} else if (changed) {
		pm_mark(pm, l, TA_CHANGED, GUTTER_CHANGED);
	}
}

static int
table_changes(const struct pgt_state *s, u32 i)
{
	int j, n = 0;

	if (!s->have_base)
		return 0;
	for (j = 0; j < 1024; j++)
		n += s->cur.pt[i][j] != base_pte(s, i, j);
	return n;
}

static void
pgt_render(struct pane *p, const struct tui_view *tv)
{
	struct machine *m = tv->m;
	struct pane_model *pm = &p->model;
	struct task_struct *t = tv->pid ? find_task_by_pid(m, tv->pid) :
		current_task(m);
	struct pgt_state *s = p->priv;
	u32 nuser = m->page_offset >> PGDIR_SHIFT, i, j, ntables = 0;
	u32 wi = tv->addr >> PGDIR_SHIFT, wj = (tv->addr >> PAGE_SHIFT) & 1023;
	bool walk = tv->have_addr && tv->addr < m->page_offset;
	int l;

	if (!s)
		s = p->priv = xcalloc(1, sizeof(*s));
	p->nchanged = 0;
	if (!t || !t->mm) {
		pm_title(pm, "%s", "");
		pm_printf(pm, 0, TA_DIM, t ? "pid %d (%s) is a kernel thread: "
			  "no user page tables" : "no task (spawn one)",
			  t ? t->pid : 0, t ? t->comm : "");
		s->valid = false;
		return;
	}
	pgt_update(s, m, t->pid, t->mm->pgd, nuser);
	for (i = 0; i < nuser; i++)
		ntables += !!(s->cur.pde[i] & _PAGE_PRESENT);
	pm_title(pm, "pid %d (%s), pgd %08x, %u table%s",
		 t->pid, t->comm, t->mm->pgd, ntables, ntables == 1 ? "" : "s");
	for (i = 0; i < nuser; i++) {
		u32 pde = s->cur.pde[i], n = 0;
		bool pde_changed = s->have_base && pde != s->base.pde[i];
		bool here = walk && i == wi;
		int changes;

		if (!(pde & _PAGE_PRESENT)) {
			if (!here && !pde_changed)
				continue;
			l = pm_printf(pm, 0x1000000000000000ull | i, TA_NORMAL,
				      "PDE %3u %08x %08x %s", i,
				      i << PGDIR_SHIFT, pde,
				      pde_changed ? "freed" : "none");
			pm_mark(pm, l, here ? TA_MARK : TA_CHANGED,
				here ? GUTTER_MARK : GUTTER_CHANGED);
			if (here)
				pm->mark = l;
			p->nchanged += pde_changed;
			continue;
		}
		for (j = 0; j < 1024; j++)
			n += s->cur.pt[i][j] != 0;
		changes = table_changes(s, i);
		p->nchanged += changes + pde_changed;
		pm_line(pm, 0x1000000000000000ull | i);
		pm_add(pm, TA_HEAD, "PDE %3u %08x %08x", i, i << PGDIR_SHIFT,
		       pde);
		pm_add(pm, TA_NORMAL, " %4u pte%s", n, n == 1 ? "" : "s");
		if (!here && !changes && !tv->unfold)
			pm_add(pm, TA_DIM, " +");
		l = pm_end(pm);
		if (pde_changed)
			pm_mark(pm, l, TA_CHANGED, GUTTER_CHANGED);
		if (!here && !changes && !tv->unfold)
			continue;
		for (j = 0; j < 1024; j++) {
			bool w = here && j == wj;

			if (s->cur.pt[i][j] || w ||
			    s->cur.pt[i][j] != base_pte(s, i, j))
				pte_line(pm, s, i, j, w);
		}
	}
	if (pm->nlines == 0)
		pm_printf(pm, 0, TA_DIM, "no user page tables yet");
}

const struct pane_def pane_pgtable = {
	.name = "pgtable",
	.summary = "the focused task's page tables, folded",
	.render = pgt_render,
	.free_priv = pgt_free,
};
