/* tests/unit/test-explain.c: `explain`'s sentences.  Every trace point of
 * the table has a sentence for its entry or event, naming the function
 * and ending with its source reference (the kernel file, and Gorman's
 * chapter or why there is none), so a new trace point without one fails
 * here; a sentence is written for any arguments, even absurd ones, and
 * changes nothing in the machine; the sentences of a real copy-on-write
 * read the machine's state (the page shared by 2, then mapped once); and
 * the folding into lines keeps its width and indents. */
#include "config.h"

#include "unit.h"

#include "vmdb/explain.h"
#include "vmdb/mmap.h"
#include "vmdb/sched.h"

/* 1 GiB (so 128 MiB of HighMem) and two CPUs. */
static struct machine *
pc_1g_smp(void)
{
	struct boot_config bc;

	boot_config_default(&bc);
	unit_plain_map(&bc.bios, GiB(1));
	snprintf(bc.name, sizeof(bc.name), "mem-1024M");
	bc.bios_vendor[0] = '\0';
	bc.nr_cpus = 2;
	return unit_boot(&bc);
}

/* An ENTER (CALL) or EVENT of trace point id with every argument v. */
static void
fake_event(struct trace_event *ev, int id, long v)
{
	const struct tp_def *d = tp_get(id);
	int i;

	memset(ev, 0, sizeof(*ev));
	ev->id = (enum tp_id)id;
	ev->phase = d->kind == TP_CALL ? TP_PH_ENTER : TP_PH_EVENT;
	ev->nargs = d->nargs;
	for (i = 0; i < d->nargs; i++)
		ev->args[i] = v;
}

/* One line that cites the kernel file and function (or the MMU) and the
 * book's chapter, or says why there is none. */
static void
assert_cited(const struct tp_def *d, const char *s)
{
	char see[160];

	if (s == NULL || s[0] == '\0')
		fail_msg("%s: no sentence", d->name);
	if (strchr(s, '\n'))
		fail_msg("%s: the sentence is more than one line: %s", d->name,
			 s);
	if (d->file[0] == '(')
		snprintf(see, sizeof(see), ": see the i386 MMU (hardware)");
	else
		snprintf(see, sizeof(see), ": see %s, %s", d->file, d->name);
	if (!strstr(s, see))
		fail_msg("%s: no \"%s\" in: %s", d->name, see, s);
	if (!strstr(s, "; Gorman ch. ") && !strstr(s, " (2.6; not in Gorman") &&
	    !strstr(s, " (not covered by Gorman)"))
		fail_msg("%s: no Gorman chapter and no reason why: %s",
			 d->name, s);
}

static void
test_every_tracepoint_explained(void **state)
{
	struct machine *m = pc_1g_smp();
	static const long values[] = { 0, 1, -1, 0x7fffffff, 0xffffffffL };
	struct trace_event ev;
	struct strbuf sb;
	size_t v;
	int id;

	sb_init(&sb);
	for (id = 0; id < NR_TRACEPOINTS; id++) {
		const struct tp_def *d = tp_get(id);

		if (!explain_has(id, d->kind == TP_CALL ? TP_PH_ENTER :
				 TP_PH_EVENT))
			fail_msg("trace point %s has no row in "
				 "src/debug/explain_*.c", d->name);
		for (v = 0; v < ARRAY_SIZE(values); v++) {
			fake_event(&ev, id, values[v]);
			sb_reset(&sb);
			explain_event(m, &ev, &sb);
			assert_cited(d, sb.buf);
		}
	}
	sb_free(&sb);
	unit_free(m);
	(void)state;
}

/* A return without a sentence appends nothing; one with a sentence names
 * the function and carries no reference (its entry did). */
static void
test_exit_sentences(void **state)
{
	struct machine *m = pc_1g_smp();
	static const long rets[] = { 0, -1, -12, 1, 0x1000, 0xc0000000L };
	struct trace_event ev;
	struct strbuf sb;
	size_t r;
	int id, with = 0;

	sb_init(&sb);
	for (id = 0; id < NR_TRACEPOINTS; id++) {
		const struct tp_def *d = tp_get(id);

		if (d->kind != TP_CALL)
			continue;
		with += explain_has(id, TP_PH_EXIT);
		for (r = 0; r < ARRAY_SIZE(rets); r++) {
			memset(&ev, 0, sizeof(ev));
			ev.id = (enum tp_id)id;
			ev.phase = TP_PH_EXIT;
			ev.ret = rets[r];
			sb_reset(&sb);
			explain_event(m, &ev, &sb);
			if (!explain_has(id, TP_PH_EXIT)) {
				assert_int_equal(sb.len, 0);
				continue;
			}
			if (sb.len == 0)
				continue;	/* nothing to say for it */
			if (!strstr(sb.buf, d->name))
				fail_msg("%s: return sentence without the "
					 "name: %s", d->name, sb.buf);
			assert_null(strstr(sb.buf, ": see "));
		}
	}
	assert_true(with >= 10);
	sb_free(&sb);
	unit_free(m);
	(void)state;
}

/* Writing every sentence, for every argument, leaves the allocator's
 * counters, its lists and the checker's view as they were. */
static void
test_changes_nothing(void **state)
{
	struct machine *m = pc_1g_smp();
	struct unit_snap before, after;
	struct trace_event ev;
	struct task_struct *t;
	struct strbuf sb;
	char *argv[] = { "/bin/sh", NULL };
	int id;

	assert_int_equal(do_execve(m, "/bin/sh", 1, argv, false, &t), 0);
	unit_snap(m, &before);
	sb_init(&sb);
	for (id = 0; id < NR_TRACEPOINTS; id++) {
		fake_event(&ev, id, 0x08060010);
		explain_event(m, &ev, &sb);
		fake_event(&ev, id, 1);
		explain_event(m, &ev, &sb);
	}
	unit_snap(m, &after);
	unit_assert_snap_equal(&before, &after, true);
	unit_check(m);
	sb_free(&sb);
	unit_free(m);
	(void)state;
}

/* The hook: every event's sentence, one per line, into a buffer. */
struct collect {
	struct strbuf sb;
	int events, silent;
};

static void
collect_hook(void *arg, struct machine *m, const struct trace_event *ev)
{
	struct collect *c = arg;
	size_t len = c->sb.len;

	explain_event(m, ev, &c->sb);
	if (ev->phase != TP_PH_EXIT) {
		c->events++;
		c->silent += c->sb.len == len;
	}
	if (c->sb.len > len)
		sb_puts(&c->sb, "\n");
}

static void
touch_write(struct machine *m, u32 addr)
{
	struct user_access ua;

	memset(&ua, 0, sizeof(ua));
	if (access_one(m, m->this_cpu, addr, ACC_WRITE | ACC_USER, &ua))
		fail_msg("write to 0x%08x failed: %s", addr, m->why);
}

/* A fork, then the child's write copies the page shared by the two, then
 * the parent's write finds it mapped once and reuses it. */
static void
test_cow_reads_the_machine(void **state)
{
	struct machine *m = pc_1g_smp();
	struct task_struct *parent, *child;
	char *argv[] = { "/bin/sh", NULL };
	struct collect c = { .events = 0 };
	const u32 data = 0x08060010;

	assert_int_equal(do_execve(m, "/bin/sh", 1, argv, false, &parent), 0);
	touch_write(m, data);
	sb_init(&c.sb);
	m->trace.hook = collect_hook;
	m->trace.hook_arg = &c;
	m->trace.armed = 1;
	assert_int_equal(do_fork(m, parent, &child), 0);
	assert_non_null(strstr(c.sb.buf, "fork's dup_mmap copies the 12 VMAs "
			       "of pid 1 (sh)'s mm"));
	assert_non_null(strstr(c.sb.buf, "loses its write bit in parent and "
			       "child alike"));
	assert_int_equal(context_switch(m, m->this_cpu, child), 0);
	sb_reset(&c.sb);
	touch_write(m, data);
	assert_non_null(strstr(c.sb.buf, "The PTE is write-protected and the "
			       "page is shared by 2 processes, so do_wp_page "
			       "must copy it: see mm/memory.c, do_wp_page; "
			       "Gorman ch. 4.6\n"));
	assert_non_null(strstr(c.sb.buf, "handle_mm_fault handles a write of "
			       "0x08060010 in pid 2 (sh)'s mm"));
	assert_int_equal(context_switch(m, m->this_cpu, parent), 0);
	sb_reset(&c.sb);
	touch_write(m, data);
	assert_non_null(strstr(c.sb.buf, "only this process maps the page "
			       "(mapcount 1), so do_wp_page reuses it"));
	assert_null(strstr(c.sb.buf, "must copy"));
	assert_int_equal(c.silent, 0);
	assert_true(c.events > 20);
	m->trace.armed = 0;
	sb_free(&c.sb);
	unit_free(m);
	(void)state;
}

/* A watermark refusal reads the zone's numbers from the event. */
static void
test_watermark_sentence(void **state)
{
	struct machine *m = pc_1g_smp();
	struct trace_event ev;
	struct strbuf sb;

	sb_init(&sb);
	fake_event(&ev, TP_zone_watermark_ok, 0);
	ev.args[0] = ZONE_NORMAL;
	ev.args[1] = 3;
	ev.args[2] = 1000;
	ev.args[3] = 1005;	/* 1005 - 8 + 1 = 998 <= 1000 */
	explain_event(m, &ev, &sb);
	assert_non_null(strstr(sb.buf, "taking 8 pages from its 1005 free "
			       "pages would leave it at or below the watermark "
			       "of 1000"));
	sb_reset(&sb);
	ev.args[3] = 5000;
	explain_event(m, &ev, &sb);
	assert_non_null(strstr(sb.buf, "its 5000 free pages are above the "
			       "watermark of 1000"));
	assert_non_null(strstr(sb.buf, "; Gorman ch. 2.2"));
	sb_free(&sb);
	unit_free(m);
	(void)state;
}

static void
test_wrap(void **state)
{
	struct strbuf sb;
	const char *p, *nl;
	int lines = 0;

	sb_init(&sb);
	explain_wrap(&sb, "one two three four five six seven eight nine ten "
		     "eleven twelve thirteen fourteen fifteen sixteen "
		     "seventeen eighteen nineteen twenty", 6, 50);
	for (p = sb.buf; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		assert_non_null(nl);
		assert_true(nl - p <= 50);
		assert_int_equal(strspn(p, " "), lines ? 8 : 6);
		lines++;
	}
	assert_true(lines >= 3);
	assert_int_equal(strncmp(sb.buf, "      one two", 13), 0);
	/* A word longer than the line gets a line of its own; a deep
	 * indent still leaves 40 columns. */
	sb_reset(&sb);
	explain_wrap(&sb, "a 0123456789012345678901234567890123456789012345 b",
		     0, 40);
	assert_string_equal(sb.buf, "a\n"
			    "  0123456789012345678901234567890123456789012345\n"
			    "  b\n");
	sb_reset(&sb);
	explain_wrap(&sb, "x y", 70, 80);
	assert_string_equal(sb.buf, "                                        "
			    "                              x y\n");
	sb_reset(&sb);
	explain_wrap(&sb, "", 4, 80);
	assert_int_equal(sb.len, 0);
	sb_free(&sb);
	(void)state;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_every_tracepoint_explained),
		UNIT_TEST(test_exit_sentences),
		UNIT_TEST(test_changes_nothing),
		UNIT_TEST(test_cow_reads_the_machine),
		UNIT_TEST(test_watermark_sentence),
		UNIT_TEST(test_wrap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
