/* cmds/cmd-vma.c: `vma [--tree] [PID]`: a process's VMAs with their
 * flags decoded, or its VMA red-black tree; and the short VMA report
 * the mmap-family commands print after they change a range. */
#include "config.h"

#include "vmdb/mmap.h"

#include "cmd.h"

void
vma_range_report(struct cmd_ctx *c, struct mm_struct *mm, u32 start, u32 end)
{
	struct vm_area_struct *v;
	struct strbuf sb;

	sb_init(&sb);
	/* The list, not find_vma: a report leaves mmap_cache alone. */
	for (v = mm->mmap; v && v->vm_start < end; v = v->vm_next) {
		if (v->vm_end <= start)
			continue;
		sb_reset(&sb);
		vm_flags_format(&sb, v->vm_flags);
		out_printf(c->out, "  VMA %08x-%08x %s\n", v->vm_start,
			   v->vm_end, sb.buf);
	}
	sb_free(&sb);
	out_printf(c->out, "  %d VMAs, total_vm %lu, locked_vm %lu pages\n",
		   mm->map_count, mm->total_vm, mm->locked_vm);
}

static int
vma_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct task_struct *t = arg_task(c, argc ? argv[0] : NULL, true);

	if (!t)
		return -1;
	out_printf(c->out, "pid %d (%s): ", t->pid, t->comm);
	if (args_has(c, "tree")) {
		out_printf(c->out, "mm_rb\n");
		show_vma_tree(c->m, t->mm, c->out);
	} else {
		show_vmas(c->m, t->mm, c->out);
	}
	return 0;
}

const struct cmd_entry cmd_vma_entry = {
	.name = "vma",
	.usage = "[--tree] [PID]",
	.summary = "a process's VMAs with their flags, or its VMA tree",
	.help =
"vma lists the vm_area_structs of PID (default: the current task), after\n"
"the mm_struct's counters (map_count, total_vm, locked_vm, shared_vm,\n"
"exec_vm, stack_vm, reserved_vm) and the state get_unmapped_area and\n"
"find_vma keep (mmap_base, free_area_cache, cached_hole_size, the\n"
"layout, mmap_cache). One line per VMA: its slab object's address, start\n"
"and end, pages, vm_pgoff, its anon_vma's address (- before the first\n"
"anonymous page), vm_page_prot (the PTE bits faults use: 025 read-only,\n"
"027 writable, 120 PROT_NONE) and vm_flags decoded (read, write, exec,\n"
"shared, the may* bits, growsdown, locked, account, ...), then the file.\n"
"\n"
"vma --tree draws mm_rb, the red-black tree find_vma searches: the root\n"
"first, each node with its colour (R or B), depth, range and\n"
"permissions, the left subtree before the right one; \"(mmap_cache)\"\n"
"marks find_vma's last answer. The black height ends the drawing.\n"
"\n"
"Examples:\n"
"  vma\n"
"  vma --tree 1\n",
	.opts = "tree",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = vma_exec,
};
