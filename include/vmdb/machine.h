/* vmdb/machine.h: one simulated i386 PC running the Linux 2.6.32 memory
 * manager.  Everything the engine knows lives in struct machine; there are
 * no mutable globals, so a test can boot two machines side by side.
 *
 * Kernel virtual memory (3G/1G split, HIGHMEM, default config):
 *
 *   0xffffffff +------------------------+
 *              | fixmap                 |  FIXADDR_START .. FIXADDR_TOP
 *              | (boot-time fixmap)     |
 *              +------------------------+  pkmap + 4 MiB
 *              | pkmap (kmap)           |  PKMAP_BASE, 1024 slots
 *              +------------------------+  VMALLOC_END + 2 pages
 *              | vmalloc                |  VMALLOC_START .. VMALLOC_END
 *              +------------------------+  high_memory + 8 MiB gap
 *              | lowmem, direct-mapped  |  PAGE_OFFSET .. high_memory
 *   0xc0000000 +------------------------+  PAGE_OFFSET
 *              | user space             |
 *   0x00000000 +------------------------+
 */
#ifndef VMDB_MACHINE_H
#define VMDB_MACHINE_H

#include <string.h>

#include "vmdb/e820.h"
#include "vmdb/mm.h"
#include "vmdb/mmu.h"
#include "vmdb/printk.h"
#include "vmdb/trace.h"
#include "vmdb/types.h"
#include "vmdb/vmstat.h"

struct vmalloc_state;
struct sched_state;
struct vfile;

#define CMDLINE_MAX	512

struct kmap_state;
#define MAX_ACTIVE_REGIONS 256	/* MAX_ACTIVE_REGIONS, 2.6.32 */

/* How a machine is booted: `boot` fills one, machine_boot() obeys it. */
struct boot_config {
	char name[64];			/* preset or e820 file name */
	struct e820map bios;		/* the firmware's map, as given */
	int nr_cpus;			/* CPUs present */
	int nr_cpus_config;		/* NR_CPUS */
	bool highmem;			/* CONFIG_HIGHMEM */
	u32 page_offset;		/* CONFIG_VMSPLIT_* */
	bool reserve_low_64k;		/* CONFIG_X86_RESERVE_LOW_64K */
	char bios_vendor[32];		/* DMI: AMI and Phoenix trigger the 64K quirk */
	bool pse;			/* CPU feature: 4 MiB pages (CR4.PSE) */
	bool pge;			/* CPU feature: global pages (CR4.PGE) */
	int tlb_entries;		/* 4 KiB data TLB entries (0: default) */
	int tlb_ways;			/* its associativity (0: default) */
	int tlb_large;			/* 4 MiB TLB entries (0: default) */
	char cmdline[CMDLINE_MAX];
};

void boot_config_default(struct boot_config *bc);
int boot_preset(struct boot_config *bc, const char *name, char *why,
		size_t n);
extern const char *const boot_preset_names[];
int boot_config_set(struct boot_config *bc, const char *kv, char *why,
		    size_t n);

struct active_region {
	u32 start_pfn;
	u32 end_pfn;
};

/* A named reservation made before the buddy allocator exists. */
struct early_res {
	u64 start;
	u64 end;
	char name[16];
};
#define MAX_EARLY_RES	32

struct bootmem_data {
	u32 node_min_pfn;
	u32 node_low_pfn;
	u8 *map;		/* 1 bit per page: 1 = reserved */
	u32 map_pfn;		/* where the bitmap lives in simulated RAM */
	u32 map_bytes;
	u32 last_end_off;
	u32 hint_idx;
};

/* Sizes of the simulated kernel image (bytes), chosen to look like a
 * typical 2.6.32 distribution kernel; see setup.c. */
struct kernel_image {
	u32 text_start, text_end;	/* virtual */
	u32 data_end;			/* .data from text_end */
	u32 init_start, init_end;
	u32 bss_start, bss_end;
};


struct slab_state;	/* mm/slab_impl.h */

/* What the last alloc_pages/__free_pages did, for the commands to report
 * "the path it took" without tracing. */
struct alloc_info {
	int zone;		/* zone the block came from */
	bool pcp;		/* order 0 from a per-CPU list */
	int refilled;		/* pages rmqueue_bulk moved to the pcp list */
	int from_order;		/* order of the block that was split */
	int from_mt;		/* migrate type of the list it came from */
	bool fallback;		/* taken from another migrate type */
	unsigned skipped;	/* zones passed over for their watermark */
	bool slowpath;		/* needed the MIN watermark retry */
};

struct free_info {
	bool pcp;		/* went onto a per-CPU list */
	int drained;		/* pages free_pcppages_bulk returned */
	u32 merged_pfn;		/* the block it ended up in */
	int merged_order;
};

struct machine {
	struct boot_config cfg;
	struct e820map e820;		/* after the kernel's edits */

	/* Sizes found at boot (arch/x86/kernel/setup.c). */
	u32 max_pfn;
	u32 max_low_pfn;
	u32 min_low_pfn;
	u32 highstart_pfn;
	u32 highend_pfn;
	u32 num_physpages;
	u32 max_mapnr;
	unsigned long totalram_pages;
	unsigned long totalhigh_pages;
	unsigned long totalreserve_pages;
	unsigned long reservedpages;	/* lowmem RAM left PG_reserved */

	/* Kernel virtual layout. */
	u32 page_offset;
	u32 high_memory;
	u32 vmalloc_reserve;
	u32 vmalloc_start;
	u32 vmalloc_end;
	u32 pkmap_base;
	u32 fixaddr_top;
	u32 fixaddr_start;
	u32 fixaddr_boot_start;
	u32 fix_perm;			/* __end_of_permanent_fixed_addresses */
	u32 fix_end;			/* __end_of_fixed_addresses */
	u32 fix_kmap_begin;
	u32 fix_btmap_begin;		/* first boot-time (early_ioremap) slot */
	u32 directmap_4k;		/* kB of lowmem mapped with 4 KiB pages */
	u32 directmap_4m;		/* kB mapped with 4 MiB pages */
	struct kernel_image kimage;

	/* The kernel page table (arch/i386/pgtable.c), physical addresses. */
	bool cpu_pse;			/* CR4.PSE: lowmem in 4 MiB pages */
	bool cpu_pge;			/* CR4.PGE: kernel entries global */
	u32 swapper_pg_dir;
	u32 swapper_pg_fixmap;
	u32 empty_zero_page;
	u32 bm_pte;			/* the fixmap's page table */
	u32 pkmap_page_table;		/* 0 without HIGHMEM */
	u32 nr_kernel_ptes;		/* page tables pte_alloc_kernel made */
	struct kmap_state *kmap;	/* pkmap and kmap_atomic (highmem.h) */

	/* Simulated physical memory and its struct pages. */
	u8 *ram;
	size_t ram_bytes;
	u64 *ram_zero;			/* a mask a frame, max_pfn + 1 of
					 * them: lines that read as zeroes */
	struct page *mem_map;		/* max_mapnr entries */
	size_t mem_map_bytes;
	u32 mem_map_phys;		/* where bootmem put it */
	u8 *alloc_order;		/* host shadow: order of a live block, 0xff */

	struct active_region early_node_map[MAX_ACTIVE_REGIONS];
	int nr_active;
	struct early_res early_res[MAX_EARLY_RES];
	int nr_early_res;
	struct bootmem_data bdata;

	struct zone zones[MAX_NR_ZONES];
	int nr_zonelist;		/* populated zones */
	bool mobility_grouping;
	unsigned long nr_all_pages;	/* "Total pages:" */
	int min_free_kbytes;

	/* List heads for the pfn-linked lists (see LIST_HEAD_BIT). */
	struct plink *heads;
	u32 nr_heads;
	u32 heads_cap;

	struct cpu cpus[VMDB_MAX_CPUS];
	int nr_cpus;
	int this_cpu;			/* the CPU commands act on */

	struct alloc_info last_alloc;
	struct free_info last_free;
	struct early_res boot_allocs[MAX_EARLY_RES];	/* named bootmem users */
	int nr_boot_allocs;

	struct slab_state *slab;	/* the SLAB allocator (mm/slab*.c) */

	unsigned long vm_events[NR_VM_EVENT_ITEMS];
	struct printk_ring log;
	struct trace_ctl trace;

	struct vmalloc_state *vmalloc;	/* mm/vmalloc.c's areas (vmalloc.h) */

	struct sched_state *sched;	/* tasks and mms (sched.h) */
	struct vfile *files;		/* simulated files (fs.h) */
	u32 disk_next_ino;		/* inode number file_create gives next */
	u32 last_ino;			/* fs/inode.c's, for shmem inodes */
	bool tlb_raw;			/* a raw PTE write may have left a
					 * TLB entry stale on purpose */

	bool boot_failed;		/* a boot-time allocation did not fit */
	char why[256];			/* reason behind the last -errno */
};

/*
 * Boots a new machine from a configuration: the kernel's setup_arch,
 * paging_init, free_area_init and mem_init, writing its boot log.  Returns
 * the machine, or NULL with the reason in why (the configuration cannot
 * boot: no RAM, a map the kernel would refuse, a bad command line).
 */
struct machine *machine_boot(const struct boot_config *bc, char *why,
			     size_t n);
void machine_free(struct machine *m);

/* Records the reason for an error about to be returned; returns err. */
int machine_err(struct machine *m, int err, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

/* ---- simulated RAM's contents (src/mm/ram.c) ----------------------------
 *
 * A frame is 64 lines of 64 bytes.  Bit i of m->ram_zero[pfn] set means
 * line i of the frame reads as zeroes whatever m->ram holds there: a
 * cleared page is only marked (lazy clear_page), and the zeroes reach
 * m->ram when something writes the line or wants the bytes in place.
 * Every access to RAM's bytes goes through the functions below, so the
 * simulated contents are the same either way.
 */
#define RAM_LINE_SHIFT	6
#define RAM_LINE	(1u << RAM_LINE_SHIFT)
#define RAM_LINES_ALL	(~0ull)		/* every line of a frame */

/* Writes the zeroes of the marked lines in lines into m->ram, unmarking
 * them. */
void ram_materialise(struct machine *m, u32 pfn, u64 lines);

/* The lines of a frame that [off, off + len) covers (len >= 1, within
 * the frame). */
static inline u64
ram_lines(u32 off, u32 len)
{
	u32 first = off >> RAM_LINE_SHIFT;
	u32 last = (off + len - 1) >> RAM_LINE_SHIFT;

	return (RAM_LINES_ALL >> (63 - last)) & (RAM_LINES_ALL << first);
}

/*
 * Host address of a simulated physical address (below ram_bytes), with
 * its whole frame's bytes in place: valid up to the end of that frame.
 * For raw access by the owner of a frame (a slab, a page table, a
 * page-cache page); debugger-style reads use ram_read(), which leaves
 * zero lines alone.
 */
static inline u8 *
phys_to_host(struct machine *m, u64 phys)
{
	u32 pfn = (u32)(phys >> PAGE_SHIFT);

	if (unlikely(m->ram_zero[pfn]))
		ram_materialise(m, pfn, RAM_LINES_ALL);
	return m->ram + phys;
}

/* A 32-bit word of RAM (pa 4-byte aligned, below ram_bytes).  Hosts are
 * little-endian (configure checks), so a word is one load or store. */
static inline u32
ram_read32(const struct machine *m, u64 pa)
{
	u32 v;

	if (unlikely((m->ram_zero[pa >> PAGE_SHIFT] >>
		      ((pa >> RAM_LINE_SHIFT) & 63)) & 1))
		return 0;
	memcpy(&v, m->ram + pa, 4);
	return v;
}

static inline void
ram_write32(struct machine *m, u64 pa, u32 v)
{
	u32 pfn = (u32)(pa >> PAGE_SHIFT);

	if (unlikely(m->ram_zero[pfn]))
		ram_materialise(m, pfn, ram_lines(pa & ~PAGE_MASK, 4));
	memcpy(m->ram + pa, &v, 4);
}

/* Bytes of RAM to or from a host buffer, across frames (the range must lie
 * in RAM).  A read leaves zero lines as they are; a write puts in place
 * only the lines it touches. */
void ram_read(const struct machine *m, u64 pa, void *buf, size_t len);
void ram_write(struct machine *m, u64 pa, const void *buf, size_t len);

/* nr frames from pfn become zeroes in place, at once (the allocator's
 * __GFP_ZERO: its callers may use the bytes through phys_to_host). */
void ram_zero_now(struct machine *m, u32 pfn, u32 nr);

/* The frame's contents become zeroes: every line marked, nothing stored
 * (clear_page). */
static inline void
ram_clear_frame(struct machine *m, u32 pfn)
{
	m->ram_zero[pfn] = RAM_LINES_ALL;
}

/* The frame dst gets src's contents: the lines in place are copied, the
 * zero ones stay marks (copy_page).  hot is an offset in the frame whose
 * line the caller is about to use (see ram.c). */
void ram_copy_frame(struct machine *m, u32 dst, u32 src, u32 hot);

static inline u32
__pa(struct machine *m, u32 vaddr)
{
	return vaddr - m->page_offset;
}

static inline u32
__va(struct machine *m, u32 paddr)
{
	return paddr + m->page_offset;
}

/* ---- pfn-linked lists -------------------------------------------------- */

u32 plist_head_new(struct machine *m);

static inline struct plink *
plink(struct machine *m, u32 x)
{
	if (x & LIST_HEAD_BIT)
		return &m->heads[x & ~LIST_HEAD_BIT];
	return &m->mem_map[x].lru;
}

static inline bool
plist_empty(struct machine *m, u32 head)
{
	return plink(m, head)->next == head;
}

static inline void
__plist_add(struct machine *m, u32 x, u32 prev, u32 next)
{
	plink(m, next)->prev = x;
	plink(m, x)->next = next;
	plink(m, x)->prev = prev;
	plink(m, prev)->next = x;
}

/* Adds pfn after head (at the front). */
static inline void
plist_add(struct machine *m, u32 pfn, u32 head)
{
	__plist_add(m, pfn, head, plink(m, head)->next);
}

/* Adds pfn before head (at the back). */
static inline void
plist_add_tail(struct machine *m, u32 pfn, u32 head)
{
	__plist_add(m, pfn, plink(m, head)->prev, head);
}

static inline void
plist_del(struct machine *m, u32 pfn)
{
	struct plink *l = plink(m, pfn);

	plink(m, l->next)->prev = l->prev;
	plink(m, l->prev)->next = l->next;
	l->next = l->prev = PFN_NONE;
}

static inline void
plist_move(struct machine *m, u32 pfn, u32 head)
{
	plist_del(m, pfn);
	plist_add(m, pfn, head);
}

#define plist_for_each(m, pos, head)					\
	for ((pos) = plink((m), (head))->next; (pos) != (head);		\
	     (pos) = plink((m), (pos))->next)

u32 plist_count(struct machine *m, u32 head);

#endif
