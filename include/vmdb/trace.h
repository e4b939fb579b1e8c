/* vmdb/trace.h: trace points, the engine's named places a learner can watch
 * or (later) stop at.  Each is a kernel function (CALL: fires on entry and
 * on return) or a step inside one (EVENT: fires once).  One table lists them
 * all; `trace`, breakpoints, `bt` and the TUI are built on it.
 *
 * Cost when idle: TP_ENTER/TP_EXIT/TP_EVENT test one word (machine->trace.
 * armed) and fall through; nothing is formatted or stored.
 *
 * Argument kinds in the spec strings: x hex, d decimal, p pfn (0x%08x),
 * z zone index, g gfp mask, m migrate type, c slab cache (the engine
 * passes the cache's id; the name is printed), l LRU list, e page-fault
 * error code (decoded: [write,user,not-present]).
 */
#ifndef VMDB_TRACE_H
#define VMDB_TRACE_H

#include "vmdb/types.h"

/*  name                       kind   file                      args */
#define TRACEPOINTS(X)							\
	X(__alloc_pages,            CALL,  "mm/page_alloc.c", "order:d gfp:g")	\
	X(get_page_from_freelist,   CALL,  "mm/page_alloc.c", "order:d zone:z alloc_flags:x") \
	X(zone_watermark_ok,        EVENT, "mm/page_alloc.c", "zone:z order:d mark:d free:d") \
	X(buffered_rmqueue,         CALL,  "mm/page_alloc.c", "zone:z order:d migratetype:m") \
	X(__rmqueue,                CALL,  "mm/page_alloc.c", "zone:z order:d migratetype:m") \
	X(__rmqueue_fallback,       CALL,  "mm/page_alloc.c", "zone:z order:d migratetype:m") \
	X(expand,                   EVENT, "mm/page_alloc.c", "zone:z pfn:p order:d") \
	X(rmqueue_bulk,             CALL,  "mm/page_alloc.c", "zone:z count:d migratetype:m") \
	X(__free_pages,             VOID,  "mm/page_alloc.c", "pfn:p order:d") \
	X(free_hot_cold_page,       VOID,  "mm/page_alloc.c", "pfn:p cold:d") \
	X(free_pcppages_bulk,       VOID,  "mm/page_alloc.c", "zone:z count:d") \
	X(__free_one_page,          VOID,  "mm/page_alloc.c", "zone:z pfn:p order:d migratetype:m") \
	X(nopage,                   EVENT, "mm/page_alloc.c", "order:d gfp:g") \
	X(buddy_merge,              EVENT, "mm/page_alloc.c", "zone:z pfn:p buddy:p order:d") \
	X(flush_tlb_kernel_range,   EVENT, "arch/x86/include/asm/tlbflush.h", "start:x end:x") \
	X(__flush_tlb_one,          EVENT, "arch/x86/include/asm/tlbflush.h", "addr:x") \
	X(tlb_lookup,               EVENT, "(i386 MMU)", "cpu:d addr:x hit:d") \
	X(page_walk,                EVENT, "(i386 MMU)", "cpu:d addr:x pde:x pte:x") \
	X(tlb_fill,                 EVENT, "(i386 MMU)", "cpu:d addr:x frame:x flags:x") \
	X(page_fault,               EVENT, "arch/x86/kernel/entry_32.S", "cpu:d address:x error_code:e") \
	X(load_cr3,                 EVENT, "arch/x86/include/asm/processor.h", "cpu:d pgd:x") \
	X(__flush_tlb_global,       EVENT, "arch/x86/include/asm/tlbflush.h", "cpu:d") \
	X(invlpg,                   EVENT, "arch/x86/include/asm/tlbflush.h", "cpu:d addr:x") \
	X(flush_tlb_mm,             VOID,  "arch/x86/mm/tlb.c", "mm:x cpu:d") \
	X(flush_tlb_page,           VOID,  "arch/x86/mm/tlb.c", "mm:x addr:x cpu:d") \
	X(flush_tlb_range,          VOID,  "arch/x86/include/asm/tlbflush.h", "mm:x start:x end:x") \
	X(flush_tlb_all,            VOID,  "arch/x86/mm/tlb.c", "cpu:d") \
	X(flush_tlb_others,         EVENT, "arch/x86/mm/tlb.c", "cpumask:x mm:x addr:x") \
	X(leave_mm,                 EVENT, "arch/x86/mm/tlb.c", "cpu:d mm:x") \
	X(switch_mm,                VOID,  "arch/x86/include/asm/mmu_context.h", "prev:x next:x cpu:d") \
	X(enter_lazy_tlb,           EVENT, "arch/x86/include/asm/mmu_context.h", "mm:x cpu:d") \
	X(kmap_high,                CALL,  "mm/highmem.c", "pfn:p")	\
	X(map_new_virtual,          CALL,  "mm/highmem.c", "pfn:p last_pkmap_nr:d") \
	X(flush_all_zero_pkmaps,    VOID,  "mm/highmem.c", "unused:d")	\
	X(kunmap_high,              EVENT, "mm/highmem.c", "pfn:p vaddr:x slot:d count:d") \
	X(kmap_atomic,              CALL,  "arch/x86/mm/highmem_32.c", "pfn:p type:d cpu:d") \
	X(kunmap_atomic,            VOID,  "arch/x86/mm/highmem_32.c", "vaddr:x type:d cpu:d") \
	X(__kmalloc,                CALL,  "mm/slab.c",       "size:d gfp:g")	\
	X(kfree,                    VOID,  "mm/slab.c",       "objp:x cache:c")	\
	X(kmem_cache_alloc,         CALL,  "mm/slab.c",       "cache:c gfp:g")	\
	X(kmem_cache_free,          VOID,  "mm/slab.c",       "cache:c objp:x")	\
	X(cache_alloc_refill,       CALL,  "mm/slab.c",       "cache:c batchcount:d") \
	X(cache_grow,               CALL,  "mm/slab.c",       "cache:c gfp:g colour:d") \
	X(cache_flusharray,         CALL,  "mm/slab.c",       "cache:c batchcount:d") \
	X(free_block,               VOID,  "mm/slab.c",       "cache:c nr:d")	\
	X(slab_destroy,             EVENT, "mm/slab.c",       "cache:c slabp:x pfn:p") \
	X(__vmalloc_node,           CALL,  "mm/vmalloc.c", "size:x gfp:g") \
	X(vmap,                     CALL,  "mm/vmalloc.c", "count:d") \
	X(__get_vm_area_node,       CALL,  "mm/vmalloc.c", "size:x align:x flags:x") \
	X(alloc_vmap_area,          CALL,  "mm/vmalloc.c", "size:x align:x vstart:x vend:x") \
	X(map_vm_area,              CALL,  "mm/vmalloc.c", "addr:x size:x prot:x") \
	X(vmap_pte_range,           EVENT, "mm/vmalloc.c", "addr:x pfn:p") \
	X(__vunmap,                 VOID,  "mm/vmalloc.c", "addr:x deallocate_pages:d") \
	X(free_unmap_vmap_area_noflush, EVENT, "mm/vmalloc.c", "start:x end:x lazy:d") \
	X(__purge_vmap_area_lazy,   VOID,  "mm/vmalloc.c", "sync:d lazy:d") \
	X(vunmap_page_range,        EVENT, "mm/vmalloc.c", "start:x end:x") \
	X(__ioremap_caller,         CALL,  "arch/x86/mm/ioremap.c", "phys_addr:x size:x") \
	X(ioremap_pte_range,        EVENT, "lib/ioremap.c", "addr:x pfn:p") \
	X(iounmap,                  VOID,  "arch/x86/mm/ioremap.c", "addr:x") \
	X(do_page_fault,            CALL,  "arch/x86/mm/fault.c", "address:x error_code:e") \
	X(force_sig_info,           EVENT, "kernel/signal.c", "sig:d address:x pid:d") \
	X(vmalloc_fault,            CALL,  "arch/x86/mm/fault.c", "address:x") \
	X(find_vma,                 EVENT, "mm/mmap.c",    "addr:x vm_start:x vm_end:x") \
	X(expand_stack,             CALL,  "mm/mmap.c",    "address:x vm_start:x") \
	X(handle_mm_fault,          CALL,  "mm/memory.c",  "address:x write:d") \
	X(__pte_alloc,              CALL,  "mm/memory.c",  "address:x") \
	X(handle_pte_fault,         CALL,  "mm/memory.c",  "address:x pte:x write:d") \
	X(do_anonymous_page,        CALL,  "mm/memory.c",  "address:x write:d") \
	X(do_linear_fault,          CALL,  "mm/memory.c",  "address:x pgoff:x write:d") \
	X(__do_fault,               CALL,  "mm/memory.c",  "address:x pgoff:x write:d") \
	X(do_wp_page,               CALL,  "mm/memory.c",  "address:x pte:x") \
	X(cow_user_page,            EVENT, "mm/memory.c",  "address:x src:p dst:p") \
	X(set_pte,                  EVENT, "arch/x86/include/asm/pgtable.h", "address:x pte_pa:x pte:x") \
	X(ptep_clear_flush,         EVENT, "mm/pgtable-generic.c", "address:x pte:x") \
	X(dup_mmap,                 CALL,  "kernel/fork.c", "oldmm:x mm:x") \
	X(copy_page_range,          CALL,  "mm/memory.c",  "vm_start:x vm_end:x") \
	X(do_mmap_pgoff,            CALL,  "mm/mmap.c",    "addr:x len:x prot:x flags:x pgoff:x") \
	X(get_unmapped_area,        CALL,  "mm/mmap.c",    "addr:x len:x flags:x") \
	X(vma_merge,                CALL,  "mm/mmap.c",    "addr:x end:x vm_flags:x") \
	X(split_vma,                CALL,  "mm/mmap.c",    "vm_start:x vm_end:x addr:x new_below:d") \
	X(do_munmap,                CALL,  "mm/mmap.c",    "start:x len:x") \
	X(unmap_region,             VOID,  "mm/mmap.c",    "start:x end:x") \
	X(do_brk,                   CALL,  "mm/mmap.c",    "addr:x len:x") \
	X(mprotect_fixup,           CALL,  "mm/mprotect.c", "start:x end:x newflags:x") \
	X(mlock_fixup,              CALL,  "mm/mlock.c",   "start:x end:x newflags:x") \
	X(move_vma,                 CALL,  "mm/mremap.c",  "old_addr:x old_len:x new_len:x new_addr:x") \
	X(find_get_page,            EVENT, "mm/filemap.c", "ino:d index:d pfn:p") \
	X(add_to_page_cache_lru,    EVENT, "mm/filemap.c", "pfn:p ino:d index:d") \
	X(remove_from_page_cache,   EVENT, "mm/filemap.c", "pfn:p index:d") \
	X(filemap_fault,            CALL,  "mm/filemap.c", "ino:d index:d vm_flags:x") \
	X(do_generic_file_read,     CALL,  "mm/filemap.c", "ino:d pos:x count:d") \
	X(__do_page_cache_readahead, CALL, "mm/readahead.c", "ino:d start:d nr:d") \
	X(truncate_inode_pages,     VOID,  "mm/truncate.c", "ino:d nrpages:d") \
	X(write_one_page,           EVENT, "mm/page-writeback.c", "pfn:p index:d") \
	X(set_page_dirty,           EVENT, "mm/page-writeback.c", "pfn:p mapping:x") \
	X(lru_cache_add,            EVENT, "mm/swap.c", "pfn:p lru:l") \
	X(activate_page,            EVENT, "mm/swap.c", "pfn:p lru:l") \
	X(mark_page_accessed,       EVENT, "mm/swap.c", "pfn:p referenced:d active:d") \
	X(__page_cache_release,     EVENT, "mm/swap.c", "pfn:p on_lru:d")

#define TP_ENUM(name, kind, file, args) TP_##name,
enum tp_id { TRACEPOINTS(TP_ENUM) NR_TRACEPOINTS };
#undef TP_ENUM

/* A VOID row is a CALL whose function returns nothing, as in the
 * kernel: its exit shows no value. */
enum tp_kind { TP_CALL, TP_EVENT };
enum tp_phase { TP_PH_ENTER, TP_PH_EXIT, TP_PH_EVENT };

#define TP_MAX_ARGS 6

struct tp_def {
	const char *name;
	enum tp_kind kind;
	bool noret;			/* a void function: no return value */
	const char *file;
	int nargs;
	const char *argname[TP_MAX_ARGS];
	char argkind[TP_MAX_ARGS];
};

const struct tp_def *tp_get(int id);

struct trace_event {
	enum tp_id id;
	enum tp_phase phase;
	int depth;
	int nargs;
	long args[TP_MAX_ARGS];
	long ret;		/* TP_PH_EXIT */
};

struct machine;

struct trace_ctl {
	unsigned armed;		/* non-zero: someone listens */
	int depth;		/* open CALL trace points */
	void (*hook)(void *arg, struct machine *m,
		     const struct trace_event *ev);
	void *hook_arg;
};

/* Cold: the compiler moves each firing block out of the idle path. */
void trace_fire(struct machine *m, enum tp_id id, enum tp_phase ph,
		const long *args, int nargs, long ret) __attribute__((cold));
int tp_lookup(const char *name);
struct strbuf;
void trace_format_args(struct machine *m, struct strbuf *sb,
		       const struct trace_event *ev);
/* Argument i alone, as trace_format_args shows it. */
void trace_format_arg(struct machine *m, struct strbuf *sb,
		      const struct trace_event *ev, int i);

#define TP_NARGS(...) ((int)(sizeof((long[]){__VA_ARGS__}) / sizeof(long)))

#ifdef VMDB_NO_TRACE
/* The engine without trace points, for make bench's
 * trace_idle_overhead_pct: if (0) keeps the arguments type-checked and
 * used, and compiles to nothing. */
#define TP_FIRE_IF(m)	if (0)
#else
#define TP_FIRE_IF(m)	if (unlikely((m)->trace.armed))
#endif

#define TP_ENTER(m, tp, ...)						\
	do {								\
		TP_FIRE_IF(m)						\
			trace_fire((m), TP_##tp, TP_PH_ENTER,		\
				   (const long[]){__VA_ARGS__},		\
				   TP_NARGS(__VA_ARGS__), 0);		\
	} while (0)

#define TP_EXIT(m, tp, ret)						\
	do {								\
		TP_FIRE_IF(m)						\
			trace_fire((m), TP_##tp, TP_PH_EXIT, NULL, 0,	\
				   (long)(ret));			\
	} while (0)

#define TP_EVENT(m, tp, ...)						\
	do {								\
		TP_FIRE_IF(m)						\
			trace_fire((m), TP_##tp, TP_PH_EVENT,		\
				   (const long[]){__VA_ARGS__},		\
				   TP_NARGS(__VA_ARGS__), 0);		\
	} while (0)

/*
 * Split trace points, for the functions every page fault runs.  An idle
 * trace point costs its check, and more: the call it may make keeps the
 * values live across it in saved registers, a stack frame that a short
 * function otherwise does without.  Together that was a few percent of a
 * fault.  Such a function is written once as an always-inline body
 * taking `bool traced` (passed on to the helpers it inlines), its trace
 * points TP_EVENT_IF(traced, ...) and the like, and compiled twice: an
 * out-of-line traced copy, and the plain one, with no trace point left,
 * that the function runs unless TP_ARMED(m):
 *
 *	if (TP_ARMED(m))
 *		return foo_traced(m, ...);   (foo_(m, ..., true), noinline)
 *	return foo_(m, ..., false);
 *
 * (The traced copy must be out of line: inlined, the compiler merges its
 * tail with the plain copy and the frame comes back.)  Both fire exactly
 * what one copy checking every trace point would: armed changes only
 * between commands or inside a hook, and no hook runs unless a trace
 * point fires.
 */
#ifdef VMDB_NO_TRACE
#define TP_ARMED(m)	false
#else
#define TP_ARMED(m)	unlikely((m)->trace.armed)
#endif

#define TP_ENTER_IF(traced, m, tp, ...)					\
	do {								\
		if (traced)						\
			TP_ENTER(m, tp, __VA_ARGS__);			\
	} while (0)

#define TP_EXIT_IF(traced, m, tp, ret)					\
	do {								\
		if (traced)						\
			TP_EXIT(m, tp, ret);				\
	} while (0)

#define TP_EVENT_IF(traced, m, tp, ...)					\
	do {								\
		if (traced)						\
			TP_EVENT(m, tp, __VA_ARGS__);			\
	} while (0)

#endif
