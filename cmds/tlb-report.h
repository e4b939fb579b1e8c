/* cmds/tlb-report.h: what the MMU commands (tlb, flush-tlb, invlpg, cpu,
 * regs, pte) share: a CPU or a task named on the command line, and a
 * before/after view of every CPU's TLB that tells what a flush did. */
#ifndef VMDB_TLB_REPORT_H
#define VMDB_TLB_REPORT_H

#include "vmdb/mmu.h"

#include "cmd.h"

struct task_struct;

/* A present CPU number; -1 after the error line. */
int arg_cpu(struct cmd_ctx *c, const char *s, int *cpu);
/* The task with pid s; NULL after "no task with pid N". */
struct task_struct *arg_pid(struct cmd_ctx *c, const char *s);
/* The current task's mm on the current CPU; NULL after "no current task"
 * or "... a kernel thread". */
struct mm_struct *current_user_mm(struct cmd_ctx *c);
/* "pid 100 (sh)", "swapper" for NULL. */
void task_str(struct strbuf *sb, const struct task_struct *t);
/* "init_mm" or "mm 0xf5001000 (pid 100, sh)". */
void mm_str(struct cmd_ctx *c, struct strbuf *sb, const struct mm_struct *mm);

struct tlb_snap {
	int valid[VMDB_MAX_CPUS];
	unsigned long ipis[VMDB_MAX_CPUS];
	u32 cr3[VMDB_MAX_CPUS];
};

void tlb_snap_take(struct machine *m, struct tlb_snap *s);
/* One line per CPU: entries before and after, an IPI received, a
 * leave_mm (CR3 moved to swapper_pg_dir). */
void tlb_snap_report(struct cmd_ctx *c, const struct tlb_snap *before);

#endif
