/* tests/bench/bench-journal.c: `make bench`'s figures for a long session
 * (issue 5: reverse execution stays interactive), driven as the REPL
 * drives one: a struct vmdb, every line through cmd_run_line, output
 * thrown away.  The session: the default machine (pc-1g) booted, then
 * rounds of ROUND commands until 100 000 are journaled: spawn /bin/sh,
 * mmap 64K at 0x40000000, write 4 pages of it, fork, switch to the child,
 * two COW writes, munmap, the child's and the parent's exits (which reap
 * it), so that the machine stays the same size.  In its last 4 000
 * commands, every STRIDE or so (not a multiple of where checkpoints
 * fall), a round stops in the child's first write (`break do_wp_page`)
 * and steps back once, and a command is undone.
 *
 *   journal_100k_s        running the whole session, checkpoints included
 *   checkpoints_100k      how many checkpoints the journal keeps then
 *   rss_100k_mb           the RSS of this process then
 *   reverse_step_100k_ms  the first reverse-step from a stop inside a
 *                         command: the stopped command run out, the
 *                         machine rebuilt from the journal's newest
 *                         checkpoint before it and the command run again,
 *                         unseen, to the trace point before; median of
 *                         RUNS stops
 *   reverse_step_100k_max_ms  the slowest of them
 *   undo_100k_ms          undo of the last command (alloc_pages), a
 *                         rebuild; median of RUNS
 *
 * Target (issue 5): reverse_step_100k_ms < 100.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "debug.h"
#include "vmdb/sched.h"
#include "vmdb/util.h"

#include "bench.h"

#define SESSION_CMDS	100000
#define ROUND		11	/* commands a round */
#define RUNS		9	/* reverse steps timed */
#define STRIDE		440	/* commands between two */

static void
run(struct vmdb *v, const char *fmt, ...) PRINTF_LIKE(2, 3);

static void
run(struct vmdb *v, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (cmd_run_line(v, line) < 0)
		fatal("bench-journal: '%s' failed: %s", line,
		      v->err.sb.buf ? v->err.sb.buf : "");
	sb_reset(&v->err.sb);
}

/* Up to the child's first write, with the child current. */
static void
round_start(struct vmdb *v)
{
	int pid;

	run(v, "spawn /bin/sh");
	pid = current_task(v->m)->pid;
	run(v, "mmap 0x40000000 64K rw PRIVATE|ANONYMOUS|FIXED");
	run(v, "touch 0x40000000 w --len 16K");
	run(v, "fork");
	run(v, "switch %d", pid + 1);
}

/* The rest of the round: the child's writes (the first again when a
 * stopped one has been run out), munmap, both exits. */
static void
round_end(struct vmdb *v)
{
	int pid = current_task(v->m)->pid;

	run(v, "touch 0x40000000 w");
	run(v, "touch 0x40001000 w");
	run(v, "munmap 0x40000000 64K");
	run(v, "exit %d", pid);
	run(v, "exit %d", pid - 1);
}

static double
timed(struct vmdb *v, const char *line)
{
	double t0 = now_ns();

	run(v, "%s", line);
	return (now_ns() - t0) / 1e6;
}

/* One stop inside a command and the first reverse-step from it, in ms;
 * then the command is finished and its round completed. */
static double
reverse_step_once(struct vmdb *v)
{
	double t;

	round_start(v);
	run(v, "break do_wp_page");
	run(v, "touch 0x40000000 w");
	if (!dbg_stopped(v))
		fatal("bench-journal: the write did not stop in do_wp_page");
	t = timed(v, "reverse-step");
	if (!dbg_stopped(v))
		fatal("bench-journal: reverse-step did not stop");
	run(v, "delete");
	run(v, "continue");
	round_end(v);
	return t;
}

int
main(void)
{
	struct vmdb v;
	double t0, rs[RUNS], un[RUNS];
	int i, k;

	vmdb_init(&v);
	out_init_null(&v.out);
	out_init_buf(&v.err);
	t0 = now_ns();
	run(&v, "boot");
	while (journal_len(&v) + RUNS * STRIDE < SESSION_CMDS) {
		round_start(&v);
		round_end(&v);
	}
	while (journal_len(&v) + RUNS * STRIDE < SESSION_CMDS)
		run(&v, "alloc_pages 0 GFP_KERNEL");
	for (i = 0; i < RUNS; i++) {
		for (k = 0; k < STRIDE / ROUND - 2 - i % 3; k++) {
			round_start(&v);
			round_end(&v);
		}
		rs[i] = reverse_step_once(&v);
		run(&v, "alloc_pages 0 GFP_KERNEL");
		un[i] = timed(&v, "undo");
	}
	printf("journal_100k_s %.2f s\n", (now_ns() - t0) / 1e9);
	printf("checkpoints_100k %zu\n", v.journal.nck);
	printf("rss_100k_mb %.1f MB\n", (double)vm_rss_kb() / 1024);
	printf("reverse_step_100k_ms %.1f ms\n", median(rs, RUNS));
	/* (median sorted them) */
	printf("reverse_step_100k_max_ms %.1f ms\n", rs[RUNS - 1]);
	printf("undo_100k_ms %.1f ms\n", median(un, RUNS));
	vmdb_done(&v);
	return 0;
}
