/* debug/explain_vma.c: the sentences of the mmap family's trace points
 * (mm/mmap.c, mm/mprotect.c, mm/mlock.c, mm/mremap.c; Gorman 4.4,
 * "Memory Regions"): finding room, merging and splitting VMAs, unmapping,
 * the heap, and changing a range's protection or locking. */
#include "config.h"

#include "vmdb/mmap.h"

#include "explain_impl.h"

/* "rw-" for VM_READ|VM_WRITE */
static void
rwx(struct xctx *x, u32 f)
{
	say(x, "%c%c%c", f & VM_READ ? 'r' : '-', f & VM_WRITE ? 'w' : '-',
	    f & VM_EXEC ? 'x' : '-');
}

static void
map_flags(struct xctx *x, u32 flags)
{
	static const struct {
		u32 bit;
		const char *name;
	} names[] = {
		{ MAP_SHARED, "MAP_SHARED" }, { MAP_PRIVATE, "MAP_PRIVATE" },
		{ MAP_FIXED, "MAP_FIXED" }, { MAP_ANONYMOUS, "MAP_ANONYMOUS" },
		{ MAP_GROWSDOWN, "MAP_GROWSDOWN" },
		{ MAP_LOCKED, "MAP_LOCKED" },
		{ MAP_NORESERVE, "MAP_NORESERVE" },
		{ MAP_POPULATE, "MAP_POPULATE" },
	};
	size_t i, n = 0;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (flags & names[i].bit)
			say(x, "%s%s", n++ ? "|" : "", names[i].name);
	if (n == 0)
		say(x, "0x%x", flags);
}

static void
do_mmap_enter(struct xctx *x)
{
	u32 len = xarg32(x, 1), flags = xarg32(x, 3);

	say(x, "do_mmap_pgoff sets up %u bytes ", len);
	rwx(x, xarg32(x, 2));
	say(x, " ");
	map_flags(x, flags);
	if (!(flags & MAP_ANONYMOUS))
		say(x, " of a file from page %ld", xarg(x, 4));
	say(x, "; it finds room (get_unmapped_area), joins a neighbouring VMA "
	    "if it can (vma_merge) or makes a new one, and ");
	if (flags & (MAP_POPULATE | MAP_LOCKED))
		say(x, "with %s faults every page in at once",
		    flags & MAP_LOCKED ? "MAP_LOCKED" : "MAP_POPULATE");
	else
		say(x, "allocates no page before the first fault");
}

static void
do_mmap_exit(struct xctx *x)
{
	if (x->ev->ret < 0)
		say(x, "do_mmap_pgoff fails");
	else
		say(x, "do_mmap_pgoff returns 0x%08lx", x->ev->ret);
}

static bool
err_addr(long v)
{
	return (u32)v >= (u32)-4095;
}

static void
get_unmapped_area_enter(struct xctx *x)
{
	struct mm_struct *mm = x_cur_mm(x->m);
	u32 addr = xarg32(x, 0), len = xarg32(x, 1);

	if (xarg32(x, 2) & MAP_FIXED) {
		say(x, "get_unmapped_area must use 0x%08x exactly (MAP_FIXED) "
		    "for %u bytes", addr, len);
		return;
	}
	if (mm == NULL || mm->legacy_layout)
		say(x, "get_unmapped_area looks bottom-up from "
		    "TASK_UNMAPPED_BASE for %u free bytes (the legacy layout)",
		    len);
	else
		say(x, "get_unmapped_area looks top-down below mmap_base "
		    "0x%08x for %u free bytes, starting at free_area_cache "
		    "0x%08x",
		    mm->mmap_base, len, mm->free_area_cache);
	if (addr)
		say(x, "; the hint 0x%08x wins if that range is free", addr);
}

static void
get_unmapped_area_exit(struct xctx *x)
{
	if (err_addr(x->ev->ret))
		say(x, "get_unmapped_area finds no room");
	else
		say(x, "get_unmapped_area picks 0x%08lx", x->ev->ret);
}

static void
vma_merge_enter(struct xctx *x)
{
	struct mm_struct *mm = x_cur_mm(x->m);
	u32 addr = xarg32(x, 0), end = xarg32(x, 1);
	struct vm_area_struct *prev = addr ? x_vma_at(mm, addr - 1) : NULL;
	struct vm_area_struct *next = x_vma_at(mm, end);

	say(x, "vma_merge asks whether 0x%08x-0x%08x can join the VMA before "
	    "or after it, which takes the same flags, file (at the right "
	    "offset) and anon_vma", addr, end);
	if (prev && prev->vm_end == addr) {
		say(x, "; the VMA before, ");
		x_vma_desc(x, prev);
		say(x, ", ends right there");
	} else {
		say(x, "; no VMA ends at 0x%08x", addr);
	}
	if (next && next->vm_start == end) {
		say(x, "; the VMA after, ");
		x_vma_desc(x, next);
		say(x, ", starts right there");
	} else {
		say(x, "; no VMA starts at 0x%08x", end);
	}
}

static void
vma_merge_exit(struct xctx *x)
{
	if (x->ev->ret)
		say(x, "vma_merge merges; the range is now part of the VMA "
		    "that starts at 0x%08lx", x->ev->ret);
	else
		say(x, "vma_merge finds no neighbour to join");
}

static void
split_vma_enter(struct xctx *x)
{
	struct mm_struct *mm = x_cur_mm(x->m);

	say(x, "split_vma cuts 0x%08x-0x%08x at 0x%08x into two VMAs; the new "
	    "vm_area_struct, from its slab cache, takes the %s part",
	    xarg32(x, 0), xarg32(x, 1), xarg32(x, 2),
	    xarg(x, 3) ? "lower" : "upper");
	if (mm)
		say(x, ", and map_count becomes %d", mm->map_count + 1);
}

static void
do_munmap_enter(struct xctx *x)
{
	struct mm_struct *mm = x_cur_mm(x->m);
	u32 start = xarg32(x, 0), end = start + ((xarg32(x, 1) + PAGE_SIZE -
						    1) & PAGE_MASK);
	struct vm_area_struct *v;
	int n = 0;

	for (v = x_vma_above(mm, start); v && v->vm_start < end; v = v->vm_next)
		n++;
	say(x, "do_munmap removes 0x%08x-0x%08x", start, end);
	if (n == 0) {
		say(x, "; nothing is mapped there");
		return;
	}
	say(x, ", which %d VMA%s overlap%s; a VMA that sticks out at either "
	    "end is split first, then unmap_region clears the PTEs and the "
	    "VMAs are freed", n, n == 1 ? "" : "s", n == 1 ? "s" : "");
}

static void
unmap_region_enter(struct xctx *x)
{
	struct mm_struct *mm = x_cur_mm(x->m);
	u32 start = xarg32(x, 0), end = xarg32(x, 1);

	say(x, "unmap_region zaps the PTEs of 0x%08x-0x%08x", start, end);
	if (mm)
		say(x, " (%u present)", x_present_ptes(x->m, mm, start, end));
	say(x, ", dropping each page's mapcount and reference, frees the page "
	    "tables no VMA needs any more, then flushes the TLB "
	    "(flush_tlb_mm)");
}

static void
do_brk_enter(struct xctx *x)
{
	say(x, "do_brk grows the heap by %u bytes at 0x%08x, stretching the "
	    "heap's VMA when it can be merged, else with a new anonymous VMA; "
	    "pages come later, by faults", xarg32(x, 1), xarg32(x, 0));
}

static void
mprotect_fixup_enter(struct xctx *x)
{
	u32 start = xarg32(x, 0), end = xarg32(x, 1), nf = xarg32(x, 2);
	struct vm_area_struct *v = x_vma_at(x_cur_mm(x->m), start);

	say(x, "mprotect_fixup changes 0x%08x-0x%08x ", start, end);
	if (v) {
		say(x, "from ");
		rwx(x, v->vm_flags);
		say(x, " ");
	}
	say(x, "to ");
	rwx(x, nf);
	if (v && v->vm_start == start && v->vm_end == end)
		say(x, "; that is the whole VMA, so it can only merge with a "
		    "neighbour that has those flags");
	else
		say(x, "; it merges the range with a neighbour that has those "
		    "flags, or splits the VMA");
	say(x, ", then rewrites the PTEs (change_protection) and flushes the "
	    "TLB");
}

static void
mlock_fixup_enter(struct xctx *x)
{
	u32 start = xarg32(x, 0), end = xarg32(x, 1);

	if (xarg32(x, 2) & VM_LOCKED)
		say(x, "mlock_fixup sets VM_LOCKED on 0x%08x-0x%08x (merging "
		    "or splitting the VMA), faults in every page, writing "
		    "where the VMA is writable, which breaks COW, and moves "
		    "the pages to the unevictable list; locked_vm grows by %u "
		    "page%s",
		    start, end, (end - start) / PAGE_SIZE,
		    x_s((end - start) / PAGE_SIZE));
	else
		say(x, "munlock's mlock_fixup clears VM_LOCKED on "
		    "0x%08x-0x%08x; its pages go back to the normal LRU lists "
		    "unless another VMA still locks them", start, end);
}

static void
move_vma_enter(struct xctx *x)
{
	say(x, "mremap's move_vma moves 0x%08x (%u bytes) to 0x%08x as %u "
	    "bytes; it makes a new VMA, moves the page-table entries over (the "
	    "pages themselves stay where they are), then unmaps the old range",
	    xarg32(x, 0), xarg32(x, 1), xarg32(x, 3), xarg32(x, 2));
}

const struct explain_row explain_rows_vma[] = {
	{ TP_do_mmap_pgoff, "4.4", do_mmap_enter, do_mmap_exit },
	{ TP_get_unmapped_area, "4.4", get_unmapped_area_enter,
	  get_unmapped_area_exit },
	{ TP_vma_merge, "4.4", vma_merge_enter, vma_merge_exit },
	{ TP_split_vma, "4.4", split_vma_enter, NULL },
	{ TP_do_munmap, "4.4", do_munmap_enter, NULL },
	{ TP_unmap_region, "4.4", unmap_region_enter, NULL },
	{ TP_do_brk, "4.4", do_brk_enter, NULL },
	{ TP_mprotect_fixup, "4.4", mprotect_fixup_enter, NULL },
	{ TP_mlock_fixup, "4.4", mlock_fixup_enter, NULL },
	{ TP_move_vma, "4.4", move_vma_enter, NULL },
	{ 0, NULL, NULL, NULL }
};
