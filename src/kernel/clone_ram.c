/* kernel/clone_ram.c: the one place that copies simulated RAM, mem_map
 * and alloc_order, the per-frame state (vmdb/clone.h): into a clone's own
 * memory, into a frozen image, and from an image back into a machine.
 *
 * RAM and mem_map are large zero-filled host mappings of which a session
 * writes a few megabytes: only the host pages that were ever written and
 * are not all zeroes are copied (vmdb/hostmem.h); the rest of the new
 * mapping stays the host's zero fill.  An image keeps its pages in a
 * two-level table, a directory per 2 MiB, and shares with the image taken
 * before it every page, and every directory, that did not change:
 *
 *	store -> dir[0] -> page  page  NULL ...   refs: stores using a dir,
 *	         dir[1] = the older store's dir[1]  dirs using a page
 *	         NULL (all zeroes)
 *
 * so a checkpoint costs the pages written since the last one.  RAM's
 * mask of lazily zeroed lines (m->ram_zero, a u64 a frame) goes with it,
 * stored the same way: the bytes under a marked line are copied as they
 * are, and read as zeroes in the copy as in the original.  Whoever adds
 * host state that goes with RAM copies it in these functions too.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "vmdb/clone.h"
#include "vmdb/hostmem.h"
#include "vmdb/machine.h"
#include "vmdb/util.h"

#define DIR_PAGES	512		/* 2 MiB of a mapping */

struct store_page {
	unsigned refs;			/* directories pointing at it */
	u8 data[PAGE_SIZE];
};

struct store_dir {
	unsigned refs;			/* stores pointing at it */
	struct store_page *page[DIR_PAGES];	/* NULL: zeroes */
};

struct page_store {
	size_t bytes;			/* of the mapping */
	size_t nr_dirs;
	struct store_dir **dir;		/* NULL: 2 MiB of zeroes */
	size_t own;			/* bytes of pages it added */
};

struct physmem_image {
	struct page_store ram;
	struct page_store ram_zero;	/* RAM's lazily zeroed lines */
	struct page_store mem_map;
	struct page_store alloc_order;	/* a malloc'd array, 0xff mostly */
};

/* Bytes of alloc_order: a byte per frame, up to a MAX_ORDER block. */
static size_t
alloc_order_bytes(const struct machine *m)
{
	return m->alloc_order ? ALIGN(m->max_pfn, 1u << (MAX_ORDER - 1)) + 1
			      : 0;
}

/* Bytes of ram_zero: a mask a frame (vmdb/machine.h). */
static size_t
ram_zero_bytes(const struct machine *m)
{
	return m->ram_zero ? ((size_t)m->max_pfn + 1) * sizeof(u64) : 0;
}

/* A mapping like the one machine_boot makes for RAM. */
static u8 *
ram_map(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		fatal("cannot map %zu bytes of simulated RAM", bytes);
	return p;
}

/* Copies every written, non-zero 4 KiB block of src into dst, a fresh
 * zero-filled mapping of the same size. */
static void
copy_sparse(u8 *dst, const u8 *src, size_t bytes)
{
	struct host_pages *hp = host_pages_open(src);
	size_t off, n;

	for (off = 0; off < bytes; off += PAGE_SIZE) {
		n = MIN(PAGE_SIZE, bytes - off);
		if (host_page_written(hp, off) && !mem_is_zero(src + off, n))
			memcpy(dst + off, src + off, n);
	}
	host_pages_close(hp);
}

void
physmem_clone(struct machine *new, const struct machine *old)
{
	new->ram = NULL;
	new->ram_zero = NULL;
	new->mem_map = NULL;
	if (old->ram) {
		new->ram = ram_map(old->ram_bytes);
		copy_sparse(new->ram, old->ram, old->ram_bytes);
	}
	if (old->ram_zero) {
		new->ram_zero = xmap_zeroed(ram_zero_bytes(old));
		copy_sparse((u8 *)new->ram_zero, (const u8 *)old->ram_zero,
			    ram_zero_bytes(old));
	}
	if (old->mem_map) {
		new->mem_map = xmap_zeroed(old->mem_map_bytes);
		copy_sparse((u8 *)new->mem_map, (const u8 *)old->mem_map,
			    old->mem_map_bytes);
	}
	new->alloc_order = xmemdup(old->alloc_order, alloc_order_bytes(old));
}

/* ---- page stores --------------------------------------------------------- */

/* The block at off as the store will hold it: the older store's page when
 * the bytes are the same, NULL for zeroes, else a new page.  hp NULL:
 * src is not a zero-filled mapping, every block counts as written. */
static struct store_page *
store_block(struct page_store *ps, struct host_pages *hp, const u8 *src,
	    size_t off, struct store_page *old)
{
	size_t n = MIN(PAGE_SIZE, ps->bytes - off);
	struct store_page *pg;

	if (hp && !host_page_written(hp, off))
		return NULL;
	if (old && !memcmp(old->data, src + off, n))
		return old;
	if (mem_is_zero(src + off, n))
		return NULL;
	pg = xmalloc(sizeof(*pg));
	pg->refs = 0;
	memcpy(pg->data, src + off, n);
	memset(pg->data + n, 0, PAGE_SIZE - n);
	ps->own += PAGE_SIZE;
	return pg;
}

/* Freezes the bytes at src into ps, sharing prev's unchanged pages and
 * directories (prev may be NULL, or of another size: then nothing);
 * sparse: src is a zero-filled mapping, to ask the host about. */
static void
store_take(struct page_store *ps, const u8 *src, size_t bytes,
	   const struct page_store *prev, bool sparse)
{
	struct store_page *pg[DIR_PAGES], *old;
	struct host_pages *hp;
	struct store_dir *pd, *dir;
	bool same, any;
	size_t d, j, off;

	ps->bytes = bytes;
	ps->nr_dirs = DIV_ROUND_UP(bytes, (size_t)DIR_PAGES * PAGE_SIZE);
	ps->dir = xcalloc(ps->nr_dirs + 1, sizeof(*ps->dir));
	ps->own = 0;
	if (src == NULL)
		return;
	if (prev && prev->bytes != bytes)
		prev = NULL;
	hp = sparse ? host_pages_open(src) : NULL;
	for (d = 0; d < ps->nr_dirs; d++) {
		pd = prev ? prev->dir[d] : NULL;
		same = true;
		any = false;
		for (j = 0; j < DIR_PAGES; j++) {
			off = (d * DIR_PAGES + j) * PAGE_SIZE;
			old = pd ? pd->page[j] : NULL;
			pg[j] = off < bytes ? store_block(ps, hp, src, off, old)
					    : NULL;
			same = same && pg[j] == old;
			any = any || pg[j];
		}
		if (same && pd) {
			pd->refs++;	/* an image's refs change under const */
			ps->dir[d] = pd;
		} else if (any) {
			dir = xmalloc(sizeof(*dir));
			dir->refs = 1;
			for (j = 0; j < DIR_PAGES; j++) {
				dir->page[j] = pg[j];
				if (pg[j])
					pg[j]->refs++;
			}
			ps->dir[d] = dir;
		}
	}
	if (hp)
		host_pages_close(hp);
}

/* Writes the store's pages into dst, zero-filled memory of its size. */
static void
store_thaw(const struct page_store *ps, u8 *dst)
{
	const struct store_dir *dir;
	size_t d, j, off;

	for (d = 0; d < ps->nr_dirs; d++) {
		dir = ps->dir[d];
		for (j = 0; dir && j < DIR_PAGES; j++) {
			off = (d * DIR_PAGES + j) * PAGE_SIZE;
			if (dir->page[j])
				memcpy(dst + off, dir->page[j]->data,
				       MIN(PAGE_SIZE, ps->bytes - off));
		}
	}
}

static void
store_free(struct page_store *ps)
{
	struct store_dir *dir;
	size_t d, j;

	for (d = 0; d < ps->nr_dirs; d++) {
		dir = ps->dir[d];
		if (dir == NULL || --dir->refs > 0)
			continue;
		for (j = 0; j < DIR_PAGES; j++)
			if (dir->page[j] && --dir->page[j]->refs == 0)
				free(dir->page[j]);
		free(dir);
	}
	free(ps->dir);
}

/* ---- images -------------------------------------------------------------- */

struct physmem_image *
physmem_freeze(const struct machine *m, const struct physmem_image *prev)
{
	struct physmem_image *img = xmalloc(sizeof(*img));

	store_take(&img->ram, m->ram, m->ram ? m->ram_bytes : 0,
		   prev ? &prev->ram : NULL, true);
	store_take(&img->ram_zero, (const u8 *)m->ram_zero, ram_zero_bytes(m),
		   prev ? &prev->ram_zero : NULL, true);
	store_take(&img->mem_map, (const u8 *)m->mem_map,
		   m->mem_map ? m->mem_map_bytes : 0,
		   prev ? &prev->mem_map : NULL, true);
	store_take(&img->alloc_order, m->alloc_order, alloc_order_bytes(m),
		   prev ? &prev->alloc_order : NULL, false);
	return img;
}

void
physmem_thaw(struct machine *m, const struct physmem_image *img)
{
	m->ram = NULL;
	m->ram_zero = NULL;
	m->mem_map = NULL;
	if (img->ram.bytes) {
		m->ram = ram_map(img->ram.bytes);
		store_thaw(&img->ram, m->ram);
	}
	if (img->ram_zero.bytes) {
		m->ram_zero = xmap_zeroed(img->ram_zero.bytes);
		store_thaw(&img->ram_zero, (u8 *)m->ram_zero);
	}
	if (img->mem_map.bytes) {
		m->mem_map = xmap_zeroed(img->mem_map.bytes);
		store_thaw(&img->mem_map, (u8 *)m->mem_map);
	}
	m->alloc_order = NULL;
	if (img->alloc_order.bytes) {
		m->alloc_order = xcalloc(img->alloc_order.bytes, 1);
		store_thaw(&img->alloc_order, m->alloc_order);
	}
}

void
physmem_image_free(struct physmem_image *img)
{
	if (img == NULL)
		return;
	store_free(&img->ram);
	store_free(&img->ram_zero);
	store_free(&img->mem_map);
	store_free(&img->alloc_order);
	free(img);
}

size_t
physmem_image_own_bytes(const struct physmem_image *img)
{
	return img->ram.own + img->ram_zero.own + img->mem_map.own +
		img->alloc_order.own;
}
