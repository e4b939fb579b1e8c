/* cmds/cmd-mprotect.c: `mprotect ADDR LEN PROT` for the current task. */
#include "config.h"

#include "vmdb/mmap.h"

#include "cmd.h"

static int
mprotect_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct task_struct *t = arg_task(c, NULL, true);
	u64 addr, len;
	u32 prot;
	int err;

	(void)argc;
	if (!t || arg_address(c, "ADDR", argv[0], 0xffffffffull, &addr) ||
	    arg_size(c, "LEN", argv[1], 0, 0xffffffffull, &len) ||
	    arg_prot(c, "PROT", argv[2], &prot))
		return -1;
	err = sys_mprotect(c->m, t->mm, (u32)addr, (u32)len, prot);
	if (err)
		return cmd_errno(c, err);
	vma_range_report(c, t->mm, (u32)addr, (u32)(addr + len));
	return 0;
}

const struct cmd_entry cmd_mprotect_entry = {
	.name = "mprotect",
	.usage = "ADDR LEN PROT",
	.summary = "change the protection of a range of the current task",
	.help =
"mprotect runs mprotect(2) for the current task and lists the VMAs that\n"
"now cover the range. PROT is as for mmap: PROT_READ|PROT_WRITE|PROT_EXEC,\n"
"PROT_NONE, letters like rw or r-x, or a number; PROT_GROWSDOWN extends\n"
"the range down to the start of a stack VMA.\n"
"\n"
"As sys_mprotect and mprotect_fixup in 2.6.32: ADDR must be page-aligned\n"
"and LEN is rounded up to pages. Each VMA in the range either joins a\n"
"neighbour (vma_merge, when the new flags, file, anon_vma and offsets\n"
"agree: mprotect back to the old protection rejoins the pieces) or is\n"
"split at the ends of the range (split_vma). The VMA gets the new\n"
"vm_flags and vm_page_prot (protection_map: a private mapping is never\n"
"writable in the PTE; a shared writable file mapping starts read-only\n"
"to notice the first write); a private mapping made writable for the\n"
"first time is charged (VM_ACCOUNT). change_protection rewrites every\n"
"present PTE with the new bits, keeping the frame, Accessed and Dirty:\n"
"a page the task could write before is read-only after mprotect rw even\n"
"if it is the only mapping, until a write fault reuses it. Then\n"
"flush_tlb_range (the whole mm's TLB entries on i386, on every CPU that\n"
"may hold them).\n"
"\n"
"Errors, as the kernel's: EINVAL (ADDR not page-aligned, unknown PROT\n"
"bits, PROT_GROWSDOWN on a VMA that does not grow down), ENOMEM (part of\n"
"the range is not mapped, or max_map_count), EACCES (the VMA's VM_MAY*\n"
"bits forbid it: PROT_WRITE on a shared mapping of a read-only file).\n"
"The kernel changes the VMAs before a hole or a forbidden VMA and then\n"
"fails; vmdb checks the whole range first and changes nothing.\n"
"\n"
"Examples:\n"
"  mprotect 0xb7fd0000 8K r--\n"
"  mprotect 0xb7fd0000 4K PROT_NONE\n",
	.args_min = 3,
	.args_max = 3,
	.flags = CMD_MODIFIES,
	.exec = mprotect_exec,
};
