/* mm/filemap.c: the page cache (Linux 2.6.32 mm/filemap.c): looking pages
 * up, adding and removing them, the page fault handler of file mappings
 * with its mmap read-around, read(2)'s do_generic_file_read, and writing
 * a dirty page back (mm/page-writeback.c's write_one_page).
 *
 * A file's pages are indexed by (mapping, index).  The kernel keeps them
 * in a radix tree per address_space; vmdb keeps a pfn per index in
 * vfile->cache, which answers the same question in one step.
 *
 * filemap_fault on a miss (2.6.32's do_sync_mmap_readahead):
 *
 *	VM_RAND_READ (madvise MADV_RANDOM)	read only the faulting page
 *	VM_SEQ_READ, or the page right after	a forward window of ra_pages
 *	  the previous fault's			  (page_cache_sync_readahead)
 *	misses - hits > MMAP_LOTSAMISS (100)	read only the faulting page
 *	otherwise: read-around			ra_pages (32) pages from
 *						  index - 16 (not below 0),
 *						  stopping at EOF
 *
 * and a hit lowers the miss count (do_async_mmap_readahead).  The fault
 * that read is major; pgpgin counts what the disk read (in 512-byte
 * sectors, as submit_bio does; /proc/vmstat halves it to KiB).  As in
 * 2.6.32, filemap_fault counts pgmajfault itself, where it finds no page
 * in the cache, and returns VM_FAULT_MAJOR; the task's maj_flt is the
 * arch fault handler's business (do_page_fault), or get_user_pages's.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "vmdb/fs.h"
#include "vmdb/machine.h"
#include "vmdb/mmap.h"
#include "vmdb/sched.h"
#include "vmdb/vmstat.h"
#include "vmdb/util.h"

#define PAGE_SECTORS	(PAGE_SIZE / 512)

static struct zone *
zone_of(struct machine *m, u32 pfn)
{
	return &m->zones[page_zonenum(&m->mem_map[pfn])];
}

/* Makes room in f->cache for index (doubling, at most the file's pages). */
static void
cache_reserve(struct vfile *f, u32 index)
{
	u32 len = f->cache_len, i;

	if (index < len)
		return;
	len = MAX(index + 1, MIN(len ? len * 2 : 16, vfile_pages(f)));
	f->cache = xrealloc(f->cache, len * sizeof(*f->cache));
	for (i = f->cache_len; i < len; i++)
		f->cache[i] = PFN_NONE;
	f->cache_len = len;
}

u32
find_get_page(struct machine *m, struct vfile *f, u32 index)
{
	u32 pfn = index < f->cache_len ? f->cache[index] : PFN_NONE;

	if (pfn != PFN_NONE)
		get_page(m, pfn);
	TP_EVENT(m, find_get_page, f->ino, index, pfn);
	return pfn;
}

int
add_to_page_cache_lru(struct machine *m, struct vfile *f, u32 pfn, u32 index)
{
	struct page *p = &m->mem_map[pfn];
	struct zone *z = zone_of(m, pfn);

	if (index < f->cache_len && f->cache[index] != PFN_NONE)
		return machine_err(m, -EEXIST, "page %u of %s is cached already",
				   index, f->name);
	if (file_iget(m, f))
		return -ENOMEM;
	cache_reserve(f, index);
	if (f->shmem)		/* mapping_cap_swap_backed */
		page_set(p, PG_swapbacked);
	get_page(m, pfn);	/* the cache's reference */
	p->mapping = f->mapping;
	p->index = index;
	f->cache[index] = pfn;
	f->nrpages++;
	mod_zone_page_state(z, NR_FILE_PAGES, 1);
	if (page_test(p, PG_swapbacked))
		mod_zone_page_state(z, NR_SHMEM, 1);
	TP_EVENT(m, add_to_page_cache_lru, pfn, f->ino, index);
	if (page_test(p, PG_swapbacked))
		lru_cache_add_anon(m, pfn);
	else
		lru_cache_add_file(m, pfn);
	return 0;
}

/*
 * __remove_from_page_cache, with truncate's cancel_dirty_page: a dirty
 * page leaves NR_FILE_DIRTY as it leaves the cache.
 */
void
remove_from_page_cache(struct machine *m, u32 pfn)
{
	struct page *p = &m->mem_map[pfn];
	struct vfile *f = file_by_mapping(m, p->mapping);
	struct zone *z = zone_of(m, pfn);

	if (!f || p->index >= f->cache_len || f->cache[p->index] != pfn)
		fatal("remove_from_page_cache: pfn 0x%08x is not in the page cache",
		      pfn);
	TP_EVENT(m, remove_from_page_cache, pfn, p->index);
	f->cache[p->index] = PFN_NONE;
	f->nrpages--;
	mod_zone_page_state(z, NR_FILE_PAGES, -1);
	if (page_test(p, PG_swapbacked))
		mod_zone_page_state(z, NR_SHMEM, -1);
	if (page_test(p, PG_dirty)) {
		page_clear(p, PG_dirty);
		if (!f->shmem)
			mod_zone_page_state(z, NR_FILE_DIRTY, -1);
	}
	p->mapping = 0;
	put_page(m, pfn);
}

/* shmem_getpage for a hole: a zeroed page, swap-backed, on the active
 * anon list; the allocation's reference becomes the caller's. */
static int
shmem_new_page(struct machine *m, struct vfile *f, u32 index, u32 *pfnp)
{
	long pfn = alloc_pages(m, GFP_HIGHUSER_MOVABLE, 0);
	int err;

	if (pfn < 0)
		return machine_err(m, -ENOMEM,
				   "no free page for page %u of a shmem object",
				   index);
	ram_clear_frame(m, (u32)pfn);	/* clear_highpage */
	err = add_to_page_cache_lru(m, f, (u32)pfn, index);
	if (err) {
		put_page(m, (u32)pfn);
		return err;
	}
	page_set(&m->mem_map[pfn], PG_uptodate);
	*pfnp = (u32)pfn;
	return 0;
}

static void
do_sync_mmap_readahead(struct machine *m, struct vfile *f, u32 index,
		       u32 vm_flags)
{
	struct file_ra_state *ra = &f->ra;
	u32 start;

	ra->nr_read = 0;
	if (vm_flags & VM_RAND_READ)
		return;
	if ((vm_flags & VM_SEQ_READ) ||
	    (ra->prev_pos >= 0 && index >= 1 &&
	     index - 1 == (u32)(ra->prev_pos >> PAGE_SHIFT))) {
		page_cache_sync_readahead(m, f, index, ra->ra_pages);
		return;
	}
	if (ra->mmap_miss < INT_MAX)
		ra->mmap_miss++;
	if (ra->mmap_miss > MMAP_LOTSAMISS || !ra->ra_pages)
		return;
	start = index > ra->ra_pages / 2 ? index - ra->ra_pages / 2 : 0;
	ra->start = start;
	ra->size = ra->ra_pages;
	__do_page_cache_readahead(m, f, start, ra->ra_pages);
}

int
filemap_fault(struct machine *m, struct vfile *f, u32 index, u32 vm_flags,
	      u32 *pfnp)
{
	u32 pfn;
	int err = 0, ret = 0;

	TP_ENTER(m, filemap_fault, f->ino, index, vm_flags);
	if (index >= vfile_pages(f)) {
		err = machine_err(m, -EFAULT,
				  "page %u is beyond the end of %s (%u pages): SIGBUS",
				  index, f->name, vfile_pages(f));
		goto out;
	}
	pfn = find_get_page(m, f, index);
	if (pfn != PFN_NONE) {
		if (f->ra.mmap_miss > 0)
			f->ra.mmap_miss--;
		f->ra.nr_read = 0;
	} else if (f->shmem) {
		f->ra.nr_read = 0;
		err = shmem_new_page(m, f, index, &pfn);
		if (err)
			goto out;
	} else {
		/* No page in the page cache at all: the read is the
		 * faulting task's wait, hence a major fault. */
		do_sync_mmap_readahead(m, f, index, vm_flags);
		count_vm_events(m->vm_events, PGMAJFAULT, 1);
		ret = VM_FAULT_MAJOR;
		pfn = find_get_page(m, f, index);
		if (pfn == PFN_NONE) {	/* no_cached_page: page_cache_read */
			err = page_cache_read(m, f, index);
			if (err)
				goto out;
			f->ra.nr_read++;
			pfn = find_get_page(m, f, index);
		}
	}
	f->ra.prev_pos = (s64)index << PAGE_SHIFT;
	*pfnp = pfn;
out:
	TP_EXIT(m, filemap_fault, err ? err : (long)pfn);
	return err ? err : ret;
}

long
do_generic_file_read(struct machine *m, struct vfile *f, u32 off, u32 len,
		     u8 *buf, struct file_read_info *info)
{
	struct file_ra_state *ra = &f->ra;
	s64 prev_index = ra->prev_pos < 0 ? -1 : ra->prev_pos >> PAGE_SHIFT;
	u32 prev_offset = ra->prev_pos < 0 ? 0 :
			  (u32)(ra->prev_pos & (PAGE_SIZE - 1));
	u32 done = 0, last;
	long ret = 0;

	memset(info, 0, sizeof(*info));
	if (off >= f->size)
		return 0;
	len = MIN(len, f->size - off);
	last = (u32)(((u64)off + len + PAGE_SIZE - 1) >> PAGE_SHIFT);
	TP_ENTER(m, do_generic_file_read, f->ino, off, len);
	while (done < len) {
		u32 idx = (off + done) >> PAGE_SHIFT;
		u32 in = (off + done) & (PAGE_SIZE - 1);
		u32 n = MIN(len - done, PAGE_SIZE - in), pfn;
		int err;

		pfn = find_get_page(m, f, idx);
		if (pfn == PFN_NONE) {
			info->misses++;
			info->pages_read += page_cache_sync_readahead(m, f, idx,
								      last - idx);
			pfn = find_get_page(m, f, idx);
		} else {
			info->hits++;
		}
		if (pfn == PFN_NONE) {
			err = page_cache_read(m, f, idx);
			if (err) {
				ret = done ? (long)done : err;
				goto out;
			}
			info->pages_read++;
			pfn = find_get_page(m, f, idx);
		}
		if (prev_index != idx || in != prev_offset)
			mark_page_accessed(m, pfn);
		prev_index = idx;
		ram_read(m, PFN_PHYS(pfn) + in, buf + done, n);
		prev_offset = (in + n) & (PAGE_SIZE - 1);
		put_page(m, pfn);
		done += n;
	}
	ret = done;
out:
	ra->prev_pos = (prev_index << PAGE_SHIFT) | prev_offset;
	info->ra_start = ra->last_start;
	info->ra_size = ra->last_size;
	TP_EXIT(m, do_generic_file_read, ret);
	return ret;
}

int
write_one_page(struct machine *m, u32 pfn)
{
	struct page *p = &m->mem_map[pfn];
	struct vfile *f = file_by_mapping(m, p->mapping);
	u32 idx = p->index, i;

	if (!f || f->shmem || !page_test(p, PG_dirty))
		return machine_err(m, -EINVAL,
				   "pfn 0x%08x is not a dirty page of a disk file",
				   pfn);
	if (idx >= f->disk_len) {
		u32 len = vfile_pages(f);

		f->disk = xrealloc(f->disk, len * sizeof(*f->disk));
		for (i = f->disk_len; i < len; i++)
			f->disk[i] = NULL;
		f->disk_len = len;
	}
	if (!f->disk[idx])
		f->disk[idx] = xmalloc(PAGE_SIZE);
	ram_read(m, PFN_PHYS(pfn), f->disk[idx], PAGE_SIZE);
	page_clear(p, PG_dirty);	/* clear_page_dirty_for_io */
	mod_zone_page_state(zone_of(m, pfn), NR_FILE_DIRTY, -1);
	count_vm_events(m->vm_events, PGPGOUT, PAGE_SECTORS);
	TP_EVENT(m, write_one_page, pfn, idx);
	return 0;
}
