/* src/kernel/fork.c: tasks and mms are born (kernel/fork.c, 2.6.32):
 * the task_struct and its kernel stack, mm_alloc with its pgd, and fork's
 * dup_mm/dup_mmap, which copies every VMA and, through copy_page_range,
 * write-protects the private pages parent and child now share. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/clone.h"
#include "vmdb/fs.h"
#include "vmdb/machine.h"
#include "vmdb/mmap.h"
#include "vmdb/slab.h"
#include "vmdb/util.h"

#include "../mm/mm_impl.h"

#define THREAD_ORDER	1	/* 8 KiB kernel stacks (THREAD_SIZE) */

/* INIT_RLIMITS as a 2010 distribution's login leaves them: everything
 * unlimited but the stack (_STK_LIM, 8 MiB soft) and locked memory
 * (MLOCK_LIMIT, 64 KiB soft and hard). */
static void
init_rlimits(struct rlimit *rlim)
{
	int i;

	for (i = 0; i < RLIM_NLIMITS; i++)
		rlim[i] = (struct rlimit){ RLIM_INFINITY, RLIM_INFINITY };
	rlim[RLIMIT_STACK].rlim_cur = 8u << 20;
	rlim[RLIMIT_MEMLOCK] = (struct rlimit){ 64u << 10, 64u << 10 };
}

int
sched_init(struct machine *m)
{
	struct sched_state *s = xcalloc(1, sizeof(*s));

	s->task_cachep = kmem_cache_find(m, "task_struct");
	s->mm_cachep = kmem_cache_find(m, "mm_struct");
	s->vm_area_cachep = kmem_cache_find(m, "vm_area_struct");
	s->anon_vma_cachep = kmem_cache_find(m, "anon_vma");
	s->next_pid = 1;
	s->max_map_count = DEFAULT_MAX_MAP_COUNT;
	init_rlimits(s->init_rlim);
	m->sched = s;
	if (!s->task_cachep || !s->mm_cachep || !s->vm_area_cachep ||
	    !s->anon_vma_cachep)
		return machine_err(m, -ENOMEM, "the process slab caches are missing");
	return 0;
}

/* Host-side teardown only (the machine is going away). */
void
sched_free(struct machine *m)
{
	struct sched_state *s = m->sched;
	struct task_struct *t, *tn;
	struct mm_struct *mm, *mn;

	if (!s)
		return;
	for (mm = s->mms; mm; mm = mn) {
		struct vm_area_struct *v, *vn;

		mn = mm->next_mm;
		for (v = mm->mmap; v; v = vn) {
			vn = v->vm_next;
			if (v->anon_vma && --v->anon_vma->nr_vmas == 0)
				free(v->anon_vma);
			free(v);
		}
		free(mm);
	}
	for (t = s->tasks; t; t = tn) {
		tn = t->next_task;
		free(t);
	}
	free(s);
	m->sched = NULL;
}

/* The new VMA's copy of an rbtree link (the tree is copied as it is: its
 * shape decides nothing a command shows, but a copy must be exact). */
static struct rb_node *
rb_clone_link(struct clone_ctx *cc, const struct rb_node *old)
{
	struct vm_area_struct *vma;

	if (old == NULL)
		return NULL;
	vma = clone_map(cc, rb_entry(old, struct vm_area_struct, vm_rb));
	return &vma->vm_rb;
}

/* dup_mm's host half without the copying of pages: the mm_struct, its
 * VMA list in order, their anon_vmas (shared between mms after a fork:
 * one copy each) and the VMA tree. */
static struct mm_struct *
mm_clone(const struct mm_struct *old, struct clone_ctx *cc)
{
	struct mm_struct *mm = xmalloc(sizeof(*mm));
	struct vm_area_struct *vma, **pp = &mm->mmap;
	const struct vm_area_struct *ov;

	*mm = *old;
	clone_map_add(cc, old, mm);
	for (ov = old->mmap; ov; ov = ov->vm_next) {
		vma = xmalloc(sizeof(*vma));
		*vma = *ov;
		clone_map_add(cc, ov, vma);
		vma->vm_mm = mm;
		vma->vm_file = clone_map(cc, ov->vm_file);
		if (ov->anon_vma) {
			vma->anon_vma = clone_map_find(cc, ov->anon_vma);
			if (vma->anon_vma == NULL) {
				vma->anon_vma = xmalloc(sizeof(*vma->anon_vma));
				*vma->anon_vma = *ov->anon_vma;
				clone_map_add(cc, ov->anon_vma, vma->anon_vma);
			}
		}
		*pp = vma;
		pp = &vma->vm_next;
	}
	*pp = NULL;
	for (ov = old->mmap, vma = mm->mmap; ov; ov = ov->vm_next,
	     vma = vma->vm_next) {
		vma->vm_rb.parent = rb_clone_link(cc, ov->vm_rb.parent);
		vma->vm_rb.left = rb_clone_link(cc, ov->vm_rb.left);
		vma->vm_rb.right = rb_clone_link(cc, ov->vm_rb.right);
	}
	mm->mm_rb.node = rb_clone_link(cc, old->mm_rb.node);
	mm->mmap_cache = clone_map(cc, old->mmap_cache);
	return mm;
}

/* The machine's tasks and mms, in their list orders; the files and the
 * slab caches are in the map already. */
void
sched_clone(struct machine *new, const struct machine *old,
	    struct clone_ctx *cc)
{
	const struct sched_state *os = old->sched;
	const struct task_struct *ot;
	const struct mm_struct *omm;
	struct task_struct *t, **tp;
	struct mm_struct *mm, **mp;
	struct sched_state *s;

	new->sched = NULL;
	if (os == NULL)
		return;
	s = xmalloc(sizeof(*s));
	*s = *os;
	s->task_cachep = clone_map(cc, os->task_cachep);
	s->mm_cachep = clone_map(cc, os->mm_cachep);
	s->vm_area_cachep = clone_map(cc, os->vm_area_cachep);
	s->anon_vma_cachep = clone_map(cc, os->anon_vma_cachep);
	tp = &s->tasks;
	for (ot = os->tasks; ot; ot = ot->next_task) {
		t = xmalloc(sizeof(*t));
		*t = *ot;
		clone_map_add(cc, ot, t);
		*tp = t;
		tp = &t->next_task;
	}
	*tp = NULL;
	mp = &s->mms;
	for (omm = os->mms; omm; omm = omm->next_mm) {
		*mp = mm_clone(omm, cc);
		mp = &(*mp)->next_mm;
	}
	*mp = NULL;
	for (ot = os->tasks, t = s->tasks; ot; ot = ot->next_task,
	     t = t->next_task) {
		t->parent = clone_map(cc, ot->parent);
		t->mm = clone_map(cc, ot->mm);
		t->active_mm = clone_map(cc, ot->active_mm);
	}
	for (omm = os->mms, mm = s->mms; omm; omm = omm->next_mm,
	     mm = mm->next_mm)
		mm->owner = clone_map(cc, omm->owner);
	new->sched = s;
}

/* ---- mm_struct ----------------------------------------------------------- */

static void
mm_list_add(struct machine *m, struct mm_struct *mm)
{
	mm->next_mm = m->sched->mms;
	m->sched->mms = mm;
}

static void
mm_list_del(struct machine *m, struct mm_struct *mm)
{
	struct mm_struct **pp;

	for (pp = &m->sched->mms; *pp; pp = &(*pp)->next_mm)
		if (*pp == mm) {
			*pp = mm->next_mm;
			return;
		}
}

/* mm_alloc + mm_init: an empty address space with its own pgd. */
static struct mm_struct *
mm_alloc(struct machine *m)
{
	struct mm_struct *mm;
	u32 kaddr = kmem_cache_alloc(m, m->sched->mm_cachep, GFP_KERNEL);

	if (!kaddr)
		return NULL;
	mm = xcalloc(1, sizeof(*mm));
	mm->kaddr = kaddr;
	mm->pgd = pgd_alloc(m);
	if (!mm->pgd) {
		kmem_cache_free(m, m->sched->mm_cachep, kaddr);
		free(mm);
		return NULL;
	}
	mm->mm_users = 1;
	mm->mm_count = 1;
	mm->task_size = TASK_SIZE(m);
	mm->free_area_cache = TASK_UNMAPPED_BASE(m);
	mm->cached_hole_size = ~0u;
	mm->mm_rb = RB_ROOT;
	mm_list_add(m, mm);
	return mm;
}

/* __mmdrop: the last reference to the struct: its pgd and itself. */
void
mmdrop(struct machine *m, struct mm_struct *mm)
{
	if (--mm->mm_count > 0)
		return;
	pgd_free(m, mm->pgd);
	mm_list_del(m, mm);
	kmem_cache_free(m, m->sched->mm_cachep, mm->kaddr);
	free(mm);
}

/* mmput: the last user is gone: unmap everything; the struct lives on
 * while some CPU still uses it lazily. */
void
mmput(struct machine *m, struct mm_struct *mm)
{
	if (--mm->mm_users > 0)
		return;
	exit_mmap(m, mm);
	mmdrop(m, mm);
}

/* ---- task_struct --------------------------------------------------------- */

static void
task_list_add(struct machine *m, struct task_struct *t)
{
	struct task_struct **pp = &m->sched->tasks;

	while (*pp && (*pp)->pid < t->pid)
		pp = &(*pp)->next_task;
	t->next_task = *pp;
	*pp = t;
}

/* dup_task_struct: the slab object and an 8 KiB kernel stack. */
static struct task_struct *
task_alloc(struct machine *m, const char *comm)
{
	struct task_struct *t;
	u32 kaddr = kmem_cache_alloc(m, m->sched->task_cachep, GFP_KERNEL);
	long stack;

	if (!kaddr)
		return NULL;
	stack = alloc_pages(m, GFP_KERNEL, THREAD_ORDER);
	if (stack < 0) {
		kmem_cache_free(m, m->sched->task_cachep, kaddr);
		return NULL;
	}
	mod_zone_page_state(page_zone(m, &m->mem_map[stack]), NR_KERNEL_STACK,
			    1);
	t = xcalloc(1, sizeof(*t));
	t->kaddr = kaddr;
	t->stack_pfn = (u32)stack;
	t->pid = m->sched->next_pid++;
	t->on_cpu = -1;
	snprintf(t->comm, sizeof(t->comm), "%s", comm);
	task_list_add(m, t);
	return t;
}

/* put_task_struct: the stack and the object. */
void
task_free(struct machine *m, struct task_struct *t)
{
	struct task_struct **pp;

	for (pp = &m->sched->tasks; *pp; pp = &(*pp)->next_task)
		if (*pp == t) {
			*pp = t->next_task;
			break;
		}
	mod_zone_page_state(page_zone(m, &m->mem_map[t->stack_pfn]),
			    NR_KERNEL_STACK, -1);
	__free_pages(m, t->stack_pfn, THREAD_ORDER);
	kmem_cache_free(m, m->sched->task_cachep, t->kaddr);
	free(t);
}

struct task_struct *
task_new(struct machine *m, const char *comm, struct task_struct *parent,
	 bool with_mm)
{
	struct task_struct *t = task_alloc(m, comm);

	if (!t)
		return NULL;
	t->parent = parent;
	/* copy_signal: the parent's limits, or init's for an orphan. */
	memcpy(t->rlim, task_rlimits(m, parent), sizeof(t->rlim));
	if (with_mm) {
		t->mm = mm_alloc(m);
		if (!t->mm) {
			task_free(m, t);
			return NULL;
		}
		t->active_mm = t->mm;
		t->mm->owner = t;
	}
	return t;
}

/* ---- fork ------------------------------------------------------------------ */

/* dup_mmap: every VMA but VM_DONTCOPY ones, unlocked, on the same
 * anon_vma and file; then their PTEs; then the parent's TLB. */
static int
dup_mmap(struct machine *m, struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *v;
	int err = 0;

	TP_ENTER(m, dup_mmap, oldmm->kaddr, mm->kaddr);
	for (v = oldmm->mmap; v; v = v->vm_next) {
		struct vm_area_struct *n;
		long pages = (long)((v->vm_end - v->vm_start) >> PAGE_SHIFT);

		if (v->vm_flags & VM_DONTCOPY) {
			mm->total_vm -= (unsigned long)pages;
			vm_stat_account(mm, v->vm_flags, v->vm_file, -pages);
			continue;
		}
		n = vma_alloc(m, mm);
		if (!n) {
			err = -ENOMEM;
			break;
		}
		n->vm_start = v->vm_start;
		n->vm_end = v->vm_end;
		n->vm_flags = v->vm_flags & ~VM_LOCKED;
		n->vm_page_prot = v->vm_page_prot;
		n->vm_pgoff = v->vm_pgoff;
		n->anon_vma = v->anon_vma;
		n->vm_file = v->vm_file;
		insert_vm_struct(m, mm, n);
		err = copy_page_range(m, mm, oldmm, v);
		if (err)
			break;
	}
	flush_tlb_mm(m, oldmm);
	TP_EXIT(m, dup_mmap, err);
	return err;
}

/*
 * dup_mm's first half: the child's mm starts as a copy of the whole
 * parent struct (memcpy), so it inherits every field nobody resets: the
 * layout (mmap_base, legacy_layout, task_size), the counters total_vm,
 * shared_vm, exec_vm, stack_vm and reserved_vm (the VMAs they count are
 * all copied; dup_mmap takes back what VM_DONTCOPY leaves out),
 * def_flags, the code, data, brk, stack, argument and environment
 * bounds and the vdso.  Then mm_init and dup_mmap reset the rest: its
 * own slab object, pgd and owner, one user, no page tables, no rss and
 * no VMAs yet (copied one by one after this), locked_vm 0 (the child's
 * VMAs lose VM_LOCKED), a fresh free_area_cache and no CPU in its mask.
 * The high-water marks follow the copy.
 */
static void
dup_mm_fields(struct mm_struct *mm, const struct mm_struct *oldmm)
{
	struct mm_struct fresh = *mm;	/* mm_alloc's: identity, counts */

	*mm = *oldmm;
	mm->kaddr = fresh.kaddr;
	mm->pgd = fresh.pgd;
	mm->owner = fresh.owner;
	mm->next_mm = fresh.next_mm;
	mm->mm_users = fresh.mm_users;
	mm->mm_count = fresh.mm_count;
	mm->nr_ptes = 0;
	mm->file_rss = mm->anon_rss = 0;
	mm->mmap = NULL;
	mm->mm_rb = RB_ROOT;
	mm->mmap_cache = NULL;
	mm->map_count = 0;
	mm->locked_vm = 0;
	mm->free_area_cache = oldmm->mmap_base;
	mm->cached_hole_size = ~0u;
	mm->cpu_vm_mask = 0;
}

int
do_fork(struct machine *m, struct task_struct *parent,
	struct task_struct **out)
{
	struct mm_struct *oldmm = parent->mm, *mm;
	struct task_struct *t;
	int err;

	t = task_new(m, parent->comm, parent, oldmm != NULL);
	if (!t)
		return machine_err(m, -ENOMEM, "no memory for a task");
	t->ip = parent->ip;
	t->sp = parent->sp;
	if (oldmm) {
		mm = t->mm;
		dup_mm_fields(mm, oldmm);
		err = dup_mmap(m, mm, oldmm);
		mm->hiwater_rss = (unsigned long)(mm->file_rss + mm->anon_rss);
		mm->hiwater_vm = mm->total_vm;
		if (err) {
			do_exit(m, t, 0);
			release_task(m, t);
			return machine_err(m, -ENOMEM, "fork: out of memory "
					   "copying the address space");
		}
	}
	*out = t;
	return 0;
}
