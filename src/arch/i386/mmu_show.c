/* arch/i386/mmu_show.c: looking at the MMU: the TLB listing, what one
 * access did, page-fault error codes and page-table entries decoded, and
 * the invariant checker of the TLBs and the per-CPU TLB state. */
#include "config.h"

#include "vmdb/check.h"
#include "vmdb/machine.h"
#include "vmdb/mmu.h"
#include "vmdb/out.h"
#include "vmdb/pgtable.h"
#include "vmdb/sched.h"
#include "vmdb/util.h"
#include "vmdb/vmalloc.h"

#define FAIL CHECK_FAIL

/* ---- formats ---------------------------------------------------------------- */

void
tlb_flags_format(struct strbuf *sb, u32 f)
{
	sb_printf(sb, "%s %s %c %c %c", f & _PAGE_RW ? "rw" : "ro",
		  f & _PAGE_USER ? "user" : "kern",
		  f & _PAGE_ACCESSED ? 'A' : '-', f & _PAGE_DIRTY ? 'D' : '-',
		  f & _PAGE_GLOBAL ? 'G' : '-');
}

void
pf_error_format(struct strbuf *sb, u32 code)
{
	static const char *const bits[] = {
		"PF_PROT", "PF_WRITE", "PF_USER", "PF_RSVD", "PF_INSTR",
	};
	size_t i;
	bool any = false;

	sb_printf(sb, "%s %s from %s mode (error 0x%x",
		  code & PF_PROT ? "protection-violating" : "not-present",
		  code & PF_WRITE ? "write" : "read",
		  code & PF_USER ? "user" : "kernel", code);
	for (i = 0; i < ARRAY_SIZE(bits); i++) {
		if (!(code & (1u << i)))
			continue;
		sb_printf(sb, "%s%s", any ? "|" : ": ", bits[i]);
		any = true;
	}
	sb_puts(sb, ")");
}

void
pte_decode_format(struct strbuf *sb, u32 pte)
{
	u32 pgoff;

	switch (pte_kind(pte)) {
	case PTE_KIND_NONE:
		sb_puts(sb, "none (pte_none: never used, or unmapped)");
		return;
	case PTE_KIND_PRESENT:
		sb_printf(sb, "present: frame 0x%08x, ", pte & PTE_PFN_MASK);
		pte_flags_format(sb, pte, false);
		return;
	case PTE_KIND_PROTNONE:
		/* pte_present: Accessed and Dirty still describe the page
		 * (bit 6 is Dirty here, not _PAGE_FILE). */
		sb_printf(sb, "PROT_NONE (present to Linux, not to the MMU): frame 0x%08x, ",
			  pte & PTE_PFN_MASK);
		pte_flags_format(sb, pte, false);
		return;
	case PTE_KIND_FILE:
		/* pgoff bits 0-4 in PTE bits 1-5, bit 5 in bit 7, the rest
		 * from bit 9 (pte_to_pgoff, pgtable-2level.h) */
		pgoff = ((pte >> 1) & 0x1f) | (((pte >> 7) & 1) << 5) |
			((pte >> 9) << 6);
		sb_printf(sb, "not present: nonlinear file pte, pgoff 0x%x", pgoff);
		return;
	case PTE_KIND_SWAP:
		/* type in bits 1-5, offset from bit 9 (__swp_type,
		 * __swp_offset): bits 6 and 8 stay clear */
		sb_printf(sb, "not present: swap entry, type %u, offset 0x%x",
			  (pte >> 1) & 0x1f, pte >> 9);
		return;
	}
}

static void
entry_line(struct strbuf *sb, const char *name, u32 pa, u32 val, bool pde)
{
	sb_printf(sb, "  %s at 0x%08x = 0x%08x  (", name, pa, val);
	pte_flags_format(sb, val, pde);
	sb_puts(sb, ")\n");
}

void
mmu_access_format(struct machine *m, const struct mmu_access *a,
		  struct strbuf *sb)
{
	sb_printf(sb, "cpu%d %s 0x%08x from %s mode: TLB %s", a->cpu,
		  a->acc & ACC_WRITE ? "write" : "read", a->vaddr,
		  a->acc & ACC_USER ? "user" : "kernel",
		  a->tlb_hit ? "hit" : "miss");
	if (a->tlb_hit && !a->rewalk_dirty)
		sb_printf(sb, " (%s entry)", a->large ? "4 MiB" : "4 KiB");
	if (a->rewalk_dirty)
		sb_puts(sb, ", cached with D = 0: the CPU walks again to set D");
	else if (a->walked)
		sb_puts(sb, ", page walk");
	sb_puts(sb, "\n");
	if (a->walked) {
		sb_printf(sb, "  CR3 0x%08x%s\n", m->cpus[a->cpu].cr3,
			  m->cpus[a->cpu].cr3 == m->swapper_pg_dir ?
			  " (swapper_pg_dir)" : "");
		entry_line(sb, "PDE", a->pde_pa, a->pde, true);
		if (a->pte_pa)
			entry_line(sb, "PTE", a->pte_pa, a->pte, false);
		if (a->set_accessed || a->set_dirty)
			sb_printf(sb, "  the walk set %s%s%s in RAM\n",
				  a->set_accessed ? "Accessed" : "",
				  a->set_accessed && a->set_dirty ? " and " : "",
				  a->set_dirty ? "Dirty" : "");
	}
	if (a->fault) {
		sb_puts(sb, "  page fault: ");
		pf_error_format(sb, a->error_code);
		sb_printf(sb, ", CR2 = 0x%08x%s\n", a->vaddr,
			  a->walked ? "" : " (the cached entry refused it and is dropped)");
		return;
	}
	if (a->walked) {
		sb_printf(sb, "  filled a %s entry: ", a->large ? "4 MiB" : "4 KiB");
		tlb_flags_format(sb, a->flags);
		sb_puts(sb, "\n");
	}
	sb_printf(sb, "  -> physical 0x%08x\n", a->phys);
}

/* ---- staleness ---------------------------------------------------------------- */

static bool
in_lazy_vmap_area(struct machine *m, u32 va)
{
	struct vm_area_view v;
	u32 i;

	for (i = 0; m->vmalloc && vmalloc_area_at(m, i, &v) == 0; i++)
		if (v.lazy && va >= v.va_start && va < v.va_end)
			return true;
	return false;
}

bool
tlb_entry_stale(struct machine *m, int cpu, const struct tlb_entry *e,
		bool large, struct strbuf *why)
{
	u32 va = tlb_entry_vaddr(e, large), frame, diff;
	u32 pgd = va >= m->page_offset ? m->swapper_pg_dir : m->cpus[cpu].cr3;
	struct strbuf tmp;
	struct pt_walk w;
	bool stale = true;

	sb_init(&tmp);
	if (pt_walk(m, pgd, va, &w)) {
		if (va >= m->page_offset && in_lazy_vmap_area(m, va))
			stale = false;
		else
			sb_printf(&tmp, "the tables have no translation (%s not present)",
				  w.pte_pa ? "PTE" : "PDE");
		goto out;
	}
	frame = w.large ? w.pde & PDE_LARGE_MASK : w.pte & PTE_PFN_MASK;
	diff = (e->flags ^ w.flags) & (_PAGE_RW | _PAGE_USER);
	if (w.large != large) {
		sb_printf(&tmp, "the tables map it with a %s page",
			  w.large ? "4 MiB" : "4 KiB");
	} else if (frame != e->frame) {
		sb_printf(&tmp, "the tables map it to frame 0x%08x", frame);
	} else if (diff) {
		sb_puts(&tmp, "the tables say ");
		tlb_flags_format(&tmp, w.flags);
	} else if (e->flags & ~w.flags & (_PAGE_ACCESSED | _PAGE_DIRTY)) {
		sb_printf(&tmp, "%s is set in the TLB but not in the %s",
			  e->flags & ~w.flags & _PAGE_DIRTY ? "Dirty" : "Accessed",
			  large ? "PDE" : "PTE");
	} else if (e->flags & ~w.flags & _PAGE_GLOBAL) {
		sb_printf(&tmp, "Global in the TLB but not in the %s",
			  large ? "PDE" : "PTE");
	} else {
		stale = false;
	}
out:
	if (why && stale)
		sb_puts(why, tmp.buf);
	sb_free(&tmp);
	return stale;
}

/* ---- the listing ------------------------------------------------------------------ */

static void
show_entry(struct machine *m, int cpu, const struct tlb_entry *e, bool large,
	   int set, int way, struct out *o)
{
	struct strbuf sb;

	sb_init(&sb);
	if (large)
		sb_printf(&sb, "   4M %3d", way);
	else
		sb_printf(&sb, "  %3d %3d", set, way);
	sb_printf(&sb, "  %08x  %08x  ", tlb_entry_vaddr(e, large), e->frame);
	tlb_flags_format(&sb, e->flags);
	sb_printf(&sb, "  %5u", m->cpus[cpu].tlb.clock - e->stamp);
	if (tlb_entry_stale(m, cpu, e, large, NULL)) {
		sb_puts(&sb, "  stale: ");
		tlb_entry_stale(m, cpu, e, large, &sb);
	}
	out_printf(o, "%s\n", sb.buf);
	sb_free(&sb);
}

void
show_tlb(struct machine *m, int cpu, struct out *o)
{
	struct cpu *c = &m->cpus[cpu];
	struct tlb *t = &c->tlb;
	int s, w, n = tlb_nr_valid(m, cpu);

	out_printf(o, "cpu%d: %d-entry %d-way TLB for 4 KiB pages (%d sets), %d entries for 4 MiB pages\n",
		   cpu, t->sets * t->ways, t->ways, t->sets, t->nr_large);
	out_printf(o, "  CR3 0x%08x%s, CR4.PGE %s; hits %lu, misses %lu, fills %lu, flushes %lu\n",
		   c->cr3, c->cr3 == m->swapper_pg_dir ? " (swapper_pg_dir)" : "",
		   c->cr4 & X86_CR4_PGE ? "on (global entries survive CR3 loads)" : "off",
		   t->hits, t->misses, t->fills, t->flushes);
	if (n == 0) {
		out_puts(o, "  no valid entries\n");
		return;
	}
	out_printf(o, "  %d valid; AGE: TLB uses since its last use (the oldest of a full set goes first)\n", n);
	out_puts(o, "  SET WAY  VIRTUAL   FRAME     FLAGS            AGE\n");
	for (s = 0; s < t->sets; s++)
		for (w = 0; w < t->ways; w++)
			if (t->small[s * t->ways + w].valid)
				show_entry(m, cpu, &t->small[s * t->ways + w],
					   false, s, w, o);
	for (w = 0; w < t->nr_large; w++)
		if (t->large[w].valid)
			show_entry(m, cpu, &t->large[w], true, 0, w, o);
}

/* ---- the checker -------------------------------------------------------------------- */

/* Registers and cpu_tlbstate agree with the masks of the live mms. */
static int
check_cpu_state(struct machine *m, int cpu, struct out *o)
{
	struct cpu *c = &m->cpus[cpu];
	struct mm_struct *mm, *am = c->active_mm;
	bool in_mask = am ? (am->cpu_vm_mask >> cpu) & 1 : true;
	int nerr = 0;

	if ((c->cr0 & (X86_CR0_PG | X86_CR0_PE)) != (X86_CR0_PG | X86_CR0_PE))
		FAIL("tlb: cpu%d: CR0 0x%08x has paging off\n", cpu, c->cr0);
	if (!!(c->cr4 & X86_CR4_PSE) != m->cpu_pse)
		FAIL("tlb: cpu%d: CR4.PSE disagrees with the CPU's features\n", cpu);
	if (c->tlbstate == TLBSTATE_OK && !in_mask)
		FAIL("tlb: cpu%d: TLBSTATE_OK but not in its active_mm's cpu_vm_mask\n",
		     cpu);
	if (in_mask && c->cr3 != mm_pgd(m, am))
		FAIL("tlb: cpu%d: CR3 0x%08x is not its active_mm's pgd 0x%08x\n",
		     cpu, c->cr3, mm_pgd(m, am));
	if (!in_mask && c->cr3 != m->swapper_pg_dir)
		FAIL("tlb: cpu%d: out of its active_mm's cpu_vm_mask (leave_mm) but CR3 0x%08x is not swapper_pg_dir\n",
		     cpu, c->cr3);
	for (mm = m->sched ? m->sched->mms : NULL; mm; mm = mm->next_mm)
		if (mm != am && (mm->cpu_vm_mask >> cpu) & 1)
			FAIL("tlb: cpu%d is in the cpu_vm_mask of mm 0x%08x, which is not its active_mm\n",
			     cpu, mm->kaddr);
	return nerr;
}

static int
check_entry(struct machine *m, int cpu, const struct tlb_entry *e, bool large,
	    int set, struct out *o)
{
	struct tlb *t = &m->cpus[cpu].tlb;
	struct strbuf sb;
	int nerr = 0;

	if (!e->valid) {
		if (e->tag != TLB_TAG_NONE)
			FAIL("tlb: cpu%d: an invalid way has tag 0x%x\n", cpu, e->tag);
		return nerr;
	}
	if (!large && (int)(e->tag & (u32)(t->sets - 1)) != set)
		FAIL("tlb: cpu%d: 0x%08x sits in set %d, not in its set %u\n", cpu,
		     tlb_entry_vaddr(e, large), set, e->tag & (u32)(t->sets - 1));
	if (e->stamp > t->clock)
		FAIL("tlb: cpu%d: 0x%08x has LRU stamp %u past the clock %u\n",
		     cpu, tlb_entry_vaddr(e, large), e->stamp, t->clock);
	sb_init(&sb);
	if (!m->tlb_raw && tlb_entry_stale(m, cpu, e, large, &sb))
		FAIL("tlb: cpu%d caches 0x%08x -> 0x%08x but %s (%s, no raw write since the last flush_tlb_all)\n",
		     cpu, tlb_entry_vaddr(e, large), e->frame, sb.buf,
		     m->cpus[cpu].tlbstate == TLBSTATE_OK ? "TLBSTATE_OK" :
		     "TLBSTATE_LAZY");
	sb_free(&sb);
	return nerr;
}

/*
 * Every valid entry agrees with the tables it stands for (see
 * tlb_entry_stale) unless a raw write may have made it stale; entries sit
 * in their set with sane stamps; each CPU's CR3, tlbstate and mask
 * membership fit together (TLBSTATE_OK implies being in the mask; in the
 * mask, CR3 is the active_mm's pgd, else swapper_pg_dir; in no other mm's
 * mask); the count of valid 4 MiB entries that lookups trust is right.
 */
int
check_tlb(struct machine *m, struct out *o)
{
	int cpu, i, nerr = 0, used;

	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		struct tlb *t = &m->cpus[cpu].tlb;

		if (!t->small)
			continue;
		nerr += check_cpu_state(m, cpu, o);
		for (i = 0; i < t->sets * t->ways; i++)
			nerr += check_entry(m, cpu, &t->small[i], false,
					    i / t->ways, o);
		for (i = 0, used = 0; i < t->nr_large; i++) {
			nerr += check_entry(m, cpu, &t->large[i], true, 0, o);
			used += t->large[i].valid;
		}
		if (used != t->large_used)
			FAIL("tlb: cpu%d counts %d valid 4 MiB entries but %d are valid\n",
			     cpu, t->large_used, used);
	}
	return nerr;
}
