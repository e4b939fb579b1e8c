/* tests/unit/test-highmem.c: permanent and atomic kmaps of 2.6.32
 * (mm/highmem.c, arch/x86/mm/highmem_32.c) on a small machine with 32 MiB
 * of HighMem: the first slot is 1, counts go up and down with the
 * PTEs left in RAM at count 1, the wrap frees count-1 slots with exactly
 * one flush of the pkmap range, a full pkmap area makes kmap "sleep"
 * until a kunmap wakes it, lowmem pages and HIGHMEM=n touch nothing,
 * kmap_atomic's slot arithmetic and refusals, and the checker catching a
 * PTE that disagrees with pkmap_count. */
#include "config.h"

#include <errno.h>

#include "vmdb/highmem.h"
#include "vmdb/pgtable.h"

#include "unit.h"

#define HIGH0	0x6000u	/* the first HighMem pfn with highmem=32M */

static struct machine *
highmem_machine(const char *config)
{
	return unit_boot_mem(MiB(128), "highmem=32M", config, NULL);
}

static u32
pkmap_pte(struct machine *m, u32 slot)
{
	return phys_read32(m, m->pkmap_page_table + slot * 4);
}

static long
kmap_ok(struct machine *m, u32 pfn)
{
	long va = kmap(m, pfn);

	if (va < 0)
		fail_msg("kmap(0x%x) = %ld: %s", pfn, va, m->why);
	return va;
}

static void
kunmap_ok(struct machine *m, u32 pfn)
{
	int err = kunmap(m, pfn);

	if (err)
		fail_msg("kunmap(0x%x) = %d: %s", pfn, err, m->why);
}

/* Counts the flush_tlb_kernel_range events and remembers the last. */
struct flushes {
	int n;
	long start, end;
};

static void
count_flushes(void *arg, struct machine *m, const struct trace_event *ev)
{
	struct flushes *f = arg;

	if (ev->id != TP_flush_tlb_kernel_range)
		return;
	f->n++;
	f->start = ev->args[0];
	f->end = ev->args[1];
}

static void
watch_flushes(struct machine *m, struct flushes *f)
{
	memset(f, 0, sizeof(*f));
	m->trace.hook = count_flushes;
	m->trace.hook_arg = f;
	m->trace.armed = 1;
}

static void
test_first_slot_and_counts(void **state)
{
	struct machine *m = highmem_machine(NULL);
	struct kmap_state *k = m->kmap;
	u32 pte = (HIGH0 << PAGE_SHIFT) | __PAGE_KERNEL;
	char buf[8];

	assert_int_equal(k->last_pkmap_nr, 0);
	assert_int_equal(page_address(m, HIGH0), 0);
	assert_int_equal(kmap_ok(m, HIGH0), PKMAP_ADDR(m, 1));
	assert_true(k->last.new_slot);
	assert_int_equal(k->pkmap_count[1], 2);
	assert_int_equal(pkmap_pte(m, 1), pte);
	assert_int_equal(page_address(m, HIGH0), PKMAP_ADDR(m, 1));
	unit_check(m);

	/* the same page again: one more user, no new slot */
	assert_int_equal(kmap_ok(m, HIGH0), PKMAP_ADDR(m, 1));
	assert_false(k->last.new_slot);
	assert_int_equal(k->pkmap_count[1], 3);
	assert_int_equal(kmap_ok(m, HIGH0 + 1), PKMAP_ADDR(m, 2));

	/* the page's bytes through the kmap address */
	memcpy(phys_to_host(m, PFN_PHYS(HIGH0) + 8), "highmem", 8);
	assert_int_equal(kernel_read(m, PKMAP_ADDR(m, 1) + 8, buf, 8), 0);
	assert_string_equal(buf, "highmem");

	/* count 1 keeps the PTE and the page's address */
	kunmap_ok(m, HIGH0);
	kunmap_ok(m, HIGH0);
	assert_int_equal(k->pkmap_count[1], 1);
	assert_int_equal(pkmap_pte(m, 1), pte);
	assert_int_equal(page_address(m, HIGH0), PKMAP_ADDR(m, 1));
	unit_check(m);

	/* no users left, or never kmapped: refused, nothing changes */
	assert_int_equal(kunmap(m, HIGH0), -EINVAL);
	assert_int_equal(k->pkmap_count[1], 1);
	assert_int_equal(kunmap(m, HIGH0 + 5), -EINVAL);
	/* a count-1 page kmapped again reuses its slot */
	assert_int_equal(kmap_ok(m, HIGH0), PKMAP_ADDR(m, 1));
	assert_int_equal(k->pkmap_count[1], 2);
	unit_free(m);
}

static void
test_lowmem_and_bad_pfns(void **state)
{
	struct machine *m = highmem_machine(NULL);
	struct kmap_state *k = m->kmap;
	u32 table[LAST_PKMAP];

	memcpy(table, phys_to_host(m, m->pkmap_page_table), sizeof(table));
	assert_int_equal(kmap_ok(m, 0x1000), 0xc1000000u);
	assert_int_equal(kunmap(m, 0x1000), 0);
	assert_int_equal(kmap_atomic(m, 0x1000, KM_USER0, 0), 0xc1000000u);
	assert_int_equal(kunmap_atomic(m, 0xc1000000u, KM_USER0, 0), 0);
	assert_int_equal(kmap(m, m->max_mapnr), -EINVAL);
	assert_int_equal(kmap(m, 0xa0), -EINVAL);	/* the ISA hole */
	assert_int_equal(kmap_atomic(m, 0xa0, KM_USER0, 0), -EINVAL);
	assert_int_equal(k->last_pkmap_nr, 0);
	assert_memory_equal(table, phys_to_host(m, m->pkmap_page_table),
			    sizeof(table));
	assert_int_equal(k->atomic_pfn[0][KM_USER0], PFN_NONE);
	unit_free(m);

	/* without HIGHMEM every page is lowmem and there is no pkmap */
	m = unit_boot_mem(MiB(512), NULL, "HIGHMEM=n", NULL);
	assert_int_equal(m->pkmap_page_table, 0);
	assert_false(PageHighMem(m, m->max_low_pfn - 1));
	assert_int_equal(kmap_ok(m, m->max_low_pfn - 1),
			 __va(m, (m->max_low_pfn - 1) << PAGE_SHIFT));
	assert_int_equal(m->kmap->last_pkmap_nr, 0);
	unit_free(m);
}

static void
test_wrap_flushes_once(void **state)
{
	struct machine *m = highmem_machine(NULL);
	struct kmap_state *k = m->kmap;
	struct flushes f;
	u32 i;

	for (i = 0; i < LAST_PKMAP - 1; i++)
		assert_int_equal(kmap_ok(m, HIGH0 + i), PKMAP_ADDR(m, i + 1));
	for (i = 0; i < 512; i++)
		kunmap_ok(m, HIGH0 + i);
	unit_check(m);
	watch_flushes(m, &f);
	/* slot 0 was never used: the wrap frees 512 slots and takes it */
	assert_int_equal(kmap_ok(m, HIGH0 + 2000), PKMAP_ADDR(m, 0));
	assert_true(k->last.wrapped);
	assert_int_equal(k->last.freed, 512);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.start, PKMAP_ADDR(m, 0));
	assert_int_equal(f.end, PKMAP_ADDR(m, LAST_PKMAP));
	for (i = 1; i <= 512; i++) {
		assert_int_equal(k->pkmap_count[i], 0);
		assert_int_equal(pkmap_pte(m, i), 0);
		assert_int_equal(page_address(m, HIGH0 + i - 1), 0);
	}
	/* then slot 1 again, no wrap, no flush */
	assert_int_equal(kmap_ok(m, HIGH0), PKMAP_ADDR(m, 1));
	assert_false(k->last.wrapped);
	assert_int_equal(f.n, 1);
	unit_check(m);
	unit_free(m);
}

static void
test_full_sleeps_until_kunmap(void **state)
{
	struct machine *m = highmem_machine(NULL);
	struct kmap_state *k = m->kmap;
	int counts[LAST_PKMAP];
	struct flushes f;
	u32 i;

	for (i = 0; i < LAST_PKMAP - 1; i++)
		kmap_ok(m, HIGH0 + i);
	/* the 1024th: a wrap that frees nothing, then slot 0 */
	watch_flushes(m, &f);
	assert_int_equal(kmap_ok(m, HIGH0 + LAST_PKMAP - 1), PKMAP_ADDR(m, 0));
	assert_true(k->last.wrapped);
	assert_int_equal(k->last.freed, 0);
	assert_int_equal(f.n, 0);

	memcpy(counts, k->pkmap_count, sizeof(counts));
	assert_int_equal(kmap(m, HIGH0 + 3000), -EAGAIN);
	assert_int_equal(kmap(m, HIGH0 + 3001), -EAGAIN);
	assert_int_equal(k->nr_sleepers, 2);
	assert_int_equal(k->sleepers[1], HIGH0 + 3001);
	assert_int_equal(k->last_pkmap_nr, LAST_PKMAP - 1);
	assert_memory_equal(counts, k->pkmap_count, sizeof(counts));
	assert_int_equal(page_address(m, HIGH0 + 3000), 0);
	assert_int_equal(f.n, 0);
	unit_check(m);

	/* a page already mapped needs no slot */
	kmap_ok(m, HIGH0 + 7);
	kunmap_ok(m, HIGH0 + 7);
	assert_int_equal(k->last.nr_woken, 0);
	/* the first count to reach 1 wakes both */
	kunmap_ok(m, HIGH0 + 7);
	assert_int_equal(k->last.nr_woken, 2);
	assert_int_equal(k->woken[0], HIGH0 + 3000);
	assert_int_equal(k->nr_sleepers, 0);
	unit_check(m);
	/* the retry wraps at once and gets slot 8 */
	assert_int_equal(kmap_ok(m, HIGH0 + 3000), PKMAP_ADDR(m, 8));
	assert_int_equal(k->last.freed, 1);
	assert_int_equal(f.n, 1);
	unit_free(m);
}

static void
test_no_pge_kmap_prot(void **state)
{
	struct machine *m = highmem_machine("PGE=n");

	kmap_ok(m, HIGH0);
	assert_int_equal(pkmap_pte(m, 1), (HIGH0 << PAGE_SHIFT) | 0x063);
	unit_free(m);
}

static void
test_atomic_slots(void **state)
{
	struct boot_config bc;
	struct machine *m;
	u32 va, pte_pa;
	long r;

	boot_config_default(&bc);
	unit_plain_map(&bc.bios, MiB(128));
	bc.bios_vendor[0] = '\0';
	bc.nr_cpus = 2;
	unit_cmdline(&bc, "highmem=32M");
	m = unit_boot(&bc);
	va = m->fixaddr_top - ((m->fix_kmap_begin + KM_USER0) << PAGE_SHIFT);
	assert_int_equal(kmap_atomic_vaddr(m, KM_USER0, 0), va);
	assert_int_equal(kmap_atomic(m, HIGH0, KM_USER0, 0), va);
	pte_pa = kernel_pte_pa(m, va);
	assert_int_equal(phys_read32(m, pte_pa),
			 (HIGH0 << PAGE_SHIFT) | __PAGE_KERNEL);
	assert_int_equal(page_address(m, HIGH0), 0);
	unit_check(m);

	/* busy slot, wrong type, wrong CPU: refused, unchanged */
	assert_int_equal(kmap_atomic(m, HIGH0 + 1, KM_USER0, 0), -EBUSY);
	assert_int_equal(kunmap_atomic(m, va, KM_USER1, 0), -EINVAL);
	assert_int_equal(kunmap_atomic(m, va, KM_USER0, 1), -EINVAL);
	assert_int_equal(kunmap_atomic(m, 0xff000000u, KM_USER0, 0), -EINVAL);
	assert_int_equal(kmap_atomic(m, HIGH0, KM_USER0, 2), -EINVAL);
	assert_int_equal(kmap_atomic(m, HIGH0, KM_TYPE_NR, 0), -EINVAL);
	assert_int_equal(phys_read32(m, pte_pa),
			 (HIGH0 << PAGE_SHIFT) | __PAGE_KERNEL);

	/* the same type on CPU 1 is 19 slots further, lower in memory */
	r = kmap_atomic(m, HIGH0 + 1, KM_USER0, 1);
	assert_int_equal(r, va - KM_TYPE_NR * PAGE_SIZE);
	assert_int_equal(kunmap_atomic(m, (u32)r + 0x123, KM_USER0, 1), 0);
	assert_int_equal(kunmap_atomic(m, va, KM_USER0, 0), 0);
	assert_int_equal(phys_read32(m, pte_pa), 0);
	assert_int_equal(kunmap_atomic(m, va, KM_USER0, 0), -EINVAL);
	unit_check(m);

	assert_int_equal(km_type_parse("km_user1"), KM_USER1);
	assert_int_equal(km_type_parse("18"), KM_NMI_PTE);
	assert_int_equal(km_type_parse("19"), -1);
	assert_string_equal(km_type_name(KM_PTE0), "KM_PTE0");
	unit_free(m);
}

/* The checker is not a rubber stamp: each disagreement is reported. */
static void
test_check_finds_disagreements(void **state)
{
	struct machine *m = highmem_machine(NULL);
	struct kmap_state *k = m->kmap;
	u32 pte, va = kmap_atomic_vaddr(m, KM_PTE0, 0), at;
	struct out o;

	kmap_ok(m, HIGH0);
	pte = pkmap_pte(m, 1);
	out_init_buf(&o);
	phys_write32(m, m->pkmap_page_table + 4, 0);
	assert_true(check_machine(m, &o) > 0);
	phys_write32(m, m->pkmap_page_table + 4, pte);
	phys_write32(m, m->pkmap_page_table + 8, pte);	/* count 0 */
	assert_true(check_machine(m, &o) > 0);
	phys_write32(m, m->pkmap_page_table + 8, 0);
	k->pkmap_count[1] = 0;
	assert_true(check_machine(m, &o) > 0);
	k->pkmap_count[1] = 2;
	at = kernel_pte_pa(m, va);
	phys_write32(m, at, pte);
	assert_true(check_machine(m, &o) > 0);
	phys_write32(m, at, 0);
	assert_true(strstr(o.sb.buf, "free pkmap slot 2") != NULL);
	assert_true(strstr(o.sb.buf, "KM_PTE0") != NULL);
	out_done(&o);
	unit_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_first_slot_and_counts),
		UNIT_TEST(test_lowmem_and_bad_pfns),
		UNIT_TEST(test_wrap_flushes_once),
		UNIT_TEST(test_full_sleeps_until_kunmap),
		UNIT_TEST(test_no_pge_kmap_prot),
		UNIT_TEST(test_atomic_slots),
		UNIT_TEST(test_check_finds_disagreements),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
