/* tests/bench/bench-mm.c: processes on vmdb's engine against the same
 * work done by the host kernel, in the same run (issue 4): anonymous
 * write faults on fresh pages, copy-on-write faults after fork, and the
 * fork of a process with 100 000 touched pages.
 *
 * vmdb's side goes through the engine's own entry points, tracing off:
 * access_one (what `touch ADDR w` runs: mmu_access, then do_page_fault,
 * handle_mm_fault and the retry), do_fork, do_exit.  Its user pages come
 * from highmem (GFP_HIGHUSER_MOVABLE on pc-4g), so every new page is
 * zeroed or copied through kmap_atomic, as on a real 32-bit box.
 *
 * The host's side runs in a small worker process forked before any
 * machine is booted, so that the host's fork copies the 100 000 pages'
 * PTEs and little else.  Its mappings are madvise(MADV_NOHUGEPAGE): with
 * transparent huge pages the host would take one fault per 2 MiB and the
 * figure would not be a 4 KiB page fault any more.  vmdb's runs and the
 * host's alternate, so that both medians see the same load.
 *
 * What stays out of the timing, on both sides alike: mmap before the
 * first touch, munmap after the last, the touches that make pages
 * present before a fork, and the child's exit and reaping after one.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vmdb/highmem.h"
#include "vmdb/machine.h"
#include "vmdb/mmap.h"
#include "vmdb/util.h"

#include "bench.h"

#define FAULT_PAGES	32768u		/* 128 MiB a run */
#define FAULT_RUNS	9
#define FORK_PAGES	100000u		/* 400 MiB */
#define FORK_RUNS	9

/* ---- vmdb ------------------------------------------------------------- */

/* pid 1 runs /bin/sh on CPU0 of a fresh pc-4g. */
static struct task_struct *
spawn_sh(struct machine **mp)
{
	char *argv[] = { "/bin/sh", NULL };
	struct machine *m = boot("pc-4g");
	struct task_struct *t;

	if (do_execve(m, argv[0], 1, argv, false, &t))
		fatal("bench: spawn /bin/sh: %s", m->why);
	*mp = m;
	return t;
}

static u32
anon_mmap(struct machine *m, struct mm_struct *mm, u32 pages)
{
	long addr = do_mmap_pgoff(m, mm, NULL, 0, pages << PAGE_SHIFT,
				  PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, 0);

	if (addr < 0)
		fatal("bench: mmap of %u pages: %s", pages, m->why);
	return (u32)addr;
}

static void
anon_munmap(struct machine *m, struct mm_struct *mm, u32 addr, u32 pages)
{
	if (do_munmap(m, mm, addr, pages << PAGE_SHIFT))
		fatal("bench: munmap: %s", m->why);
}

/*
 * The current task makes one write access to each page, as `touch ADDR w`
 * does for each (nobody prints the steps): the same access_one, and
 * nothing more (touch stores no byte).  Every page must take exactly one
 * fault.  Returns the physical address of the first page.
 */
static u32
touch_pages(struct machine *m, u32 addr, u32 pages)
{
	struct task_struct *t = current_task(m);
	unsigned long flt = t->min_flt;
	struct user_access ua;
	u32 i, first = 0;

	memset(&ua, 0, sizeof(ua));
	for (i = 0; i < pages; i++) {
		if (access_one(m, m->this_cpu, addr + i * PAGE_SIZE,
			       ACC_USER | ACC_WRITE, &ua))
			fatal("bench: write to %08x: %s", addr + i * PAGE_SIZE,
			      m->why);
		if (i == 0)
			first = ua.last.phys;
	}
	if (t->min_flt - flt != pages)
		fatal("bench: %lu faults for %u pages", t->min_flt - flt,
		      pages);
	return first;
}

/* One run of anonymous faults: a fresh mapping, each page written once. */
static double
vmdb_anon_run(struct machine *m, struct task_struct *sh)
{
	u32 addr = anon_mmap(m, sh->mm, FAULT_PAGES), phys;
	double t0 = now_ns(), ns;

	phys = touch_pages(m, addr, FAULT_PAGES);
	ns = (now_ns() - t0) / FAULT_PAGES;
	if (!PageHighMem(m, phys >> PAGE_SHIFT))
		fatal("bench: the anonymous page %08x is not in highmem", phys);
	anon_munmap(m, sh->mm, addr, FAULT_PAGES);
	return ns;
}

/* One run of COW faults: the parent's pages are present and written, it
 * forks, the child writes each page (a do_wp_page copy each: the parent
 * still maps them), exits and is reaped. */
static double
vmdb_cow_run(struct machine *m, struct task_struct *sh)
{
	u32 addr = anon_mmap(m, sh->mm, FAULT_PAGES), pphys, cphys;
	struct task_struct *child;
	double t0, ns;

	pphys = touch_pages(m, addr, FAULT_PAGES);
	if (do_fork(m, sh, &child) || context_switch(m, m->this_cpu, child))
		fatal("bench: fork: %s", m->why);
	t0 = now_ns();
	cphys = touch_pages(m, addr, FAULT_PAGES);
	ns = (now_ns() - t0) / FAULT_PAGES;
	if (cphys == pphys)
		fatal("bench: the child's write did not copy the page");
	if (do_exit(m, child, 0) || release_task(m, child) ||
	    context_switch(m, m->this_cpu, sh))
		fatal("bench: exit: %s", m->why);
	anon_munmap(m, sh->mm, addr, FAULT_PAGES);
	return ns;
}

/* One fork of sh, whose FORK_PAGES pages at addr are present, written
 * and writable; then, untimed, the child exits and the parent writes
 * every page again (reusing it: nobody else maps it), so that each fork
 * finds the PTEs the first one did. */
static double
vmdb_fork_run(struct machine *m, struct task_struct *sh, u32 addr)
{
	struct task_struct *child;
	double t0 = now_ns(), ns;

	if (do_fork(m, sh, &child))
		fatal("bench: fork: %s", m->why);
	ns = now_ns() - t0;
	if (child->mm->anon_rss < FORK_PAGES)
		fatal("bench: the child shares %ld pages", child->mm->anon_rss);
	if (do_exit(m, child, 0) || release_task(m, child))
		fatal("bench: exit: %s", m->why);
	touch_pages(m, addr, FORK_PAGES);
	return ns;
}

/* ---- the host --------------------------------------------------------- */

enum host_op { HOST_ANON, HOST_COW, HOST_FORK, HOST_QUIT };

static int host_req = -1, host_ans = -1;
static pid_t host_pid;

static size_t
host_page(void)
{
	return (size_t)sysconf(_SC_PAGESIZE);
}

static volatile char *
host_map(size_t pages)
{
	size_t len = pages * host_page();
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		fatal("bench: host mmap: %s", strerror(errno));
#ifdef MADV_NOHUGEPAGE
	madvise(p, len, MADV_NOHUGEPAGE);
#endif
	return p;
}

static void
host_touch(volatile char *p, size_t pages, char v)
{
	size_t i, ps = host_page();

	for (i = 0; i < pages; i++)
		p[i * ps] = v;
}

static void
host_unmap(volatile char *p, size_t pages)
{
	munmap((void *)p, pages * host_page());
}

static double
host_anon_run(void)
{
	volatile char *p = host_map(FAULT_PAGES);
	double t0 = now_ns(), ns;

	host_touch(p, FAULT_PAGES, 1);
	ns = (now_ns() - t0) / FAULT_PAGES;
	host_unmap(p, FAULT_PAGES);
	return ns;
}

/* The child times its writes and sends the figure through a pipe. */
static double
host_cow_run(void)
{
	volatile char *p = host_map(FAULT_PAGES);
	double ns = -1;
	int fd[2];
	pid_t pid;

	host_touch(p, FAULT_PAGES, 1);
	if (pipe(fd))
		fatal("bench: pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		fatal("bench: fork: %s", strerror(errno));
	if (pid == 0) {
		double t0 = now_ns();

		host_touch(p, FAULT_PAGES, 2);
		ns = (now_ns() - t0) / FAULT_PAGES;
		_exit(write(fd[1], &ns, sizeof(ns)) != sizeof(ns));
	}
	close(fd[1]);
	if (read(fd[0], &ns, sizeof(ns)) != sizeof(ns))
		fatal("bench: the host child sent no time");
	close(fd[0]);
	waitpid(pid, NULL, 0);
	host_unmap(p, FAULT_PAGES);
	return ns;
}

/* The same fork run as vmdb_fork_run's, pages mapped on first use. */
static double
host_fork_run(void)
{
	static volatile char *p;
	double t0, ns;
	pid_t pid;

	if (!p) {
		p = host_map(FORK_PAGES);
		host_touch(p, FORK_PAGES, 1);
	}
	t0 = now_ns();
	pid = fork();
	if (pid == 0)
		_exit(0);
	ns = now_ns() - t0;
	if (pid < 0)
		fatal("bench: fork: %s", strerror(errno));
	waitpid(pid, NULL, 0);
	host_touch(p, FORK_PAGES, 2);
	return ns;
}

static void
host_worker(int req, int ans)
{
	enum host_op op;
	double ns;

	while (read(req, &op, sizeof(op)) == sizeof(op) && op != HOST_QUIT) {
		ns = op == HOST_ANON ? host_anon_run() :
		     op == HOST_COW ? host_cow_run() : host_fork_run();
		if (write(ans, &ns, sizeof(ns)) != sizeof(ns))
			break;
	}
	_exit(0);
}

void
host_worker_start(void)
{
	int req[2], ans[2];

	if (pipe(req) || pipe(ans))
		fatal("bench: pipe: %s", strerror(errno));
	fflush(stdout);
	host_pid = fork();
	if (host_pid < 0)
		fatal("bench: fork: %s", strerror(errno));
	if (host_pid == 0) {
		close(req[1]);
		close(ans[0]);
		host_worker(req[0], ans[1]);
	}
	close(req[0]);
	close(ans[1]);
	host_req = req[1];
	host_ans = ans[0];
}

void
host_worker_stop(void)
{
	enum host_op op = HOST_QUIT;

	if (host_pid <= 0)
		return;
	if (write(host_req, &op, sizeof(op)) != sizeof(op))
		fatal("bench: the host worker is gone");
	close(host_req);
	close(host_ans);
	waitpid(host_pid, NULL, 0);
	host_pid = 0;
}

static double
host_run(enum host_op op)
{
	double ns;

	if (write(host_req, &op, sizeof(op)) != sizeof(op) ||
	    read(host_ans, &ns, sizeof(ns)) != sizeof(ns))
		fatal("bench: the host worker is gone");
	return ns;
}

/* ---- the figures ------------------------------------------------------ */

static void
print_pair(const char *name, const char *unit, double scale, double *v,
	   double *h, int n)
{
	double vm = median(v, (size_t)n) / scale, host = median(h, (size_t)n) /
							  scale;

	printf("%s_%s %.2f %s\n", name, unit, vm, unit);
	printf("host_%s_%s %.2f %s\n", name, unit, host, unit);
	printf("%s_ratio %.2f\n", name, host / vm);
}

/* FAULT_RUNS runs of one kind of fault, vmdb's and the host's in turn,
 * after one of each that warms the host memory behind simulated RAM and
 * the worker's page allocator. */
static void
bench_faults(const char *name,
	     double (*vmdb_run)(struct machine *, struct task_struct *),
	     enum host_op op)
{
	double t[FAULT_RUNS], h[FAULT_RUNS];
	struct machine *m;
	struct task_struct *sh = spawn_sh(&m);
	int r;

	vmdb_run(m, sh);
	host_run(op);
	for (r = 0; r < FAULT_RUNS; r++) {
		t[r] = vmdb_run(m, sh);
		h[r] = host_run(op);
	}
	machine_free(m);
	print_pair(name, "ns", 1, t, h, FAULT_RUNS);
}

void
bench_anon_fault(void)
{
	bench_faults("anon_fault", vmdb_anon_run, HOST_ANON);
}

void
bench_cow_fault(void)
{
	bench_faults("cow_fault", vmdb_cow_run, HOST_COW);
}

void
bench_fork(void)
{
	double t[FORK_RUNS], h[FORK_RUNS];
	struct machine *m;
	struct task_struct *sh = spawn_sh(&m);
	u32 addr = anon_mmap(m, sh->mm, FORK_PAGES);
	int r;

	touch_pages(m, addr, FORK_PAGES);
	for (r = 0; r < FORK_RUNS; r++) {
		t[r] = vmdb_fork_run(m, sh, addr);
		h[r] = host_run(HOST_FORK);
	}
	machine_free(m);
	print_pair("fork_100k", "ms", 1e6, t, h, FORK_RUNS);
}

/* ---- trace_idle_overhead_pct ----------------------------------------------- */

#define TRACE_IDLE_ROUNDS	15

/* The median of runs anonymous-fault runs of this engine (the traced one
 * or, in bench-notrace, the one without trace points). */
double
anon_fault_median(int runs)
{
	double t[FAULT_RUNS];
	struct machine *m;
	struct task_struct *sh = spawn_sh(&m);
	int r;

	if (runs > FAULT_RUNS)
		runs = FAULT_RUNS;
	vmdb_anon_run(m, sh);		/* warm the host memory */
	for (r = 0; r < runs; r++)
		t[r] = vmdb_anon_run(m, sh);
	machine_free(m);
	return median(t, (size_t)runs);
}

/* `PROG --anon-fault-ns` in a fresh process: its anon_fault_median. */
static double
anon_fault_child(const char *prog)
{
	char cmd[4096];
	double ns;
	FILE *fp;

	snprintf(cmd, sizeof(cmd), "'%s' --anon-fault-ns", prog);
	fp = popen(cmd, "r");
	if (!fp || fscanf(fp, "%lf", &ns) != 1)
		fatal("bench: %s: no figure", cmd);
	if (pclose(fp) != 0)
		fatal("bench: %s failed", cmd);
	return ns;
}

/*
 * The fault benchmark with the trace points compiled in but idle (this
 * program: nothing is armed), against the same engine built without them
 * (bench-notrace, next to this program).  Reports how much slower the
 * traced engine is, in percent: the median over rounds of each round's
 * ratio.  Both sides run in fresh processes, one after the other, the
 * order swapped every round: a process's own layout shifts its figure by
 * a few percent, and this one (which has forked the host worker) must
 * not stand for the traced engine in every round; and the host's load
 * comes and goes in phases of a second or so, which a round's two
 * figures share but a median of each side's figures mixes.
 */
void
bench_trace_idle(const char *argv0)
{
	double ratio[TRACE_IDLE_ROUNDS], t, n;
	char notrace[4096];
	int r;

	snprintf(notrace, sizeof(notrace), "%s-notrace", argv0);
	for (r = 0; r < TRACE_IDLE_ROUNDS; r++) {
		if (r % 2) {
			n = anon_fault_child(notrace);
			t = anon_fault_child(argv0);
		} else {
			t = anon_fault_child(argv0);
			n = anon_fault_child(notrace);
		}
		ratio[r] = t / n;
	}
	printf("trace_idle_overhead_pct %.1f %%\n",
	       (median(ratio, TRACE_IDLE_ROUNDS) - 1) * 100);
}
