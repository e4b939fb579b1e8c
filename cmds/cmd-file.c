/* cmds/cmd-file.c: `file create|rm|read|drop`: simulated files and
 * reading them through the page cache. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/fs.h"
#include "vmdb/util.h"

#include "cmd.h"

#define DUMP_MAX	(64u << 10)	/* bytes file read prints at most */

static struct vfile *
arg_file(struct cmd_ctx *c, const char *name)
{
	struct vfile *f = file_lookup(c->m, name);

	if (!f)
		cmd_error(c, "no file named %s (`files` lists them)", name);
	return f;
}

static int
file_create_cmd(struct cmd_ctx *c, int argc, char **argv)
{
	struct vfile *f;
	u64 size;
	int err;

	if (argc != 3)
		return cmd_error(c, "usage: file create NAME SIZE");
	if (arg_size(c, "SIZE", argv[2], 0, 0xffffffffu, &size))
		return -1;
	err = file_create(c->m, argv[1], (u32)size, &f);
	if (err)
		return cmd_errno(c, err);
	out_printf(c->out, "%s: inode %u on %02x:%02x, %u bytes (%u page%s), mapping 0x%08x\n",
		   f->name, f->ino, f->dev_major, f->dev_minor, f->size,
		   vfile_pages(f), vfile_pages(f) == 1 ? "" : "s", f->mapping);
	return 0;
}

static int
file_rm_cmd(struct cmd_ctx *c, int argc, char **argv)
{
	struct vfile *f;
	unsigned long pages;
	int err;

	if (argc != 2)
		return cmd_error(c, "usage: file rm NAME");
	f = arg_file(c, argv[1]);
	if (!f)
		return -1;
	pages = f->nrpages;
	err = file_remove(c->m, argv[1]);
	if (err)
		return cmd_errno(c, err);
	out_printf(c->out, "removed %s: %lu cached page%s freed\n", argv[1],
		   pages, pages == 1 ? "" : "s");
	return 0;
}

static int
file_drop_cmd(struct cmd_ctx *c, int argc, char **argv)
{
	struct vfile *f;
	unsigned long n;

	if (argc != 2)
		return cmd_error(c, "usage: file drop NAME");
	f = arg_file(c, argv[1]);
	if (!f)
		return -1;
	n = invalidate_mapping_pages(c->m, f);
	out_printf(c->out, "dropped %lu page%s of %s; %lu still cached (dirty, mapped or in use)\n",
		   n, n == 1 ? "" : "s", f->name, f->nrpages);
	return 0;
}

/* xxd's layout: offset, 16 bytes in hex, the printable ones as text. */
static void
dump(struct out *o, u32 off, const u8 *buf, u32 len)
{
	u32 i, j;

	for (i = 0; i < len; i += 16) {
		out_printf(o, "%08x ", off + i);
		for (j = 0; j < 16; j++) {
			if (i + j < len)
				out_printf(o, "%s%02x", j == 8 ? "  " : " ",
					   buf[i + j]);
			else
				out_puts(o, j == 8 ? "    " : "   ");
		}
		out_puts(o, "  |");
		for (j = 0; j < 16 && i + j < len; j++)
			out_printf(o, "%c", buf[i + j] >= ' ' && buf[i + j] < 0x7f ?
				   buf[i + j] : '.');
		out_puts(o, "|\n");
	}
}

static int
file_read_cmd(struct cmd_ctx *c, int argc, char **argv)
{
	bool quiet = args_has(c, "quiet");
	struct file_read_info ri;
	struct vfile *f;
	u64 off, len;
	long n;
	u8 *buf;

	if (argc != 4)
		return cmd_error(c, "usage: file read NAME OFFSET LEN");
	f = arg_file(c, argv[1]);
	if (!f || arg_size(c, "OFFSET", argv[2], 0, 0xffffffffu, &off) ||
	    arg_size(c, "LEN", argv[3], 1, quiet ? VFILE_SIZE_MAX : DUMP_MAX,
		     &len))
		return -1;
	buf = xmalloc((size_t)len);
	n = do_generic_file_read(c->m, f, (u32)off, (u32)len, buf, &ri);
	if (n < 0) {
		free(buf);
		return cmd_errno(c, (int)n);
	}
	out_printf(c->out, "read %ld byte%s at 0x%llx of %s: %u page%s found in the page cache, %u missed",
		   n, n == 1 ? "" : "s", (unsigned long long)off, f->name,
		   ri.hits, ri.hits == 1 ? "" : "s", ri.misses);
	if (ri.misses)
		out_printf(c->out, " (readahead read %u page%s; window %u-%u)",
			   ri.pages_read, ri.pages_read == 1 ? "" : "s",
			   ri.ra_start, ri.ra_start + ri.ra_size - 1);
	out_puts(c->out, n ? "\n" : " (at or past the end of the file)\n");
	if (!quiet)
		dump(c->out, (u32)off, buf, (u32)n);
	free(buf);
	return 0;
}

static int
file_exec(struct cmd_ctx *c, int argc, char **argv)
{
	if (!strcmp(argv[0], "create"))
		return file_create_cmd(c, argc, argv);
	if (!strcmp(argv[0], "rm"))
		return file_rm_cmd(c, argc, argv);
	if (!strcmp(argv[0], "read"))
		return file_read_cmd(c, argc, argv);
	if (!strcmp(argv[0], "drop"))
		return file_drop_cmd(c, argc, argv);
	return cmd_error(c, "expected create, rm, read or drop, not '%s'",
			 argv[0]);
}

const struct cmd_entry cmd_file_entry = {
	.name = "file",
	.usage = "create NAME SIZE | rm NAME | read NAME OFFSET LEN | drop NAME",
	.summary = "create, remove, read or uncache a simulated file",
	.help =
"file manages vmdb's simulated files (`files` lists them). Their contents\n"
"sit on a simulated disk and are deterministic: a program image holds its\n"
"ELF headers and code-like bytes, any other file lines of text naming the\n"
"file and the offset (\"/data.txt offset 0x00000040....\").\n"
"\n"
"file create NAME SIZE makes a file on the disk (08:01) with the next\n"
"inode number. NAME is an absolute path of at most 63 characters without\n"
"spaces, //, /. or /..; SIZE is in bytes with an optional K, M or G, at\n"
"most 1G. A name in use is refused (File exists).\n"
"\n"
"file rm NAME removes a file and frees its cached pages. A file that a\n"
"process maps, or whose cached page someone still holds, is busy.\n"
"\n"
"file read NAME OFFSET LEN reads LEN bytes (at most 64K; with --quiet the\n"
"bytes are not printed and LEN may be up to 1G) the way read(2) does, in\n"
"do_generic_file_read: each page is looked up in the page cache\n"
"(find_get_page); a miss starts on-demand readahead, which reads a window\n"
"of pages from the disk into new page-cache pages (on the inactive file\n"
"LRU) and counts pgpgin. The first window is the request rounded up to a\n"
"power of two, times 4 when small (a 1-page read brings 4 pages), and a\n"
"read that continues where the window ended gets a window twice as big,\n"
"up to 32 pages (128K); a read elsewhere reads just what it asked for.\n"
"Every page read is marked accessed (mark_page_accessed): referenced the\n"
"first time, moved to the active list the second. read(2) counts no\n"
"page faults. Faults on mapped files (filemap_fault) read around the\n"
"faulting page instead: 16 pages before it and 15 after.\n"
"\n"
"file drop NAME drops the file's clean, unmapped, unused pages from the\n"
"page cache (invalidate_mapping_pages, what `echo 1 >\n"
"/proc/sys/vm/drop_caches` does to every file), so the next access is a\n"
"miss again.\n"
"\n"
"Example:\n"
"  file create /data.txt 1M\n"
"  file read /data.txt 0 128\n"
"  pagecache /data.txt\n",
	.opts = "quiet",
	.args_min = 1,
	.args_max = 4,
	.flags = CMD_MODIFIES,
	.exec = file_exec,
};
