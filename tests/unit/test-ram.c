/* tests/unit/test-ram.c: simulated RAM's lazily cleared lines (src/mm/ram.c):
 * a cleared frame reads as zeroes through every accessor whatever its
 * host bytes hold; a write puts in place exactly the lines it touches; a
 * copy copies the lines in place and takes over the marks; the owner's
 * raw pointer (phys_to_host) gets the whole frame in place; the digest
 * cannot tell a marked frame from one zeroed in place. */
#include "config.h"

#include "unit.h"

#include "vmdb/digest.h"
#include "vmdb/pgtable.h"

/* A frame of the machine whose host bytes are all 0xa5 (stale). */
static u32
dirty_frame(struct machine *m)
{
	long pfn = alloc_pages(m, GFP_HIGHUSER_MOVABLE, 0);

	assert_true(pfn > 0);
	memset(phys_to_host(m, PFN_PHYS(pfn)), 0xa5, PAGE_SIZE);
	return (u32)pfn;
}

static void
assert_zeroes(const u8 *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		assert_int_equal(b[i], 0);
}

/* A cleared frame reads as zeroes through ram_read, the word accessors,
 * phys_read and the kernel's view; nothing is stored. */
static void
test_clear_reads_zero(void **state)
{
	struct machine *m = unit_boot_mem(MiB(64), NULL, NULL);
	u32 pfn = dirty_frame(m);
	u8 buf[PAGE_SIZE];

	ram_clear_frame(m, pfn);
	assert_true(m->ram_zero[pfn] == RAM_LINES_ALL);
	assert_int_equal(m->ram[PFN_PHYS(pfn) + 100], 0xa5);	/* stale */
	memset(buf, 1, sizeof(buf));
	ram_read(m, PFN_PHYS(pfn), buf, PAGE_SIZE);
	assert_zeroes(buf, PAGE_SIZE);
	assert_int_equal(ram_read32(m, PFN_PHYS(pfn) + 4092), 0);
	assert_int_equal(phys_read32(m, (u32)PFN_PHYS(pfn)), 0);
	memset(buf, 1, sizeof(buf));
	assert_int_equal(phys_read(m, PFN_PHYS(pfn) + 10, buf, 100), 0);
	assert_zeroes(buf, 100);
	/* reads store nothing */
	assert_true(m->ram_zero[pfn] == RAM_LINES_ALL);
	unit_free(m);
}

/* A write across a line boundary puts those two lines in place (zeroes
 * around the new bytes); the rest stay marks. */
static void
test_write_touches_its_lines(void **state)
{
	struct machine *m = unit_boot_mem(MiB(64), NULL, NULL);
	u32 pfn = dirty_frame(m);
	u64 pa = PFN_PHYS(pfn);
	u8 buf[PAGE_SIZE];

	ram_clear_frame(m, pfn);
	ram_write(m, pa + 126, "vmdb", 4);	/* lines 1 and 2 */
	assert_true(m->ram_zero[pfn] == (RAM_LINES_ALL & ~0x6ull));
	ram_read(m, pa, buf, PAGE_SIZE);
	assert_memory_equal(buf + 126, "vmdb", 4);
	assert_zeroes(buf, 126);
	assert_zeroes(buf + 130, PAGE_SIZE - 130);
	assert_zeroes(m->ram + pa + 64, 62);	/* in place now */

	ram_write32(m, pa + 4092, 0x12345678u);	/* line 63 */
	assert_true(m->ram_zero[pfn] == (RAM_LINES_ALL & ~0x6ull &
					 ~(1ull << 63)));
	assert_int_equal(ram_read32(m, pa + 4092), 0x12345678u);
	assert_int_equal(ram_read32(m, pa + 4032), 0);
	unit_free(m);
}

/* Runs of marks at both ends and alternating ones are all put in place by
 * the owner's pointer. */
static void
test_phys_to_host_materialises(void **state)
{
	static const u64 masks[] = {
		1ull, 1ull << 63, 0x5555555555555555ull, 0xf00000000000000full,
		RAM_LINES_ALL,
	};
	struct machine *m = unit_boot_mem(MiB(64), NULL, NULL);
	u32 pfn = dirty_frame(m);
	size_t i, l;
	u8 *p;

	for (i = 0; i < ARRAY_SIZE(masks); i++) {
		memset(m->ram + PFN_PHYS(pfn), 0xa5, PAGE_SIZE);
		m->ram_zero[pfn] = masks[i];
		p = phys_to_host(m, PFN_PHYS(pfn) + 8);
		assert_true(m->ram_zero[pfn] == 0);
		for (l = 0; l < PAGE_SIZE / RAM_LINE; l++)
			assert_int_equal(p[l * RAM_LINE + 3 - 8],
					 (masks[i] >> l) & 1 ? 0 : 0xa5);
	}
	unit_free(m);
}

/* A copy has the source's contents, line marks included, with the hot line
 * anywhere; reads across two frames with different marks. */
static void
test_copy_frame(void **state)
{
	struct machine *m = unit_boot_mem(MiB(64), NULL, NULL);
	u32 src = dirty_frame(m), dst = dirty_frame(m), hot;
	u8 want[2 * PAGE_SIZE], got[2 * PAGE_SIZE];
	u64 i;

	for (i = 0; i < PAGE_SIZE; i++)
		m->ram[PFN_PHYS(src) + i] = (u8)(i * 7 + 1);
	for (hot = 0; hot < PAGE_SIZE; hot += 1000) {
		m->ram_zero[src] = 0x00ff00000000f0f1ull;
		ram_read(m, PFN_PHYS(src), want, PAGE_SIZE);
		memset(m->ram + PFN_PHYS(dst), 0x5a, PAGE_SIZE);
		ram_copy_frame(m, dst, src, hot);
		assert_true(m->ram_zero[dst] == m->ram_zero[src]);
		ram_read(m, PFN_PHYS(dst), got, PAGE_SIZE);
		assert_memory_equal(got, want, PAGE_SIZE);
	}
	m->ram_zero[src] = 0;				/* all in place */
	ram_copy_frame(m, dst, src, 4095);
	assert_memory_equal(m->ram + PFN_PHYS(dst), m->ram + PFN_PHYS(src),
			    PAGE_SIZE);
	m->ram_zero[src] = RAM_LINES_ALL;		/* nothing to copy */
	ram_copy_frame(m, dst, src, 0);
	assert_true(m->ram_zero[dst] == RAM_LINES_ALL);
	if (dst == src + 1) {	/* adjacent: one read spans both frames */
		m->ram_zero[src] = 0x3ull;
		ram_read(m, PFN_PHYS(src) + PAGE_SIZE - 200, got, 400);
		assert_int_equal(got[0], (u8)((PAGE_SIZE - 200) * 7 + 1));
		assert_zeroes(got + 200, 200);
	}
	unit_free(m);
}

/* Two machines through the same steps, one clearing frames lazily and one
 * in place, have the same digest, also after a partial write. */
static void
test_digest_sees_contents(void **state)
{
	struct machine *a = unit_boot_mem(MiB(64), NULL, NULL);
	struct machine *b = unit_boot_mem(MiB(64), NULL, NULL);
	u32 pa = dirty_frame(a), pb = dirty_frame(b);

	assert_int_equal(pa, pb);
	ram_clear_frame(a, pa);
	memset(phys_to_host(b, PFN_PHYS(pb)), 0, PAGE_SIZE);
	assert_true(machine_digest(a, NULL) == machine_digest(b, NULL));
	ram_write(a, PFN_PHYS(pa) + 300, "x", 1);
	ram_write(b, PFN_PHYS(pb) + 300, "x", 1);
	assert_true(a->ram_zero[pa] != 0);
	assert_true(machine_digest(a, NULL) == machine_digest(b, NULL));
	unit_free(a);
	unit_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_clear_reads_zero),
		UNIT_TEST(test_write_touches_its_lines),
		UNIT_TEST(test_phys_to_host_materialises),
		UNIT_TEST(test_copy_frame),
		UNIT_TEST(test_digest_sees_contents),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
