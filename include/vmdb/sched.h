/* vmdb/sched.h: processes and their address spaces as Linux 2.6.32 i386
 * keeps them: task_struct, mm_struct, vm_area_struct, anon_vma
 * (include/linux/sched.h, mm_types.h, rmap.h), with the vm_flags and
 * the layout constants.  Each object lives in its slab cache in simulated
 * RAM (kaddr is the object's kernel address); the host struct holds the
 * fields vmdb works with. */
#ifndef VMDB_SCHED_H
#define VMDB_SCHED_H

#include "vmdb/rbtree.h"
#include "vmdb/types.h"

struct machine;
struct vfile;
struct out;

/* vm_flags (include/linux/mm.h) */
#define VM_READ		0x00000001u
#define VM_WRITE	0x00000002u
#define VM_EXEC		0x00000004u
#define VM_SHARED	0x00000008u
#define VM_MAYREAD	0x00000010u
#define VM_MAYWRITE	0x00000020u
#define VM_MAYEXEC	0x00000040u
#define VM_MAYSHARE	0x00000080u
#define VM_GROWSDOWN	0x00000100u
#define VM_GROWSUP	0x00000200u
#define VM_PFNMAP	0x00000400u
#define VM_DENYWRITE	0x00000800u
#define VM_EXECUTABLE	0x00001000u
#define VM_LOCKED	0x00002000u
#define VM_IO		0x00004000u
#define VM_SEQ_READ	0x00008000u
#define VM_RAND_READ	0x00010000u
#define VM_DONTCOPY	0x00020000u
#define VM_DONTEXPAND	0x00040000u
#define VM_RESERVED	0x00080000u
#define VM_ACCOUNT	0x00100000u
#define VM_NORESERVE	0x00200000u
#define VM_HUGETLB	0x00400000u
#define VM_NONLINEAR	0x00800000u
#define VM_SPECIAL	(VM_IO | VM_DONTEXPAND | VM_RESERVED | VM_PFNMAP)
#define VM_STACK_FLAGS	(VM_GROWSDOWN | VM_READ | VM_WRITE | VM_MAYREAD | \
			 VM_MAYWRITE | VM_MAYEXEC | VM_ACCOUNT)
#define VM_DATA_DEFAULT_FLAGS (VM_READ | VM_WRITE | VM_EXEC | VM_MAYREAD | \
			       VM_MAYWRITE | VM_MAYEXEC)

/* Names of the vm_flags bits, lowest first ("read", "write", ...). */
extern const char *const vm_flag_names[24];

#define TASK_COMM_LEN		16
#define DEFAULT_MAX_MAP_COUNT	65530
#define STACK_GUARD_GAP		(65536 + 32 * 4)	/* do_page_fault's sp rule */

enum task_state { TASK_RUNNING, TASK_ZOMBIE, TASK_DEAD };

/*
 * Resource limits (include/asm-generic/resource.h): the kernel's numbers,
 * of which vmdb's mm obeys three.  rlim_cur (soft) is what the checks
 * read; rlim_max (hard) caps what setrlimit may set, and only a task
 * with CAP_SYS_RESOURCE may raise it.  Values are bytes; RLIM_INFINITY
 * (~0UL on i386) is no limit.
 *
 *	RLIMIT_DATA	sys_brk: heap (brk - start_brk) plus data segment
 *	RLIMIT_STACK	acct_stack_growth; exec's mmap_base gap and layout
 *	RLIMIT_MEMLOCK	mlock, mmap MAP_LOCKED, growth of locked VMAs
 */
#define RLIMIT_DATA	2
#define RLIMIT_STACK	3
#define RLIMIT_MEMLOCK	8
#define RLIM_NLIMITS	16
#define RLIM_INFINITY	0xffffffffu

struct rlimit {
	u32 rlim_cur;		/* soft */
	u32 rlim_max;		/* hard */
};

struct anon_vma {
	u32 kaddr;		/* anon_vma slab object */
	int nr_vmas;		/* VMAs on its list; freed at 0 */
	int refs;		/* + anon pages pointing at it (mapping) */
};

struct vm_area_struct {
	u32 kaddr;				/* vm_area_struct slab object */
	struct mm_struct *vm_mm;
	u32 vm_start;
	u32 vm_end;				/* exclusive */
	struct vm_area_struct *vm_next;		/* sorted list */
	struct rb_node vm_rb;
	u32 vm_page_prot;			/* PTE bits from protection_map */
	u32 vm_flags;
	struct anon_vma *anon_vma;
	struct vfile *vm_file;			/* NULL: anonymous */
	u32 vm_pgoff;				/* in pages */
};

struct mm_struct {
	u32 kaddr;			/* mm_struct slab object */
	struct vm_area_struct *mmap;	/* VMA list, sorted by address */
	struct rb_root mm_rb;
	struct vm_area_struct *mmap_cache;	/* last find_vma result */
	u32 pgd;			/* physical address of the page directory */
	u32 mmap_base;
	u32 task_size;
	u32 free_area_cache;
	u32 cached_hole_size;
	bool legacy_layout;		/* bottom-up get_unmapped_area */
	int mm_users;
	int mm_count;
	int map_count;
	long file_rss, anon_rss;
	unsigned long hiwater_rss, hiwater_vm;
	unsigned long total_vm, locked_vm, shared_vm, exec_vm, stack_vm,
		reserved_vm;
	u32 def_flags;
	unsigned long nr_ptes;
	u32 start_code, end_code, start_data, end_data;
	u32 start_brk, brk, start_stack;
	u32 arg_start, arg_end, env_start, env_end;
	u32 cpu_vm_mask;		/* CPUs that may hold its TLB entries */
	u32 vdso;			/* context.vdso */
	struct task_struct *owner;	/* whose rlimits its system calls
					 * obey (mm->owner); NULL once the
					 * task has exited */
	struct mm_struct *next_mm;	/* the machine's list of live mms */
};

struct task_struct {
	u32 kaddr;			/* task_struct slab object */
	int pid;
	char comm[TASK_COMM_LEN];
	enum task_state state;
	struct task_struct *parent;
	struct mm_struct *mm;		/* NULL for kernel threads */
	struct mm_struct *active_mm;
	unsigned long min_flt, maj_flt;
	u32 ip, sp;			/* notional user registers */
	int on_cpu;			/* CPU it is current on, or -1 */
	int exit_code;
	u32 stack_pfn;			/* kernel stack (order 1, THREAD_SIZE) */
	/* signal->rlim: shared by a thread group in the kernel; vmdb has
	 * no threads, so each task holds its own.  fork copies it. */
	struct rlimit rlim[RLIM_NLIMITS];
	struct task_struct *next_task;	/* the machine's task list, by pid */
};

/* Every process-side structure hangs off machine->sched. */
struct kmem_cache;

struct sched_state {
	struct kmem_cache *task_cachep;		/* "task_struct" */
	struct kmem_cache *mm_cachep;		/* "mm_struct" */
	struct kmem_cache *vm_area_cachep;	/* "vm_area_struct" */
	struct kmem_cache *anon_vma_cachep;	/* "anon_vma" */
	const char *fault_path;		/* what handle_pte_fault did last */
	bool in_uaccess;		/* a copy_*_user is running: faults
					 * that fail take the fixup */
	struct task_struct *tasks;	/* sorted by pid */
	struct mm_struct *mms;
	int next_pid;
	int max_map_count;		/* sysctl vm.max_map_count */
	bool legacy_va_layout;		/* sysctl vm.legacy_va_layout */
	/* init's limits (INIT_RLIMITS): what a task spawned with no
	 * current task starts with.  init is privileged, so these may be
	 * set to anything. */
	struct rlimit init_rlim[RLIM_NLIMITS];
};

struct task_struct *find_task_by_pid(struct machine *m, int pid);
/* The task commands act on: current on this CPU. */
struct task_struct *current_task(struct machine *m);

/*
 * setrlimit for task t (NULL: init's limits, which spawn gives a task
 * with no parent), kernel/sys.c: 0, -EINVAL (resource out of range, or
 * soft above hard) or -EPERM (a hard limit raised: vmdb's tasks lack
 * CAP_SYS_RESOURCE; init has it).  m->why says why.
 */
int do_setrlimit(struct machine *m, struct task_struct *t,
		 unsigned int resource, const struct rlimit *new_rlim);
/* t's limits (NULL: init's). */
const struct rlimit *task_rlimits(struct machine *m,
				  const struct task_struct *t);

#endif
