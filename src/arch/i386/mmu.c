/* arch/i386/mmu.c: the simulated CPU's MMU: control registers, the
 * per-CPU data TLB, and one memory access as the hardware performs it
 * (TLB lookup, the page walk over simulated RAM with its Accessed and
 * Dirty updates, the permission check, the fill or the page fault), plus
 * the hardware flush primitives Linux builds on (asm/tlbflush.h's
 * __flush_tlb, __flush_tlb_global, __flush_tlb_single).  The model and
 * its rules are described in vmdb/mmu.h.
 *
 * The hit path of mmu_access() is kept small on purpose: one set of the
 * 4 KiB part (or the 4 MiB part) is scanned, the cached bits are checked,
 * the LRU stamp is set.  Everything else lives in mmu_walk().
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/clone.h"
#include "vmdb/machine.h"
#include "vmdb/mmu.h"
#include "vmdb/pgtable.h"
#include "vmdb/util.h"

#define LARGE_SHIFT	PGDIR_SHIFT

_Static_assert(ACC_USER == _PAGE_USER && ACC_WRITE == _PAGE_RW &&
	       (ACC_WRITE << 5) == _PAGE_DIRTY,
	       "the hit path uses error-code bits as PTE bits");
/* The bits an entry caches. */
#define TLB_FLAG_BITS	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | \
			 _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GLOBAL)

/* ---- geometry and boot ---------------------------------------------------- */

int
tlb_geometry_check(int entries, int ways, int large, char *why, size_t n)
{
	int sets;

	if (entries < 1 || entries > TLB_MAX_ENTRIES || ways < 1 ||
	    ways > TLB_MAX_WAYS || large < 1 || large > TLB_MAX_LARGE) {
		snprintf(why, n, "TLB geometry %d entries, %d-way, %d large: entries 1 to %d, ways 1 to %d, large 1 to %d",
			 entries, ways, large, TLB_MAX_ENTRIES, TLB_MAX_WAYS,
			 TLB_MAX_LARGE);
		return -EINVAL;
	}
	if (entries % ways) {
		snprintf(why, n, "TLB_ENTRIES=%d is not a multiple of TLB_WAYS=%d",
			 entries, ways);
		return -EINVAL;
	}
	sets = entries / ways;
	if (sets & (sets - 1)) {
		snprintf(why, n, "TLB_ENTRIES=%d / TLB_WAYS=%d gives %d sets, not a power of two (the set is picked by the low bits of the page number)",
			 entries, ways, sets);
		return -EINVAL;
	}
	return 0;
}

static void
tlb_entry_clear(struct tlb_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->tag = TLB_TAG_NONE;
}

static void
tlb_alloc(struct tlb *t, int sets, int ways, int large)
{
	int i;

	t->sets = sets;
	t->ways = ways;
	t->nr_large = large;
	t->large_used = 0;
	t->small = xcalloc((size_t)sets * (size_t)ways, sizeof(*t->small));
	t->large = xcalloc((size_t)large, sizeof(*t->large));
	for (i = 0; i < sets * ways; i++)
		tlb_entry_clear(&t->small[i]);
	for (i = 0; i < large; i++)
		tlb_entry_clear(&t->large[i]);
}

/*
 * The registers a 2.6.32 kernel leaves after boot: CR0 0x8005003b
 * (PE MP TS ET NE WP AM PG), CR4 with PSE and PGE when the CPU has them
 * (the kernel turns both on in head_32.S / probe_page_size_mask), CR3 at
 * swapper_pg_dir, every CPU in lazy TLB mode on init_mm (cpu_init's
 * enter_lazy_tlb for the idle task).
 */
int
mmu_init(struct machine *m)
{
	const struct boot_config *bc = &m->cfg;
	int entries = bc->tlb_entries ? bc->tlb_entries : TLB_DEFAULT_ENTRIES;
	int ways = bc->tlb_ways ? bc->tlb_ways : TLB_DEFAULT_WAYS;
	int large = bc->tlb_large ? bc->tlb_large : TLB_DEFAULT_LARGE;
	int i;

	if (tlb_geometry_check(entries, ways, large, m->why, sizeof(m->why)))
		return -EINVAL;
	for (i = 0; i < m->nr_cpus; i++) {
		struct cpu *c = &m->cpus[i];

		c->id = i;
		c->cr0 = X86_CR0_PE | X86_CR0_MP | X86_CR0_TS | X86_CR0_ET |
			 X86_CR0_NE | X86_CR0_WP | X86_CR0_AM | X86_CR0_PG;
		c->cr2 = 0;
		c->cr3 = m->swapper_pg_dir;
		c->cr4 = (m->cpu_pse ? X86_CR4_PSE : 0) |
			 (m->cpu_pge ? X86_CR4_PGE : 0);
		c->active_mm = NULL;
		c->tlbstate = TLBSTATE_LAZY;
		tlb_alloc(&c->tlb, entries / ways, ways, large);
	}
	m->tlb_raw = false;
	return 0;
}

void
mmu_free(struct machine *m)
{
	int i;

	for (i = 0; i < VMDB_MAX_CPUS; i++) {
		free(m->cpus[i].tlb.small);
		free(m->cpus[i].tlb.large);
		m->cpus[i].tlb.small = m->cpus[i].tlb.large = NULL;
	}
}

/* Each CPU's TLB, and what it runs: current and active_mm, through the
 * pointer map (tasks and mms are copied first). */
void
mmu_clone(struct machine *new, const struct machine *old,
	  struct clone_ctx *cc)
{
	int i;

	for (i = 0; i < VMDB_MAX_CPUS; i++) {
		const struct cpu *oc = &old->cpus[i];
		struct cpu *c = &new->cpus[i];

		c->tlb.small = xmemdup(oc->tlb.small, (size_t)oc->tlb.sets *
				       (size_t)oc->tlb.ways *
				       sizeof(*c->tlb.small));
		c->tlb.large = xmemdup(oc->tlb.large, (size_t)oc->tlb.nr_large *
				       sizeof(*c->tlb.large));
		c->current = clone_map(cc, oc->current);
		c->active_mm = clone_map(cc, oc->active_mm);
	}
}

/* ---- the LRU clock ------------------------------------------------------- */

/* Renumbers one group of ways 1..n in stamp order. */
static void
renumber(struct tlb_entry *set, int n)
{
	int i, j;
	u32 rank[TLB_MAX_LARGE > TLB_MAX_WAYS ? TLB_MAX_LARGE : TLB_MAX_WAYS];

	for (i = 0; i < n; i++) {
		rank[i] = 1;
		for (j = 0; j < n; j++)
			if (set[j].valid && set[i].valid &&
			    (set[j].stamp < set[i].stamp ||
			     (set[j].stamp == set[i].stamp && j < i)))
				rank[i]++;
	}
	for (i = 0; i < n; i++)
		set[i].stamp = set[i].valid ? rank[i] : 0;
}

static void __attribute__((noinline))
tlb_clock_wrapped(struct tlb *t)
{
	int s;

	for (s = 0; s < t->sets; s++)
		renumber(&t->small[s * t->ways], t->ways);
	renumber(t->large, t->nr_large);
	t->clock = (u32)MAX(t->ways, t->nr_large) + 1;
}

static inline u32
tlb_tick(struct tlb *t)
{
	if (unlikely(++t->clock == 0))
		tlb_clock_wrapped(t);
	return t->clock;
}

/* ---- lookup, fill, invalidate -------------------------------------------- */

static inline struct tlb_entry *
small_set(struct tlb *t, u32 vaddr)
{
	return &t->small[((vaddr >> PAGE_SHIFT) & (u32)(t->sets - 1)) *
			 (u32)t->ways];
}

static inline struct tlb_entry *
tlb_find(struct tlb *t, u32 vaddr, bool *large)
{
	struct tlb_entry *e = small_set(t, vaddr);
	u32 tag = vaddr >> PAGE_SHIFT;
	int i;

	for (i = 0; i < t->ways; i++)
		if (e[i].tag == tag) {
			*large = false;
			return &e[i];
		}
	if (!t->large_used)
		return NULL;
	tag = vaddr >> LARGE_SHIFT;
	for (i = 0; i < t->nr_large; i++)
		if (t->large[i].tag == tag) {
			*large = true;
			return &t->large[i];
		}
	return NULL;
}

const struct tlb_entry *
tlb_probe(struct machine *m, int cpu, u32 vaddr, bool *large)
{
	return tlb_find(&m->cpus[cpu].tlb, vaddr, large);
}

int
tlb_nr_valid(struct machine *m, int cpu)
{
	struct tlb *t = &m->cpus[cpu].tlb;
	int i, n = 0;

	for (i = 0; i < t->sets * t->ways; i++)
		n += t->small[i].valid;
	for (i = 0; i < t->nr_large; i++)
		n += t->large[i].valid;
	return n;
}

u32
tlb_entry_vaddr(const struct tlb_entry *e, bool large)
{
	return e->tag << (large ? LARGE_SHIFT : PAGE_SHIFT);
}

/* The way a fill takes: the first invalid one, else the least recently
 * used (smallest stamp; the lowest way on a tie). */
static struct tlb_entry *
tlb_victim(struct tlb_entry *set, int n)
{
	struct tlb_entry *v = &set[0];
	int i;

	for (i = 0; i < n; i++) {
		if (!set[i].valid)
			return &set[i];
		if (set[i].stamp < v->stamp)
			v = &set[i];
	}
	return v;
}

static inline __attribute__((always_inline)) void
tlb_fill(struct machine *m, int cpu, u32 vaddr, const struct pt_walk *w,
	 bool traced)
{
	struct cpu *c = &m->cpus[cpu];
	struct tlb *t = &c->tlb;
	struct tlb_entry *e;
	u32 flags = w->flags & TLB_FLAG_BITS;

	if (!(c->cr4 & X86_CR4_PGE))
		flags &= ~_PAGE_GLOBAL;
	if (w->large) {
		e = tlb_victim(t->large, t->nr_large);
		t->large_used += !e->valid;
		e->tag = vaddr >> LARGE_SHIFT;
		e->frame = w->pde & PDE_LARGE_MASK;
		e->pte_pa = w->pde_pa;
	} else {
		e = tlb_victim(small_set(t, vaddr), t->ways);
		e->tag = vaddr >> PAGE_SHIFT;
		e->frame = w->pte & PTE_PFN_MASK;
		e->pte_pa = w->pte_pa;
	}
	e->flags = flags;
	e->valid = true;
	e->stamp = tlb_tick(t);
	t->fills++;
	TP_EVENT_IF(traced, m, tlb_fill, cpu, vaddr, e->frame, flags);
}

/* Drops the entries that translate vaddr (both parts); returns how many. */
static int
tlb_drop(struct tlb *t, u32 vaddr)
{
	struct tlb_entry *e = small_set(t, vaddr);
	int i, n = 0;

	for (i = 0; i < t->ways; i++)
		if (e[i].tag == vaddr >> PAGE_SHIFT) {
			tlb_entry_clear(&e[i]);
			n++;
		}
	for (i = 0; i < t->nr_large && t->large_used; i++)
		if (t->large[i].tag == vaddr >> LARGE_SHIFT) {
			tlb_entry_clear(&t->large[i]);
			t->large_used--;
			n++;
		}
	return n;
}

/* Drops every entry, or (keep_global) every entry without G. */
static void
tlb_drop_all(struct tlb *t, bool keep_global)
{
	int i;

	for (i = 0; i < t->sets * t->ways; i++)
		if (!keep_global || !(t->small[i].flags & _PAGE_GLOBAL))
			tlb_entry_clear(&t->small[i]);
	t->large_used = 0;
	for (i = 0; i < t->nr_large; i++) {
		if (!keep_global || !(t->large[i].flags & _PAGE_GLOBAL))
			tlb_entry_clear(&t->large[i]);
		t->large_used += t->large[i].valid;
	}
	t->flushes++;
}

/* ---- hardware primitives -------------------------------------------------- */

void
load_cr3(struct machine *m, int cpu, u32 pgd_pa)
{
	struct cpu *c = &m->cpus[cpu];

	TP_EVENT(m, load_cr3, cpu, pgd_pa);
	c->cr3 = pgd_pa & PTE_PFN_MASK;
	tlb_drop_all(&c->tlb, (c->cr4 & X86_CR4_PGE) != 0);
}

void
__flush_tlb(struct machine *m, int cpu)
{
	load_cr3(m, cpu, m->cpus[cpu].cr3);
}

void
__flush_tlb_global(struct machine *m, int cpu)
{
	struct cpu *c = &m->cpus[cpu];

	TP_EVENT(m, __flush_tlb_global, cpu);
	/* Clearing CR4.PGE drops every entry; setting it back restores the
	 * register.  Entries filled later record G again. */
	tlb_drop_all(&c->tlb, false);
}

void
__flush_tlb_all(struct machine *m, int cpu)
{
	if (m->cpus[cpu].cr4 & X86_CR4_PGE)
		__flush_tlb_global(m, cpu);
	else
		__flush_tlb(m, cpu);
}

/* invlpg: every kunmap_atomic and COW fault runs one, so its trace
 * point is split (vmdb/trace.h). */
static inline __attribute__((always_inline)) void
flush_tlb_single_(struct machine *m, int cpu, u32 vaddr, bool traced)
{
	TP_EVENT_IF(traced, m, invlpg, cpu, vaddr);
	tlb_drop(&m->cpus[cpu].tlb, vaddr);
	m->cpus[cpu].tlb.flushes++;
}

static void __attribute__((noinline, cold))
flush_tlb_single_traced(struct machine *m, int cpu, u32 vaddr)
{
	flush_tlb_single_(m, cpu, vaddr, true);
}

void
__flush_tlb_single(struct machine *m, int cpu, u32 vaddr)
{
	if (TP_ARMED(m))
		flush_tlb_single_traced(m, cpu, vaddr);
	else
		flush_tlb_single_(m, cpu, vaddr, false);
}

/* ---- one access ------------------------------------------------------------- */

static inline bool
access_ok_bits(u32 cr0, u32 flags, u32 acc)
{
	if ((acc & ACC_USER) && !(flags & _PAGE_USER))
		return false;
	if ((acc & ACC_WRITE) && !(flags & _PAGE_RW) &&
	    ((acc & ACC_USER) || (cr0 & X86_CR0_WP)))
		return false;
	return true;
}

/* The #PF: error code, CR2, the entry for vaddr gone.  A fault is an
 * ordinary outcome, not an error: a->error_code says all, and nothing is
 * formatted into m->why on this path (every demand fault takes it).
 * After a miss there is no entry to drop: the lookup found none in either
 * part and the walk filled none. */
static inline __attribute__((always_inline)) int
mmu_fault(struct machine *m, int cpu, struct mmu_access *a, bool present,
	  bool traced)
{
	struct cpu *c = &m->cpus[cpu];

	a->fault = true;
	a->error_code = (present ? PF_PROT : 0) | (a->acc & (PF_WRITE | PF_USER));
	c->cr2 = a->vaddr;
	if (a->tlb_hit)
		tlb_drop(&c->tlb, a->vaddr);
	TP_EVENT_IF(traced, m, page_fault, cpu, a->vaddr, a->error_code);
	return -EFAULT;
}

/* Sets bits in an entry in RAM when missing; true if it wrote. */
static bool
entry_set(struct machine *m, u32 pa, u32 *val, u32 bits)
{
	if ((*val & bits) == bits)
		return false;
	*val |= bits;
	phys_write32(m, pa, *val);
	return true;
}

/*
 * The miss path (and the D re-walk): walk, check, set A/D, fill.  Every
 * page fault runs it twice (the access, then the retry), so it and
 * mmu_access_slow have split trace points (vmdb/trace.h): mmu_walk and
 * mmu_access_slow are the plain copies, mmu_walk_traced and
 * mmu_access_traced the ones that fire.
 */
static inline __attribute__((always_inline)) int
mmu_walk_(struct machine *m, int cpu, struct mmu_access *a, bool traced)
{
	struct cpu *c = &m->cpus[cpu];
	u32 d = (a->acc & ACC_WRITE) ? _PAGE_DIRTY : 0;
	struct pt_walk w;
	int err;

	err = pt_walk(m, c->cr3, a->vaddr, &w);
	a->walked = true;
	a->large = w.large;
	a->pde_pa = w.pde_pa;
	a->pde = w.pde;
	a->pte_pa = w.pte_pa;
	a->pte = w.pte;
	TP_EVENT_IF(traced, m, page_walk, cpu, a->vaddr, w.pde, w.pte);
	if (err)
		return mmu_fault(m, cpu, a, false, traced);
	if (!access_ok_bits(c->cr0, w.flags, a->acc))
		return mmu_fault(m, cpu, a, true, traced);
	if (w.large) {
		a->set_accessed = entry_set(m, w.pde_pa, &w.pde, _PAGE_ACCESSED);
		a->set_dirty = entry_set(m, w.pde_pa, &w.pde, d);
		w.flags |= w.pde & (_PAGE_ACCESSED | _PAGE_DIRTY);
	} else {
		a->set_accessed = entry_set(m, w.pde_pa, &w.pde, _PAGE_ACCESSED);
		a->set_accessed |= entry_set(m, w.pte_pa, &w.pte, _PAGE_ACCESSED);
		a->set_dirty = entry_set(m, w.pte_pa, &w.pte, d);
		w.flags |= w.pte & (_PAGE_ACCESSED | _PAGE_DIRTY);
	}
	a->pde = w.pde;
	a->pte = w.pte;
	tlb_fill(m, cpu, a->vaddr, &w, traced);
	a->flags = w.flags & TLB_FLAG_BITS;
	if (!(c->cr4 & X86_CR4_PGE))
		a->flags &= ~_PAGE_GLOBAL;
	a->phys = w.phys;
	return 0;
}

static int __attribute__((noinline))
mmu_walk(struct machine *m, int cpu, struct mmu_access *a)
{
	return mmu_walk_(m, cpu, a, false);
}

static int __attribute__((noinline, cold))
mmu_walk_traced(struct machine *m, int cpu, struct mmu_access *a)
{
	return mmu_walk_(m, cpu, a, true);
}

/* Everything but a plain 4 KiB hit: the 4 MiB part, misses, faults, the
 * D re-walk, and any access while a trace point listens. */
static inline __attribute__((always_inline)) int
mmu_access_slow_(struct machine *m, int cpu, u32 vaddr, u32 acc,
		 struct mmu_access *a, bool traced)
{
	struct cpu *c = &m->cpus[cpu];
	struct tlb *t = &c->tlb;
	struct tlb_entry *e;
	bool large;

	memset(a, 0, sizeof(*a));
	a->cpu = cpu;
	a->vaddr = vaddr;
	a->acc = acc;
	e = tlb_find(t, vaddr, &large);
	TP_EVENT_IF(traced, m, tlb_lookup, cpu, vaddr, e != NULL);
	if (e == NULL) {
		t->misses++;
		return traced ? mmu_walk_traced(m, cpu, a) :
				mmu_walk(m, cpu, a);
	}
	t->hits++;
	a->tlb_hit = true;
	a->large = large;
	if (!access_ok_bits(c->cr0, e->flags, acc))
		return mmu_fault(m, cpu, a, true, traced);
	if ((acc & ACC_WRITE) && !(e->flags & _PAGE_DIRTY)) {
		/* The CPU goes back to the tables to set D. */
		a->rewalk_dirty = true;
		tlb_entry_clear(e);
		t->large_used -= large;
		return traced ? mmu_walk_traced(m, cpu, a) :
				mmu_walk(m, cpu, a);
	}
	e->stamp = tlb_tick(t);
	a->flags = e->flags;
	a->phys = e->frame | (vaddr & (large ? ~PDE_LARGE_MASK : ~PAGE_MASK));
	return 0;
}

static int __attribute__((noinline, cold))
mmu_access_traced(struct machine *m, int cpu, u32 vaddr, u32 acc,
		  struct mmu_access *a)
{
	return mmu_access_slow_(m, cpu, vaddr, acc, a, true);
}

static int __attribute__((noinline))
mmu_access_slow(struct machine *m, int cpu, u32 vaddr, u32 acc,
		struct mmu_access *a)
{
	if (TP_ARMED(m))
		return mmu_access_traced(m, cpu, vaddr, acc, a);
	return mmu_access_slow_(m, cpu, vaddr, acc, a, false);
}

/*
 * The hit path, kept small: one set of the 4 KiB part, the cached bits,
 * the stamp.  (A set never holds two entries for one page: fills happen
 * on misses only.)
 */
int
mmu_access(struct machine *m, int cpu, u32 vaddr, u32 acc,
	   struct mmu_access *a)
{
	struct cpu *c = &m->cpus[cpu];
	struct tlb *t = &c->tlb;
	struct tlb_entry *e = small_set(t, vaddr);
	u32 tag = vaddr >> PAGE_SHIFT, need;
	int i;

	acc &= ACC_WRITE | ACC_USER;
	for (i = 0; i < t->ways; i++, e++)
		if (e->tag == tag)
			goto hit;
	return mmu_access_slow(m, cpu, vaddr, acc, a);
hit:
	/* The error-code bits are the entry bits they need: U for a user
	 * access, RW for a write (not for a supervisor write with CR0.WP
	 * clear); a write also needs D. */
	need = acc | ((acc & ACC_WRITE) << 5);
	if (unlikely(!(c->cr0 & X86_CR0_WP)) && !(acc & ACC_USER))
		need &= ~_PAGE_RW;
	if (unlikely((e->flags & need) != need || m->trace.armed ||
		     t->clock == 0xffffffffu))	/* the slow path renumbers */
		return mmu_access_slow(m, cpu, vaddr, acc, a);
	e->stamp = ++t->clock;
	t->hits++;
	memset(a, 0, sizeof(*a));
	a->cpu = cpu;
	a->vaddr = vaddr;
	a->acc = acc;
	a->tlb_hit = true;
	a->flags = e->flags;
	a->phys = e->frame | (vaddr & ~PAGE_MASK);
	return 0;
}

/* ---- debugger writes --------------------------------------------------------- */

void
mmu_note_phys_write(struct machine *m, u64 pa, u64 len)
{
	int cpu, i;

	for (cpu = 0; cpu < m->nr_cpus && !m->tlb_raw; cpu++) {
		struct tlb *t = &m->cpus[cpu].tlb;

		for (i = 0; i < t->sets * t->ways + t->nr_large; i++) {
			const struct tlb_entry *e = i < t->sets * t->ways ?
				&t->small[i] : &t->large[i - t->sets * t->ways];

			if (e->valid && e->pte_pa + 4 > pa && e->pte_pa < pa + len)
				m->tlb_raw = true;
		}
	}
}

int
pte_write_raw(struct machine *m, u32 pgd_pa, u32 vaddr, u32 val, u32 *pte_pa,
	      u32 *old)
{
	struct pt_walk w;

	pt_walk(m, pgd_pa, vaddr, &w);
	if (!(w.pde & _PAGE_PRESENT))
		return machine_err(m, -ENOENT,
				   "no page table maps 0x%08x: PDE %u is not present",
				   vaddr, pgd_index(vaddr));
	if (w.large)
		return machine_err(m, -EINVAL,
				   "0x%08x lies in a 4 MiB page: PDE %u maps it, there is no PTE",
				   vaddr, pgd_index(vaddr));
	if (!w.pte_pa)
		return machine_err(m, -ENOENT,
				   "PDE %u of 0x%08x points outside RAM",
				   pgd_index(vaddr), vaddr);
	*pte_pa = w.pte_pa;
	*old = w.pte;
	phys_write32(m, w.pte_pa, val);
	m->tlb_raw = true;
	return 0;
}
