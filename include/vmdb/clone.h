/* vmdb/clone.h: copying a whole machine, and frozen copies of it.
 *
 * machine_clone() is an exact deep copy: the clone's digest is the
 * original's, and the same commands run on both leave them equal, byte
 * for byte.  It is what the journal's checkpoints are made of (reverse
 * execution, undo and abort replay from the newest checkpoint instead of
 * from boot).  The clone has no trace hook: whoever runs it attaches one.
 *
 * Each subsystem copies its own host state next to where it frees it,
 * in the kernel's dup_* manner (sched_clone beside sched_free, ...).
 * Host objects that others point at (tasks, mms, VMAs, anon_vmas, files,
 * slab caches) are entered in the clone's pointer map as they are copied,
 * old to new, and the pointers to them are translated through it; so the
 * order is: slab caches and files first, then tasks and mms, then what
 * points at those (the CPUs' current and active_mm).
 *
 * A machine_image is a frozen copy for keeping: the host objects as a
 * clone, simulated RAM and mem_map as pages shared with the image it was
 * taken after wherever they did not change.  A checkpoint every few
 * thousand commands then costs the pages those commands wrote, not the
 * machine's size.  machine_image_thaw() makes a machine of it again.
 */
#ifndef VMDB_CLONE_H
#define VMDB_CLONE_H

#include "vmdb/types.h"

struct machine;
struct clone_ctx;
struct machine_image;

/* An exact copy of m, with nothing shared (the caller frees it with
 * machine_free).  Out of host memory is fatal, as everywhere. */
struct machine *machine_clone(const struct machine *m);

/* A frozen copy of m; prev (or NULL) an older image of the same session,
 * whose unchanged pages it shares. */
struct machine_image *machine_image_take(const struct machine *m,
					 const struct machine_image *prev);
/* A new machine, equal to the one the image was taken of. */
struct machine *machine_image_thaw(const struct machine_image *img);
void machine_image_free(struct machine_image *img);
/* Host bytes of RAM and mem_map pages the image holds that no older
 * image it was taken after holds too (its own cost). */
size_t machine_image_own_bytes(const struct machine_image *img);

/* ---- for the subsystems' clone functions -------------------------------- */

/* Enters old -> new in the pointer map. */
void clone_map_add(struct clone_ctx *cc, const void *old, void *new);
/* The copy of old (NULL for NULL).  An object that was not copied is a
 * bug in the cloning: fatal. */
void *clone_map(struct clone_ctx *cc, const void *old);
/* The same, or NULL when old has not been copied (yet). */
void *clone_map_find(struct clone_ctx *cc, const void *old);

/*
 * The subsystems' copies, in the order machine_clone calls them.  new
 * starts as a bytewise copy of old; each replaces the pointers it owns.
 */
void printk_clone(struct machine *new, const struct machine *old);
void kmap_state_clone(struct machine *new, const struct machine *old);
void slab_clone_machine(struct machine *new, const struct machine *old,
			struct clone_ctx *cc);
void files_clone(struct machine *new, const struct machine *old,
		 struct clone_ctx *cc);
void vmalloc_clone_machine(struct machine *new, const struct machine *old);
void sched_clone(struct machine *new, const struct machine *old,
		 struct clone_ctx *cc);
void mmu_clone(struct machine *new, const struct machine *old,
	       struct clone_ctx *cc);

/*
 * Simulated RAM, mem_map and its shadow alloc_order (kernel/clone_ram.c),
 * the one place that copies them.  physmem_clone gives new its own copy
 * of old's; physmem_freeze keeps them in an image (sharing prev's
 * unchanged pages), physmem_thaw writes an image's back into a machine's
 * new mappings.
 */
struct physmem_image;
void physmem_clone(struct machine *new, const struct machine *old);
struct physmem_image *physmem_freeze(const struct machine *m,
				     const struct physmem_image *prev);
void physmem_thaw(struct machine *m, const struct physmem_image *img);
void physmem_image_free(struct physmem_image *img);
size_t physmem_image_own_bytes(const struct physmem_image *img);

#endif
