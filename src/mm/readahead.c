/* mm/readahead.c: reading file pages into the page cache ahead of need
 * (Linux 2.6.32 mm/readahead.c): the page "I/O" itself, a window of
 * pages, and on-demand readahead for read(2).
 *
 * A window is ra->start and ra->size pages.  __do_page_cache_readahead
 * reads the pages of a window that are not cached yet, stopping at EOF;
 * each read page is a new page-cache page on the inactive file list,
 * holding only the cache's reference.
 *
 * On-demand readahead (a read(2) that misses), in pages, ra_pages = 32:
 *
 *	first read, or a read near the last one
 *		start = index, size = get_init_ra_size(request):
 *		the request rounded up to a power of two, x4 if at most
 *		ra_pages/32, x2 if at most ra_pages/4, else ra_pages
 *	a read starting where the last window ended
 *		start = index, size = the last size x4 (below ra_pages/16)
 *		or x2, at most ra_pages
 *	anything else (a random read)
 *		just the requested pages; the window is left alone
 *
 * Departure: 2.6.32 also marks a page of each window PG_readahead so that
 * a hit on it starts the next window asynchronously, before the reader
 * gets there.  vmdb reads the next window when the reader misses at its
 * start instead: the same pages come in, one miss later.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "vmdb/fs.h"
#include "vmdb/machine.h"

/* Sectors of 512 bytes per page: the unit submit_bio counts pgpgin in. */
#define PAGE_SECTORS	(PAGE_SIZE / 512)

/*
 * page_cache_read plus the block I/O: a new page (cold: the CPU will not
 * touch it before the disk has filled it), in the cache, filled from the
 * disk, uptodate; the allocation's reference is dropped again, so the
 * cache holds the only one.  -ENOMEM, or -EEXIST if already cached.
 */
int
page_cache_read(struct machine *m, struct vfile *f, u32 index)
{
	long pfn;
	int err;

	pfn = alloc_pages(m, GFP_HIGHUSER_MOVABLE | __GFP_COLD, 0);
	if (pfn < 0)
		return machine_err(m, -ENOMEM,
				   "no free page to read page %u of %s into",
				   index, f->name);
	err = add_to_page_cache_lru(m, f, (u32)pfn, index);
	if (err) {
		put_page(m, (u32)pfn);
		return err;
	}
	/* mpage_readpages: the disk DMA-writes the frame; no kmap needed */
	file_read_disk(f, index << PAGE_SHIFT,
		       phys_to_host(m, PFN_PHYS(pfn)), PAGE_SIZE);
	count_vm_events(m->vm_events, PGPGIN, PAGE_SECTORS);
	page_set(&m->mem_map[pfn], PG_uptodate);
	put_page(m, (u32)pfn);
	return 0;
}

u32
__do_page_cache_readahead(struct machine *m, struct vfile *f, u32 start,
			  u32 nr)
{
	u32 end = vfile_pages(f), i, done = 0;

	TP_ENTER(m, __do_page_cache_readahead, f->ino, start, nr);
	f->ra.last_start = start;
	f->ra.last_size = nr;
	for (i = start; i < end && i - start < nr; i++) {
		if (i < f->cache_len && f->cache[i] != PFN_NONE)
			continue;
		if (page_cache_read(m, f, i))
			break;
		done++;
	}
	f->ra.nr_read = done;
	TP_EXIT(m, __do_page_cache_readahead, done);
	return done;
}

static u32
roundup_pow_of_two(u32 x)
{
	u32 r = 1;

	while (r < x)
		r <<= 1;
	return r;
}

static u32
get_init_ra_size(u32 size, u32 max)
{
	u32 newsize = roundup_pow_of_two(size);

	if (newsize <= max / 32)
		return newsize * 4;
	if (newsize <= max / 4)
		return newsize * 2;
	return max;
}

static u32
get_next_ra_size(u32 cur, u32 max)
{
	u32 newsize = cur < max / 16 ? 4 * cur : 2 * cur;

	return MIN(newsize, max);
}

u32
page_cache_sync_readahead(struct machine *m, struct vfile *f, u32 index,
			  u32 req_size)
{
	struct file_ra_state *ra = &f->ra;
	u32 max = ra->ra_pages;
	s64 prev = ra->prev_pos < 0 ? -1 : ra->prev_pos >> PAGE_SHIFT;

	if (!max)
		return 0;
	if (index != 0 && ra->size && index == ra->start + ra->size) {
		ra->start = index;
		ra->size = get_next_ra_size(ra->size, max);
	} else if (index == 0 || req_size > max ||
		   (prev >= 0 && (s64)index - prev >= 0 &&
		    (s64)index - prev <= 1)) {
		ra->start = index;
		ra->size = get_init_ra_size(req_size, max);
	} else {
		return __do_page_cache_readahead(m, f, index, req_size);
	}
	return __do_page_cache_readahead(m, f, ra->start, ra->size);
}
