/* vmdb/fs.h: simulated files, their page cache, the LRU lists and page
 * references (mm/filemap.c, mm/swap.c, include/linux/pagemap.h), and the
 * program images `spawn` execs.
 *
 * A simulated file has a name, a size, an inode number and deterministic
 * contents ("on disk": a program image's bytes, or a pattern derived from
 * the name and offset).  Its pages come into the page cache on demand:
 * filemap_fault finds the page (minor) or allocates one, reads the bytes
 * in and adds it to the cache and the inactive file LRU (major).  The
 * page cache keeps one reference per cached page; pages stay cached after
 * every mapping is gone, as in Linux.
 */
#ifndef VMDB_FS_H
#define VMDB_FS_H

#include "vmdb/types.h"

struct machine;
struct out;

#define VFILE_NAME_MAX	64

struct vfile {
	char name[VFILE_NAME_MAX];	/* absolute path, e.g. "/bin/sh" */
	u32 size;			/* bytes */
	u32 ino;			/* inode number shown in maps */
	u8 dev_major, dev_minor;	/* 08:01 for the disk, 00:04 for shmem */
	bool readonly;			/* opened O_RDONLY: no shared writes */
	bool shmem;			/* anonymous shared memory (/dev/zero) */
	bool deleted;			/* maps shows " (deleted)" */
	u32 mapping;			/* page->mapping of its cached pages */
	int i_mmap_writable;		/* VM_SHARED mappings */
	int refs;			/* VMAs using it + the file table */
	const u8 *image;		/* program image bytes, or NULL */
	u32 *cache;			/* pfn per page index, PFN_NONE if absent */
	u32 cache_len;			/* entries in cache[] */
	unsigned long nrpages;		/* pages in the page cache */
	struct vfile *next;
};

/* The file table (machine->files); files are made at boot (the shipped
 * program images) and by `file create`. */
struct vfile *file_lookup(struct machine *m, const char *name);
int file_create(struct machine *m, const char *name, u32 size,
		struct vfile **out);
/* A new /dev/zero (deleted) object for an anonymous MAP_SHARED mapping. */
struct vfile *shmem_file_setup(struct machine *m, u32 size);
void file_get(struct vfile *f);
void file_put(struct machine *m, struct vfile *f);	/* frees shmem at 0 */
struct vfile *file_by_mapping(struct machine *m, u32 mapping);
struct vfile *file_first(struct machine *m);		/* then f->next */

/* The byte at offset off of the file's contents on "disk". */
u8 file_byte(const struct vfile *f, u32 off);

/* Page cache.  find_get_page: the cached pfn with a reference taken, or
 * PFN_NONE.  filemap_fault: the page for index, read in on a miss
 * (*major set), a reference taken; -EFAULT past EOF (SIGBUS), -ENOMEM. */
u32 find_get_page(struct machine *m, struct vfile *f, u32 index);
int filemap_fault(struct machine *m, struct vfile *f, u32 index, u32 *pfn,
		  bool *major);
/* Drops every cached page nobody else references (on `file rm` / exit
 * of a shmem object). */
void truncate_inode_pages(struct machine *m, struct vfile *f);

/* Page references and the LRU (mm/swap.c).  put_page frees the page at
 * _count 0 (removing it from its LRU list first). */
void get_page(struct machine *m, u32 pfn);
void put_page(struct machine *m, u32 pfn);
void lru_cache_add_anon(struct machine *m, u32 pfn);	/* active anon */
void lru_cache_add_file(struct machine *m, u32 pfn);	/* inactive file */
void lru_cache_add_unevictable(struct machine *m, u32 pfn);
void del_page_from_lru(struct machine *m, u32 pfn);
void mark_page_accessed(struct machine *m, u32 pfn);
void set_page_dirty(struct machine *m, u32 pfn);

/* Program images (ELF-like): PT_LOAD segments of a file, and what the
 * dynamic loader maps. */
struct exec_segment {
	u32 vaddr;		/* for an executable; offset 0 base for a lib */
	u32 offset;		/* file offset */
	u32 filesz;
	u32 memsz;		/* > filesz: bss */
	u32 prot;		/* PROT_READ|PROT_WRITE|PROT_EXEC */
};

#define EXEC_MAX_SEGS	4
#define EXEC_MAX_LIBS	4

struct exec_image {
	const char *path;
	const char *interp;		/* "/lib/ld-2.11.1.so", or NULL (static) */
	const char *libs[EXEC_MAX_LIBS];	/* NULL-terminated */
	int nr_segs;
	struct exec_segment segs[EXEC_MAX_SEGS];
	u32 entry;
};

/* The image for a program or library path, NULL if vmdb has none. */
const struct exec_image *exec_image_find(const char *path);
extern const struct exec_image exec_images[];	/* ends with path NULL */

int files_init(struct machine *m);		/* boot: the shipped files */
void files_free(struct machine *m);
void show_files(struct machine *m, struct out *o);
int check_files(struct machine *m, struct out *o);

#endif
