/* cmds/snapshot.h: a copy of the machine's mm state at one point, and the
 * differences between two such copies (the debugger's `diff`).
 *
 * A snapshot holds what a learner watches change, by value and never by
 * host pointer: the tasks (pid, name, state); each task's VMAs; its page
 * directory entries and the non-zero PTEs below TASK_SIZE, read from the
 * page tables in simulated RAM, and the kernel page table above
 * high_memory (vmalloc, pkmap, fixmap: the direct mapping of lowmem does
 * not change after boot); every struct page but its list links; each
 * zone's free-list counts per order and migrate type, its per-CPU list
 * counts and its vm_stat counters, and the vm_event counters; each CPU's
 * CR3 and valid TLB entries.
 *
 * Cost: a copy of mem_map (32 bytes a frame: 26 MiB for pc-4g) and a walk
 * of the present page tables: on pc-4g about 3 ms when snap_retake reuses
 * an old snapshot's memory, 15-20 ms for a fresh one (the host faulting
 * the copy in); comparing two, about 3 ms.  The session
 * (cmds/snap-session.c) takes them only when someone may read them.
 */
#ifndef VMDB_SNAPSHOT_H
#define VMDB_SNAPSHOT_H

#include "vmdb/types.h"

struct machine;
struct out;
struct snap;
struct trace_event;
struct vmdb;
struct cmd_entry;
struct cmd_ctx;

/* A copy of m's state now. */
struct snap *snap_take(struct machine *m);
/* The same in old's memory (old, if not NULL, is gone): cheaper. */
struct snap *snap_retake(struct machine *m, struct snap *old);
void snap_free(struct snap *s);

/* The groups of differences, in the order they are printed. */
enum snap_group {
	SNAP_TASKS = 0x01,	/* "task": a task appeared, exited, renamed */
	SNAP_VMAS = 0x02,	/* "VMA" */
	SNAP_PTES = 0x04,	/* "PDE", "PTE" */
	SNAP_PAGES = 0x08,	/* "page": struct page fields */
	SNAP_FREE = 0x10,	/* "free": buddy free lists */
	SNAP_PCP = 0x20,	/* "pcp": per-CPU page lists */
	SNAP_TLB = 0x40,	/* "CR3", "TLB" */
	SNAP_COUNTERS = 0x80,	/* "stat", "event": vmstat */
	SNAP_ALL = 0xff,
};
#define NR_SNAP_GROUPS	8
/* "tasks", "vmas", "ptes", ...: group bit i's name. */
extern const char *const snap_group_names[NR_SNAP_GROUPS];

/*
 * Prints what changed from a to b, one line per difference, grouped and
 * ordered: tasks, VMAs, page tables (PDE, PTE), struct pages, free lists,
 * per-CPU lists, CR3 and TLB entries, counters.  After max_lines lines
 * (0: no limit) the rest is counted and summed up as "... and N more
 * differences".  Returns the number of differences (0: the same state).
 * a and b must come from machines of the same geometry (the same boot),
 * m being the one to name things with.
 */
int snap_diff(struct machine *m, const struct snap *a, const struct snap *b,
	      struct out *o, int max_lines);
/* The same for the groups in mask (enum snap_group bits) alone. */
int snap_diff_groups(struct machine *m, const struct snap *a,
		     const struct snap *b, struct out *o, int max_lines,
		     unsigned mask);

/* ---- the session's points (cmds/snap-session.c) ---------------------------
 *
 * `diff` compares the machine now with a recorded point: the previous stop
 * of the stopped command (or its start, at its first stop), or, when no
 * command is stopped, the start of the last command that changes the
 * machine.  Recording costs a snapshot per command, so it happens only
 * when the snapshot may be read:
 *   - a command that runs under the debugger (a breakpoint, watchpoint or
 *     catchpoint is enabled, or `step COMMAND`): at its start and at every
 *     stop;
 *   - every machine-changing command while `set diff on` (which the first
 *     `diff` that finds nothing recorded turns on).
 * Otherwise nothing is taken and the engine runs at full speed.
 */

/* At the start of every command (cmd_call_exec): for one that changes the
 * machine, drops the old points and records its start when wanted. */
void snap_command_start(struct vmdb *v, const struct cmd_entry *e,
			const char *line);
/* At every stop (dbg_hook, before it yields): this stop becomes the point
 * the next stop is compared with. */
void snap_stop(struct vmdb *v, const struct trace_event *ev);
/* Frees every recorded point (vmdb_done). */
void snap_session_free(struct vmdb *v);

/*
 * The point `diff` compares the machine with now, with its label for
 * snap_report ("made by 'touch ...'", "since the last stop (at expand)";
 * the caller frees it).  NULL after the error line: nothing recorded
 * (which turns `set diff on`), or the machine was booted since.
 */
const struct snap *snap_diff_base(struct cmd_ctx *c, char **label);

/*
 * Prints "Changes <label>:" (or "No changes <label>.") and the
 * differences from a to b in the groups of mask, with at most max_lines
 * lines: what `diff` prints, for whichever pair of points it compares.
 * `diff @N @M` will come here with the snapshots the journal's replay
 * takes at N and M.
 */
int snap_report(struct cmd_ctx *c, const struct snap *a, const struct snap *b,
		const char *label, int max_lines, unsigned mask);

#endif
