/* cmds/cmd-maps.c: the /proc/PID views of a process: `maps`, `smaps` and
 * `status`, in the kernel's formats (fs/proc/task_mmu.c, array.c). */
#include "config.h"

#include "vmdb/mmap.h"

#include "cmd.h"

static int
maps_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct task_struct *t = arg_task(c, argc ? argv[0] : NULL, true);

	if (!t)
		return -1;
	show_maps(c->m, t, c->out);
	return 0;
}

static int
smaps_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct task_struct *t = arg_task(c, argc ? argv[0] : NULL, true);

	if (!t)
		return -1;
	show_smaps(c->m, t, c->out);
	return 0;
}

static int
status_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct task_struct *t = arg_task(c, argc ? argv[0] : NULL, false);

	if (!t)
		return -1;
	show_status(c->m, t, c->out);
	return 0;
}

const struct cmd_entry cmd_maps_entry = {
	.name = "maps",
	.usage = "[PID]",
	.summary = "a process's mappings, as /proc/PID/maps",
	.help =
"maps prints /proc/PID/maps for PID (default: the current task) in the\n"
"exact format of 2.6.32's show_map_vma: start-end, permissions (r, w, x,\n"
"then s for a VM_MAYSHARE mapping or p for a private one), the file\n"
"offset (vm_pgoff in bytes; 0 for anonymous memory), device major:minor\n"
"and inode, then, padded to column 49, the name: the file's path\n"
"(\" (deleted)\" after a deleted one, as /dev/zero of MAP_SHARED|\n"
"MAP_ANONYMOUS is), [heap] for the VMA holding start_brk to brk,\n"
"[stack] for the one holding start_stack, or nothing. The last line is\n"
"the vdso: i386's COMPAT_VDSO gate page at ffffe000, which belongs to no\n"
"mm's VMA list. A kernel thread has no address space.\n"
"\n"
"Example:\n"
"  maps 1\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = maps_exec,
};

const struct cmd_entry cmd_smaps_entry = {
	.name = "smaps",
	.usage = "[PID]",
	.summary = "mappings with their memory use, as /proc/PID/smaps",
	.help =
"smaps prints /proc/PID/smaps for PID (default: the current task): each\n"
"maps line followed by the kernel's counters in kB, from a walk of the\n"
"VMA's PTEs (smaps_pte_range in 2.6.32). Rss counts present pages with a\n"
"struct page (not the zero page). A page mapped by two or more PTEs in\n"
"all (mapcount >= 2, e.g. after fork) is Shared_Clean or Shared_Dirty by\n"
"the PTE's dirty bit, else Private_*. Pss is the proportional share:\n"
"4 kB / mapcount per page, summed in fixed point with 12 fraction bits\n"
"and then truncated. Referenced counts pages whose PTE is young or\n"
"whose page is PG_referenced. Swap counts swap entries. KernelPageSize\n"
"and MMUPageSize are 4 kB.\n"
"\n"
"Example:\n"
"  smaps\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = smaps_exec,
};

const struct cmd_entry cmd_status_entry = {
	.name = "status",
	.usage = "[PID]",
	.summary = "a process's status and Vm* lines, as /proc/PID/status",
	.help =
"status prints the lines of /proc/PID/status vmdb has values for, in the\n"
"kernel's order and format: Name, State, Tgid (the pid: vmdb has no\n"
"threads), Pid and PPid, then task_mem's lines for a task with an\n"
"address space (not a kernel thread or a zombie):\n"
"  VmPeak  the high-water mark of total_vm\n"
"  VmSize  total_vm - reserved_vm\n"
"  VmLck   locked_vm\n"
"  VmHWM   the high-water mark of the rss\n"
"  VmRSS   file_rss + anon_rss\n"
"  VmData  total_vm - shared_vm - stack_vm\n"
"  VmStk   stack_vm\n"
"  VmExe   start_code to end_code, in whole pages\n"
"  VmLib   exec_vm - VmExe\n"
"  VmPTE   nr_ptes page tables of 4 kB\n"
"all in kB. PID defaults to the current task.\n"
"\n"
"Example:\n"
"  status 1\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = status_exec,
};
