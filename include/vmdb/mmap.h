/* vmdb/mmap.h: a process's address space and what changes it: VMAs
 * (mm/mmap.c), page-table population and teardown, page faults and
 * copy-on-write (mm/memory.c, arch/x86/mm/fault.c), reverse-map
 * bookkeeping (mm/rmap.c), fork/exit/exec (kernel/fork.c, kernel/exit.c,
 * fs/exec.c), the mmap family, and the /proc views. */
#ifndef VMDB_MMAP_H
#define VMDB_MMAP_H

#include "vmdb/mman.h"
#include "vmdb/mmu.h"
#include "vmdb/sched.h"
#include "vmdb/types.h"

struct machine;
struct out;
struct page;
struct strbuf;

/* i386 layout, randomisation off (arch/x86/mm/mmap.c, processor.h). */
#define TASK_SIZE(m)		((m)->page_offset)
#define TASK_UNMAPPED_BASE(m)	PAGE_ALIGN32((m)->page_offset / 3)
#define PAGE_ALIGN32(x)		(((x) + PAGE_SIZE - 1) & PAGE_MASK)
#define MMAP_MIN_ADDR		4096u	/* CONFIG_DEFAULT_MMAP_MIN_ADDR */
#define VDSO_HIGH_BASE		0xffffe000u	/* COMPAT_VDSO */

/* VM_FAULT_* (include/linux/mm.h) */
#define VM_FAULT_MINOR	0
#define VM_FAULT_OOM	0x0001
#define VM_FAULT_SIGBUS	0x0002
#define VM_FAULT_MAJOR	0x0004
#define VM_FAULT_WRITE	0x0008

#define _PAGE_SPECIAL	0x200u
#define _PAGE_FILE	0x040u
#define _PAGE_PROTNONE	0x100u

/* ---- VMAs ------------------------------------------------------------- */
u32 vm_get_page_prot(u32 vm_flags);
struct vm_area_struct *find_vma(struct machine *m, struct mm_struct *mm,
				u32 addr);
struct vm_area_struct *find_vma_prev(struct machine *m, struct mm_struct *mm,
				     u32 addr, struct vm_area_struct **pprev);
u32 get_unmapped_area(struct machine *m, struct mm_struct *mm,
		      struct vfile *file, u32 addr, u32 len, u32 pgoff,
		      u32 flags);	/* address, or -errno as (u32) */
struct vm_area_struct *vma_merge(struct machine *m, struct mm_struct *mm,
				 struct vm_area_struct *prev, u32 addr,
				 u32 end, u32 vm_flags, struct anon_vma *av,
				 struct vfile *file, u32 pgoff);
int split_vma(struct machine *m, struct mm_struct *mm,
	      struct vm_area_struct *vma, u32 addr, bool new_below);
struct vm_area_struct *vma_alloc(struct machine *m, struct mm_struct *mm);
void vma_free(struct machine *m, struct vm_area_struct *vma);
void insert_vm_struct(struct machine *m, struct mm_struct *mm,
		      struct vm_area_struct *vma);
void vm_stat_account(struct mm_struct *mm, u32 flags, struct vfile *file,
		     long pages);
bool is_vm_hugetlb_or_special(u32 flags);

/* The mmap family.  Each returns 0 / an address (>= 0) or -errno with
 * the reason in m->why, leaving the mm unchanged on failure. */
long do_mmap_pgoff(struct machine *m, struct mm_struct *mm, struct vfile *file,
		   u32 addr, u32 len, u32 prot, u32 flags, u32 pgoff);
int do_munmap(struct machine *m, struct mm_struct *mm, u32 start, u32 len);
long do_brk(struct machine *m, struct mm_struct *mm, u32 addr, u32 len);
long sys_brk(struct machine *m, struct mm_struct *mm, u32 brk);
int sys_mprotect(struct machine *m, struct mm_struct *mm, u32 start, u32 len,
		 u32 prot);
long sys_mremap(struct machine *m, struct mm_struct *mm, u32 addr,
		u32 old_len, u32 new_len, u32 flags, u32 new_addr);
int sys_mlock(struct machine *m, struct mm_struct *mm, u32 start, u32 len,
	      bool lock);
int expand_stack(struct machine *m, struct vm_area_struct *vma, u32 addr);

/* ---- page tables of a process (mm/memory.c) --------------------------- */
u32 pgd_alloc(struct machine *m);	/* physical address, 0 = -ENOMEM */
void pgd_free(struct machine *m, u32 pgd_pa);
/* Physical address of the PTE for addr, 0 when there is no page table. */
u32 pte_offset(struct machine *m, struct mm_struct *mm, u32 addr);
int __pte_alloc(struct machine *m, struct mm_struct *mm, u32 addr);
void unmap_vmas(struct machine *m, struct mm_struct *mm,
		struct vm_area_struct *vma, u32 start, u32 end);
void free_pgtables(struct machine *m, struct mm_struct *mm, u32 start,
		   u32 end, u32 floor, u32 ceiling);
int copy_page_range(struct machine *m, struct mm_struct *dst,
		    struct mm_struct *src, struct vm_area_struct *vma);
void change_protection(struct machine *m, struct vm_area_struct *vma,
		       u32 start, u32 end, u32 newprot);
int move_page_tables(struct machine *m, struct vm_area_struct *vma,
		     u32 old_addr, struct vm_area_struct *new_vma,
		     u32 new_addr, u32 len);
/* The page mapped at a present PTE, or PFN_NONE for special PTEs (the
 * zero page). */
u32 vm_normal_page(struct machine *m, struct vm_area_struct *vma, u32 pte);
u32 zero_pfn(struct machine *m);

/* ---- faults ----------------------------------------------------------- */
int handle_mm_fault(struct machine *m, struct mm_struct *mm,
		    struct vm_area_struct *vma, u32 addr, bool write);
/* What do_page_fault decided, for `touch` to report. */
enum fault_outcome {
	FAULT_HANDLED,		/* retry the access */
	FAULT_SIGSEGV,		/* bad_area: the task is killed */
	FAULT_SIGBUS,
	FAULT_OOM,
	FAULT_FIXUP,		/* kernel access to user memory: -EFAULT */
	FAULT_OOPS,		/* kernel bug: no_context without a fixup */
};
struct fault_report {
	enum fault_outcome outcome;
	u32 address, error_code;
	int vm_fault;		/* VM_FAULT_* of handle_mm_fault */
	int si_code;		/* SEGV_MAPERR 1 / SEGV_ACCERR 2 */
	bool vmalloc_synced;
	bool stack_expanded;
	bool spurious;
	bool major;
};
void do_page_fault(struct machine *m, int cpu, u32 address, u32 error_code,
		   struct fault_report *r);
int make_pages_present(struct machine *m, struct mm_struct *mm, u32 start,
		       u32 end);

/* One access by the current task of a CPU, faulting and retrying as the
 * CPU would (at most a few faults per page).  Returns 0 with *phys, or
 * -EFAULT (the task got SIGSEGV/SIGBUS, or a kernel access failed). */
struct user_access {
	/* Called after each translation attempt and each fault (r NULL
	 * for an attempt); set before the call, kept by access_one. */
	void (*on_step)(void *arg, const struct mmu_access *a,
			const struct fault_report *r);
	void *arg;
	struct mmu_access first;	/* the first translation attempt */
	struct mmu_access last;		/* the one that succeeded (or not) */
	int nr_faults;
	struct fault_report fault;	/* the last fault */
};
int access_one(struct machine *m, int cpu, u32 vaddr, u32 acc,
	       struct user_access *ua);
int copy_from_user(struct machine *m, void *dst, u32 src, u32 len, u32 *left);
int copy_to_user(struct machine *m, u32 dst, const void *src, u32 len,
		 u32 *left);

/* ---- rmap (mm/rmap.c) -------------------------------------------------- */
int anon_vma_prepare(struct machine *m, struct vm_area_struct *vma);
void anon_vma_link(struct machine *m, struct vm_area_struct *vma);
void anon_vma_unlink(struct machine *m, struct vm_area_struct *vma);
void page_add_new_anon_rmap(struct machine *m, u32 pfn,
			    struct vm_area_struct *vma, u32 addr);
void page_add_anon_rmap(struct machine *m, u32 pfn);
void page_add_file_rmap(struct machine *m, u32 pfn);
void page_remove_rmap(struct machine *m, u32 pfn);
bool PageAnon(const struct page *p);

/* ---- tasks ------------------------------------------------------------ */
int sched_init(struct machine *m);	/* boot: state, init (pid 1) absent */
void sched_free(struct machine *m);
int do_execve(struct machine *m, const char *path, int argc, char **argv,
	      bool legacy_layout, struct task_struct **out);
int do_fork(struct machine *m, struct task_struct *parent,
	    struct task_struct **out);
int do_exit(struct machine *m, struct task_struct *t, int code);
int release_task(struct machine *m, struct task_struct *t);
int kernel_thread(struct machine *m, const char *name,
		  struct task_struct **out);
int context_switch(struct machine *m, int cpu, struct task_struct *next);
void mmput(struct machine *m, struct mm_struct *mm);
void mmdrop(struct machine *m, struct mm_struct *mm);

/* ---- views ------------------------------------------------------------ */
void show_maps(struct machine *m, struct task_struct *t, struct out *o);
void show_smaps(struct machine *m, struct task_struct *t, struct out *o);
void show_status(struct machine *m, struct task_struct *t, struct out *o);
void show_vmas(struct machine *m, struct mm_struct *mm, struct out *o);
void show_vma_tree(struct machine *m, struct mm_struct *mm, struct out *o);
void vm_flags_format(struct strbuf *sb, u32 flags);
int check_mm(struct machine *m, struct out *o);

#endif
