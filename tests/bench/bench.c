/* tests/bench/bench.c: `make bench`, the engine's speed and size.  One
 * line per figure, "NAME VALUE UNIT", so that runs can be compared and
 * figures added:
 *
 *   boot_4g_ms            booting pc-4g (median of BOOT_RUNS boots)
 *   rss_4g_mb             host RSS of a fresh process that booted pc-4g
 *   alloc_free_order0_ns  one order-0 alloc_pages + __free_pages pair on
 *                         the pcp fast path (median of BATCHES batches)
 *   alloc_free_order3_ns  the same with order 3, through the buddy lists
 *   kmalloc_free_64_ns    one kmalloc(64, GFP_KERNEL) + kfree pair, through
 *                         the per-CPU array cache of size-64
 *   vmalloc_vfree_64k_us  one vmalloc(64K) + vfree pair, lazy purges
 *                         included (one every ~480 pairs), report only
 *   anon_fault_ns         one anonymous write fault on a fresh page:
 *                         /bin/sh on pc-4g mmaps 32768 pages (128 MiB)
 *                         MAP_PRIVATE|MAP_ANONYMOUS and makes one write
 *                         access to each, as `touch ADDR w` does, through
 *                         access_one (TLB miss, walk, #PF, do_page_fault,
 *                         handle_mm_fault, do_anonymous_page clearing a
 *                         highmem page through kmap_atomic, the retry);
 *                         munmap untimed; median of 9 runs
 *   host_anon_fault_ns    the same on the host kernel: mmap 32768 4 KiB
 *                         pages (MADV_NOHUGEPAGE), write a byte to each;
 *                         munmap untimed
 *   anon_fault_ratio      host ns / vmdb ns
 *   cow_fault_ns          one copy-on-write fault: sh writes its 32768
 *                         pages, forks; the child writes each page once
 *                         (do_wp_page copies: the parent still maps it);
 *                         the child's exit untimed; median of 9 runs
 *   host_cow_fault_ns     the same on the host: the parent writes the
 *                         pages and forks, the child times its writes and
 *                         sends the figure back through a pipe
 *   cow_fault_ratio       host ns / vmdb ns
 *   fork_100k_ms          do_fork of sh with 100 000 written anonymous
 *                         pages (dup_mmap, copy_page_range write-protecting
 *                         them, flush_tlb_mm), until it returns; the
 *                         child's exit and reaping untimed, then sh writes
 *                         every page again so the next fork finds the same
 *                         PTEs; median of 9 forks
 *   host_fork_100k_ms     fork() of a host process with 100 000 written
 *                         4 KiB pages, until it returns in the parent; the
 *                         child _exits at once, waitpid and the rewrite
 *                         untimed
 *   fork_100k_ratio       host ms / vmdb ms
 *   trace_idle_overhead_pct  anon_fault's vmdb run with the trace points
 *                         compiled in but idle, against the same engine
 *                         built with -DVMDB_NO_TRACE (bench-notrace); each
 *                         side's figure is `--anon-fault-ns` in a fresh
 *                         process (the median of 9 runs), the two in turn;
 *                         median over 15 rounds of the rounds' ratios
 *   tlb_hit_ns            one mmu_access that hits the TLB (kernel reads
 *                         and writes over 32 4 KiB pages and 4 4 MiB pages,
 *                         all cached; median of BATCHES batches)
 *
 * tests/bench/bench-journal.c, run after this, prints the figures of a
 * long session (journal_100k_s ... reverse_step_100k_ms, undo_100k_ms).
 *
 * Targets (issue 2): boot <= 20 ms, RSS <= 40 MB, order-0 pair <= 50 ns;
 * (the slab issue): kmalloc(64) + kfree pair <= 60 ns; (issue 4): both
 * fault ratios >= 5, fork ratio >= 2, a TLB hit <= 10 ns; (issue 5): idle
 * trace points cost <= 5 %.
 * Times are CLOCK_MONOTONIC; the RSS is VmRSS from /proc/self/status,
 * measured in a child process that does nothing else.  The host figures
 * come from a worker process (bench-mm.c says how), run in turn with
 * vmdb's so that both see the same load.  `bench NAME...` runs only the
 * named groups (rss boot alloc anon_fault cow_fault fork tlb
 * trace_idle).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vmdb/machine.h"
#include "vmdb/mm.h"
#include "vmdb/slab.h"
#include "vmdb/util.h"
#include "vmdb/vmalloc.h"

#include "bench.h"

#define BOOT_RUNS	15
#define PAIRS		200000

struct machine *
boot(const char *preset)
{
	struct boot_config bc;
	struct machine *m;
	char why[256];

	boot_config_default(&bc);
	if (boot_preset(&bc, preset, why, sizeof(why)))
		fatal("bench: %s", why);
	m = machine_boot(&bc, why, sizeof(why));
	if (m == NULL)
		fatal("bench: cannot boot %s: %s", preset, why);
	return m;
}

static void
bench_boot(void)
{
	double t[BOOT_RUNS];
	int i;

	for (i = 0; i < BOOT_RUNS; i++) {
		double t0 = now_ns();
		struct machine *m = boot("pc-4g");

		t[i] = now_ns() - t0;
		machine_free(m);
	}
	printf("boot_4g_ms %.2f ms\n", median(t, BOOT_RUNS) / 1e6);
}

/* A child boots pc-4g and reports its RSS through a pipe, so that nothing
 * this process did before counts. */
static void
bench_rss(void)
{
	int fd[2], status;
	long kb = -1;
	pid_t pid;

	if (pipe(fd))
		fatal("bench: pipe: %s", strerror(errno));
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		fatal("bench: fork: %s", strerror(errno));
	if (pid == 0) {
		struct machine *m;

		close(fd[0]);
		m = boot("pc-4g");
		kb = vm_rss_kb();
		if (write(fd[1], &kb, sizeof(kb)) != sizeof(kb))
			_exit(1);
		machine_free(m);
		_exit(0);
	}
	close(fd[1]);
	if (read(fd[0], &kb, sizeof(kb)) != sizeof(kb))
		kb = -1;
	close(fd[0]);
	waitpid(pid, &status, 0);
	if (kb < 0)
		printf("rss_4g_mb unavailable MB\n");
	else
		printf("rss_4g_mb %.1f MB\n", (double)kb / 1024);
}

/* What one pair is: order >= 0 an alloc_pages + __free_pages of that
 * order, order -1 a kmalloc(size) + kfree, order -2 a vmalloc(size) +
 * vfree. */
#define PAIR_KMALLOC	(-1)
#define PAIR_VMALLOC	(-2)

struct pair {
	gfp_t gfp;
	int order;
	u32 size;
};

/* PAIRS pairs, the loop inlined for each kind so that timing measures
 * the engine and not an indirect call. */
static void
run_pairs(struct machine *m, const struct pair *p)
{
	u32 addr;
	int i;

	if (p->order == PAIR_VMALLOC) {
		for (i = 0; i < PAIRS; i++) {
			if (vmalloc(m, p->size, "bench", &addr))
				fatal("bench: vmalloc failed: %s", m->why);
			if (vfree(m, addr))
				fatal("bench: vfree failed: %s", m->why);
		}
		return;
	}
	if (p->order == PAIR_KMALLOC) {
		for (i = 0; i < PAIRS; i++) {
			u32 objp = kmalloc(m, p->size, p->gfp);

			if (!objp)
				fatal("bench: kmalloc failed: %s", m->why);
			kfree(m, objp);
		}
		return;
	}
	for (i = 0; i < PAIRS; i++) {
		long pfn = alloc_pages(m, p->gfp, (unsigned)p->order);

		if (pfn < 0)
			fatal("bench: alloc_pages failed: %s", m->why);
		__free_pages(m, (u32)pfn, (unsigned)p->order);
	}
}

/* Median over BATCHES batches of PAIRS pairs, in ns a pair. */
static double
pair_ns(struct machine *m, struct pair p)
{
	double t[BATCHES];
	int b;

	for (b = 0; b < BATCHES; b++) {
		double t0 = now_ns();

		run_pairs(m, &p);
		t[b] = (now_ns() - t0) / PAIRS;
	}
	return median(t, BATCHES);
}

static void
bench_alloc_free(void)
{
	const struct pair order0 = { GFP_KERNEL, 0, 0 };
	const struct pair order3 = { GFP_KERNEL, 3, 0 };
	const struct pair km64 = { GFP_KERNEL, PAIR_KMALLOC, 64 };
	const struct pair vm64k = { GFP_VMALLOC, PAIR_VMALLOC, 64u << 10 };
	struct machine *m = boot("pc-4g");

	pair_ns(m, order0);	/* warm up: fill the pcp list */
	printf("alloc_free_order0_ns %.1f ns\n", pair_ns(m, order0));
	printf("alloc_free_order3_ns %.1f ns\n", pair_ns(m, order3));
	pair_ns(m, km64);	/* warm up: fill size-64's per-CPU array */
	printf("kmalloc_free_64_ns %.1f ns\n", pair_ns(m, km64));
	printf("vmalloc_vfree_64k_us %.2f us\n", pair_ns(m, vm64k) / 1e3);
	machine_free(m);
}

#define TLB_ACCESSES	(1u << 20)

/* The addresses of the TLB bench: 32 small pages (two per set) and four
 * 4 MiB pages, every one cached after the first round. */
static void
tlb_addrs(struct machine *m, u32 *va, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		va[i] = i < 32 ? m->page_offset + 0x100000 + i * PAGE_SIZE :
			m->page_offset + ((8 + 4 * (i - 32)) << 20);
}

static void
bench_tlb_hit(void)
{
	struct machine *m = boot("pc-1g");
	struct mmu_access a;
	double t[BATCHES];
	u32 va[36], i;
	int b;

	tlb_addrs(m, va, 36);
	for (i = 0; i < 36; i++)	/* fill, D set by the writes */
		if (mmu_access(m, 0, va[i], ACC_WRITE, &a))
			fatal("bench: 0x%08x faults", va[i]);
	for (b = 0; b < BATCHES; b++) {
		double t0 = now_ns();

		for (i = 0; i < TLB_ACCESSES; i++)
			mmu_access(m, 0, va[i % 36] + (i & 0xffc),
				   i & 1 ? ACC_WRITE : ACC_READ, &a);
		t[b] = (now_ns() - t0) / TLB_ACCESSES;
	}
	if (m->cpus[0].tlb.misses != 36)
		fatal("bench: %lu TLB misses, expected 36", m->cpus[0].tlb.misses);
	printf("tlb_hit_ns %.2f ns\n", median(t, BATCHES));
	machine_free(m);
}

static const struct {
	const char *name;
	void (*run)(void);
} benches[] = {
	{ "rss", bench_rss },	/* first: before this process grows */
	{ "boot", bench_boot },
	{ "alloc", bench_alloc_free },
	{ "anon_fault", bench_anon_fault },
	{ "cow_fault", bench_cow_fault },
	{ "fork", bench_fork },
	{ "tlb", bench_tlb_hit },
	{ "tui", bench_tui },
};

static const char *argv0;

static void
trace_idle(void)
{
	bench_trace_idle(argv0);
}

/* `bench [NAME...]`: every group, or the named ones (for profiling). */
int
main(int argc, char **argv)
{
	size_t i;
	int j;

	argv0 = argv[0];
	if (argc == 2 && !strcmp(argv[1], "--anon-fault-ns")) {
		printf("%.3f\n", anon_fault_median(TRACE_IDLE_RUNS));
		return 0;
	}
	host_worker_start();
	for (i = 0; i < ARRAY_SIZE(benches); i++) {
		for (j = 1; j < argc; j++)
			if (!strcmp(argv[j], benches[i].name))
				break;
		if (argc == 1 || j < argc)
			benches[i].run();
	}
	for (j = 1; j < argc; j++)
		if (!strcmp(argv[j], "trace_idle"))
			break;
	if (argc == 1 || j < argc)
		trace_idle();
	host_worker_stop();
	return 0;
}
