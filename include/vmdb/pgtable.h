/* vmdb/pgtable.h: i386 two-level paging (non-PAE) as it lives in simulated
 * RAM: entry formats, the software page walker, the kernel's own page
 * table (swapper_pg_dir) and access to memory through it.
 *
 * A linear address:
 *
 *   31            22 21            12 11             0
 *  +----------------+----------------+----------------+
 *  | directory (10) |   table (10)   |   offset (12)  |
 *  +----------------+----------------+----------------+
 *
 * CR3 holds the physical address of a page directory of 1024 PDEs.  A PDE
 * points to a page table of 1024 PTEs, or (PS set, CR4.PSE) maps a 4 MiB
 * page itself.  Linux's pud and pmd are folded into the pgd: a "pmd" is the
 * PDE.  Entries are little-endian 32-bit words in simulated RAM; every
 * reader and writer goes through pte_read()/pte_write().
 */
#ifndef VMDB_PGTABLE_H
#define VMDB_PGTABLE_H

#include <string.h>

#include "vmdb/machine.h"
#include "vmdb/types.h"

struct machine;
struct out;
struct strbuf;

#define PTRS_PER_PGD		1024
#define PTRS_PER_PTE		1024
#define PGDIR_SIZE		(1u << PGDIR_SHIFT)
#define PGDIR_MASK		(~(PGDIR_SIZE - 1))
#define PMD_SIZE		PGDIR_SIZE
#define PMD_MASK		PGDIR_MASK

#define pgd_index(va)		((u32)(va) >> PGDIR_SHIFT)
#define pte_index(va)		(((u32)(va) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))

/* Entry bits (arch/x86/include/asm/pgtable_types.h, non-PAE). */
#define _PAGE_PRESENT		0x001u
#define _PAGE_RW		0x002u
#define _PAGE_USER		0x004u
#define _PAGE_PWT		0x008u
#define _PAGE_PCD		0x010u
#define _PAGE_ACCESSED		0x020u
#define _PAGE_DIRTY		0x040u
#define _PAGE_PSE		0x080u	/* in a PDE: 4 MiB page */
#define _PAGE_PAT		0x080u	/* in a PTE */
#define _PAGE_GLOBAL		0x100u
#define _PAGE_SPECIAL		0x200u	/* software: no struct page behind */
#define _PAGE_IOMAP		0x400u	/* software: maps I/O memory */
#define _PAGE_FILE		0x040u	/* not present: nonlinear file pte */
#define _PAGE_PROTNONE		0x100u	/* not present: PROT_NONE */
#define PTE_FLAGS_MASK		0x00000fffu
#define PTE_PFN_MASK		0xfffff000u
#define PDE_LARGE_MASK		0xffc00000u

#define _PAGE_TABLE		0x067u	/* P|RW|USER|A|D: a user page table */
#define _KERNPG_TABLE		0x063u	/* P|RW|A|D: a kernel page table */
#define PTE_IDENT_ATTR		0x003u	/* head_32.S: P|RW */
#define PDE_IDENT_ATTR		0x067u
#define __PAGE_KERNEL		0x163u	/* P|RW|A|D|G */
#define __PAGE_KERNEL_NOCACHE	0x17bu	/* + PCD|PWT */
#define __PAGE_KERNEL_LARGE	0x1e3u	/* + PSE */
#define PAGE_NONE		0x120u
#define PAGE_SHARED		0x027u
#define PAGE_COPY		0x025u
#define PAGE_READONLY		0x025u

/*
 * Entries and other simulated words are little-endian; vmdb runs on
 * little-endian hosts only (configure refuses others), so a word is a
 * memcpy.  pa must be 4-byte aligned and below machine->ram_bytes.
 */
u32 phys_read32(struct machine *m, u32 pa);
void phys_write32(struct machine *m, u32 pa, u32 val);

/* ---- the walker ----------------------------------------------------------
 *
 * pt_walk() translates one linear address through the page directory at
 * physical address pgd_pa exactly as the MMU would, reading (never
 * writing) entries in simulated RAM.  It records every step, so that a
 * caller can print the walk, and so that the MMU (TLB, Accessed/Dirty,
 * permission checks) can be built in front of it without a second walker.
 */
struct pt_walk {
	u32 vaddr;
	u32 pgd_pa;		/* page directory (CR3 & PTE_PFN_MASK) */
	u32 pde_pa;		/* physical address of the PDE */
	u32 pde;
	u32 pte_pa;		/* of the PTE; 0 when the PDE ended the walk */
	u32 pte;
	bool large;		/* a 4 MiB PSE page */
	bool present;		/* the translation exists */
	u32 phys;		/* the physical address, when present */
	u32 flags;		/* effective U/S and R/W: PDE & PTE; PTE's rest */
};

/* Returns 0 with w->phys set, or -EFAULT (not present) with w filled as
 * far as the walk got. */
int pt_walk(struct machine *m, u32 pgd_pa, u32 vaddr, struct pt_walk *w);

/*
 * What a PTE holds for Linux (2.6.32 i386 2-level, pgtable-2level.h and
 * pgtable.h).  pte_present tests PRESENT|PROTNONE: a PROT_NONE page is
 * present to Linux (its A and D bits keep their meaning) though not to
 * the MMU.  Only when neither bit is set does pte_file look at bit 6
 * (_PAGE_FILE, Dirty's bit): set, the PTE is a nonlinear file pte;
 * clear, any other value is a swap entry.
 *
 *	31                 9   8   7   6  5      1  0
 *	[   pfn, pgoff or swap offset  ][G/PN][PAT][D/F][flags/type][P]
 */
enum pte_kind { PTE_KIND_NONE, PTE_KIND_PRESENT, PTE_KIND_PROTNONE,
		PTE_KIND_FILE, PTE_KIND_SWAP };

static inline enum pte_kind
pte_kind(u32 pte)
{
	if (pte == 0)
		return PTE_KIND_NONE;
	if (pte & _PAGE_PRESENT)
		return PTE_KIND_PRESENT;
	if (pte & _PAGE_PROTNONE)
		return PTE_KIND_PROTNONE;
	return pte & _PAGE_FILE ? PTE_KIND_FILE : PTE_KIND_SWAP;
}

/* The set bits of an entry, as names ("PRESENT|RW|USER|ACCESSED").  A
 * not-present PTE is named by its kind: a PROT_NONE PTE's bits as for a
 * present one with PROTNONE for bit 8; a file pte is "FILE" and a swap
 * entry "SWAP" (their other bits are an offset, not flags). */
void pte_flags_format(struct strbuf *sb, u32 entry, bool pde);

/* ---- the kernel page table (init_mm, swapper_pg_dir) --------------------- */

/* The first fixmap slots (asm/fixmap.h); the rest depend on NR_CPUS and
 * are in struct machine (fix_kmap_begin, fix_perm, fix_btmap_begin ...).
 * Slot x is at FIXADDR_TOP - x pages. */
enum {
	FIX_HOLE, FIX_VDSO, FIX_DBGP_BASE, FIX_EARLYCON_MEM_BASE,
	FIX_APIC_BASE, FIX_IO_APIC_BASE_0,
};
#define MAX_IO_APICS		64

/* The fixmap's index <-> address arithmetic (asm/fixmap.h). */
static inline u32
__fix_to_virt(const struct machine *m, u32 idx)
{
	return m->fixaddr_top - (idx << PAGE_SHIFT);
}

static inline u32
__virt_to_fix(const struct machine *m, u32 vaddr)
{
	return (m->fixaddr_top - (vaddr & PAGE_MASK)) >> PAGE_SHIFT;
}
#define KM_TYPE_NR		19


/* Builds the boot page tables in RAM (head_32.S, init_memory_mapping,
 * early_ioremap_init, permanent_kmaps_init): called by arch_mem_setup. */
void pagetable_boot_direct(struct machine *m, u32 brk_pa, u32 head_tables,
			   u32 pgt_buf_pa, u32 pgt_buf_pages, u32 *pgt_used);
void pagetable_boot_pkmap(struct machine *m, u32 table_pa);
void pagetable_boot_done(struct machine *m);
/* Sets (prot != 0) or clears a fixmap slot's PTE. */
void set_fixmap(struct machine *m, u32 idx, u32 phys, u32 prot);

/*
 * The physical address of the kernel PTE that maps vaddr, allocating a
 * page table from the buddy allocator when the PDE is empty
 * (pte_alloc_kernel).  Returns 0 on success with *pte_pa set, -ENOMEM when
 * no page is left, -EINVAL when vaddr lies in a PSE mapping.
 */
int pte_alloc_kernel(struct machine *m, u32 vaddr, u32 *pte_pa);
/* The kernel PTE for vaddr if its page table exists, else 0. */
u32 kernel_pte_pa(struct machine *m, u32 vaddr);
/* A PTE mapping pfn with prot as the kernel writes it (pfn_pte, whose
 * massage_pgprot drops _PAGE_GLOBAL without PGE and _PAGE_IOMAP). */
u32 pfn_pte(struct machine *m, u32 pfn, u32 prot);
/* Flushes kernel translations for [start, end) on every CPU
 * (flush_tlb_kernel_range = flush_tlb_all on i386). */
void flush_tlb_kernel_range(struct machine *m, u32 start, u32 end);
/* Drops one kernel translation on the current CPU (__flush_tlb_one). */
void flush_tlb_one_kernel(struct machine *m, u32 vaddr);

/* ---- memory access ------------------------------------------------------- */

/*
 * Copies len bytes from/to kernel virtual memory, translating every page
 * through swapper_pg_dir, as a debugger does: no Accessed or Dirty bit is
 * set and page protection is not checked.  Returns 0, or -EFAULT with the
 * reason in m->why (the first address that is not mapped, or maps no
 * RAM) and nothing copied.
 */
int kernel_read(struct machine *m, u32 vaddr, void *buf, u32 len);
int kernel_write(struct machine *m, u32 vaddr, const void *buf, u32 len);
/* The same for physical addresses: -EFAULT beyond the end of RAM. */
int phys_read(struct machine *m, u64 pa, void *buf, u32 len);
int phys_write(struct machine *m, u64 pa, const void *buf, u32 len);

/* ---- dumps and checks ---------------------------------------------------- */

/* /sys/kernel/debug/kernel_page_tables for the directory at pgd_pa. */
void ptdump(struct machine *m, u32 pgd_pa, struct out *o);
int check_pgtable(struct machine *m, struct out *o);

#endif
