/* src/fs/task_mmu.c: what /proc/PID shows of an address space
 * (fs/proc/task_mmu.c and fs/proc/array.c, Linux 2.6.32): maps, smaps,
 * the status lines, and vmdb's own VMA listing and tree drawing. */
#include "config.h"

#include "vmdb/fs.h"
#include "vmdb/machine.h"
#include "vmdb/mmap.h"
#include "vmdb/out.h"
#include "vmdb/pgtable.h"
#include "vmdb/util.h"

#include "../mm/mm_impl.h"

/* The gate VMA (arch/x86/vdso/vdso32-setup.c): the COMPAT_VDSO page, in
 * no mm's list, shown after the last VMA of a task whose vdso is there. */
static const struct vm_area_struct gate_vma = {
	.vm_start = VDSO_HIGH_BASE,
	.vm_end = VDSO_HIGH_BASE + PAGE_SIZE,
	.vm_page_prot = PAGE_READONLY,
	.vm_flags = VM_READ | VM_EXEC,
};

static bool
has_gate_vma(const struct mm_struct *mm)
{
	return mm->vdso == VDSO_HIGH_BASE;
}

/* "read|write|mayread|..." for the set vm_flags bits, lowest first; bits
 * without a name as one hex number; "none" for 0. */
void
vm_flags_format(struct strbuf *sb, u32 flags)
{
	size_t start = sb->len;
	u32 bit;

	for (bit = 0; bit < ARRAY_SIZE(vm_flag_names); bit++)
		if (flags & (1u << bit))
			sb_printf(sb, "%s%s", sb->len > start ? "|" : "",
				  vm_flag_names[bit]);
	if (flags >> ARRAY_SIZE(vm_flag_names))
		sb_printf(sb, "%s%#x", sb->len > start ? "|" : "",
			  flags & ~((1u << ARRAY_SIZE(vm_flag_names)) - 1));
	if (sb->len == start)
		sb_puts(sb, "none");
}

/* The name maps shows after the inode, or NULL (arch_vma_name and the
 * [heap]/[stack] rules of show_map_vma). */
static const char *
vma_name(const struct vm_area_struct *vma, const struct mm_struct *mm,
	 struct strbuf *buf)
{
	if (vma->vm_file) {
		sb_printf(buf, "%s%s", vma->vm_file->name,
			  vma->vm_file->deleted ? " (deleted)" : "");
		return buf->buf;
	}
	if (!vma->vm_mm)
		return "[vdso]";	/* the gate VMA */
	if (mm->vdso && vma->vm_start == mm->vdso)
		return "[vdso]";
	if (vma->vm_start <= mm->start_brk && vma->vm_end >= mm->brk)
		return "[heap]";
	if (vma->vm_start <= mm->start_stack &&
	    vma->vm_end >= mm->start_stack)
		return "[stack]";
	return NULL;
}

/*
 * One maps line: "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu %n", then,
 * when there is a name, spaces up to column 25 + 6 * sizeof(void *) = 49
 * (at least one) and the name.
 */
static void
show_map_vma(const struct vm_area_struct *vma, const struct mm_struct *mm,
	     struct out *o)
{
	const struct vfile *f = vma->vm_file;
	u32 flags = vma->vm_flags;
	struct strbuf line, name;
	const char *nm;

	sb_init(&line);
	sb_init(&name);
	sb_printf(&line, "%08x-%08x %c%c%c%c %08llx %02x:%02x %lu ",
		  vma->vm_start, vma->vm_end, flags & VM_READ ? 'r' : '-',
		  flags & VM_WRITE ? 'w' : '-', flags & VM_EXEC ? 'x' : '-',
		  flags & VM_MAYSHARE ? 's' : 'p',
		  f ? (unsigned long long)vma->vm_pgoff << PAGE_SHIFT : 0ull,
		  f ? f->dev_major : 0, f ? f->dev_minor : 0,
		  f ? (unsigned long)f->ino : 0ul);
	nm = vma_name(vma, mm, &name);
	if (nm)
		sb_printf(&line, "%*s%s", line.len < 48 ? (int)(48 - line.len) :
			  1, "", nm);
	out_printf(o, "%s\n", line.buf);
	sb_free(&name);
	sb_free(&line);
}

void
show_maps(struct machine *m, struct task_struct *t, struct out *o)
{
	struct mm_struct *mm = t->mm;
	struct vm_area_struct *vma;

	(void)m;
	if (!mm)
		return;
	for (vma = mm->mmap; vma; vma = vma->vm_next)
		show_map_vma(vma, mm, o);
	if (has_gate_vma(mm))
		show_map_vma(&gate_vma, mm, o);
}

/* ---- smaps -------------------------------------------------------------- */

#define PSS_SHIFT	12

struct mem_size_stats {
	unsigned long resident, shared_clean, shared_dirty, private_clean,
		private_dirty, referenced, swap;
	u64 pss;		/* bytes << PSS_SHIFT */
};

/* smaps_pte_range over one VMA. */
static void
smaps_walk(struct machine *m, struct vm_area_struct *vma,
	   struct mem_size_stats *mss)
{
	u32 addr = vma->vm_start, next, pte_pa, pte, pfn;
	int mapcount;

	while (addr < vma->vm_end) {
		next = (addr + PGDIR_SIZE) & PGDIR_MASK;
		if (!next || next > vma->vm_end)
			next = vma->vm_end;
		pte_pa = pte_offset(m, vma->vm_mm, addr);
		for (; pte_pa && addr < next; addr += PAGE_SIZE, pte_pa += 4) {
			pte = ram32(m, pte_pa);
			if (!pte)
				continue;
			if (!(pte & (_PAGE_PRESENT | _PAGE_PROTNONE))) {
				if (!(pte & _PAGE_FILE))
					mss->swap += PAGE_SIZE;
				continue;
			}
			pfn = vm_normal_page(m, vma, pte);
			if (pfn == PFN_NONE)
				continue;	/* the zero page */
			mss->resident += PAGE_SIZE;
			if ((pte & _PAGE_ACCESSED) ||
			    page_test(&m->mem_map[pfn], PG_referenced))
				mss->referenced += PAGE_SIZE;
			mapcount = m->mem_map[pfn]._mapcount + 1;
			if (mapcount >= 2) {
				if (pte & _PAGE_DIRTY)
					mss->shared_dirty += PAGE_SIZE;
				else
					mss->shared_clean += PAGE_SIZE;
				mss->pss += ((u64)PAGE_SIZE << PSS_SHIFT) /
					    (u64)mapcount;
			} else {
				if (pte & _PAGE_DIRTY)
					mss->private_dirty += PAGE_SIZE;
				else
					mss->private_clean += PAGE_SIZE;
				mss->pss += (u64)PAGE_SIZE << PSS_SHIFT;
			}
		}
		addr = next;
	}
}

static void
show_smap(struct machine *m, struct vm_area_struct *vma,
	  const struct mm_struct *mm, struct out *o)
{
	struct mem_size_stats mss = { 0 };

	if (vma->vm_mm)		/* the gate VMA has no page tables here */
		smaps_walk(m, vma, &mss);
	show_map_vma(vma, mm, o);
	out_printf(o,
		   "Size:           %8lu kB\n"
		   "Rss:            %8lu kB\n"
		   "Pss:            %8lu kB\n"
		   "Shared_Clean:   %8lu kB\n"
		   "Shared_Dirty:   %8lu kB\n"
		   "Private_Clean:  %8lu kB\n"
		   "Private_Dirty:  %8lu kB\n"
		   "Referenced:     %8lu kB\n"
		   "Swap:           %8lu kB\n"
		   "KernelPageSize: %8lu kB\n"
		   "MMUPageSize:    %8lu kB\n",
		   (unsigned long)(vma->vm_end - vma->vm_start) >> 10,
		   mss.resident >> 10,
		   (unsigned long)(mss.pss >> (10 + PSS_SHIFT)),
		   mss.shared_clean >> 10, mss.shared_dirty >> 10,
		   mss.private_clean >> 10, mss.private_dirty >> 10,
		   mss.referenced >> 10, mss.swap >> 10,
		   (unsigned long)PAGE_SIZE >> 10,
		   (unsigned long)PAGE_SIZE >> 10);
}

void
show_smaps(struct machine *m, struct task_struct *t, struct out *o)
{
	struct mm_struct *mm = t->mm;
	struct vm_area_struct *vma;
	struct vm_area_struct gate = gate_vma;

	if (!mm)
		return;
	for (vma = mm->mmap; vma; vma = vma->vm_next)
		show_smap(m, vma, mm, o);
	if (has_gate_vma(mm))
		show_smap(m, &gate, mm, o);
}

/* ---- status ------------------------------------------------------------- */

static const char *
task_state_string(const struct task_struct *t)
{
	switch (t->state) {
	case TASK_RUNNING:
		return "R (running)";
	case TASK_ZOMBIE:
		return "Z (zombie)";
	default:
		return "X (dead)";
	}
}

/* task_mem: the Vm* lines (all in kB). */
static void
task_mem(const struct mm_struct *mm, struct out *o)
{
	unsigned long hiwater_vm, total_vm, hiwater_rss, total_rss, data,
		text, lib;

	hiwater_vm = total_vm = mm->total_vm;
	if (hiwater_vm < mm->hiwater_vm)
		hiwater_vm = mm->hiwater_vm;
	hiwater_rss = total_rss = (unsigned long)(mm->file_rss + mm->anon_rss);
	if (hiwater_rss < mm->hiwater_rss)
		hiwater_rss = mm->hiwater_rss;
	data = mm->total_vm - mm->shared_vm - mm->stack_vm;
	text = (PAGE_ALIGN32(mm->end_code) - (mm->start_code & PAGE_MASK)) >>
	       10;
	lib = (mm->exec_vm << (PAGE_SHIFT - 10)) - text;
	out_printf(o,
		   "VmPeak:\t%8lu kB\n"
		   "VmSize:\t%8lu kB\n"
		   "VmLck:\t%8lu kB\n"
		   "VmHWM:\t%8lu kB\n"
		   "VmRSS:\t%8lu kB\n"
		   "VmData:\t%8lu kB\n"
		   "VmStk:\t%8lu kB\n"
		   "VmExe:\t%8lu kB\n"
		   "VmLib:\t%8lu kB\n"
		   "VmPTE:\t%8lu kB\n",
		   hiwater_vm << (PAGE_SHIFT - 10),
		   (total_vm - mm->reserved_vm) << (PAGE_SHIFT - 10),
		   mm->locked_vm << (PAGE_SHIFT - 10),
		   hiwater_rss << (PAGE_SHIFT - 10),
		   total_rss << (PAGE_SHIFT - 10),
		   data << (PAGE_SHIFT - 10),
		   mm->stack_vm << (PAGE_SHIFT - 10), text, lib,
		   mm->nr_ptes * (PTRS_PER_PTE * 4) >> 10);
}

/*
 * /proc/PID/status, the lines vmdb has values for, in the kernel's
 * order: Name, State, Tgid, Pid, PPid (fs/proc/array.c task_state; vmdb
 * has no threads, so Tgid is the pid), then the Vm* lines of task_mem
 * when the task has an mm (not for kernel threads or zombies).  The
 * kernel's other lines (TracerPid, Uid, Gid, FDSize, Groups, Threads,
 * signals, capabilities, cpus) have nothing behind them here.
 */
void
show_status(struct machine *m, struct task_struct *t, struct out *o)
{
	(void)m;
	out_printf(o, "Name:\t%s\nState:\t%s\nTgid:\t%d\nPid:\t%d\nPPid:\t%d\n",
		   t->comm, task_state_string(t), t->pid, t->pid,
		   t->parent ? t->parent->pid : 0);
	if (t->mm)
		task_mem(t->mm, o);
}

/* ---- vmdb's views: the VMA list and the tree ---------------------------- */

void
show_vmas(struct machine *m, struct mm_struct *mm, struct out *o)
{
	struct vm_area_struct *vma;
	struct strbuf sb;

	(void)m;
	sb_init(&sb);
	out_printf(o, "mm %08x: pgd %08x, mm_users %d, mm_count %d\n",
		   mm->kaddr, mm->pgd, mm->mm_users, mm->mm_count);
	out_printf(o, "map_count %d, total_vm %lu, locked_vm %lu, shared_vm "
		   "%lu, exec_vm %lu, stack_vm %lu, reserved_vm %lu\n",
		   mm->map_count, mm->total_vm, mm->locked_vm, mm->shared_vm,
		   mm->exec_vm, mm->stack_vm, mm->reserved_vm);
	out_printf(o, "mmap_base %08x, free_area_cache %08x, cached_hole_size "
		   "%#x, %s layout\n", mm->mmap_base, mm->free_area_cache,
		   mm->cached_hole_size,
		   mm->legacy_layout ? "legacy bottom-up" : "top-down");
	if (mm->mmap_cache)
		out_printf(o, "mmap_cache %08x-%08x\n",
			   mm->mmap_cache->vm_start, mm->mmap_cache->vm_end);
	else
		out_printf(o, "mmap_cache none\n");
	out_printf(o, "VMA      START    END         PAGES PGOFF    ANON_VMA "
		   "PROT FLAGS\n");
	for (vma = mm->mmap; vma; vma = vma->vm_next) {
		sb_reset(&sb);
		vm_flags_format(&sb, vma->vm_flags);
		out_printf(o, "%08x %08x-%08x %7u %08x ", vma->kaddr,
			   vma->vm_start, vma->vm_end,
			   (vma->vm_end - vma->vm_start) >> PAGE_SHIFT,
			   vma->vm_pgoff);
		if (vma->anon_vma)
			out_printf(o, "%08x ", vma->anon_vma->kaddr);
		else
			out_printf(o, "-        ");
		out_printf(o, "%03x  %s%s%s%s\n", vma->vm_page_prot, sb.buf,
			   vma->vm_file ? "  " : "",
			   vma->vm_file ? vma->vm_file->name : "",
			   vma->vm_file && vma->vm_file->deleted ?
			   " (deleted)" : "");
	}
	sb_free(&sb);
}

static void
vma_label(const struct rb_node *n, struct strbuf *sb, void *arg)
{
	const struct vm_area_struct *vma =
		rb_entry(n, struct vm_area_struct, vm_rb);
	const struct mm_struct *mm = arg;
	u32 f = vma->vm_flags;

	sb_printf(sb, "%08x-%08x %c%c%c%c%s", vma->vm_start, vma->vm_end,
		  f & VM_READ ? 'r' : '-', f & VM_WRITE ? 'w' : '-',
		  f & VM_EXEC ? 'x' : '-', f & VM_MAYSHARE ? 's' : 'p',
		  vma == mm->mmap_cache ? " (mmap_cache)" : "");
}

void
show_vma_tree(struct machine *m, struct mm_struct *mm, struct out *o)
{
	struct strbuf sb;
	char why[128];
	int bh;

	(void)m;
	sb_init(&sb);
	rb_draw(&mm->mm_rb, vma_label, mm, &sb);
	out_puts(o, sb.buf);
	bh = rb_verify(&mm->mm_rb, why, sizeof(why));
	if (bh < 0)
		out_printf(o, "not a valid red-black tree: %s\n", why);
	else
		out_printf(o, "%d VMAs, black height %d\n", mm->map_count, bh);
	sb_free(&sb);
}
