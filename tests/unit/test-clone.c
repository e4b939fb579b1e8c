/* tests/unit/test-clone.c: machine_clone and machine images (vmdb/clone.h).
 * A machine built up by commands (processes, fork and COW, file and
 * shared mappings, slab caches, vmalloc, kmap and kmap_atomic of HighMem
 * pages, mprotect, munmap, mremap, mlock, exits, two CPUs) is cloned
 * after every command: the clone's digest is the original's, a clone of
 * the clone's too, and the clone passes every invariant checker.  Then the
 * rest of the commands run on the original and on a clone side by side
 * and leave them equal.  A full pkmap with a sleeper, pages written back
 * to a file's disk, and images (frozen copies sharing pages with the one
 * before) thawed in any order after others are freed, give back the
 * machine they were taken of.  Run under ASan, nothing leaks. */
#include "config.h"

#include "unit.h"

#include "cmd.h"
#include "vmdb/clone.h"
#include "vmdb/digest.h"
#include "vmdb/fs.h"

/* ---- sessions ------------------------------------------------------------ */

static struct vmdb *
session_new(void)
{
	struct vmdb *v = xmalloc(sizeof(*v));

	vmdb_init(v);
	out_init_buf(&v->out);
	out_init_buf(&v->err);
	return v;
}

/* A session running a machine of its own (a clone), with no journal. */
static struct vmdb *
session_of(struct machine *m)
{
	struct vmdb *v = session_new();

	v->m = m;
	return v;
}

static void
session_free(struct vmdb *v)
{
	vmdb_done(v);
	free(v);
}

/* Runs line, which must succeed (or fail, when it is expected to). */
static void
run_expect(struct vmdb *v, const char *line, bool ok)
{
	int rc = cmd_run_line(v, line);

	if ((rc == 0) != ok)
		fail_msg("'%s' %s: %s", line, ok ? "failed" : "succeeded",
			 v->err.sb.buf ? v->err.sb.buf : "");
	sb_reset(&v->out.sb);
	sb_reset(&v->err.sb);
}

static void
run(struct vmdb *v, const char *line)
{
	run_expect(v, line, true);
}

/* Fails, naming the parts of the digest that differ, unless a and b are
 * the same machine. */
static void
assert_same(struct machine *a, struct machine *b, const char *when)
{
	u64 pa[NR_DIGEST_PARTS], pb[NR_DIGEST_PARTS];
	char parts[256] = "";
	int i;

	if (machine_digest(a, pa) == machine_digest(b, pb))
		return;
	for (i = 0; i < NR_DIGEST_PARTS; i++)
		if (pa[i] != pb[i])
			snprintf(parts + strlen(parts),
				 sizeof(parts) - strlen(parts), " %s",
				 digest_part_names[i]);
	fail_msg("%s: the digests differ in:%s", when, parts);
}

/* A clone, and a clone of it, are m; both pass the checkers. */
static void
assert_clones(struct machine *m, const char *when)
{
	struct machine *c = machine_clone(m), *cc;

	assert_same(m, c, when);
	cc = machine_clone(c);
	assert_same(m, cc, when);
	unit_check(c);
	machine_free(c);
	unit_check(cc);
	machine_free(cc);
}

/* ---- what the machines go through ---------------------------------------- */

static const char *const build[] = {
	"boot --cpus 2",
	"spawn /bin/sh",
	"mmap 0x40000000 64K rw PRIVATE|ANONYMOUS|FIXED",
	"touch 0x40000000 w --len 32K",
	"write --string 0x40001000 parent data",
	"file create /data.txt 1M",
	"mmap 0x50000000 256K r PRIVATE /data.txt 0",
	"touch 0x50000000 r --len 64K",
	"mmap 0x60000000 64K rw SHARED /data.txt 0",
	"touch 0x60000000 w",
	"mmap 0x70000000 32K rw SHARED|ANONYMOUS",
	"touch 0x70000000 w --len 8K",
	"fork",
	"switch 2",
	"touch 0x40000000 w",
	"touch 0x40002000 w",
	"fork",
	"switch 3 --cpu 1",
	NULL
};

static const char *const more[] = {
	"exit 3",
	"kmalloc 100",
	"kmem_cache_create my_obj 900 --hwcache",
	"kmem_cache_alloc my_obj",
	"vmalloc 64K",
	"alloc_pages 0 GFP_HIGHUSER",
	"kmap 0x3f800",
	"kmap_atomic 0x3f801 KM_USER0",
	"mprotect 0x40004000 8K r",
	"munmap 0x40008000 4K",
	"mremap 0x4000a000 24K 64K --maymove",
	"mlock 0x70000000 8K",
	"touch 0x40003000 w",
	"spawn /bin/cat",
	"exit 1",
	"switch 2",
	"kmem_cache_create short_lived 32",
	"kmem_cache_destroy short_lived",
	"vmalloc 1M",
	"touch 0x50010000 r --len 16K",
	NULL
};

static void
test_clone_every_step(void **state)
{
	struct vmdb *a = session_new(), *b;
	int i;

	(void)state;
	for (i = 0; build[i]; i++) {
		run(a, build[i]);
		assert_clones(a->m, build[i]);
	}
	/* The rest on the original and on a clone, side by side. */
	b = session_of(machine_clone(a->m));
	for (i = 0; more[i]; i++) {
		run(a, more[i]);
		run(b, more[i]);
		assert_same(a->m, b->m, more[i]);
		assert_clones(a->m, more[i]);
	}
	unit_check(b->m);
	session_free(b);
	session_free(a);
}

/* Every pkmap slot taken, then a kmap that would sleep: the sleeper
 * queue is cloned; the clone and the original wake it the same way. */
static void
test_clone_pkmap_sleepers(void **state)
{
	struct vmdb *a = session_new(), *b;
	char line[64];
	int i;

	(void)state;
	run(a, "boot");
	for (i = 0; i < 1022; i++) {
		snprintf(line, sizeof(line), "kmap 0x%x", 0x38000 + i);
		run(a, line);
	}
	run(a, "kmap 0x3f800");
	run(a, "kmap 0x38400");
	run_expect(a, "kmap 0x38401", false);
	assert_clones(a->m, "a kmap sleeping");
	b = session_of(machine_clone(a->m));
	run(a, "kunmap 0x38010");
	run(b, "kunmap 0x38010");
	assert_same(a->m, b->m, "kunmap waking the sleeper");
	session_free(b);
	session_free(a);
}

/* A dirty page of a shared file mapping written back: the file's disk
 * holds its bytes now, and so does the clone's. */
static void
test_clone_written_back(void **state)
{
	struct vmdb *a = session_new();
	struct vfile *f;
	u32 idx, pfn;
	int n = 0;

	(void)state;
	run(a, "boot");
	run(a, "spawn /bin/sh");
	run(a, "file create /data.txt 64K");
	run(a, "mmap 0x60000000 64K rw SHARED /data.txt 0");
	run(a, "write --string 0x60002000 written back");
	f = file_lookup(a->m, "/data.txt");
	assert_non_null(f);
	vfile_for_each_page(f, idx, pfn)
		if (page_test(&a->m->mem_map[pfn], PG_dirty)) {
			assert_int_equal(write_one_page(a->m, pfn), 0);
			n++;
		}
	assert_int_equal(n, 1);
	assert_clones(a->m, "a page written back");
	session_free(a);
}

/* Images: each thaws to the machine it was taken of, whichever others
 * were freed first; a later image adds only what changed. */
static void
test_images(void **state)
{
	struct vmdb *a = session_new(), *b;
	struct machine_image *img[3];
	struct machine *at[3], *m;
	int i, k = 0;

	(void)state;
	for (i = 0; build[i]; i++)
		run(a, build[i]);
	img[0] = machine_image_take(a->m, NULL);
	at[0] = machine_clone(a->m);
	for (i = 0; more[i]; i++) {
		run(a, more[i]);
		if (i == 5 || i == 12) {
			k++;
			img[k] = machine_image_take(a->m, img[k - 1]);
			at[k] = machine_clone(a->m);
		}
	}
	assert_true(machine_image_own_bytes(img[1]) <
		    machine_image_own_bytes(img[0]));
	for (i = 0; i < 3; i++) {
		m = machine_image_thaw(img[i]);
		assert_same(at[i], m, "an image thawed");
		unit_check(m);
		machine_free(m);
	}
	machine_image_free(img[1]);
	for (i = 0; i < 3; i += 2) {
		m = machine_image_thaw(img[i]);
		assert_same(at[i], m, "thawed, its neighbour freed");
		machine_free(m);
	}
	/* A thawed machine runs on as the original does. */
	img[1] = machine_image_take(a->m, img[2]);
	b = session_of(machine_image_thaw(img[1]));
	run(a, "touch 0x40005000 r");
	run(b, "touch 0x40005000 r");
	assert_same(a->m, b->m, "a thawed machine run on");
	session_free(b);
	for (i = 0; i < 3; i++)
		machine_image_free(img[i]);
	machine_free(at[0]);
	machine_free(at[1]);
	machine_free(at[2]);
	session_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_clone_every_step),
		UNIT_TEST(test_clone_pkmap_sleepers),
		UNIT_TEST(test_clone_written_back),
		UNIT_TEST(test_images),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
