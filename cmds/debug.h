/* cmds/debug.h: the debugger: breakpoints, watchpoints and catchpoints on
 * the engine's trace points, and stopping a command in the middle.
 *
 * A machine-changing command runs on a coroutine (vmdb/coro.h) whenever
 * something could stop it.  The engine's trace points call dbg_hook
 * (through machine->trace.hook); when one must stop, the hook prints where
 * and yields back to the front end, which goes on reading commands with
 * the machine half-changed.  Read-only commands then show the intermediate
 * state; machine-changing ones are refused; step, next, finish, until and
 * continue resume the coroutine.  The engine knows none of this: its code
 * stays straight-line C.
 */
#ifndef VMDB_DEBUG_H
#define VMDB_DEBUG_H

#include "vmdb/out.h"
#include "vmdb/trace.h"
#include "vmdb/types.h"

struct vmdb;
struct cmd_ctx;
struct cmd_call;
struct machine;
struct strbuf;
struct dbg_expr;
struct session_saved;

#define DBG_MAX_FRAMES	64

enum bp_type { BP_BREAK, BP_WATCH, BP_CATCH };

enum watch_kind { WATCH_PTE, WATCH_PAGE, WATCH_FREE, WATCH_VMA };

enum catch_kind {
	CATCH_SEGV, CATCH_OOM, CATCH_COW, CATCH_TLB_FLUSH, CATCH_IPI,
	NR_CATCH
};

/* A watched value: enough of the state to compare and to print. */
struct watch_val {
	bool valid;		/* the thing exists (a page table, a VMA) */
	u32 v[6];
};

struct breakpoint {
	int num;
	enum bp_type type;
	bool enabled;
	bool temporary;		/* tbreak: deleted when it stops */
	unsigned ignore;	/* crossings still to ignore */
	unsigned hits;
	/* break */
	int tp;
	struct dbg_expr *cond;
	char *cond_text;
	/* watch */
	enum watch_kind wkind;
	int pid;		/* WATCH_PTE, WATCH_VMA: whose address space */
	u32 addr;		/* WATCH_PTE, WATCH_VMA */
	u32 pfn;		/* WATCH_PAGE */
	int zone, order;	/* WATCH_FREE */
	struct watch_val old;
	/* catch */
	enum catch_kind ckind;
};

enum dbg_mode {
	DBG_RUN,		/* to a breakpoint or the end */
	DBG_STEP,		/* the next trace point */
	DBG_NEXT,		/* the next one at this depth or above */
	DBG_FINISH,		/* the return of one frame */
	DBG_UNTIL,		/* a trace point, or the frame's return */
	DBG_GOTO,		/* event number goto_event, unseen until then */
};

struct dbg {
	struct breakpoint *bp;
	int nbp, cap;
	int next_num;

	struct coro *co;
	struct cmd_call *pending;	/* the command stopped on co */
	int pending_rc;

	enum dbg_mode mode;
	int mode_depth;			/* DBG_NEXT, FINISH, UNTIL */
	int until_tp;			/* DBG_UNTIL's target, or -1 */
	bool quiet;			/* running a command out: no stops */

	/* The open CALL trace points of the running command, outermost
	 * first, and the event it is stopped at. */
	struct trace_event frames[DBG_MAX_FRAMES];
	int nframes;
	int lost_frames;		/* deeper than DBG_MAX_FRAMES */
	struct trace_event where;
	int frame_sel;			/* `frame N`: 0 = where */
	unsigned long nevents;		/* events the command has fired */

	/* Reverse execution: seeking to an event of a replayed command
	 * with output held back, and the journaled commands after it, run
	 * again as the stopped one is run on. */
	unsigned long goto_event;
	int goto_bp;			/* the breakpoint reverse-continue
					 * came back to, or 0 */
	bool seeking;
	struct session_saved *seek_saved;	/* the sinks held back */
	char **redo;
	int nredo, redo_next;
	/* While seeking, the events up to scan_limit that any event
	 * (REV_STEP), next's rule at scan_depth (REV_NEXT) or a breakpoint
	 * (REV_BREAK) picks; REV_NONE when not scanning.  The last
	 * scan_want of them are kept in scan_ring (scan_count found in
	 * all), so that `reverse-step N` finds the Nth one back. */
	int scan_kind;
	int scan_depth;
	unsigned long scan_limit, scan_found;
	struct scan_hit {
		unsigned long event;	/* its number in the command */
		int bp;			/* the breakpoint that took it,
					 * or < 0: any event, next's rule */
	} *scan_ring;
	unsigned long scan_want, scan_count;
};

enum { REV_NONE, REV_STEP, REV_NEXT, REV_BREAK };
#define DBG_MAX_COUNT	1000000	/* step N, reverse-step N ... */

/* The session's debugger, created on first use. */
struct dbg *dbg_get(struct vmdb *v);
void dbg_free(struct vmdb *v);

/* Is a command stopped in the middle?  Then machine-changing commands
 * must wait. */
bool dbg_stopped(const struct vmdb *v);
/* Could a command stop (an enabled breakpoint, watchpoint or catchpoint,
 * or a step asked for)?  Then it runs on the coroutine. */
bool dbg_may_stop(const struct vmdb *v);
/* Installs the trace hook and sets machine->trace.armed from what listens
 * (trace, explain, the debugger).  After boot and after every change. */
void dbg_attach(struct vmdb *v);

/* Runs a parsed command on the coroutine: 0 when it stopped (call is kept
 * as pending), else what cmd_call_finish returned. */
int dbg_run(struct vmdb *v, struct cmd_call *call);
/* Resumes the stopped command in mode (depth and tp as the mode needs):
 * returns 0 when it stopped again, else the command's result. */
int dbg_resume(struct cmd_ctx *c, enum dbg_mode mode, int depth, int tp);
/* The depth of the frame a resume is measured from: -1 when stopped
 * outside every function (an event fired by the command itself). */
int dbg_frame_depth(const struct dbg *d);

/* reverse-step (kind REV_STEP), reverse-next (REV_NEXT) and
 * reverse-continue (REV_BREAK): back to the last earlier trace point, the
 * last one of this frame's function, or the last where a breakpoint or
 * catchpoint would have stopped; into the commands before when this one
 * has none. */
int dbg_reverse(struct cmd_ctx *c, int kind, unsigned long count);

/* abort: the stopped command is undone, by replaying the journal. */
int dbg_abort(struct cmd_ctx *c);

/* "Refuse while stopped": an error line naming the stopped command. */
int dbg_refuse(struct cmd_ctx *c);
/* "not stopped": the error for step & co. with nothing to resume. */
int dbg_not_stopped(struct cmd_ctx *c);

/* The location line: "-> do_wp_page (address=..., pte=...) at
 * mm/memory.c". */
void dbg_format_event(struct machine *m, struct strbuf *sb,
		      const struct trace_event *ev);

/* Breakpoint table. */
struct breakpoint *dbg_bp_new(struct dbg *d, enum bp_type type);
struct breakpoint *dbg_bp_find(struct dbg *d, int num);
void dbg_bp_delete(struct dbg *d, int num);
/* Parses "1 3-5 7" into breakpoint numbers for delete/enable/disable,
 * calling fn on each; an unknown number is an error.  With argc 0, every
 * breakpoint.  Returns 0 or -1 after the error line. */
int dbg_bp_each(struct cmd_ctx *c, int argc, char **argv,
		void (*fn)(struct dbg *d, struct breakpoint *b));
void dbg_bp_describe(struct vmdb *v, const struct breakpoint *b,
		     struct strbuf *sb);
/* Reads a watchpoint's value now. */
void dbg_watch_read(struct vmdb *v, const struct breakpoint *b,
		    struct watch_val *val);
void dbg_watch_format(struct vmdb *v, const struct breakpoint *b,
		      const struct watch_val *val, struct strbuf *sb);

extern const char *const catch_names[NR_CATCH];

/* Frames for bt: how many (the command is the last), and one as
 * "#K  function (args) at file". */
int dbg_nr_frames(const struct dbg *d);
void dbg_format_frame(struct vmdb *v, struct strbuf *sb, int k);
/* step and next: [N] resumes N times, COMMAND starts one stopped. */
int dbg_step_cmd(struct cmd_ctx *c, int argc, char **argv,
		 enum dbg_mode mode);

/* up and down (cmds/cmd-frame.c): dir 1 is up, -1 down. */
int frame_move(struct cmd_ctx *c, int argc, char **argv, int dir);

/* break and tbreak (cmds/cmd-break.c). */
int break_common(struct cmd_ctx *c, int argc, char **argv, bool temporary);

/* Conditions (cmds/debug-expr.c): C-like expressions over a trace
 * point's named arguments (or a unique prefix of a name), numbers, zone,
 * migrate-type and LRU names, and $pid and $cpu; operators ! ~ * / % + -
 * << >> < <= > >= == != & ^ | && || and parentheses. */
struct dbg_expr *dbg_expr_parse(int tp, const char *text, char *why,
				size_t n);
long dbg_expr_eval(const struct dbg_expr *e, struct machine *m,
		   const struct trace_event *ev);
void dbg_expr_free(struct dbg_expr *e);

#endif
