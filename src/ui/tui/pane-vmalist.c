/* ui/tui/pane-vmalist.c: the focused task's VMAs in address order, the
 * mm->mmap list, with the gaps between them (where get_unmapped_area
 * looks) and the counters mmap keeps. */
#include "config.h"

#include "vmdb/machine.h"
#include "vmdb/sched.h"
#include "ui/tui/tui.h"

/* A gap in KiB below 10 MiB, else in MiB. */
static u32
gap_size(u32 bytes)
{
	return bytes < (10u << 20) ? bytes >> 10 : bytes >> 20;
}

static char
gap_unit(u32 bytes)
{
	return bytes < (10u << 20) ? 'K' : 'M';
}

static void
vmalist_render(struct pane *p, const struct tui_view *tv)
{
	struct pane_model *pm = &p->model;
	struct task_struct *t = pane_task(tv);
	const struct vm_area_struct *vma;
	u32 prev_end = 0;
	int l;

	if (!t || !t->mm) {
		pm_title(pm, "%s", "");
		pm_printf(pm, 0, TA_DIM, "no user address space");
		return;
	}
	pm->context = (u64)t->pid;
	pm_title(pm, "pid %d (%s), %d VMAs, total_vm %lu, locked_vm %lu",
		 t->pid, t->comm, t->mm->map_count, t->mm->total_vm,
		 t->mm->locked_vm);
	for (vma = t->mm->mmap; vma; vma = vma->vm_next) {
		if (vma->vm_start > prev_end && prev_end)
			pm_printf(pm, 0, TA_DIM, "  gap %u%c",
				  gap_size(vma->vm_start - prev_end),
				  gap_unit(vma->vm_start - prev_end));
		pm_line(pm, 0x5000000000000000ull | vma->vm_start);
		pane_vma_desc(pm, vma);
		pm_add(pm, TA_DIM, " %uK", (vma->vm_end - vma->vm_start) >> 10);
		l = pm_end(pm);
		pane_vma_mark(pm, l, vma, tv);
		prev_end = vma->vm_end;
	}
}

const struct pane_def pane_vmalist = {
	.name = "vmalist",
	.summary = "the VMA list (mm->mmap) with the gaps",
	.render = vmalist_render,
	.generic_diff = true,
};
