/* debug/explain_impl.h: what the explain_*.c files share: the context a
 * sentence is written in, the rows that tie a trace point to its sentences
 * and its Gorman chapter, and read-only helpers over the machine (names of
 * zones and pages, the current mm, a VMA, a file by inode).  Nothing here
 * changes the machine or fires a trace point: a sentence is written from
 * inside a trace hook, in the middle of the kernel's work. */
#ifndef VMDB_EXPLAIN_IMPL_H
#define VMDB_EXPLAIN_IMPL_H

#include "vmdb/explain.h"
#include "vmdb/machine.h"
#include "vmdb/sched.h"
#include "vmdb/util.h"

struct vfile;

struct xctx {
	struct machine *m;
	const struct trace_event *ev;
	struct strbuf *sb;
};

/* The event's argument i (as the trace table names them), 0 if absent. */
static inline long
xarg(const struct xctx *x, int i)
{
	return i < x->ev->nargs ? x->ev->args[i] : 0;
}

static inline u32
xarg32(const struct xctx *x, int i)
{
	return (u32)xarg(x, i);
}

#define say(x, ...)	sb_printf((x)->sb, __VA_ARGS__)

/*
 * One trace point: the sentence for its entry or event (never empty), the
 * one for its return (NULL: none), and the Gorman chapter or section that
 * describes it ("4.6"): NULL for what 2.6 added after the book (2.4), ""
 * for what the book leaves out.
 */
struct explain_row {
	enum tp_id id;
	const char *gorman;
	void (*enter)(struct xctx *x);
	void (*exit)(struct xctx *x);
};

/* The rows of each explain_*.c file, ended by a row with enter NULL. */
extern const struct explain_row explain_rows_alloc[];
extern const struct explain_row explain_rows_slab[];
extern const struct explain_row explain_rows_kmem[];
extern const struct explain_row explain_rows_mmu[];
extern const struct explain_row explain_rows_fault[];
extern const struct explain_row explain_rows_vma[];
extern const struct explain_row explain_rows_cache[];

/* ---- helpers (explain.c) ------------------------------------------------ */

/* "Normal", or "zone ?" for an index out of range. */
const char *x_zone(long idx);
/* "Movable", or "?". */
const char *x_mt(long mt);
/* "s" unless n is 1: "%lu page%s", n, x_s(n). */
static inline const char *
x_s(unsigned long n)
{
	return n == 1 ? "" : "s";
}

/* "1 page" / "8 pages". */
void x_pages(struct xctx *x, unsigned long n);
/* The zone of a valid pfn, NULL otherwise. */
struct zone *x_pfn_zone(struct machine *m, long pfn);
/* The mm the current task of this CPU works on (NULL: none). */
struct mm_struct *x_cur_mm(struct machine *m);
/* The live mm with that kernel address (NULL for 0, init_mm, or none). */
struct mm_struct *x_mm_by_kaddr(struct machine *m, long kaddr);
/* "pid 1 (sh)'s mm", "init_mm" or "a dead mm". */
void x_mm_name(struct xctx *x, const struct mm_struct *mm);
/* The VMA of mm containing addr, without touching mmap_cache. */
struct vm_area_struct *x_vma_at(const struct mm_struct *mm, u32 addr);
/* The first VMA ending above addr (find_vma's answer), read only. */
struct vm_area_struct *x_vma_above(const struct mm_struct *mm, u32 addr);
/* "08048000-08050000 r-xp /bin/sh" */
void x_vma_desc(struct xctx *x, const struct vm_area_struct *vma);
/* The file with that inode number, or NULL. */
struct vfile *x_file_by_ino(struct machine *m, long ino);
/* The file whose page-cache page pfn is, or NULL. */
struct vfile *x_page_file(struct machine *m, u32 pfn);
/* "/bin/sh", or "inode N" when there is no such file. */
void x_file_name(struct xctx *x, long ino);
/* Present PTEs of mm in [start, end). */
u32 x_present_ptes(struct machine *m, struct mm_struct *mm, u32 start,
		   u32 end);
/* "cpu1", "cpu0 and cpu1", "cpu0, cpu1 and cpu2" for a CPU mask. */
void x_cpus(struct xctx *x, u32 mask);

#endif
