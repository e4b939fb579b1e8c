/* cmds/cmd-flush-tlb.c: `flush-tlb [all | mm PID | page ADDR | range START
 * END | kernel]`: Linux's TLB flush primitives, run on the current CPU,
 * with what each CPU's TLB lost. */
#include "config.h"

#include <string.h>

#include "vmdb/pgtable.h"
#include "vmdb/sched.h"

#include "tlb-report.h"

static const struct {
	const char *kind;
	int args;
} kinds[] = {
	{ "all", 0 }, { "kernel", 0 }, { "mm", 1 }, { "page", 1 },
	{ "range", 2 },
};

static int
flush_user(struct cmd_ctx *c, struct mm_struct *mm, u32 start, u32 end,
	   bool range)
{
	struct strbuf sb;

	sb_init(&sb);
	mm_str(c, &sb, mm);
	if (range) {
		out_printf(c->out, "flush_tlb_range(%s, 0x%08x, 0x%08x): %s, cpu_vm_mask 0x%x\n",
			   sb.buf, start, end, tlb_smp(c->m) ?
			   "x86 flushes the whole mm (flush_tlb_mm)" :
			   "x86 reloads CR3 if the mm is active", mm->cpu_vm_mask);
		flush_tlb_range_mm(c->m, mm, start, end);
	} else {
		out_printf(c->out, "flush_tlb_page(%s, 0x%08x): cpu_vm_mask 0x%x\n",
			   sb.buf, start, mm->cpu_vm_mask);
		flush_tlb_page_mm(c->m, mm, start);
	}
	sb_free(&sb);
	return 0;
}

static int
flush_range(struct cmd_ctx *c, char **argv)
{
	struct machine *m = c->m;
	struct mm_struct *mm;
	u64 s, e;

	if (arg_address(c, "START", argv[0], 0xffffffffull, &s) ||
	    arg_address(c, "END", argv[1], 0x100000000ull, &e))
		return -1;
	if (s >= e)
		return cmd_error(c, "START 0x%llx must be below END 0x%llx",
				 (unsigned long long)s, (unsigned long long)e);
	if (s >= m->page_offset) {
		out_printf(c->out, "flush_tlb_kernel_range(0x%08x, 0x%llx): i386 flushes everything (flush_tlb_all)\n",
			   (u32)s, (unsigned long long)e);
		flush_tlb_kernel_range(m, (u32)s, (u32)e);
		return 0;
	}
	if (e > m->page_offset)
		return cmd_error(c, "0x%llx-0x%llx crosses PAGE_OFFSET 0x%08x: a range is all user or all kernel",
				 (unsigned long long)s, (unsigned long long)e,
				 m->page_offset);
	mm = current_user_mm(c);
	return mm ? flush_user(c, mm, (u32)s, (u32)e, true) : -1;
}

static int
flush_kind(struct cmd_ctx *c, const char *kind, char **argv)
{
	struct machine *m = c->m;
	struct task_struct *t;
	struct mm_struct *mm;
	struct strbuf sb;
	u64 addr;

	if (!strcmp(kind, "all")) {
		out_printf(c->out, "flush_tlb_all: every CPU drops every entry (%s)\n",
			   m->cpu_pge ? "CR4.PGE toggled: global ones too" :
			   "CR3 reloaded; without PGE nothing is global");
		flush_tlb_all(m);
	} else if (!strcmp(kind, "kernel")) {
		out_printf(c->out, "flush_tlb_kernel_range(0x%08x, 0xffffffff): i386 flushes everything (flush_tlb_all)\n",
			   m->page_offset);
		flush_tlb_kernel_range(m, m->page_offset, 0xffffffffu);
	} else if (!strcmp(kind, "mm")) {
		if ((t = arg_pid(c, argv[0])) == NULL)
			return -1;
		if (t->mm == NULL)
			return cmd_error(c, "pid %d (%s) is a kernel thread: it has no mm",
					 t->pid, t->comm);
		sb_init(&sb);
		mm_str(c, &sb, t->mm);
		out_printf(c->out, "flush_tlb_mm(%s): cpu_vm_mask 0x%x\n", sb.buf,
			   t->mm->cpu_vm_mask);
		sb_free(&sb);
		flush_tlb_mm(m, t->mm);
	} else if (!strcmp(kind, "page")) {
		if (arg_address(c, "ADDR", argv[0], 0xffffffffull, &addr))
			return -1;
		if (addr >= m->page_offset) {
			out_printf(c->out, "__flush_tlb_one(0x%08x): a kernel page, invlpg on cpu%d only\n",
				   (u32)addr, m->this_cpu);
			flush_tlb_one_kernel(m, (u32)addr);
		} else if ((mm = current_user_mm(c)) == NULL) {
			return -1;
		} else {
			return flush_user(c, mm, (u32)addr, 0, false);
		}
	} else {
		return flush_range(c, argv);
	}
	return 0;
}

static int
flush_tlb_exec(struct cmd_ctx *c, int argc, char **argv)
{
	const char *kind = argc ? argv[0] : "all";
	struct tlb_snap before;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(kind, kinds[i].kind))
			break;
	if (i == ARRAY_SIZE(kinds))
		return cmd_error(c, "unknown flush '%s' (all, kernel, mm PID, page ADDR, range START END)",
				 kind);
	if (argc && argc - 1 != kinds[i].args)
		return cmd_error(c, "'%s' takes %d argument%s", kind,
				 kinds[i].args, kinds[i].args == 1 ? "" : "s");
	tlb_snap_take(c->m, &before);
	if (flush_kind(c, kind, argv + 1))
		return -1;
	tlb_snap_report(c, &before);
	return 0;
}

const struct cmd_entry cmd_flush_tlb_entry = {
	.name = "flush-tlb",
	.usage = "[all | kernel | mm PID | page ADDR | range START END]",
	.summary = "run one of Linux's TLB flushes",
	.help =
"flush-tlb runs one of Linux 2.6.32's TLB flush primitives on the current\n"
"CPU (see cpu) and shows, for every CPU, how many TLB entries it had and\n"
"has left, whether an IPI reached it and whether it did leave_mm.\n"
"\n"
"  all             flush_tlb_all: every CPU drops its whole TLB, global\n"
"                  entries too (CR4.PGE is toggled); a CPU in lazy TLB\n"
"                  mode also does leave_mm. The default.\n"
"  kernel          flush_tlb_kernel_range over the kernel's space, which\n"
"                  on i386 is flush_tlb_all (vfree, the pkmap wrap).\n"
"  mm PID          flush_tlb_mm of the process's mm: here, a CR3 reload\n"
"                  if it is the current mm (a kernel thread borrowing it\n"
"                  does leave_mm instead); then IPIs to the other CPUs of\n"
"                  its cpu_vm_mask: each one flushes if it runs that mm\n"
"                  (TLBSTATE_OK) or does leave_mm if lazy.\n"
"  page ADDR       flush_tlb_page in the current task's mm: invlpg here,\n"
"                  the same IPIs with the address. For a kernel address,\n"
"                  __flush_tlb_one: invlpg on this CPU only (kunmap_atomic).\n"
"  range START END flush_tlb_range: x86 flushes the whole mm. A kernel\n"
"                  range is flush_tlb_kernel_range.\n"
"\n"
"With NR_CPUS=1 (a uniprocessor kernel) flushes are local and there is\n"
"no lazy mode. invlpg is the bare instruction, without IPIs.\n",
	.args_min = 0,
	.args_max = 3,
	.flags = CMD_MODIFIES,
	.exec = flush_tlb_exec,
};
