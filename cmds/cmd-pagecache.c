/* cmds/cmd-pagecache.c: `pagecache NAME`: one file's pages in the page
 * cache, with their struct page state. */
#include "config.h"

#include "vmdb/fs.h"

#include "cmd.h"

/* The page flags the page cache and the LRU use, in a fixed order. */
static const int shown_flags[] = {
	PG_uptodate, PG_lru, PG_active, PG_referenced, PG_dirty,
	PG_swapbacked, PG_unevictable, PG_mlocked, PG_locked, PG_writeback,
};

static int
pagecache_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	struct vfile *f = file_lookup(m, argv[0]);
	struct strbuf sb;
	u32 i, pfn;
	size_t k;

	if (!f)
		return cmd_error(c, "no file named %s (`files` lists them)",
				 argv[0]);
	out_printf(c->out, "%s: inode %u, %u of %u page%s cached, readahead window %u+%u, mmap_miss %d\n",
		   f->name, f->ino, (u32)f->nrpages, vfile_pages(f),
		   vfile_pages(f) == 1 ? "" : "s", f->ra.start, f->ra.size,
		   f->ra.mmap_miss);
	if (!f->nrpages)
		return 0;
	out_puts(c->out, " INDEX  PFN         ZONE     _count _mapcount LRU            FLAGS\n");
	sb_init(&sb);
	vfile_for_each_page(f, i, pfn) {
		const struct page *p = &m->mem_map[pfn];

		sb_reset(&sb);
		for (k = 0; k < ARRAY_SIZE(shown_flags); k++)
			if (page_test(p, shown_flags[k]))
				sb_printf(&sb, "%s%s", sb.len ? "," : "",
					  pageflag_names[shown_flags[k]]);
		out_printf(c->out, "%6u  0x%08x  %-7s %6d %9d %-14s %s\n", i,
			   pfn, zone_names[page_zonenum(p)], p->_count,
			   p->_mapcount,
			   page_test(p, PG_lru) ? lru_list_names[page_lru(m, pfn)] :
			   "-", sb.len ? sb.buf : "-");
	}
	sb_free(&sb);
	(void)argc;
	return 0;
}

const struct cmd_entry cmd_pagecache_entry = {
	.name = "pagecache",
	.usage = "NAME",
	.summary = "show a file's pages in the page cache",
	.help =
"pagecache lists the pages of file NAME that are in the page cache, by\n"
"index (page offset in the file): the page frame, its zone, _count (the\n"
"cache holds one reference; every PTE mapping the page and every reader\n"
"in progress holds another), _mapcount (PTEs mapping it, minus one), the\n"
"LRU list it is on and its page-cache flags: uptodate (read from the\n"
"disk), lru, active, referenced (mark_page_accessed's first touch; a\n"
"second moves an inactive page to the active list), dirty (written\n"
"through a shared mapping, not yet written back), swapbacked (shmem).\n"
"\n"
"The first line gives the file's readahead state: the last window read\n"
"(start+size, in pages) and mmap_miss, the count of page faults that\n"
"missed minus those that hit; above 100, filemap_fault stops reading\n"
"around a miss.\n"
"\n"
"New page-cache pages of disk files start on the inactive file list;\n"
"shmem pages (swap-backed) on the active anon list, as in 2.6.32.\n",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = pagecache_exec,
};
