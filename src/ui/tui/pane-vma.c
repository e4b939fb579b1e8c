/* ui/tui/pane-vma.c: the focused task's VMA tree, mm_rb, drawn as the
 * tree find_vma walks: each node with its colour, range, permissions and
 * what it maps, the left subtree above the right one.  A VMA that mmap
 * creates, merges or splits changes its line (its range, or its place in
 * the tree after a rotation): those lines are marked, and the VMA that
 * holds the address just walked is marked as the walk's. */
#include "config.h"

#include <string.h>

#include "vmdb/fs.h"
#include "vmdb/machine.h"
#include "vmdb/rbtree.h"
#include "vmdb/sched.h"
#include "ui/tui/tui.h"

#define TREE_DEPTH_MAX	64

struct task_struct *
pane_task(const struct tui_view *tv)
{
	return tv->pid ? find_task_by_pid(tv->m, tv->pid) :
		current_task(tv->m);
}

void
pane_vma_desc(struct pane_model *pm, const struct vm_area_struct *vma)
{
	const struct mm_struct *mm = vma->vm_mm;
	u32 f = vma->vm_flags;
	const char *name = "";

	if (vma->vm_file)
		name = vma->vm_file->name;
	else if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk)
		name = "[heap]";
	else if (vma->vm_start <= mm->start_stack &&
		 vma->vm_end >= mm->start_stack)
		name = "[stack]";
	char perm[5] = {
		f & VM_READ ? 'r' : '-', f & VM_WRITE ? 'w' : '-',
		f & VM_EXEC ? 'x' : '-', f & VM_MAYSHARE ? 's' : 'p', ' '
	};

	/* By hand, not printf: the tree and the list of a process with ten
	 * thousand VMAs are formatted at every refresh. */
	pm_hex8(pm, TA_NORMAL, vma->vm_start);
	pm_addn(pm, TA_NORMAL, "-", 1);
	pm_hex8(pm, TA_NORMAL, vma->vm_end);
	pm_addn(pm, TA_NORMAL, " ", 1);
	pm_addn(pm, TA_NORMAL, perm, 4);
	if (f & VM_LOCKED)
		pm_puts(pm, TA_NORMAL, " locked");
	if (vma->anon_vma)
		pm_puts(pm, TA_NORMAL, " anon");
	if (*name) {
		pm_addn(pm, TA_NORMAL, " ", 1);
		pm_puts(pm, TA_NORMAL, name);
	}
}

/* Marks the line of the VMA holding the address just walked. */
void
pane_vma_mark(struct pane_model *pm, int line,
	      const struct vm_area_struct *vma, const struct tui_view *tv)
{
	if (tv->have_addr && vma->vm_start <= tv->addr &&
	    tv->addr < vma->vm_end) {
		pm_mark(pm, line, TA_MARK, GUTTER_MARK);
		pm->mark = line;
	}
}

struct draw {
	struct pane_model *pm;
	const struct tui_view *tv;
	char prefix[TREE_DEPTH_MAX * 4 + 1];
};

static void
draw_node(struct draw *d, const struct rb_node *n, int depth,
	  const char *branch)
{
	const struct vm_area_struct *vma =
		rb_entry(n, struct vm_area_struct, vm_rb);
	size_t len = strlen(d->prefix);
	int l;

	pm_line(d->pm, 0x4000000000000000ull | vma->vm_start);
	pm_puts(d->pm, TA_DIM, d->prefix);
	pm_puts(d->pm, TA_DIM, branch);
	pm_addn(d->pm, n->color == RB_RED ? TA_RED : TA_BLACK,
		n->color == RB_RED ? "R" : "B", 1);
	pm_addn(d->pm, TA_NORMAL, " ", 1);
	pane_vma_desc(d->pm, vma);
	l = pm_end(d->pm);
	pane_vma_mark(d->pm, l, vma, d->tv);
	if (depth >= TREE_DEPTH_MAX - 1)
		return;
	/* Children hang under their parent's branch. */
	if (depth > 0)
		strcat(d->prefix, !strcmp(branch, "|-") ? "| " : "  ");
	if (n->left)
		draw_node(d, n->left, depth + 1, n->right ? "|-" : "`-");
	if (n->right)
		draw_node(d, n->right, depth + 1, "`-");
	d->prefix[len] = '\0';
}

static void
vma_render(struct pane *p, const struct tui_view *tv)
{
	struct pane_model *pm = &p->model;
	struct task_struct *t = pane_task(tv);
	struct draw d;
	char why[128];
	int bh;

	if (!t || !t->mm) {
		pm_title(pm, "%s", "");
		pm_printf(pm, 0, TA_DIM, "no user address space");
		return;
	}
	bh = rb_verify(&t->mm->mm_rb, why, sizeof(why));
	pm->context = (u64)t->pid;
	pm_title(pm, "pid %d (%s), %d VMAs, black height %d",
		 t->pid, t->comm, t->mm->map_count, bh);
	if (!t->mm->mm_rb.node) {
		pm_printf(pm, 0, TA_DIM, "(empty)");
		return;
	}
	d.pm = pm;
	d.tv = tv;
	d.prefix[0] = '\0';
	draw_node(&d, t->mm->mm_rb.node, 0, "");
	if (bh < 0)
		pm_printf(pm, 0, TA_ERROR, "not a red-black tree: %s", why);
}

const struct pane_def pane_vma = {
	.name = "vma",
	.summary = "the VMA red-black tree (mm_rb)",
	.render = vma_render,
	.generic_diff = true,
};
