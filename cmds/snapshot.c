/* cmds/snapshot.c: taking a snapshot of the machine's mm state (see
 * snapshot.h); snapshot-diff.c compares two. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "snapshot-impl.h"
#include "snapshot.h"
#include "vmdb/mmap.h"
#include "vmdb/pgtable.h"
#include "vmdb/util.h"

/* A new zeroed record at the end of v. */
static void *
vec_push(struct snap_vec *v, size_t size)
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
vec_sort(struct snap_vec *v, size_t size,
	 int (*cmp)(const void *, const void *))
{
	if (v->n > 1)
		qsort(v->buf, v->n, size, cmp);
}

/* ---- sort keys ------------------------------------------------------- */

/* -1, 0 or 1 as a is below, equal to or above b: for the sort keys. */
static int
order(s64 a, s64 b)
{
	return (a > b) - (a < b);
}

int
snap_cmp_task(const void *a, const void *b)
{
	const struct snap_task *x = a, *y = b;

	return order(x->pid, y->pid);
}

int
snap_cmp_tlb(const void *a, const void *b)
{
	const struct snap_tlb *x = a, *y = b;

	if (x->cpu != y->cpu)
		return order(x->cpu, y->cpu);
	if (x->large != y->large)
		return order(x->large, y->large);
	return order(x->vaddr, y->vaddr);
}

int
snap_cmp_vma(const void *a, const void *b)
{
	const struct snap_vma *x = a, *y = b;

	if (x->pid != y->pid)
		return order(x->pid, y->pid);
	return order(x->start, y->start);
}

int
snap_cmp_pte(const void *a, const void *b)
{
	const struct snap_pte *x = a, *y = b;

	if (x->pid != y->pid)
		return order(x->pid, y->pid);
	if (x->vaddr != y->vaddr)
		return order(x->vaddr, y->vaddr);
	return order(y->pde, x->pde);	/* the PDE before its first PTE */
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
	vec_sort(&s->task, sizeof(*st), snap_cmp_task);
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
	vec_sort(&s->tlb, sizeof(struct snap_tlb), snap_cmp_tlb);
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

