/* cmds/snapshot.c: snapshots of the machine's mm state and the
 * differences between two of them (see snapshot.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "snapshot.h"
#include "vmdb/fs.h"
#include "vmdb/machine.h"
#include "vmdb/mmap.h"
#include "vmdb/out.h"
#include "vmdb/pgtable.h"
#include "vmdb/sched.h"
#include "vmdb/util.h"

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

struct vec {
	char *buf;
	size_t n, cap;
};

struct snap {
	u32 max_mapnr;
	int nr_cpus;
	struct vec task, vma, pte, tlb;
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

/* A new zeroed record at the end of v. */
static void *
vec_push(struct vec *v, size_t size)
{
	char *p;

	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 64;
		v->buf = xrealloc(v->buf, v->cap * size);
	}
	p = v->buf + v->n++ * size;
	memset(p, 0, size);
	return p;
}

static void
vec_sort(struct vec *v, size_t size, int (*cmp)(const void *, const void *))
{
	if (v->n > 1)
		qsort(v->buf, v->n, size, cmp);
}

/* ---- taking ----------------------------------------------------------- */

static void
add_pte(struct snap *s, s32 pid, u32 vaddr, u32 val, bool pde)
{
	struct snap_pte *e = vec_push(&s->pte, sizeof(*e));

	e->pid = pid;
	e->vaddr = vaddr;
	e->pde = pde;
	e->val = val;
}

static bool
in_ram(struct machine *m, u32 pa)
{
	return (u64)pa + PAGE_SIZE <= m->ram_bytes;
}

/*
 * The non-zero PDEs of the directory at pgd in [first, end), and the
 * non-zero PTEs of their page tables.  Only present PDEs are walked, so a
 * process costs a few tables, not 1024.
 */
static void
take_pgd(struct snap *s, struct machine *m, s32 pid, u32 pgd, u32 first,
	 u32 end)
{
	u32 i, j, pde, pte, table;

	if (!in_ram(m, pgd))
		return;
	for (i = first; i < end; i++) {
		pde = phys_read32(m, pgd + i * 4);
		if (!pde)
			continue;
		add_pte(s, pid, i << PGDIR_SHIFT, pde, true);
		table = pde & PTE_PFN_MASK;
		if (!(pde & _PAGE_PRESENT) || (pde & _PAGE_PSE) ||
		    !in_ram(m, table))
			continue;
		for (j = 0; j < PTRS_PER_PTE; j++) {
			pte = phys_read32(m, table + j * 4);
			if (pte)
				add_pte(s, pid, (i << PGDIR_SHIFT) |
					(j << PAGE_SHIFT), pte, false);
		}
	}
}

/* -1, 0 or 1 as a is below, equal to or above b: for the sort keys. */
static int
order(s64 a, s64 b)
{
	return (a > b) - (a < b);
}

static int
cmp_task(const void *a, const void *b)
{
	const struct snap_task *x = a, *y = b;

	return order(x->pid, y->pid);
}

/* Tasks (sorted by pid), then each one's VMAs and page tables in that
 * order, which keeps both arrays sorted by their keys. */
static void
take_tasks(struct snap *s, struct machine *m)
{
	struct task_struct *t;
	struct vm_area_struct *vma;
	struct snap_task *st;
	struct snap_vma *sv;
	size_t i;
	u32 end;

	for (t = m->sched ? m->sched->tasks : NULL; t; t = t->next_task) {
		st = vec_push(&s->task, sizeof(*st));
		st->pid = t->pid;
		st->state = t->state;
		memcpy(st->comm, t->comm, sizeof(st->comm) - 1);
	}
	vec_sort(&s->task, sizeof(*st), cmp_task);
	for (i = 0; i < s->task.n; i++) {
		st = (struct snap_task *)s->task.buf + i;
		t = find_task_by_pid(m, st->pid);
		if (!t || !t->mm)
			continue;
		for (vma = t->mm->mmap; vma; vma = vma->vm_next) {
			sv = vec_push(&s->vma, sizeof(*sv));
			sv->pid = t->pid;
			sv->start = vma->vm_start;
			sv->end = vma->vm_end;
			sv->flags = vma->vm_flags;
			sv->pgoff = vma->vm_pgoff;
			if (vma->vm_file)
				strncpy(sv->name, vma->vm_file->name,
					sizeof(sv->name) - 1);
		}
		/* Below TASK_SIZE: above it are copies of the kernel's. */
		end = pgd_index(t->mm->task_size ? t->mm->task_size :
				TASK_SIZE(m));
		take_pgd(s, m, t->pid, t->mm->pgd, 0, end);
	}
	/* The kernel's own table from high_memory up: vmalloc, pkmap and
	 * the fixmap (kmap_atomic) change; the direct mapping does not. */
	take_pgd(s, m, SNAP_KERNEL, m->swapper_pg_dir,
		 pgd_index(m->high_memory), PTRS_PER_PGD);
}

static void
add_tlb(struct snap *s, int cpu, const struct tlb_entry *e, bool large)
{
	struct snap_tlb *st;

	if (!e->valid)
		return;
	st = vec_push(&s->tlb, sizeof(*st));
	st->cpu = cpu;
	st->large = large;
	st->vaddr = tlb_entry_vaddr(e, large);
	st->frame = e->frame;
	st->flags = e->flags;
}

static int
cmp_tlb(const void *a, const void *b)
{
	const struct snap_tlb *x = a, *y = b;

	if (x->cpu != y->cpu)
		return order(x->cpu, y->cpu);
	if (x->large != y->large)
		return order(x->large, y->large);
	return order(x->vaddr, y->vaddr);
}

/* Valid entries by CPU, part and address: a way is where LRU put the
 * entry, not part of what it says. */
static void
take_tlbs(struct snap *s, struct machine *m)
{
	int cpu, i;

	for (cpu = 0; cpu < m->nr_cpus && cpu < VMDB_MAX_CPUS; cpu++) {
		const struct tlb *tlb = &m->cpus[cpu].tlb;

		s->cr3[cpu] = m->cpus[cpu].cr3;
		for (i = 0; i < tlb->sets * tlb->ways; i++)
			add_tlb(s, cpu, &tlb->small[i], false);
		for (i = 0; i < tlb->nr_large; i++)
			add_tlb(s, cpu, &tlb->large[i], true);
	}
	vec_sort(&s->tlb, sizeof(struct snap_tlb), cmp_tlb);
}

static void
take_zones(struct snap *s, struct machine *m)
{
	int z, o, t, cpu;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &m->zones[z];

		if (!populated_zone(zone))
			continue;
		for (o = 0; o < MAX_ORDER; o++) {
			const struct free_area *area = &zone->free_area[o];

			s->nr_free[z][o] = area->nr_free;
			for (t = 0; t < MIGRATE_TYPES; t++) {
				u32 head = area->free_list[t];

				if (head)
					s->list_len[z][o][t] =
						plist_count(m, head);
			}
		}
		for (cpu = 0; cpu < VMDB_MAX_CPUS; cpu++)
			s->pcp[z][cpu] = zone->pcp[cpu].count;
		memcpy(s->vm_stat[z], zone->vm_stat, sizeof(s->vm_stat[z]));
	}
	memcpy(s->vm_events, m->vm_events, sizeof(s->vm_events));
}

struct snap *
snap_take(struct machine *m)
{
	return snap_retake(m, NULL);
}

/*
 * Most of a snapshot's cost on a big machine is the host faulting in a
 * fresh copy of mem_map; copying into one already touched is twice as
 * fast.  So the arrays of old are kept and refilled.
 */
struct snap *
snap_retake(struct machine *m, struct snap *old)
{
	struct snap *s = old ? old : xcalloc(1, sizeof(*s));
	size_t bytes = (size_t)m->max_mapnr * sizeof(struct page);
	struct snap keep = *s;

	if (s->pages && s->max_mapnr != m->max_mapnr) {
		free(keep.pages);
		keep.pages = NULL;
	}
	memset(s, 0, sizeof(*s));
	s->task.buf = keep.task.buf;
	s->task.cap = keep.task.cap;
	s->vma.buf = keep.vma.buf;
	s->vma.cap = keep.vma.cap;
	s->pte.buf = keep.pte.buf;
	s->pte.cap = keep.pte.cap;
	s->tlb.buf = keep.tlb.buf;
	s->tlb.cap = keep.tlb.cap;
	s->pages = keep.pages ? keep.pages : xmalloc(bytes ? bytes : 1);
	s->max_mapnr = m->max_mapnr;
	s->nr_cpus = m->nr_cpus;
	memcpy(s->pages, m->mem_map, bytes);
	take_tasks(s, m);
	take_tlbs(s, m);
	take_zones(s, m);
	return s;
}

void
snap_free(struct snap *s)
{
	if (!s)
		return;
	free(s->task.buf);
	free(s->vma.buf);
	free(s->pte.buf);
	free(s->tlb.buf);
	free(s->pages);
	free(s);
}

/* ---- comparing -------------------------------------------------------- */

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
merge(struct dout *d, const struct vec *a, const struct vec *b, size_t size,
      int (*cmp)(const void *, const void *),
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

static int
cmp_vma(const void *a, const void *b)
{
	const struct snap_vma *x = a, *y = b;

	if (x->pid != y->pid)
		return order(x->pid, y->pid);
	return order(x->start, y->start);
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

static int
cmp_pte(const void *a, const void *b)
{
	const struct snap_pte *x = a, *y = b;

	if (x->pid != y->pid)
		return order(x->pid, y->pid);
	if (x->vaddr != y->vaddr)
		return order(x->vaddr, y->vaddr);
	return order(y->pde, x->pde);	/* the PDE before its first PTE */
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
	merge(d, &a->tlb, &b->tlb, sizeof(struct snap_tlb), cmp_tlb, emit_tlb);
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
		      cmp_task, emit_task);
	if (mask & SNAP_VMAS)
		merge(&d, &a->vma, &b->vma, sizeof(struct snap_vma), cmp_vma,
		      emit_vma);
	if (mask & SNAP_PTES)
		merge(&d, &a->pte, &b->pte, sizeof(struct snap_pte), cmp_pte,
		      emit_pte);
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
