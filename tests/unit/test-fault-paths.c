/* tests/unit/test-fault-paths.c: the page-fault path with its trace points
 * idle and armed.  The functions every fault runs have split trace points
 * (vmdb/trace.h: a plain copy without them, a traced copy that fires
 * them) and the fault path clears pages lazily (src/mm/ram.c); either
 * way the machine must end up the same.  Two pc-4g machines run the same
 * work (anonymous faults on highmem pages, a fork and copy-on-write
 * faults with a written byte, kernel reads through the 4 MiB direct map,
 * a munmap), one with nobody listening and one with every trace point
 * armed: their digests agree, and the armed one saw each split trace
 * point fire. */
#include "config.h"

#include "unit.h"

#include "vmdb/digest.h"
#include "vmdb/mmap.h"
#include "vmdb/sched.h"

#define PAGES	512u

struct seen {
	long n[NR_TRACEPOINTS];
};

static void
count(void *arg, struct machine *m, const struct trace_event *ev)
{
	struct seen *s = arg;

	s->n[ev->id]++;
	(void)m;
}

static void
touch(struct machine *m, u32 addr, u32 acc)
{
	struct user_access ua;

	memset(&ua, 0, sizeof(ua));
	assert_int_equal(access_one(m, m->this_cpu, addr, acc, &ua), 0);
}

/* The work, on a fresh pc-4g with /bin/sh as pid 1; the child of its
 * fork is left running, *addrp is the mapping. */
static struct machine *
run(bool armed, struct seen *seen, u32 *addrp)
{
	struct machine *m = unit_boot_preset("pc-4g", NULL, NULL);
	char *argv[] = { "/bin/sh", NULL };
	struct task_struct *sh, *child;
	struct mmu_access a;
	u32 left, i;
	long addr;

	assert_int_equal(do_execve(m, argv[0], 1, argv, false, &sh), 0);
	memset(seen, 0, sizeof(*seen));
	m->trace.hook = count;
	m->trace.hook_arg = seen;
	m->trace.armed = armed;
	addr = do_mmap_pgoff(m, sh->mm, NULL, 0, PAGES << PAGE_SHIFT,
			     PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS, 0);
	assert_true(addr > 0);
	for (i = 0; i < PAGES; i++)
		touch(m, (u32)addr + i * PAGE_SIZE, ACC_USER | ACC_WRITE);
	assert_int_equal(copy_to_user(m, (u32)addr + 100, "parent", 6, &left),
			 0);
	assert_int_equal(do_fork(m, sh, &child), 0);
	assert_int_equal(context_switch(m, m->this_cpu, child), 0);
	for (i = 0; i < PAGES; i += 2)
		touch(m, (u32)addr + i * PAGE_SIZE, ACC_USER | ACC_WRITE);
	assert_int_equal(copy_to_user(m, (u32)addr + 200, "child", 5, &left),
			 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(mmu_access(m, m->this_cpu, m->page_offset +
					    (8u << 20) + i * PAGE_SIZE,
					    ACC_READ, &a), 0);
	assert_true(a.tlb_hit && a.large);
	assert_int_equal(do_munmap(m, child->mm, (u32)addr + (PAGES - 1) *
				   PAGE_SIZE, PAGE_SIZE), 0);
	m->trace.armed = 0;
	*addrp = (u32)addr;
	return m;
}

static void
test_armed_and_idle_agree(void **state)
{
	struct seen idle, armed;
	u32 addr, addr_b, left;
	struct machine *a = run(false, &idle, &addr);
	struct machine *b = run(true, &armed, &addr_b);
	char buf[PAGE_SIZE], zero[PAGE_SIZE];

	assert_true(machine_digest(a, NULL) == machine_digest(b, NULL));
	assert_int_equal(idle.n[TP_tlb_lookup], 0);
	/* each fault: a miss, the walk, the #PF, the retry's miss and fill */
	assert_true(armed.n[TP_tlb_lookup] >= 2 * (PAGES + PAGES / 2));
	assert_true(armed.n[TP_page_walk] >= 2 * (PAGES + PAGES / 2));
	assert_true(armed.n[TP_page_fault] >= PAGES + PAGES / 2);
	assert_true(armed.n[TP_tlb_fill] >= PAGES + PAGES / 2);
	assert_true(armed.n[TP_find_vma] >= PAGES + PAGES / 2);
	assert_true(armed.n[TP_invlpg] >= PAGES / 2);
	assert_true(armed.n[TP___flush_tlb_one] >= PAGES);
	assert_true(armed.n[TP_expand] > 0);
	/* the child's copy holds the parent's bytes and its own, zeroes
	 * around them; a page only touched reads as zeroes */
	assert_int_equal(addr, addr_b);
	memset(zero, 0, sizeof(zero));
	assert_int_equal(copy_from_user(b, buf, addr, PAGE_SIZE, &left), 0);
	assert_memory_equal(buf + 100, "parent", 6);
	assert_memory_equal(buf + 200, "child", 5);
	assert_memory_equal(buf, zero, 100);
	assert_memory_equal(buf + 206, zero, PAGE_SIZE - 206);
	assert_int_equal(copy_from_user(b, buf, addr + PAGE_SIZE, PAGE_SIZE,
					&left), 0);
	assert_memory_equal(buf, zero, PAGE_SIZE);
	unit_free(a);
	unit_free(b);
	(void)state;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_armed_and_idle_agree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
