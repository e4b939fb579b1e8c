/* tests/unit/test-mmu.c: the simulated i386 MMU and Linux's TLB layer:
 * registers after boot and the TLB geometry from the boot config, the
 * walk's Accessed/Dirty bits in RAM, the permission matrix (user and
 * supervisor, read and write, R/W and U/S in PDE and PTE, CR0.WP) with
 * its error codes, LRU replacement and set indexing, global entries and
 * CR3 loads, the PGE toggle, invlpg, 4 MiB entries for the PSE direct
 * map, a stale entry used after a raw PTE change (and the checker's view
 * of it), and SMP shootdowns: IPIs to the CPUs of cpu_vm_mask, a lazy CPU
 * doing leave_mm, switch_mm back from lazy mode.
 *
 * The address spaces here are built by hand (the way pgd_alloc does: a
 * zeroed page with the kernel's PDEs 768..1023 copied, one user page
 * table), with host-side mm_struct and task_struct. */
#include "config.h"

#include <errno.h>

#include "unit.h"

#include "vmdb/pgtable.h"
#include "vmdb/sched.h"

#define UBASE	0x08048000u	/* the user page table covers 4 MiB here */

struct space {
	struct mm_struct mm;
	struct task_struct task;	/* a process running in mm */
	struct task_struct kthread;	/* a kernel thread borrowing it */
	u32 table;			/* the user page table */
	u32 frames[8];			/* data pages */
};

static u32
zeroed_page(struct machine *m)
{
	long pfn = alloc_pages(m, GFP_KERNEL, 0);

	assert_true(pfn > 0);
	memset(phys_to_host(m, PFN_PHYS(pfn)), 0, PAGE_SIZE);
	return (u32)pfn << PAGE_SHIFT;
}

/* pgd_alloc by hand, a user page table under UBASE, eight data pages. */
static void
space_init(struct machine *m, struct space *s)
{
	u32 i, k = pgd_index(m->page_offset);

	memset(s, 0, sizeof(*s));
	s->mm.pgd = zeroed_page(m);
	s->mm.kaddr = 0xf5001000u;
	memcpy(phys_to_host(m, s->mm.pgd + k * 4),
	       phys_to_host(m, m->swapper_pg_dir + k * 4), (1024 - k) * 4);
	s->table = zeroed_page(m);
	phys_write32(m, s->mm.pgd + pgd_index(UBASE) * 4,
		     s->table | _PAGE_PRESENT | _PAGE_RW | _PAGE_USER);
	for (i = 0; i < 8; i++)
		s->frames[i] = zeroed_page(m);
	s->task.pid = 100;
	s->task.mm = s->task.active_mm = &s->mm;
	s->kthread.pid = 2;
	s->kthread.active_mm = &s->mm;
}

static u32
pte_pa(struct space *s, u32 va)
{
	return s->table + pte_index(va) * 4;
}

static void
set_pte_raw(struct machine *m, struct space *s, u32 va, u32 val)
{
	phys_write32(m, pte_pa(s, va), val);
}

/* Puts s's process on cpu (context_switch from the idle task). */
static void
run_task(struct machine *m, struct space *s, int cpu)
{
	switch_mm(m, m->cpus[cpu].active_mm, &s->mm, cpu);
	m->cpus[cpu].current = &s->task;
}

/* Back to init_mm on every CPU, so the checker sees no dangling mm. */
static void
space_done(struct machine *m)
{
	int cpu;

	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		m->cpus[cpu].current = NULL;
		switch_mm(m, m->cpus[cpu].active_mm, NULL, cpu);
		enter_lazy_tlb(m, NULL, cpu);
	}
}

static int
access(struct machine *m, int cpu, u32 va, u32 acc, struct mmu_access *a)
{
	return mmu_access(m, cpu, va, acc, a);
}

static void
access_ok(struct machine *m, int cpu, u32 va, u32 acc, struct mmu_access *a)
{
	int err = mmu_access(m, cpu, va, acc, a);

	if (err)
		fail_msg("access 0x%08x acc %u: %d (error 0x%x)", va, acc, err,
			 a->error_code);
}

static bool
cached(struct machine *m, int cpu, u32 va)
{
	bool large;

	return tlb_probe(m, cpu, va, &large) != NULL;
}

/* check_tlb's count, its report printed when there is one. */
static int
tlb_errors(struct machine *m)
{
	struct out o;
	int n;

	out_init_buf(&o);
	n = check_tlb(m, &o);
	if (n)
		fprintf(stderr, "%s", o.sb.buf);
	out_done(&o);
	return n;
}

static struct machine *
boot_cpus(int cpus, const char *config)
{
	struct boot_config bc;
	char why[256];

	boot_config_default(&bc);
	bc.nr_cpus = cpus;
	if (config && boot_config_set(&bc, config, why, sizeof(why)))
		fail_msg("%s: %s", config, why);
	return unit_boot(&bc);
}

/* ---- boot ----------------------------------------------------------------- */

static void
test_boot_registers(void **state)
{
	struct machine *m = boot_cpus(2, NULL), *n;
	int cpu;

	for (cpu = 0; cpu < 2; cpu++) {
		struct cpu *c = &m->cpus[cpu];

		assert_int_equal(c->cr0, 0x8005003b);
		assert_int_equal(c->cr3, m->swapper_pg_dir);
		assert_int_equal(c->cr4, X86_CR4_PSE | X86_CR4_PGE);
		assert_int_equal(c->tlbstate, TLBSTATE_LAZY);
		assert_null(c->active_mm);
		assert_int_equal(c->tlb.sets, 16);
		assert_int_equal(c->tlb.ways, 4);
		assert_int_equal(c->tlb.nr_large, 8);
		assert_int_equal(tlb_nr_valid(m, cpu), 0);
	}
	assert_true(tlb_smp(m));
	n = unit_boot_mem(MiB(128), NULL, "PGE=n", "PSE=n", "NR_CPUS=1", NULL);
	assert_int_equal(n->cpus[0].cr4, 0);
	assert_false(tlb_smp(n));
	unit_free(n);
	unit_free(m);
	(void)state;
}

static void
test_geometry_config(void **state)
{
	struct machine *m = unit_boot_mem(MiB(128), NULL, "TLB_ENTRIES=32",
					  "TLB_WAYS=8", "TLB_LARGE=2", NULL);
	struct boot_config bc;
	char why[256];

	assert_int_equal(m->cpus[0].tlb.sets, 4);
	assert_int_equal(m->cpus[0].tlb.ways, 8);
	assert_int_equal(m->cpus[0].tlb.nr_large, 2);
	unit_free(m);

	boot_config_default(&bc);
	assert_int_equal(boot_config_set(&bc, "TLB_WAYS=0", why, sizeof(why)),
			 -EINVAL);
	assert_int_equal(boot_config_set(&bc, "TLB_LARGE=65", why, sizeof(why)),
			 -EINVAL);
	assert_int_equal(boot_config_set(&bc, "TLB_ENTRIES=30", why, sizeof(why)), 0);
	unit_boot_fails(&bc, "not a multiple of TLB_WAYS=4");
	assert_int_equal(boot_config_set(&bc, "TLB_ENTRIES=48", why, sizeof(why)), 0);
	unit_boot_fails(&bc, "12 sets, not a power of two");
	assert_int_equal(boot_config_set(&bc, "TLB_WAYS=48", why, sizeof(why)), 0);
	assert_int_equal(tlb_geometry_check(48, 48, 8, why, sizeof(why)), 0);
	(void)state;
}

/* ---- the walk ------------------------------------------------------------- */

static void
test_accessed_dirty_in_ram(void **state)
{
	struct machine *m = unit_boot_mem(MiB(128), NULL, NULL);
	struct space s;
	struct mmu_access a;
	u32 va = UBASE + 0x3000, pde_pa;

	space_init(m, &s);
	run_task(m, &s, 0);
	pde_pa = s.mm.pgd + pgd_index(va) * 4;
	set_pte_raw(m, &s, va, s.frames[0] | _PAGE_PRESENT | _PAGE_RW | _PAGE_USER);

	access_ok(m, 0, va + 0x10, ACC_USER, &a);
	assert_false(a.tlb_hit);
	assert_true(a.walked && a.set_accessed && !a.set_dirty);
	assert_int_equal(a.phys, s.frames[0] + 0x10);
	assert_true(phys_read32(m, pde_pa) & _PAGE_ACCESSED);
	assert_int_equal(phys_read32(m, pte_pa(&s, va)),
			 s.frames[0] | 0x027);

	/* a read hit changes nothing; the first write walks again for D */
	access_ok(m, 0, va, ACC_USER, &a);
	assert_true(a.tlb_hit && !a.walked);
	access_ok(m, 0, va, ACC_USER | ACC_WRITE, &a);
	assert_true(a.tlb_hit && a.rewalk_dirty && a.walked && a.set_dirty);
	assert_int_equal(phys_read32(m, pte_pa(&s, va)), s.frames[0] | 0x067);
	access_ok(m, 0, va, ACC_USER | ACC_WRITE, &a);
	assert_true(a.tlb_hit && !a.walked && !a.rewalk_dirty);
	assert_int_equal(m->cpus[0].tlb.hits, 3);
	assert_int_equal(m->cpus[0].tlb.misses, 1);

	/* a faulting access writes nothing */
	set_pte_raw(m, &s, va + PAGE_SIZE, s.frames[1] | _PAGE_PRESENT | _PAGE_USER);
	assert_int_equal(access(m, 0, va + PAGE_SIZE, ACC_USER | ACC_WRITE, &a),
			 -EFAULT);
	assert_int_equal(phys_read32(m, pte_pa(&s, va + PAGE_SIZE)),
			 s.frames[1] | _PAGE_PRESENT | _PAGE_USER);
	space_done(m);
	unit_free(m);
	(void)state;
}

/* The rule, written independently of the MMU's code. */
static bool
allowed(bool user, bool write, bool rw, bool us, bool wp)
{
	if (user)
		return us && (!write || rw);
	return !write || rw || !wp;
}

static void
test_permission_matrix(void **state)
{
	struct machine *m = unit_boot_mem(MiB(128), NULL, NULL);
	u32 va = UBASE + 0x5000, pde_pa;
	struct mmu_access a;
	struct space s;
	int i, warm;

	space_init(m, &s);
	run_task(m, &s, 0);
	pde_pa = s.mm.pgd + pgd_index(va) * 4;
	for (i = 0; i < 64; i++) {
		bool user = i & 1, write = i & 2, pte_rw = i & 4, pte_us = i & 8;
		bool pde_rw = i & 16, wp = i & 32;
		bool pde_us = true, ok = allowed(user, write, pte_rw && pde_rw,
						 pte_us && pde_us, wp);
		u32 acc = (user ? ACC_USER : 0) | (write ? ACC_WRITE : 0);

		m->cpus[0].cr0 = wp ? 0x8005003b : 0x8005003b & ~X86_CR0_WP;
		phys_write32(m, pde_pa, s.table | _PAGE_PRESENT |
			     (pde_rw ? _PAGE_RW : 0) | _PAGE_USER);
		for (warm = 0; warm < 2; warm++) {
			int err;

			set_pte_raw(m, &s, va, s.frames[2] | _PAGE_PRESENT |
				    (pte_rw ? _PAGE_RW : 0) |
				    (pte_us ? _PAGE_USER : 0));
			__flush_tlb(m, 0);
			if (warm)	/* a supervisor read caches the entry */
				access_ok(m, 0, va, ACC_READ, &a);
			err = access(m, 0, va, acc, &a);
			if (ok != (err == 0))
				fail_msg("case %d (%s %s, pte rw %d us %d, pde rw %d, wp %d, %s): %s",
					 i, user ? "user" : "kernel",
					 write ? "write" : "read", pte_rw, pte_us,
					 pde_rw, wp, warm ? "cached" : "walked",
					 err ? "faulted" : "allowed");
			if (!ok) {
				assert_int_equal(a.error_code, PF_PROT | acc);
				assert_int_equal(m->cpus[0].cr2, va);
				assert_false(cached(m, 0, va));
			}
		}
	}
	m->cpus[0].cr0 = 0x8005003b;
	/* U/S in the PDE counts too */
	phys_write32(m, pde_pa, s.table | _PAGE_PRESENT | _PAGE_RW);
	set_pte_raw(m, &s, va, s.frames[2] | 0x067);
	__flush_tlb(m, 0);
	assert_int_equal(access(m, 0, va, ACC_USER, &a), -EFAULT);
	assert_int_equal(a.error_code, PF_PROT | PF_USER);
	access_ok(m, 0, va, ACC_WRITE, &a);
	phys_write32(m, pde_pa, s.table | _PAGE_TABLE);
	space_done(m);
	unit_free(m);
	(void)state;
}

static void
test_error_codes(void **state)
{
	struct machine *m = unit_boot_mem(MiB(128), NULL, NULL);
	struct mmu_access a;
	struct strbuf sb;
	struct space s;

	space_init(m, &s);
	run_task(m, &s, 0);
	assert_int_equal(access(m, 0, UBASE + 0x7000, ACC_USER, &a), -EFAULT);
	assert_true(a.fault);
	assert_int_equal(a.error_code, PF_USER);
	assert_int_equal(m->cpus[0].cr2, UBASE + 0x7000);
	assert_int_equal(access(m, 0, UBASE + 0x7000, ACC_WRITE, &a), -EFAULT);
	assert_int_equal(a.error_code, PF_WRITE);
	/* no page table at all: the PDE ends the walk */
	assert_int_equal(access(m, 0, 0x40000000u, 0, &a), -EFAULT);
	assert_int_equal(a.error_code, 0);
	assert_int_equal(a.pte_pa, 0);
	set_pte_raw(m, &s, UBASE, s.frames[0] | PAGE_READONLY);
	assert_int_equal(access(m, 0, UBASE, ACC_USER | ACC_WRITE, &a), -EFAULT);
	assert_int_equal(a.error_code, PF_PROT | PF_WRITE | PF_USER);

	sb_init(&sb);
	pf_error_format(&sb, 4);
	assert_string_equal(sb.buf, "not-present read from user mode (error 0x4: PF_USER)");
	sb_reset(&sb);
	pf_error_format(&sb, 3);
	assert_string_equal(sb.buf, "protection-violating write from kernel mode (error 0x3: PF_PROT|PF_WRITE)");
	sb_reset(&sb);
	mmu_access_format(m, &a, &sb);
	assert_non_null(strstr(sb.buf, "cpu0 write 0x08048000 from user mode: TLB miss, page walk\n"));
	assert_non_null(strstr(sb.buf, "  page fault: protection-violating write from user mode (error 0x7: PF_PROT|PF_WRITE|PF_USER), CR2 = 0x08048000\n"));
	sb_reset(&sb);
	access_ok(m, 0, UBASE + 4, ACC_USER, &a);
	mmu_access_format(m, &a, &sb);
	assert_non_null(strstr(sb.buf, "  the walk set Accessed in RAM\n"));
	assert_non_null(strstr(sb.buf, "  -> physical "));
	sb_reset(&sb);
	pte_decode_format(&sb, (3u << 1) | (0x1234u << 9));
	assert_string_equal(sb.buf, "not present: swap entry, type 3, offset 0x1234");
	sb_reset(&sb);
	/* pgoff 0x65: bits 0-4 = 5 in PTE bits 1-5, bit 5 = 1 in bit 7,
	 * bit 6 = 1 in bit 9 */
	pte_decode_format(&sb, (5u << 1) | (1u << 7) | (1u << 9) | _PAGE_FILE);
	assert_string_equal(sb.buf, "not present: nonlinear file pte, pgoff 0x65");
	sb_free(&sb);
	space_done(m);
	unit_free(m);
	(void)state;
}

/* ---- the TLB ---------------------------------------------------------------- */

static void
test_lru_and_sets(void **state)
{
	struct machine *m = unit_boot_mem(MiB(128), NULL, NULL);
	struct tlb *t = &m->cpus[0].tlb;
	const struct tlb_entry *e;
	struct mmu_access a;
	struct space s;
	bool large;
	u32 i, set = (UBASE >> PAGE_SHIFT) & 15;

	space_init(m, &s);
	run_task(m, &s, 0);
	/* five pages 16 pages apart share one set of the 16 */
	for (i = 0; i < 5; i++)
		set_pte_raw(m, &s, UBASE + i * 16 * PAGE_SIZE,
			    s.frames[i] | 0x067);
	for (i = 0; i < 4; i++)
		access_ok(m, 0, UBASE + i * 16 * PAGE_SIZE, ACC_USER, &a);
	for (i = 0; i < 4; i++) {
		e = tlb_probe(m, 0, UBASE + i * 16 * PAGE_SIZE, &large);
		assert_non_null(e);
		assert_false(large);
		assert_int_equal(e - t->small, set * 4 + i);
	}
	/* page 0 used again: page 1 is now the least recently used */
	access_ok(m, 0, UBASE, ACC_USER, &a);
	assert_true(a.tlb_hit);
	access_ok(m, 0, UBASE + 4 * 16 * PAGE_SIZE, ACC_USER, &a);
	assert_false(cached(m, 0, UBASE + 16 * PAGE_SIZE));
	e = tlb_probe(m, 0, UBASE + 4 * 16 * PAGE_SIZE, &large);
	assert_int_equal(e - t->small, set * 4 + 1);
	assert_int_equal(e->frame, s.frames[4]);
	assert_true(cached(m, 0, UBASE) && cached(m, 0, UBASE + 32 * PAGE_SIZE));
	/* the neighbouring page went to the next set */
	set_pte_raw(m, &s, UBASE + PAGE_SIZE, s.frames[5] | 0x067);
	access_ok(m, 0, UBASE + PAGE_SIZE, ACC_USER, &a);
	e = tlb_probe(m, 0, UBASE + PAGE_SIZE, &large);
	assert_int_equal((e - t->small) / 4, (set + 1) & 15);

	/* the clock wraps: the order survives (2 is now the oldest) */
	t->clock = 0xfffffffeu;
	access_ok(m, 0, UBASE + 3 * 16 * PAGE_SIZE, ACC_USER, &a);
	access_ok(m, 0, UBASE, ACC_USER, &a);
	access_ok(m, 0, UBASE + 4 * 16 * PAGE_SIZE, ACC_USER, &a);
	assert_true(t->clock < 100);
	access_ok(m, 0, UBASE + 16 * PAGE_SIZE, ACC_USER, &a);
	assert_false(cached(m, 0, UBASE + 32 * PAGE_SIZE));
	assert_true(cached(m, 0, UBASE) && cached(m, 0, UBASE + 48 * PAGE_SIZE));
	space_done(m);
	unit_free(m);
	(void)state;
}

static void
test_global_entries(void **state)
{
	struct machine *m = unit_boot_mem(MiB(128), NULL, NULL), *n;
	u32 kva = m->page_offset + 0x5000;
	struct mmu_access a;
	struct space s;

	space_init(m, &s);
	run_task(m, &s, 0);
	set_pte_raw(m, &s, UBASE, s.frames[0] | 0x067);
	access_ok(m, 0, kva, ACC_READ, &a);
	assert_int_equal(a.flags & _PAGE_GLOBAL, _PAGE_GLOBAL);
	assert_false(a.large);
	access_ok(m, 0, UBASE, ACC_USER, &a);
	load_cr3(m, 0, s.mm.pgd);
	assert_true(cached(m, 0, kva));
	assert_false(cached(m, 0, UBASE));
	access_ok(m, 0, kva, ACC_READ, &a);
	assert_true(a.tlb_hit);
	/* toggling PGE drops the global entries too */
	__flush_tlb_global(m, 0);
	assert_false(cached(m, 0, kva));
	assert_int_equal(tlb_nr_valid(m, 0), 0);
	space_done(m);
	unit_free(m);

	/* without PGE nothing is global and a CR3 load drops everything */
	n = unit_boot_mem(MiB(128), NULL, "PGE=n", NULL);
	access_ok(n, 0, n->page_offset + 0x5000, ACC_READ, &a);
	assert_int_equal(a.flags & _PAGE_GLOBAL, 0);
	__flush_tlb_all(n, 0);
	assert_false(cached(n, 0, n->page_offset + 0x5000));
	unit_free(n);
	(void)state;
}

static void
test_large_pages_and_invlpg(void **state)
{
	struct machine *m = unit_boot_mem(MiB(128), NULL, NULL), *n;
	u32 big = m->page_offset + (8u << 20) + 0x1234;
	const struct tlb_entry *e;
	struct mmu_access a;
	bool large;

	access_ok(m, 0, big, ACC_WRITE, &a);
	assert_true(a.large && a.walked && a.pte_pa == 0);
	assert_int_equal(a.phys, (8u << 20) + 0x1234);
	e = tlb_probe(m, 0, big + 0x300000, &large);
	assert_non_null(e);
	assert_true(large);
	assert_int_equal(e->frame, 8u << 20);
	assert_int_equal(e - m->cpus[0].tlb.large, 0);
	access_ok(m, 0, big + 0x200000, ACC_READ, &a);
	assert_true(a.tlb_hit && a.large);
	assert_int_equal(a.phys, (8u << 20) + 0x201234);
	/* 4 KiB pages in the first 4 MiB, as 2.6.32 maps them */
	access_ok(m, 0, m->page_offset + 0x2000, ACC_READ, &a);
	assert_false(a.large);
	/* invlpg anywhere in the 4 MiB page drops the large entry only */
	__flush_tlb_single(m, 0, (big & PDE_LARGE_MASK) + 0x3ff000);
	assert_false(cached(m, 0, big));
	assert_true(cached(m, 0, m->page_offset + 0x2000));
	__flush_tlb_single(m, 0, m->page_offset + 0x2fff);
	assert_int_equal(tlb_nr_valid(m, 0), 0);
	assert_int_equal(tlb_errors(m), 0);
	unit_free(m);

	n = unit_boot_mem(MiB(128), NULL, "PSE=n", NULL);
	access_ok(n, 0, n->page_offset + (8u << 20), ACC_READ, &a);
	assert_false(a.large);
	unit_free(n);
	(void)state;
}

/* ---- stale entries and the checker ------------------------------------------ */

static void
test_stale_entry(void **state)
{
	struct machine *m = unit_boot_mem(MiB(128), NULL, NULL);
	u32 va = UBASE + 0x9000, pa, old;
	struct mmu_access a;
	struct out o;
	struct space s;

	space_init(m, &s);
	run_task(m, &s, 0);
	set_pte_raw(m, &s, va, s.frames[0] | 0x067);
	access_ok(m, 0, va, ACC_USER | ACC_WRITE, &a);
	assert_int_equal(pte_write_raw(m, s.mm.pgd, va, s.frames[1] | 0x065,
				       &pa, &old), 0);
	assert_int_equal(pa, pte_pa(&s, va));
	assert_int_equal(old, s.frames[0] | 0x067);
	assert_true(m->tlb_raw);
	/* the CPU keeps using the old frame, writable */
	access_ok(m, 0, va + 8, ACC_USER | ACC_WRITE, &a);
	assert_true(a.tlb_hit);
	assert_int_equal(a.phys, s.frames[0] + 8);
	assert_int_equal(tlb_errors(m), 0);
	out_init_buf(&o);
	m->tlb_raw = false;
	assert_int_equal(check_tlb(m, &o), 1);
	assert_non_null(strstr(o.sb.buf, "tlb: cpu0 caches 0x08051000 -> "));
	assert_non_null(strstr(o.sb.buf, "but the tables map it to frame"));
	out_done(&o);
	/* a debugger write to a cached PTE counts as raw too */
	old = s.frames[1] | 0x065;
	phys_write(m, pte_pa(&s, va), &old, 4);
	assert_true(m->tlb_raw);
	/* flush_tlb_page: the new translation, read-only now */
	flush_tlb_page_mm(m, &s.mm, va);
	assert_int_equal(access(m, 0, va, ACC_USER | ACC_WRITE, &a), -EFAULT);
	assert_int_equal(a.error_code, 7);
	/* D = 0 cached: the write walks again and sees the change */
	set_pte_raw(m, &s, va, s.frames[0] | 0x027);
	access_ok(m, 0, va, ACC_USER, &a);
	set_pte_raw(m, &s, va, s.frames[0] | 0x025);
	assert_int_equal(access(m, 0, va, ACC_USER | ACC_WRITE, &a), -EFAULT);
	assert_true(a.tlb_hit && a.rewalk_dirty);
	flush_tlb_all(m);
	assert_false(m->tlb_raw);
	space_done(m);
	unit_free(m);
	(void)state;
}

/* ---- SMP ----------------------------------------------------------------------- */

struct seen {
	int others, load_cr3, leave;
	long mask, addr;
};

static void
watch(void *arg, struct machine *m, const struct trace_event *ev)
{
	struct seen *s = arg;

	(void)m;
	if (ev->id == TP_flush_tlb_others) {
		s->others++;
		s->mask = ev->args[0];
		s->addr = ev->args[2];
	} else if (ev->id == TP_load_cr3) {
		s->load_cr3++;
	} else if (ev->id == TP_leave_mm) {
		s->leave++;
	}
}

static void
test_smp_shootdown(void **state)
{
	struct machine *m = boot_cpus(2, NULL);
	u32 va = UBASE + 0x2000, kva = m->page_offset + 0x1000;
	struct mmu_access a;
	struct seen seen = { 0 };
	struct space s;
	int cpu;

	space_init(m, &s);
	set_pte_raw(m, &s, va, s.frames[0] | 0x067);
	set_pte_raw(m, &s, va + PAGE_SIZE, s.frames[1] | 0x067);
	for (cpu = 0; cpu < 2; cpu++) {
		run_task(m, &s, cpu);
		access_ok(m, cpu, va, ACC_USER, &a);
		access_ok(m, cpu, va + PAGE_SIZE, ACC_USER, &a);
		access_ok(m, cpu, kva, 0, &a);
		assert_int_equal(m->cpus[cpu].tlbstate, TLBSTATE_OK);
	}
	assert_int_equal(s.mm.cpu_vm_mask, 3);
	m->trace.hook = watch;
	m->trace.hook_arg = &seen;
	m->trace.armed = 1;

	/* one page: invlpg here, an IPI with the address there */
	flush_tlb_page_mm(m, &s.mm, va);
	assert_int_equal(seen.others, 1);
	assert_int_equal(seen.mask, 2);
	assert_int_equal(seen.addr, va);
	assert_int_equal(m->cpus[1].ipis, 1);
	for (cpu = 0; cpu < 2; cpu++) {
		assert_false(cached(m, cpu, va));
		assert_true(cached(m, cpu, va + PAGE_SIZE));
	}
	/* the whole mm: CR3 reloads; kernel entries (global) stay */
	flush_tlb_mm(m, &s.mm);
	assert_int_equal(seen.others, 2);
	assert_int_equal(seen.addr, (long)TLB_FLUSH_ALL);
	assert_int_equal(seen.load_cr3, 2);
	for (cpu = 0; cpu < 2; cpu++) {
		assert_false(cached(m, cpu, va + PAGE_SIZE));
		assert_true(cached(m, cpu, kva));
	}
	/* flush_tlb_range is the whole mm too */
	access_ok(m, 1, va, ACC_USER, &a);
	flush_tlb_range_mm(m, &s.mm, va, va + PAGE_SIZE);
	assert_false(cached(m, 1, va));
	assert_int_equal(seen.others, 3);
	m->trace.armed = 0;
	space_done(m);
	assert_int_equal(s.mm.cpu_vm_mask, 0);
	unit_free(m);
	(void)state;
}

static void
test_lazy_leave_mm(void **state)
{
	struct machine *m = boot_cpus(2, NULL);
	u32 va = UBASE;
	struct mmu_access a;
	struct seen seen = { 0 };
	struct space s;

	space_init(m, &s);
	set_pte_raw(m, &s, va, s.frames[0] | 0x067);
	run_task(m, &s, 0);
	run_task(m, &s, 1);
	access_ok(m, 1, va, ACC_USER, &a);
	/* cpu1 switches to a kernel thread: lazy on the borrowed mm */
	m->cpus[1].current = &s.kthread;
	enter_lazy_tlb(m, &s.mm, 1);
	assert_int_equal(m->cpus[1].tlbstate, TLBSTATE_LAZY);
	assert_int_equal(m->cpus[1].cr3, s.mm.pgd);

	m->trace.hook = watch;
	m->trace.hook_arg = &seen;
	m->trace.armed = 1;
	/* a flush from cpu0: cpu1 leaves the mm instead of flushing */
	flush_tlb_page_mm(m, &s.mm, va);
	assert_int_equal(seen.leave, 1);
	assert_int_equal(s.mm.cpu_vm_mask, 1);
	assert_int_equal(m->cpus[1].cr3, m->swapper_pg_dir);
	assert_false(cached(m, 1, va));
	assert_ptr_equal(m->cpus[1].active_mm, &s.mm);
	/* not in the mask any more: the next flush does not bother it */
	flush_tlb_mm(m, &s.mm);
	assert_int_equal(seen.others, 1);
	assert_int_equal(m->cpus[1].ipis, 1);

	/* back to the process: the same mm, but CR3 must be reloaded */
	seen.load_cr3 = 0;
	m->cpus[1].current = &s.task;
	switch_mm(m, &s.mm, &s.mm, 1);
	assert_int_equal(seen.load_cr3, 1);
	assert_int_equal(m->cpus[1].cr3, s.mm.pgd);
	assert_int_equal(s.mm.cpu_vm_mask, 3);
	assert_int_equal(m->cpus[1].tlbstate, TLBSTATE_OK);
	/* lazy again with no flush meanwhile: no CR3 load on the way back */
	m->cpus[1].current = &s.kthread;
	enter_lazy_tlb(m, &s.mm, 1);
	m->cpus[1].current = &s.task;
	switch_mm(m, &s.mm, &s.mm, 1);
	assert_int_equal(seen.load_cr3, 1);

	/* a lazy local CPU leaves on its own flush; flush_tlb_all makes
	 * every lazy CPU leave */
	m->cpus[0].current = &s.kthread;
	enter_lazy_tlb(m, &s.mm, 0);
	flush_tlb_mm(m, &s.mm);
	assert_int_equal(m->cpus[0].cr3, m->swapper_pg_dir);
	assert_int_equal(s.mm.cpu_vm_mask, 2);
	m->cpus[1].current = &s.kthread;
	enter_lazy_tlb(m, &s.mm, 1);
	flush_tlb_all(m);
	assert_int_equal(s.mm.cpu_vm_mask, 0);
	assert_int_equal(m->cpus[1].cr3, m->swapper_pg_dir);
	assert_int_equal(tlb_errors(m), 0);
	m->trace.armed = 0;
	space_done(m);
	unit_free(m);
	(void)state;
}

static void
test_uniprocessor(void **state)
{
	struct machine *m = unit_boot_mem(MiB(128), NULL, "NR_CPUS=1", NULL);
	struct mmu_access a;
	struct space s;

	space_init(m, &s);
	set_pte_raw(m, &s, UBASE, s.frames[0] | 0x067);
	run_task(m, &s, 0);
	access_ok(m, 0, UBASE, ACC_USER, &a);
	/* a kernel thread on the borrowed mm: UP has no lazy mode, a flush
	 * of the mm reloads CR3 and the CPU stays on it */
	m->cpus[0].current = &s.kthread;
	enter_lazy_tlb(m, &s.mm, 0);
	assert_int_equal(m->cpus[0].tlbstate, TLBSTATE_OK);
	flush_tlb_mm(m, &s.mm);
	assert_int_equal(m->cpus[0].cr3, s.mm.pgd);
	assert_int_equal(s.mm.cpu_vm_mask, 1);
	assert_false(cached(m, 0, UBASE));
	access_ok(m, 0, UBASE, ACC_USER, &a);
	flush_tlb_page_mm(m, &s.mm, UBASE);
	assert_false(cached(m, 0, UBASE));
	m->cpus[0].current = NULL;
	switch_mm(m, &s.mm, NULL, 0);
	unit_free(m);
	(void)state;
}

static void
test_check_cpu_state(void **state)
{
	struct machine *m = boot_cpus(2, NULL);
	struct space s;
	struct out o;

	space_init(m, &s);
	run_task(m, &s, 1);
	assert_int_equal(tlb_errors(m), 0);
	out_init_buf(&o);
	m->cpus[1].cr3 = m->swapper_pg_dir;
	assert_int_equal(check_tlb(m, &o), 1);
	assert_non_null(strstr(o.sb.buf, "tlb: cpu1: CR3 0x"));
	m->cpus[1].cr3 = s.mm.pgd;
	s.mm.cpu_vm_mask = 0;
	sb_reset(&o.sb);
	assert_int_equal(check_tlb(m, &o), 2);
	assert_non_null(strstr(o.sb.buf, "TLBSTATE_OK but not in its active_mm's cpu_vm_mask"));
	out_done(&o);
	s.mm.cpu_vm_mask = 2;
	space_done(m);
	unit_free(m);
	(void)state;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_boot_registers),
		UNIT_TEST(test_geometry_config),
		UNIT_TEST(test_accessed_dirty_in_ram),
		UNIT_TEST(test_permission_matrix),
		UNIT_TEST(test_error_codes),
		UNIT_TEST(test_lru_and_sets),
		UNIT_TEST(test_global_entries),
		UNIT_TEST(test_large_pages_and_invlpg),
		UNIT_TEST(test_stale_entry),
		UNIT_TEST(test_smp_shootdown),
		UNIT_TEST(test_lazy_leave_mm),
		UNIT_TEST(test_uniprocessor),
		UNIT_TEST(test_check_cpu_state),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
