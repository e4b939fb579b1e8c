/* arch/i386/pgtable.c: page tables in simulated RAM.  The boot-time kernel
 * page table (arch/x86/kernel/head_32.S, arch/x86/mm/init_32.c
 * kernel_physical_mapping_init, early_ioremap_init, permanent_kmaps_init,
 * zap_low_mappings), the software walker every command uses, kernel page
 * tables on demand (pte_alloc_kernel), byte access through the kernel's
 * translation, and the page-table dump (arch/x86/mm/dump_pagetables.c).
 *
 * Where the boot tables live (physical), as in a 2.6.32 image:
 *
 *   swapper_pg_dir      first page of .bss (page-aligned bss)
 *   swapper_pg_fixmap   the next page: head_32.S's early fixmap table
 *   empty_zero_page     the next
 *   bm_pte              the next: early_ioremap's fixmap table, which
 *                       replaces swapper_pg_fixmap in the last PDE
 *   first 4 MiB table   .brk, built by head_32.S (with the tables for the
 *                       rest of the image, later replaced by PSE PDEs)
 *   lowmem tail table   the "PGTABLE" early reservation (alloc_low_page)
 *   pkmap table         a bootmem page (paging_init)
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "vmdb/machine.h"
#include "vmdb/out.h"
#include "vmdb/pgtable.h"
#include "vmdb/sched.h"
#include "vmdb/util.h"

/* ---- words in RAM ---------------------------------------------------------- */

u32
phys_read32(struct machine *m, u32 pa)
{
	return ram_read32(m, pa);
}

void
phys_write32(struct machine *m, u32 pa, u32 val)
{
	ram_write32(m, pa, val);
}

static bool
phys_in_ram(struct machine *m, u64 pa, u64 len)
{
	return pa <= m->ram_bytes && len <= m->ram_bytes - pa;
}

/* ---- the walker -------------------------------------------------------------- */

int
pt_walk(struct machine *m, u32 pgd_pa, u32 vaddr, struct pt_walk *w)
{
	memset(w, 0, sizeof(*w));
	w->vaddr = vaddr;
	w->pgd_pa = pgd_pa & PTE_PFN_MASK;
	w->pde_pa = w->pgd_pa + pgd_index(vaddr) * 4;
	w->pde = phys_read32(m, w->pde_pa);
	if (!(w->pde & _PAGE_PRESENT))
		return -EFAULT;
	if ((w->pde & _PAGE_PSE) && m->cpu_pse) {
		w->large = true;
		w->present = true;
		w->flags = w->pde & PTE_FLAGS_MASK;
		w->phys = (w->pde & PDE_LARGE_MASK) | (vaddr & ~PDE_LARGE_MASK);
		return 0;
	}
	w->pte_pa = (w->pde & PTE_PFN_MASK) + pte_index(vaddr) * 4;
	if (!phys_in_ram(m, w->pte_pa, 4)) {
		/* A PDE pointing outside RAM: the walk reads nothing. */
		w->pte_pa = 0;
		return -EFAULT;
	}
	w->pte = phys_read32(m, w->pte_pa);
	if (!(w->pte & _PAGE_PRESENT))
		return -EFAULT;
	w->present = true;
	/* U/S and R/W are the AND of both levels; the rest is the PTE's. */
	w->flags = (w->pte & PTE_FLAGS_MASK & ~(_PAGE_USER | _PAGE_RW)) |
		   (w->pte & w->pde & (_PAGE_USER | _PAGE_RW));
	w->phys = (w->pte & PTE_PFN_MASK) | (vaddr & ~PAGE_MASK);
	return 0;
}

void
pte_flags_format(struct strbuf *sb, u32 e, bool pde)
{
	static const char *const names[12] = {
		"PRESENT", "RW", "USER", "PWT", "PCD", "ACCESSED", "DIRTY",
		"PSE", "GLOBAL", "SPECIAL", "IOMAP", "bit11",
	};
	enum pte_kind kind = pde ? PTE_KIND_PRESENT : pte_kind(e);
	size_t start = sb->len;
	int i;

	if (kind == PTE_KIND_FILE || kind == PTE_KIND_SWAP) {
		sb_puts(sb, kind == PTE_KIND_FILE ? "FILE" : "SWAP");
		return;
	}
	for (i = 0; i < 12; i++) {
		const char *n = names[i];

		if (!(e & (1u << i)))
			continue;
		if (i == 7 && !pde)
			n = "PAT";
		if (i == 8 && kind == PTE_KIND_PROTNONE)
			n = "PROTNONE";
		sb_printf(sb, "%s%s", sb->len > start ? "|" : "", n);
	}
	if (sb->len == start)
		sb_puts(sb, "none");
}

/* ---- boot ---------------------------------------------------------------------- */

static u32
kernel_pgd(struct machine *m, u32 vaddr)
{
	return m->swapper_pg_dir + pgd_index(vaddr) * 4;
}

static u32
kernel_prot(struct machine *m, u32 prot)
{
	/* __supported_pte_mask has _PAGE_GLOBAL only when the CPU has PGE. */
	return m->cpu_pge ? prot : prot & ~_PAGE_GLOBAL;
}

/* An early page table from the "PGTABLE" buffer (alloc_low_page). */
struct pgt_buf {
	u32 pa, pages, used;
};

static u32
alloc_low_page(struct machine *m, struct pgt_buf *b)
{
	u32 pa;

	if (b->used >= b->pages) {
		m->boot_failed = true;
		machine_err(m, -ENOMEM, "alloc_low_page: ran out of memory (the kernel panics here)");
		return 0;
	}
	pa = b->pa + b->used++ * PAGE_SIZE;
	memset(phys_to_host(m, pa), 0, PAGE_SIZE);
	return pa;
}

/* one_page_table_init: the table behind a PDE, made when missing. */
static u32
one_page_table_init(struct machine *m, u32 vaddr, struct pgt_buf *b)
{
	u32 pde = phys_read32(m, kernel_pgd(m, vaddr)), pa;

	if ((pde & _PAGE_PRESENT) && !(pde & _PAGE_PSE))
		return pde & PTE_PFN_MASK;
	pa = alloc_low_page(m, b);
	if (pa)
		phys_write32(m, kernel_pgd(m, vaddr), pa | _PAGE_TABLE);
	return pa;
}

/*
 * head_32.S builds the first tables from .brk: identity-mapped at 0 and
 * at PAGE_OFFSET through the same PDEs, whole tables of P|RW entries, up
 * to the end of the image plus the slack it needs; the last PDE gets
 * swapper_pg_fixmap.  early_ioremap_init then puts bm_pte under the
 * boot-time fixmap slots.
 */
static void
head_32_tables(struct machine *m, u32 brk_pa, u32 nr_tables)
{
	u32 i, j, kpgd = pgd_index(m->page_offset);

	memset(phys_to_host(m, m->swapper_pg_dir), 0, PAGE_SIZE);
	for (i = 0; i < nr_tables; i++) {
		u32 table = brk_pa + i * PAGE_SIZE;

		for (j = 0; j < PTRS_PER_PTE; j++)
			phys_write32(m, table + j * 4,
				     ((i * PTRS_PER_PTE + j) << PAGE_SHIFT) |
				     PTE_IDENT_ATTR);
		phys_write32(m, m->swapper_pg_dir + i * 4, table | PDE_IDENT_ATTR);
		phys_write32(m, m->swapper_pg_dir + (kpgd + i) * 4,
			     table | PDE_IDENT_ATTR);
	}
	memset(phys_to_host(m, m->swapper_pg_fixmap), 0, PAGE_SIZE);
	phys_write32(m, m->swapper_pg_dir + (PTRS_PER_PGD - 1) * 4,
		     m->swapper_pg_fixmap | PDE_IDENT_ATTR);
	memset(phys_to_host(m, m->bm_pte), 0, PAGE_SIZE);
	phys_write32(m, kernel_pgd(m, __fix_to_virt(m, m->fix_btmap_begin)),
		     m->bm_pte | _PAGE_TABLE);
}

/*
 * kernel_physical_mapping_init for one range of init_memory_mapping, the
 * final (second) pass: PSE PDEs of PAGE_KERNEL_LARGE, or PTEs of
 * PAGE_KERNEL in tables that exist already (head_32.S) or come from the
 * PGTABLE buffer.
 */
static void
map_lowmem_range(struct machine *m, u32 start_pfn, u32 end_pfn, bool pse,
		 struct pgt_buf *b)
{
	u32 pfn = start_pfn;

	while (pfn < end_pfn) {
		u32 va = m->page_offset + (pfn << PAGE_SHIFT), table;

		if (pse) {
			phys_write32(m, kernel_pgd(m, va), (pfn << PAGE_SHIFT) |
				     kernel_prot(m, __PAGE_KERNEL_LARGE));
			pfn += PTRS_PER_PTE;
			continue;
		}
		table = one_page_table_init(m, va, b);
		if (!table)
			return;
		do {
			phys_write32(m, table + pte_index(va) * 4,
				     (pfn << PAGE_SHIFT) |
				     kernel_prot(m, __PAGE_KERNEL));
			pfn++;
			va += PAGE_SIZE;
		} while (pfn < end_pfn && pte_index(va) != 0);
	}
}

void
pagetable_boot_direct(struct machine *m, u32 brk_pa, u32 head_tables,
		      u32 pgt_buf_pa, u32 pgt_buf_pages, u32 *pgt_used)
{
	struct pgt_buf b = { pgt_buf_pa, pgt_buf_pages, 0 };
	u32 end_pfn = m->max_low_pfn, mid_s = PMD_SIZE >> PAGE_SHIFT;
	u32 mid_e = end_pfn & ~(PTRS_PER_PTE - 1), va, end;

	head_32_tables(m, brk_pa, head_tables);
	if (m->cpu_pse && mid_s < mid_e) {
		map_lowmem_range(m, 0, mid_s, false, &b);
		map_lowmem_range(m, mid_s, mid_e, true, &b);
		map_lowmem_range(m, mid_e, end_pfn, false, &b);
	} else {
		map_lowmem_range(m, 0, end_pfn, false, &b);
	}
	/* early_ioremap_page_table_range_init: tables under every fixmap
	 * slot, permanent and boot-time. */
	va = __fix_to_virt(m, m->fix_end - 1) & PMD_MASK;
	end = (m->fixaddr_top + PMD_SIZE - 1) & PMD_MASK;
	do {
		one_page_table_init(m, va, &b);
		va += PMD_SIZE;
	} while (va != end && va != 0);
	*pgt_used = b.used;
}

/* A fixmap slot's PTE (set_fixmap / clear_fixmap). */
void
set_fixmap(struct machine *m, u32 idx, u32 phys, u32 prot)
{
	u32 pte = kernel_pte_pa(m, __fix_to_virt(m, idx));

	if (pte)
		phys_write32(m, pte, prot ? (phys & PTE_PFN_MASK) | prot : 0);
}

void
pagetable_boot_pkmap(struct machine *m, u32 table_pa)
{
	memset(phys_to_host(m, table_pa), 0, PAGE_SIZE);
	phys_write32(m, kernel_pgd(m, m->pkmap_base), table_pa | _PAGE_TABLE);
	m->pkmap_page_table = table_pa;
}

/*
 * The end of boot: the local APIC and the first IO-APIC get their
 * uncached fixmap slots (init_apic_mappings, ioapic_init_mappings), and
 * zap_low_mappings drops head_32.S's identity mapping below PAGE_OFFSET.
 */
void
pagetable_boot_done(struct machine *m)
{
	memset(phys_to_host(m, m->empty_zero_page), 0, PAGE_SIZE);
	set_fixmap(m, FIX_APIC_BASE, 0xfee00000u,
		   kernel_prot(m, __PAGE_KERNEL_NOCACHE));
	set_fixmap(m, FIX_IO_APIC_BASE_0, 0xfec00000u,
		   kernel_prot(m, __PAGE_KERNEL_NOCACHE));
	memset(phys_to_host(m, m->swapper_pg_dir), 0,
	       pgd_index(m->page_offset) * 4);
}

/* ---- kernel page tables at run time ------------------------------------------- */

u32
kernel_pte_pa(struct machine *m, u32 vaddr)
{
	u32 pde = phys_read32(m, kernel_pgd(m, vaddr));

	if (!(pde & _PAGE_PRESENT) || (pde & _PAGE_PSE))
		return 0;
	return (pde & PTE_PFN_MASK) + pte_index(vaddr) * 4;
}

int
pte_alloc_kernel(struct machine *m, u32 vaddr, u32 *pte_pa)
{
	u32 pgd = kernel_pgd(m, vaddr), pde = phys_read32(m, pgd);
	long pfn;

	if ((pde & _PAGE_PRESENT) && (pde & _PAGE_PSE))
		return machine_err(m, -EINVAL,
				   "0x%08x is inside a 4 MiB page of the direct mapping",
				   vaddr);
	if (!(pde & _PAGE_PRESENT)) {
		/* pte_alloc_one_kernel: a zeroed page (PGALLOC_GFP). */
		pfn = alloc_pages(m, GFP_KERNEL | __GFP_REPEAT | __GFP_ZERO, 0);
		if (pfn < 0)
			return machine_err(m, -ENOMEM,
					   "no page left for a kernel page table");
		memset(phys_to_host(m, PFN_PHYS(pfn)), 0, PAGE_SIZE);
		pde = ((u32)pfn << PAGE_SHIFT) | _PAGE_TABLE;
		phys_write32(m, pgd, pde);
		m->nr_kernel_ptes++;
	}
	*pte_pa = (pde & PTE_PFN_MASK) + pte_index(vaddr) * 4;
	return 0;
}

/* i386 flushes the whole TLB of every CPU for a kernel range. */
void
flush_tlb_kernel_range(struct machine *m, u32 start, u32 end)
{
	TP_EVENT(m, flush_tlb_kernel_range, start, end);
	flush_tlb_all(m);
}

/* __flush_tlb_one: invlpg on this CPU only.  Every kunmap_atomic runs
 * it: split trace point (vmdb/trace.h), so that idle it is a tail jump. */
static void __attribute__((noinline, cold))
flush_tlb_one_traced(struct machine *m, u32 vaddr)
{
	TP_EVENT(m, __flush_tlb_one, vaddr);
	__flush_tlb_single(m, m->this_cpu, vaddr);
}

void
flush_tlb_one_kernel(struct machine *m, u32 vaddr)
{
	if (TP_ARMED(m))
		flush_tlb_one_traced(m, vaddr);
	else
		__flush_tlb_single(m, m->this_cpu, vaddr);
}

/* ---- memory access ------------------------------------------------------------ */

/* The page directory a debugger read of vaddr goes through: the current
 * task's for user addresses, swapper_pg_dir for the kernel's. */
static u32
view_pgd(struct machine *m, u32 vaddr, char *name, size_t n)
{
	struct task_struct *t = current_task(m);

	if (vaddr < m->page_offset && t && t->mm) {
		snprintf(name, n, "pid %d's page table", t->pid);
		return t->mm->pgd;
	}
	snprintf(name, n, "swapper_pg_dir");
	return m->swapper_pg_dir;
}

/* Checks that [vaddr, vaddr + len) translates, without touching it. */
static int
kernel_range_ok(struct machine *m, u32 vaddr, u32 len)
{
	char name[40];
	u64 va = vaddr, end = (u64)vaddr + len;
	struct pt_walk w;

	if (end > 0x100000000ull)
		return machine_err(m, -EFAULT, "0x%08x + %u runs past 0xffffffff",
				   vaddr, len);
	while (va < end) {
		if (pt_walk(m, view_pgd(m, (u32)va, name, sizeof(name)),
			    (u32)va, &w))
			return machine_err(m, -EFAULT,
					   "0x%08x is not mapped in %s (%s not present)",
					   (u32)va, name, w.pte_pa ? "PTE" : "PDE");
		if (!phys_in_ram(m, w.phys, 1))
			return machine_err(m, -EFAULT,
					   "0x%08x maps physical 0x%08x, which is not RAM",
					   (u32)va, w.phys);
		va = (va | (w.large ? ~PDE_LARGE_MASK : ~PAGE_MASK)) + 1;
	}
	return 0;
}

static int
kernel_copy(struct machine *m, u32 vaddr, void *buf, u32 len, bool write)
{
	struct pt_walk w;
	u8 *p = buf;
	int err = kernel_range_ok(m, vaddr, len);

	if (err)
		return err;
	while (len) {
		u32 chunk;

		char name[40];

		pt_walk(m, view_pgd(m, vaddr, name, sizeof(name)), vaddr, &w);
		chunk = MIN(len, PAGE_SIZE - (vaddr & ~PAGE_MASK));
		if (write) {
			ram_write(m, w.phys, p, chunk);
			mmu_note_phys_write(m, w.phys, chunk);
		} else {
			ram_read(m, w.phys, p, chunk);
		}
		p += chunk;
		vaddr += chunk;
		len -= chunk;
	}
	return 0;
}

int
kernel_read(struct machine *m, u32 vaddr, void *buf, u32 len)
{
	return kernel_copy(m, vaddr, buf, len, false);
}

int
kernel_write(struct machine *m, u32 vaddr, const void *buf, u32 len)
{
	return kernel_copy(m, vaddr, (void *)buf, len, true);
}

int
phys_read(struct machine *m, u64 pa, void *buf, u32 len)
{
	if (!phys_in_ram(m, pa, len))
		return machine_err(m, -EFAULT,
				   "physical 0x%llx + %u is beyond the end of RAM (0x%zx)",
				   (unsigned long long)pa, len, m->ram_bytes);
	ram_read(m, pa, buf, len);
	return 0;
}

int
phys_write(struct machine *m, u64 pa, const void *buf, u32 len)
{
	if (!phys_in_ram(m, pa, len))
		return machine_err(m, -EFAULT,
				   "physical 0x%llx + %u is beyond the end of RAM (0x%zx)",
				   (unsigned long long)pa, len, m->ram_bytes);
	ram_write(m, pa, buf, len);
	mmu_note_phys_write(m, pa, len);
	return 0;
}

/* ---- the dump ------------------------------------------------------------------- */

/*
 * Runs of entries with the same flags and level become one line, as the
 * kernel's debugfs kernel_page_tables prints them; a line also ends at
 * each marker of the address-space layout.  Addresses are 32-bit: the
 * last line ends at 0x00000000 (4 GiB wrapped), as on a real i386.
 */
struct dump_marker {
	u32 start;
	const char *name;
};

struct dump_state {
	struct out *o;
	int level;		/* 0: nothing yet */
	u32 prot;
	u32 start;
	u32 cur;
	const struct dump_marker *marker;
};

static void
dump_prot(struct out *o, u32 pr, int level)
{
	static const char *const level_name[] = {
		"cr3", "pgd", "pud", "pmd", "pte",
	};

	if (!pr) {
		out_printf(o, "                          ");
	} else if (level == 4 && pte_kind(pr) == PTE_KIND_FILE) {
		out_printf(o, "%-26s", "file pte");
	} else if (level == 4 && pte_kind(pr) == PTE_KIND_SWAP) {
		out_printf(o, "%-26s", "swap entry");
	} else if (level == 4 && pte_kind(pr) == PTE_KIND_PROTNONE) {
		out_printf(o, "%-26s", "PROT_NONE");
	} else {
		out_printf(o, "%s", pr & _PAGE_USER ? "USR " : "    ");
		out_printf(o, "%s", pr & _PAGE_RW ? "RW " : "ro ");
		out_printf(o, "%s", pr & _PAGE_PWT ? "PWT " : "    ");
		out_printf(o, "%s", pr & _PAGE_PCD ? "PCD " : "    ");
		if (level <= 3)
			out_printf(o, "%s", pr & _PAGE_PSE ? "PSE " : "    ");
		else
			out_printf(o, "%s", pr & _PAGE_PAT ? "pat " : "    ");
		out_printf(o, "%s", pr & _PAGE_GLOBAL ? "GLB " : "    ");
		out_printf(o, "x  ");	/* no NX without PAE */
	}
	out_printf(o, "%s\n", level_name[level]);
}

/*
 * What splits a run of PTEs.  The kernel's dump compares the flag bits
 * only, which is right for its own tables (every entry present or
 * none); a process's tables also hold not-present entries whose low
 * bits are part of an offset.  A file pte or a swap entry counts as its
 * kind alone (so a run of swap entries is one line); a PROT_NONE PTE
 * keeps its flags, as a present one does.
 */
static u32
dump_pte_prot(u32 pte)
{
	switch (pte_kind(pte)) {
	case PTE_KIND_FILE:
		return _PAGE_FILE;
	case PTE_KIND_SWAP:
		return _PAGE_RW;	/* neither PRESENT, PROTNONE nor FILE */
	default:
		return pte & PTE_FLAGS_MASK;
	}
}

static void
note_page(struct dump_state *st, u32 prot, int level,
	  const struct dump_marker *markers)
{
	static const char units[] = "KMGTPE";

	if (!st->level) {
		st->prot = prot;
		st->level = level;
		st->marker = markers;
		out_printf(st->o, "---[ %s ]---\n", st->marker->name);
	} else if (prot != st->prot || level != st->level ||
		   st->cur >= st->marker[1].start) {
		const char *unit = units;
		u32 delta = (st->cur - st->start) >> 10;

		out_printf(st->o, "0x%08x-0x%08x   ", st->start, st->cur);
		while (!(delta & 1023) && unit[1]) {
			delta >>= 10;
			unit++;
		}
		out_printf(st->o, "%9u%c ", delta, *unit);
		dump_prot(st->o, st->prot, st->level);
		if (st->cur >= st->marker[1].start) {
			st->marker++;
			out_printf(st->o, "---[ %s ]---\n", st->marker->name);
		}
		st->start = st->cur;
		st->prot = prot;
		st->level = level;
	}
}

void
ptdump(struct machine *m, u32 pgd_pa, struct out *o)
{
	struct dump_marker mk[8];
	struct dump_state st = { .o = o };
	int n = 0, i, j;

	/* 2.6.32 spells the kmap marker "Persisent". */
	mk[n++] = (struct dump_marker){ 0, "User Space" };
	mk[n++] = (struct dump_marker){ m->page_offset, "Kernel Mapping" };
	mk[n++] = (struct dump_marker){ m->vmalloc_start, "vmalloc() Area" };
	mk[n++] = (struct dump_marker){ m->vmalloc_end, "vmalloc() End" };
	if (m->cfg.highmem)
		mk[n++] = (struct dump_marker){ m->pkmap_base,
						"Persisent kmap() Area" };
	mk[n++] = (struct dump_marker){ m->fixaddr_start, "Fixmap Area" };
	mk[n++] = (struct dump_marker){ 0xffffffffu, NULL };

	for (i = 0; i < PTRS_PER_PGD; i++) {
		u32 pde = phys_read32(m, pgd_pa + i * 4), table;

		st.cur = (u32)i << PGDIR_SHIFT;
		if (!pde) {
			note_page(&st, 0, 1, mk);
			continue;
		}
		if ((pde & _PAGE_PSE) || !(pde & _PAGE_PRESENT) ||
		    !phys_in_ram(m, pde & PTE_PFN_MASK, PAGE_SIZE)) {
			note_page(&st, pde & PTE_FLAGS_MASK, 1, mk);
			continue;
		}
		table = pde & PTE_PFN_MASK;
		for (j = 0; j < PTRS_PER_PTE; j++) {
			st.cur = ((u32)i << PGDIR_SHIFT) | ((u32)j << PAGE_SHIFT);
			note_page(&st, dump_pte_prot(phys_read32(m,
							  table + j * 4)),
				  4, mk);
		}
	}
	st.cur = 0;		/* 1024 * 4 MiB, in 32 bits */
	note_page(&st, 0, 0, mk);
}

/* ---- invariants ------------------------------------------------------------------ */

/*
 * Every kernel page table behind swapper_pg_dir is either a boot-time
 * table (a reserved page) or an allocated order-0 page that
 * pte_alloc_kernel counted; PSE PDEs map lowmem only.
 */
int
check_pgtable(struct machine *m, struct out *o)
{
	u32 i, runtime = 0;
	int nerr = 0;

	for (i = pgd_index(m->page_offset); i < PTRS_PER_PGD; i++) {
		u32 pde = phys_read32(m, m->swapper_pg_dir + i * 4), pfn;
		struct page *p;

		if (!(pde & _PAGE_PRESENT))
			continue;
		if (pde & _PAGE_PSE) {
			if (((pde & PDE_LARGE_MASK) >> PAGE_SHIFT) +
			    PTRS_PER_PTE > m->max_low_pfn) {
				out_printf(o, "pgtable: PDE %u maps 0x%08x, past lowmem\n",
					   i, pde & PDE_LARGE_MASK);
				nerr++;
			}
			continue;
		}
		pfn = pde >> PAGE_SHIFT;
		if (pfn >= m->max_low_pfn) {
			out_printf(o, "pgtable: PDE %u: page table at pfn 0x%08x is not lowmem\n",
				   i, pfn);
			nerr++;
			continue;
		}
		p = &m->mem_map[pfn];
		if (page_test(p, PG_reserved))
			continue;
		if (p->_count <= 0 || m->alloc_order[pfn] != 0) {
			out_printf(o, "pgtable: PDE %u: page table pfn 0x%08x is not an allocated page\n",
				   i, pfn);
			nerr++;
			continue;
		}
		runtime++;
	}
	if (runtime != m->nr_kernel_ptes) {
		out_printf(o, "pgtable: %u kernel page tables allocated at run time, %u counted\n",
			   runtime, m->nr_kernel_ptes);
		nerr++;
	}
	return nerr;
}

/* ---- helpers for other subsystems ------------------------------------------------ */

/*
 * pfn_pte with massage_pgprot: a present entry keeps only the bits of
 * __supported_pte_mask, which has _PAGE_GLOBAL only with PGE and never
 * _PAGE_IOMAP (Xen's bit) on a native kernel.
 */
u32
pfn_pte(struct machine *m, u32 pfn, u32 prot)
{
	if (prot & _PAGE_PRESENT)
		prot = kernel_prot(m, prot) & ~_PAGE_IOMAP;
	return (pfn << PAGE_SHIFT) | prot;
}
