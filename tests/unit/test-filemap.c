/* tests/unit/test-filemap.c: simulated files and the page cache on booted
 * machines: the shipped program images and their ELF headers, file
 * creation and its refusals, filemap_fault's read-around window (centred,
 * clipped at 0 and at EOF, none with VM_RAND_READ, forward for sequential
 * faults, off after too many misses), minor and major faults, references,
 * the LRU lists and mark_page_accessed, put_page freeing, the counters
 * against meminfo, read(2)'s on-demand readahead, shmem objects, dirty
 * pages written back, truncation, and the checker catching damage. */
#include "config.h"

#include <errno.h>

#include "unit.h"
#include "vmdb/fs.h"
#include "vmdb/mman.h"
#include "vmdb/mmap.h"
#include "vmdb/sched.h"
#include "vmdb/vmstat.h"

static struct machine *
pc_1g(void)
{
	return unit_boot_preset("pc-1g", NULL, NULL);
}

static struct vfile *
create_ok(struct machine *m, const char *name, u32 size)
{
	struct vfile *f = NULL;
	int err = file_create(m, name, size, &f);

	if (err)
		fail_msg("file_create(%s, %u) = %d: %s", name, size, err,
			 m->why);
	return f;
}

/* One fault that must succeed; *major from VM_FAULT_MAJOR, which must
 * come with exactly one pgmajfault counted by filemap_fault itself (as
 * 2.6.32 counts it: the caller only charges the task). */
static u32
fault_ok(struct machine *m, struct vfile *f, u32 index, u32 vm_flags,
	 bool *major)
{
	unsigned long majflt = m->vm_events[PGMAJFAULT];
	u32 pfn = PFN_NONE;
	int ret = filemap_fault(m, f, index, vm_flags, &pfn);

	if (ret < 0)
		fail_msg("filemap_fault(%s, %u) = %d: %s", f->name, index, ret,
			 m->why);
	assert_int_equal(ret & ~VM_FAULT_MAJOR, 0);
	*major = ret & VM_FAULT_MAJOR;
	assert_int_equal(m->vm_events[PGMAJFAULT] - majflt, *major ? 1 : 0);
	return pfn;
}

static bool
cached(const struct vfile *f, u32 index)
{
	return index < f->cache_len && f->cache[index] != PFN_NONE;
}

static u32
le32(const u8 *p)
{
	return p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static u32
le16(const u8 *p)
{
	return p[0] | (u32)p[1] << 8;
}

/* A line of meminfo ("Cached:") in kB. */
static unsigned long
meminfo_kb(struct machine *m, const char *label)
{
	struct out o;
	const char *p;
	unsigned long v;

	out_init_buf(&o);
	show_meminfo(m, &o);
	p = strstr(o.sb.buf, label);
	if (!p)
		fail_msg("meminfo has no %s line", label);
	v = strtoul(p + strlen(label), NULL, 10);
	out_done(&o);
	return v;
}

/* ---- the shipped images ------------------------------------------------ */

/* Every image is a file whose first bytes are an ELF header whose
 * PT_LOAD program headers are the segment table. */
static void
test_images_have_consistent_elf_headers(void **state)
{
	struct machine *m = pc_1g();
	const struct exec_image *e;
	u8 hdr[PAGE_SIZE];
	int n = 0;

	for (e = exec_images; e->path; e++, n++) {
		struct vfile *f = file_lookup(m, e->path);
		u32 phnum, i, loads = 0;

		assert_non_null(f);
		assert_ptr_equal(f->exec, e);
		assert_ptr_equal(exec_image_find(e->path), e);
		assert_int_equal(f->size, exec_image_size(e));
		assert_int_equal(f->dev_major, 8);
		assert_int_equal(f->mapping, 0);	/* not read yet */
		file_read_disk(f, 0, hdr, sizeof(hdr));
		assert_memory_equal(hdr, "\177ELF\1\1\1", 7);
		assert_int_equal(le16(hdr + 16), e->shared_object ? 3 : 2);
		assert_int_equal(le16(hdr + 18), 3);		/* EM_386 */
		assert_int_equal(le32(hdr + 24), e->entry);
		assert_int_equal(le32(hdr + 28), 52);
		phnum = le16(hdr + 44);
		for (i = 0; i < phnum; i++) {
			const u8 *ph = hdr + 52 + 32 * i;
			const struct exec_segment *s = &e->segs[loads];

			if (le32(ph) == 3) {			/* PT_INTERP */
				assert_non_null(e->interp);
				assert_string_equal((const char *)hdr + le32(ph + 4),
						    e->interp);
			}
			if (le32(ph) != 1)
				continue;
			assert_true(loads < (u32)e->nr_segs);
			assert_int_equal(le32(ph + 4), s->offset);
			assert_int_equal(le32(ph + 8), s->vaddr);
			assert_int_equal(le32(ph + 16), s->filesz);
			assert_int_equal(le32(ph + 20), s->memsz);
			assert_int_equal(le32(ph + 24),
					 (s->prot & PROT_READ ? 4 : 0) |
					 (s->prot & PROT_WRITE ? 2 : 0) |
					 (s->prot & PROT_EXEC ? 1 : 0));
			loads++;
		}
		assert_int_equal(loads, e->nr_segs);
		/* the text maps the header; data and text agree mod a page */
		assert_int_equal(e->segs[0].offset, 0);
		assert_true(e->segs[0].prot & PROT_EXEC);
		assert_true(e->entry >= e->segs[0].vaddr + 52 &&
			    e->entry < e->segs[0].vaddr + e->segs[0].filesz);
		for (i = 0; i < (u32)e->nr_segs; i++) {
			const struct exec_segment *s = &e->segs[i];

			assert_int_equal(s->offset % PAGE_SIZE,
					 s->vaddr % PAGE_SIZE);
			assert_true(s->memsz >= s->filesz);
			if (i)
				assert_true(s->vaddr >= ALIGN(e->segs[i - 1].vaddr +
							      e->segs[i - 1].memsz,
							      PAGE_SIZE));
		}
		if (e->relro_memsz)	/* ends on a page: ld.so protects it */
			assert_int_equal((e->relro_vaddr + e->relro_memsz) %
					 PAGE_SIZE, 0);
		for (i = 0; e->libs[i]; i++)
			assert_non_null(file_lookup(m, e->libs[i]));
		if (e->interp)
			assert_non_null(file_lookup(m, e->interp));
	}
	assert_true(n >= 5);
	assert_null(exec_image_find("/bin/bash"));
	/* executables at 0x08048000, libraries from 0 */
	assert_int_equal(exec_image_find("/bin/sh")->segs[0].vaddr, 0x08048000);
	assert_null(exec_image_find("/bin/hello-static")->interp);
	assert_int_equal(exec_image_find("/lib/ld-2.11.1.so")->segs[0].vaddr, 0);
	unit_free(m);
}

/* ---- the file table ---------------------------------------------------- */

static void
test_file_create_and_refusals(void **state)
{
	struct machine *m = pc_1g(), *m2 = pc_1g();
	struct vfile *a, *b, *f;
	char longname[80];
	int nfiles = 0;

	a = create_ok(m, "/data.txt", 5000);
	b = create_ok(m, "/a/b", 0);
	assert_ptr_equal(file_lookup(m, "/data.txt"), a);
	assert_int_equal(b->ino, a->ino + 1);
	assert_int_not_equal(a->mapping, 0);
	assert_int_equal(vfile_pages(a), 2);
	assert_int_equal(vfile_pages(b), 0);
	/* the same names in the same order give the same inodes */
	assert_int_equal(create_ok(m2, "/data.txt", 1)->ino, a->ino);
	unit_free(m2);

	assert_int_equal(file_create(m, "data.txt", 1, NULL), -EINVAL);
	assert_int_equal(file_create(m, "/", 1, NULL), -EINVAL);
	assert_int_equal(file_create(m, "/dir/", 1, NULL), -EINVAL);
	assert_int_equal(file_create(m, "/a//b", 1, NULL), -EINVAL);
	assert_int_equal(file_create(m, "/a/../b", 1, NULL), -EINVAL);
	assert_int_equal(file_create(m, "/a b", 1, NULL), -EINVAL);
	memset(longname, 'x', sizeof(longname));
	longname[0] = '/';
	longname[64] = '\0';
	assert_int_equal(file_create(m, longname, 1, NULL), -EINVAL);
	assert_non_null(strstr(m->why, "63"));
	longname[63] = '\0';
	create_ok(m, longname, 1);
	assert_int_equal(file_create(m, "/big", VFILE_SIZE_MAX + 1, NULL),
			 -EFBIG);
	create_ok(m, "/big", VFILE_SIZE_MAX);
	assert_int_equal(file_create(m, "/data.txt", 1, NULL), -EEXIST);
	assert_int_equal(file_create(m, "/bin/sh", 1, NULL), -EEXIST);

	/* sorted by name */
	for (f = file_first(m); f && f->next; f = f->next, nfiles++)
		assert_true(strcmp(f->name, f->next->name) < 0);
	assert_true(nfiles >= 8);

	assert_int_equal(file_remove(m, "/nothing"), -ENOENT);
	assert_int_equal(file_remove(m, "/data.txt"), 0);
	assert_null(file_lookup(m, "/data.txt"));
	unit_free(m);
}

/* The text pattern of a plain file: 64-byte lines naming file and offset. */
static void
test_contents_on_disk_and_in_ram(void **state)
{
	struct machine *m = pc_1g();
	struct vfile *f = create_ok(m, "/data.txt", 3 * PAGE_SIZE + 100);
	char line[65];
	u8 disk[PAGE_SIZE];
	bool major;
	u32 pfn;

	file_read_disk(f, 64, (u8 *)line, 64);
	line[64] = '\0';
	assert_memory_equal(line, "/data.txt offset 0x00000040...", 30);
	assert_int_equal(line[63], '\n');
	assert_int_equal(file_byte(f, f->size), 0);	/* past EOF */
	pfn = fault_ok(m, f, 3, 0, &major);
	assert_true(major);
	file_read_disk(f, 3 * PAGE_SIZE, disk, PAGE_SIZE);
	assert_memory_equal(phys_to_host(m, PFN_PHYS(pfn)), disk, PAGE_SIZE);
	assert_int_equal(phys_to_host(m, PFN_PHYS(pfn))[100], 0);
	assert_int_equal(phys_to_host(m, PFN_PHYS(pfn))[99],
			 file_byte(f, 3 * PAGE_SIZE + 99));
	/* a program image's page holds the image's bytes */
	put_page(m, pfn);
	f = file_lookup(m, "/bin/cat");
	pfn = fault_ok(m, f, 0, 0, &major);
	assert_memory_equal(phys_to_host(m, PFN_PHYS(pfn)), "\177ELF", 4);
	assert_int_not_equal(f->mapping, 0);	/* read in on first use */
	put_page(m, pfn);
	unit_free(m);
}

/* ---- filemap_fault ---------------------------------------------------- */

static void
test_readaround_window(void **state)
{
	struct machine *m = pc_1g();
	struct vfile *f = create_ok(m, "/data", 256 * PAGE_SIZE);
	unsigned long in0 = m->vm_events[PGPGIN], fp0;
	bool major;
	u32 pfn, i, again;

	fp0 = (unsigned long)global_page_state(m, NR_FILE_PAGES);
	pfn = fault_ok(m, f, 100, 0, &major);
	assert_true(major);
	assert_int_equal(f->nrpages, 32);
	for (i = 0; i < 256; i++)
		assert_int_equal(cached(f, i), i >= 84 && i < 116);
	assert_int_equal(f->ra.start, 84);
	assert_int_equal(f->ra.nr_read, 32);
	assert_int_equal(m->vm_events[PGPGIN] - in0, 32 * 8);	/* sectors */
	assert_int_equal(global_page_state(m, NR_FILE_PAGES) - (long)fp0, 32);
	assert_int_equal(global_page_state(m, NR_INACTIVE_FILE), 32);
	/* the fault's reference and the cache's */
	assert_int_equal(m->mem_map[pfn]._count, 2);
	assert_int_equal(m->mem_map[f->cache[84]]._count, 1);
	assert_int_equal(m->mem_map[pfn].mapping, f->mapping);
	assert_int_equal(m->mem_map[pfn].index, 100);
	assert_true(page_test(&m->mem_map[pfn], PG_uptodate));
	assert_true(page_test(&m->mem_map[pfn], PG_lru));
	assert_false(page_test(&m->mem_map[pfn], PG_active));

	/* a hit: minor, nothing read, one more reference */
	again = fault_ok(m, f, 100, 0, &major);
	assert_false(major);
	assert_int_equal(again, pfn);
	assert_int_equal(m->mem_map[pfn]._count, 3);
	assert_int_equal(m->vm_events[PGPGIN] - in0, 32 * 8);
	put_page(m, pfn);
	put_page(m, pfn);
	assert_int_equal(m->mem_map[pfn]._count, 1);	/* stays cached */

	/* near the start: the window starts at 0, not at -11 */
	pfn = fault_ok(m, f, 5, 0, &major);
	assert_true(major);
	assert_int_equal(f->ra.start, 0);
	assert_int_equal(f->ra.nr_read, 32);
	put_page(m, pfn);
	pfn = fault_ok(m, f, 70, 0, &major);	/* window 54..85 */
	assert_int_equal(f->ra.start, 54);
	assert_int_equal(f->ra.nr_read, 30);	/* 84 and 85 were cached */
	put_page(m, pfn);
	unit_check(m);
	unit_free(m);
}

static void
test_window_clipped_at_eof_and_sigbus(void **state)
{
	struct machine *m = pc_1g();
	struct vfile *f = create_ok(m, "/short", 40 * PAGE_SIZE - 1);
	bool major;
	u32 pfn, i;

	pfn = fault_ok(m, f, 39, 0, &major);
	assert_true(major);
	for (i = 0; i < 40; i++)
		assert_int_equal(cached(f, i), i >= 23);
	assert_int_equal(f->nrpages, 17);
	put_page(m, pfn);
	assert_int_equal(filemap_fault(m, f, 40, 0, &pfn), -EFAULT);
	assert_non_null(strstr(m->why, "SIGBUS"));
	assert_int_equal(f->nrpages, 17);
	f = create_ok(m, "/empty", 0);
	assert_int_equal(filemap_fault(m, f, 0, 0, &pfn), -EFAULT);
	unit_free(m);
}

static void
test_rand_seq_and_lotsamiss(void **state)
{
	struct machine *m = pc_1g();
	struct vfile *f = create_ok(m, "/data", 512 * PAGE_SIZE);
	bool major;
	u32 pfn, i;

	/* MADV_RANDOM: the page alone, still a major fault */
	pfn = fault_ok(m, f, 200, VM_RAND_READ, &major);
	assert_true(major);
	assert_int_equal(f->nrpages, 1);
	put_page(m, pfn);
	/* the next page after the last fault: a forward window */
	pfn = fault_ok(m, f, 201, 0, &major);
	assert_true(major);
	for (i = 201; i < 233; i++)
		assert_true(cached(f, i));
	assert_false(cached(f, 233));
	assert_false(cached(f, 199));
	put_page(m, pfn);
	/* MADV_SEQUENTIAL: forward too */
	pfn = fault_ok(m, f, 300, VM_SEQ_READ, &major);
	assert_true(cached(f, 300) && cached(f, 331) && !cached(f, 299));
	put_page(m, pfn);
	/* misses far outnumber hits: read-around stops */
	f->ra.mmap_miss = MMAP_LOTSAMISS;
	pfn = fault_ok(m, f, 400, 0, &major);
	assert_true(major);
	assert_true(cached(f, 400) && !cached(f, 399) && !cached(f, 401));
	assert_int_equal(f->ra.mmap_miss, MMAP_LOTSAMISS + 1);
	/* and hits bring it back down */
	put_page(m, fault_ok(m, f, 400, 0, &major));
	assert_false(major);
	assert_int_equal(f->ra.mmap_miss, MMAP_LOTSAMISS);
	put_page(m, pfn);
	unit_free(m);
}

/* ---- references and the LRU -------------------------------------------- */

static void
test_mark_page_accessed_activates(void **state)
{
	struct machine *m = pc_1g();
	struct vfile *f = create_ok(m, "/data", PAGE_SIZE);
	unsigned long act0 = m->vm_events[PGACTIVATE];
	struct page *p;
	bool major;
	u32 pfn;

	pfn = fault_ok(m, f, 0, 0, &major);
	p = &m->mem_map[pfn];
	assert_int_equal(page_lru(m, pfn), LRU_INACTIVE_FILE);
	mark_page_accessed(m, pfn);
	assert_true(page_test(p, PG_referenced));
	assert_false(page_test(p, PG_active));
	mark_page_accessed(m, pfn);
	assert_false(page_test(p, PG_referenced));
	assert_true(page_test(p, PG_active));
	assert_int_equal(page_lru(m, pfn), LRU_ACTIVE_FILE);
	assert_int_equal(m->vm_events[PGACTIVATE] - act0, 1);
	assert_int_equal(global_page_state(m, NR_ACTIVE_FILE), 1);
	assert_int_equal(global_page_state(m, NR_INACTIVE_FILE), 0);
	assert_int_equal(plink(m, page_zone(m, p)->lru[LRU_ACTIVE_FILE])->next,
			 pfn);
	mark_page_accessed(m, pfn);
	assert_true(page_test(p, PG_referenced) && page_test(p, PG_active));
	assert_int_equal(m->vm_events[PGACTIVATE] - act0, 1);
	assert_int_equal(meminfo_kb(m, "Active(file):"), 4);
	unit_check(m);
	put_page(m, pfn);
	unit_free(m);
}

static void
test_put_page_frees_and_leaves_lru(void **state)
{
	struct machine *m = pc_1g();
	unsigned long free0;
	long pfn;

	free0 = nr_free_pages(m) + unit_pcp_pages(m, NULL);
	pfn = alloc_pages(m, GFP_HIGHUSER_MOVABLE, 0);
	assert_true(pfn >= 0);
	lru_cache_add_anon(m, (u32)pfn);
	assert_int_equal(page_lru(m, (u32)pfn), LRU_ACTIVE_ANON);
	assert_int_equal(global_page_state(m, NR_ACTIVE_ANON), 1);
	assert_int_equal(meminfo_kb(m, "Active(anon):"), 4);
	get_page(m, (u32)pfn);
	put_page(m, (u32)pfn);
	assert_int_equal(global_page_state(m, NR_ACTIVE_ANON), 1);
	unit_check(m);
	put_page(m, (u32)pfn);
	assert_int_equal(m->mem_map[pfn]._count, 0);
	assert_false(page_test(&m->mem_map[pfn], PG_lru));
	assert_false(page_test(&m->mem_map[pfn], PG_swapbacked));
	assert_int_equal(global_page_state(m, NR_ACTIVE_ANON), 0);
	assert_int_equal(nr_free_pages(m) + unit_pcp_pages(m, NULL), free0);

	/* unevictable, and del_page_from_lru */
	pfn = alloc_pages(m, GFP_HIGHUSER_MOVABLE, 0);
	lru_cache_add_unevictable(m, (u32)pfn);
	assert_int_equal(meminfo_kb(m, "Unevictable:"), 4);
	unit_check(m);
	del_page_from_lru(m, (u32)pfn);
	assert_int_equal(global_page_state(m, NR_UNEVICTABLE), 0);
	put_page(m, (u32)pfn);
	unit_free(m);
}

/* Cached, Active/Inactive(file) and vmstat come from the counters. */
static void
test_counters_match_meminfo(void **state)
{
	struct machine *m = pc_1g();
	struct vfile *f = create_ok(m, "/data", 64 * PAGE_SIZE);
	struct out o;
	bool major;
	u32 pfn;

	pfn = fault_ok(m, f, 0, 0, &major);
	mark_page_accessed(m, pfn);
	mark_page_accessed(m, pfn);
	assert_int_equal(meminfo_kb(m, "Cached:"), 32 * 4);
	assert_int_equal(meminfo_kb(m, "Active(file):"), 4);
	assert_int_equal(meminfo_kb(m, "Inactive(file):"), 31 * 4);
	assert_int_equal(meminfo_kb(m, "Inactive:"), 31 * 4);
	assert_int_equal(meminfo_kb(m, "Dirty:"), 0);
	set_page_dirty(m, pfn);
	set_page_dirty(m, pfn);
	assert_int_equal(meminfo_kb(m, "Dirty:"), 4);
	out_init_buf(&o);
	show_vmstat(m, &o);
	assert_non_null(strstr(o.sb.buf, "\nnr_file_pages 32\n"));
	assert_non_null(strstr(o.sb.buf, "\nnr_dirty 1\n"));
	assert_non_null(strstr(o.sb.buf, "\npgpgin 128\n"));	/* KiB */
	assert_non_null(strstr(o.sb.buf, "\npgactivate 1\n"));
	out_done(&o);
	unit_check(m);
	put_page(m, pfn);
	unit_free(m);
}

/* ---- read(2) -------------------------------------------------------- */

static void
test_generic_read_ondemand(void **state)
{
	struct machine *m = pc_1g();
	struct vfile *f = create_ok(m, "/data", 100 * PAGE_SIZE);
	struct file_read_info ri;
	u8 buf[3 * PAGE_SIZE], disk[3 * PAGE_SIZE];
	long n;

	/* one page from 0: initial window 4 (1 rounded, x4) */
	n = do_generic_file_read(m, f, 10, 100, buf, &ri);
	assert_int_equal(n, 100);
	file_read_disk(f, 10, disk, 100);
	assert_memory_equal(buf, disk, 100);
	assert_int_equal(ri.misses, 1);
	assert_int_equal(ri.pages_read, 4);
	assert_int_equal(f->nrpages, 4);
	assert_true(page_test(&m->mem_map[f->cache[0]], PG_referenced));
	assert_int_equal(m->mem_map[f->cache[0]]._count, 1);
	/* pages 1-3 hit; page 4 starts where the window ended: the next
	 * window is twice as big (x4 only below ra_pages/16 = 2) */
	n = do_generic_file_read(m, f, PAGE_SIZE, 3 * PAGE_SIZE, buf, &ri);
	assert_int_equal(n, 3 * PAGE_SIZE);
	assert_int_equal(ri.hits, 3);
	n = do_generic_file_read(m, f, 4 * PAGE_SIZE, 10, buf, &ri);
	assert_int_equal(ri.misses, 1);
	assert_int_equal(ri.ra_start, 4);
	assert_int_equal(ri.ra_size, 8);
	assert_int_equal(f->nrpages, 12);
	/* far away: a random read of just the request */
	n = do_generic_file_read(m, f, 60 * PAGE_SIZE, 2 * PAGE_SIZE, buf, &ri);
	assert_int_equal(ri.pages_read, 2);
	assert_int_equal(f->nrpages, 14);
	/* clipped at EOF; past EOF reads nothing */
	n = do_generic_file_read(m, f, f->size - 5, 100, buf, &ri);
	assert_int_equal(n, 5);
	assert_int_equal(do_generic_file_read(m, f, f->size, 1, buf, &ri), 0);
	/* a second read of the same spot activates the page */
	do_generic_file_read(m, f, 0, 1, buf, &ri);
	assert_true(page_test(&m->mem_map[f->cache[0]], PG_active));
	unit_free(m);
}

/* ---- shmem ------------------------------------------------------------ */

static void
test_shmem_pages_are_swap_backed(void **state)
{
	struct machine *m = pc_1g();
	struct vfile *s = shmem_file_setup(m, 3 * PAGE_SIZE);
	unsigned long free0 = nr_free_pages(m) + unit_pcp_pages(m, NULL);
	unsigned long in0 = m->vm_events[PGPGIN];
	bool major = true;
	u32 pfn, i;

	assert_non_null(s);
	assert_true(s->shmem && s->deleted);
	assert_string_equal(s->name, "/dev/zero");
	assert_int_equal(s->dev_major, 0);
	assert_int_equal(s->dev_minor, 4);
	assert_null(file_lookup(m, "/dev/zero"));
	assert_ptr_equal(file_by_mapping(m, s->mapping), s);
	pfn = fault_ok(m, s, 1, 0, &major);
	assert_false(major);
	assert_int_equal(s->nrpages, 1);	/* no read-around */
	assert_int_equal(m->vm_events[PGPGIN], in0);
	for (i = 0; i < PAGE_SIZE; i++)
		assert_int_equal(phys_to_host(m, PFN_PHYS(pfn))[i], 0);
	assert_true(page_test(&m->mem_map[pfn], PG_swapbacked));
	assert_int_equal(page_lru(m, pfn), LRU_ACTIVE_ANON);
	assert_int_equal(meminfo_kb(m, "Shmem:"), 4);
	assert_int_equal(meminfo_kb(m, "Cached:"), 4);
	assert_int_equal(meminfo_kb(m, "Active(anon):"), 4);
	set_page_dirty(m, pfn);		/* no dirty accounting for shmem */
	assert_int_equal(meminfo_kb(m, "Dirty:"), 0);
	assert_int_equal(write_one_page(m, pfn), -EINVAL);
	unit_check(m);
	put_page(m, pfn);
	file_put(m, s);			/* the last reference: gone */
	assert_int_equal(meminfo_kb(m, "Shmem:"), 0);
	assert_int_equal(global_page_state(m, NR_FILE_PAGES), 0);
	unit_check(m);
	assert_int_equal(nr_free_pages(m) + unit_pcp_pages(m, NULL), free0);
	unit_free(m);
}

/* ---- dirty pages, writeback, truncation ---------------------------------- */

static void
test_written_back_page_survives_eviction(void **state)
{
	struct machine *m = pc_1g();
	struct vfile *f = create_ok(m, "/data", 2 * PAGE_SIZE);
	unsigned long out0 = m->vm_events[PGPGOUT];
	bool major;
	u32 pfn;

	pfn = fault_ok(m, f, 1, VM_RAND_READ, &major);
	memcpy(phys_to_host(m, PFN_PHYS(pfn)) + 8, "written", 7);
	set_page_dirty(m, pfn);
	assert_int_equal(global_page_state(m, NR_FILE_DIRTY), 1);
	put_page(m, pfn);
	/* drop_caches keeps a dirty page */
	assert_int_equal(invalidate_mapping_pages(m, f), 0);
	assert_int_equal(write_one_page(m, pfn), 0);
	assert_int_equal(write_one_page(m, pfn), -EINVAL);	/* clean now */
	assert_int_equal(global_page_state(m, NR_FILE_DIRTY), 0);
	assert_int_equal(m->vm_events[PGPGOUT] - out0, 8);
	assert_int_equal(invalidate_mapping_pages(m, f), 1);
	assert_int_equal(f->nrpages, 0);
	pfn = fault_ok(m, f, 1, VM_RAND_READ, &major);
	assert_true(major);
	assert_memory_equal(phys_to_host(m, PFN_PHYS(pfn)) + 8, "written", 7);
	assert_int_equal(file_byte(f, PAGE_SIZE + 8), 'w');
	put_page(m, pfn);
	unit_free(m);
}

static void
test_truncate_and_remove(void **state)
{
	struct machine *m = pc_1g();
	struct vfile *f = create_ok(m, "/data", 8 * PAGE_SIZE);
	unsigned long free0 = nr_free_pages(m) + unit_pcp_pages(m, NULL);
	bool major;
	u32 pfn;

	pfn = fault_ok(m, f, 3, 0, &major);
	assert_int_equal(f->nrpages, 8);
	set_page_dirty(m, f->cache[5]);
	/* a page with a user stays; the file cannot go */
	assert_int_equal(file_remove(m, "/data"), -EBUSY);
	assert_non_null(strstr(m->why, "users"));
	assert_int_equal(f->nrpages, 8);
	file_get(f);			/* as a VMA would */
	put_page(m, pfn);
	assert_int_equal(file_remove(m, "/data"), -EBUSY);
	assert_non_null(strstr(m->why, "mapped"));
	file_put(m, f);
	assert_int_equal(truncate_inode_pages(m, f), 8);	/* dirty too */
	assert_int_equal(global_page_state(m, NR_FILE_DIRTY), 0);
	assert_int_equal(global_page_state(m, NR_INACTIVE_FILE), 0);
	assert_int_equal(nr_free_pages(m) + unit_pcp_pages(m, NULL), free0);
	fault_ok(m, f, 0, 0, &major);
	put_page(m, f->cache[0]);
	assert_int_equal(file_remove(m, "/data"), 0);
	assert_int_equal(global_page_state(m, NR_FILE_PAGES), 0);
	assert_int_equal(nr_free_pages(m) + unit_pcp_pages(m, NULL), free0);
	unit_free(m);
}

/* ---- the checker -------------------------------------------------------- */

static int
check_count(struct machine *m, const char *expect)
{
	struct out o;
	int n;

	out_init_buf(&o);
	n = check_machine(m, &o);
	if (expect && (!o.sb.buf || !strstr(o.sb.buf, expect)))
		fail_msg("checker output lacks '%s':\n%s", expect,
			 o.sb.buf ? o.sb.buf : "");
	out_done(&o);
	return n;
}

static void
test_checker_catches_damage(void **state)
{
	struct machine *m = pc_1g();
	struct vfile *f = create_ok(m, "/data", 4 * PAGE_SIZE);
	struct zone *z;
	bool major;
	u32 pfn;

	pfn = fault_ok(m, f, 0, 0, &major);
	put_page(m, pfn);
	z = page_zone(m, &m->mem_map[pfn]);
	assert_int_equal(check_count(m, NULL), 0);

	z->vm_stat[NR_FILE_PAGES]++;
	assert_true(check_count(m, "NR_FILE_PAGES") > 0);
	z->vm_stat[NR_FILE_PAGES]--;

	z->vm_stat[NR_INACTIVE_FILE]--;
	assert_true(check_count(m, "nr_inactive_file is") > 0);
	z->vm_stat[NR_INACTIVE_FILE]++;

	page_set(&m->mem_map[pfn], PG_active);
	assert_true(check_count(m, "has the flags of active_file") > 0);
	page_clear(&m->mem_map[pfn], PG_active);

	m->mem_map[pfn].index = 7;
	assert_true(check_count(m, "index 7") > 0);
	m->mem_map[pfn].index = 0;

	f->nrpages++;
	assert_true(check_count(m, "nrpages") > 0);
	f->nrpages--;

	page_set(&m->mem_map[pfn], PG_dirty);
	assert_true(check_count(m, "NR_FILE_DIRTY") > 0);
	page_clear(&m->mem_map[pfn], PG_dirty);
	assert_int_equal(check_count(m, NULL), 0);
	unit_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_images_have_consistent_elf_headers),
		UNIT_TEST(test_file_create_and_refusals),
		UNIT_TEST(test_contents_on_disk_and_in_ram),
		UNIT_TEST(test_readaround_window),
		UNIT_TEST(test_window_clipped_at_eof_and_sigbus),
		UNIT_TEST(test_rand_seq_and_lotsamiss),
		UNIT_TEST(test_mark_page_accessed_activates),
		UNIT_TEST(test_put_page_frees_and_leaves_lru),
		UNIT_TEST(test_counters_match_meminfo),
		UNIT_TEST(test_generic_read_ondemand),
		UNIT_TEST(test_shmem_pages_are_swap_backed),
		UNIT_TEST(test_written_back_page_survives_eviction),
		UNIT_TEST(test_truncate_and_remove),
		UNIT_TEST(test_checker_catches_damage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
