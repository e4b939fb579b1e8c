/* cmds/journal.h: the session's journal of machine-changing commands, and
 * rebuilding a machine from it (DESIGN.md, "Debugging").
 *
 * Every run of a machine-changing command is appended, with its command
 * name spelled out in full (so that a prefix that later becomes ambiguous
 * still replays).  A run that failed is appended too, marked failed: a
 * failure is not always a no-op in the kernel vmdb models (a touch that
 * segfaults kills the task, a kmap that would sleep queues a sleeper, an
 * allocation failure logs its warning, mprotect splits VMAs before it
 * finds the hole), so a replay runs it again and expects it to fail
 * again.  `boot` starts a new journal: its line
 * is entry 0 (@0), kept with the configuration it booted, so that
 * rebuilding never rereads an --e820 file that may have changed since.
 * Entries are numbered @0, @1, ... as `history` shows them.
 *
 * The engine is deterministic, so running @1..@n-1 on a machine booted
 * from @0's configuration gives back, byte for byte, the machine as it
 * was after @n-1: `undo`, `history --verify`, the lead's reverse
 * execution and `diff @N @M` are all built on journal_rebuild().  Which
 * commands are journaled is what cmd_modifies() says; a command whose
 * effect depends on session state outside the machine would break that,
 * and there is none: the current CPU (`cpu N`), the current task
 * (`switch`), and `set sp` all live in the machine.
 *
 * What is not journaled: read-only commands, command lines rejected
 * before the command ran (unknown command or option, wrong number of
 * arguments), a boot that failed (the old machine stays), session
 * settings (`set paranoid`, `trace`), `source` itself (the lines it runs
 * are journaled one by one), and the commands that manage the journal
 * (undo, replay: CMD_JOURNAL_SELF).
 *
 * Checkpoints.  Replaying 100 000 commands from boot takes most of a
 * second (far longer in a debug build), and reverse execution rebuilds
 * the machine at every step.  So the journal keeps frozen copies of the
 * machine (vmdb/clone.h) along the way, and a rebuild starts from the
 * newest one at or before where it is going, replaying only the rest.
 * They are placed by cost: each entry records the CPU time the session
 * spent since the one before (what replaying it may cost, at most), and
 * a checkpoint is taken once that adds up, since the last one, to
 * CKPT_RATIO times what taking one costs (at least CKPT_MIN_NS): so
 * taking them costs the session a bounded share of its time, and a
 * rebuild replays a bounded amount.  A rebuild that had to replay much
 * keeps its result as a checkpoint too, so that reverse-stepping through
 * one command rebuilds it from there.  Older checkpoints are thinned out:
 * one is dropped when the gap it leaves is at most a CKPT_DENSITY'th of
 * the way from there to the end of the journal, so they thin out
 * logarithmically with age and a session of any length keeps a dozen
 * or two; and an image shares every RAM page it has in common with the
 * one before.  The environment variable VMDB_CHECKPOINT_INTERVAL=N
 * places them every N entries instead (counting each entry as 1), for
 * tests.  Where they are never shows: a rebuild from a checkpoint gives
 * the machine a rebuild from boot gives, and `history --verify` checks
 * that every checkpoint is the machine replaying from boot reaches there.
 */
#ifndef VMDB_JOURNAL_H
#define VMDB_JOURNAL_H

#include <stddef.h>

#include "vmdb/out.h"
#include "vmdb/types.h"

struct vmdb;
struct machine;
struct boot_config;
struct cmd_ctx;

struct journal_entry {
	char *line;			/* the command line, name spelled out */
	struct boot_config *cfg;	/* @0 only: what it booted */
	long nevents;			/* trace events it fired; -1 unknown
					 * (reverse execution fills it) */
	bool failed;			/* it failed (and is expected to) */
	u64 cost;			/* replaying @1..@this costs at most
					 * this: CPU ns, or entries */
};

struct machine_image;

/* A frozen copy of the machine as it was after @n-1. */
struct checkpoint {
	size_t n;
	struct machine_image *img;
};

struct journal {
	struct journal_entry *e;
	size_t len, cap;
	bool replaying;			/* lines run by journal_rebuild() are
					 * not journaled again */
	struct checkpoint *ck;		/* by n, oldest first */
	size_t nck, ckcap;
	u64 every;			/* VMDB_CHECKPOINT_INTERVAL, or 0 */
	u64 cpu_mark;			/* CPU time at the last entry */
	u64 take_ns;			/* what taking the last one cost */
};

/* vmdb_done's part: frees every entry; the journal is empty again. */
void journal_free(struct journal *j);

/*
 * cmd_run_line calls this after each command it ran, with the command's
 * return code: appends the line when cmd_modifies() says the command
 * changes the machine (and no rebuild is running); a boot that succeeded
 * first empties the journal.
 */
void journal_note(struct vmdb *v, const struct cmd_ctx *c, int argc,
		  char **argv, const char *line, int rc);

size_t journal_len(const struct vmdb *v);
/* Entry i (< journal_len). */
const struct journal_entry *journal_entry(const struct vmdb *v, size_t i);

/*
 * Builds a new machine from the first n entries (1 <= n <= journal_len):
 * thaws the newest checkpoint at or before n (else boots @0's
 * configuration), then runs the entries after it up to @n-1 with their
 * output discarded, without paranoid checks or tracing.  The session's
 * machine and journal entries are left as they are (a checkpoint may be
 * added).  Returns 0 with the machine in *out
 * (the caller frees it), or -1 after printing an error: a journaled line
 * that fails on replay when it had succeeded, or the other way round, is
 * a bug in vmdb (the engine is not deterministic, or a command is not
 * journaled that should be), and the error says which entry and why.
 * what names the caller in it.
 */
int journal_rebuild(struct vmdb *v, const char *what, size_t n,
		    struct machine **out);

/*
 * journal_rebuild from boot, whatever checkpoints there are, checking on
 * the way that each checkpoint up to n is the machine the replay reaches
 * there (by digest); an error names the parts that differ.  For
 * `history --verify`.
 */
int journal_rebuild_verify(struct vmdb *v, const char *what, size_t n,
			   struct machine **out);

/*
 * Rebuilds from the first n entries and makes that the session's machine
 * (the old one is freed), dropping the entries after them: what `undo`
 * does.  The trace hook is attached to the new machine.  Returns 0, or -1
 * after printing an error (the session is then unchanged).
 */
int journal_replay(struct vmdb *v, const char *what, size_t n);

/*
 * Runs entry i (> 0) on the session's machine as a rebuild does, without
 * journaling it again; output and errors go to the session's sinks.
 * Returns 0 when it succeeded or failed as it did when recorded, -1
 * otherwise.  For reverse execution: journal_rebuild(v, what, i, &m),
 * make m the session's machine, arm tracing, journal_run_entry(v, i).
 */
int journal_run_entry(struct vmdb *v, size_t i);

/* Drops the entries from n on, and the checkpoints after them. */
void journal_truncate(struct journal *j, size_t n);

/* ---- checkpoints (cmds/checkpoint.c), for journal.c ---------------------- */

/* A new journal (boot): no checkpoints, VMDB_CHECKPOINT_INTERVAL read. */
void ckpt_start(struct journal *j);
/* The entry just appended: its cost; a checkpoint of m after it when
 * enough replay has added up since the last one. */
void ckpt_note(struct journal *j, const struct machine *m);
/* Drops the checkpoints after n (all of them and the table at 0). */
void ckpt_truncate(struct journal *j, size_t n);
/* The newest checkpoint at or before n, or NULL. */
const struct checkpoint *ckpt_find(const struct journal *j, size_t n);
/* A rebuild from `from` (NULL: boot) reached n in replay_ns: keeps m as
 * a checkpoint if that was worth it. */
void ckpt_rebuilt(struct journal *j, const struct checkpoint *from, size_t n,
		  const struct machine *m, u64 replay_ns);
/* The CPU clock the costs are measured with, in ns. */
u64 ckpt_clock(void);

/*
 * What a rebuild or a replay changes in the session while it runs: the
 * machine, the journal, the sinks and the settings.  session_quiet saves
 * them and quiets the session: output thrown away, error lines kept in
 * a buffer.  session_restore puts back the sinks and settings (not the
 * machine or the journal: the caller decides which to keep) and returns
 * the last error line printed meanwhile (the caller frees it), or NULL.
 */
struct session_saved {
	struct machine *m;
	struct journal j;
	struct out out, err;
	const char *file;
	int line, nerrors;
	bool paranoid, trace, keep_going;
};

void session_quiet(struct vmdb *v, struct session_saved *s);
char *session_restore(struct vmdb *v, struct session_saved *s);

#endif
