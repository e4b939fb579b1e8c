/* cmds/cmd-mmap.c: `mmap`, `munmap` and `brk` for the current task. */
#include "config.h"

#include <errno.h>

#include "vmdb/fs.h"
#include "vmdb/mmap.h"

#include "cmd.h"

static void
vma_report(struct cmd_ctx *c, struct mm_struct *mm, u32 addr)
{
	struct vm_area_struct *v = find_vma(c->m, mm, addr);

	if (v && v->vm_start <= addr)
		out_printf(c->out, "  in VMA %08x-%08x (%d VMAs, total_vm %lu pages)\n",
			   v->vm_start, v->vm_end, mm->map_count, mm->total_vm);
}

static int
mmap_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct task_struct *t = arg_task(c, NULL, true);
	struct vfile *f = NULL;
	u64 addr = 0, len, off = 0;
	u32 prot, flags;
	int i = 0;
	long r;

	if (!t)
		return -1;
	/* [ADDR] LEN PROT FLAGS [FILE OFFSET]: 4 or 6 words have ADDR. */
	if (argc == 4 || argc == 6) {
		if (arg_address(c, "ADDR", argv[i++], 0xffffffffull, &addr))
			return -1;
	}
	if (arg_size(c, "LEN", argv[i++], 0, 0xffffffffull, &len) ||
	    arg_prot(c, "PROT", argv[i++], &prot) ||
	    arg_map_flags(c, "FLAGS", argv[i++], &flags))
		return -1;
	if (i < argc) {
		f = file_lookup(c->m, argv[i]);
		if (!f)
			return cmd_error(c, "%s: no such file (see `files`)",
					 argv[i]);
		if (flags & MAP_ANONYMOUS)
			return cmd_error(c, "MAP_ANONYMOUS takes no file");
		if (arg_size(c, "OFFSET", argv[i + 1], 0, 0xffffffffull, &off))
			return -1;
		if (off & ~(u64)PAGE_MASK)
			return cmd_errno(c, machine_err(c->m, -EINVAL,
					 "offset %#llx is not page-aligned",
					 (unsigned long long)off));
	} else if (!(flags & MAP_ANONYMOUS)) {
		return cmd_error(c, "no FILE: add MAP_ANONYMOUS, or give FILE "
				 "OFFSET");
	}
	r = do_mmap_pgoff(c->m, t->mm, f, (u32)addr, (u32)len, prot, flags,
			  (u32)(off >> PAGE_SHIFT));
	if (r < 0)
		return cmd_errno(c, (int)r);
	out_printf(c->out, "0x%08lx\n", r);
	vma_report(c, t->mm, (u32)r);
	return 0;
}

const struct cmd_entry cmd_mmap_entry = {
	.name = "mmap",
	.usage = "[ADDR] LEN PROT FLAGS [FILE OFFSET]",
	.summary = "map memory into the current task (do_mmap_pgoff)",
	.help =
"mmap runs mmap(2) for the current task and prints the address. PROT is\n"
"PROT_READ|PROT_WRITE|PROT_EXEC, PROT_NONE, or letters like rw or r-x;\n"
"FLAGS are MAP_* names joined by | (PRIVATE, SHARED, ANONYMOUS, FIXED,\n"
"POPULATE, LOCKED, GROWSDOWN, NORESERVE; the MAP_ prefix is optional).\n"
"A file mapping names a simulated FILE (see `files`) and a page-aligned\n"
"OFFSET. ADDR is a hint, or the address with MAP_FIXED.\n"
"\n"
"As do_mmap_pgoff and mmap_region in 2.6.32: the length is rounded up\n"
"to pages; get_unmapped_area picks the range (top-down from\n"
"free_area_cache below mmap_base, or bottom-up in the legacy layout,\n"
"cached_hole_size remembering the largest hole passed over); whatever\n"
"was mapped there is unmapped first (MAP_FIXED); vma_merge extends a\n"
"neighbour when flags, file, anon_vma and offsets agree, else a new\n"
"vm_area_struct comes from its slab cache. Private writable mappings\n"
"are charged (VM_ACCOUNT); MAP_SHARED|MAP_ANONYMOUS is shmem (/dev/zero);\n"
"a shared writable file mapping starts read-only in the PTEs so the\n"
"first write can dirty the page. No page is touched unless MAP_POPULATE\n"
"or MAP_LOCKED (then every page is faulted in, writes breaking COW).\n"
"\n"
"Errors, as the kernel's: EINVAL (length 0, unaligned MAP_FIXED or\n"
"offset, neither or both of SHARED and PRIVATE), ENOMEM (no room, or\n"
"max_map_count), EACCES (shared writable on a read-only file), EPERM\n"
"(MAP_LOCKED with RLIMIT_MEMLOCK 0), EAGAIN (MAP_LOCKED beyond\n"
"RLIMIT_MEMLOCK, 64 KiB unless `ulimit -l` changed it).\n"
"\n"
"Examples:\n"
"  mmap 64K rw PRIVATE|ANONYMOUS\n"
"  mmap 0x50000000 8K r-- PRIVATE|FIXED /bin/sh 0x1000\n",
	.args_min = 3,
	.args_max = 6,
	.flags = CMD_MODIFIES,
	.exec = mmap_exec,
};

static int
munmap_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct task_struct *t = arg_task(c, NULL, true);
	u64 addr, len;
	int err;

	(void)argc;
	if (!t || arg_address(c, "ADDR", argv[0], 0xffffffffull, &addr) ||
	    arg_size(c, "LEN", argv[1], 0, 0xffffffffull, &len))
		return -1;
	if (!len)
		return cmd_errno(c, machine_err(c->m, -EINVAL, "length 0"));
	err = do_munmap(c->m, t->mm, (u32)addr, (u32)len);
	if (err)
		return cmd_errno(c, err);
	out_printf(c->out, "unmapped %08x-%08x: %d VMAs, total_vm %lu pages, "
		   "rss %ld pages\n", (u32)addr,
		   (u32)addr + (((u32)len + PAGE_SIZE - 1) & PAGE_MASK),
		   t->mm->map_count, t->mm->total_vm,
		   t->mm->anon_rss + t->mm->file_rss);
	return 0;
}

const struct cmd_entry cmd_munmap_entry = {
	.name = "munmap",
	.usage = "ADDR LEN",
	.summary = "unmap a range of the current task (do_munmap)",
	.help =
"munmap runs munmap(2) for the current task as do_munmap does: ADDR must\n"
"be page-aligned (EINVAL), LEN is rounded up; VMAs that straddle either\n"
"end are split (split_vma; ENOMEM beyond max_map_count), locked ones\n"
"unlocked, the rest detached; unmap_region zaps their PTEs (rss, rmap\n"
"and page references drop, dirty file pages are marked dirty), frees the\n"
"page tables no VMA spans any more, and flushes the mm's TLB entries\n"
"(flush_tlb_mm, on every CPU that may hold them). A range with nothing\n"
"mapped is not an error.\n"
"\n"
"Example:\n"
"  munmap 0xb7fde000 8K\n",
	.args_min = 2,
	.args_max = 2,
	.flags = CMD_MODIFIES,
	.exec = munmap_exec,
};

static int
brk_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct task_struct *t = arg_task(c, NULL, true);
	u64 addr;
	long r;

	if (!t)
		return -1;
	if (!argc) {
		out_printf(c->out, "brk %08x (start_brk %08x)\n", t->mm->brk,
			   t->mm->start_brk);
		return 0;
	}
	if (arg_address(c, "ADDR", argv[0], 0xffffffffull, &addr))
		return -1;
	r = sys_brk(c->m, t->mm, (u32)addr);
	out_printf(c->out, "brk %08lx\n", (unsigned long)r);
	if ((u32)r != (u32)addr)
		return cmd_error(c, "the break did not move%s%s%s",
				 c->m->why[0] ? " (" : "", c->m->why,
				 c->m->why[0] ? ")" : "");
	return 0;
}

const struct cmd_entry cmd_brk_entry = {
	.name = "brk",
	.usage = "[ADDR]",
	.summary = "show or move the current task's program break",
	.help =
"brk without ADDR shows the break (mm->brk) and where the heap starts\n"
"(start_brk, the page-aligned end of bss). With ADDR it runs brk(2):\n"
"shrinking unmaps the pages above the new break; growing needs the\n"
"range up to one page past the new break free (else the break stays)\n"
"and do_brk makes or extends the anonymous [heap] VMA, merging with the\n"
"one before it. Like the syscall it returns the break, new or unchanged;\n"
"vmdb reports an unchanged break as an error with the reason. mm->brk\n"
"keeps the unaligned value.\n"
"\n"
"Example:\n"
"  brk 0x08100000\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_MODIFIES,
	.exec = brk_exec,
};
