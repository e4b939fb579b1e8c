/* vmdb/highmem.h: mappings of high memory (Linux 2.6.32 mm/highmem.c and
 * arch/x86/mm/highmem_32.c).  HighMem pages have no permanent kernel
 * address; the kernel borrows one when it must touch them:
 *
 *   kmap()         a permanent kmap: one of LAST_PKMAP slots of the pkmap
 *                  area, shared and counted, may sleep when all are busy;
 *   kmap_atomic()  a slot of the fixmap reserved for one (type, CPU)
 *                  pair, never sleeps, must be released on the same CPU.
 *
 * The kernel virtual addresses involved (HIGHMEM, NR_CPUS = 8):
 *
 *  FIXADDR_TOP 0xfffff000 +----------------------------------+ fixmap idx 0
 *                         | FIX_HOLE .. FIX_IO_APIC_BASE_END |
 *                         | FIX_KMAP_BEGIN .. FIX_KMAP_END   | type +
 *                         |   (KM_TYPE_NR slots per CPU)     | KM_TYPE_NR
 *                         | FIX_PCIE_MCFG .. FIX_TEXT_POKE0  | * cpu
 *  FIXADDR_START          +----------------------------------+
 *                         | boot-time slots (early_ioremap)  |
 *                         +----------------------------------+
 *  PKMAP_BASE + 4 MiB     +----------------------------------+
 *                         | pkmap slot 1023                  | one page
 *                         |   ...                            | table:
 *                         | pkmap slot 0                     | pkmap_page_
 *  PKMAP_BASE             +----------------------------------+ table
 *
 * A fixmap slot idx lives at FIXADDR_TOP - idx pages: a higher idx is a
 * lower address.  Lowmem pages need neither: kmap() and kmap_atomic()
 * return their direct-mapped address (__va) and touch nothing.
 */
#ifndef VMDB_HIGHMEM_H
#define VMDB_HIGHMEM_H

#include "vmdb/machine.h"
#include "vmdb/pgtable.h"
#include "vmdb/types.h"

struct out;
struct strbuf;

#define LAST_PKMAP		1024
#define LAST_PKMAP_MASK		(LAST_PKMAP - 1)
#define PA_HASH_ORDER		7	/* page_address_htable: 128 lists */

/* The atomic kmap types of 2.6.32 i386 (asm-generic/kmap_types.h);
 * KM_TYPE_NR (pgtable.h) counts them. */
enum km_type {
	KM_BOUNCE_READ, KM_SKB_SUNRPC_DATA, KM_SKB_DATA_SOFTIRQ, KM_USER0,
	KM_USER1, KM_BIO_SRC_IRQ, KM_BIO_DST_IRQ, KM_PTE0, KM_PTE1, KM_IRQ0,
	KM_IRQ1, KM_SOFTIRQ0, KM_SOFTIRQ1, KM_SYNC_ICACHE, KM_SYNC_DCACHE,
	KM_UML_USERCOPY, KM_IRQ_PTE, KM_NMI, KM_NMI_PTE
};

/*
 * pkmap_count[slot], the invariant (mm/highmem.c):
 *
 *   count  slot's PTE           page_address(page)  meaning
 *   -----  -------------------  ------------------  -----------------------
 *     0    none                 -                   free, and no TLB can
 *                                                   hold it: usable
 *     1    maps the page        the slot's address  no users, but a TLB may
 *                                                   still cache it: unusable
 *                                                   until the next wrap's
 *                                                   flush_all_zero_pkmaps
 *     n    maps the page        the slot's address  n - 1 users (kmap calls
 *                                                   not yet kunmapped)
 *
 * A count never drops from 1 to 0 except in flush_all_zero_pkmaps, which
 * then flushes the whole pkmap range from the TLB once.
 */

/* One entry of page_address_htable: a HighMem page and its pkmap address.
 * Entries link by index (-1 ends a chain); the unused ones form a pool. */
struct page_address_map {
	u32 pfn;
	u32 vaddr;
	int next;
};

/* What the last kmap or kunmap did, for the commands to tell. */
struct kmap_info {
	bool new_slot;		/* map_new_virtual took a slot */
	bool wrapped;		/* last_pkmap_nr wrapped to 0 on the way */
	int freed;		/* slots flush_all_zero_pkmaps freed */
	bool flushed;		/* ... and it flushed the pkmap range */
	u32 nr_woken;		/* sleepers kunmap woke (see woken[]) */
};

/* The host-side highmem state, one per machine (machine->kmap). */
struct kmap_state {
	int pkmap_count[LAST_PKMAP];
	u32 last_pkmap_nr;
	u32 kmap_prot;		/* PAGE_KERNEL, Global only with PGE */

	/* page_address_htable (HASHED_PAGE_VIRTUAL): pfn -> pkmap address */
	int pa_htable[1 << PA_HASH_ORDER];
	int pa_pool;
	struct page_address_map pa_maps[LAST_PKMAP];

	/* pkmap_map_wait: the pfns whose kmap would sleep, oldest first */
	u32 *sleepers;
	u32 nr_sleepers, sleepers_cap;
	u32 *woken;		/* the last wake-up's sleepers */
	u32 woken_cap;

	/* What vmdb put in each kmap_atomic slot: a pfn, or PFN_NONE. */
	u32 atomic_pfn[VMDB_MAX_CPUS][KM_TYPE_NR];

	struct kmap_info last;
};

#define PKMAP_NR(m, va)	(((u32)(va) - (m)->pkmap_base) >> PAGE_SHIFT)
#define PKMAP_ADDR(m, nr) ((m)->pkmap_base + ((u32)(nr) << PAGE_SHIFT))

/* ---- boot ---------------------------------------------------------------- */

/* page_address_init and kmap_init: the empty pkmap and kmap_atomic state
 * (paging_init calls it). */
void kmap_init(struct machine *m);
void kmap_state_free(struct machine *m);

/* ---- pages and addresses ------------------------------------------------- */

/* A HighMem page: no permanent kernel address (never without HIGHMEM). */
bool PageHighMem(struct machine *m, u32 pfn);
/*
 * The kernel virtual address of a page: the direct mapping for lowmem, the
 * pkmap address of a kmapped HighMem page, else 0 (a HighMem page that is
 * not kmapped, or only kmap_atomic'd, as in the kernel).
 */
u32 page_address(struct machine *m, u32 pfn);

/* ---- permanent kmaps (mm/highmem.c, arch/x86/mm/highmem_32.c) ------------ */

/*
 * kmap: a kernel address for pfn.  A lowmem page returns its direct
 * mapping and nothing changes.  A HighMem page already kmapped gets one
 * more user; otherwise map_new_virtual takes the next free pkmap slot
 * (wrapping past slot 1023 runs flush_all_zero_pkmaps).  Returns the
 * address, or -EINVAL (pfn is not RAM), or -EAGAIN when all LAST_PKMAP
 * slots have users: the kernel's caller would sleep on pkmap_map_wait.
 * vmdb records the sleeper and maps nothing; what the search did before
 * it gave up stays done (last_pkmap_nr went round to 1023, and the wrap's
 * flush_all_zero_pkmaps ran, finding no slot to free).  m->kmap->last
 * says what happened.
 */
long kmap(struct machine *m, u32 pfn);
/*
 * kunmap: drops one user of a kmapped HighMem page.  The slot stays
 * mapped (count 1) until the next wrap.  Dropping a count to 1 wakes every
 * sleeper on pkmap_map_wait (m->kmap->last.nr_woken, their pfns in
 * m->kmap->woken); vmdb has no scheduler, so a woken kmap is not retried.
 * A lowmem page: nothing to do, returns 0.  Returns -EINVAL, changing
 * nothing, for a page that is not RAM or has no kmap users (where the
 * kernel BUGs).
 */
int kunmap(struct machine *m, u32 pfn);
/* "2 (1 user)": a pkmap_count value and what it means. */
void pkmap_count_format(struct strbuf *sb, int count);
/* The HighMem halves of kmap and kunmap; pfn must be a HighMem page. */
long kmap_high(struct machine *m, u32 pfn);
int kunmap_high(struct machine *m, u32 pfn);

/* ---- atomic kmaps (arch/x86/mm/highmem_32.c) ----------------------------- */

/* The fixmap address of the (type, cpu) slot: FIX_KMAP_BEGIN + type +
 * KM_TYPE_NR * cpu. */
u32 kmap_atomic_vaddr(struct machine *m, int type, int cpu);
/*
 * kmap_atomic: maps pfn at the (type, cpu) fixmap slot with PAGE_KERNEL
 * and returns the address.  A lowmem page returns its direct mapping and
 * uses no slot.  Returns -EINVAL for a bad type, a CPU not present or a
 * pfn that is not RAM, -EBUSY (nothing changed) when the slot's PTE is
 * not empty: the kernel BUGs there (a kunmap_atomic is missing).
 */
long kmap_atomic(struct machine *m, u32 pfn, int type, int cpu);
/*
 * kunmap_atomic: vaddr is what kmap_atomic returned.  The (type, cpu)
 * slot's address: its PTE is cleared and that one page flushed from the
 * CPU's TLB.  A lowmem address: nothing to do (kmap_atomic of a lowmem
 * page used no slot).  Any other address, or an empty slot: -EINVAL and
 * nothing changes (2.6.32 with CONFIG_DEBUG_HIGHMEM BUGs on an address
 * that is neither; without it the slot would silently stay mapped).
 */
int kunmap_atomic(struct machine *m, u32 vaddr, int type, int cpu);

/* "KM_USER0", or NULL for a type out of range. */
const char *km_type_name(int type);
/* A type by name (KM_USER0, case ignored) or number; -1 if neither. */
int km_type_parse(const char *s);

/* ---- the fixmap ---------------------------------------------------------- */

/* The kernel's name of fixmap slot idx ("FIX_APIC_BASE", "FIX_BTMAP_END+7"
 * ...); a kmap_atomic slot FIX_KMAP_BEGIN + n by its type and CPU
 * ("KM_USER0 cpu0"); "(unused)" between __end_of_permanent_fixed_addresses
 * and FIX_BTMAP_END. */
void fixmap_slot_name(struct machine *m, u32 idx, struct strbuf *sb);

/* ---- invariants ---------------------------------------------------------- */

/* pkmap_count against the pkmap PTEs in RAM and page_address_htable, and
 * the kmap_atomic slots against vmdb's record of them. */
int check_highmem(struct machine *m, struct out *o);
int check_kmap_atomic(struct machine *m, struct out *o);

#endif
