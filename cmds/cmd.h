/* cmds/cmd.h: the command table (tmux's cmd_entry pattern) and the session
 * a command runs in.  One command per file, cmds/cmd-NAME.c, each exporting
 * one `const struct cmd_entry cmd_NAME_entry`; cmds/cmd-table.c lists them.
 * Commands parse arguments, call the engine and print through ctx->out:
 * nothing here reaches into engine internals. */
#ifndef VMDB_CMD_H
#define VMDB_CMD_H

#include "journal.h"
#include "vmdb/machine.h"
#include "vmdb/out.h"
#include "vmdb/types.h"

#define CMD_MAX_OPTS	16

/* Flags of a cmd_entry. */
#define CMD_MODIFIES	0x1	/* changes the machine: journaled */
#define CMD_NO_PARANOID	0x2	/* `check` itself, help, echo ... */
#define CMD_RESUMES	0x4	/* step, continue ...: runs the stopped
				 * command on; its end is that command's */
#define CMD_RAW_ARGS	0x8	/* no option parsing: the words as typed */
#define CMD_JOURNAL_SELF 0x10	/* rebuilds the machine from the journal
				 * itself (undo, replay): not journaled */

/*
 * Options follow the tmux idea of a template, but with long names:
 * "preset= e820= cpus= config=* verbose" -- `name=` takes a value
 * (--name VALUE or --name=VALUE), `name=*` takes one and may repeat,
 * a bare `name` is a flag.  Options may appear anywhere; `--` ends them.
 */
struct cmd_args {
	int nopts;
	struct {
		const char *name;
		const char *value;	/* NULL for a flag */
	} opt[CMD_MAX_OPTS];
};

struct vmdb;
struct dbg;
struct tui;
struct snap_points;

struct cmd_ctx {
	struct vmdb *v;
	struct machine *m;		/* v->m, never NULL */
	struct out *out;		/* normal output */
	const struct cmd_entry *entry;
	struct cmd_args args;
};

struct cmd_entry {
	const char *name;
	const char *alias;		/* NULL or one short alias */
	const char *usage;		/* arguments, e.g. "ORDER [GFP]" */
	const char *summary;		/* one line, for `help` */
	const char *help;		/* paragraphs, for `help NAME` */
	const char *opts;		/* option template, or NULL */
	int args_min;
	int args_max;			/* -1: no limit */
	unsigned flags;
	/* argv: the words after the name, options taken out; argc is what
	 * args_min/args_max bound, argv[argc] is NULL. */
	int (*exec)(struct cmd_ctx *c, int argc, char **argv);
	/* For a CMD_MODIFIES command with read-only forms (`cpu` alone,
	 * `pte ADDR`, dmesg without --clear): whether this run, with these
	 * options and arguments, changes the machine.  NULL: every run does. */
	bool (*modifies)(const struct cmd_ctx *c, int argc, char **argv);
};

extern const struct cmd_entry *const cmd_table[];

/*
 * The session: one per vmdb process.  Front ends (REPL, scripts, TUI) feed
 * it lines; it owns the machine.
 */
struct vmdb {
	struct machine *m;
	struct out out;			/* stdout, or a pane */
	struct out err;			/* stderr */
	bool interactive;		/* stdin is a terminal and no --batch */
	bool batch;
	bool keep_going;
	bool paranoid;
	bool quiet;
	bool trace;			/* `trace on` */
	struct dbg *dbg;		/* breakpoints, the stopped command */
	bool explain;			/* `explain on` */
	bool diff;			/* `set diff on`: record every command */
	struct snap_points *snap;	/* what `diff` compares with */
	bool quit;			/* `quit` or EOF seen */
	int exit_status;
	int nerrors;
	int source_depth;		/* nested `source` */
	const char *file;		/* script being read, or NULL */
	int line;			/* its line number */

	/* gdb's memory-examining defaults: x and xp remember the last
	 * format, unit and the address after the last one shown. */
	char x_fmt;
	int x_unit;
	u64 x_next;
	bool x_next_phys;
	bool x_have_next;

	struct journal journal;		/* machine-changing commands (journal.h) */
	struct tui *tui;		/* layouts, focus, the screen (src/ui/tui) */
};

void vmdb_init(struct vmdb *v);
void vmdb_done(struct vmdb *v);

/*
 * Runs one input line (comments and blank lines are no-ops).  Returns 0,
 * or -1 after printing the error line.  With v->paranoid, runs every
 * invariant checker after a command that succeeded.
 */
int cmd_run_line(struct vmdb *v, const char *line);

/*
 * cmd_run_line in three parts, for the debugger, which runs the middle one
 * on a coroutine and the last one when the command finally ends:
 * cmd_call_parse (NULL for a blank line, *rc 0, or after the error line,
 * *rc -1), cmd_call_exec (the command's exec), cmd_call_finish (the error
 * line a silent failure still needs, --paranoid's checks; frees call;
 * returns 0 or -1).
 */
struct cmd_call;
struct cmd_call *cmd_call_parse(struct vmdb *v, const char *line, int *rc);
int cmd_call_exec(struct cmd_call *call);
int cmd_call_finish(struct cmd_call *call, int rc);
/* The line as typed, without leading and trailing blanks. */
const char *cmd_call_line(const struct cmd_call *call);
/* Joins words into a line that splits back into the same words. */
char *cmd_join_words(int argc, char **argv);
/* Whether running c->entry with c's options and these arguments changes
 * the machine: CMD_MODIFIES, narrowed by the entry's modifies.  Such a
 * run is journaled, unless the command is CMD_JOURNAL_SELF (undo,
 * replay: they change the machine by rebuilding it from a journal). */
bool cmd_modifies(const struct cmd_ctx *c, int argc, char **argv);

/* Finds a command by exact name, alias or unique prefix.  On failure
 * writes "unknown command: x (did you mean ...?)" or "ambiguous command:
 * x, could be: ..." into why. */
const struct cmd_entry *cmd_find(const char *name, char *why, size_t n);

/* Prints "[FILE:LINE: ]vmdb: NAME: reason" on stderr; returns -1. */
int cmd_error(struct cmd_ctx *c, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* The same for an engine error: strerror(-err) and machine->why. */
int cmd_errno(struct cmd_ctx *c, int err);
/* Session-level error without a command ("unknown command"). */
int vmdb_error(struct vmdb *v, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* An error line that already has its prefix (one a replay kept). */
int vmdb_error_raw(struct vmdb *v, const char *line);

const char *args_get(const struct cmd_ctx *c, const char *name);
bool args_has(const struct cmd_ctx *c, const char *name);
/* All values of a repeatable option, in order; returns how many. */
int args_get_all(const struct cmd_ctx *c, const char *name,
		 const char **vals, int max);

/* Numeric helpers that report through cmd_error. */
int arg_number(struct cmd_ctx *c, const char *what, const char *s,
	       u64 min, u64 max, u64 *out);
int arg_size(struct cmd_ctx *c, const char *what, const char *s, u64 min,
	     u64 max, u64 *out);
/* A byte count as a user would type it: 4G, 640K, 4097. */
void size_str(u64 v, char *buf, size_t n);
/* A number or a kernel symbol (swapper_pg_dir, VMALLOC_START ...), with an
 * optional +N or -N, at most max. */
int arg_address(struct cmd_ctx *c, const char *what, const char *s, u64 max,
		u64 *out);
/* A unit letter (b h w g: 1 2 4 8 bytes), and a value that fits in one,
 * negative values in two's complement (cmd-write.c). */
int arg_unit(struct cmd_ctx *c, const char *s, int *bytes);
int arg_unit_value(struct cmd_ctx *c, const char *s, int bytes, u64 *out);
struct task_struct;
/* A PID argument (NULL: the current task); with need_mm, kernel threads
 * and zombies are refused.  NULL after printing the error. */
struct task_struct *arg_task(struct cmd_ctx *c, const char *pid,
			     bool need_mm);
const char *task_state_name(const struct task_struct *t);

/* PROT_* names joined by | or , (prefix optional, any case), maps-style
 * letters (rw, r-x, ---), none, or a number. */
int arg_prot(struct cmd_ctx *c, const char *what, const char *s, u32 *out);
/* MAP_* names (PRIVATE, SHARED, ANONYMOUS or ANON, FIXED, POPULATE,
 * LOCKED, GROWSDOWN, NORESERVE; prefix optional, any case) or numbers,
 * joined by | or ,. */
int arg_map_flags(struct cmd_ctx *c, const char *what, const char *s,
		  u32 *out);
/* After an mmap-family command: the VMAs in [start, end) with their
 * flags, then map_count, total_vm and locked_vm (cmds/cmd-vma.c). */
struct mm_struct;
void vma_range_report(struct cmd_ctx *c, struct mm_struct *mm, u32 start,
		      u32 end);

/* The slab commands' shared pieces (cmds/slab-report.c): what an
 * allocation or free did, and a cache looked up by name (NULL after
 * "no cache named X"). */
struct kmem_cache;
void slab_report_alloc(struct cmd_ctx *c, u32 objp);
void slab_report_free(struct cmd_ctx *c, u32 objp);
struct kmem_cache *arg_cache(struct cmd_ctx *c, const char *name);

/* Runs a script file (for `source` and -x): each line through
 * cmd_run_line, errors prefixed FILE:LINE, stopping at the first error
 * unless keep_going.  Returns 0 or -1. */
int vmdb_source(struct vmdb *v, const char *path);

/* Completions (cmds/complete.c) of the word prefix that follows line
 * (the words before it): a NULL-terminated array of malloc'd strings,
 * itself malloc'd, or NULL.  arg is the session. */
char **cmd_complete(void *arg, const char *line, const char *prefix);

/* Installs the engine's trace hook (cmds/debug.c: trace printing,
 * `explain on`, the debugger) and arms it when something listens. */
void vmdb_trace_attach(struct vmdb *v);
/* `trace on`'s line for one event (cmds/cmd-trace.c). */
struct trace_event;
void trace_print_event(struct vmdb *v, struct machine *m,
		       const struct trace_event *ev);

#endif
