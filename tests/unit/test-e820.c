/* tests/unit/test-e820.c: the BIOS memory map as Linux 2.6.32 edits it
 * (arch/x86/kernel/e820.c): sanitize_e820_map on overlaps, containment,
 * merges, empty, unsorted and refused maps; e820_update_range and
 * e820_remove_range and their split cases; and e820_parse_text on the 2.6
 * and 3.x dmesg forms, vmdb's own form, real logs and bad input. */
#include "config.h"

#include <errno.h>
#include <glob.h>

#include "unit.h"

#define RAM	E820_RAM
#define RES	E820_RESERVED
#define ACPI	E820_ACPI
#define NVS	E820_NVS

struct range {
	u64 start, end;		/* end exclusive */
	u32 type;
};

/* Fills map from [start, end) ranges. */
static u32
fill(struct e820entry *map, const struct range *r, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++) {
		map[i].addr = r[i].start;
		map[i].size = r[i].end - r[i].start;
		map[i].type = r[i].type;
	}
	return n;
}

/* Asserts that map[0..nr) is exactly the ranges in want. */
static void
expect_map(const struct e820entry *map, u32 nr, const struct range *want,
	   u32 nwant)
{
	u32 i;

	if (nr != nwant) {
		for (i = 0; i < nr; i++)
			print_message("  got [%#llx, %#llx) type %u\n",
				      (unsigned long long)map[i].addr,
				      (unsigned long long)(map[i].addr +
							   map[i].size),
				      map[i].type);
		fail_msg("map has %u entries, expected %u", nr, nwant);
	}
	for (i = 0; i < nr; i++) {
		if (map[i].addr != want[i].start ||
		    map[i].addr + map[i].size != want[i].end ||
		    map[i].type != want[i].type)
			fail_msg("entry %u is [%#llx, %#llx) type %u, expected [%#llx, %#llx) type %u",
				 i, (unsigned long long)map[i].addr,
				 (unsigned long long)(map[i].addr +
						      map[i].size),
				 map[i].type, (unsigned long long)want[i].start,
				 (unsigned long long)want[i].end, want[i].type);
	}
}

#define N(a) ((u32)ARRAY_SIZE(a))

/* Sanitizes the ranges in `in` and compares with `want`. */
#define SANITIZES_TO(in, want)						\
	do {								\
		struct e820entry map_[E820MAX];				\
		u32 nr_ = fill(map_, (in), N(in));			\
									\
		assert_int_equal(sanitize_e820_map(map_, E820MAX, &nr_), 0); \
		expect_map(map_, nr_, (want), N(want));			\
	} while (0)

/* ---- sanitize_e820_map -------------------------------------------------- */

/* A reserved hole punched into RAM: RAM loses where they overlap. */
static void
test_sanitize_reserved_inside_ram(void **state)
{
	static const struct range in[] = {
		{ 0x0, 0x100000, RAM },
		{ 0x80000, 0xa0000, RES },
	};
	static const struct range want[] = {
		{ 0x0, 0x80000, RAM },
		{ 0x80000, 0xa0000, RES },
		{ 0xa0000, 0x100000, RAM },
	};

	SANITIZES_TO(in, want);
}

/* RAM inside a reserved range disappears altogether. */
static void
test_sanitize_ram_inside_reserved(void **state)
{
	static const struct range in[] = {
		{ 0x0, 0x100000, RES },
		{ 0x10000, 0x20000, RAM },
		{ 0x200000, 0x300000, RAM },
	};
	static const struct range want[] = {
		{ 0x0, 0x100000, RES },
		{ 0x200000, 0x300000, RAM },
	};

	SANITIZES_TO(in, want);
}

/* Partial overlaps: the larger type number wins on the overlap, whichever
 * entry comes first. */
static void
test_sanitize_larger_type_wins(void **state)
{
	static const struct range in[] = {
		{ 0x100000, 0x400000, RAM },
		{ 0x300000, 0x500000, ACPI },	/* 3 over RAM */
		{ 0x480000, 0x600000, NVS },	/* 4 over ACPI */
		{ 0x580000, 0x700000, RES },	/* 2 under NVS */
	};
	static const struct range want[] = {
		{ 0x100000, 0x300000, RAM },
		{ 0x300000, 0x480000, ACPI },
		{ 0x480000, 0x600000, NVS },
		{ 0x600000, 0x700000, RES },
	};
	static const struct range in2[] = {
		{ 0x0, 0x10000, 12 },	/* an unnamed type, 12 > 5 */
		{ 0x8000, 0x20000, E820_UNUSABLE },
		{ 0x18000, 0x30000, E820_RESERVED_KERN },	/* 128 wins */
	};
	static const struct range want2[] = {
		{ 0x0, 0x10000, 12 },
		{ 0x10000, 0x18000, E820_UNUSABLE },
		{ 0x18000, 0x30000, E820_RESERVED_KERN },
	};

	SANITIZES_TO(in, want);
	SANITIZES_TO(in2, want2);
}

/* Adjacent entries of one type merge; of different types they do not. */
static void
test_sanitize_adjacent_merge(void **state)
{
	static const struct range in[] = {
		{ 0x0, 0x1000, RAM },
		{ 0x1000, 0x2000, RAM },
		{ 0x2000, 0x9fc00, RAM },
		{ 0x9fc00, 0xa0000, RES },
		{ 0xf0000, 0x100000, RES },
		{ 0x100000, 0x200000, RAM },
		{ 0x200000, 0x300000, ACPI },
		{ 0x300000, 0x400000, ACPI },
	};
	static const struct range want[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x9fc00, 0xa0000, RES },
		{ 0xf0000, 0x100000, RES },
		{ 0x100000, 0x200000, RAM },
		{ 0x200000, 0x400000, ACPI },
	};

	SANITIZES_TO(in, want);
}

/* Overlapping entries of one type merge too. */
static void
test_sanitize_same_type_overlap(void **state)
{
	static const struct range in[] = {
		{ 0x100000, 0x800000, RAM },
		{ 0x400000, 0x1000000, RAM },
		{ 0x0, 0x200000, RAM },
	};
	static const struct range want[] = {
		{ 0x0, 0x1000000, RAM },
	};

	SANITIZES_TO(in, want);
}

static void
test_sanitize_zero_size_dropped(void **state)
{
	static const struct range in[] = {
		{ 0x5000, 0x5000, RES },	/* inside RAM: no hole */
		{ 0x0, 0x9fc00, RAM },
		{ 0xa0000, 0xa0000, RAM },
		{ 0x100000, 0x100000, ACPI },	/* no split between RAMs */
		{ 0x9fc00, 0x100000, RES },
		{ 0x100000, 0x4000000, RAM },
	};
	static const struct range want[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x9fc00, 0x100000, RES },
		{ 0x100000, 0x4000000, RAM },
	};

	SANITIZES_TO(in, want);
}

static void
test_sanitize_unsorted(void **state)
{
	static const struct range in[] = {
		{ 0xfffc0000ull, 0x100000000ull, RES },
		{ 0x100000, 0x4000000, RAM },
		{ 0xf0000, 0x100000, RES },
		{ 0x9fc00, 0xa0000, RES },
		{ 0x0, 0x9fc00, RAM },
	};
	static const struct range want[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x9fc00, 0xa0000, RES },
		{ 0xf0000, 0x100000, RES },
		{ 0x100000, 0x4000000, RAM },
		{ 0xfffc0000ull, 0x100000000ull, RES },
	};

	SANITIZES_TO(in, want);
}

static void
test_sanitize_identical_duplicates(void **state)
{
	static const struct range in[] = {
		{ 0x100000, 0x4000000, RAM },
		{ 0x0, 0x9fc00, RAM },
		{ 0x100000, 0x4000000, RAM },
		{ 0x0, 0x9fc00, RAM },
		{ 0xf0000, 0x100000, RES },
		{ 0xf0000, 0x100000, RES },
	};
	static const struct range want[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0xf0000, 0x100000, RES },
		{ 0x100000, 0x4000000, RAM },
	};

	SANITIZES_TO(in, want);
}

/* An already sane map (the Ubuntu 2 GB AMI box) is left as it is. */
static void
test_sanitize_sane_map_unchanged(void **state)
{
	static const struct range in[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x9fc00, 0xa0000, RES },
		{ 0xe8000, 0x100000, RES },
		{ 0x100000, 0x7ffb0000, RAM },
		{ 0x7ffb0000, 0x7ffc0000, ACPI },
		{ 0x7ffc0000, 0x7fff0000, NVS },
		{ 0x7fff0000, 0x80000000, RES },
		{ 0xff7c0000, 0x100000000ull, RES },
	};

	SANITIZES_TO(in, in);
}

/* Fewer than two entries: refused with -1, the map left untouched. */
static void
test_sanitize_refuses_single_entry(void **state)
{
	struct e820entry map[E820MAX], copy[E820MAX];
	u32 nr;

	memset(map, 0x5a, sizeof(map));
	map[0].addr = 0x1000;
	map[0].size = 0;		/* even a bad one is not touched */
	map[0].type = RAM;
	memcpy(copy, map, sizeof(map));
	nr = 1;
	assert_int_equal(sanitize_e820_map(map, E820MAX, &nr), -1);
	assert_int_equal(nr, 1);
	assert_memory_equal(map, copy, sizeof(map));
	nr = 0;
	assert_int_equal(sanitize_e820_map(map, E820MAX, &nr), -1);
	assert_int_equal(nr, 0);
	assert_memory_equal(map, copy, sizeof(map));
}

/* An entry whose end wraps past 2^64 makes the whole call a no-op. */
static void
test_sanitize_refuses_wrapping_entry(void **state)
{
	struct e820entry map[E820MAX], copy[E820MAX];
	u32 nr;

	memset(map, 0, sizeof(map));
	map[0] = (struct e820entry){ 0x100000, 0x1000000, RAM };
	map[1] = (struct e820entry){ 0x0, 0x9fc00, RAM };	/* unsorted */
	map[2] = (struct e820entry){ 0xffffffffffff0000ull, 0x20000, RES };
	memcpy(copy, map, sizeof(map));
	nr = 3;
	assert_int_equal(sanitize_e820_map(map, E820MAX, &nr), -1);
	assert_int_equal(nr, 3);
	assert_memory_equal(map, copy, sizeof(map));

	/* Ending exactly at 2^64 wraps to 0 as well (the kernel's test is
	 * addr + size < addr). */
	map[2] = (struct e820entry){ 0xfffffffffff00000ull, 0x100000, RES };
	memcpy(copy, map, sizeof(map));
	assert_int_equal(sanitize_e820_map(map, E820MAX, &nr), -1);
	assert_memory_equal(map, copy, sizeof(map));
}

/* The output stops at max_nr_map entries. */
static void
test_sanitize_truncates_at_max(void **state)
{
	struct e820entry map[8];
	static const struct range in[] = {
		{ 0x0, 0x1000, RAM },
		{ 0x1000, 0x2000, RES },
		{ 0x2000, 0x3000, RAM },
		{ 0x3000, 0x4000, RES },
		{ 0x4000, 0x5000, RAM },
	};
	static const struct range want[] = {
		{ 0x0, 0x1000, RAM },
		{ 0x1000, 0x2000, RES },
		{ 0x2000, 0x3000, RAM },
	};
	u32 nr = fill(map, in, N(in));

	assert_int_equal(sanitize_e820_map(map, 3, &nr), 0);
	expect_map(map, nr, want, N(want));
}

/* A full map of 128 disjoint unsorted entries survives intact, sorted. */
static void
test_sanitize_full_map(void **state)
{
	struct e820entry map[E820MAX];
	u32 nr = E820MAX, i;

	for (i = 0; i < E820MAX; i++) {
		u32 k = (i * 37) % E820MAX;	/* a permutation */

		map[i].addr = (u64)k * 0x100000;
		map[i].size = 0x80000;
		map[i].type = k % 2 ? RES : RAM;
	}
	assert_int_equal(sanitize_e820_map(map, E820MAX, &nr), 0);
	assert_int_equal(nr, E820MAX);
	for (i = 0; i < E820MAX; i++) {
		assert_int_equal(map[i].addr, (u64)i * 0x100000);
		assert_int_equal(map[i].size, 0x80000);
		assert_int_equal(map[i].type, i % 2 ? RES : RAM);
	}
}

/* ---- e820_update_range -------------------------------------------------- */

static void
mapset(struct e820map *e, const struct range *r, u32 n)
{
	memset(e, 0, sizeof(*e));
	e->nr_map = fill(e->map, r, n);
}

/* An entry the range covers completely changes type in place. */
static void
test_update_range_covers_entry(void **state)
{
	static const struct range in[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x9fc00, 0xa0000, RES },
		{ 0x100000, 0x200000, RAM },
	};
	static const struct range want[] = {
		{ 0x0, 0x9fc00, RES },
		{ 0x9fc00, 0xa0000, RES },
		{ 0x100000, 0x200000, RAM },
	};
	struct e820map e;

	mapset(&e, in, N(in));
	assert_int_equal(e820_update_range(&e, 0, 0xa0000, RAM, RES), 0x9fc00);
	expect_map(e.map, e.nr_map, want, N(want));
}

/* The low-64K quirk: the head of the first entry is cut off and appended
 * as a new entry of the new type. */
static void
test_update_range_head(void **state)
{
	static const struct range in[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x9fc00, 0xa0000, RES },
		{ 0xe8000, 0x100000, RES },
		{ 0x100000, 0x7ffb0000, RAM },
	};
	static const struct range want[] = {
		{ 0x10000, 0x9fc00, RAM },
		{ 0x9fc00, 0xa0000, RES },
		{ 0xe8000, 0x100000, RES },
		{ 0x100000, 0x7ffb0000, RAM },
		{ 0x0, 0x10000, RES },		/* appended, unsorted */
	};
	static const struct range sane[] = {	/* L2's "modified" map */
		{ 0x0, 0x10000, RES },
		{ 0x10000, 0x9fc00, RAM },
		{ 0x9fc00, 0xa0000, RES },
		{ 0xe8000, 0x100000, RES },
		{ 0x100000, 0x7ffb0000, RAM },
	};
	struct e820map e;
	u32 nr;

	mapset(&e, in, N(in));
	assert_int_equal(e820_update_range(&e, 0, 0x10000, RAM, RES), 0x10000);
	expect_map(e.map, e.nr_map, want, N(want));
	nr = e.nr_map;
	assert_int_equal(sanitize_e820_map(e.map, E820MAX, &nr), 0);
	expect_map(e.map, nr, sane, N(sane));
}

static void
test_update_range_tail(void **state)
{
	static const struct range in[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x100000, 0x1000000, RAM },
	};
	static const struct range want[] = {
		{ 0x0, 0x90000, RAM },
		{ 0x100000, 0x800000, RAM },
		{ 0x90000, 0x9fc00, RES },
		{ 0x800000, 0x1000000, RES },
	};
	struct e820map e;

	mapset(&e, in, N(in));
	/* the tail of the first entry, then of the second (with a size that
	 * would wrap: it is clamped at 2^64 - 1) */
	assert_int_equal(e820_update_range(&e, 0x90000, 0x10000, RAM, RES),
			 0xfc00);
	assert_int_equal(e820_update_range(&e, 0x800000, ~0ull, RAM, RES),
			 0x800000);
	expect_map(e.map, e.nr_map, want, N(want));
}

/*
 * A range strictly inside an entry: 2.6.32's __e820_update_range splits it
 * three ways ("new range is totally covered?"): the entry keeps its head,
 * the range is appended with the new type, and the tail is appended with
 * the old type.  Nothing is lost; this is what gives L1's "Scanning 1
 * areas" in the research notes (section 1.3 and 7.5).
 */
static void
test_update_range_inside_splits_in_three(void **state)
{
	static const struct range in[] = {
		{ 0x0, 0xa0000, RAM },
		{ 0x100000, 0x1fff0000, RAM },
	};
	static const struct range want[] = {
		{ 0x0, 0x2000, RAM },
		{ 0x100000, 0x1fff0000, RAM },
		{ 0x2000, 0x6000, RES },
		{ 0x6000, 0xa0000, RAM },
	};
	struct e820map e;

	mapset(&e, in, N(in));
	assert_int_equal(e820_update_range(&e, 0x2000, 0x4000, RAM, RES),
			 0x4000);
	expect_map(e.map, e.nr_map, want, N(want));
}

/* Only entries of old_type change. */
static void
test_update_range_other_types_untouched(void **state)
{
	static const struct range in[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x9fc00, 0xa0000, RES },
		{ 0xa0000, 0x100000, ACPI },
	};
	static const struct range want[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x9fc00, 0xa0000, NVS },
		{ 0xa0000, 0x100000, ACPI },
	};
	struct e820map e;

	mapset(&e, in, N(in));
	assert_int_equal(e820_update_range(&e, 0, 0x200000, RES, NVS), 0x400);
	expect_map(e.map, e.nr_map, want, N(want));
	/* no overlap at all: nothing changes */
	assert_int_equal(e820_update_range(&e, 0x200000, 0x1000, RAM, RES), 0);
	expect_map(e.map, e.nr_map, want, N(want));
}

/* ---- e820_remove_range -------------------------------------------------- */

/* Covered entries become empty (all zero) until the next sanitize. */
static void
test_remove_range_whole_entries(void **state)
{
	static const struct range in[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x9fc00, 0xa0000, RES },
		{ 0x100000, 0x4000000, RAM },
		{ 0xfec00000ull, 0xfec01000ull, RES },
	};
	static const struct range want[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x9fc00, 0xa0000, RES },
		{ 0x0, 0x0, 0 },
		{ 0xfec00000ull, 0xfec01000ull, RES },
	};
	static const struct range sane[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x9fc00, 0xa0000, RES },
		{ 0xfec00000ull, 0xfec01000ull, RES },
	};
	struct e820map e;
	u32 nr;

	mapset(&e, in, N(in));
	/* mem=1M: every RAM byte from 1 MiB up goes; reserved stays */
	assert_int_equal(e820_remove_range(&e, 0x100000, ~0ull - 0x100000,
					   RAM, 1), 0x3f00000);
	expect_map(e.map, e.nr_map, want, N(want));
	nr = e.nr_map;
	assert_int_equal(sanitize_e820_map(e.map, E820MAX, &nr), 0);
	expect_map(e.map, nr, sane, N(sane));
}

static void
test_remove_range_head_and_tail(void **state)
{
	static const struct range in[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x100000, 0x4000000, RAM },
	};
	static const struct range want[] = {
		{ 0x0, 0x90000, RAM },
		{ 0x200000, 0x4000000, RAM },
	};
	struct e820map e;

	mapset(&e, in, N(in));
	assert_int_equal(e820_remove_range(&e, 0x90000, 0x170000, RAM, 1),
			 0xfc00 + 0x100000);
	expect_map(e.map, e.nr_map, want, N(want));
}

/*
 * The kernel quirk: e820_remove_range has no three-way split.  A range
 * strictly inside an entry only shortens it by the size of the overlap:
 * removing [0x40000, 0x60000) from [0, 0x100000) leaves [0, 0xe0000), which
 * still covers the removed range, and the real tail is lost.
 */
static void
test_remove_range_inside_loses_tail(void **state)
{
	static const struct range in[] = {
		{ 0x0, 0x100000, RAM },
		{ 0x200000, 0x300000, RAM },
	};
	static const struct range want[] = {
		{ 0x0, 0xe0000, RAM },
		{ 0x200000, 0x300000, RAM },
	};
	struct e820map e;

	mapset(&e, in, N(in));
	assert_int_equal(e820_remove_range(&e, 0x40000, 0x20000, RAM, 1),
			 0x20000);
	expect_map(e.map, e.nr_map, want, N(want));
}

/* checktype 0 removes any type; 1 only old_type. */
static void
test_remove_range_checktype(void **state)
{
	static const struct range in[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x9fc00, 0xa0000, RES },
		{ 0xe0000, 0x100000, RES },
	};
	static const struct range keep[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x9fc00, 0xa0000, RES },
		{ 0xe0000, 0xf0000, RES },
	};
	static const struct range gone[] = {
		{ 0x0, 0x90000, RAM },
		{ 0x0, 0x0, 0 },
		{ 0xe0000, 0xf0000, RES },
	};
	struct e820map e;

	mapset(&e, in, N(in));
	assert_int_equal(e820_remove_range(&e, 0x90000, 0x70000, ACPI, 1), 0);
	assert_int_equal(e820_remove_range(&e, 0xf0000, 0x10000, RES, 1),
			 0x10000);
	expect_map(e.map, e.nr_map, keep, N(keep));
	assert_int_equal(e820_remove_range(&e, 0x90000, 0x10000, 0, 0),
			 0xfc00 + 0x400);
	expect_map(e.map, e.nr_map, gone, N(gone));
}

/* ---- e820_parse_text ---------------------------------------------------- */

static void
parse_ok(const char *text, struct e820map *e)
{
	char why[256] = "";
	int err = e820_parse_text(text, e, why, sizeof(why));

	if (err)
		fail_msg("e820_parse_text failed (%d): %s", err, why);
}

/* Asserts the parse fails and the reason mentions each of the words. */
static void
parse_fails(const char *text, const char *word1, const char *word2)
{
	struct e820map e;
	char why[256] = "";
	int err = e820_parse_text(text, &e, why, sizeof(why));

	if (err >= 0)
		fail_msg("e820_parse_text accepted bad input (%u entries)",
			 e.nr_map);
	if (why[0] == '\0')
		fail_msg("refused without a reason");
	if (word1 && !strstr(why, word1))
		fail_msg("reason '%s' does not mention '%s'", why, word1);
	if (word2 && !strstr(why, word2))
		fail_msg("reason '%s' does not mention '%s'", why, word2);
}

/* 2.6 form: end exclusive, with timestamps, syslog prefixes and the noise
 * of a real log around it. */
static void
test_parse_dmesg_26(void **state)
{
	static const char text[] =
		"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000] BIOS-provided physical RAM map:\n"
		"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000]  BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)\n"
		"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000]  BIOS-e820: 000000000009fc00 - 00000000000a0000 (reserved)\n"
		"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000]  BIOS-e820: 00000000000e8000 - 0000000000100000 (reserved)\n"
		"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000]  BIOS-e820: 0000000000100000 - 000000007ffb0000 (usable)\n"
		"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000]  BIOS-e820: 000000007ffb0000 - 000000007ffc0000 (ACPI data)\n"
		"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000]  BIOS-e820: 000000007ffc0000 - 000000007fff0000 (ACPI NVS)\n"
		"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000]  BIOS-e820: 000000007fff0000 - 0000000080000000 (reserved)\n"
		"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000]  BIOS-e820: 00000000ff7c0000 - 0000000100000000 (reserved)\n"
		"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000] DMI 2.3 present.\n"
		"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000] modified physical RAM map:\n"
		"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000]  modified: 0000000000000000 - 0000000000010000 (reserved)\n"
		"Jun 10 07:46:21 antonio-desktop kernel: [    0.000000]  modified: 0000000000010000 - 000000000009fc00 (usable)\n";
	static const struct range want[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x9fc00, 0xa0000, RES },
		{ 0xe8000, 0x100000, RES },
		{ 0x100000, 0x7ffb0000, RAM },
		{ 0x7ffb0000, 0x7ffc0000, ACPI },
		{ 0x7ffc0000, 0x7fff0000, NVS },
		{ 0x7fff0000, 0x80000000, RES },
		{ 0xff7c0000, 0x100000000ull, RES },
	};
	struct e820map e;

	parse_ok(text, &e);
	expect_map(e.map, e.nr_map, want, N(want));
}

/* 3.x form: "[mem a-b]" with an inclusive end, types without parentheses,
 * CRLF line ends and an unnamed type. */
static void
test_parse_dmesg_3x(void **state)
{
	static const char text[] =
		"[    0.000000] e820: BIOS-provided physical RAM map:\r\n"
		"[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\r\n"
		"[    0.000000] BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved\r\n"
		"[    0.000000] BIOS-e820: [mem 0x0000000000100000-0x00000000bffdffff] usable\r\n"
		"[    0.000000] BIOS-e820: [mem 0x00000000bffe0000-0x00000000bfffffff] ACPI data\r\n"
		"[    0.000000] BIOS-e820: [mem 0x00000000c0000000-0x00000000c0000fff] ACPI NVS\r\n"
		"[    0.000000] BIOS-e820: [mem 0x00000000c0001000-0x00000000c0001fff] unusable\r\n"
		"[    0.000000] BIOS-e820: [mem 0x0000000100000000-0x000000013fffffff] persistent (type 12)\r\n"
		"[    0.000000] e820: update [mem 0x00000000-0x00000fff] usable ==> reserved\r\n";
	static const struct range want[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x9fc00, 0xa0000, RES },
		{ 0x100000, 0xbffe0000, RAM },
		{ 0xbffe0000, 0xc0000000, ACPI },
		{ 0xc0000000, 0xc0001000, NVS },
		{ 0xc0001000, 0xc0002000, E820_UNUSABLE },
		{ 0x100000000ull, 0x140000000ull, 12 },
	};
	struct e820map e;

	parse_ok(text, &e);
	expect_map(e.map, e.nr_map, want, N(want));
}

/* vmdb's own form: START END|+SIZE TYPE, hex or sizes, names or numbers,
 * comments and blank lines. */
static void
test_parse_simple_form(void **state)
{
	static const char text[] =
		"# a hand-written map\n"
		"\n"
		"0x00000000    0x0009fc00    usable\n"
		"  0x9fc00 0xa0000 reserved   \n"
		"\t960K 1M (reserved)\n"
		"1M +255M usable\n"
		"0x10000000 +64K ACPI data\n"
		"0x10010000 0x10013000 ACPI NVS\n"
		"0x10013000 +4K type 12\n"
		"0x10014000 +4K 5\n"
		"0xfffc0000 4G reserved\n";
	static const struct range want[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x9fc00, 0xa0000, RES },
		{ 0xf0000, 0x100000, RES },
		{ 0x100000, 0x10000000, RAM },
		{ 0x10000000, 0x10010000, ACPI },
		{ 0x10010000, 0x10013000, NVS },
		{ 0x10013000, 0x10014000, 12 },
		{ 0x10014000, 0x10015000, E820_UNUSABLE },
		{ 0xfffc0000ull, 0x100000000ull, RES },
	};
	struct e820map e;

	parse_ok(text, &e);
	expect_map(e.map, e.nr_map, want, N(want));
}

static void
test_parse_rejects(void **state)
{
	char *big;
	size_t i, off = 0;

	/* malformed dmesg lines, with the line number */
	parse_fails("x\n BIOS-e820: zzzz - 0000000000001000 (usable)\n",
		    "line 2", NULL);
	parse_fails(" BIOS-e820: 0000000000000000 0000000000001000 (usable)\n",
		    "line 1", NULL);
	parse_fails("BIOS-e820: [mem 0x0000-0x0fff usable\n", "line 1", NULL);
	parse_fails(" BIOS-e820: 0000000000000000 - 0000000000001000 (bogus)\n",
		    "bogus", NULL);
	/* end below start, both forms and the simple one */
	parse_fails(" BIOS-e820: 0000000000002000 - 0000000000001000 (usable)\n",
		    "line 1", "below");
	parse_fails("BIOS-e820: [mem 0x0000000000002000-0x0000000000000fff] usable\n",
		    "line 1", "below");
	parse_fails("0x2000 0x1000 usable\n", "line 1", "below");
	/* the simple form: missing fields, bad numbers, bad types, wraps */
	parse_fails("0x0 0x1000\n", "line 1", "START");
	parse_fails("0x0 0x9fc00 usable\nfoo 0x1000 usable\n", "line 2", NULL);
	parse_fails("0x0 0x9fc00 usable\n0x100000 +1M sometimes\n", "line 2",
		    "sometimes");
	parse_fails("0xffffffffffff0000 +1M usable\n", "line 1", "wraps");
	/* nothing at all */
	parse_fails("", NULL, NULL);
	parse_fails("# only a comment\n\n", "no map entries", NULL);
	/* without BIOS-e820 lines a text is read in vmdb's form, where a
	 * line of anything else is an error */
	parse_fails("[    0.000000] Linux version 2.6.32\n", "line 1", NULL);

	/* 128 entries are fine; a 129th is more than the BIOS call returns */
	big = xmalloc(129 * 64);
	for (i = 0; i < 128; i++)
		off += (size_t)snprintf(big + off, 64,
					" BIOS-e820: %016llx - %016llx (usable)\n",
					(unsigned long long)i << 20,
					((unsigned long long)i << 20) + 0x1000);
	{
		struct e820map e;

		parse_ok(big, &e);
		assert_int_equal(e.nr_map, 128);
	}
	snprintf(big + off, 64, " BIOS-e820: %016llx - %016llx (usable)\n",
		 128ull << 20, (128ull << 20) + 0x1000);
	parse_fails(big, "line 129", "128");
	free(big);
}

/* e820_parse_type: every name the kernel prints, both spellings. */
static void
test_parse_type_names(void **state)
{
	static const struct {
		const char *s;
		u32 type;
	} ok[] = {
		{ "usable", RAM }, { "(usable)", RAM }, { "reserved", RES },
		{ "(reserved)", RES }, { "ACPI data", ACPI },
		{ "(ACPI data)", ACPI }, { "ACPI NVS", NVS },
		{ "(ACPI NVS)", NVS }, { "unusable", E820_UNUSABLE },
		{ "type 12", 12 }, { "persistent (type 12)", 12 },
		{ "128", E820_RESERVED_KERN },
	};
	u32 t;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		t = 0;
		if (e820_parse_type(ok[i].s, &t))
			fail_msg("e820_parse_type(\"%s\") failed", ok[i].s);
		assert_int_equal(t, ok[i].type);
	}
	assert_true(e820_parse_type("", &t) < 0);
	assert_true(e820_parse_type("type", &t) < 0);
	assert_true(e820_parse_type("0", &t) < 0);
	assert_true(e820_parse_type("RAMdisk", &t) < 0);
	assert_string_equal(e820_type_name(RAM), "usable");
	assert_string_equal(e820_type_name(E820_RESERVED_KERN), "usable");
	assert_string_equal(e820_type_name(NVS), "ACPI NVS");
	assert_null(e820_type_name(12));
}

/* The BIOS-e820 lines of the two real logs in the project's collection,
 * verbatim (the 3.10 one has a comment header that itself mentions
 * "BIOS-e820:"). */
static const char log_310_excerpt[] =
	"# kernel: 3.10.0-rc6-00397-gee17608 (i386-randconfig-r07-0621, UP: NR_CPUS=1, HIGHMEM-enabled, CMA reserves 28 MiB), i386 guest under KVM/QEMU (Bochs BIOS), 256MB RAM (0MB HIGHMEM). New-style \"BIOS-e820: [mem ...]\" / \"Zone ranges:\" format.\n"
	"[    0.000000] Linux version 3.10.0-rc6-00397-gee17608 (kbuild@roam) (gcc version 4.8.1 (Debian 4.8.1-3) ) #195 Sat Jun 22 03:43:37 CST 2013\n"
	"[    0.000000] e820: BIOS-provided physical RAM map:\n"
	"[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n"
	"[    0.000000] BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved\n"
	"[    0.000000] BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved\n"
	"[    0.000000] BIOS-e820: [mem 0x0000000000100000-0x000000000fffdfff] usable\n"
	"[    0.000000] BIOS-e820: [mem 0x000000000fffe000-0x000000000fffffff] reserved\n"
	"[    0.000000] BIOS-e820: [mem 0x00000000feffc000-0x00000000feffffff] reserved\n"
	"[    0.000000] BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved\n"
	"[    0.000000] debug: ignoring loglevel setting.\n"
	"[    0.000000] e820: update [mem 0x00000000-0x00000fff] usable ==> reserved\n"
	"[    0.000000] e820: remove [mem 0x000a0000-0x000fffff] usable\n"
	"[    0.000000] e820: last_pfn = 0xfffe max_arch_pfn = 0x100000\n";

static const struct range log_310_map[] = {
	{ 0x0, 0x9fc00, RAM },
	{ 0x9fc00, 0xa0000, RES },
	{ 0xf0000, 0x100000, RES },
	{ 0x100000, 0xfffe000, RAM },
	{ 0xfffe000, 0x10000000, RES },
	{ 0xfeffc000ull, 0xff000000ull, RES },
	{ 0xfffc0000ull, 0x100000000ull, RES },
};

static const char log_pae_excerpt[] =
	"# pae: yes (kernel flavour -generic-pae, \"NX (Execute Disable) protection: active\", max_arch_pfn = 0x1000000, pkmap 2048kB, highmem includes RAM above 4GB)\n"
	"[    0.000000] BIOS-provided physical RAM map:\n"
	"[    0.000000]  BIOS-e820: 0000000000000000 - 000000000009e000 (usable)\n"
	"[    0.000000]  BIOS-e820: 000000000009e000 - 00000000000a0000 (reserved)\n"
	"[    0.000000]  BIOS-e820: 00000000000e0000 - 0000000000100000 (reserved)\n"
	"[    0.000000]  BIOS-e820: 0000000000100000 - 00000000cffa0000 (usable)\n"
	"[    0.000000]  BIOS-e820: 00000000cffa0000 - 00000000cffae000 (ACPI data)\n"
	"[    0.000000]  BIOS-e820: 00000000cffae000 - 00000000cfff0000 (ACPI NVS)\n"
	"[    0.000000]  BIOS-e820: 00000000cfff0000 - 00000000d0000000 (reserved)\n"
	"[    0.000000]  BIOS-e820: 00000000fec00000 - 00000000fec01000 (reserved)\n"
	"[    0.000000]  BIOS-e820: 00000000fee00000 - 00000000fef00000 (reserved)\n"
	"[    0.000000]  BIOS-e820: 00000000ff700000 - 0000000100000000 (reserved)\n"
	"[    0.000000]  BIOS-e820: 0000000100000000 - 0000000130000000 (usable)\n"
	"[    0.000000] DMI present.\n"
	"[    0.000000] AMI BIOS detected: BIOS may corrupt low RAM, working around it.\n"
	"[    0.000000] e820 update range: 0000000000000000 - 0000000000010000 (usable) ==> (reserved)\n"
	"[    0.000000] modified physical RAM map:\n"
	"[    0.000000]  modified: 0000000000000000 - 0000000000010000 (reserved)\n"
	"[    0.000000]  modified: 0000000000010000 - 000000000009e000 (usable)\n";

static const struct range log_pae_map[] = {
	{ 0x0, 0x9e000, RAM },
	{ 0x9e000, 0xa0000, RES },
	{ 0xe0000, 0x100000, RES },
	{ 0x100000, 0xcffa0000, RAM },
	{ 0xcffa0000, 0xcffae000, ACPI },
	{ 0xcffae000, 0xcfff0000, NVS },
	{ 0xcfff0000, 0xd0000000, RES },
	{ 0xfec00000ull, 0xfec01000ull, RES },
	{ 0xfee00000ull, 0xfef00000ull, RES },
	{ 0xff700000ull, 0x100000000ull, RES },
	{ 0x100000000ull, 0x130000000ull, RAM },
};

static void
test_parse_real_log_excerpts(void **state)
{
	struct e820map e;

	parse_ok(log_310_excerpt, &e);
	expect_map(e.map, e.nr_map, log_310_map, N(log_310_map));
	parse_ok(log_pae_excerpt, &e);
	expect_map(e.map, e.nr_map, log_pae_map, N(log_pae_map));
}

/* Reads a whole file; NULL if it cannot. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb;
	char buf[4096];
	size_t n;

	if (f == NULL)
		return NULL;
	sb_init(&sb);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(&sb, buf, n);
	fclose(f);
	return sb.buf;
}

/* The whole log files, when the tree has them under tests/e820/ (any
 * depth below it up to two levels). */
static char *
find_log(const char *name)
{
	const char *srcdir = getenv("srcdir");
	static const char *const dirs[] = { "", "*/", "*/*/" };
	char pat[1024];
	size_t i;
	char *text = NULL;

	if (srcdir == NULL)
		srcdir = ".";
	for (i = 0; i < ARRAY_SIZE(dirs) && text == NULL; i++) {
		glob_t g;

		snprintf(pat, sizeof(pat), "%s/tests/e820/%s%s", srcdir,
			 dirs[i], name);
		if (glob(pat, 0, NULL, &g) == 0 && g.gl_pathc > 0)
			text = slurp(g.gl_pathv[0]);
		globfree(&g);
	}
	return text;
}

static void
test_parse_real_log_files(void **state)
{
	char *a = find_log("lkml-3.10-rc6-kvm-256mb-randconfig.log");
	char *b = find_log("ubuntu-2.6.32-pae-4gb-above4g.log");
	struct e820map e;

	if (a == NULL && b == NULL) {
		print_message("the real logs are not under $srcdir/tests/e820; the excerpts above stand in\n");
		skip();
	}
	if (a) {
		parse_ok(a, &e);
		expect_map(e.map, e.nr_map, log_310_map, N(log_310_map));
	}
	if (b) {
		parse_ok(b, &e);
		expect_map(e.map, e.nr_map, log_pae_map, N(log_pae_map));
	}
	free(a);
	free(b);
}

/* Printing: the kernel's format, exclusive ends, "type N" for unknowns. */
static void
test_format_map(void **state)
{
	static const struct range in[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x9fc00, 0xa0000, RES },
		{ 0x100000, 0x200000, E820_RESERVED_KERN },
		{ 0x200000, 0x300000, 12 },
	};
	struct e820map e;
	struct out o;

	mapset(&e, in, N(in));
	out_init_buf(&o);
	e820_format(&o, &e, "BIOS-e820");
	assert_string_equal(o.sb.buf,
		" BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)\n"
		" BIOS-e820: 000000000009fc00 - 00000000000a0000 (reserved)\n"
		" BIOS-e820: 0000000000100000 - 0000000000200000 (usable)\n"
		" BIOS-e820: 0000000000200000 - 0000000000300000 type 12\n");
	out_done(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_sanitize_reserved_inside_ram),
		UNIT_TEST(test_sanitize_ram_inside_reserved),
		UNIT_TEST(test_sanitize_larger_type_wins),
		UNIT_TEST(test_sanitize_adjacent_merge),
		UNIT_TEST(test_sanitize_same_type_overlap),
		UNIT_TEST(test_sanitize_zero_size_dropped),
		UNIT_TEST(test_sanitize_unsorted),
		UNIT_TEST(test_sanitize_identical_duplicates),
		UNIT_TEST(test_sanitize_sane_map_unchanged),
		UNIT_TEST(test_sanitize_refuses_single_entry),
		UNIT_TEST(test_sanitize_refuses_wrapping_entry),
		UNIT_TEST(test_sanitize_truncates_at_max),
		UNIT_TEST(test_sanitize_full_map),
		UNIT_TEST(test_update_range_covers_entry),
		UNIT_TEST(test_update_range_head),
		UNIT_TEST(test_update_range_tail),
		UNIT_TEST(test_update_range_inside_splits_in_three),
		UNIT_TEST(test_update_range_other_types_untouched),
		UNIT_TEST(test_remove_range_whole_entries),
		UNIT_TEST(test_remove_range_head_and_tail),
		UNIT_TEST(test_remove_range_inside_loses_tail),
		UNIT_TEST(test_remove_range_checktype),
		UNIT_TEST(test_parse_dmesg_26),
		UNIT_TEST(test_parse_dmesg_3x),
		UNIT_TEST(test_parse_simple_form),
		UNIT_TEST(test_parse_rejects),
		UNIT_TEST(test_parse_type_names),
		UNIT_TEST(test_parse_real_log_excerpts),
		UNIT_TEST(test_parse_real_log_files),
		UNIT_TEST(test_format_map),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
