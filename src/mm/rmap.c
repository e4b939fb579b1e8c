/* src/mm/rmap.c: anon_vmas and the page's mapping count (mm/rmap.c,
 * 2.6.32 — before the anon_vma_chain of 2.6.34).  An anonymous page's
 * mapping is its anon_vma's kernel address with PAGE_MAPPING_ANON set,
 * its index the linear page index in the VMA; _mapcount counts PTEs
 * minus one. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "vmdb/fs.h"
#include "vmdb/machine.h"
#include "vmdb/mmap.h"
#include "vmdb/slab.h"
#include "vmdb/util.h"

#include "mm_impl.h"

#define PAGE_MAPPING_ANON	1u

bool
PageAnon(const struct page *p)
{
	return p->mapping & PAGE_MAPPING_ANON;
}

static void
page_stat(struct machine *m, u32 pfn, enum zone_stat_item item, long d)
{
	mod_zone_page_state(page_zone(m, &m->mem_map[pfn]), item, d);
}

/* Neighbours whose anon_vma a new one may share: adjacent, the same
 * flags but for read/write/exec, the same file and a continuous pgoff. */
static bool
anon_vma_compatible(struct vm_area_struct *a, struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start &&
	       !((a->vm_flags ^ b->vm_flags) & ~(VM_READ | VM_WRITE | VM_EXEC)) &&
	       a->vm_file == b->vm_file &&
	       b->vm_pgoff == a->vm_pgoff +
			      ((b->vm_start - a->vm_start) >> PAGE_SHIFT);
}

static struct anon_vma *
find_mergeable_anon_vma(struct machine *m, struct vm_area_struct *vma)
{
	struct vm_area_struct *near = vma->vm_next, *prev;

	if (near && near->anon_vma && anon_vma_compatible(vma, near))
		return near->anon_vma;
	find_vma_prev(m, vma->vm_mm, vma->vm_start, &prev);
	if (prev && prev->anon_vma && anon_vma_compatible(prev, vma))
		return prev->anon_vma;
	return NULL;
}

int
anon_vma_prepare(struct machine *m, struct vm_area_struct *vma)
{
	struct anon_vma *av;

	if (vma->anon_vma)
		return 0;
	av = find_mergeable_anon_vma(m, vma);
	if (!av) {
		u32 kaddr = kmem_cache_alloc(m, m->sched->anon_vma_cachep,
					     GFP_KERNEL);

		if (!kaddr)
			return -ENOMEM;
		av = xcalloc(1, sizeof(*av));
		av->kaddr = kaddr;
	}
	vma->anon_vma = av;
	anon_vma_link(m, vma);
	return 0;
}

void
anon_vma_link(struct machine *m, struct vm_area_struct *vma)
{
	(void)m;
	vma->anon_vma->nr_vmas++;
}

/* The anon_vma goes when its last VMA does (its pages were unmapped
 * with that VMA). */
void
anon_vma_unlink(struct machine *m, struct vm_area_struct *vma)
{
	struct anon_vma *av = vma->anon_vma;

	vma->anon_vma = NULL;
	if (--av->nr_vmas > 0)
		return;
	kmem_cache_free(m, m->sched->anon_vma_cachep, av->kaddr);
	free(av);
}

/* A page just made for this VMA: mapped once, on the active anon LRU
 * (or the unevictable one in a locked VMA). */
void
page_add_new_anon_rmap(struct machine *m, u32 pfn, struct vm_area_struct *vma,
		       u32 addr)
{
	struct page *p = &m->mem_map[pfn];

	page_set(p, PG_swapbacked);
	p->_mapcount = 0;
	p->mapping = vma->anon_vma->kaddr | PAGE_MAPPING_ANON;
	p->index = linear_page_index(vma, addr & PAGE_MASK);
	page_stat(m, pfn, NR_ANON_PAGES, 1);
	if (is_mlocked_vma(m, vma, pfn))
		lru_cache_add_unevictable(m, pfn);
	else
		lru_cache_add_anon(m, pfn);
}

void
page_add_anon_rmap(struct machine *m, u32 pfn)
{
	if (++m->mem_map[pfn]._mapcount == 0)
		page_stat(m, pfn, NR_ANON_PAGES, 1);
}

void
page_add_file_rmap(struct machine *m, u32 pfn)
{
	if (++m->mem_map[pfn]._mapcount == 0)
		page_stat(m, pfn, NR_FILE_MAPPED, 1);
}

void
page_remove_rmap(struct machine *m, u32 pfn)
{
	struct page *p = &m->mem_map[pfn];

	if (--p->_mapcount >= 0)
		return;
	page_stat(m, pfn, PageAnon(p) ? NR_ANON_PAGES : NR_FILE_MAPPED, -1);
}
