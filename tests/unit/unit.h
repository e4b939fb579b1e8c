/* tests/unit/unit.h: what the cmocka unit tests share: booting a machine
 * (from a preset, a plain map of some size, or e820 text) and failing the
 * test with the engine's reason when it does not boot; running the
 * invariant checker; looking for lines in the boot log; counting free
 * pages; and snapshots of the allocator's counters, so that a test can say
 * "this refused free left the machine exactly as it was".
 *
 * Every helper is static inline: each test program includes this header
 * once and uses only some of them.
 */
#ifndef VMDB_TESTS_UNIT_H
#define VMDB_TESTS_UNIT_H

/* cmocka needs these before its own header, in this order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/check.h"
#include "vmdb/e820.h"
#include "vmdb/machine.h"
#include "vmdb/mm.h"
#include "vmdb/out.h"
#include "vmdb/printk.h"
#include "vmdb/slab.h"
#include "vmdb/util.h"

#define KiB(x)	((u64)(x) << 10)
#define MiB(x)	((u64)(x) << 20)
#define GiB(x)	((u64)(x) << 30)

/* alloc_flags of zone_watermark_ok (mm/internal.h values in 2.6.32). */
#define UNIT_ALLOC_WMARK_MIN	0x00
#define UNIT_ALLOC_WMARK_LOW	0x01
#define UNIT_ALLOC_WMARK_HIGH	0x02
#define UNIT_ALLOC_HARDER	0x10
#define UNIT_ALLOC_HIGH		0x20

/* ---- machines a test forgets ---------------------------------------------
 *
 * A failing assertion leaves its test at once, before the test's own
 * machine_free().  Every machine unit_boot() makes is remembered until
 * unit_free(); unit_teardown(), run after each test (UNIT_TEST), frees the
 * rest, so that a failure is not also reported as a leak.
 */
#define UNIT_MAX_MACHINES 16

static struct machine *unit_machines[UNIT_MAX_MACHINES];

static inline void
unit_track(struct machine *m)
{
	int i;

	for (i = 0; i < UNIT_MAX_MACHINES; i++)
		if (unit_machines[i] == NULL) {
			unit_machines[i] = m;
			return;
		}
}

static inline void unit_check(struct machine *m);

/* Runs the invariant checker a last time, then frees the machine. */
static inline void
unit_free(struct machine *m)
{
	int i;

	unit_check(m);
	for (i = 0; i < UNIT_MAX_MACHINES; i++)
		if (unit_machines[i] == m)
			unit_machines[i] = NULL;
	machine_free(m);
}

static inline int
unit_teardown(void **state)
{
	int i;

	for (i = 0; i < UNIT_MAX_MACHINES; i++) {
		machine_free(unit_machines[i]);
		unit_machines[i] = NULL;
	}
	return 0;
}

#define UNIT_TEST(f)	cmocka_unit_test_teardown(f, unit_teardown)

/* ---- booting ------------------------------------------------------------ */

/*
 * A plain PC map of size bytes: 639 KiB of conventional memory, the EBDA
 * and BIOS ROM reserved, RAM from 1 MiB to size (the same shape as
 * `boot --mem`).
 */
static inline void
unit_plain_map(struct e820map *e, u64 size)
{
	e->nr_map = 0;
	e820_add_region(e, 0, 0x9fc00, E820_RAM);
	e820_add_region(e, 0x9fc00, 0x400, E820_RESERVED);
	e820_add_region(e, 0xf0000, 0x10000, E820_RESERVED);
	e820_add_region(e, 0x100000, size - 0x100000, E820_RAM);
	e820_add_region(e, 0xfffc0000ull, 0x40000, E820_RESERVED);
}

/* Sets "KEY=VALUE" configuration words from a NULL-terminated list. */
static inline void
unit_config_v(struct boot_config *bc, va_list ap)
{
	const char *kv;
	char why[256];

	while ((kv = va_arg(ap, const char *)) != NULL) {
		if (boot_config_set(bc, kv, why, sizeof(why)))
			fail_msg("boot_config_set(%s): %s", kv, why);
	}
}

static inline void
unit_cmdline(struct boot_config *bc, const char *cmdline)
{
	if (cmdline)
		snprintf(bc->cmdline, sizeof(bc->cmdline), "%s", cmdline);
}

/* Fails the test, printing what the checker found, unless m is sound. */
static inline void
unit_check(struct machine *m)
{
	struct out o;
	int n;

	out_init_buf(&o);
	n = check_machine(m, &o);
	if (n != 0) {
		fflush(stdout);
		fprintf(stderr, "check_machine found %d broken invariants:\n%s",
			n, o.sb.buf ? o.sb.buf : "");
		out_done(&o);
		fail();
	}
	out_done(&o);
}

/* Boots bc or fails the test with the engine's reason; the new machine
 * passes the invariant checker. */
static inline struct machine *
unit_boot(const struct boot_config *bc)
{
	char why[256] = "";
	struct machine *m = machine_boot(bc, why, sizeof(why));

	if (m == NULL)
		fail_msg("machine_boot(%s, \"%s\") failed: %s", bc->name,
			 bc->cmdline, why);
	unit_track(m);
	unit_check(m);
	return m;
}

/* A preset, an optional command line, then config words, NULL-ended:
 * unit_boot_preset("pc-4g", "highmem=512M", "NR_CPUS=4", NULL). */
static inline struct machine *
unit_boot_preset(const char *preset, const char *cmdline, ...)
{
	struct boot_config bc;
	char why[256];
	va_list ap;

	boot_config_default(&bc);
	if (boot_preset(&bc, preset, why, sizeof(why)))
		fail_msg("boot_preset(%s): %s", preset, why);
	unit_cmdline(&bc, cmdline);
	va_start(ap, cmdline);
	unit_config_v(&bc, ap);
	va_end(ap);
	return unit_boot(&bc);
}

/* A plain map of size bytes (no BIOS vendor, so no low-64K quirk). */
static inline struct machine *
unit_boot_mem(u64 size, const char *cmdline, ...)
{
	struct boot_config bc;
	va_list ap;

	boot_config_default(&bc);
	unit_plain_map(&bc.bios, size);
	snprintf(bc.name, sizeof(bc.name), "mem-%lluM",
		 (unsigned long long)(size >> 20));
	bc.bios_vendor[0] = '\0';
	unit_cmdline(&bc, cmdline);
	va_start(ap, cmdline);
	unit_config_v(&bc, ap);
	va_end(ap);
	return unit_boot(&bc);
}

/* A map given as text (any form e820_parse_text reads). */
static inline void
unit_config_e820(struct boot_config *bc, const char *text, const char *vendor)
{
	char why[256];

	boot_config_default(bc);
	if (e820_parse_text(text, &bc->bios, why, sizeof(why)))
		fail_msg("e820_parse_text: %s", why);
	snprintf(bc->name, sizeof(bc->name), "e820-text");
	snprintf(bc->bios_vendor, sizeof(bc->bios_vendor), "%s",
		 vendor ? vendor : "");
}

/* Asserts that bc does not boot and that the reason mentions `reason`. */
static inline void
unit_boot_fails(const struct boot_config *bc, const char *reason)
{
	char why[256] = "";
	struct machine *m = machine_boot(bc, why, sizeof(why));

	if (m != NULL) {
		machine_free(m);
		fail_msg("machine_boot(%s, \"%s\") booted; expected a refusal%s%s",
			 bc->name, bc->cmdline, reason ? " mentioning " : "",
			 reason ? reason : "");
	}
	if (why[0] == '\0')
		fail_msg("machine_boot refused without a reason");
	if (reason && strstr(why, reason) == NULL)
		fail_msg("refusal reason '%s' does not mention '%s'", why,
			 reason);
}

/* ---- the boot log ------------------------------------------------------- */

/* True if the log holds exactly this line. */
static inline bool
unit_log_has(struct machine *m, const char *line)
{
	const char *p = m->log.buf, *end = m->log.buf + m->log.len;
	size_t n = strlen(line);

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (len == n && memcmp(p, line, n) == 0)
			return true;
		p += len + 1;
	}
	return false;
}

/* True if some line of the log contains s. */
static inline bool
unit_log_contains(struct machine *m, const char *s)
{
	return memmem(m->log.buf, m->log.len, s, strlen(s)) != NULL;
}

/* (cmocka's print_message cuts messages at 1 KiB; the log is longer) */
static inline void
unit_print_log(struct machine *m)
{
	fflush(stdout);
	fputs("---- boot log ----\n", stderr);
	fwrite(m->log.buf, 1, m->log.len, stderr);
	fputs("---- end ----\n", stderr);
}

#define assert_log_line(m, line)					\
	do {								\
		if (!unit_log_has((m), (line))) {			\
			unit_print_log(m);				\
			fail_msg("boot log lacks the line \"%s\"", (line)); \
		}							\
	} while (0)

#define assert_log_contains(m, s)					\
	do {								\
		if (!unit_log_contains((m), (s))) {			\
			unit_print_log(m);				\
			fail_msg("no boot log line contains \"%s\"", (s)); \
		}							\
	} while (0)

#define assert_log_lacks(m, s)						\
	do {								\
		if (unit_log_contains((m), (s))) {			\
			unit_print_log(m);				\
			fail_msg("the boot log should not contain \"%s\"", (s)); \
		}							\
	} while (0)

/* ---- counting pages ----------------------------------------------------- */

/* Pages in a zone's buddy lists, counted from nr_free. */
static inline unsigned long
unit_zone_buddy_pages(const struct zone *z)
{
	unsigned long n = 0;
	int o;

	for (o = 0; o < MAX_ORDER; o++)
		n += (unsigned long)z->free_area[o].nr_free << o;
	return n;
}

/* Pages sitting on the per-CPU lists of one zone, or of all (z == NULL). */
static inline unsigned long
unit_pcp_pages(struct machine *m, const struct zone *z)
{
	unsigned long n = 0;
	int i, c;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		if (z && &m->zones[i] != z)
			continue;
		for (c = 0; c < m->nr_cpus; c++)
			n += (unsigned long)m->zones[i].pcp[c].count;
	}
	return n;
}

/* Copies the pfns of a list (head first) into out; returns the length. */
static inline unsigned
unit_list_pfns(struct machine *m, u32 head, u32 *out, unsigned max)
{
	unsigned n = 0;
	u32 pos;

	plist_for_each(m, pos, head) {
		if (n < max)
			out[n] = pos;
		n++;
	}
	return n;
}

/* ---- snapshots ---------------------------------------------------------- */

struct unit_snap {
	u32 nr_free[MAX_NR_ZONES][MAX_ORDER];
	u32 list_len[MAX_NR_ZONES][MAX_ORDER][MIGRATE_TYPES];
	u32 list_head[MAX_NR_ZONES][MAX_ORDER][MIGRATE_TYPES];
	long vm_stat[MAX_NR_ZONES][NR_VM_ZONE_STAT_ITEMS];
	int pcp_count[MAX_NR_ZONES][VMDB_MAX_CPUS];
	unsigned long vm_events[NR_VM_EVENT_ITEMS];
	unsigned long nr_free_pages;
};

static inline void
unit_snap(struct machine *m, struct unit_snap *s)
{
	int i, o, t, c;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &m->zones[i];

		for (o = 0; o < MAX_ORDER; o++) {
			s->nr_free[i][o] = z->free_area[o].nr_free;
			for (t = 0; t < MIGRATE_TYPES; t++) {
				u32 head = z->free_area[o].free_list[t];

				if (!head)
					continue;
				s->list_len[i][o][t] = plist_count(m, head);
				s->list_head[i][o][t] = plink(m, head)->next;
			}
		}
		memcpy(s->vm_stat[i], z->vm_stat, sizeof(z->vm_stat));
		for (c = 0; c < VMDB_MAX_CPUS; c++)
			s->pcp_count[i][c] = z->pcp[c].count;
	}
	memcpy(s->vm_events, m->vm_events, sizeof(m->vm_events));
	s->nr_free_pages = nr_free_pages(m);
}

/* Fails, naming the first difference, unless a and b are the same (the
 * event counters too when events is true). */
static inline void
unit_assert_snap_equal(const struct unit_snap *a, const struct unit_snap *b,
		       bool events)
{
	int i, o, t, c;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		for (o = 0; o < MAX_ORDER; o++) {
			if (a->nr_free[i][o] != b->nr_free[i][o])
				fail_msg("%s order %d: nr_free %u, was %u",
					 zone_names[i], o, b->nr_free[i][o],
					 a->nr_free[i][o]);
			for (t = 0; t < MIGRATE_TYPES; t++) {
				u32 la = a->list_len[i][o][t];
				u32 lb = b->list_len[i][o][t];
				u32 ha = a->list_head[i][o][t];
				u32 hb = b->list_head[i][o][t];

				if (la != lb || ha != hb)
					fail_msg("%s order %d %s list: %u blocks, head 0x%x; was %u, 0x%x",
						 zone_names[i], o,
						 migratetype_names[t], lb, hb,
						 la, ha);
			}
		}
		for (t = 0; t < NR_VM_ZONE_STAT_ITEMS; t++)
			if (a->vm_stat[i][t] != b->vm_stat[i][t])
				fail_msg("%s vm_stat[%d]: %ld, was %ld",
					 zone_names[i], t, b->vm_stat[i][t],
					 a->vm_stat[i][t]);
		for (c = 0; c < VMDB_MAX_CPUS; c++)
			if (a->pcp_count[i][c] != b->pcp_count[i][c])
				fail_msg("%s cpu %d pcp count: %d, was %d",
					 zone_names[i], c, b->pcp_count[i][c],
					 a->pcp_count[i][c]);
	}
	for (t = 0; events && t < NR_VM_EVENT_ITEMS; t++)
		if (a->vm_events[t] != b->vm_events[t])
			fail_msg("vm event %d: %lu, was %lu", t,
				 b->vm_events[t], a->vm_events[t]);
	assert_int_equal(a->nr_free_pages, b->nr_free_pages);
}

#endif
