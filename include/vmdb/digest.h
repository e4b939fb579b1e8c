/* vmdb/digest.h: a 64-bit fingerprint of a machine's whole state, for
 * `digest`, `history --verify` and the replay tests: two machines with
 * equal digests are, as far as any command can tell, the same machine.
 *
 * What goes in: the simulated RAM (every frame that is not all zeroes,
 * with its pfn), every struct page, the zones (free areas, per-CPU lists,
 * pageblock types, counters, LRU heads), the pfn-list heads, each CPU's
 * registers and TLB, the slab allocator's host state, the vmalloc areas,
 * the kmap state, tasks, mms and VMAs, files and their page cache, the
 * vm events, the printk buffer, and the reports of the last operation.
 * Host pointers never do (the host randomises them): a pointer is hashed
 * as what it names (a pid, a kernel address, a cache id, a string).  What
 * is left out on purpose: the trace hook (the session's, not the
 * machine's), why[] (the reason of the last error) and lookup tables that
 * the hashed state determines (the slab's kva index, the VMA rbtree).
 *
 * Not covered: a field added to a struct later.  Whoever adds state adds
 * it here too, or a replay test cannot see a command that changes it.
 */
#ifndef VMDB_DIGEST_H
#define VMDB_DIGEST_H

#include "vmdb/types.h"

struct machine;

/* The parts of the digest, one per subsystem, in hashing order. */
enum digest_part {
	DIGEST_CONFIG,		/* boot config, e820, sizes, layout */
	DIGEST_RAM,		/* simulated physical memory */
	DIGEST_MEM_MAP,		/* struct page array and its host shadow */
	DIGEST_ZONES,		/* zones, free areas, pcp, pageblocks, counters */
	DIGEST_LISTS,		/* the pfn-list heads */
	DIGEST_CPUS,		/* registers, TLBs, current task */
	DIGEST_SLAB,		/* the slab allocator's host state */
	DIGEST_VMALLOC,		/* vmap areas and vm_structs */
	DIGEST_KMAP,		/* pkmap and kmap_atomic */
	DIGEST_TASKS,		/* tasks, mms, VMAs, anon_vmas */
	DIGEST_FILES,		/* files, page cache, disk contents */
	DIGEST_VMSTAT,		/* vm events */
	DIGEST_PRINTK,		/* the log buffer */
	DIGEST_LAST,		/* what the last operation reported */
	NR_DIGEST_PARTS
};

extern const char *const digest_part_names[NR_DIGEST_PARTS];

/*
 * The machine's digest: FNV-style mixing of the parts' digests in order.
 * If parts is not NULL it receives each part's digest.  Reads the machine
 * only (it does not even fault in host pages of untouched RAM when the
 * host tells which pages were never written).
 */
u64 machine_digest(struct machine *m, u64 parts[NR_DIGEST_PARTS]);

#endif
