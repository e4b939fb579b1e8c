/* debug/explain.c: `explain`: the sentence for a trace event, its source
 * reference, the folding of sentences into lines, and the read-only
 * helpers the explain_*.c files write their sentences with.
 *
 * Each explain_*.c file holds the rows of one part of the trace table
 * (the page allocator, slab, vmalloc and highmem, the MMU and TLB, faults
 * and fork, the mmap family, the page cache).  A row gives the sentence
 * for the entry or the event, optionally one for the return, and the
 * chapter of Gorman's book.  The reference is added here, the same way
 * for all:
 *
 *   ...: see mm/memory.c, do_wp_page; Gorman ch. 4.6
 *   ...: see mm/page_alloc.c, rmqueue_bulk (2.6; not in Gorman's 2.4)
 *   ...: see the i386 MMU (hardware); Gorman ch. 3
 *   ...: see arch/x86/mm/ioremap.c, iounmap (not covered by Gorman)
 */
#include "config.h"

#include <string.h>

#include "vmdb/fs.h"
#include "vmdb/mmap.h"
#include "vmdb/pgtable.h"

#include "explain_impl.h"

static const struct explain_row *const explain_tables[] = {
	explain_rows_alloc, explain_rows_slab, explain_rows_kmem,
	explain_rows_mmu, explain_rows_fault, explain_rows_vma,
	explain_rows_cache,
};

static const struct explain_row *
explain_row(int id)
{
	const struct explain_row *r;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(explain_tables); i++)
		for (r = explain_tables[i]; r->enter; r++)
			if ((int)r->id == id)
				return r;
	return NULL;
}

bool
explain_has(int tp_id, enum tp_phase ph)
{
	const struct explain_row *r = explain_row(tp_id);

	if (r == NULL)
		return false;
	return ph == TP_PH_EXIT ? r->exit != NULL : true;
}

static void
cite(struct xctx *x, const struct explain_row *r)
{
	const struct tp_def *d = tp_get(x->ev->id);

	if (d->file[0] == '(')
		say(x, ": see the i386 MMU (hardware)");
	else
		say(x, ": see %s, %s", d->file, d->name);
	if (r->gorman == NULL)
		say(x, " (2.6; not in Gorman's 2.4)");
	else if (r->gorman[0] == '\0')
		say(x, " (not covered by Gorman)");
	else
		say(x, "; Gorman ch. %s", r->gorman);
}

void
explain_event(struct machine *m, const struct trace_event *ev,
	      struct strbuf *out)
{
	const struct explain_row *r = explain_row(ev->id);
	struct xctx x = { m, ev, out };
	size_t start = out->len;

	if (r == NULL)
		return;
	if (ev->phase == TP_PH_EXIT) {
		if (r->exit)
			r->exit(&x);
		return;
	}
	r->enter(&x);
	if (out->len > start)
		cite(&x, r);
}

void
explain_wrap(struct strbuf *out, const char *text, int indent, int width)
{
	int col = 0, line = 0;
	const char *p = text;

	if (width - indent < 40)
		width = indent + 40;
	for (;;) {
		size_t n;

		p += strspn(p, " ");
		if (!*p)
			break;
		n = strcspn(p, " ");
		/* "Gorman ch. 4.6" stays on one line */
		if (n == 3 && !strncmp(p, "ch.", 3) && p[3] == ' ' && p[4])
			n += 1 + strcspn(p + 4, " ");
		if (col && col + 1 + (int)n > width) {
			sb_puts(out, "\n");
			col = 0;
			line++;
		}
		if (col == 0) {
			col = line ? indent + 2 : indent;
			sb_printf(out, "%*s", col, "");
		} else {
			sb_puts(out, " ");
			col++;
		}
		sb_add(out, p, n);
		col += (int)n;
		p += n;
	}
	if (col)
		sb_puts(out, "\n");
}

/* ---- helpers ------------------------------------------------------------ */

const char *
x_zone(long idx)
{
	return idx >= 0 && idx < MAX_NR_ZONES ? zone_names[idx] : "zone ?";
}

const char *
x_mt(long mt)
{
	return mt >= 0 && mt < MIGRATE_TYPES ? migratetype_names[mt] : "?";
}

void
x_pages(struct xctx *x, unsigned long n)
{
	say(x, "%lu page%s", n, x_s(n));
}

struct zone *
x_pfn_zone(struct machine *m, long pfn)
{
	if (pfn < 0 || pfn > 0xffffffffL || !pfn_valid(m, (u32)pfn))
		return NULL;
	return &m->zones[page_zonenum(&m->mem_map[pfn])];
}

struct mm_struct *
x_cur_mm(struct machine *m)
{
	struct task_struct *t = m->cpus[m->this_cpu].current;

	return t ? t->mm : NULL;
}

struct mm_struct *
x_mm_by_kaddr(struct machine *m, long kaddr)
{
	struct mm_struct *mm;

	if (kaddr == 0 || m->sched == NULL)
		return NULL;
	for (mm = m->sched->mms; mm; mm = mm->next_mm)
		if ((long)mm->kaddr == kaddr)
			return mm;
	return NULL;
}

void
x_mm_name(struct xctx *x, const struct mm_struct *mm)
{
	struct task_struct *t;

	if (mm == NULL) {
		say(x, "init_mm");
		return;
	}
	for (t = x->m->sched ? x->m->sched->tasks : NULL; t; t = t->next_task)
		if (t->mm == mm && t->state == TASK_RUNNING) {
			say(x, "pid %d (%s)'s mm", t->pid, t->comm);
			return;
		}
	say(x, "the mm at 0x%08x%s", mm->kaddr, mm->mm_users ? "" :
	    ", whose process has exited");
}

struct vm_area_struct *
x_vma_above(const struct mm_struct *mm, u32 addr)
{
	struct vm_area_struct *v;

	for (v = mm ? mm->mmap : NULL; v; v = v->vm_next)
		if (v->vm_end > addr)
			return v;
	return NULL;
}

struct vm_area_struct *
x_vma_at(const struct mm_struct *mm, u32 addr)
{
	struct vm_area_struct *v = x_vma_above(mm, addr);

	return v && v->vm_start <= addr ? v : NULL;
}

void
x_vma_desc(struct xctx *x, const struct vm_area_struct *v)
{
	const struct mm_struct *mm = v->vm_mm;
	u32 f = v->vm_flags;

	say(x, "%08x-%08x %c%c%c%c ", v->vm_start, v->vm_end,
	    f & VM_READ ? 'r' : '-', f & VM_WRITE ? 'w' : '-',
	    f & VM_EXEC ? 'x' : '-', f & VM_MAYSHARE ? 's' : 'p');
	if (v->vm_file)
		say(x, "%s", v->vm_file->name);
	else if (mm && v->vm_start <= mm->brk && v->vm_end >= mm->start_brk)
		say(x, "[heap]");
	else if (f & VM_GROWSDOWN)
		say(x, "[stack]");
	else
		say(x, "anonymous");
}

struct vfile *
x_file_by_ino(struct machine *m, long ino)
{
	struct vfile *f;

	for (f = file_first(m); f; f = f->next)
		if ((long)f->ino == ino)
			return f;
	return NULL;
}

struct vfile *
x_page_file(struct machine *m, u32 pfn)
{
	u32 mapping;

	if (!pfn_valid(m, pfn))
		return NULL;
	mapping = m->mem_map[pfn].mapping;
	if (mapping == 0 || (mapping & PAGE_MAPPING_ANON))
		return NULL;
	return file_by_mapping(m, mapping);
}

void
x_file_name(struct xctx *x, long ino)
{
	struct vfile *f = x_file_by_ino(x->m, ino);

	if (f)
		say(x, "%s", f->name);
	else
		say(x, "inode %ld", ino);
}

u32
x_present_ptes(struct machine *m, struct mm_struct *mm, u32 start,
	       u32 end)
{
	u32 addr, n = 0;

	for (addr = start & PAGE_MASK; addr < end && addr >= start;
	     addr += PAGE_SIZE) {
		u32 pte_pa = pte_offset(m, mm, addr);

		if (pte_pa && (phys_read32(m, pte_pa) &
			       (_PAGE_PRESENT | _PAGE_PROTNONE)))
			n++;
	}
	return n;
}

void
x_cpus(struct xctx *x, u32 mask)
{
	int cpu, n = 0, total = 0;

	for (cpu = 0; cpu < 32; cpu++)
		total += (mask >> cpu) & 1;
	for (cpu = 0; cpu < 32; cpu++) {
		if (!(mask & (1u << cpu)))
			continue;
		n++;
		say(x, "%scpu%d", n == 1 ? "" : n == total ? " and " : ", ",
		    cpu);
	}
}
