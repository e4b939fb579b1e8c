/* cmds/cmd-mlock.c: `mlock ADDR LEN` and `munlock ADDR LEN` for the
 * current task. */
#include "config.h"

#include "vmdb/mmap.h"

#include "cmd.h"

static int
mlock_common(struct cmd_ctx *c, char **argv, bool lock)
{
	struct task_struct *t = arg_task(c, NULL, true);
	u64 addr, len;
	int err;

	if (!t || arg_address(c, "ADDR", argv[0], 0xffffffffull, &addr) ||
	    arg_size(c, "LEN", argv[1], 0, 0xffffffffull, &len))
		return -1;
	err = sys_mlock(c->m, t->mm, (u32)addr, (u32)len, lock);
	if (err)
		return cmd_errno(c, err);
	vma_range_report(c, t->mm, (u32)addr & PAGE_MASK, (u32)(addr + len));
	return 0;
}

static int
mlock_exec(struct cmd_ctx *c, int argc, char **argv)
{
	(void)argc;
	return mlock_common(c, argv, true);
}

static int
munlock_exec(struct cmd_ctx *c, int argc, char **argv)
{
	(void)argc;
	return mlock_common(c, argv, false);
}

const struct cmd_entry cmd_mlock_entry = {
	.name = "mlock",
	.usage = "ADDR LEN",
	.summary = "lock a range of the current task in memory",
	.help =
"mlock runs mlock(2) for the current task and lists the VMAs that now\n"
"cover the range, with locked_vm. ADDR is rounded down and LEN up to\n"
"whole pages.\n"
"\n"
"As sys_mlock, do_mlock and mlock_fixup in 2.6.32, for an unprivileged\n"
"task: RLIMIT_MEMLOCK 0 is EPERM; locked_vm plus the range (counted in\n"
"full even where it is locked already) above the limit (ulimit -l) is\n"
"ENOMEM. Each VMA in the range joins a neighbour (vma_merge) or is split\n"
"at the ends (split_vma), gets VM_LOCKED, and locked_vm grows. Then\n"
"every page is faulted in as get_user_pages does: write faults where\n"
"the VMA is writable, so COW is broken and the locked pages are the\n"
"task's own; read faults elsewhere (an untouched anonymous page maps the\n"
"zero page, which is never locked). Each mapped page becomes PG_mlocked\n"
"(NR_MLOCK, Mlocked in meminfo, unevictable_pgs_mlocked) and moves to\n"
"the unevictable LRU list. I/O and pfn-map VMAs are left alone.\n"
"\n"
"Errors, as the kernel's: EPERM, ENOMEM (limit, or part of the range not\n"
"mapped: vmdb finds the hole before changing anything, the kernel when it\n"
"reaches it), EAGAIN (no memory to fault a page in), EINVAL (the range\n"
"wraps). A VMA that is neither readable nor writable cannot be faulted\n"
"by get_user_pages: as in 2.6.32 it is marked VM_LOCKED and counted, and\n"
"then mlock fails with ENOMEM.\n"
"\n"
"Example:\n"
"  mlock 0xb7fd0000 16K\n",
	.args_min = 2,
	.args_max = 2,
	.flags = CMD_MODIFIES,
	.exec = mlock_exec,
};

const struct cmd_entry cmd_munlock_entry = {
	.name = "munlock",
	.usage = "ADDR LEN",
	.summary = "unlock a range of the current task",
	.help =
"munlock runs munlock(2) for the current task and lists the VMAs that\n"
"now cover the range. As do_mlock in 2.6.32: the VMAs lose VM_LOCKED\n"
"(merging with or split from their neighbours), locked_vm shrinks, and\n"
"each mapped page is munlocked: PG_mlocked cleared (NR_MLOCK down,\n"
"unevictable_pgs_munlocked) and the page put back on an evictable LRU\n"
"list, unless another locked VMA still maps it (try_to_munlock's reverse-\n"
"map walk finds it; the page stays mlocked). No limit applies. ENOMEM\n"
"when part of the range is not mapped.\n"
"\n"
"Example:\n"
"  munlock 0xb7fd0000 16K\n",
	.args_min = 2,
	.args_max = 2,
	.flags = CMD_MODIFIES,
	.exec = munlock_exec,
};
