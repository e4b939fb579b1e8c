/* debug/explain_cache.c: the sentences of the page cache's and the LRU
 * lists' trace points (mm/filemap.c, mm/readahead.c, mm/truncate.c,
 * mm/page-writeback.c, mm/swap.c; Gorman chapter 10).  2.6.32 splits the
 * LRU into anon and file lists and reads ahead on demand (2.6.23); the
 * readahead sentence names the file only. */
#include "config.h"

#include "vmdb/fs.h"

#include "explain_impl.h"

static bool
cached(const struct vfile *f, u32 index)
{
	return f && index < f->cache_len && f->cache[index] != PFN_NONE;
}

static void
find_get_page_enter(struct xctx *x)
{
	u32 pfn = xarg32(x, 2);

	say(x, "find_get_page looks up page %ld of ", xarg(x, 1));
	x_file_name(x, xarg(x, 0));
	if (pfn == PFN_NONE || !pfn_valid(x->m, pfn))
		say(x, " in the page cache and does not find it");
	else
		say(x, " in the page cache and finds pfn 0x%x, taking a "
		    "reference (count %d)", pfn, x->m->mem_map[pfn]._count);
}

static void
add_to_cache_enter(struct xctx *x)
{
	struct vfile *f = x_file_by_ino(x->m, xarg(x, 1));

	say(x, "add_to_page_cache_lru puts pfn 0x%lx into the page cache as "
	    "page %ld of ", xarg(x, 0), xarg(x, 2));
	x_file_name(x, xarg(x, 1));
	if (f)
		say(x, " (%lu page%s cached now)", f->nrpages,
		    f->nrpages == 1 ? "" : "s");
}

static void
remove_from_cache_enter(struct xctx *x)
{
	u32 pfn = xarg32(x, 0);
	struct vfile *f = x_page_file(x->m, pfn);

	say(x, "remove_from_page_cache takes pfn 0x%x, page %ld of %s, out of "
	    "the page cache", pfn, xarg(x, 1), f ? f->name : "its file");
}

static void
filemap_fault_enter(struct xctx *x)
{
	struct vfile *f = x_file_by_ino(x->m, xarg(x, 0));
	u32 index = xarg32(x, 1), vm_flags = xarg32(x, 2);

	say(x, "filemap_fault wants page %u of ", index);
	x_file_name(x, xarg(x, 0));
	if (f == NULL)
		return;
	if (index >= vfile_pages(f))
		say(x, ", beyond its end (%u page%s), so the task gets SIGBUS",
		    vfile_pages(f), x_s(vfile_pages(f)));
	else if (cached(f, index))
		say(x, "; it is in the page cache at pfn 0x%x, a minor fault",
		    f->cache[index]);
	else if (f->shmem)
		say(x, "; it is a hole of a shmem object, so a new zeroed page "
		    "fills it");
	else if (vm_flags & VM_RAND_READ)
		say(x, "; it is not cached, a major fault, and VM_RAND_READ "
		    "turns readahead off, so just that page is read");
	else
		say(x, "; it is not cached, a major fault, so it is read from "
		    "disk together with the pages around it (readahead, up to "
		    "%u pages)", f->ra.ra_pages);
}

static void
generic_read_enter(struct xctx *x)
{
	struct vfile *f = x_file_by_ino(x->m, xarg(x, 0));
	u32 pos = xarg32(x, 1), count = xarg32(x, 2), first, last, i, n = 0;

	say(x, "read(2) of %u bytes at offset %u of ", count, pos);
	x_file_name(x, xarg(x, 0));
	say(x, "; do_generic_file_read copies them out of the page cache, page "
	    "by page");
	if (f == NULL || count == 0)
		return;
	first = pos >> PAGE_SHIFT;
	last = (u32)(((u64)pos + count - 1) >> PAGE_SHIFT);
	for (i = first; i <= last; i++)
		n += cached(f, i);
	if (n == last - first + 1)
		say(x, "; %s %u page%s it needs %s cached", n == 1 ? "the" :
		    "all", n, n == 1 ? "" : "s", n == 1 ? "is" : "are");
	else if (n == 0)
		say(x, "; none of the %u page%s it needs is cached, so "
		    "readahead reads %s first", last - first + 1,
		    last > first ? "s" : "", last > first ? "them" : "it");
	else
		say(x, "; %u of the %u pages it needs are cached, the others "
		    "are read with readahead", n, last - first + 1);
}

static void
readahead_enter(struct xctx *x)
{
	struct vfile *f = x_file_by_ino(x->m, xarg(x, 0));
	u32 start = xarg32(x, 1), nr = xarg32(x, 2), i, n = 0;
	u64 end = (u64)start + nr;

	if (f && end > vfile_pages(f))
		end = vfile_pages(f);
	if (end <= start) {
		say(x, "__do_page_cache_readahead has no page to read at page "
		    "%u of ", start);
		x_file_name(x, xarg(x, 0));
		return;
	}
	say(x, "__do_page_cache_readahead reads pages %u-%u of ", start,
	    (u32)end - 1);
	x_file_name(x, xarg(x, 0));
	if (f == NULL)
		return;
	if (end < (u64)start + nr)
		say(x, " (a window of %u that the file's end cuts short)", nr);
	for (i = start; i < end; i++)
		n += !cached(f, i);
	say(x, " into the page cache, the %u not cached yet, each in a cold "
	    "page from GFP_HIGHUSER_MOVABLE", n);
}

static void
readahead_exit(struct xctx *x)
{
	say(x, "__do_page_cache_readahead read ");
	x_pages(x, (unsigned long)x->ev->ret);
}

static void
truncate_enter(struct xctx *x)
{
	say(x, "truncate_inode_pages drops the cached pages of ");
	x_file_name(x, xarg(x, 0));
	say(x, " (%ld cached now) that nobody maps or holds", xarg(x, 1));
}

static void
write_one_page_enter(struct xctx *x)
{
	u32 pfn = xarg32(x, 0);
	struct vfile *f = x_page_file(x->m, pfn);

	say(x, "write_one_page has written page %ld of %s (pfn 0x%x) back to "
	    "disk and cleared PG_dirty; the page stays cached, clean, and may "
	    "now be dropped", xarg(x, 1), f ? f->name : "its file", pfn);
}

static void
set_page_dirty_enter(struct xctx *x)
{
	struct machine *m = x->m;
	u32 pfn = xarg32(x, 0), mapping = xarg32(x, 1);
	struct vfile *f = mapping && !(mapping & PAGE_MAPPING_ANON) ?
		file_by_mapping(m, mapping) : NULL;

	if (mapping & PAGE_MAPPING_ANON)
		say(x, "set_page_dirty marks anonymous pfn 0x%x dirty; with no "
		    "file behind it only swap could take its contents", pfn);
	else if (f && f->shmem)
		say(x, "set_page_dirty marks pfn 0x%x of a shmem object dirty "
		    "(shmem keeps no dirty count)", pfn);
	else if (f)
		say(x, "set_page_dirty marks page %u of %s dirty "
		    "(NR_FILE_DIRTY +1); it must be written back before it can "
		    "be dropped",
		    pfn_valid(m, pfn) ? m->mem_map[pfn].index : 0, f->name);
	else
		say(x, "set_page_dirty marks pfn 0x%x dirty", pfn);
}

static const char *
lru_name(long lru)
{
	static const char *const names[NR_LRU_LISTS] = {
		"inactive anon", "active anon", "inactive file", "active file",
		"unevictable",
	};

	return lru >= 0 && lru < NR_LRU_LISTS ? names[lru] : "?";
}

static void
lru_cache_add_enter(struct xctx *x)
{
	long lru = xarg(x, 1);
	struct zone *z = x_pfn_zone(x->m, xarg(x, 0));

	say(x, "lru_cache_add puts pfn 0x%lx on the %s list", xarg(x, 0),
	    lru_name(lru));
	if (z && lru >= 0 && lru < NR_LRU_LISTS)
		say(x, " of %s (%ld page%s there)", z->name,
		    z->vm_stat[NR_LRU_BASE + lru],
		    z->vm_stat[NR_LRU_BASE + lru] == 1 ? "" : "s");
	if (lru == LRU_ACTIVE_ANON)
		say(x, "; anonymous pages join the LRU on the active list");
	else if (lru == LRU_INACTIVE_FILE)
		say(x, "; page-cache pages join the LRU on the inactive list, "
		    "and a second use activates them");
	else if (lru == LRU_UNEVICTABLE)
		say(x, "; reclaim never scans that list");
}

static void
activate_page_enter(struct xctx *x)
{
	say(x, "activate_page moves pfn 0x%lx to the %s list; it was used "
	    "again while inactive and referenced", xarg(x, 0),
	    lru_name(xarg(x, 1)));
}

static void
mark_accessed_enter(struct xctx *x)
{
	struct machine *m = x->m;
	u32 pfn = xarg32(x, 0);
	bool ref = xarg(x, 1), active = xarg(x, 2);
	bool lru = pfn_valid(m, pfn) && page_test(&m->mem_map[pfn], PG_lru);
	bool unev = pfn_valid(m, pfn) &&
		    page_test(&m->mem_map[pfn], PG_unevictable);

	say(x, "mark_page_accessed sees pfn 0x%x used", pfn);
	if (!active && !unev && ref && lru)
		say(x, " a second time while inactive, so it activates it");
	else if (!ref)
		say(x, " and sets PG_referenced%s", active ?
		    "; it is active already" : lru && !unev ?
		    "; one more use will activate it" : "");
	else
		say(x, "; it is %s and referenced already, nothing changes",
		    active ? "active" : unev ? "unevictable" : "off the LRU");
}

static void
page_cache_release_enter(struct xctx *x)
{
	struct machine *m = x->m;
	u32 pfn = xarg32(x, 0);

	say(x, "The last reference to pfn 0x%x is dropped", pfn);
	if (xarg(x, 1) && pfn_valid(m, pfn))
		say(x, "; __page_cache_release takes it off the %s list",
		    lru_name(page_lru(m, pfn)));
	else
		say(x, "; it is on no LRU list");
	say(x, ", and it goes back to the page allocator");
}

const struct explain_row explain_rows_cache[] = {
	{ TP_find_get_page, "10", find_get_page_enter, NULL },
	{ TP_add_to_page_cache_lru, "10", add_to_cache_enter, NULL },
	{ TP_remove_from_page_cache, "10", remove_from_cache_enter, NULL },
	{ TP_filemap_fault, "4.6", filemap_fault_enter, NULL },
	{ TP_do_generic_file_read, "10", generic_read_enter, NULL },
	{ TP___do_page_cache_readahead, NULL, readahead_enter, readahead_exit },
	{ TP_truncate_inode_pages, "10", truncate_enter, NULL },
	{ TP_write_one_page, "10", write_one_page_enter, NULL },
	{ TP_set_page_dirty, "10", set_page_dirty_enter, NULL },
	{ TP_lru_cache_add, "10", lru_cache_add_enter, NULL },
	{ TP_activate_page, "10", activate_page_enter, NULL },
	{ TP_mark_page_accessed, "10", mark_accessed_enter, NULL },
	{ TP___page_cache_release, "10", page_cache_release_enter, NULL },
	{ 0, NULL, NULL, NULL }
};
