/* mm/truncate.c: dropping a file's pages from the page cache (Linux
 * 2.6.32 mm/truncate.c): truncate_inode_pages when a file goes away,
 * invalidate_mapping_pages for drop_caches.
 *
 * Which cached pages each one drops (the cache's own reference is
 * _count 1; a mapped page has _mapcount >= 0):
 *
 *			clean, unused	dirty, unused	mapped or in use
 *	truncate	dropped		dropped (data	kept
 *					lost)
 *	invalidate	dropped		kept		kept
 *
 * The kernel's truncate also unmaps and waits for users; vmdb's callers
 * (`file rm`, the last unmap of a shmem object) make sure there are none
 * first, so "kept" never happens to them.
 */
#include "config.h"

#include "vmdb/fs.h"
#include "vmdb/machine.h"

static unsigned long
drop_pages(struct machine *m, struct vfile *f, bool clean_only)
{
	unsigned long n = 0;
	u32 i, pfn;

	vfile_for_each_page(f, i, pfn) {
		const struct page *p = &m->mem_map[pfn];

		if (p->_count != 1 || p->_mapcount != -1)
			continue;
		if (clean_only && page_test(p, PG_dirty))
			continue;
		remove_from_page_cache(m, pfn);
		n++;
	}
	return n;
}

unsigned long
truncate_inode_pages(struct machine *m, struct vfile *f)
{
	unsigned long n;

	TP_ENTER(m, truncate_inode_pages, f->ino, f->nrpages);
	n = drop_pages(m, f, false);
	TP_EXIT(m, truncate_inode_pages, n);
	return n;
}

unsigned long
invalidate_mapping_pages(struct machine *m, struct vfile *f)
{
	return drop_pages(m, f, true);
}
