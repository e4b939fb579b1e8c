/* tests/bench/bench.h: what the files of `make bench` share: the clock,
 * the median, the RSS (bench-util.c), and booting a preset. */
#ifndef VMDB_BENCH_H
#define VMDB_BENCH_H

#include <stddef.h>

struct machine;

#define BATCHES		31

double now_ns(void);
/* Sorts v. */
double median(double *v, size_t n);
/* VmRSS of this process in kB, or -1. */
long vm_rss_kb(void);
/* A booted preset, or fatal. */
struct machine *boot(const char *preset);

/* bench-mm.c: processes against the host kernel (issue 4).  The host's
 * side runs in a worker forked while this process is still small. */
void host_worker_start(void);
void host_worker_stop(void);
void bench_anon_fault(void);
void bench_cow_fault(void);
void bench_fork(void);
double anon_fault_median(int runs);
/* Runs in each round of trace_idle, on both sides.  Nine, not three: a
 * run of lazily cleared pages takes a few milliseconds, and three such
 * were too short to outlast the host's scheduling noise. */
#define TRACE_IDLE_RUNS	9
void bench_trace_idle(const char *argv0);

/* bench-tui.c: tui_refresh_ms (issue 6). */
void bench_tui(void);

#endif
