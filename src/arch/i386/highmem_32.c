/* arch/i386/highmem_32.c: kmap, kunmap and the atomic kmaps in fixmap
 * slots (Linux 2.6.32 arch/x86/mm/highmem_32.c), the atomic kmap types
 * (asm-generic/kmap_types.h) and the names of the fixmap's slots
 * (asm/fixmap.h).
 *
 * kmap_atomic never sleeps and takes no lock: each CPU owns KM_TYPE_NR
 * fixmap slots, one per purpose (KM_USER0 and KM_USER1 to copy a user
 * page, KM_PTE0 for a page table in HighMem, KM_IRQ0 in interrupts ...),
 *
 *	idx   = type + KM_TYPE_NR * cpu
 *	vaddr = fix_to_virt(FIX_KMAP_BEGIN + idx)
 *
 * and code that nests kmap_atomic calls uses different types.  The slot's
 * PTE must be empty when it is taken; kunmap_atomic clears it and flushes
 * that one address from the local TLB (no other CPU uses the slot).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vmdb/check.h"
#include "vmdb/highmem.h"
#include "vmdb/out.h"
#include "vmdb/util.h"

static const char *const km_type_names[KM_TYPE_NR] = {
	"KM_BOUNCE_READ", "KM_SKB_SUNRPC_DATA", "KM_SKB_DATA_SOFTIRQ",
	"KM_USER0", "KM_USER1", "KM_BIO_SRC_IRQ", "KM_BIO_DST_IRQ",
	"KM_PTE0", "KM_PTE1", "KM_IRQ0", "KM_IRQ1", "KM_SOFTIRQ0",
	"KM_SOFTIRQ1", "KM_SYNC_ICACHE", "KM_SYNC_DCACHE",
	"KM_UML_USERCOPY", "KM_IRQ_PTE", "KM_NMI", "KM_NMI_PTE",
};

_Static_assert(KM_NMI_PTE + 1 == KM_TYPE_NR, "19 kmap types on i386");

const char *
km_type_name(int type)
{
	return type >= 0 && type < KM_TYPE_NR ? km_type_names[type] : NULL;
}

int
km_type_parse(const char *s)
{
	char why[64];
	u64 v;
	int i;

	for (i = 0; i < KM_TYPE_NR; i++)
		if (!strcasecmp(s, km_type_names[i]))
			return i;
	if (parse_ulong_range(s, 0, KM_TYPE_NR - 1, &v, why, sizeof(why)))
		return -1;
	return (int)v;
}

/* Only page frames of RAM can be mapped. */
static int
check_ram_pfn(struct machine *m, u32 pfn)
{
	int i;

	if (!pfn_valid(m, pfn))
		return machine_err(m, -EINVAL,
				   "pfn 0x%08x is beyond the last page frame (0x%08x)",
				   pfn, m->max_mapnr ? m->max_mapnr - 1 : 0);
	for (i = 0; i < m->nr_active; i++)
		if (pfn >= m->early_node_map[i].start_pfn &&
		    pfn < m->early_node_map[i].end_pfn)
			return 0;
	return machine_err(m, -EINVAL,
			   "pfn 0x%08x is not RAM (a hole or firmware range in the e820 map)",
			   pfn);
}

/* ---- kmap and kunmap ----------------------------------------------------- */

long
kmap(struct machine *m, u32 pfn)
{
	int err = check_ram_pfn(m, pfn);

	memset(&m->kmap->last, 0, sizeof(m->kmap->last));
	if (err)
		return err;
	if (!PageHighMem(m, pfn))
		return page_address(m, pfn);
	return kmap_high(m, pfn);
}

int
kunmap(struct machine *m, u32 pfn)
{
	int err = check_ram_pfn(m, pfn);

	memset(&m->kmap->last, 0, sizeof(m->kmap->last));
	if (err)
		return err;
	if (!PageHighMem(m, pfn))
		return 0;
	return kunmap_high(m, pfn);
}

/* ---- atomic kmaps -------------------------------------------------------- */

static int
check_type_cpu(struct machine *m, int type, int cpu)
{
	if (type < 0 || type >= KM_TYPE_NR)
		return machine_err(m, -EINVAL,
				   "kmap type %d does not exist (0 to %d)", type,
				   KM_TYPE_NR - 1);
	if (cpu < 0 || cpu >= m->nr_cpus)
		return machine_err(m, -EINVAL,
				   "cpu %d is not present (the machine has %d)",
				   cpu, m->nr_cpus);
	return 0;
}

u32
kmap_atomic_vaddr(struct machine *m, int type, int cpu)
{
	return __fix_to_virt(m, m->fix_kmap_begin + (u32)type +
			     KM_TYPE_NR * (u32)cpu);
}

/* kmap_atomic and kunmap_atomic: a fault on a highmem page runs both,
 * so their trace points are split (vmdb/trace.h). */
static inline __attribute__((always_inline)) long
kmap_atomic_(struct machine *m, u32 pfn, int type, int cpu, bool traced)
{
	struct kmap_state *k = m->kmap;
	u32 vaddr, pte_pa, pte;
	int err = check_type_cpu(m, type, cpu);

	if (err || (err = check_ram_pfn(m, pfn)))
		return err;
	TP_ENTER_IF(traced, m, kmap_atomic, pfn, type, cpu);
	if (!PageHighMem(m, pfn)) {
		vaddr = page_address(m, pfn);
		goto out;
	}
	vaddr = kmap_atomic_vaddr(m, type, cpu);
	pte_pa = kernel_pte_pa(m, vaddr);
	pte = pte_pa ? phys_read32(m, pte_pa) : 0;
	if (!pte_pa || pte) {
		TP_EXIT_IF(traced, m, kmap_atomic, -EBUSY);
		return machine_err(m, -EBUSY,
				   "the %s slot of cpu %d (0x%08x) is not empty (PTE 0x%08x): kmap_atomic would BUG; kunmap_atomic it first",
				   km_type_names[type], cpu, vaddr, pte);
	}
	phys_write32(m, pte_pa, (pfn << PAGE_SHIFT) | k->kmap_prot);
	k->atomic_pfn[cpu][type] = pfn;
out:
	TP_EXIT_IF(traced, m, kmap_atomic, vaddr);
	return vaddr;
}

static long __attribute__((noinline, cold))
kmap_atomic_traced(struct machine *m, u32 pfn, int type, int cpu)
{
	return kmap_atomic_(m, pfn, type, cpu, true);
}

long
kmap_atomic(struct machine *m, u32 pfn, int type, int cpu)
{
	if (TP_ARMED(m))
		return kmap_atomic_traced(m, pfn, type, cpu);
	return kmap_atomic_(m, pfn, type, cpu, false);
}

static inline __attribute__((always_inline)) int
kunmap_atomic_(struct machine *m, u32 vaddr, int type, int cpu, bool traced)
{
	struct kmap_state *k = m->kmap;
	u32 slot, pte_pa, idx, other;
	int err = check_type_cpu(m, type, cpu), save;

	if (err)
		return err;
	vaddr &= PAGE_MASK;
	slot = kmap_atomic_vaddr(m, type, cpu);
	pte_pa = kernel_pte_pa(m, slot);
	if (vaddr == slot) {
		if (!pte_pa || !phys_read32(m, pte_pa))
			return machine_err(m, -EINVAL,
					   "the %s slot of cpu %d (0x%08x) is empty: nothing was kmap_atomic'd there",
					   km_type_names[type], cpu, slot);
		TP_ENTER_IF(traced, m, kunmap_atomic, vaddr, type, cpu);
		phys_write32(m, pte_pa, 0);
		k->atomic_pfn[cpu][type] = PFN_NONE;
		/* kpte_clear_flush runs on the CPU that owns the slot. */
		save = m->this_cpu;
		m->this_cpu = cpu;
		flush_tlb_one_kernel(m, vaddr);
		m->this_cpu = save;
		TP_EXIT_IF(traced, m, kunmap_atomic, 0);
		return 0;
	}
	if (vaddr >= m->page_offset && vaddr < m->high_memory) {
		/* what kmap_atomic returned for a lowmem page */
		TP_ENTER_IF(traced, m, kunmap_atomic, vaddr, type, cpu);
		TP_EXIT_IF(traced, m, kunmap_atomic, 0);
		return 0;
	}
	idx = __virt_to_fix(m, vaddr);
	if (vaddr < m->fixaddr_top && idx >= m->fix_kmap_begin &&
	    idx < m->fix_kmap_begin + KM_TYPE_NR * (u32)m->cfg.nr_cpus_config) {
		other = idx - m->fix_kmap_begin;
		return machine_err(m, -EINVAL,
				   "0x%08x is the %s slot of cpu %u, not the %s slot of cpu %d (0x%08x): 2.6.32 with CONFIG_DEBUG_HIGHMEM BUGs here",
				   vaddr, km_type_names[other % KM_TYPE_NR],
				   other / KM_TYPE_NR, km_type_names[type], cpu,
				   slot);
	}
	return machine_err(m, -EINVAL,
			   "0x%08x is neither the %s slot of cpu %d (0x%08x) nor a lowmem address: 2.6.32 with CONFIG_DEBUG_HIGHMEM BUGs here",
			   vaddr, km_type_names[type], cpu, slot);
}

static int __attribute__((noinline, cold))
kunmap_atomic_traced(struct machine *m, u32 vaddr, int type, int cpu)
{
	return kunmap_atomic_(m, vaddr, type, cpu, true);
}

int
kunmap_atomic(struct machine *m, u32 vaddr, int type, int cpu)
{
	if (TP_ARMED(m))
		return kunmap_atomic_traced(m, vaddr, type, cpu);
	return kunmap_atomic_(m, vaddr, type, cpu, false);
}

/* ---- the fixmap's slots -------------------------------------------------- */

void
fixmap_slot_name(struct machine *m, u32 idx, struct strbuf *sb)
{
	static const char *const first[] = {
		"FIX_HOLE", "FIX_VDSO", "FIX_DBGP_BASE",
		"FIX_EARLYCON_MEM_BASE", "FIX_APIC_BASE",
	};
	u32 kmap_end = m->fix_kmap_begin + KM_TYPE_NR *
		       (u32)m->cfg.nr_cpus_config;
	u32 btmap_end = m->fix_btmap_begin - 255, k;

	if (idx < ARRAY_SIZE(first))
		sb_puts(sb, first[idx]);
	else if (idx == FIX_IO_APIC_BASE_0)
		sb_puts(sb, "FIX_IO_APIC_BASE_0");
	else if (idx < FIX_IO_APIC_BASE_0 + MAX_IO_APICS - 1)
		sb_printf(sb, "FIX_IO_APIC_BASE_0+%u", idx - FIX_IO_APIC_BASE_0);
	else if (idx < m->fix_kmap_begin)
		sb_puts(sb, "FIX_IO_APIC_BASE_END");
	else if (idx < kmap_end) {
		k = idx - m->fix_kmap_begin;
		sb_printf(sb, "%s cpu%u", km_type_names[k % KM_TYPE_NR],
			  k / KM_TYPE_NR);
	} else if (idx == kmap_end)
		sb_puts(sb, "FIX_PCIE_MCFG");
	else if (idx == kmap_end + 1)
		sb_puts(sb, "FIX_PARAVIRT_BOOTMAP");
	else if (idx == kmap_end + 2)
		sb_puts(sb, "FIX_TEXT_POKE1");
	else if (idx == kmap_end + 3)
		sb_puts(sb, "FIX_TEXT_POKE0");
	else if (idx < btmap_end)
		sb_puts(sb, "(unused)");
	else if (idx == btmap_end)
		sb_puts(sb, "FIX_BTMAP_END");
	else if (idx < m->fix_btmap_begin)
		sb_printf(sb, "FIX_BTMAP_END+%u", idx - btmap_end);
	else if (idx == m->fix_btmap_begin)
		sb_puts(sb, "FIX_BTMAP_BEGIN");
	else if (idx == m->fix_btmap_begin + 1)
		sb_puts(sb, "FIX_WP_TEST");
	else
		sb_puts(sb, "(none)");
}

/* ---- invariants ---------------------------------------------------------- */

/* Every kmap_atomic slot's PTE is what vmdb put there: empty, or the
 * recorded HighMem page with kmap_prot; slots of absent CPUs are empty. */
int
check_kmap_atomic(struct machine *m, struct out *o)
{
	struct kmap_state *k = m->kmap;
	int nerr = 0, cpu, type;

	for (cpu = 0; cpu < m->cfg.nr_cpus_config; cpu++) {
		for (type = 0; type < KM_TYPE_NR; type++) {
			u32 va = kmap_atomic_vaddr(m, type, cpu);
			u32 pte_pa = kernel_pte_pa(m, va), pte, want = 0;
			u32 pfn = cpu < m->nr_cpus ?
				  k->atomic_pfn[cpu][type] : PFN_NONE;

			pte = pte_pa ? phys_read32(m, pte_pa) : 0;
			if (pfn != PFN_NONE)
				want = (pfn << PAGE_SHIFT) | k->kmap_prot;
			if (pte == want && (pfn == PFN_NONE ||
					    PageHighMem(m, pfn)))
				continue;
			if (pfn == PFN_NONE)
				CHECK_FAIL("highmem: empty kmap_atomic slot %s cpu %d (0x%08x) has PTE 0x%08x\n",
					   km_type_names[type], cpu, va, pte);
			else
				CHECK_FAIL("highmem: kmap_atomic slot %s cpu %d (0x%08x) has PTE 0x%08x, not HighMem pfn 0x%08x with kmap_prot\n",
					   km_type_names[type], cpu, va, pte,
					   pfn);
		}
	}
	return nerr;
}
