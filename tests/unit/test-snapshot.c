/* tests/unit/test-snapshot.c: the debugger's snapshots (cmds/snapshot.c):
 * a snapshot compared with itself or with one taken at once shows no
 * difference; then each change to a small machine shows up as exactly the
 * lines it should: an order-0 allocation (its struct page, the per-CPU
 * list, the counters, nothing else), an exec (the task, its VMAs, their
 * PTEs), a write fault (the PTE, the new page, the TLB entry), fork (the
 * child, its VMAs, the parent's PTEs write-protected), an exit; the
 * difference backwards; the line limit; and a refilled snapshot equal to
 * a fresh one. */
#include "config.h"

#include <errno.h>

#include "unit.h"

#include "snapshot.h"
#include "vmdb/mman.h"
#include "vmdb/mmap.h"
#include "vmdb/pgtable.h"
#include "vmdb/sched.h"

/* The differences from a to b as text (max 0: every line); *n gets
 * snap_diff's count.  The caller frees the text. */
static char *
diff_text(struct machine *m, const struct snap *a, const struct snap *b,
	  int max, int *n)
{
	struct out o;
	char *text;

	out_init_buf(&o);
	*n = snap_diff(m, a, b, &o, max);
	text = xstrdup(o.sb.buf ? o.sb.buf : "");
	out_done(&o);
	return text;
}

/* Lines of text that start with prefix. */
static int
count_lines(const char *text, const char *prefix)
{
	size_t len = strlen(prefix);
	const char *p;
	int n = 0;

	for (p = text; *p; p = strchr(p, '\n') + 1) {
		if (!strncmp(p, prefix, len))
			n++;
		if (!strchr(p, '\n'))
			break;
	}
	return n;
}

static int
count_all_lines(const char *text)
{
	return count_lines(text, "");
}

/* Fails unless text holds the string fmt formats. */
static void PRINTF_LIKE(2, 3)
assert_has(const char *text, const char *fmt, ...)
{
	char s[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s, sizeof(s), fmt, ap);
	va_end(ap);
	if (!strstr(text, s))
		fail_msg("no \"%s\" in the differences:\n%s", s, text);
}

#define assert_lines(text, prefix, want)				\
	do {								\
		int got_ = count_lines((text), (prefix));		\
		if (got_ != (want))					\
			fail_msg("%d lines start with \"%s\", not %d:\n%s", \
				 got_, (prefix), (want), (text));	\
	} while (0)

static struct machine *
small(void)
{
	return unit_boot_mem(MiB(64), NULL, NULL);
}

static struct task_struct *
spawn_sh(struct machine *m)
{
	char *argv[] = { "/bin/sh", NULL };
	struct task_struct *t = NULL;
	int err = do_execve(m, "/bin/sh", 1, argv, false, &t);

	if (err)
		fail_msg("do_execve: %d: %s", err, m->why);
	return t;
}

static int
nr_vmas(const struct mm_struct *mm)
{
	const struct vm_area_struct *v;
	int n = 0;

	for (v = mm->mmap; v; v = v->vm_next)
		n++;
	return n;
}

/* Present PTEs below TASK_SIZE in mm's tables. */
static int
nr_ptes(struct machine *m, const struct mm_struct *mm)
{
	u32 i, j, pde;
	int n = 0;

	for (i = 0; i < pgd_index(mm->task_size); i++) {
		pde = phys_read32(m, mm->pgd + i * 4);
		if (!(pde & _PAGE_PRESENT))
			continue;
		for (j = 0; j < PTRS_PER_PTE; j++)
			if (phys_read32(m, (pde & PTE_PFN_MASK) + j * 4))
				n++;
	}
	return n;
}

static void
test_same_state(void **state)
{
	struct machine *m = small();
	struct snap *a = snap_take(m), *b = snap_take(m);
	char *text;
	int n;

	(void)state;
	text = diff_text(m, a, a, 0, &n);
	assert_int_equal(n, 0);
	assert_string_equal(text, "");
	free(text);
	text = diff_text(m, a, b, 0, &n);
	assert_int_equal(n, 0);
	assert_string_equal(text, "");
	free(text);
	snap_free(a);
	snap_free(b);
	unit_free(m);
}

/* A machine, and the differences that one change to it makes. */
struct probe {
	struct machine *m;
	struct snap *a, *b;	/* before and after */
	char *text;		/* the differences, every line */
	int n;			/* how many snap_diff counted */
};

static void
before(struct probe *p)
{
	p->a = snap_retake(p->m, p->a);
}

static const char *
after(struct probe *p)
{
	p->b = snap_retake(p->m, p->b);
	free(p->text);
	p->text = diff_text(p->m, p->a, p->b, 0, &p->n);
	assert_int_equal(p->n, count_all_lines(p->text));
	return p->text;
}

static void
probe_done(struct probe *p)
{
	snap_free(p->a);
	snap_free(p->b);
	free(p->text);
}

static void
test_alloc_pages(void **state)
{
	struct probe p = { .m = small() };
	const struct per_cpu_pages *pcp = &p.m->zones[ZONE_NORMAL].pcp[0];
	const char *text;
	int count = pcp->count, n, changed;
	struct page *old;
	char *back;
	long pfn;
	u32 i;

	(void)state;
	/* An order-0 page comes off the per-CPU list (refilled from the
	 * buddy lists when empty): the page, the pages of the block it was
	 * split from, that list or the free lists, the counters, and
	 * nothing else. */
	old = xmalloc(p.m->max_mapnr * sizeof(*old));
	memcpy(old, p.m->mem_map, p.m->max_mapnr * sizeof(*old));
	before(&p);
	pfn = alloc_pages(p.m, GFP_KERNEL, 0);
	assert_true(pfn > 0);
	text = after(&p);
	assert_has(text, "page  %05lx: _count 0 -> 1", pfn);
	/* A line for each struct page that changed, none for the others;
	 * the halves expand() split off went onto free lists. */
	for (i = 0, changed = 0; i < p.m->max_mapnr; i++) {
		const struct page *pg = &p.m->mem_map[i];

		if (!memcmp(&old[i], pg, offsetof(struct page, lru)))
			continue;
		changed++;
		assert_has(text, "page  %05x: ", i);
		if (page_test(pg, PG_buddy) && !page_test(&old[i], PG_buddy))
			assert_has(text, "page  %05x: flags +buddy", i);
	}
	assert_lines(text, "page ", changed);
	free(old);
	if (pcp->count != count)
		assert_has(text, "pcp   cpu0 Normal: %d -> %d\n", count,
			   pcp->count);
	assert_true(count_lines(text, "pcp ") + count_lines(text, "free ") >
		    0);
	assert_has(text, "event pgalloc_normal: ");
	assert_lines(text, "task ", 0);
	assert_lines(text, "VMA ", 0);
	assert_lines(text, "PTE ", 0);
	assert_lines(text, "TLB ", 0);

	/* Backwards: the same difference, undone. */
	back = diff_text(p.m, p.b, p.a, 0, &n);
	assert_int_equal(n, p.n);
	assert_has(back, "page  %05lx: _count 1 -> 0", pfn);
	free(back);
	probe_done(&p);
	__free_pages(p.m, (u32)pfn, 0);
	unit_free(p.m);
}

static void
test_spawn_touch_fork(void **state)
{
	struct probe p = { .m = small() };
	struct task_struct *t, *child = NULL;
	struct user_access ua;
	const char *text;
	char line[64], *some;
	u32 addr, pte;
	int n;

	(void)state;
	before(&p);
	t = spawn_sh(p.m);
	text = after(&p);
	assert_has(text, "task  + pid %d (sh) running\n", t->pid);
	assert_lines(text, "task ", 1);
	assert_lines(text, "VMA   pid 1 + ", nr_vmas(t->mm));
	assert_has(text, "VMA   pid 1 + 08048000-0805f000 r-xp pgoff 0 "
		   "/bin/sh\n");
	assert_lines(text, "PTE   pid 1 ", nr_ptes(p.m, t->mm));

	/* mmap: one VMA, no page yet. */
	before(&p);
	addr = (u32)do_mmap_pgoff(p.m, t->mm, NULL, 0, 4 * PAGE_SIZE,
				  PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, 0);
	assert_true(addr < t->mm->task_size);
	text = after(&p);
	assert_has(text, "VMA   pid 1 + %08x-%08x rw-p (anon)\n", addr,
		   addr + 4 * PAGE_SIZE);
	assert_lines(text, "PTE ", 0);

	/* Its first write: a new anonymous page, its PTE, its TLB entry. */
	before(&p);
	memset(&ua, 0, sizeof(ua));
	assert_int_equal(access_one(p.m, p.m->this_cpu, addr,
				    ACC_WRITE | ACC_USER, &ua), 0);
	text = after(&p);
	pte = phys_read32(p.m, pte_offset(p.m, t->mm, addr));
	assert_has(text, "PTE   pid 1 %08x: 00000000 -> %08x "
		   "(PRESENT|RW|USER|ACCESSED|DIRTY)\n", addr, pte);
	assert_has(text, "page  %05x: _count 0 -> 1, _mapcount -1 -> 0",
		   pte >> PAGE_SHIFT);
	assert_has(text, "TLB   cpu0 + %08x -> %08x rw user A D", addr,
		   pte & PTE_PFN_MASK);
	assert_has(text, "event pgfault: ");
	assert_lines(text, "VMA ", 0);
	assert_lines(text, "task ", 0);

	/* fork: the child and its VMAs; the parent's writable private
	 * pages become read-only (-RW), to be copied on the next write. */
	before(&p);
	assert_int_equal(do_fork(p.m, t, &child), 0);
	text = after(&p);
	assert_has(text, "task  + pid %d (sh) running\n", child->pid);
	snprintf(line, sizeof(line), "VMA   pid %d + ", child->pid);
	assert_lines(text, line, nr_vmas(t->mm));
	assert_has(text, "PTE   pid 1 %08x: %08x -> %08x (-RW)\n", addr, pte,
		   pte & ~_PAGE_RW);
	assert_has(text, "page  %05x: _count 1 -> 2, _mapcount 0 -> 1",
		   pte >> PAGE_SHIFT);

	/* The limit: two lines, and the rest counted. */
	some = diff_text(p.m, p.a, p.b, 2, &n);
	assert_int_equal(n, p.n);
	assert_int_equal(count_all_lines(some), 3);
	assert_has(some, "... and %d more differences\n", n - 2);
	free(some);

	/* exit: the child becomes a zombie and its VMAs go. */
	before(&p);
	assert_int_equal(do_exit(p.m, child, 0), 0);
	text = after(&p);
	assert_has(text, "task  pid %d (sh): running -> zombie\n",
		   child->pid);
	snprintf(line, sizeof(line), "VMA   pid %d - ", child->pid);
	assert_lines(text, line, nr_vmas(t->mm));

	/* A refilled snapshot equals a fresh one. */
	before(&p);
	snap_free(p.b);
	p.b = snap_take(p.m);
	some = diff_text(p.m, p.a, p.b, 0, &n);
	assert_int_equal(n, 0);
	assert_string_equal(some, "");
	free(some);
	probe_done(&p);
	unit_free(p.m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_same_state),
		UNIT_TEST(test_alloc_pages),
		UNIT_TEST(test_spawn_touch_fork),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
