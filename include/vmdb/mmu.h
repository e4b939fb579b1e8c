/* vmdb/mmu.h: the simulated i386 CPU's memory-management unit: control
 * registers, the TLB, the hardware page walk with its Accessed/Dirty
 * updates and permission checks, and the page-fault error code; then the
 * TLB primitives Linux builds on it (arch/x86/include/asm/tlbflush.h,
 * arch/x86/kernel/tlb_32.c / mm/tlb.c): flush_tlb_mm/page/range/all,
 * shootdown IPIs, lazy TLB mode, leave_mm and switch_mm.
 *
 * Model: one data TLB per CPU, split like a Pentium Pro/II/III's: a
 * set-associative part for 4 KiB pages (default 64 entries, 4-way, set =
 * linear page number mod sets) and a fully associative part for 4 MiB
 * pages (default 8).  Replacement is LRU within a set: each use stamps the
 * entry with the TLB's clock; a fill takes the first invalid way, else the
 * way with the smallest stamp.  Not-present translations are never cached.
 * (The clock is 32 bits: when it wraps, every set's stamps are renumbered
 * 1..ways in their LRU order, so the order survives.)
 *
 * The walk writes Accessed (PDE and PTE, or the 4 MiB PDE) and Dirty (the
 * final entry, on a write) only for an access that completes: a faulting
 * access changes nothing in RAM.  A cached entry remembers the effective
 * R/W and U/S (PDE AND PTE), A, D and G (G only when CR4.PGE was set at the
 * fill).  A hit is checked against the cached bits, not the tables: that is
 * what makes a stale entry visible.  A write hit on an entry cached with
 * D = 0 walks again to set D, and uses what that walk finds.
 *
 *   permission check           read        write
 *   user (CPL 3)               U           U and RW
 *   supervisor, CR0.WP = 1     always      RW
 *   supervisor, CR0.WP = 0     always      always
 *
 * CONFIG_SMP is NR_CPUS > 1 (boot --config NR_CPUS=1 gives the
 * uniprocessor kernel, whose flushes are local and which has no lazy TLB
 * mode).
 */
#ifndef VMDB_MMU_H
#define VMDB_MMU_H

#include "vmdb/types.h"

struct machine;
struct mm_struct;
struct task_struct;
struct vm_area_struct;
struct out;
struct strbuf;

/* Control register bits (asm/processor-flags.h). */
#define X86_CR0_PE	0x00000001u
#define X86_CR0_MP	0x00000002u
#define X86_CR0_TS	0x00000008u	/* lazy FPU: set as in a real boot */
#define X86_CR0_ET	0x00000010u
#define X86_CR0_NE	0x00000020u
#define X86_CR0_WP	0x00010000u
#define X86_CR0_AM	0x00040000u
#define X86_CR0_PG	0x80000000u
#define X86_CR4_PSE	0x00000010u
#define X86_CR4_PGE	0x00000080u

/* Page-fault error code (arch/x86/mm/fault.c). */
#define PF_PROT		0x01u	/* 0: not present, 1: protection */
#define PF_WRITE	0x02u
#define PF_USER		0x04u
#define PF_RSVD		0x08u
#define PF_INSTR	0x10u

/* The kind of an access, in the error code's own bits. */
#define ACC_READ	0u
#define ACC_WRITE	PF_WRITE
#define ACC_USER	PF_USER

/* cpu_tlbstate.state */
#define TLBSTATE_OK	1
#define TLBSTATE_LAZY	2

/* flush_tlb_others' "everything" address (asm/tlbflush.h) */
#define TLB_FLUSH_ALL	0xffffffffu
/* The tag of an empty way: no linear address shifts to it. */
#define TLB_TAG_NONE	0xffffffffu

struct tlb_entry {
	u32 tag;		/* vaddr >> 12 (4 KiB) or vaddr >> 22 (4 MiB) */
	u32 frame;		/* physical base of the page */
	u32 flags;		/* cached P, R/W and U/S (PDE & PTE), A, D, G */
	u32 pte_pa;		/* the entry it came from (PTE, or PDE if large) */
	u32 stamp;		/* LRU clock of the last use */
	bool valid;		/* invalid ways have tag TLB_TAG_NONE */
};

struct tlb {
	int sets;		/* 4 KiB part: sets x ways entries */
	int ways;
	int nr_large;		/* 4 MiB part, fully associative */
	struct tlb_entry *small;	/* sets * ways, set-major */
	struct tlb_entry *large;
	int large_used;		/* valid entries in large (0: lookups
				 * skip it); derived, not state */
	u32 clock;
	unsigned long hits, misses, fills, flushes;
};

/* Default geometry (Pentium Pro/II/III data TLB), and the bounds the
 * boot config accepts (entries a multiple of ways, sets a power of two). */
#define TLB_DEFAULT_ENTRIES	64
#define TLB_DEFAULT_WAYS	4
#define TLB_DEFAULT_LARGE	8
#define TLB_MAX_ENTRIES		4096
#define TLB_MAX_WAYS		64
#define TLB_MAX_LARGE		64

struct cpu {
	int id;
	u32 cr0, cr2, cr3, cr4;
	struct tlb tlb;
	struct task_struct *current;	/* NULL before the first task */
	struct mm_struct *active_mm;	/* NULL: init_mm (swapper_pg_dir) */
	int tlbstate;			/* TLBSTATE_OK or TLBSTATE_LAZY */
	unsigned long ipis;		/* flush IPIs received */
};

/* What one access did, step by step, for `touch` to print. */
struct mmu_access {
	int cpu;
	u32 vaddr;
	u32 acc;		/* ACC_WRITE | ACC_USER */
	bool tlb_hit;
	bool large;		/* a 4 MiB translation */
	bool walked;		/* the hardware walked the tables */
	bool rewalk_dirty;	/* a hit with D = 0 on a write: re-walked */
	bool set_accessed;	/* the walk set A in the PDE or PTE */
	bool set_dirty;		/* the walk set D in the PTE */
	u32 pde_pa, pde;	/* as the walk found them (after A/D) */
	u32 pte_pa, pte;
	u32 phys;		/* the result, when it did not fault */
	u32 flags;		/* the translation's cached bits (no fault) */
	bool fault;		/* it raised a page fault */
	u32 error_code;		/* PF_* when it faulted */
};

/* Boot: registers (CR0 PE|PG|WP..., CR3 = swapper_pg_dir, CR4 from the
 * CPU features) and an empty TLB on every CPU.  Geometry from the boot
 * config (tlb_entries/tlb_ways/tlb_large; 0 = default). */
int mmu_init(struct machine *m);
void mmu_free(struct machine *m);
/* The geometry check mmu_init applies: 0, or -EINVAL with the reason. */
int tlb_geometry_check(int entries, int ways, int large, char *why,
		       size_t n);

/*
 * One access by the CPU: TLB lookup, on a miss the walk over the tables
 * CR3 names (setting A, and D on a write), the permission check (U/S,
 * R/W; supervisor writes honour CR0.WP), the fill.  Returns 0 with a->phys
 * set, or -EFAULT for a page fault: a->error_code set, CR2 = vaddr, and
 * any TLB entry for vaddr dropped (as the CPU does on a fault); m->why is
 * left alone (a fault is the normal way to demand a page).
 */
int mmu_access(struct machine *m, int cpu, u32 vaddr, u32 acc,
	       struct mmu_access *a);

/* Hardware primitives, one CPU. */
void load_cr3(struct machine *m, int cpu, u32 pgd_pa);	/* drops non-global */
void __flush_tlb(struct machine *m, int cpu);		/* reload CR3 */
void __flush_tlb_global(struct machine *m, int cpu);	/* toggle CR4.PGE */
void __flush_tlb_all(struct machine *m, int cpu);	/* global, or CR3 */
void __flush_tlb_single(struct machine *m, int cpu, u32 vaddr);	/* invlpg */

/* Linux's flushes, run by the current CPU (m->this_cpu): local work,
 * then IPIs to the other CPUs in the mm's cpu_vm_mask (lazy receivers
 * leave_mm).  flush_tlb_range is flush_tlb_mm on x86.  flush_tlb_all runs
 * on every CPU; once it has emptied every TLB, m->tlb_raw is cleared. */
void flush_tlb_mm(struct machine *m, struct mm_struct *mm);
void flush_tlb_page(struct machine *m, struct vm_area_struct *vma, u32 addr);
void flush_tlb_range(struct machine *m, struct vm_area_struct *vma,
		     u32 start, u32 end);
void flush_tlb_all(struct machine *m);
void leave_mm(struct machine *m, int cpu);
/* The same flushes for an mm without a VMA at hand (commands). */
void flush_tlb_page_mm(struct machine *m, struct mm_struct *mm, u32 addr);
void flush_tlb_range_mm(struct machine *m, struct mm_struct *mm, u32 start,
			u32 end);
/* CONFIG_SMP: NR_CPUS > 1. */
bool tlb_smp(const struct machine *m);
/* The mm a CPU's TLB serves (cpu_tlbstate.active_mm), NULL for init_mm,
 * and the page directory it stands for. */
struct mm_struct *cpu_active_mm(struct machine *m, int cpu);
u32 mm_pgd(struct machine *m, const struct mm_struct *mm);

/* Context switch of the MMU: prev may equal next (back from lazy mode). */
void switch_mm(struct machine *m, struct mm_struct *prev,
	       struct mm_struct *next, int cpu);
/* A kernel thread starts running on cpu: lazy TLB on the borrowed mm. */
void enter_lazy_tlb(struct machine *m, struct mm_struct *mm, int cpu);

/* ---- looking at the TLB ----------------------------------------------- */

/* The entry that would translate vaddr on cpu (4 KiB part first), without
 * using it (no LRU stamp, no counter); NULL if none.  *large tells which
 * part it is in. */
const struct tlb_entry *tlb_probe(struct machine *m, int cpu, u32 vaddr,
				  bool *large);
/* Valid entries on cpu (both parts). */
int tlb_nr_valid(struct machine *m, int cpu);
/* The linear address an entry translates. */
u32 tlb_entry_vaddr(const struct tlb_entry *e, bool large);
/*
 * Whether an entry contradicts the page tables it stands for: user
 * addresses through the CPU's CR3, kernel addresses through
 * swapper_pg_dir (init_mm's tables, which every pgd copies).  Fewer A/D
 * (or G) bits than the tables have is not a contradiction; a cached entry
 * in a lazily freed vmap area is not one either (Linux defers that flush
 * to the purge).  Returns true with the difference in why (if non-NULL).
 */
bool tlb_entry_stale(struct machine *m, int cpu, const struct tlb_entry *e,
		     bool large, struct strbuf *why);
/*
 * The raw action: writes val into the PTE that maps vaddr in the page
 * directory at pgd_pa, with no TLB flush, and sets m->tlb_raw.  Returns 0
 * with the PTE's physical address and old value, or -ENOENT when no page
 * table maps vaddr (PDE not present) and -EINVAL when a 4 MiB PDE does.
 */
int pte_write_raw(struct machine *m, u32 pgd_pa, u32 vaddr, u32 val,
		  u32 *pte_pa, u32 *old);
/* A debugger write to physical [pa, pa + len) (`write`, `set`, `pte =`):
 * if a TLB caches an entry read from there, sets m->tlb_raw. */
void mmu_note_phys_write(struct machine *m, u64 pa, u64 len);

/* "rw kern A D G": an entry's cached bits, fixed width. */
void tlb_flags_format(struct strbuf *sb, u32 flags);
/* "not-present write from user mode (error 0x6: PF_WRITE|PF_USER)" */
void pf_error_format(struct strbuf *sb, u32 error_code);
/* What one mmu_access did, a line per step (for `touch`): the TLB
 * lookup, the walk with the A/D bits it set, the fill or the fault. */
void mmu_access_format(struct machine *m, const struct mmu_access *a,
		       struct strbuf *sb);
/* A page-table entry decoded: present (frame, flags), none, PROT_NONE,
 * a nonlinear file pte (pgoff) or a swap entry (type, offset). */
void pte_decode_format(struct strbuf *sb, u32 pte);

/* The TLB listing (`tlb`) and the consistency check (`check`): an entry
 * contradicting the tables is an error unless m->tlb_raw says a raw
 * command (or a debugger write into a page table) may have made it so. */
void show_tlb(struct machine *m, int cpu, struct out *o);
int check_tlb(struct machine *m, struct out *o);

#endif
