/* cmds/cmd-mremap.c: `mremap ADDR OLD_LEN NEW_LEN [--maymove] [--fixed
 * ADDR]` for the current task. */
#include "config.h"

#include "vmdb/mmap.h"

#include "cmd.h"

static int
mremap_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct task_struct *t = arg_task(c, NULL, true);
	const char *fixed = args_get(c, "fixed");
	u64 addr, old_len, new_len, new_addr = 0;
	u32 flags = 0;
	long r;

	(void)argc;
	if (!t || arg_address(c, "ADDR", argv[0], 0xffffffffull, &addr) ||
	    arg_size(c, "OLD_LEN", argv[1], 0, 0xffffffffull, &old_len) ||
	    arg_size(c, "NEW_LEN", argv[2], 0, 0xffffffffull, &new_len))
		return -1;
	if (args_has(c, "maymove"))
		flags |= MREMAP_MAYMOVE;
	if (fixed) {
		flags |= MREMAP_FIXED;
		if (arg_address(c, "--fixed", fixed, 0xffffffffull, &new_addr))
			return -1;
	}
	r = sys_mremap(c->m, t->mm, (u32)addr, (u32)old_len, (u32)new_len,
		       flags, (u32)new_addr);
	if (r < 0)
		return cmd_errno(c, (int)r);
	out_printf(c->out, "0x%08lx%s\n", r, (u32)r != (u32)addr ?
		   " (moved)" : "");
	vma_range_report(c, t->mm, (u32)r, (u32)r + (u32)new_len);
	return 0;
}

const struct cmd_entry cmd_mremap_entry = {
	.name = "mremap",
	.usage = "ADDR OLD_LEN NEW_LEN [--maymove] [--fixed NEW_ADDR]",
	.summary = "resize or move a mapping of the current task",
	.help =
"mremap runs mremap(2) for the current task, prints the mapping's\n"
"address afterwards and lists the VMAs there. --maymove is\n"
"MREMAP_MAYMOVE; --fixed NEW_ADDR is MREMAP_FIXED with that address\n"
"(it needs --maymove, as in the kernel).\n"
"\n"
"As do_mremap in 2.6.32: ADDR must be page-aligned, the lengths are\n"
"rounded up to pages. Shrinking unmaps the tail (do_munmap) and always\n"
"works. Growing needs [ADDR, ADDR + OLD_LEN) inside one VMA; if it runs\n"
"to the VMA's end and the gap after it is large enough, the VMA grows in\n"
"place (total_vm and, for a locked VMA, locked_vm follow, the new pages\n"
"faulted in and mlocked). Otherwise, with --maymove, the mapping moves:\n"
"get_unmapped_area picks a place (or --fixed, after unmapping whatever\n"
"was there), copy_vma makes the VMA there (merging with a neighbour if\n"
"vma_merge allows; an anonymous VMA with no pages yet takes the new\n"
"address as its offset), move_page_tables carries each PTE over\n"
"(ptep_clear_flush at the old address, so a flush_tlb_page per page,\n"
"then set_pte_at at the new one; new page tables as needed), and the old\n"
"range is unmapped. Pages do not move: their frames, counts and\n"
"reverse-map indexes stay (the new VMA keeps the old page offset).\n"
"OLD_LEN 0 makes a second mapping of the same pages (for shared\n"
"mappings; a private one gets an empty VMA).\n"
"\n"
"Errors, as the kernel's: EINVAL (ADDR or NEW_ADDR not page-aligned,\n"
"NEW_LEN 0, --fixed without --maymove, overlapping old and new ranges,\n"
"a new range beyond user space), EFAULT (the old range is not inside\n"
"one VMA, or a VM_DONTEXPAND VMA would grow), EAGAIN (a locked VMA would\n"
"pass RLIMIT_MEMLOCK), ENOMEM (no room to grow in place and no\n"
"--maymove, no free range, max_map_count). The kernel unmaps the --fixed\n"
"target before it finds that the old range is not mapped (EFAULT);\n"
"vmdb checks first and leaves the target alone.\n"
"\n"
"Examples:\n"
"  mremap 0xb7fd0000 8K 16K --maymove\n"
"  mremap 0xb7fd0000 8K 8K --maymove --fixed 0x60000000\n",
	.opts = "maymove fixed=",
	.args_min = 3,
	.args_max = 3,
	.flags = CMD_MODIFIES,
	.exec = mremap_exec,
};
