/* mm/slab_init.c: bringing the slab allocator up at boot, in 2.6.32's
 * order (kmem_cache_init, kmem_cache_init_late, the first kernel caches,
 * cpuup_prepare for each secondary CPU), and taking it down with the
 * machine.
 *
 * The chicken and the egg.  Every cache needs per-CPU arrays and a
 * kmem_list3, which come from kmalloc, which needs caches.  So the kernel
 * starts from static objects: cache_cache (the cache of struct
 * kmem_cache) with a static one-entry array and static lists; then
 * size-32, the cache kmalloc(sizeof(struct arraycache_init)) will use,
 * with another static array and static lists (g_cpucache_up NONE ->
 * PARTIAL_AC); then size-64, the one for kmalloc(sizeof(struct
 * kmem_list3)), whose array is already kmalloc'd from size-32 but whose
 * lists are the third static set (-> PARTIAL_L3).  From then on every
 * cache gets both from kmalloc.  When all the size-N caches exist, the
 * static arrays are copied into kmalloc'd ones and the static lists'
 * slabs spliced onto kmalloc'd kmem_list3s (-> EARLY).  Until then every
 * array holds one object; kmem_cache_init_late gives each cache its real
 * arrays (-> FULL).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/clone.h"
#include "vmdb/machine.h"
#include "vmdb/util.h"

#include "mm/slab_impl.h"

/*
 * Where mm/slab.o's statics sit: vmdb does not lay out the kernel's .data
 * symbol by symbol, so slab's take 64-byte slots from this offset past
 * the page that ends .text.
 */
#define SLAB_DATA_OFFSET	0x2000u

/* sizeof(struct kmem_list3) and sizeof(struct arraycache_init) pick the
 * caches of the bootstrap (INDEX_L3, INDEX_AC). */
static int
index_of(u32 size)
{
	int i = 0;

	while (size > malloc_sizes_table[i])
		i++;
	return i;
}

static void
place_statics(struct machine *m, struct slab_state *s)
{
	u32 at = ALIGN(m->kimage.text_end, PAGE_SIZE) + SLAB_DATA_OFFSET;

	s->st.cache_chain = at;
	at += 64;
	s->st.cache_cache = at;
	at += ALIGN(4 * s->nr_array_slots + KC_TAIL, 64u);
	s->st.initarray_cache = at;
	at += 64;
	s->st.initarray_generic = at;
	at += 64;
	s->st.initkmem_list3 = at;
}

static void
init_boot_array(struct machine *m, u32 ac)
{
	memset(kw(m, ac), 0, ARRAYCACHE_INIT_SIZE);
	wr(m, ac + AC_LIMIT, BOOT_CPUCACHE_ENTRIES);
	wr(m, ac + AC_BATCH, 1);
}

/* 1) cache_cache: static, its object size from NR_CPUS (array[]) plus
 * one nodelists slot, rounded to the cache line; the first order that
 * holds an object. */
static struct kmem_cache *
create_cache_cache(struct machine *m, struct slab_state *s)
{
	struct kmem_cache *cc = xcalloc(1, sizeof(*cc));
	u32 order, left_over = 0;

	cc->kva = s->st.cache_cache;
	snprintf(cc->name, sizeof(cc->name), "kmem_cache");
	cc->boot = true;
	slab_hash_add(s, cc);
	klist_init(m, s->st.cache_chain);
	klist_add(m, kc_base(s, cc) + KC_NEXT, s->st.cache_chain);
	cc->colour_off = L1_CACHE_BYTES;
	cc->align = L1_CACHE_BYTES;
	wr(m, cc->kva + 4 * m->this_cpu, s->st.initarray_cache);
	kc_wr(m, cc, KC_NODELISTS, s->st.initkmem_list3);
	cc->obj_size = 4 * s->nr_array_slots + KC_TAIL;
	cc->buffer_size = ALIGN(cc->obj_size, L1_CACHE_BYTES);
	for (order = 0; order < MAX_ORDER; order++) {
		cache_estimate(order, cc->buffer_size, L1_CACHE_BYTES, 0,
			       &left_over, &cc->num);
		if (cc->num)
			break;
	}
	cc->gfporder = order;
	cc->colour = left_over / cc->colour_off;
	cc->slab_size = ALIGN(cc->num * 4 + SLAB_DESC, L1_CACHE_BYTES);
	kc_write_geometry(m, cc);
	kc_wr(m, cc, KC_BATCH, 1);
	kc_wr(m, cc, KC_LIMIT, BOOT_CPUCACHE_ENTRIES);
	kc_wr(m, cc, KC_SHARED, 1);
	wr(m, s->st.initkmem_list3 + L3_NEXT_REAP, next_reap_time(m, cc->kva));
	return cc;
}

/* init_list: a kmalloc'd copy of a static kmem_list3, the slabs moved
 * over (MAKE_ALL_LISTS). */
static int
init_list(struct machine *m, struct kmem_cache *c, u32 list)
{
	static const u32 heads[] = { L3_FULL, L3_PARTIAL, L3_FREE };
	u32 ptr = kmalloc(m, L3_SIZE, GFP_NOWAIT), i;

	if (!ptr)
		return -ENOMEM;
	memcpy(kw(m, ptr), kw(m, list), L3_SIZE);
	wr(m, ptr + L3_LOCK, 0);
	for (i = 0; i < ARRAY_SIZE(heads); i++) {
		klist_init(m, ptr + heads[i]);
		klist_splice(m, cache_l3(m, c) + heads[i], ptr + heads[i]);
	}
	kc_wr(m, c, KC_NODELISTS, ptr);
	return 0;
}

/* 4) a kmalloc'd copy of a static array */
static int
replace_boot_array(struct machine *m, struct kmem_cache *c)
{
	u32 ptr = kmalloc(m, ARRAYCACHE_INIT_SIZE, GFP_NOWAIT);

	if (!ptr)
		return -ENOMEM;
	memcpy(kw(m, ptr), kw(m, cpu_cache_get(m, c, m->this_cpu)),
	       ARRAYCACHE_INIT_SIZE);
	wr(m, ptr + AC_LOCK, 0);
	wr(m, c->kva + 4 * m->this_cpu, ptr);
	return 0;
}

static int
boot_failed(struct machine *m, const char *what)
{
	char inner[sizeof(m->why)];

	snprintf(inner, sizeof(inner), "%s", m->why);
	return machine_err(m, -ENOMEM, "%s: %s (the kernel panics here)",
			   what, inner);
}

static struct kmem_cache *
create_kmalloc_cache(struct machine *m, int i, bool dma)
{
	char name[32];

	snprintf(name, sizeof(name), "size-%u%s", malloc_sizes_table[i],
		 dma ? "(DMA)" : "");
	return slab_create_boot_cache(m, name, malloc_sizes_table[i],
				      ARCH_KMALLOC_MINALIGN,
				      ARCH_KMALLOC_FLAGS | SLAB_PANIC |
				      (dma ? SLAB_CACHE_DMA : 0));
}

int
kmem_cache_init(struct machine *m)
{
	struct slab_state *s = xcalloc(1, sizeof(*s));
	int ac = index_of(ARRAYCACHE_INIT_SIZE), l3 = index_of(L3_SIZE), i;

	m->slab = s;
	s->nr_array_slots = (u32)m->cfg.nr_cpus_config;
	s->gfp_allowed_mask = GFP_BOOT_MASK;
	s->online_cpus = 1;
	s->jiffies = INITIAL_JIFFIES;
	s->slab_early_init = true;
	s->g_cpucache_up = CPUCACHE_NONE;
	place_statics(m, s);
	for (i = 0; i < 3; i++)
		kmem_list3_init(m, s->st.initkmem_list3 + (u32)i * L3_SIZE);
	init_boot_array(m, s->st.initarray_cache);
	init_boot_array(m, s->st.initarray_generic);
	/* fragmentation resistance on small machines */
	if (m->totalram_pages > (32u << 20) >> PAGE_SHIFT)
		s->slab_break_gfp_order = 1;
	s->cache_cache = create_cache_cache(m, s);

	/* 2+3) the kmalloc caches, the bootstrap's two first */
	s->malloc_sizes[ac][0] = create_kmalloc_cache(m, ac, false);
	if (s->malloc_sizes[ac][0] && l3 != ac)
		s->malloc_sizes[l3][0] = create_kmalloc_cache(m, l3, false);
	s->slab_early_init = false;
	for (i = 0; i < NR_KMALLOC; i++) {
		if (!s->malloc_sizes[i][0])
			s->malloc_sizes[i][0] = create_kmalloc_cache(m, i,
								     false);
		if (!s->malloc_sizes[i][0])
			return boot_failed(m, "kmem_cache_init");
		s->malloc_sizes[i][1] = create_kmalloc_cache(m, i, true);
		if (!s->malloc_sizes[i][1])
			return boot_failed(m, "kmem_cache_init");
	}
	/* 4) replace the bootstrap arrays, 5) and lists */
	if (replace_boot_array(m, s->cache_cache) ||
	    replace_boot_array(m, s->malloc_sizes[ac][0]) ||
	    init_list(m, s->cache_cache, s->st.initkmem_list3) ||
	    init_list(m, s->malloc_sizes[ac][0],
		      s->st.initkmem_list3 + L3_SIZE) ||
	    (l3 != ac && init_list(m, s->malloc_sizes[l3][0],
				   s->st.initkmem_list3 + 2 * L3_SIZE)))
		return boot_failed(m, "kmem_cache_init");
	s->g_cpucache_up = CPUCACHE_EARLY;
	return 0;
}

/* 6) every cache, newest first, gets its final arrays. */
int
kmem_cache_init_late(struct machine *m)
{
	struct slab_state *s = m->slab;
	struct kmem_cache **chain = xmalloc(s->nr_caches * sizeof(*chain));
	int n = slab_chain(m, chain, s->nr_caches), i, err = 0;

	for (i = 0; i < n && !err; i++)
		err = slab_enable_cpucache(m, chain[i], GFP_NOWAIT);
	free(chain);
	if (err)
		return boot_failed(m, "enable_cpucache");
	s->g_cpucache_up = CPUCACHE_FULL;
	return 0;
}

/*
 * The caches vmdb's later subsystems allocate from, made where
 * start_kernel makes them, with 2.6.32's arguments.  Object sizes are
 * sizeof() on 2.6.32 i386 (non-PAE, 4-byte alignment of u64 members)
 * for a lean SMP configuration: NR_CPUS <= 32, no NUMA, SYSVIPC, FUTEX
 * (hence RT_MUTEXES), PERF_EVENTS, SECCOMP, AIO, PROC_FS and
 * DETECT_HUNG_TASK on; no cgroups, cpusets, audit, schedstats, delay or
 * I/O accounting, KVM, stack protector, lockdep or tracers.
 *
 *   anon_vma        12  include/linux/rmap.h: lock (4), head (8).
 *                       mm/rmap.c anon_vma_init: align 0,
 *                       SLAB_DESTROY_BY_RCU | SLAB_PANIC (and a ctor,
 *                       which vmdb's objects do not need).
 *   task_struct    916  include/linux/sched.h: state ... sched_class (44),
 *                       se (sched_entity: load 8, run_node 12, group_node
 *                       8, on_rq 4, ten u64 = 112), rt (24), fpu_counter
 *                       and policy (8), cpus_allowed (4), tasks (8),
 *                       pushable_tasks (plist_node, 20), mm, active_mm,
 *                       exit_state ... personality, the bitfields, pid,
 *                       tgid (40), real_parent ... bts (48), pids[3] (36),
 *                       thread_group ... clear_child_tid (20), seven
 *                       cputimes, nvcsw, nivcsw (36), start_time,
 *                       real_start_time (16), min_flt, maj_flt (8),
 *                       cputime_expires (16), cpu_timers[3] (24),
 *                       real_cred, cred, cred_guard_mutex (28),
 *                       replacement_session_keyring, comm[16],
 *                       link_count, total_link_count, sysvsem,
 *                       last_switch_count (36), thread (thread_struct of
 *                       arch/x86/include/asm/processor.h: 132), fs ...
 *                       sighand (20), blocked, real_blocked,
 *                       saved_sigmask (24), pending (16), sas_ss_sp ...
 *                       audit_context (24), seccomp, exec ids, alloc_lock,
 *                       irqaction, pi_lock (24), pi_waiters,
 *                       pi_blocked_on (20), journal_info ... last_siginfo
 *                       (32), robust_list, pi_state_list, pi_state_cache
 *                       (16), perf_event_ctxp, perf_event_mutex,
 *                       perf_event_list (32), fs_excl, rcu, splice_pipe
 *                       (16), dirties (16), timer slacks, scm_work_list,
 *                       stack_start (16).  kernel/fork.c fork_init: align
 *                       ARCH_MIN_TASKALIGN (16 on x86), SLAB_PANIC.
 *   mm_struct      424  include/linux/mm_types.h: mmap ... map_count (52),
 *                       mmap_sem (16), page_table_lock, mmlist (12),
 *                       _file_rss, _anon_rss, 22 counters and addresses
 *                       (96), saved_auxv[AT_VECTOR_SIZE = 2 * (2 + 19 +
 *                       1)] (176), binfmt, cpu_vm_mask (8), context
 *                       (ldt, size, a 20-byte mutex, vdso: 32),
 *                       faultstamp ... core_state (20), ioctx_lock,
 *                       ioctx_list (8), exe_file, num_exe_file_vmas (8).
 *                       kernel/fork.c proc_caches_init: align 0,
 *                       SLAB_HWCACHE_ALIGN | SLAB_PANIC.
 *   vm_area_struct  84  include/linux/mm_types.h: vm_mm, vm_start,
 *                       vm_end, vm_next, vm_page_prot, vm_flags (24),
 *                       vm_rb (12), shared (16), anon_vma_node (8),
 *                       anon_vma ... vm_truncate_count (24).
 *                       proc_caches_init: KMEM_CACHE(vm_area_struct,
 *                       SLAB_PANIC), so align 4.
 */
#define ANON_VMA_SIZE		12u
#define TASK_STRUCT_SIZE	916u
#define MM_STRUCT_SIZE		424u
#define VM_AREA_STRUCT_SIZE	84u
#define ARCH_MIN_TASKALIGN	16u

int
slab_init_kernel_caches(struct machine *m)
{
	static const struct {
		const char *name;
		u32 size, align, flags;
	} kc[] = {
		/* anon_vma_init */
		{ "anon_vma", ANON_VMA_SIZE, 0,
		  SLAB_DESTROY_BY_RCU | SLAB_PANIC },
		/* fork_init */
		{ "task_struct", TASK_STRUCT_SIZE, ARCH_MIN_TASKALIGN,
		  SLAB_PANIC },
		/* proc_caches_init */
		{ "mm_struct", MM_STRUCT_SIZE, 0,
		  SLAB_HWCACHE_ALIGN | SLAB_PANIC },
		{ "vm_area_struct", VM_AREA_STRUCT_SIZE, 4, SLAB_PANIC },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kc); i++)
		if (!slab_create_boot_cache(m, kc[i].name, kc[i].size,
					    kc[i].align, kc[i].flags))
			return boot_failed(m, "kmem_cache_create");
	return 0;
}

/* cpuup_prepare: a new CPU's array in every cache, and the shared array
 * where a cache has none yet (one allocated and freed again otherwise,
 * as the kernel does). */
static int
cpuup_prepare(struct machine *m, int cpu)
{
	struct slab_state *s = m->slab;
	struct kmem_cache **chain = xmalloc(s->nr_caches * sizeof(*chain));
	int n = slab_chain(m, chain, s->nr_caches), i, err = 0;

	for (i = 0; i < n; i++) {
		struct kmem_cache *c = chain[i];

		wr(m, cache_l3(m, c) + L3_FREE_LIMIT,
		   (1 + (u32)s->online_cpus) * kc_rd(m, c, KC_BATCH) + c->num);
	}
	for (i = 0; i < n; i++) {
		struct kmem_cache *c = chain[i];
		u32 nc, shared = 0, l3 = cache_l3(m, c);

		nc = alloc_arraycache(m, kc_rd(m, c, KC_LIMIT),
				      kc_rd(m, c, KC_BATCH), GFP_KERNEL);
		if (!nc) {
			err = -ENOMEM;
			break;
		}
		if (kc_rd(m, c, KC_SHARED)) {
			shared = alloc_arraycache(m, kc_rd(m, c, KC_SHARED) *
						  kc_rd(m, c, KC_BATCH),
						  0xbaadf00d, GFP_KERNEL);
			if (!shared) {
				kfree(m, nc);
				err = -ENOMEM;
				break;
			}
		}
		wr(m, c->kva + 4 * (u32)cpu, nc);
		if (!rd(m, l3 + L3_SHARED)) {
			wr(m, l3 + L3_SHARED, shared);
			shared = 0;
		}
		kfree(m, shared);
	}
	free(chain);
	return err;
}

/* kernel_init: blocking allocations allowed from now on, then smp_init
 * brings up the other CPUs one by one. */
int
slab_smp_init(struct machine *m)
{
	struct slab_state *s = m->slab;
	int cpu;

	s->gfp_allowed_mask = __GFP_BITS_MASK;
	for (cpu = 1; cpu < m->nr_cpus; cpu++) {
		if (cpuup_prepare(m, cpu))
			return boot_failed(m, "cpuup_prepare");
		s->online_cpus++;
	}
	return 0;
}

/* Live caches in cache_chain order (newest first), read from RAM. */
int
slab_chain(struct machine *m, struct kmem_cache **out, int max)
{
	struct slab_state *s = m->slab;
	u32 head = s->st.cache_chain, pos;
	int n = 0;

	for (pos = rd(m, head); pos != head && n < max; pos = rd(m, pos)) {
		struct kmem_cache *c = slab_cache_by_kva(m,
				pos - KC_NEXT - 4 * s->nr_array_slots);

		if (c == NULL)
			break;
		out[n++] = c;
	}
	return n;
}

void
slab_free_machine(struct machine *m)
{
	struct slab_state *s = m->slab;
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nr_caches; i++)
		free(s->caches[i]);
	free(s->caches);
	free(s->hkva);
	free(s->hid);
	free(s->user);
	free(s);
	m->slab = NULL;
}

/* The host handles of the caches, by id (dead ones too), with the
 * tables that index them; the caches' own state is in RAM. */
void
slab_clone_machine(struct machine *new, const struct machine *old,
		   struct clone_ctx *cc)
{
	const struct slab_state *os = old->slab;
	struct slab_state *s;
	int i, j;

	new->slab = NULL;
	if (os == NULL)
		return;
	s = xmalloc(sizeof(*s));
	*s = *os;
	s->caches = xcalloc((size_t)os->cap + 1, sizeof(*s->caches));
	for (i = 0; i < os->nr_caches; i++) {
		s->caches[i] = xmemdup(os->caches[i], sizeof(**s->caches));
		clone_map_add(cc, os->caches[i], s->caches[i]);
	}
	for (i = 0; i < os->nr_caches; i++)
		if (s->caches[i])
			s->caches[i]->slabp_cache =
				clone_map(cc, os->caches[i]->slabp_cache);
	s->hkva = xmemdup(os->hkva, os->hcap * sizeof(*s->hkva));
	s->hid = xmemdup(os->hid, os->hcap * sizeof(*s->hid));
	s->user = xmemdup(os->user, os->user_cap * sizeof(*s->user));
	s->cache_cache = clone_map(cc, os->cache_cache);
	for (i = 0; i < NR_KMALLOC; i++)
		for (j = 0; j < 2; j++)
			s->malloc_sizes[i][j] =
				clone_map(cc, os->malloc_sizes[i][j]);
	s->alloc.cache = clone_map(cc, os->alloc.cache);
	s->free.cache = clone_map(cc, os->free.cache);
	new->slab = s;
}
