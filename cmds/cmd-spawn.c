/* cmds/cmd-spawn.c: `spawn PROGRAM [ARGS]`: a new process execs a
 * program image; `kthread NAME`: a kernel thread. */
#include "config.h"

#include "vmdb/fs.h"
#include "vmdb/mmap.h"

#include "cmd.h"

static int
spawn_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	struct task_struct *t;
	struct vm_area_struct *v;
	int err, n = 0;

	err = do_execve(m, argv[0], argc, argv, args_has(c, "legacy-layout"),
			&t);
	if (err)
		return cmd_errno(c, err);
	for (v = t->mm->mmap; v; v = v->vm_next)
		n++;
	out_printf(c->out, "pid %d (%s) runs on CPU%d: %d VMAs, %s layout, "
		   "mmap_base %08x, brk %08x, sp %08x, ip %08x\n", t->pid,
		   t->comm, m->this_cpu, n, t->mm->legacy_layout ?
		   "legacy (bottom-up)" : "top-down", t->mm->mmap_base,
		   t->mm->brk, t->sp, t->ip);
	out_printf(c->out, "rss %ld pages (anon %ld, file %ld), %lu page "
		   "tables, %lu minor + %lu major faults while loading\n",
		   t->mm->anon_rss + t->mm->file_rss, t->mm->anon_rss,
		   t->mm->file_rss, t->mm->nr_ptes, t->min_flt, t->maj_flt);
	return 0;
}

const struct cmd_entry cmd_spawn_entry = {
	.name = "spawn",
	.usage = "PROGRAM [ARGS...] [--legacy-layout]",
	.summary = "start a process running a program image (fork + exec)",
	.help =
"spawn creates a process and execs PROGRAM in it, as fs/exec.c and\n"
"binfmt_elf.c do in 2.6.32 with address-space randomisation off. The\n"
"new process becomes the current task of the current CPU (switch_mm\n"
"loads its page directory into CR3).\n"
"\n"
"The address space is built step by step, each step a real mmap, brk or\n"
"fault that `trace on` shows: the stack VMA (one page for the argument\n"
"strings, then 20 more pages: bffeb000-c0000000), the program's PT_LOAD\n"
"segments at their link addresses (text r-xp at 08048000, data rw-p,\n"
"both private file mappings), bss through do_brk, and padzero: clearing\n"
"the tail of the last data page is a write, so that page is copied\n"
"(an early COW) at once. A dynamic program's interpreter (ld.so) is\n"
"mapped just below mmap_base (0xb8000000), top-down; then what ld.so\n"
"does before main: mmap the libraries below it, each as one span with\n"
"PROT_NONE holes, and once each object is relocated (the last library\n"
"first, then the program, ld.so last) mprotect its PT_GNU_RELRO pages\n"
"read-only (_dl_protect_relro), which splits its data into an r--p and\n"
"an rw-p VMA. Finally argc, argv, envp and the auxiliary vector go on\n"
"the stack; sp points at argc. The vdso is the gate page ffffe000 of\n"
"COMPAT_VDSO (not a VMA).\n"
"\n"
"--legacy-layout uses the bottom-up layout of 2.6.8 and earlier (or\n"
"`ulimit -s unlimited`): mmap_base = TASK_UNMAPPED_BASE = 0x40000000.\n"
"\n"
"Programs are the shipped images and their libraries (see `files`).\n"
"\n"
"Example:\n"
"  spawn /bin/sh\n"
"  maps\n",
	.opts = "legacy-layout",
	.args_min = 1,
	.args_max = 32,
	.flags = CMD_MODIFIES,
	.exec = spawn_exec,
};

static int
kthread_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct task_struct *t;
	int err;

	(void)argc;
	err = kernel_thread(c->m, argv[0], &t);
	if (err)
		return cmd_errno(c, err);
	out_printf(c->out, "pid %d (%s): a kernel thread, mm = NULL; it borrows "
		   "the active_mm of whatever ran before it (switch %d)\n",
		   t->pid, t->comm, t->pid);
	return 0;
}

const struct cmd_entry cmd_kthread_entry = {
	.name = "kthread",
	.usage = "NAME",
	.summary = "create a kernel thread (no mm: lazy TLB on a borrowed one)",
	.help =
"kthread creates a kernel thread called NAME: a task_struct and kernel\n"
"stack with mm = NULL. It does not run until `switch PID`. Then, as\n"
"context_switch does, it borrows the previous task's active_mm (mm_count\n"
"+1), CR3 is not reloaded, and the CPU enters lazy TLB mode: a TLB\n"
"shootdown for that mm makes the CPU leave_mm (load swapper_pg_dir and\n"
"drop out of the mm's cpu_vm_mask) instead of flushing.\n"
"\n"
"Example:\n"
"  kthread kswapd0\n"
"  switch 2\n",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_MODIFIES,
	.exec = kthread_exec,
};
