/* debug/digest.c: the machine's state digest (vmdb/digest.h).  Each part
 * walks one subsystem's state in a fixed order and mixes every field that
 * a command could observe.  Host pointers are replaced by what they name:
 * a task by its pid, an mm, VMA or anon_vma by its slab object's kernel
 * address, a slab cache by its id, a file by its inode number, a string by
 * its bytes.  The order never depends on host addresses either: lists are
 * walked in their own order, which is the kernel's. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mm/slab_impl.h"
#include "mm/vmalloc_impl.h"
#include "vmdb/digest.h"
#include "vmdb/fs.h"
#include "vmdb/highmem.h"
#include "vmdb/hostmem.h"
#include "vmdb/machine.h"
#include "vmdb/sched.h"
#include "vmdb/util.h"

const char *const digest_part_names[NR_DIGEST_PARTS] = {
	"config", "ram", "mem_map", "zones", "lists", "cpus", "slab",
	"vmalloc", "kmap", "tasks", "files", "vmstat", "printk", "last",
};

/* ---- mixing ------------------------------------------------------------- */

#define DIGEST_SEED	0xcbf29ce484222325ull	/* FNV-1a offset basis */
#define DIGEST_MUL	0x100000001b3ull	/* FNV-1a prime */

/*
 * FNV-1a over 64-bit words instead of bytes, with a xorshift after each
 * multiply: a multiply carries a changed bit only upwards, the shift
 * brings the high half back down, so every input bit reaches every
 * output bit within a few words.
 */
static inline void
mix(u64 *h, u64 w)
{
	*h = (*h ^ w) * DIGEST_MUL;
	*h ^= *h >> 29;
}

/* mix() over every word, written out: the loop runs over megabytes of
 * RAM, and a debug build does not inline. */
static void
mix_bytes(u64 *h, const void *p, size_t n)
{
	const u8 *b = p;
	u64 w, x;

	mix(h, n);
	x = *h;
	for (; n >= 8; b += 8, n -= 8) {
		memcpy(&w, b, 8);
		x = (x ^ w) * DIGEST_MUL;
		x ^= x >> 29;
	}
	*h = x;
	if (n) {
		w = 0;
		memcpy(&w, b, n);
		mix(h, w);
	}
}

static void
mix_str(u64 *h, const char *s)
{
	if (s == NULL)
		mix(h, ~0ull);
	else
		mix_bytes(h, s, strlen(s));
}

/* An array of u32 words (no padding to worry about). */
static void
mix_u32s(u64 *h, const u32 *a, size_t n)
{
	mix_bytes(h, a, n * sizeof(*a));
}

/* ---- config and layout --------------------------------------------------- */

static void
mix_e820(u64 *h, const struct e820map *e)
{
	u32 i;

	mix(h, e->nr_map);
	for (i = 0; i < e->nr_map && i < E820MAX; i++) {
		mix(h, e->map[i].addr);
		mix(h, e->map[i].size);
		mix(h, e->map[i].type);
	}
}

static void
digest_config(struct machine *m, u64 *h)
{
	const struct boot_config *bc = &m->cfg;
	int i;

	mix_str(h, bc->name);
	mix_e820(h, &bc->bios);
	mix(h, (u64)bc->nr_cpus << 32 | (u32)bc->nr_cpus_config);
	mix(h, bc->highmem | bc->reserve_low_64k << 1 | bc->pse << 2 |
	    bc->pge << 3);
	mix(h, bc->page_offset);
	mix_str(h, bc->bios_vendor);
	mix(h, (u64)bc->tlb_entries << 40 | (u64)bc->tlb_ways << 20 |
	    (u32)bc->tlb_large);
	mix_str(h, bc->cmdline);
	mix_e820(h, &m->e820);

	mix(h, m->max_pfn);
	mix(h, m->max_low_pfn);
	mix(h, m->min_low_pfn);
	mix(h, m->highstart_pfn);
	mix(h, m->highend_pfn);
	mix(h, m->num_physpages);
	mix(h, m->max_mapnr);
	mix(h, m->totalram_pages);
	mix(h, m->totalhigh_pages);
	mix(h, m->totalreserve_pages);
	mix(h, m->reservedpages);
	mix(h, m->page_offset);
	mix(h, m->high_memory);
	mix(h, m->vmalloc_reserve);
	mix(h, m->vmalloc_start);
	mix(h, m->vmalloc_end);
	mix(h, m->pkmap_base);
	mix(h, m->fixaddr_top);
	mix(h, m->fixaddr_start);
	mix(h, m->fixaddr_boot_start);
	mix(h, m->fix_perm);
	mix(h, m->fix_end);
	mix(h, m->fix_kmap_begin);
	mix(h, m->fix_btmap_begin);
	mix(h, m->directmap_4k);
	mix(h, m->directmap_4m);
	mix_u32s(h, &m->kimage.text_start,
		 sizeof(m->kimage) / sizeof(u32));
	mix(h, m->cpu_pse | m->cpu_pge << 1 | m->tlb_raw << 2 |
	    m->boot_failed << 3 | m->mobility_grouping << 4);
	mix(h, m->swapper_pg_dir);
	mix(h, m->swapper_pg_fixmap);
	mix(h, m->empty_zero_page);
	mix(h, m->bm_pte);
	mix(h, m->pkmap_page_table);
	mix(h, m->nr_kernel_ptes);
	mix(h, m->mem_map_phys);
	mix(h, m->ram_bytes);

	mix(h, (u32)m->nr_active);
	for (i = 0; i < m->nr_active; i++)
		mix(h, (u64)m->early_node_map[i].start_pfn << 32 |
		    m->early_node_map[i].end_pfn);
	mix(h, (u32)m->nr_early_res);
	for (i = 0; i < m->nr_early_res; i++) {
		mix(h, m->early_res[i].start);
		mix(h, m->early_res[i].end);
		mix_str(h, m->early_res[i].name);
	}
	mix(h, (u32)m->nr_boot_allocs);
	for (i = 0; i < m->nr_boot_allocs; i++) {
		mix(h, m->boot_allocs[i].start);
		mix(h, m->boot_allocs[i].end);
		mix_str(h, m->boot_allocs[i].name);
	}
	mix(h, m->bdata.node_min_pfn);
	mix(h, m->bdata.node_low_pfn);
	mix(h, m->bdata.map_pfn);
	mix(h, m->bdata.last_end_off);
	mix(h, m->bdata.hint_idx);
	if (m->bdata.map)
		mix_bytes(h, m->bdata.map, m->bdata.map_bytes);
	mix(h, m->nr_zonelist);
	mix(h, m->nr_all_pages);
	mix(h, (u32)m->min_free_kbytes);
	mix(h, (u32)m->nr_cpus);
	mix(h, (u32)m->this_cpu);
	mix(h, m->disk_next_ino);
	mix(h, m->last_ino);
}

/* ---- memory ------------------------------------------------------------- */

/* A large zero-filled mapping (simulated RAM, mem_map), a 4 KiB block at
 * a time: every block that is not all zeroes, with its number.  A block
 * never written and one written with zeroes look the same to every
 * command; the host says which were never written (vmdb/hostmem.h), and
 * those are not read.  zero, when not NULL, is RAM's mask of the lines
 * that read as zeroes whatever the mapping holds (vmdb/machine.h): such a
 * block is mixed as it reads. */
static void
mix_sparse(u64 *h, const void *base, size_t bytes, const u64 *zero)
{
	struct host_pages *hp = host_pages_open(base);
	size_t i, n = bytes / PAGE_SIZE, l;
	const u8 *p;
	u8 *as_read = NULL;

	mix(h, bytes);
	for (i = 0; i < n; i++) {
		p = (const u8 *)base + i * PAGE_SIZE;
		if (!host_page_written(hp, i * PAGE_SIZE))
			continue;
		if (zero && zero[i] == RAM_LINES_ALL)
			continue;
		if (zero && zero[i]) {
			if (!as_read)
				as_read = xmalloc(PAGE_SIZE);
			memcpy(as_read, p, PAGE_SIZE);
			for (l = 0; l < PAGE_SIZE / RAM_LINE; l++)
				if ((zero[i] >> l) & 1)
					memset(as_read + l * RAM_LINE, 0,
					       RAM_LINE);
			p = as_read;
		}
		if (mem_is_zero(p, PAGE_SIZE))
			continue;
		mix(h, i);
		mix_bytes(h, p, PAGE_SIZE);
	}
	p = (const u8 *)base + n * PAGE_SIZE;
	if (bytes % PAGE_SIZE && !mem_is_zero(p, bytes % PAGE_SIZE)) {
		mix(h, n);
		mix_bytes(h, p, bytes % PAGE_SIZE);
	}
	host_pages_close(hp);
	free(as_read);
}

static void
digest_ram(struct machine *m, u64 *h)
{
	mix_sparse(h, m->ram, m->ram_bytes, m->ram_zero);
}

static void
digest_mem_map(struct machine *m, u64 *h)
{
	/* struct page is eight u32 words: no padding, no pointers; mem_map
	 * is a zero-filled mapping like RAM. */
	mix_sparse(h, m->mem_map, m->mem_map_bytes, NULL);
	if (m->alloc_order)
		mix_bytes(h, m->alloc_order, ALIGN(m->max_pfn,
				1u << (MAX_ORDER - 1)) + 1);
}

static void
digest_zones(struct machine *m, u64 *h)
{
	int i, c, o;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = &m->zones[i];

		mix_str(h, z->name);
		mix(h, (u32)z->idx);
		mix_u32s(h, z->watermark, NR_WMARK);
		mix_u32s(h, z->lowmem_reserve, MAX_NR_ZONES);
		for (c = 0; c < VMDB_MAX_CPUS; c++) {
			const struct per_cpu_pages *p = &z->pcp[c];

			mix(h, (u64)(u32)p->count << 32 | (u32)p->high);
			mix(h, (u32)p->batch);
			mix_u32s(h, p->lists, MIGRATE_PCPTYPES);
		}
		mix(h, (u32)z->stat_threshold);
		for (o = 0; o < MAX_ORDER; o++) {
			mix_u32s(h, z->free_area[o].free_list, MIGRATE_TYPES);
			mix(h, z->free_area[o].nr_free);
		}
		mix(h, z->nr_pageblocks);
		if (z->pageblock_mt)
			mix_bytes(h, z->pageblock_mt, z->nr_pageblocks);
		for (o = 0; o < NR_VM_ZONE_STAT_ITEMS; o++)
			mix(h, (u64)z->vm_stat[o]);
		mix_u32s(h, z->lru, NR_LRU_LISTS);
		mix(h, z->zone_start_pfn);
		mix(h, z->spanned_pages);
		mix(h, z->present_pages);
		mix(h, z->batch);
		mix(h, z->pages_scanned);
		mix(h, (u32)z->prev_priority);
		mix(h, z->inactive_ratio);
		mix(h, z->all_unreclaimable);
	}
}

static void
digest_lists(struct machine *m, u64 *h)
{
	u32 i;

	mix(h, m->nr_heads);
	for (i = 0; i < m->nr_heads; i++)
		mix(h, (u64)m->heads[i].next << 32 | m->heads[i].prev);
}

/* ---- CPUs --------------------------------------------------------------- */

static u64
task_id(const struct task_struct *t)
{
	return t ? (u64)(u32)t->pid : ~0ull;
}

static u64
mm_id(const struct mm_struct *mm)
{
	return mm ? mm->kaddr : ~0ull;
}

static void
mix_tlb_entries(u64 *h, const struct tlb_entry *e, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		mix(h, (u64)e[i].tag << 32 | e[i].frame);
		mix(h, (u64)e[i].flags << 32 | e[i].pte_pa);
		mix(h, (u64)e[i].stamp << 1 | e[i].valid);
	}
}

static void
digest_cpus(struct machine *m, u64 *h)
{
	int i;

	for (i = 0; i < m->nr_cpus; i++) {
		const struct cpu *c = &m->cpus[i];
		const struct tlb *t = &c->tlb;

		mix(h, (u32)c->id);
		mix(h, (u64)c->cr0 << 32 | c->cr2);
		mix(h, (u64)c->cr3 << 32 | c->cr4);
		mix(h, (u64)t->sets << 40 | (u64)t->ways << 20 |
		    (u32)t->nr_large);
		if (t->small)
			mix_tlb_entries(h, t->small, t->sets * t->ways);
		if (t->large)
			mix_tlb_entries(h, t->large, t->nr_large);
		mix(h, t->clock);
		mix(h, t->hits);
		mix(h, t->misses);
		mix(h, t->fills);
		mix(h, t->flushes);
		mix(h, task_id(c->current));
		mix(h, mm_id(c->active_mm));
		mix(h, (u32)c->tlbstate);
		mix(h, c->ipis);
	}
}

/* ---- slab --------------------------------------------------------------- */

static u64
cache_id(const struct kmem_cache *c)
{
	return c ? (u64)(u32)c->id : ~0ull;
}

static void
digest_slab(struct machine *m, u64 *h)
{
	const struct slab_state *s = m->slab;
	int i, j;

	if (s == NULL)
		return;
	mix(h, (u32)s->nr_caches);
	for (i = 0; i < s->nr_caches; i++) {
		const struct kmem_cache *c = s->caches[i];

		if (c == NULL) {
			mix(h, ~0ull);
			continue;
		}
		mix(h, c->kva);
		mix(h, (u32)c->id);
		mix_str(h, c->name);
		mix(h, (u64)c->obj_size << 32 | c->buffer_size);
		mix(h, (u64)c->align << 32 | c->num);
		mix(h, (u64)c->gfporder << 32 | c->flags);
		mix(h, (u64)c->gfpflags << 32 | c->colour);
		mix(h, (u64)c->colour_off << 32 | c->slab_size);
		mix(h, cache_id(c->slabp_cache));
		mix(h, c->boot | c->dead << 1);
	}
	mix_u32s(h, &s->st.cache_chain, sizeof(s->st) / sizeof(u32));
	mix(h, cache_id(s->cache_cache));
	for (i = 0; i < NR_KMALLOC; i++)
		for (j = 0; j < 2; j++)
			mix(h, cache_id(s->malloc_sizes[i][j]));
	mix(h, (u32)s->g_cpucache_up);
	mix(h, s->slab_early_init);
	mix(h, s->slab_break_gfp_order);
	mix(h, s->gfp_allowed_mask);
	mix(h, (u32)s->online_cpus);
	mix(h, s->nr_array_slots);
	mix(h, s->jiffies);
	mix(h, (u32)s->depth);
	mix(h, (u32)s->err);
	/* The objects the commands handed out: an open-addressing table
	 * whose layout follows from the order of the operations. */
	mix(h, s->user_n);
	if (s->user)
		mix_u32s(h, s->user, s->user_cap);
}

/* ---- vmalloc and kmap --------------------------------------------------- */

/* mm/vmalloc.c makes its state on first use, which may be a read-only
 * command's (vmallocinfo): none is the same as an empty one. */
static const struct vmalloc_state *
vmalloc_state_or_empty(struct machine *m)
{
	static const struct vmalloc_state empty;

	return m->vmalloc ? m->vmalloc : &empty;
}

static void
digest_vmalloc(struct machine *m, u64 *h)
{
	const struct vmalloc_state *s = vmalloc_state_or_empty(m);
	u32 i;

	mix(h, s->nr);
	for (i = 0; i < s->nr; i++) {
		const struct vmap_area *va = s->va[i];
		const struct vm_struct *vm = va->vm;

		mix(h, (u64)va->va_start << 32 | va->va_end);
		mix(h, (u64)va->flags << 32 | va->kaddr);
		if (vm == NULL) {
			mix(h, ~0ull);
			continue;
		}
		mix(h, (u64)vm->addr << 32 | vm->size);
		mix(h, (u64)vm->flags << 32 | vm->nr_pages);
		mix(h, vm->nr_pfns);
		if (vm->pfns)
			mix_u32s(h, vm->pfns, vm->nr_pfns);
		mix(h, (u64)vm->pages << 32 | vm->phys_addr);
		mix(h, (u64)vm->prot << 32 | vm->kaddr);
		mix_str(h, vm->caller);
	}
	mix(h, s->lazy_nr);
}

static void
digest_kmap(struct machine *m, u64 *h)
{
	const struct kmap_state *k = m->kmap;
	int i;

	if (k == NULL)
		return;
	for (i = 0; i < LAST_PKMAP; i++)
		mix(h, (u32)k->pkmap_count[i]);
	mix(h, k->last_pkmap_nr);
	mix(h, k->kmap_prot);
	for (i = 0; i < (1 << PA_HASH_ORDER); i++)
		mix(h, (u32)k->pa_htable[i]);
	mix(h, (u32)k->pa_pool);
	for (i = 0; i < LAST_PKMAP; i++) {
		mix(h, (u64)k->pa_maps[i].pfn << 32 | k->pa_maps[i].vaddr);
		mix(h, (u32)k->pa_maps[i].next);
	}
	mix(h, k->nr_sleepers);
	if (k->sleepers)
		mix_u32s(h, k->sleepers, k->nr_sleepers);
	mix_u32s(h, &k->atomic_pfn[0][0], VMDB_MAX_CPUS * KM_TYPE_NR);
}

/* ---- tasks -------------------------------------------------------------- */

static void
mix_vma(u64 *h, const struct vm_area_struct *v)
{
	mix(h, v->kaddr);
	mix(h, mm_id(v->vm_mm));
	mix(h, (u64)v->vm_start << 32 | v->vm_end);
	mix(h, (u64)v->vm_page_prot << 32 | v->vm_flags);
	if (v->anon_vma) {
		mix(h, v->anon_vma->kaddr);
		mix(h, (u64)(u32)v->anon_vma->nr_vmas << 32 |
		    (u32)v->anon_vma->refs);
	} else {
		mix(h, ~0ull);
	}
	mix(h, v->vm_file ? v->vm_file->ino : ~0ull);
	mix(h, v->vm_pgoff);
}

static void
mix_mm(u64 *h, const struct mm_struct *mm)
{
	const struct vm_area_struct *v;

	mix(h, mm->kaddr);
	for (v = mm->mmap; v; v = v->vm_next)
		mix_vma(h, v);
	mix(h, mm->mmap_cache ? mm->mmap_cache->kaddr : ~0ull);
	mix(h, (u64)mm->pgd << 32 | mm->mmap_base);
	mix(h, (u64)mm->task_size << 32 | mm->free_area_cache);
	mix(h, (u64)mm->cached_hole_size << 1 | mm->legacy_layout);
	mix(h, (u64)(u32)mm->mm_users << 32 | (u32)mm->mm_count);
	mix(h, (u32)mm->map_count);
	mix(h, (u64)mm->file_rss);
	mix(h, (u64)mm->anon_rss);
	mix(h, mm->hiwater_rss);
	mix(h, mm->hiwater_vm);
	mix(h, mm->total_vm);
	mix(h, mm->locked_vm);
	mix(h, mm->shared_vm);
	mix(h, mm->exec_vm);
	mix(h, mm->stack_vm);
	mix(h, mm->reserved_vm);
	mix(h, mm->def_flags);
	mix(h, mm->nr_ptes);
	mix_u32s(h, &mm->start_code, 4);
	mix(h, (u64)mm->start_brk << 32 | mm->brk);
	mix(h, mm->start_stack);
	mix_u32s(h, &mm->arg_start, 4);
	mix(h, (u64)mm->cpu_vm_mask << 32 | mm->vdso);
	mix(h, task_id(mm->owner));
}

static void
digest_tasks(struct machine *m, u64 *h)
{
	const struct sched_state *s = m->sched;
	const struct task_struct *t;
	const struct mm_struct *mm;
	int i;

	if (s == NULL)
		return;
	mix(h, cache_id(s->task_cachep));
	mix(h, cache_id(s->mm_cachep));
	mix(h, cache_id(s->vm_area_cachep));
	mix(h, cache_id(s->anon_vma_cachep));
	mix_str(h, s->fault_path);
	mix(h, s->in_uaccess);
	for (t = s->tasks; t; t = t->next_task) {
		mix(h, t->kaddr);
		mix(h, (u32)t->pid);
		mix_str(h, t->comm);
		mix(h, (u32)t->state);
		mix(h, task_id(t->parent));
		mix(h, mm_id(t->mm));
		mix(h, mm_id(t->active_mm));
		mix(h, t->min_flt);
		mix(h, t->maj_flt);
		mix(h, (u64)t->ip << 32 | t->sp);
		mix(h, (u64)(u32)t->on_cpu << 32 | (u32)t->exit_code);
		mix(h, t->stack_pfn);
		for (i = 0; i < RLIM_NLIMITS; i++)
			mix(h, (u64)t->rlim[i].rlim_cur << 32 |
			    t->rlim[i].rlim_max);
	}
	mix(h, ~0ull);
	for (mm = s->mms; mm; mm = mm->next_mm)
		mix_mm(h, mm);
	mix(h, (u32)s->next_pid);
	mix(h, (u32)s->max_map_count);
	mix(h, s->legacy_va_layout);
	for (i = 0; i < RLIM_NLIMITS; i++)
		mix(h, (u64)s->init_rlim[i].rlim_cur << 32 |
		    s->init_rlim[i].rlim_max);
}

/* ---- files -------------------------------------------------------------- */

static void
digest_files(struct machine *m, u64 *h)
{
	const struct vfile *f;
	u32 i;

	for (f = m->files; f; f = f->next) {
		mix_str(h, f->name);
		mix(h, (u64)f->size << 32 | f->ino);
		mix(h, f->dev_major << 8 | f->dev_minor | f->readonly << 16 |
		    f->shmem << 17 | f->deleted << 18);
		mix(h, f->mapping);
		mix(h, (u64)(u32)f->i_mmap_writable << 32 | (u32)f->refs);
		if (f->image)
			mix_bytes(h, f->image, f->image_len);
		mix_str(h, f->exec ? f->exec->path : NULL);
		mix(h, f->cache_len);
		if (f->cache)
			mix_u32s(h, f->cache, f->cache_len);
		mix(h, f->nrpages);
		mix(h, f->disk_len);
		for (i = 0; f->disk && i < f->disk_len; i++) {
			if (f->disk[i] == NULL)
				continue;
			mix(h, i);
			mix_bytes(h, f->disk[i], PAGE_SIZE);
		}
		mix(h, (u64)f->ra.start << 32 | f->ra.size);
		mix(h, (u64)f->ra.ra_pages << 32 | (u32)f->ra.mmap_miss);
		mix(h, (u64)f->ra.prev_pos);
		mix(h, (u64)f->ra.last_start << 32 | f->ra.last_size);
		mix(h, f->ra.nr_read);
	}
}

/* ---- counters, log, reports --------------------------------------------- */

static void
digest_vmstat(struct machine *m, u64 *h)
{
	int i;

	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		mix(h, m->vm_events[i]);
}

static void
digest_printk(struct machine *m, u64 *h)
{
	mix(h, m->log.seq);
	if (m->log.buf)
		mix_bytes(h, m->log.buf, m->log.len);
}

static void
digest_last(struct machine *m, u64 *h)
{
	const struct alloc_info *a = &m->last_alloc;
	const struct free_info *f = &m->last_free;

	mix(h, (u64)(u32)a->zone << 32 | a->pcp);
	mix(h, (u64)(u32)a->refilled << 32 | (u32)a->from_order);
	mix(h, (u64)(u32)a->from_mt << 32 | a->fallback);
	mix(h, (u64)a->skipped << 1 | a->slowpath);
	mix(h, (u64)(u32)f->drained << 1 | f->pcp);
	mix(h, (u64)f->merged_pfn << 32 | (u32)f->merged_order);
	if (m->slab) {
		const struct slab_alloc_info *sa = &m->slab->alloc;
		const struct slab_free_info *sf = &m->slab->free;

		mix(h, cache_id(sa->cache));
		mix(h, (u64)(u32)sa->refilled << 32 | (u32)sa->from_shared);
		mix(h, (u64)(u32)sa->partial_slabs << 32 |
		    (u32)sa->free_slabs);
		mix(h, (u64)(u32)sa->grown << 1 | sa->from_array);
		mix(h, (u64)sa->grow_pfn << 32 | sa->grow_colour);
		mix(h, (u64)sa->slab << 32 | sa->index);
		mix(h, (u64)sa->avail << 32 | sa->limit);
		mix(h, cache_id(sf->cache));
		mix(h, (u64)sf->slab << 32 | sf->index);
		mix(h, (u64)(u32)sf->flushed << 1 | sf->to_shared);
		mix(h, (u32)sf->slabs_destroyed);
		mix(h, (u64)sf->avail << 32 | sf->limit);
	}
	{
		const struct vmalloc_report *r = &vmalloc_state_or_empty(m)->rep;

		mix(h, (u64)r->addr << 32 | r->align);
		mix(h, (u64)r->va_start << 32 | r->va_end);
		mix_u32s(h, r->zone_pages, MAX_NR_ZONES);
		mix(h, r->nr_tables);
		mix_u32s(h, r->table_pfn, MIN(r->nr_tables,
					      VMALLOC_REPORT_TABLES));
		mix(h, (u64)r->vpages << 2 | r->retried << 1 | r->isa);
		mix(h, (u64)r->reserved_ram << 32 | r->unchecked_ram);
		mix(h, r->freed_pages);
		mix(h, (u64)r->purges << 32 | r->purged_areas);
		mix(h, r->purged_pages);
		mix(h, (u64)r->flush_start << 32 | r->flush_end);
	}
	if (m->kmap) {
		const struct kmap_info *k = &m->kmap->last;

		mix(h, k->new_slot | k->wrapped << 1 | k->flushed << 2);
		mix(h, (u64)(u32)k->freed << 32 | k->nr_woken);
		if (m->kmap->woken)
			mix_u32s(h, m->kmap->woken,
				 MIN(k->nr_woken, m->kmap->woken_cap));
	}
}

/* ---- the whole ---------------------------------------------------------- */

static void (*const digest_fn[NR_DIGEST_PARTS])(struct machine *, u64 *) = {
	[DIGEST_CONFIG] = digest_config,
	[DIGEST_RAM] = digest_ram,
	[DIGEST_MEM_MAP] = digest_mem_map,
	[DIGEST_ZONES] = digest_zones,
	[DIGEST_LISTS] = digest_lists,
	[DIGEST_CPUS] = digest_cpus,
	[DIGEST_SLAB] = digest_slab,
	[DIGEST_VMALLOC] = digest_vmalloc,
	[DIGEST_KMAP] = digest_kmap,
	[DIGEST_TASKS] = digest_tasks,
	[DIGEST_FILES] = digest_files,
	[DIGEST_VMSTAT] = digest_vmstat,
	[DIGEST_PRINTK] = digest_printk,
	[DIGEST_LAST] = digest_last,
};

u64
machine_digest(struct machine *m, u64 parts[NR_DIGEST_PARTS])
{
	u64 h = DIGEST_SEED, p;
	int i;

	for (i = 0; i < NR_DIGEST_PARTS; i++) {
		p = DIGEST_SEED;
		mix(&p, (u64)i);
		digest_fn[i](m, &p);
		if (parts)
			parts[i] = p;
		mix(&h, p);
	}
	return h;
}
