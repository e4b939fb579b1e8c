/* fs/file.c: vmdb's simulated files: the file table, what each file holds
 * "on disk", shmem objects for anonymous shared mappings (mm/shmem.c's
 * shmem_file_setup), and the table's report and checker.
 *
 * A disk file lives on 08:01 (sda1, ext3) and has an inode number from
 * machine->disk_next_ino (131073 for the first shipped file, then one
 * more per file, as a fresh file system hands them out in one block
 * group).  Its contents are deterministic:
 *
 *	program image	its ELF header and program headers, then bytes
 *			that look like machine code (a hash of the path
 *			and offset)
 *	other files	text, 64 bytes a line:
 *			"/data.txt offset 0x00000040" padded with '.'
 *	written pages	what write_one_page stored, for pages written back
 *
 * so `xp/s` on a cached page shows where it came from.  Each file's
 * address_space (page->mapping of its pages) is a real kernel address:
 * a kmalloc'd object the size of the 2.6.32 i386 struct inode.  A file
 * made by `file create` gets it at once (creat() makes the inode); a
 * shipped file when its first page is cached (the disk's inode is read
 * into the inode cache on first use, file_iget), so booting allocates
 * nothing.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/check.h"
#include "vmdb/clone.h"
#include "vmdb/fs.h"
#include "vmdb/machine.h"
#include "vmdb/out.h"
#include "vmdb/slab.h"
#include "vmdb/util.h"

#define INODE_SIZE		344	/* struct inode, 2.6.32 i386: size-512 */
#define FIRST_DISK_INO		131073
#define FIRST_SHMEM_INO		4096	/* last_ino once boot made its inodes */
#define LINE_LEN		64

/* ---- contents -------------------------------------------------------- */

static u32
fnv1a(const char *s)
{
	u32 h = 2166136261u;

	while (*s)
		h = (h ^ (u8)*s++) * 16777619u;
	return h;
}

/* A 32-bit mix of (seed, word): what a text segment's bytes look like. */
static u32
mix32(u32 x)
{
	x ^= x >> 16;
	x *= 0x7feb352du;
	x ^= x >> 15;
	x *= 0x846ca68bu;
	x ^= x >> 16;
	return x;
}

static void
pattern_image(const struct vfile *f, u32 off, u8 *buf, u32 len)
{
	u32 seed = fnv1a(f->name), i;

	for (i = 0; i < len; i++) {
		u32 o = off + i;

		buf[i] = (u8)(mix32(seed ^ (o >> 2)) >> ((o & 3) * 8));
	}
}

static void
pattern_text(const struct vfile *f, u32 off, u8 *buf, u32 len)
{
	char line[LINE_LEN + 1];
	u32 i = 0, cur = PFN_NONE;

	while (i < len) {
		u32 o = off + i, ln = o / LINE_LEN;

		if (ln != cur) {
			int n = snprintf(line, sizeof(line), "%s offset 0x%08x",
					 f->name, ln * LINE_LEN);

			if (n < 0 || n > LINE_LEN - 1)
				n = LINE_LEN - 1;
			memset(line + n, '.', (size_t)(LINE_LEN - 1 - n));
			line[LINE_LEN - 1] = '\n';
			cur = ln;
		}
		buf[i++] = (u8)line[o % LINE_LEN];
	}
}

void
file_read_disk(const struct vfile *f, u32 off, u8 *buf, u32 len)
{
	while (len) {
		u32 idx = off >> PAGE_SHIFT, in = off & (PAGE_SIZE - 1);
		u32 n = MIN(len, PAGE_SIZE - in), valid;

		valid = off >= f->size ? 0 : MIN(n, f->size - off);
		if (idx < f->disk_len && f->disk[idx]) {
			memcpy(buf, f->disk[idx] + in, valid);
		} else if (f->shmem) {
			memset(buf, 0, valid);
		} else if (f->image) {
			u32 h = off < f->image_len ?
				MIN(valid, f->image_len - off) : 0;

			memcpy(buf, f->image + off, h);
			pattern_image(f, off + h, buf + h, valid - h);
		} else {
			pattern_text(f, off, buf, valid);
		}
		memset(buf + valid, 0, n - valid);
		buf += n;
		off += n;
		len -= n;
	}
}

u8
file_byte(const struct vfile *f, u32 off)
{
	u8 b;

	file_read_disk(f, off, &b, 1);
	return b;
}

/* ---- the table ---------------------------------------------------------- */

struct vfile *
file_first(struct machine *m)
{
	return m->files;
}

struct vfile *
file_lookup(struct machine *m, const char *name)
{
	struct vfile *f;

	for (f = m->files; f; f = f->next)
		if (!f->shmem && !strcmp(f->name, name))
			return f;
	return NULL;
}

struct vfile *
file_by_mapping(struct machine *m, u32 mapping)
{
	struct vfile *f;

	if (!mapping)
		return NULL;
	for (f = m->files; f; f = f->next)
		if (f->mapping == mapping)
			return f;
	return NULL;
}

static int
check_name(struct machine *m, const char *name)
{
	const char *p;

	if (name[0] != '/')
		return machine_err(m, -EINVAL, "'%s' is not an absolute path",
				   name);
	if (strlen(name) > VFILE_NAME_MAX - 1)
		return machine_err(m, -EINVAL, "a name has at most %d characters",
				   VFILE_NAME_MAX - 1);
	if (name[1] == '\0' || name[strlen(name) - 1] == '/')
		return machine_err(m, -EINVAL, "'%s' names a directory", name);
	for (p = name; *p; p++) {
		if (*p <= ' ' || *p == 0x7f)
			return machine_err(m, -EINVAL,
					   "a name may not hold spaces or control characters");
		if (p[0] == '/' && (p[1] == '/' || (p[1] == '.' &&
		    (p[2] == '/' || !p[2] || (p[2] == '.' && (p[3] == '/' || !p[3]))))))
			return machine_err(m, -EINVAL,
					   "'%s' is not a canonical path (no //, /. or /..)",
					   name);
	}
	return 0;
}

/* Disk files by name, then shmem objects in the order they were made. */
static void
table_insert(struct machine *m, struct vfile *f)
{
	struct vfile **pp = &m->files;

	while (*pp && (f->shmem || (!(*pp)->shmem &&
				    strcmp((*pp)->name, f->name) < 0)))
		pp = &(*pp)->next;
	f->next = *pp;
	*pp = f;
}

int
file_iget(struct machine *m, struct vfile *f)
{
	if (f->mapping)
		return 0;
	f->mapping = kmalloc(m, INODE_SIZE, GFP_KERNEL);
	if (!f->mapping)
		return machine_err(m, -ENOMEM, "no memory for the inode of %s",
				   f->name);
	return 0;
}

/* A new file; with iget, its in-memory inode too. */
static struct vfile *
vfile_new(struct machine *m, const char *name, u32 size, bool iget)
{
	struct vfile *f = xcalloc(1, sizeof(*f));

	if (iget && file_iget(m, f)) {
		free(f);
		return NULL;
	}
	snprintf(f->name, sizeof(f->name), "%s", name);
	f->size = size;
	f->refs = 1;
	f->ra.ra_pages = VM_MAX_READAHEAD_PAGES;
	f->ra.prev_pos = -1;
	return f;
}

/* file_create, and for files_init without the inode (not read yet). */
static int
create(struct machine *m, const char *name, u32 size, bool iget,
       struct vfile **out)
{
	struct vfile *f;
	int err = check_name(m, name);

	if (err)
		return err;
	if (size > VFILE_SIZE_MAX)
		return machine_err(m, -EFBIG, "vmdb's files hold at most 1G");
	if (file_lookup(m, name))
		return machine_err(m, -EEXIST, "%s exists", name);
	f = vfile_new(m, name, size, iget);
	if (!f)
		return -ENOMEM;
	f->ino = m->disk_next_ino++;
	f->dev_major = 8;
	f->dev_minor = 1;
	table_insert(m, f);
	if (out)
		*out = f;
	return 0;
}

int
file_create(struct machine *m, const char *name, u32 size, struct vfile **out)
{
	return create(m, name, size, true, out);
}

struct vfile *
shmem_file_setup(struct machine *m, u32 size)
{
	struct vfile *f = vfile_new(m, "/dev/zero", size, true);

	if (!f)
		return NULL;
	f->ino = ++m->last_ino;
	f->dev_major = 0;
	f->dev_minor = 4;
	f->shmem = true;
	f->deleted = true;
	table_insert(m, f);
	return f;
}

void
file_get(struct vfile *f)
{
	f->refs++;
}

static void
vfile_destroy(struct machine *m, struct vfile *f, bool release)
{
	u32 i;

	if (release && f->mapping)
		kfree(m, f->mapping);
	for (i = 0; i < f->disk_len; i++)
		free(f->disk[i]);
	free(f->disk);
	free(f->cache);
	free((void *)f->image);
	free(f);
}

static void
table_unlink(struct machine *m, struct vfile *f)
{
	struct vfile **pp = &m->files;

	while (*pp != f)
		pp = &(*pp)->next;
	*pp = f->next;
}

void
file_put(struct machine *m, struct vfile *f)
{
	if (--f->refs > 0)
		return;
	truncate_inode_pages(m, f);
	if (f->nrpages)
		fatal("file_put: %s: %lu cached pages are still in use",
		      f->name, f->nrpages);
	table_unlink(m, f);
	vfile_destroy(m, f, true);
}

int
file_remove(struct machine *m, const char *name)
{
	struct vfile *f = file_lookup(m, name);
	u32 i, pfn;

	if (!f)
		return machine_err(m, -ENOENT, "no file named %s", name);
	if (f->refs > 1)
		return machine_err(m, -EBUSY, "%s is mapped by %d VMA%s", name,
				   f->refs - 1, f->refs == 2 ? "" : "s");
	vfile_for_each_page(f, i, pfn) {
		if (m->mem_map[pfn]._count > 1)
			return machine_err(m, -EBUSY,
					   "page %u of %s (pfn 0x%08x) has %d users besides the cache",
					   i, name, pfn, m->mem_map[pfn]._count - 1);
	}
	file_put(m, f);
	return 0;
}

int
files_init(struct machine *m)
{
	const struct exec_image *e;
	struct vfile *f;
	u8 *hdr;
	int err;

	m->disk_next_ino = FIRST_DISK_INO;
	m->last_ino = FIRST_SHMEM_INO;
	for (e = exec_images; e->path; e++) {
		err = create(m, e->path, exec_image_size(e), false, &f);
		if (err)
			return err;
		hdr = xmalloc(PAGE_SIZE);
		f->image_len = exec_image_header(e, hdr, PAGE_SIZE);
		f->image = hdr;
		f->exec = e;
		f->readonly = true;
	}
	return 0;
}

/* The machine is going away: host memory only (the slab goes with it). */
void
files_free(struct machine *m)
{
	struct vfile *f, *next;

	for (f = m->files; f; f = next) {
		next = f->next;
		vfile_destroy(m, f, false);
	}
	m->files = NULL;
}

/* The file table in its order, each file with its page cache index and
 * the pages written back to its disk; program images are shared (const). */
void
files_clone(struct machine *new, const struct machine *old,
	    struct clone_ctx *cc)
{
	struct vfile *f, **pp = &new->files;
	const struct vfile *of;
	u32 i;

	for (of = old->files; of; of = of->next) {
		f = xmalloc(sizeof(*f));
		*f = *of;
		f->image = xmemdup(of->image, of->image_len);
		f->cache = xmemdup(of->cache, of->cache_len * sizeof(*f->cache));
		f->disk = NULL;
		if (of->disk) {
			f->disk = xcalloc(of->disk_len, sizeof(*f->disk));
			for (i = 0; i < of->disk_len; i++)
				f->disk[i] = xmemdup(of->disk[i], PAGE_SIZE);
		}
		clone_map_add(cc, of, f);
		*pp = f;
		pp = &f->next;
	}
	*pp = NULL;
}

void
show_files(struct machine *m, struct out *o)
{
	struct vfile *f;

	char map[16];

	out_puts(o, "  INODE   DEV       SIZE  PAGES CACHED  MAPS  MAPPING     NAME\n");
	for (f = m->files; f; f = f->next) {
		if (f->mapping)
			snprintf(map, sizeof(map), "0x%08x", f->mapping);
		else
			snprintf(map, sizeof(map), "%-10s", "-");
		out_printf(o, "%7u %02x:%02x %10u %6u %6lu %5d  %s  %s%s\n",
			   f->ino, f->dev_major, f->dev_minor, f->size,
			   vfile_pages(f), f->nrpages,
			   f->shmem ? f->refs : f->refs - 1, map,
			   f->name, f->deleted ? " (deleted)" : "");
	}
}

/* ---- the checker -------------------------------------------------------- */

#define FAIL CHECK_FAIL

static int
check_one_file(struct machine *m, struct out *o, struct vfile *f,
	       long *dirty)
{
	unsigned long n = 0;
	int nerr = 0;
	u32 i, pfn;

	if (f->refs < 1)
		FAIL("files: %s has %d references\n", f->name, f->refs);
	for (i = vfile_pages(f); i < f->cache_len; i++)
		if (f->cache[i] != PFN_NONE)
			FAIL("files: %s caches page %u past its end\n",
			     f->name, i);
	vfile_for_each_page(f, i, pfn) {
		struct page *p;

		n++;
		if (pfn >= m->max_mapnr) {
			FAIL("files: %s page %u: pfn 0x%08x is beyond mem_map\n",
			     f->name, i, pfn);
			continue;
		}
		p = &m->mem_map[pfn];
		if (p->mapping != f->mapping || p->index != i)
			FAIL("files: %s page %u: pfn 0x%08x has mapping 0x%08x index %u\n",
			     f->name, i, pfn, p->mapping, p->index);
		if (p->_count < 1 || page_test(p, PG_buddy))
			FAIL("files: %s page %u: pfn 0x%08x is free (_count %d)\n",
			     f->name, i, pfn, p->_count);
		if (!page_test(p, PG_lru))
			FAIL("files: %s page %u: pfn 0x%08x is on no LRU list\n",
			     f->name, i, pfn);
		if (!page_test(p, PG_uptodate))
			FAIL("files: %s page %u: pfn 0x%08x is not uptodate\n",
			     f->name, i, pfn);
		if (page_test(p, PG_swapbacked) != f->shmem)
			FAIL("files: %s page %u: pfn 0x%08x is %sswap-backed\n",
			     f->name, i, pfn, f->shmem ? "not " : "");
		if (!f->shmem && page_test(p, PG_dirty))
			(*dirty)++;
	}
	if (n != f->nrpages)
		FAIL("files: %s: nrpages is %lu but %lu pages are cached\n",
		     f->name, f->nrpages, n);
	return nerr;
}

int
check_files(struct machine *m, struct out *o)
{
	long pages = 0, shmem = 0, dirty = 0;
	struct vfile *f, *g;
	int nerr = 0;

	for (f = m->files; f; f = f->next) {
		nerr += check_one_file(m, o, f, &dirty);
		pages += (long)f->nrpages;
		if (f->shmem)
			shmem += (long)f->nrpages;
		for (g = f->next; g; g = g->next)
			if ((g->mapping && g->mapping == f->mapping) ||
			    (!g->shmem && !f->shmem && !strcmp(g->name, f->name)))
				FAIL("files: %s and %s share a name or mapping\n",
				     f->name, g->name);
	}
	if (pages != global_page_state(m, NR_FILE_PAGES))
		FAIL("files: NR_FILE_PAGES is %ld but files cache %ld pages\n",
		     global_page_state(m, NR_FILE_PAGES), pages);
	if (shmem != global_page_state(m, NR_SHMEM))
		FAIL("files: NR_SHMEM is %ld but shmem objects cache %ld pages\n",
		     global_page_state(m, NR_SHMEM), shmem);
	if (dirty != global_page_state(m, NR_FILE_DIRTY))
		FAIL("files: NR_FILE_DIRTY is %ld but %ld cached pages are dirty\n",
		     global_page_state(m, NR_FILE_DIRTY), dirty);
	return nerr;
}
