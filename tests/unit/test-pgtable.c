/* tests/unit/test-pgtable.c: the kernel page table that boot writes into
 * simulated RAM (swapper_pg_dir, head_32.S's tables, PSE lowmem, the
 * PGTABLE tail, bm_pte under the fixmap, the pkmap table), the software
 * walker, pte_alloc_kernel and its accounting in `check`, byte access
 * through kernel and physical addresses, and the ptdump format. */
#include "config.h"

#include <errno.h>

#include "unit.h"

#include "vmdb/pgtable.h"

static u32
pde(struct machine *m, u32 va)
{
	return phys_read32(m, m->swapper_pg_dir + pgd_index(va) * 4);
}

/* Every lowmem page translates to va - PAGE_OFFSET, through a 4 MiB page
 * where `large` says so. */
static void
assert_direct_map(struct machine *m, bool pse, bool global)
{
	u32 pfn, nlarge = 0, nsmall = 0;
	struct pt_walk w;

	for (pfn = 0; pfn < m->max_low_pfn; pfn++) {
		u32 va = m->page_offset + (pfn << PAGE_SHIFT) + 0x123;

		if (pt_walk(m, m->swapper_pg_dir, va, &w))
			fail_msg("0x%08x does not translate", va);
		assert_int_equal(w.phys, (pfn << PAGE_SHIFT) + 0x123);
		assert_true(w.flags & _PAGE_RW);
		assert_false(w.flags & _PAGE_USER);
		assert_int_equal(!!(w.flags & _PAGE_GLOBAL), global);
		if (w.large)
			nlarge++;
		else
			nsmall++;
	}
	if (!pse) {
		assert_int_equal(nlarge, 0);
		return;
	}
	/* The first 4 MiB and the unaligned tail in 4 KiB pages. */
	assert_int_equal(nsmall, 1024 + (m->max_low_pfn & 1023));
	assert_int_equal(m->directmap_4k, nsmall * 4);
	assert_int_equal(m->directmap_4m, nlarge * 4);
}

static void
test_boot_pse(void **state)
{
	struct machine *m = unit_boot_preset("pc-1g", NULL, NULL);
	u32 i, first = pde(m, m->page_offset), table;

	(void)state;
	/* The first 4 MiB: head_32.S's .brk table, right after .bss. */
	assert_int_equal(first & PTE_FLAGS_MASK, _PAGE_TABLE);
	assert_int_equal(first & PTE_PFN_MASK,
			 ALIGN(__pa(m, m->kimage.bss_end), PAGE_SIZE));
	table = first & PTE_PFN_MASK;
	for (i = 0; i < PTRS_PER_PTE; i++)
		assert_int_equal(phys_read32(m, table + i * 4),
				 (i << PAGE_SHIFT) | __PAGE_KERNEL);
	assert_int_equal(pde(m, m->page_offset + PMD_SIZE),
			 PMD_SIZE | __PAGE_KERNEL_LARGE);
	/* zap_low_mappings left no user PDE. */
	for (i = 0; i < pgd_index(m->page_offset); i++)
		assert_int_equal(phys_read32(m, m->swapper_pg_dir + i * 4), 0);
	/* The fixmap's table is bm_pte, the pkmap's a bootmem page. */
	assert_int_equal(pde(m, 0xfffff000u), m->bm_pte | _PAGE_TABLE);
	assert_int_not_equal(m->pkmap_page_table, 0);
	assert_int_equal(pde(m, m->pkmap_base),
			 m->pkmap_page_table | _PAGE_TABLE);
	assert_true(page_test(&m->mem_map[m->pkmap_page_table >> PAGE_SHIFT],
			      PG_reserved));
	/* One PGTABLE page: the tail's table. */
	assert_true(unit_log_contains(m, "PGTABLE ==> [0000010000 - 0000011000]"));
	assert_direct_map(m, true, true);
	unit_free(m);
}

static void
test_boot_4k_only(void **state)
{
	struct machine *m = unit_boot_preset("pc-1g", NULL, "PSE=n", NULL);
	u32 i, nlow = DIV_ROUND_UP(m->max_low_pfn, 1024);

	(void)state;
	assert_int_equal(m->directmap_4m, 0);
	assert_int_equal(m->directmap_4k, m->max_low_pfn * 4);
	assert_true(unit_log_has(m, " 0000000000 - 00377fe000 page 4k"));
	for (i = 0; i < nlow; i++)
		assert_int_equal(pde(m, m->page_offset + i * PMD_SIZE) &
				 (PTE_FLAGS_MASK), _PAGE_TABLE);
	/* head_32.S made 6 tables (0 - 24 MiB); the other 216 come from
	 * the PGTABLE area. */
	assert_true(unit_log_contains(m, "PGTABLE ==> [0000100000 - 00001d8000]"));
	assert_direct_map(m, false, true);
	unit_free(m);
}

static void
test_boot_no_pge(void **state)
{
	struct machine *m = unit_boot_preset("pc-64m", NULL, "PGE=n", NULL);
	struct pt_walk w;

	(void)state;
	assert_direct_map(m, true, false);
	assert_int_equal(pt_walk(m, m->swapper_pg_dir, 0xffffb000u, &w), 0);
	assert_int_equal(w.phys, 0xfee00000u);
	assert_int_equal(w.pte & PTE_FLAGS_MASK, __PAGE_KERNEL_NOCACHE &
			 ~_PAGE_GLOBAL);
	unit_free(m);
}

static void
test_vmsplit(void **state)
{
	struct machine *m = unit_boot_preset("pc-3g", NULL, "VMSPLIT=2G",
					      NULL);

	(void)state;
	assert_int_equal(m->page_offset, 0x80000000u);
	assert_int_equal(pde(m, 0x80000000u) & PTE_FLAGS_MASK, _PAGE_TABLE);
	assert_int_equal(phys_read32(m, m->swapper_pg_dir + 511 * 4), 0);
	assert_direct_map(m, true, true);
	unit_free(m);
}

static void
test_walk_not_present(void **state)
{
	struct machine *m = unit_boot_preset("pc-1g", NULL, NULL);
	struct pt_walk w;

	(void)state;
	/* vmalloc space: no PDE at all. */
	assert_int_equal(pt_walk(m, m->swapper_pg_dir, m->vmalloc_start, &w),
			 -EFAULT);
	assert_false(w.present);
	assert_int_equal(w.pte_pa, 0);
	assert_int_equal(w.pde_pa,
			 m->swapper_pg_dir + pgd_index(m->vmalloc_start) * 4);
	/* pkmap: the table exists, the PTE is empty. */
	assert_int_equal(pt_walk(m, m->swapper_pg_dir, m->pkmap_base, &w),
			 -EFAULT);
	assert_int_equal(w.pte_pa, m->pkmap_page_table);
	assert_int_equal(w.pte, 0);
	/* Past lowmem inside the tail's table. */
	assert_int_equal(pt_walk(m, m->swapper_pg_dir, m->high_memory, &w),
			 -EFAULT);
	assert_int_not_equal(w.pte_pa, 0);
	unit_free(m);
}

static void
test_pte_alloc_kernel(void **state)
{
	struct machine *m = unit_boot_preset("pc-1g", NULL, NULL);
	u32 pte, pte2, pfn;
	struct out o;

	(void)state;
	assert_int_equal(pte_alloc_kernel(m, m->vmalloc_start, &pte), 0);
	assert_int_equal(m->nr_kernel_ptes, 1);
	pfn = pde(m, m->vmalloc_start) >> PAGE_SHIFT;
	assert_int_equal(m->mem_map[pfn]._count, 1);
	assert_int_equal(pte, (pfn << PAGE_SHIFT) +
			 pte_index(m->vmalloc_start) * 4);
	assert_true(pfn < m->max_low_pfn);
	/* The same table serves the whole 4 MiB. */
	assert_int_equal(pte_alloc_kernel(m, m->vmalloc_start + PAGE_SIZE,
					  &pte2), 0);
	assert_int_equal(pte2, pte + 4);
	assert_int_equal(m->nr_kernel_ptes, 1);
	/* A PSE mapping has no PTE to give. */
	assert_int_equal(pte_alloc_kernel(m, m->page_offset + PMD_SIZE, &pte2),
			 -EINVAL);
	assert_int_equal(kernel_pte_pa(m, m->page_offset + PMD_SIZE), 0);
	unit_check(m);

	/* The checker notices a table nobody counted. */
	m->nr_kernel_ptes = 0;
	out_init_buf(&o);
	assert_true(check_machine(m, &o) > 0);
	assert_non_null(strstr(o.sb.buf, "1 kernel page tables allocated at run time, 0 counted"));
	out_done(&o);
	m->nr_kernel_ptes = 1;
	unit_free(m);
}

static void
test_kernel_access(void **state)
{
	struct machine *m = unit_boot_preset("pc-1g", NULL, NULL);
	/* Across a 4 KiB boundary and the 4 KiB -> 4 MiB boundary. */
	u32 va = m->page_offset + PMD_SIZE - 6;
	u8 in[12] = "hello world", out[12], keep[12];

	(void)state;
	assert_int_equal(kernel_write(m, va, in, sizeof(in)), 0);
	memset(out, 0, sizeof(out));
	assert_int_equal(kernel_read(m, va, out, sizeof(out)), 0);
	assert_memory_equal(in, out, sizeof(in));
	assert_int_equal(phys_read(m, __pa(m, va), out, sizeof(out)), 0);
	assert_memory_equal(in, out, sizeof(in));

	/* A range that runs into unmapped space: nothing is copied. */
	va = m->high_memory - 4;
	assert_int_equal(kernel_write(m, va, "abcd", 4), 0);
	memcpy(keep, "untouched!!", sizeof(keep));
	memcpy(out, keep, sizeof(out));
	assert_int_equal(kernel_read(m, va, out, 8), -EFAULT);
	assert_memory_equal(out, keep, sizeof(out));
	assert_int_equal(kernel_write(m, va, "12345678", 8), -EFAULT);
	assert_int_equal(kernel_read(m, va, out, 4), 0);
	assert_memory_equal(out, "abcd", 4);
	assert_int_equal(kernel_read(m, 0xfffffffeu, out, 4), -EFAULT);
	assert_int_equal(phys_read(m, m->ram_bytes - 2, out, 4), -EFAULT);
	assert_int_equal(phys_write(m, m->ram_bytes, out, 1), -EFAULT);
	unit_free(m);
}

static void
test_ptdump_format(void **state)
{
	struct machine *m = unit_boot_preset("pc-1g", NULL, NULL);
	const char *expect[] = {
		"---[ User Space ]---\n"
		"0x00000000-0xc0000000           3G                           pgd\n"
		"---[ Kernel Mapping ]---\n"
		"0xc0000000-0xc0400000           4M     RW             GLB x  pte\n"
		"0xc0400000-0xf7400000         880M     RW         PSE GLB x  pgd\n",
		"---[ vmalloc() Area ]---\n",
		"---[ Persisent kmap() Area ]---\n",
		"---[ Fixmap Area ]---\n",
		"0xffffa000-0xffffc000           8K     RW PWT PCD     GLB x  pte\n"
		"0xffffc000-0x00000000          16K                           pte\n",
	};
	struct out o;
	size_t i;

	(void)state;
	out_init_buf(&o);
	ptdump(m, m->swapper_pg_dir, &o);
	for (i = 0; i < ARRAY_SIZE(expect); i++)
		if (!strstr(o.sb.buf, expect[i]))
			fail_msg("ptdump lacks:\n%s\nin:\n%s", expect[i],
				 o.sb.buf);
	out_done(&o);
	unit_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_boot_pse),
		UNIT_TEST(test_boot_4k_only),
		UNIT_TEST(test_boot_no_pge),
		UNIT_TEST(test_vmsplit),
		UNIT_TEST(test_walk_not_present),
		UNIT_TEST(test_pte_alloc_kernel),
		UNIT_TEST(test_kernel_access),
		UNIT_TEST(test_ptdump_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
