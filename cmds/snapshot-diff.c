/* cmds/snapshot-diff.c: the differences between two snapshots, one line
 * each, grouped, in a fixed order (see snapshot.h). */
#include "config.h"

#include <string.h>

#include "snapshot-impl.h"
#include "snapshot.h"
#include "vmdb/mmap.h"
#include "vmdb/out.h"
#include "vmdb/pgtable.h"
#include "vmdb/util.h"

/* Lines out, counted; after max (0: no limit) only counted. */
struct dout {
	struct machine *m;
	struct out *o;
	int max;
	int n;
	struct strbuf sb;
};

/* Counts a difference; returns the line to fill (its tag written), or
 * NULL when the limit has been reached. */
static struct strbuf *
dline(struct dout *d, const char *tag)
{
	d->n++;
	if (d->max > 0 && d->n > d->max)
		return NULL;
	sb_reset(&d->sb);
	sb_printf(&d->sb, "%-6s", tag);
	return &d->sb;
}

static void
dline_end(struct dout *d)
{
	sb_puts(&d->sb, "\n");
	out_puts(d->o, d->sb.buf);
}

/*
 * Walks two arrays sorted by cmp side by side and calls emit for each
 * record that is only in a (new NULL), only in b (old NULL), or in both
 * with other contents.
 */
static void
merge(struct dout *d, const struct snap_vec *a, const struct snap_vec *b,
      size_t size, int (*cmp)(const void *, const void *),
      void (*emit)(struct dout *, const void *, const void *))
{
	size_t i = 0, j = 0;
	const char *x, *y;
	int c;

	while (i < a->n || j < b->n) {
		x = a->buf + i * size;
		y = b->buf + j * size;
		c = i == a->n ? 1 : j == b->n ? -1 : cmp(x, y);
		if (c < 0) {
			emit(d, x, NULL);
			i++;
		} else if (c > 0) {
			emit(d, NULL, y);
			j++;
		} else {
			if (memcmp(x, y, size))
				emit(d, x, y);
			i++;
			j++;
		}
	}
}

static const char *
state_name(s32 state)
{
	return state == TASK_RUNNING ? "running" :
	       state == TASK_ZOMBIE ? "zombie" : "dead";
}

static void
emit_task(struct dout *d, const void *old, const void *new)
{
	const struct snap_task *a = old, *b = new;
	struct strbuf *sb = dline(d, "task");

	if (!sb)
		return;
	if (!a)
		sb_printf(sb, "+ pid %d (%s) %s", b->pid, b->comm,
			  state_name(b->state));
	else if (!b)
		sb_printf(sb, "- pid %d (%s)", a->pid, a->comm);
	else if (strcmp(a->comm, b->comm))
		sb_printf(sb, "pid %d: %s -> %s", a->pid, a->comm, b->comm);
	else
		sb_printf(sb, "pid %d (%s): %s -> %s", a->pid, a->comm,
			  state_name(a->state), state_name(b->state));
	dline_end(d);
}

/* "b7e84000-b7e89000 rw-p", with the file offset for a file mapping. */
static void
vma_format(struct strbuf *sb, const struct snap_vma *v)
{
	sb_printf(sb, "%08x-%08x %c%c%c%c", v->start, v->end,
		  v->flags & VM_READ ? 'r' : '-',
		  v->flags & VM_WRITE ? 'w' : '-',
		  v->flags & VM_EXEC ? 'x' : '-',
		  v->flags & VM_MAYSHARE ? 's' : 'p');
	if (v->name[0])
		sb_printf(sb, " pgoff %x", v->pgoff);
}

/* The vm_flags bits set (+) and cleared (-) from a to b. */
static void
flags_delta(struct strbuf *sb, u32 a, u32 b, const char *const *names,
	    int nr)
{
	int i;

	for (i = 0; i < 32; i++) {
		if (!((a ^ b) & (1u << i)))
			continue;
		if (i < nr)
			sb_printf(sb, " %c%s", b & (1u << i) ? '+' : '-',
				  names[i]);
		else
			sb_printf(sb, " %cbit%d", b & (1u << i) ? '+' : '-', i);
	}
}

static void
emit_vma(struct dout *d, const void *old, const void *new)
{
	const struct snap_vma *a = old, *b = new, *v = b ? b : a;
	struct strbuf *sb = dline(d, "VMA");

	if (!sb)
		return;
	sb_printf(sb, "pid %d %s", v->pid, !a ? "+ " : !b ? "- " : "");
	if (a)
		vma_format(sb, a);
	if (a && b)
		sb_puts(sb, " -> ");
	if (b)
		vma_format(sb, b);
	sb_printf(sb, " %s", v->name[0] ? v->name : "(anon)");
	if (a && b && a->flags != b->flags) {
		sb_puts(sb, ",");
		flags_delta(sb, a->flags, b->flags, vm_flag_names,
			    (int)ARRAY_SIZE(vm_flag_names));
	}
	dline_end(d);
}

/* The names of the entry bits in mask, as pte_flags_format gives them for
 * a present entry (where bit 6 is DIRTY, not FILE). */
static void
entry_bits(struct strbuf *sb, u32 mask, bool pde)
{
	struct strbuf t;
	const char *p;

	sb_init(&t);
	pte_flags_format(&t, mask | _PAGE_PRESENT, pde);
	p = t.buf;
	if (!(mask & _PAGE_PRESENT))
		p += strcspn(p, "|") + (strchr(p, '|') != NULL);
	sb_puts(sb, *p ? p : "PRESENT");
	sb_free(&t);
}

/*
 * What an entry became: for the same frame, the bits that changed (the
 * MMU setting Accessed/Dirty, COW's write protection); otherwise the new
 * entry decoded.
 */
static void
entry_explain(struct strbuf *sb, u32 a, u32 b, bool pde)
{
	u32 set = b & ~a & PTE_FLAGS_MASK, clr = a & ~b & PTE_FLAGS_MASK;

	sb_puts(sb, " (");
	if ((a & b & _PAGE_PRESENT) &&
	    (a & PTE_PFN_MASK) == (b & PTE_PFN_MASK)) {
		if (set) {
			sb_puts(sb, "+");
			entry_bits(sb, set, pde);
		}
		if (clr) {
			sb_puts(sb, set ? " -" : "-");
			entry_bits(sb, clr, pde);
		}
	} else if (b & _PAGE_PRESENT) {
		pte_flags_format(sb, b, pde);
	} else if (!b) {
		sb_puts(sb, "none");
	} else {
		pte_decode_format(sb, b);
	}
	sb_puts(sb, ")");
}

/* Which part of the kernel's address space holds vaddr (machine.h). */
static const char *
kernel_area(struct machine *m, u32 vaddr)
{
	if (vaddr >= m->fixaddr_start)
		return " (fixmap)";
	if (m->pkmap_base && vaddr >= m->pkmap_base)
		return " (pkmap)";
	if (vaddr >= m->vmalloc_start && vaddr < m->vmalloc_end)
		return " (vmalloc)";
	return "";
}

static void
emit_pte(struct dout *d, const void *old, const void *new)
{
	const struct snap_pte *a = old, *b = new, *e = a ? a : b;
	u32 va = a ? a->val : 0, vb = b ? b->val : 0;
	struct strbuf *sb = dline(d, e->pde ? "PDE" : "PTE");

	if (!sb)
		return;
	if (e->pid == SNAP_KERNEL)
		sb_printf(sb, "kernel %08x%s: ", e->vaddr,
			  kernel_area(d->m, e->pde ? e->vaddr | ~PGDIR_MASK :
				      e->vaddr));
	else
		sb_printf(sb, "pid %d %08x: ", e->pid, e->vaddr);
	sb_printf(sb, "%08x -> %08x", va, vb);
	entry_explain(sb, va, vb, e->pde);
	dline_end(d);
}

static void
emit_page(struct dout *d, u32 pfn, const struct page *a, const struct page *b)
{
	struct strbuf *sb = dline(d, "page");
	const char *sep = " ";
	u32 f;
	int i;

	if (!sb)
		return;
	sb_printf(sb, "%05x:", pfn);
	if (a->_count != b->_count) {
		sb_printf(sb, "%s_count %d -> %d", sep, a->_count, b->_count);
		sep = ", ";
	}
	if (a->_mapcount != b->_mapcount) {
		sb_printf(sb, "%s_mapcount %d -> %d", sep, a->_mapcount,
			  b->_mapcount);
		sep = ", ";
	}
	if (a->flags != b->flags) {
		sb_printf(sb, "%sflags", sep);
		f = (a->flags ^ b->flags) & ((1u << NR_PAGEFLAGS) - 1);
		for (i = 0; i < NR_PAGEFLAGS; i++)
			if (f & (1u << i))
				sb_printf(sb, " %c%s", b->flags & (1u << i) ?
					  '+' : '-', pageflag_names[i]);
		if ((a->flags ^ b->flags) & ~((1u << NR_PAGEFLAGS) - 1))
			sb_printf(sb, " %08x -> %08x", a->flags, b->flags);
		sep = ", ";
	}
	if (a->private != b->private) {
		sb_printf(sb, "%sprivate %x -> %x", sep, a->private,
			  b->private);
		sep = ", ";
	}
	if (a->mapping != b->mapping) {
		sb_printf(sb, "%smapping %x -> %x", sep, a->mapping,
			  b->mapping);
		sep = ", ";
	}
	if (a->index != b->index)
		sb_printf(sb, "%sindex %x -> %x", sep, a->index, b->index);
	dline_end(d);
}

/* Equal runs of mem_map are skipped a block at a time. */
#define PAGE_BLOCK	64

static void
diff_pages(struct dout *d, const struct snap *a, const struct snap *b)
{
	u32 n = MIN(a->max_mapnr, b->max_mapnr), pfn, end;

	for (pfn = 0; pfn < n; pfn = end) {
		end = MIN(n, pfn + PAGE_BLOCK);
		if (!memcmp(&a->pages[pfn], &b->pages[pfn],
			    (end - pfn) * sizeof(struct page)))
			continue;
		for (; pfn < end; pfn++)
			if (memcmp(&a->pages[pfn], &b->pages[pfn],
				   PAGE_CMP_BYTES))
				emit_page(d, pfn, &a->pages[pfn],
					  &b->pages[pfn]);
	}
}

static void
diff_free(struct dout *d, const struct snap *a, const struct snap *b)
{
	struct strbuf *sb;
	const char *sep;
	int z, o, t;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		for (o = 0; o < MAX_ORDER; o++) {
			const u32 *la = a->list_len[z][o];
			const u32 *lb = b->list_len[z][o];

			if (a->nr_free[z][o] == b->nr_free[z][o] &&
			    !memcmp(la, lb, sizeof(a->list_len[z][o])))
				continue;
			sb = dline(d, "free");
			if (!sb)
				continue;
			sb_printf(sb, "%s order %d: %u", zone_names[z], o,
				  a->nr_free[z][o]);
			if (a->nr_free[z][o] != b->nr_free[z][o])
				sb_printf(sb, " -> %u", b->nr_free[z][o]);
			sep = " (";
			for (t = 0; t < MIGRATE_TYPES; t++) {
				if (la[t] == lb[t])
					continue;
				sb_printf(sb, "%s%s %u -> %u", sep,
					  migratetype_names[t], la[t], lb[t]);
				sep = ", ";
			}
			if (*sep == ',')
				sb_puts(sb, ")");
			dline_end(d);
		}
	}
}

static void
diff_pcp(struct dout *d, const struct snap *a, const struct snap *b)
{
	struct strbuf *sb;
	int z, cpu;

	for (cpu = 0; cpu < VMDB_MAX_CPUS; cpu++) {
		for (z = 0; z < MAX_NR_ZONES; z++) {
			if (a->pcp[z][cpu] == b->pcp[z][cpu])
				continue;
			sb = dline(d, "pcp");
			if (!sb)
				continue;
			sb_printf(sb, "cpu%d %s: %d -> %d", cpu, zone_names[z],
				  a->pcp[z][cpu], b->pcp[z][cpu]);
			dline_end(d);
		}
	}
}

static void
tlb_format(struct strbuf *sb, const struct snap_tlb *e)
{
	sb_printf(sb, "%08x ", e->frame);
	tlb_flags_format(sb, e->flags);
}

static void
emit_tlb(struct dout *d, const void *old, const void *new)
{
	const struct snap_tlb *a = old, *b = new, *e = a ? a : b;
	struct strbuf *sb = dline(d, "TLB");

	if (!sb)
		return;
	sb_printf(sb, "cpu%d %s%08x%s", e->cpu, !a ? "+ " : !b ? "- " : "",
		  e->vaddr, e->large ? " (4M)" : "");
	if (a && b) {
		sb_puts(sb, ": ");
		tlb_format(sb, a);
	}
	sb_puts(sb, " -> ");
	tlb_format(sb, b ? b : a);
	dline_end(d);
}

static void
diff_tlb(struct dout *d, const struct snap *a, const struct snap *b)
{
	struct strbuf *sb;
	int cpu;

	for (cpu = 0; cpu < VMDB_MAX_CPUS; cpu++) {
		if (a->cr3[cpu] == b->cr3[cpu])
			continue;
		sb = dline(d, "CR3");
		if (!sb)
			continue;
		sb_printf(sb, "cpu%d: %08x -> %08x", cpu, a->cr3[cpu],
			  b->cr3[cpu]);
		dline_end(d);
	}
	merge(d, &a->tlb, &b->tlb, sizeof(struct snap_tlb), snap_cmp_tlb,
	      emit_tlb);
}

static void
counter_line(struct dout *d, const char *tag, const char *zone,
	     const char *name, long a, long b)
{
	struct strbuf *sb = dline(d, tag);

	if (!sb)
		return;
	sb_printf(sb, "%s%s%s: %ld -> %ld (%+ld)", zone ? zone : "",
		  zone ? " " : "", name, a, b, b - a);
	dline_end(d);
}

static void
diff_counters(struct dout *d, const struct snap *a, const struct snap *b)
{
	int z, i;

	for (z = 0; z < MAX_NR_ZONES; z++)
		for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
			if (a->vm_stat[z][i] != b->vm_stat[z][i])
				counter_line(d, "stat", zone_names[z],
					     vmstat_text[i], a->vm_stat[z][i],
					     b->vm_stat[z][i]);
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		if (a->vm_events[i] != b->vm_events[i])
			counter_line(d, "event", NULL,
				     vmstat_text[NR_VM_ZONE_STAT_ITEMS + i],
				     (long)a->vm_events[i],
				     (long)b->vm_events[i]);
}

const char *const snap_group_names[NR_SNAP_GROUPS] = {
	"tasks", "vmas", "ptes", "pages", "free", "pcp", "tlb", "counters",
};

int
snap_diff(struct machine *m, const struct snap *a, const struct snap *b,
	  struct out *o, int max_lines)
{
	return snap_diff_groups(m, a, b, o, max_lines, SNAP_ALL);
}

int
snap_diff_groups(struct machine *m, const struct snap *a,
		 const struct snap *b, struct out *o, int max_lines,
		 unsigned mask)
{
	struct dout d = { .m = m, .o = o, .max = max_lines };
	struct strbuf *sb;

	sb_init(&d.sb);
	if (a->max_mapnr != b->max_mapnr || a->nr_cpus != b->nr_cpus) {
		/* Another boot: nothing lines up. */
		sb = dline(&d, "boot");
		if (sb) {
			sb_printf(sb, "%u pages, %d CPUs -> %u pages, %d CPUs",
				  a->max_mapnr, a->nr_cpus, b->max_mapnr,
				  b->nr_cpus);
			dline_end(&d);
		}
		sb_free(&d.sb);
		return d.n;
	}
	if (mask & SNAP_TASKS)
		merge(&d, &a->task, &b->task, sizeof(struct snap_task),
		      snap_cmp_task, emit_task);
	if (mask & SNAP_VMAS)
		merge(&d, &a->vma, &b->vma, sizeof(struct snap_vma),
		      snap_cmp_vma, emit_vma);
	if (mask & SNAP_PTES)
		merge(&d, &a->pte, &b->pte, sizeof(struct snap_pte),
		      snap_cmp_pte, emit_pte);
	if (mask & SNAP_PAGES)
		diff_pages(&d, a, b);
	if (mask & SNAP_FREE)
		diff_free(&d, a, b);
	if (mask & SNAP_PCP)
		diff_pcp(&d, a, b);
	if (mask & SNAP_TLB)
		diff_tlb(&d, a, b);
	if (mask & SNAP_COUNTERS)
		diff_counters(&d, a, b);
	if (d.max > 0 && d.n > d.max)
		out_printf(o, "... and %d more difference%s\n", d.n - d.max,
			   d.n - d.max == 1 ? "" : "s");
	sb_free(&d.sb);
	return d.n;
}
