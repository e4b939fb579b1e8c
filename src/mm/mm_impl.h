/* src/mm/mm_impl.h: what the process-side mm files (mmap.c, memory.c,
 * rmap.c, mprotect.c, mremap.c, mlock.c, fork.c, exit.c, exec.c,
 * task_mmu.c) share and nobody else needs. */
#ifndef VMDB_MM_IMPL_H
#define VMDB_MM_IMPL_H

#include <string.h>

#include "vmdb/machine.h"
#include "vmdb/mmap.h"

/* A 32-bit word of simulated RAM (page-table entries). */
static inline u32
ram32(struct machine *m, u32 pa)
{
	return ram_read32(m, pa);
}

static inline void
set_ram32(struct machine *m, u32 pa, u32 v)
{
	ram_write32(m, pa, v);
}

static inline u32
linear_page_index(struct vm_area_struct *vma, u32 addr)
{
	return ((addr - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
}

/* set_pte_at with its trace point, inline: every fault ends in one.
 * __set_pte_at is the split trace point's form (vmdb/trace.h). */
static inline void
__set_pte_at(struct machine *m, u32 addr, u32 pte_pa, u32 pte, bool traced)
{
	TP_EVENT_IF(traced, m, set_pte, addr, pte_pa, pte);
	set_ram32(m, pte_pa, pte);
}

static inline void
set_pte_at(struct machine *m, u32 addr, u32 pte_pa, u32 pte)
{
	__set_pte_at(m, addr, pte_pa, pte, true);
}

/* mlock.c: the pages of a locked VMA leave (or join) the unevictable
 * list; counters follow. */
void munlock_vma_pages(struct machine *m, struct vm_area_struct *vma);
int mlock_vma_pages_range(struct machine *m, struct vm_area_struct *vma,
			  u32 start, u32 end);
/* A new page in a VM_LOCKED VMA is mlocked at once (true: put it on
 * the unevictable list); a locked VMA's page replaced by a COW copy
 * loses its mlock. */
bool is_mlocked_vma(struct machine *m, struct vm_area_struct *vma, u32 pfn);
void clear_page_mlock(struct machine *m, u32 pfn);

/* fork.c: a task with (or without) a fresh mm, and its end. */
struct task_struct *task_new(struct machine *m, const char *comm,
			     struct task_struct *parent, bool with_mm);
void task_free(struct machine *m, struct task_struct *t);

/* mmap.c */
void exit_mmap(struct machine *m, struct mm_struct *mm);
/* Shared writable mappings of a disk file: PTEs start read-only so the
 * first write is seen (and the page dirtied). */
bool vma_wants_writenotify(struct vm_area_struct *vma);
/* vm_page_prot from vm_flags and the write-notify rule. */
void vma_set_page_prot(struct vm_area_struct *vma);

/* rlimit(resource) as mm's system calls see it: the soft limit of the
 * task that owns mm (the kernel reads current's, and current is the
 * caller; vmdb has no threads, so that is mm's owner).  An mm with no
 * owner left (a dead task's, kept lazily) has init's. */
static inline u32
mm_rlimit(struct machine *m, const struct mm_struct *mm, int resource)
{
	return task_rlimits(m, mm->owner)[resource].rlim_cur;
}

/* can_do_mlock: a task may lock memory if RLIMIT_MEMLOCK is not 0 (or
 * with CAP_IPC_LOCK, which vmdb's tasks lack). */
static inline bool
can_do_mlock(struct machine *m, const struct mm_struct *mm)
{
	return mm_rlimit(m, mm, RLIMIT_MEMLOCK) != 0;
}

/* Would locking `pages` more pages take locked_vm past RLIMIT_MEMLOCK?
 * (No CAP_IPC_LOCK to override it.) */
static inline bool
over_mlock_limit(struct machine *m, struct mm_struct *mm, u64 pages)
{
	u32 limit = mm_rlimit(m, mm, RLIMIT_MEMLOCK);

	return limit != RLIM_INFINITY &&
	       mm->locked_vm + pages > limit >> PAGE_SHIFT;
}

/* mmap.c: merge [start, end) of vma with its neighbours under newflags,
 * or split it off (mprotect_fixup's and mlock_fixup's first half).  On
 * success *pprev and the returned vma cover exactly [start, end). */
int vma_merge_or_split(struct machine *m, struct mm_struct *mm,
		       struct vm_area_struct **vmap,
		       struct vm_area_struct **pprev, u32 start, u32 end,
		       u32 newflags);

/* memory.c: clear the PTE, then drop every TLB entry for it. */
u32 ptep_clear_flush(struct machine *m, struct vm_area_struct *vma, u32 addr,
		     u32 pte_pa);

/* Update rss high-water marks before rss drops (update_hiwater_rss). */
static inline void
update_hiwater_rss(struct mm_struct *mm)
{
	unsigned long rss = (unsigned long)(mm->file_rss + mm->anon_rss);

	if (mm->hiwater_rss < rss)
		mm->hiwater_rss = rss;
}

#endif
