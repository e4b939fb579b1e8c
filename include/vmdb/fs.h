/* vmdb/fs.h: simulated files, their page cache, the LRU lists and page
 * references (mm/filemap.c, mm/readahead.c, mm/swap.c,
 * include/linux/pagemap.h), and the program images `spawn` execs.
 *
 * A simulated file has a name, a size, an inode number and deterministic
 * contents ("on disk": a program image's bytes, or a pattern derived from
 * the name and offset).  Its pages come into the page cache on demand:
 * filemap_fault finds the page (minor) or allocates one, reads the bytes
 * in and adds it to the cache and the inactive file LRU (major).  The
 * page cache keeps one reference per cached page; pages stay cached after
 * every mapping is gone, as in Linux.
 *
 * Who holds a page-cache page (the _count of a cached page):
 *
 *	1	the page cache alone (clean, unmapped: reclaimable)
 *	1 + n	plus n holders: each PTE mapping it (the fault path's
 *		reference), a read(2) in progress, a caller of
 *		find_get_page that has not yet called put_page
 */
#ifndef VMDB_FS_H
#define VMDB_FS_H

#include "vmdb/types.h"

struct machine;
struct out;

#define VFILE_NAME_MAX	64
#define VFILE_SIZE_MAX	(1u << 30)	/* vmdb's limit: 1 GiB */

/* default_backing_dev_info.ra_pages: VM_MAX_READAHEAD (128 KiB) in pages. */
#define VM_MAX_READAHEAD_PAGES	32
/* filemap_fault stops reading around once misses outnumber hits by this. */
#define MMAP_LOTSAMISS		100

/* page->mapping of an anonymous page is its anon_vma with bit 0 set
 * (include/linux/mm.h); a page-cache page's is its inode's mapping. */
#define PAGE_MAPPING_ANON	1u

/* struct file_ra_state (include/linux/fs.h): the readahead window. */
struct file_ra_state {
	u32 start;		/* first page of the last window */
	u32 size;		/* its length in pages */
	u32 ra_pages;		/* the most a window may hold */
	int mmap_miss;		/* filemap_fault: misses minus hits */
	s64 prev_pos;		/* byte after the last access; -1 before
				 * the first (a fault sets index << 12) */
	u32 last_start;		/* vmdb: the last window submitted (a read-
				 * around, a readahead window or a random
				 * read's request) */
	u32 last_size;
	u32 nr_read;		/* vmdb: pages it really read (cached ones
				 * and those past EOF are skipped) */
};

struct exec_image;

struct vfile {
	char name[VFILE_NAME_MAX];	/* absolute path, e.g. "/bin/sh" */
	u32 size;			/* bytes */
	u32 ino;			/* inode number shown in maps */
	u8 dev_major, dev_minor;	/* 08:01 for the disk, 00:04 for shmem */
	bool readonly;			/* opened O_RDONLY: no shared writes */
	bool shmem;			/* anonymous shared memory (/dev/zero) */
	bool deleted;			/* maps shows " (deleted)" */
	u32 mapping;			/* page->mapping of its cached pages:
					 * a slab object standing for the
					 * inode (its i_data); 0 until the
					 * inode is read (file_iget) */
	int i_mmap_writable;		/* VM_SHARED mappings */
	int refs;			/* VMAs using it + the file table */
	const u8 *image;		/* program image header bytes, or NULL */
	u32 image_len;			/* bytes in image[] */
	const struct exec_image *exec;	/* the program image, or NULL */
	u32 *cache;			/* pfn per page index, PFN_NONE if absent */
	u32 cache_len;			/* entries in cache[] */
	unsigned long nrpages;		/* pages in the page cache */
	u8 **disk;			/* pages written back (write_one_page):
					 * their bytes by index, NULL where
					 * the disk still holds the pattern */
	u32 disk_len;			/* entries in disk[] */
	struct file_ra_state ra;
	struct vfile *next;
};

/* Pages the file spans (the last one may be partial). */
static inline u32
vfile_pages(const struct vfile *f)
{
	return (u32)(((u64)f->size + PAGE_SIZE - 1) >> PAGE_SHIFT);
}

/* Each cached page of f: idx its index, pfn its frame (u32 lvalues). */
#define vfile_for_each_page(f, idx, pfn)				\
	for ((idx) = 0; (idx) < (f)->cache_len; (idx)++)		\
		if (((pfn) = (f)->cache[(idx)]) == PFN_NONE) {		\
		} else

/* The file table (machine->files: disk files sorted by name, then the
 * live shmem objects by inode number); files are made at boot (the
 * shipped program images) and by `file create`.  file_lookup finds disk
 * files only. */
struct vfile *file_lookup(struct machine *m, const char *name);
/*
 * Creates an empty-cache file of size bytes with the pattern contents.
 * Returns 0, or -EINVAL (not an absolute path, a name longer than 63
 * characters, "//" or a trailing "/"), -EEXIST, -EFBIG (above 1 GiB),
 * -ENOMEM (no memory for its inode), with the reason in m->why.
 */
int file_create(struct machine *m, const char *name, u32 size,
		struct vfile **out);
/* `file rm`: -ENOENT; -EBUSY while mapped (refs > 1) or while a cached
 * page has other users.  Drops its page cache and frees it. */
int file_remove(struct machine *m, const char *name);
/* A new /dev/zero (deleted) object for an anonymous MAP_SHARED mapping,
 * with one reference (the mapping's); NULL (-ENOMEM in m->why) when no
 * inode could be allocated. */
struct vfile *shmem_file_setup(struct machine *m, u32 size);
/* Reads the file's inode into the inode cache if it is not there yet:
 * f->mapping becomes a kmalloc'd struct inode (-ENOMEM). */
int file_iget(struct machine *m, struct vfile *f);
void file_get(struct vfile *f);
void file_put(struct machine *m, struct vfile *f);	/* frees shmem at 0 */
struct vfile *file_by_mapping(struct machine *m, u32 mapping);
struct vfile *file_first(struct machine *m);		/* then f->next */

/* The byte at offset off of the file's contents on "disk"; len bytes
 * from off into buf (past EOF reads as zeroes). */
u8 file_byte(const struct vfile *f, u32 off);
void file_read_disk(const struct vfile *f, u32 off, u8 *buf, u32 len);

/* ---- the page cache (mm/filemap.c, mm/readahead.c) --------------------- */

/* find_get_page: the cached pfn with a reference taken, or PFN_NONE. */
u32 find_get_page(struct machine *m, struct vfile *f, u32 index);
/*
 * add_to_page_cache_lru: inserts a freshly allocated page (the caller's
 * reference stays the caller's) at index: the cache takes a reference,
 * sets mapping and index, counts NR_FILE_PAGES (and NR_SHMEM), and puts
 * it on the inactive file LRU (a shmem page, swap-backed, on the active
 * anon LRU as 2.6.32 does).  -EEXIST if index is already cached.
 */
int add_to_page_cache_lru(struct machine *m, struct vfile *f, u32 pfn,
			  u32 index);
/*
 * filemap_fault: the page for index in *pfn, a reference taken for the
 * caller.  A hit is minor: returns 0.  A miss reads in a window first
 * (2.6.32's mmap read-around of ra_pages centred on index; none with
 * VM_RAND_READ, a forward window with VM_SEQ_READ or right after the
 * previous fault's page, just the page when misses outnumber hits by
 * MMAP_LOTSAMISS), counts pgmajfault and returns VM_FAULT_MAJOR; the
 * arch fault handler (or get_user_pages) charges the task's maj_flt
 * from that bit.  A shmem object's missing page is a new zeroed page and
 * is minor.  pgpgin counts the disk reads.  -EFAULT past EOF (the
 * kernel's VM_FAULT_SIGBUS), -ENOMEM when no page could be allocated for
 * the faulting index.
 */
int filemap_fault(struct machine *m, struct vfile *f, u32 index,
		  u32 vm_flags, u32 *pfn);

/* Readahead (mm/readahead.c).  page_cache_read: one page allocated
 * (GFP_HIGHUSER_MOVABLE, cold), added, read from the disk, uptodate,
 * with only the cache's reference (-ENOMEM, -EEXIST).  The others return
 * how many pages they read (cached pages and those past EOF skipped). */
int page_cache_read(struct machine *m, struct vfile *f, u32 index);
u32 __do_page_cache_readahead(struct machine *m, struct vfile *f, u32 start,
			      u32 nr);
u32 page_cache_sync_readahead(struct machine *m, struct vfile *f, u32 index,
			      u32 req_size);

/* What do_generic_file_read did. */
struct file_read_info {
	u32 hits;		/* pages found in the cache */
	u32 misses;		/* pages that had to be read */
	u32 pages_read;		/* pages the readahead windows read */
	u32 ra_start, ra_size;	/* the last window submitted */
};

/*
 * read(2) through the page cache: copies len bytes at off into buf
 * (clipped at EOF; the count copied is returned).  A missing page starts
 * on-demand readahead (2.6.32's ondemand_readahead without the
 * asynchronous PG_readahead marker: an initial window sized from the
 * request, growing x4/x2 up to ra_pages while reads stay sequential);
 * every page read is mark_page_accessed.  -ENOMEM, -EINVAL (off past
 * EOF is not an error: it returns 0).
 */
long do_generic_file_read(struct machine *m, struct vfile *f, u32 off,
			  u32 len, u8 *buf, struct file_read_info *info);

/* Takes a page out of the page cache (mapping 0, NR_FILE_PAGES--) and
 * drops the cache's reference. */
void remove_from_page_cache(struct machine *m, u32 pfn);
/* Drops every cached page nobody else references (on `file rm` / exit
 * of a shmem object).  Returns how many were dropped. */
unsigned long truncate_inode_pages(struct machine *m, struct vfile *f);
/* invalidate_mapping_pages (drop_caches): drops clean, unmapped,
 * unreferenced pages only.  Returns how many. */
unsigned long invalidate_mapping_pages(struct machine *m, struct vfile *f);
/* Writes a dirty page-cache page back to the simulated disk (its bytes
 * become the file's contents there), clears PG_dirty and NR_FILE_DIRTY,
 * counts pgpgout.  0, or -EINVAL for a page that is not a dirty cached
 * page of a disk file. */
int write_one_page(struct machine *m, u32 pfn);

/* ---- page references and the LRU (mm/swap.c) --------------------------- */

/* put_page frees the page at _count 0 (removing it from its LRU list
 * first, clearing its flags and mapping as free_pages_check does). */
void get_page(struct machine *m, u32 pfn);
void put_page(struct machine *m, u32 pfn);
/* The LRU adds are immediate: vmdb has no per-CPU pagevecs. */
void lru_cache_add_anon(struct machine *m, u32 pfn);	/* active anon */
void lru_cache_add_file(struct machine *m, u32 pfn);	/* inactive file */
void lru_cache_add_unevictable(struct machine *m, u32 pfn);
/* Onto list lru (LRU_INACTIVE_ANON ... LRU_UNEVICTABLE), its flags set
 * to match: putback_lru_page's way back for an isolated page. */
void lru_cache_add_lru(struct machine *m, u32 pfn, int lru);
void del_page_from_lru(struct machine *m, u32 pfn);
/* Moves an inactive LRU page to its active list (pgactivate). */
void activate_page(struct machine *m, u32 pfn);
void mark_page_accessed(struct machine *m, u32 pfn);
void set_page_dirty(struct machine *m, u32 pfn);
/* Which list a page belongs on, from its flags (page_lru). */
int page_lru(struct machine *m, u32 pfn);
/* The LRU lists: flags agree with the list, counters with the lengths,
 * every PG_lru page on exactly one list of its own zone. */
int check_lru(struct machine *m, struct out *o);

/* ---- program images ---------------------------------------------------- */

/* PT_LOAD segments of a file, and what the dynamic loader maps. */
struct exec_segment {
	u32 vaddr;		/* for an executable; offset 0 base for a lib */
	u32 offset;		/* file offset (offset % 4096 == vaddr % 4096) */
	u32 filesz;
	u32 memsz;		/* > filesz: bss */
	u32 prot;		/* PROT_READ|PROT_WRITE|PROT_EXEC */
};

#define EXEC_MAX_SEGS	4
#define EXEC_MAX_LIBS	4

/*
 * How ld.so maps a library (_dl_map_object_from_fd): one mapping of the
 * whole span (first segment's vaddr to the end of the last's memsz) from
 * file offset 0 with the first segment's protection, then each later
 * segment MAP_FIXED over it, the hole between them mprotected PROT_NONE
 * (the `---p` line of libc), the bss beyond the last file page anonymous.
 * After relocation _dl_protect_relro makes [PAGE_DOWN(relro_vaddr),
 * PAGE_DOWN(relro_vaddr + relro_memsz)) read-only (the `r--p` line);
 * relro_memsz 0 means no PT_GNU_RELRO.
 */
struct exec_image {
	const char *path;
	const char *interp;		/* "/lib/ld-2.11.1.so", or NULL (static) */
	const char *libs[EXEC_MAX_LIBS];	/* NULL-terminated */
	bool shared_object;		/* ET_DYN: a library, vaddrs from 0 */
	int nr_segs;
	struct exec_segment segs[EXEC_MAX_SEGS];
	u32 entry;
	u32 relro_vaddr, relro_memsz;	/* PT_GNU_RELRO */
};

/* The image for a program or library path, NULL if vmdb has none. */
const struct exec_image *exec_image_find(const char *path);
extern const struct exec_image exec_images[];	/* ends with path NULL */
/* The file's size: the end of the furthest segment's file bytes. */
u32 exec_image_size(const struct exec_image *e);
/* Writes the image's ELF header, program headers and interpreter string
 * into buf (at most len bytes); returns the bytes they take. */
u32 exec_image_header(const struct exec_image *e, u8 *buf, u32 len);

/* ---- the table ---------------------------------------------------------- */

int files_init(struct machine *m);		/* boot: the shipped files */
void files_free(struct machine *m);
void show_files(struct machine *m, struct out *o);
int check_files(struct machine *m, struct out *o);

#endif
