/* mm/highmem.c: permanent kernel mappings of HighMem pages, the pkmap
 * area (Linux 2.6.32 mm/highmem.c): kmap_high, map_new_virtual,
 * flush_all_zero_pkmaps, kunmap_high and page_address_htable.
 *
 * The pkmap area is LAST_PKMAP (1024) page slots from PKMAP_BASE, all
 * under one page table, pkmap_page_table, which paging_init allocated at
 * boot.  pkmap_count[] says what each slot is doing (the table is in
 * vmdb/highmem.h): 0 free, 1 mapped without users, n mapped with n - 1.
 *
 * Why the count 1?  Unmapping a slot costs a TLB flush on every CPU.
 * So kunmap only lowers the count and leaves the PTE in place; the slot
 * cannot be reused while some TLB may still translate its address to the
 * old page.  map_new_virtual hands out slots in a circle, slot 1 first
 * (last_pkmap_nr starts at 0 and is incremented before use); each time
 * the circle comes round to 0, flush_all_zero_pkmaps clears every count-1
 * slot's PTE at once and pays for one flush of the whole range.  Only if
 * a full circle after that finds no free slot does kmap sleep, until a
 * kunmap brings some count down to 1.
 *
 * page_address() of a HighMem page is found by hashing the page into
 * page_address_htable, whose 1024 entries come from a pool: a page has an
 * entry exactly while it holds a pkmap slot (count >= 1).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/check.h"
#include "vmdb/clone.h"
#include "vmdb/highmem.h"
#include "vmdb/out.h"
#include "vmdb/util.h"

/* kmap returns a u32 address or a negative errno in a long. */
_Static_assert(sizeof(long) > sizeof(u32), "long must hold a u32 and -errno");

void
kmap_init(struct machine *m)
{
	struct kmap_state *k = xcalloc(1, sizeof(*k));
	int i, c;

	/* kmap_prot = PAGE_KERNEL, less _PAGE_GLOBAL when the CPU lacks PGE
	 * (__supported_pte_mask). */
	k->kmap_prot = pfn_pte(m, 0, __PAGE_KERNEL);
	for (i = 0; i < (1 << PA_HASH_ORDER); i++)
		k->pa_htable[i] = -1;
	for (i = 0; i < LAST_PKMAP; i++)
		k->pa_maps[i].next = i + 1 < LAST_PKMAP ? i + 1 : -1;
	k->pa_pool = 0;
	for (c = 0; c < VMDB_MAX_CPUS; c++)
		for (i = 0; i < KM_TYPE_NR; i++)
			k->atomic_pfn[c][i] = PFN_NONE;
	m->kmap = k;
}

void
kmap_state_free(struct machine *m)
{
	if (m->kmap == NULL)
		return;
	free(m->kmap->sleepers);
	free(m->kmap->woken);
	free(m->kmap);
	m->kmap = NULL;
}

void
kmap_state_clone(struct machine *new, const struct machine *old)
{
	const struct kmap_state *ok = old->kmap;
	struct kmap_state *k = xmemdup(ok, sizeof(*k));

	if (k) {
		k->sleepers = xmemdup(ok->sleepers,
				      ok->sleepers_cap * sizeof(*k->sleepers));
		k->woken = xmemdup(ok->woken, ok->woken_cap * sizeof(*k->woken));
	}
	new->kmap = k;
}

bool
PageHighMem(struct machine *m, u32 pfn)
{
	return m->cfg.highmem && pfn >= m->max_low_pfn;
}

/* ---- page_address_htable ------------------------------------------------- */

static int *
page_slot(struct kmap_state *k, u32 pfn)
{
	/* hash_ptr of the struct page: a multiplicative hash of its index */
	return &k->pa_htable[(pfn * 0x9e370001u) >> (32 - PA_HASH_ORDER)];
}

u32
page_address(struct machine *m, u32 pfn)
{
	struct kmap_state *k = m->kmap;
	int i;

	if (!PageHighMem(m, pfn))
		return pfn < m->max_low_pfn ? __va(m, pfn << PAGE_SHIFT) : 0;
	for (i = *page_slot(k, pfn); i >= 0; i = k->pa_maps[i].next)
		if (k->pa_maps[i].pfn == pfn)
			return k->pa_maps[i].vaddr;
	return 0;
}

/* set_page_address: records (vaddr != 0) or forgets a HighMem page's
 * address. */
static void
set_page_address(struct machine *m, u32 pfn, u32 vaddr)
{
	struct kmap_state *k = m->kmap;
	int *link = page_slot(k, pfn), i;

	if (vaddr) {
		i = k->pa_pool;	/* never empty: an entry per slot */
		k->pa_pool = k->pa_maps[i].next;
		k->pa_maps[i] = (struct page_address_map){ pfn, vaddr, -1 };
		while (*link >= 0)
			link = &k->pa_maps[*link].next;
		*link = i;
		return;
	}
	for (; *link >= 0; link = &k->pa_maps[*link].next) {
		i = *link;
		if (k->pa_maps[i].pfn != pfn)
			continue;
		*link = k->pa_maps[i].next;
		k->pa_maps[i].next = k->pa_pool;
		k->pa_pool = i;
		return;
	}
}

/* ---- the pkmap slots ----------------------------------------------------- */

static u32
pkmap_pte_pa(struct machine *m, u32 slot)
{
	return m->pkmap_page_table + slot * 4;
}

/*
 * flush_all_zero_pkmaps: every slot without users (count 1) becomes free
 * (count 0): its PTE is cleared and its page forgets the address.  Then,
 * if any was freed, one flush of the whole pkmap range.  Returns how many
 * slots it freed.
 */
static int
flush_all_zero_pkmaps(struct machine *m)
{
	struct kmap_state *k = m->kmap;
	int i, freed = 0;

	for (i = 0; i < LAST_PKMAP; i++)
		freed += k->pkmap_count[i] == 1;
	TP_ENTER(m, flush_all_zero_pkmaps, freed);
	for (i = 0; i < LAST_PKMAP; i++) {
		u32 pte;

		if (k->pkmap_count[i] != 1)
			continue;
		k->pkmap_count[i] = 0;
		/* The kernel finds the page through the PTE (pte_page). */
		pte = phys_read32(m, pkmap_pte_pa(m, (u32)i));
		phys_write32(m, pkmap_pte_pa(m, (u32)i), 0);
		set_page_address(m, pte >> PAGE_SHIFT, 0);
	}
	if (freed)
		flush_tlb_kernel_range(m, PKMAP_ADDR(m, 0),
				       PKMAP_ADDR(m, LAST_PKMAP));
	k->last.wrapped = true;
	k->last.freed += freed;
	k->last.flushed |= freed != 0;
	TP_EXIT(m, flush_all_zero_pkmaps, freed);
	return freed;
}

/* The task that called kmap would sleep on pkmap_map_wait. */
static void
add_sleeper(struct kmap_state *k, u32 pfn)
{
	if (k->nr_sleepers == k->sleepers_cap) {
		k->sleepers_cap = k->sleepers_cap ? k->sleepers_cap * 2 : 8;
		k->sleepers = xrealloc(k->sleepers,
				       k->sleepers_cap * sizeof(*k->sleepers));
	}
	k->sleepers[k->nr_sleepers++] = pfn;
}

/*
 * map_new_virtual: the next slot with count 0 after last_pkmap_nr, going
 * round through 0 (and flush_all_zero_pkmaps) at most once.  The slot's
 * PTE maps pfn with kmap_prot, its count becomes 1 and the page learns
 * its address.  Returns the address, or -EAGAIN after LAST_PKMAP
 * fruitless probes since the wrap (the caller would sleep).
 */
static long
map_new_virtual(struct machine *m, u32 pfn)
{
	struct kmap_state *k = m->kmap;
	int count = LAST_PKMAP;
	u32 slot, vaddr;

	TP_ENTER(m, map_new_virtual, pfn, k->last_pkmap_nr);
	for (;;) {
		k->last_pkmap_nr = (k->last_pkmap_nr + 1) & LAST_PKMAP_MASK;
		if (k->last_pkmap_nr == 0) {
			flush_all_zero_pkmaps(m);
			count = LAST_PKMAP;
		}
		if (k->pkmap_count[k->last_pkmap_nr] == 0)
			break;
		if (--count)
			continue;
		add_sleeper(k, pfn);
		TP_EXIT(m, map_new_virtual, -EAGAIN);
		return machine_err(m, -EAGAIN,
				   "all %d pkmap slots have users: the task would sleep on pkmap_map_wait until a kunmap frees one (%u sleeper%s now); flush_all_zero_pkmaps found nothing to free, last_pkmap_nr is %u",
				   LAST_PKMAP, k->nr_sleepers,
				   k->nr_sleepers == 1 ? "" : "s",
				   k->last_pkmap_nr);
	}
	slot = k->last_pkmap_nr;
	vaddr = PKMAP_ADDR(m, slot);
	phys_write32(m, pkmap_pte_pa(m, slot), (pfn << PAGE_SHIFT) |
		     k->kmap_prot);
	k->pkmap_count[slot] = 1;
	set_page_address(m, pfn, vaddr);
	k->last.new_slot = true;
	TP_EXIT(m, map_new_virtual, vaddr);
	return vaddr;
}

long
kmap_high(struct machine *m, u32 pfn)
{
	struct kmap_state *k = m->kmap;
	long vaddr;

	memset(&k->last, 0, sizeof(k->last));
	TP_ENTER(m, kmap_high, pfn);
	vaddr = page_address(m, pfn);
	if (!vaddr)
		vaddr = map_new_virtual(m, pfn);
	if (vaddr > 0)
		k->pkmap_count[PKMAP_NR(m, vaddr)]++;
	TP_EXIT(m, kmap_high, vaddr);
	return vaddr;
}

/* wake_up(&pkmap_map_wait): every sleeper; each would retry its kmap
 * when next scheduled.  The sleepers move to woken[] for the report. */
static void
wake_up_sleepers(struct kmap_state *k)
{
	u32 *list = k->woken, cap = k->woken_cap;

	k->woken = k->sleepers;
	k->woken_cap = k->sleepers_cap;
	k->last.nr_woken = k->nr_sleepers;
	k->sleepers = list;
	k->sleepers_cap = cap;
	k->nr_sleepers = 0;
}

int
kunmap_high(struct machine *m, u32 pfn)
{
	struct kmap_state *k = m->kmap;
	u32 vaddr = page_address(m, pfn), nr;

	memset(&k->last, 0, sizeof(k->last));
	if (!vaddr)
		return machine_err(m, -EINVAL,
				   "pfn 0x%08x is not kmapped: kunmap_high would BUG",
				   pfn);
	nr = PKMAP_NR(m, vaddr);
	/* A count never reaches 0 without a flush. */
	if (k->pkmap_count[nr] <= 1)
		return machine_err(m, -EINVAL,
				   "pfn 0x%08x has no kmap users (pkmap slot %u, count %d): kunmap_high would BUG",
				   pfn, nr, k->pkmap_count[nr]);
	k->pkmap_count[nr]--;
	TP_EVENT(m, kunmap_high, pfn, vaddr, nr, k->pkmap_count[nr]);
	if (k->pkmap_count[nr] == 1 && k->nr_sleepers)
		wake_up_sleepers(k);
	return 0;
}

void
pkmap_count_format(struct strbuf *sb, int count)
{
	if (count == 0)
		sb_puts(sb, "0 (free)");
	else if (count == 1)
		sb_puts(sb, "1 (no users; mapped until the next flush)");
	else
		sb_printf(sb, "%d (%d user%s)", count, count - 1,
			  count == 2 ? "" : "s");
}

/* ---- invariants ---------------------------------------------------------- */

#define FAIL CHECK_FAIL

/* page_address_htable: entries are chained in the right buckets, each
 * pfn once, and with the pool they account for all LAST_PKMAP. */
static int
check_page_address(struct machine *m, struct out *o, u32 *entries)
{
	struct kmap_state *k = m->kmap;
	u8 seen[LAST_PKMAP] = { 0 };
	int nerr = 0, b, i, j, n;

	*entries = 0;
	for (b = 0; b < (1 << PA_HASH_ORDER); b++) {
		for (i = k->pa_htable[b], n = 0; i >= 0 && n <= LAST_PKMAP;
		     i = k->pa_maps[i].next, n++) {
			struct page_address_map *p = &k->pa_maps[i];

			if (i >= LAST_PKMAP || seen[i]++) {
				FAIL("highmem: page_address_htable bucket %d is broken (entry %d)\n",
				     b, i);
				break;
			}
			(*entries)++;
			if (page_slot(k, p->pfn) != &k->pa_htable[b])
				FAIL("highmem: pfn 0x%08x is in the wrong page_address_htable bucket\n",
				     p->pfn);
			if (!PageHighMem(m, p->pfn))
				FAIL("highmem: page_address_htable holds pfn 0x%08x, which is not HighMem\n",
				     p->pfn);
			for (j = p->next; j >= 0 && j < LAST_PKMAP;
			     j = k->pa_maps[j].next)
				if (k->pa_maps[j].pfn == p->pfn)
					FAIL("highmem: pfn 0x%08x has two page_address entries\n",
					     p->pfn);
		}
	}
	for (i = k->pa_pool, n = 0; i >= 0; i = k->pa_maps[i].next, n++) {
		if (i >= LAST_PKMAP || seen[i]++) {
			FAIL("highmem: the page_address pool is broken (entry %d)\n",
			     i);
			break;
		}
	}
	if (*entries + (u32)n != LAST_PKMAP)
		FAIL("highmem: %u page_address entries in use and %d in the pool, not %d\n",
		     *entries, n, LAST_PKMAP);
	return nerr;
}

/*
 * Slot by slot: count 0 has an empty PTE; count >= 1 a PTE that maps a
 * HighMem RAM page with kmap_prot, and the page's recorded address is the
 * slot's.  As a page has one page_address entry, no page is in two slots.
 * The entries in use match the slots in use.  Sleepers wait only while
 * every slot has users.
 */
int
check_highmem(struct machine *m, struct out *o)
{
	struct kmap_state *k = m->kmap;
	int nerr = 0, i;
	u32 entries, used = 0, busy = 0;

	if (k == NULL)
		return 0;
	if (!m->cfg.highmem || !m->pkmap_page_table) {
		for (i = 0; i < LAST_PKMAP; i++)
			if (k->pkmap_count[i])
				FAIL("highmem: pkmap slot %d has count %d without a pkmap area\n",
				     i, k->pkmap_count[i]);
		return nerr + check_kmap_atomic(m, o);
	}
	nerr += check_page_address(m, o, &entries);
	if (k->last_pkmap_nr >= LAST_PKMAP)
		FAIL("highmem: last_pkmap_nr %u is not a slot\n",
		     k->last_pkmap_nr);
	for (i = 0; i < LAST_PKMAP; i++) {
		int c = k->pkmap_count[i];
		u32 pte = phys_read32(m, pkmap_pte_pa(m, (u32)i));
		u32 pfn = pte >> PAGE_SHIFT, va = PKMAP_ADDR(m, i);

		if (c < 0)
			FAIL("highmem: pkmap slot %d has count %d\n", i, c);
		if (c <= 0) {
			if (pte)
				FAIL("highmem: free pkmap slot %d (count 0) has PTE 0x%08x\n",
				     i, pte);
			continue;
		}
		used++;
		busy += c >= 2;
		if ((pte & PTE_FLAGS_MASK) != k->kmap_prot) {
			FAIL("highmem: pkmap slot %d (count %d) has PTE 0x%08x, not a page with kmap_prot 0x%03x\n",
			     i, c, pte, k->kmap_prot);
			continue;
		}
		if (!PageHighMem(m, pfn) || !pfn_valid(m, pfn))
			FAIL("highmem: pkmap slot %d maps pfn 0x%08x, which is not a HighMem page\n",
			     i, pfn);
		if (page_address(m, pfn) != va)
			FAIL("highmem: pkmap slot %d maps pfn 0x%08x, whose page_address is 0x%08x\n",
			     i, pfn, page_address(m, pfn));
	}
	if (entries != used)
		FAIL("highmem: %u pages have a page_address but %u pkmap slots are in use\n",
		     entries, used);
	if (k->nr_sleepers && busy != LAST_PKMAP)
		FAIL("highmem: %u kmap sleepers wait although only %u slots have users\n",
		     k->nr_sleepers, busy);
	return nerr + check_kmap_atomic(m, o);
}
