/* cmds/checkpoint.c: the journal's checkpoints: frozen copies of the
 * machine that rebuilds start from (journal.h says where they go and
 * why).  Nothing here changes what a rebuild gives, only how soon. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cmd.h"
#include "vmdb/clone.h"
#include "vmdb/util.h"

#define CKPT_MIN_NS	5000000ull	/* 5 ms of replay at least */
#define CKPT_RATIO	4		/* replay between two: x taking one */
#define CKPT_DENSITY	2		/* gap <= way to the end / this */

/* CPU time this process has used, in ns: not the wall clock, so time
 * spent waiting for the user's next line does not count. */
static u64
cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (u64)ts.tv_sec * 1000000000ull + (u64)ts.tv_nsec;
}

/* What replaying @1..@n-1 costs at most (the cost of a checkpoint at n). */
static u64
cost_at(const struct journal *j, size_t n)
{
	return n ? j->e[n - 1].cost : 0;
}

/* How much replay between two checkpoints. */
static u64
interval(const struct journal *j)
{
	return j->every ? j->every : MAX(CKPT_MIN_NS, CKPT_RATIO * j->take_ns);
}

void
ckpt_start(struct journal *j)
{
	const char *s = getenv("VMDB_CHECKPOINT_INTERVAL");

	ckpt_truncate(j, 0);
	j->every = s ? strtoull(s, NULL, 10) : 0;
	j->take_ns = 0;
	j->cpu_mark = cpu_ns();
}

void
ckpt_truncate(struct journal *j, size_t n)
{
	while (j->nck && j->ck[j->nck - 1].n > n)
		machine_image_free(j->ck[--j->nck].img);
	if (n == 0) {
		free(j->ck);
		j->ck = NULL;
		j->ckcap = 0;
	}
}

const struct checkpoint *
ckpt_find(const struct journal *j, size_t n)
{
	size_t i = j->nck;

	while (i-- > 0)
		if (j->ck[i].n <= n)
			return &j->ck[i];
	return NULL;
}

/*
 * Drops the checkpoints that the end of the journal (cost end) has moved
 * far away from: one goes when its neighbours are at most a
 * CKPT_DENSITY'th of the way to the end apart.  Boot is the neighbour
 * before the first; the newest always stays.  The pages they held are
 * scattered through the heap: glibc is asked to give the free ones back
 * (a third of the session's RSS otherwise).
 */
static void
thin(struct journal *j, u64 end)
{
	u64 before = 0, after;
	size_t i = 0, dropped = 0;

	while (i + 1 < j->nck) {
		after = cost_at(j, j->ck[i + 1].n);
		if (after - before <= (end - MIN(end, after)) / CKPT_DENSITY) {
			machine_image_free(j->ck[i].img);
			memmove(&j->ck[i], &j->ck[i + 1],
				(j->nck - i - 1) * sizeof(*j->ck));
			j->nck--;
			dropped++;
			continue;
		}
		before = cost_at(j, j->ck[i].n);
		i++;
	}
#ifdef __GLIBC__
	if (dropped)
		malloc_trim(0);
#endif
}

/* Keeps m as the checkpoint at n (none there yet), sharing pages with
 * the one from (or the nearest before n). */
static void
keep(struct journal *j, size_t n, const struct machine *m,
     const struct checkpoint *from)
{
	struct machine_image *img;
	size_t i;
	u64 t0 = cpu_ns();

	if (from == NULL)
		from = ckpt_find(j, n);
	img = machine_image_take(m, from ? from->img : NULL);
	j->take_ns = cpu_ns() - t0;
	if (j->nck == j->ckcap) {
		j->ckcap = j->ckcap ? 2 * j->ckcap : 16;
		j->ck = xrealloc(j->ck, j->ckcap * sizeof(*j->ck));
	}
	for (i = j->nck; i > 0 && j->ck[i - 1].n > n; i--)
		j->ck[i] = j->ck[i - 1];
	j->ck[i].n = n;
	j->ck[i].img = img;
	j->nck++;
	thin(j, cost_at(j, n));
}

void
ckpt_note(struct journal *j, const struct machine *m)
{
	struct journal_entry *je = &j->e[j->len - 1];
	const struct checkpoint *last = ckpt_find(j, j->len);
	u64 now = cpu_ns();

	if (j->len == 1)
		je->cost = 0;
	else if (j->every)
		je->cost = j->e[j->len - 2].cost + 1;
	else
		je->cost = j->e[j->len - 2].cost + (now - j->cpu_mark);
	j->cpu_mark = now;
	if (j->len > 1 && m &&
	    je->cost - cost_at(j, last ? last->n : 0) >= interval(j)) {
		keep(j, j->len, m, last);
		j->cpu_mark = cpu_ns();
	}
}

void
ckpt_rebuilt(struct journal *j, const struct checkpoint *from, size_t n,
	     const struct machine *m, u64 replay_ns)
{
	size_t start = from ? from->n : 1;

	if (n <= start)
		return;
	if (j->every ? n - start < (j->every + 1) / 2 : replay_ns < j->take_ns)
		return;
	keep(j, n, m, from);
}

u64
ckpt_clock(void)
{
	return cpu_ns();
}
