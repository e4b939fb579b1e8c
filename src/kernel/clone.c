/* kernel/clone.c: copying a machine (vmdb/clone.h): the pointer map the
 * subsystems' clone functions translate through, the machine's own
 * arrays, the order the subsystems are copied in, and frozen images.
 * Nothing here is in the kernel: it is how vmdb keeps checkpoints. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mm/slab_impl.h"
#include "mm/vmalloc_impl.h"
#include "vmdb/clone.h"
#include "vmdb/fs.h"
#include "vmdb/highmem.h"
#include "vmdb/machine.h"
#include "vmdb/sched.h"
#include "vmdb/util.h"

/*
 * A field added to one of these structs holds state that a clone must
 * copy: if it is a pointer, machine_clone (or the struct's subsystem
 * clone function) has to be taught it.  These sizes stop the build until
 * someone has looked (LP64 hosts only; the sizes are those of x86-64).
 */
#if defined(__x86_64__) && defined(__LP64__)
#define CLONE_KNOWS(type, size)						\
	_Static_assert(sizeof(type) == (size), "a field was added to " \
		       #type ": make machine_clone copy it, then update " \
		       "this size (src/kernel/clone.c)")
CLONE_KNOWS(struct machine, 16080);
CLONE_KNOWS(struct zone, 760);
CLONE_KNOWS(struct cpu, 128);
CLONE_KNOWS(struct kmap_state, 17568);
CLONE_KNOWS(struct task_struct, 232);
CLONE_KNOWS(struct mm_struct, 240);
CLONE_KNOWS(struct vm_area_struct, 96);
CLONE_KNOWS(struct anon_vma, 12);
CLONE_KNOWS(struct sched_state, 208);
CLONE_KNOWS(struct vfile, 208);
CLONE_KNOWS(struct slab_state, 520);
CLONE_KNOWS(struct kmem_cache, 112);
CLONE_KNOWS(struct vmalloc_state, 128);
CLONE_KNOWS(struct vmap_area, 24);
CLONE_KNOWS(struct vm_struct, 64);
#endif

/* ---- the pointer map ----------------------------------------------------- */

/* Open addressing on the old pointer; a host address only decides where
 * an entry sits in this table, never an order anyone sees. */
struct clone_ctx {
	const void **old;
	void **new;
	size_t n, cap;		/* cap a power of two, n <= cap / 2 */
};

static size_t
slot(const struct clone_ctx *cc, const void *p)
{
	return (size_t)(((uintptr_t)p >> 3) * 0x9e3779b97f4a7c15ull) &
	       (cc->cap - 1);
}

static void
map_grow(struct clone_ctx *cc)
{
	struct clone_ctx big = { NULL, NULL, 0, cc->cap ? 2 * cc->cap : 256 };
	size_t i;

	big.old = xcalloc(big.cap, sizeof(*big.old));
	big.new = xcalloc(big.cap, sizeof(*big.new));
	for (i = 0; i < cc->cap; i++)
		if (cc->old[i])
			clone_map_add(&big, cc->old[i], cc->new[i]);
	free(cc->old);
	free(cc->new);
	*cc = big;
}

void
clone_map_add(struct clone_ctx *cc, const void *old, void *new)
{
	size_t i;

	if (old == NULL)
		return;
	if (2 * (cc->n + 1) > cc->cap)
		map_grow(cc);
	for (i = slot(cc, old); cc->old[i]; i = (i + 1) & (cc->cap - 1))
		if (cc->old[i] == old)
			fatal("clone: an object copied twice (a bug in vmdb)");
	cc->old[i] = old;
	cc->new[i] = new;
	cc->n++;
}

void *
clone_map_find(struct clone_ctx *cc, const void *old)
{
	size_t i;

	if (old == NULL || cc->cap == 0)
		return NULL;
	for (i = slot(cc, old); cc->old[i]; i = (i + 1) & (cc->cap - 1))
		if (cc->old[i] == old)
			return cc->new[i];
	return NULL;
}

void *
clone_map(struct clone_ctx *cc, const void *old)
{
	void *new = clone_map_find(cc, old);

	if (old && !new)
		fatal("clone: a pointer to an object that was not copied (a bug in vmdb)");
	return new;
}

/* ---- the machine --------------------------------------------------------- */

/* The machine's own host arrays: the bootmem bitmap, each zone's
 * pageblock types and the pfn-list heads. */
static void
clone_arrays(struct machine *new, const struct machine *old)
{
	int i;

	new->bdata.map = xmemdup(old->bdata.map, old->bdata.map_bytes);
	for (i = 0; i < MAX_NR_ZONES; i++)
		new->zones[i].pageblock_mt =
			xmemdup(old->zones[i].pageblock_mt,
				old->zones[i].nr_pageblocks);
	new->heads = xmemdup(old->heads, old->heads_cap * sizeof(*new->heads));
}

/* Everything but simulated RAM (and its zero-line mask), mem_map and
 * alloc_order (NULL). */
static struct machine *
clone_host(const struct machine *old)
{
	struct machine *new = xmemdup(old, sizeof(*old));
	struct clone_ctx cc = { NULL, NULL, 0, 0 };

	new->ram = NULL;
	new->ram_zero = NULL;
	new->mem_map = NULL;
	new->alloc_order = NULL;
	clone_arrays(new, old);
	printk_clone(new, old);
	kmap_state_clone(new, old);
	slab_clone_machine(new, old, &cc);
	files_clone(new, old, &cc);
	vmalloc_clone_machine(new, old);
	sched_clone(new, old, &cc);
	mmu_clone(new, old, &cc);
	/* Not attached: the session that runs it installs its own hook. */
	new->trace.armed = 0;
	new->trace.hook = NULL;
	new->trace.hook_arg = NULL;
	free(cc.old);
	free(cc.new);
	return new;
}

struct machine *
machine_clone(const struct machine *m)
{
	struct machine *new = clone_host(m);

	physmem_clone(new, m);
	return new;
}

/* ---- images -------------------------------------------------------------- */

struct machine_image {
	struct machine *shell;		/* the host state, no RAM */
	struct physmem_image *phys;
};

struct machine_image *
machine_image_take(const struct machine *m, const struct machine_image *prev)
{
	struct machine_image *img = xmalloc(sizeof(*img));

	img->shell = clone_host(m);
	img->phys = physmem_freeze(m, prev ? prev->phys : NULL);
	return img;
}

struct machine *
machine_image_thaw(const struct machine_image *img)
{
	struct machine *m = clone_host(img->shell);

	physmem_thaw(m, img->phys);
	return m;
}

void
machine_image_free(struct machine_image *img)
{
	if (img == NULL)
		return;
	machine_free(img->shell);
	physmem_image_free(img->phys);
	free(img);
}

size_t
machine_image_own_bytes(const struct machine_image *img)
{
	return physmem_image_own_bytes(img->phys);
}
