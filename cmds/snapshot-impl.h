/* cmds/snapshot-impl.h: what a snapshot holds, for cmds/snapshot.c,
 * which takes one, and cmds/snapshot-diff.c, which compares two. */
#ifndef VMDB_SNAPSHOT_IMPL_H
#define VMDB_SNAPSHOT_IMPL_H

#include "vmdb/fs.h"
#include "vmdb/machine.h"
#include "vmdb/sched.h"
#include "vmdb/types.h"

/* The owner of the kernel's page table in a snapshot: after every pid. */
#define SNAP_KERNEL	0x7fffffff

/*
 * The records below have no padding and are zeroed before they are
 * filled, so that memcmp tells whether two of them are the same.  Each
 * array is sorted by the record's leading fields (its key).
 */
struct snap_task {
	s32 pid;
	s32 state;
	char comm[TASK_COMM_LEN];
};

struct snap_vma {
	s32 pid;
	u32 start;
	u32 end;
	u32 flags;
	u32 pgoff;
	char name[VFILE_NAME_MAX];	/* the file's, "" when anonymous */
};

/* A non-zero PDE (pde 1) or PTE of a task's page tables, or of the
 * kernel's (pid SNAP_KERNEL); sorted by pid, address, the PDE first. */
struct snap_pte {
	s32 pid;
	u32 vaddr;
	u32 pde;
	u32 val;
};

struct snap_tlb {
	s32 cpu;
	u32 large;
	u32 vaddr;
	u32 frame;
	u32 flags;
};

struct snap_vec {
	char *buf;
	size_t n, cap;
};

struct snap {
	u32 max_mapnr;
	int nr_cpus;
	struct snap_vec task, vma, pte, tlb;
	struct page *pages;		/* mem_map as it was (lru ignored) */
	u32 nr_free[MAX_NR_ZONES][MAX_ORDER];
	u32 list_len[MAX_NR_ZONES][MAX_ORDER][MIGRATE_TYPES];
	int pcp[MAX_NR_ZONES][VMDB_MAX_CPUS];
	u32 cr3[VMDB_MAX_CPUS];
	long vm_stat[MAX_NR_ZONES][NR_VM_ZONE_STAT_ITEMS];
	unsigned long vm_events[NR_VM_EVENT_ITEMS];
};

/* The fields of a struct page a snapshot compares: all but lru. */
#define PAGE_CMP_BYTES	offsetof(struct page, lru)

/* The keys the arrays are sorted by: -1, 0 or 1, as for qsort. */
int snap_cmp_task(const void *a, const void *b);
int snap_cmp_tlb(const void *a, const void *b);
int snap_cmp_vma(const void *a, const void *b);
int snap_cmp_pte(const void *a, const void *b);

#endif
