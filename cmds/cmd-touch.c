/* cmds/cmd-touch.c: `touch ADDR [r|w] [--len N] [--kernel]`: accesses by
 * the current task, through the TLB, the page walk and the fault
 * handler; `read ADDR LEN`: the bytes, read the same way. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/mmap.h"
#include "vmdb/util.h"

#include "cmd.h"

struct touch_ctx {
	struct cmd_ctx *c;
	bool verbose;
};

static const char *const outcome_names[] = {
	[FAULT_HANDLED] = "handled",
	[FAULT_SIGSEGV] = "SIGSEGV",
	[FAULT_SIGBUS] = "SIGBUS",
	[FAULT_OOM] = "out of memory",
	[FAULT_FIXUP] = "exception-table fixup",
	[FAULT_OOPS] = "kernel oops",
};

static void
touch_step(void *arg, const struct mmu_access *a, const struct fault_report *r)
{
	struct touch_ctx *tc = arg;
	struct machine *m = tc->c->m;
	struct strbuf sb;

	if (!tc->verbose)
		return;
	sb_init(&sb);
	if (!r) {
		mmu_access_format(m, a, &sb);
	} else {
		sb_printf(&sb, "  do_page_fault: ");
		if (r->vmalloc_synced)
			sb_puts(&sb, "vmalloc_fault copied the PDE from swapper_pg_dir");
		else if (r->spurious)
			sb_puts(&sb, "spurious fault (a stale kernel TLB entry)");
		else if (r->outcome == FAULT_HANDLED) {
			if (r->stack_expanded)
				sb_puts(&sb, "expand_stack, then ");
			sb_printf(&sb, "%s; %s fault",
				  m->sched->fault_path ? m->sched->fault_path :
				  "handle_mm_fault", r->major ? "major" : "minor");
		} else {
			sb_printf(&sb, "%s", outcome_names[r->outcome]);
			if (r->si_code)
				sb_printf(&sb, " (%s)", r->si_code == 1 ?
					  "SEGV_MAPERR: no VMA" :
					  "SEGV_ACCERR: the VMA forbids it");
			if (m->why[0])
				sb_printf(&sb, ": %s", m->why);
		}
		sb_puts(&sb, "\n");
	}
	out_puts(tc->c->out, sb.buf);
	sb_free(&sb);
}

/* One access; prints its story; 0, or -1 when it did not complete. */
static int
touch_one(struct cmd_ctx *c, u32 addr, u32 acc, bool verbose, u32 *phys)
{
	struct machine *m = c->m;
	struct task_struct *t = current_task(m);
	struct touch_ctx tc = { c, verbose };
	struct user_access ua;
	int pid = t ? t->pid : 0;
	u64 seq = m->log.seq;

	memset(&ua, 0, sizeof(ua));
	ua.on_step = touch_step;
	ua.arg = &tc;
	if (access_one(m, m->this_cpu, addr, acc, &ua) == 0) {
		*phys = ua.last.phys;
		return 0;
	}
	if (m->log.seq != seq)	/* the segfault or oops line */
		dmesg_show(m, c->out, (u32)(m->log.seq - seq));
	if (ua.fault.outcome == FAULT_SIGSEGV || ua.fault.outcome == FAULT_SIGBUS)
		return cmd_error(c, "pid %d killed by %s at %08x", pid,
				 outcome_names[ua.fault.outcome], addr);
	return cmd_error(c, "%s at %08x", outcome_names[ua.fault.outcome],
			 addr);
}

static int
parse_access(struct cmd_ctx *c, u32 *acc)
{
	*acc = args_has(c, "kernel") ? 0 : ACC_USER;
	return 0;
}

static int
touch_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	const char *lens = args_get(c, "len");
	u64 addr, len = 1;
	u32 acc, a, end, phys = 0, n = 0;

	if (arg_address(c, "ADDR", argv[0], 0xffffffffull, &addr))
		return -1;
	parse_access(c, &acc);
	if (argc > 1) {
		if (!strcmp(argv[1], "w") || !strcmp(argv[1], "write"))
			acc |= ACC_WRITE;
		else if (strcmp(argv[1], "r") && strcmp(argv[1], "read"))
			return cmd_error(c, "access must be r or w, not '%s'",
					 argv[1]);
	}
	if (lens && arg_size(c, "--len", lens, 1, 0x100000000ull - addr, &len))
		return -1;
	if ((acc & ACC_USER) && !current_task(m))
		return cmd_error(c, "no current task on CPU%d (spawn a program, "
				 "or switch to a pid; --kernel touches as the "
				 "kernel)", m->this_cpu);
	end = (u32)(addr + len - 1);
	/* One access per page the range touches; a range is summarised. */
	for (a = (u32)addr;; a = (a & PAGE_MASK) + PAGE_SIZE) {
		if (touch_one(c, a, acc, len == 1 || n < 1, &phys))
			return -1;
		if (len > 1 && n >= 1)
			out_printf(c->out, "%08x -> physical 0x%08x\n", a, phys);
		n++;
		if ((a & PAGE_MASK) == (end & PAGE_MASK))
			break;
	}
	return 0;
}

const struct cmd_entry cmd_touch_entry = {
	.name = "touch",
	.usage = "ADDR [r|w] [--len N] [--kernel]",
	.summary = "access an address as the current task, through the MMU",
	.help =
"touch makes the current task's CPU read (r, the default) or write (w)\n"
"ADDR, as an instruction would, and tells each step: the TLB lookup (hit\n"
"or miss); on a miss the hardware walk from CR3 over the page directory\n"
"and page table in RAM, setting Accessed (and Dirty on a write) as the\n"
"CPU does; the permission check (U/S, R/W, and CR0.WP for the kernel);\n"
"the TLB fill; or a page fault with its error code and CR2. The fault\n"
"goes to do_page_fault, which says what it did (vmalloc_fault,\n"
"expand_stack, do_anonymous_page with the zero page or a new page,\n"
"__do_fault from the page cache, do_wp_page reuse or copy, or bad_area\n"
"with SIGSEGV and the kernel's `segfault at` line, which kills the\n"
"task), and the CPU retries the access.\n"
"\n"
"--len N touches every page of [ADDR, ADDR+N): the first access in\n"
"detail, the others one line each. --kernel makes it a supervisor-mode\n"
"access (CPL 0): kernel addresses work, user pages are reachable, a\n"
"write to a read-only user page still faults (CR0.WP), and a fault no\n"
"VMA explains is a kernel oops.\n"
"\n"
"Example:\n"
"  spawn /bin/sh\n"
"  touch 0x0804a000 w\n"
"  touch 0xbffeb000 r --len 8K\n",
	.opts = "len= kernel",
	.args_min = 1,
	.args_max = 2,
	.flags = CMD_MODIFIES,
	.exec = touch_exec,
};

static int
read_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	u64 addr, len;
	u32 left, i, j;
	u8 *buf;
	int err;

	(void)argc;
	if (arg_address(c, "ADDR", argv[0], 0xffffffffull, &addr) ||
	    arg_size(c, "LEN", argv[1], 1, 4096, &len))
		return -1;
	if (!current_task(m) || !current_task(m)->mm)
		return cmd_error(c, "no current task with an address space on "
				 "CPU%d", m->this_cpu);
	buf = xcalloc(1, (size_t)len);
	err = copy_from_user(m, buf, (u32)addr, (u32)len, &left);
	for (i = 0; i < (u32)len - left; i += 16) {
		out_printf(c->out, "%08x:", (u32)addr + i);
		for (j = i; j < i + 16 && j < (u32)len - left; j++)
			out_printf(c->out, " %02x", buf[j]);
		out_printf(c->out, "%*s  ", (int)(3 * (i + 16 - j)), "");
		for (j = i; j < i + 16 && j < (u32)len - left; j++)
			out_printf(c->out, "%c", isprint(buf[j]) ? buf[j] : '.');
		out_printf(c->out, "\n");
	}
	free(buf);
	if (err)
		return cmd_errno(c, err);
	return 0;
}

const struct cmd_entry cmd_read_entry = {
	.name = "read",
	.usage = "ADDR LEN",
	.summary = "copy_from_user: read bytes of the current task's memory",
	.help =
"read copies LEN bytes (at most 4096) from the current task's address\n"
"ADDR into a kernel buffer, as copy_from_user does in a read-like\n"
"syscall, and prints them (hex and ASCII). The kernel's accesses fault\n"
"like the task's would (demand paging, the zero page); an address\n"
"outside every VMA is not an oops: the exception table sends the copy\n"
"to its fixup, which returns the bytes not copied, and the syscall\n"
"fails with EFAULT (Bad address) after printing what it got.\n"
"\n"
"Example:\n"
"  read 0x08048000 16\n",
	.args_min = 2,
	.args_max = 2,
	.flags = CMD_MODIFIES,
	.exec = read_exec,
};
