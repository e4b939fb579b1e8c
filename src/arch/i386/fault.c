/* src/arch/i386/fault.c: the page-fault handler (arch/x86/mm/fault.c,
 * 2.6.32): vmalloc_fault, spurious faults, bad_area with the segfault
 * line, stack growth, access_error, handle_mm_fault; then the CPU side
 * of an access that faults and retries (access_one) and the kernel's
 * copies to and from user memory with their exception-table fixup. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "vmdb/fs.h"
#include "vmdb/machine.h"
#include "vmdb/mmap.h"
#include "vmdb/pgtable.h"
#include "vmdb/printk.h"
#include "vmdb/util.h"

#include "../../mm/mm_impl.h"

#define SIGSEGV		11
#define SIGBUS		7
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2

/* A kernel-mode access to vmalloc space through a pgd made before the
 * area existed: copy swapper_pg_dir's PDE into the current one. */
static int
vmalloc_fault(struct machine *m, int cpu, u32 address)
{
	u32 idx = address >> PGDIR_SHIFT, pgd = m->cpus[cpu].cr3 & PAGE_MASK;
	u32 kpde = ram32(m, m->swapper_pg_dir + idx * 4), pte_pa;
	int ret = -1;

	TP_ENTER(m, vmalloc_fault, address);
	if (address < m->vmalloc_start || address >= m->vmalloc_end)
		goto out;
	if (!(kpde & _PAGE_PRESENT))
		goto out;
	if (!(ram32(m, pgd + idx * 4) & _PAGE_PRESENT))
		set_ram32(m, pgd + idx * 4, kpde);
	else if ((ram32(m, pgd + idx * 4) & PAGE_MASK) != (kpde & PAGE_MASK))
		goto out;	/* the kernel BUGs here */
	pte_pa = (kpde & PAGE_MASK) + ((address >> PAGE_SHIFT) & 1023) * 4;
	if (!(ram32(m, pte_pa) & _PAGE_PRESENT))
		goto out;
	ret = 0;
out:
	TP_EXIT(m, vmalloc_fault, ret);
	return ret;
}

/* A protection fault on a kernel address whose tables now allow the
 * access: the TLB held a stale, stricter entry. */
static bool
spurious_fault(struct machine *m, int cpu, u32 address, u32 error_code)
{
	struct pt_walk w;

	if ((error_code & ~(PF_WRITE | PF_PROT)) != 0)
		return false;
	if (pt_walk(m, m->cpus[cpu].cr3 & PAGE_MASK, address, &w))
		return false;
	if ((error_code & PF_WRITE) && !(w.flags & _PAGE_RW))
		return false;
	return true;
}

static bool
access_error(u32 error_code, bool write, struct vm_area_struct *vma)
{
	if (write)
		return !(vma->vm_flags & VM_WRITE);
	if (error_code & PF_PROT)
		return true;
	return !(vma->vm_flags & (VM_READ | VM_EXEC | VM_WRITE));
}

/* The file VMA holding ip, for the " in sh[8048000+b3000]" suffix. */
static void
print_vma_addr(struct machine *m, struct mm_struct *mm, u32 ip,
	       struct strbuf *sb)
{
	struct vm_area_struct *vma = mm ? find_vma(m, mm, ip) : NULL;
	const char *name;

	if (!vma || vma->vm_start > ip || !vma->vm_file)
		return;
	name = strrchr(vma->vm_file->name, '/');
	name = name ? name + 1 : vma->vm_file->name;
	sb_printf(sb, " in %s[%x+%x]", name, vma->vm_start,
		  vma->vm_end - vma->vm_start);
}

/* __bad_area_nosemaphore: a user access gets SIGSEGV and the log line;
 * a kernel one goes to no_context. */
static void
bad_area(struct machine *m, int cpu, u32 address, u32 error_code, int si_code,
	 struct fault_report *r)
{
	struct task_struct *t = m->cpus[cpu].current;
	struct strbuf sb;

	r->si_code = si_code;
	if (!(error_code & PF_USER)) {
		if (m->sched && m->sched->in_uaccess && address < TASK_SIZE(m)) {
			r->outcome = FAULT_FIXUP;
			return;
		}
		r->outcome = FAULT_OOPS;
		printk(m, "BUG: unable to handle kernel paging "
		       "request at %08x\n", address);
		return;
	}
	r->outcome = FAULT_SIGSEGV;
	if (!t)
		return;
	sb_init(&sb);
	sb_printf(&sb, "%s[%d]: segfault at %x ip %08x sp %08x error %x",
		  t->comm, t->pid, address, t->ip, t->sp, error_code);
	print_vma_addr(m, t->mm, t->ip, &sb);
	printk(m, "%s\n", sb.buf);
	sb_free(&sb);
}

/* Every fault comes here: split trace point (vmdb/trace.h). */
static inline __attribute__((always_inline)) void
do_page_fault_(struct machine *m, int cpu, u32 address, u32 error_code,
	       struct fault_report *r, bool traced)
{
	struct task_struct *t = m->cpus[cpu].current;
	struct mm_struct *mm = t ? t->mm : NULL;
	struct vm_area_struct *vma;
	bool write = error_code & PF_WRITE;
	int fault;

	memset(r, 0, sizeof(*r));
	r->address = address;
	r->error_code = error_code;
	TP_ENTER_IF(traced, m, do_page_fault, address, error_code);
	if (address >= TASK_SIZE(m)) {
		if (!(error_code & (PF_RSVD | PF_USER | PF_PROT)) &&
		    vmalloc_fault(m, cpu, address) == 0) {
			r->vmalloc_synced = true;
			goto out;
		}
		if (spurious_fault(m, cpu, address, error_code)) {
			r->spurious = true;
			goto out;
		}
		bad_area(m, cpu, address, error_code, SEGV_MAPERR, r);
		goto out;
	}
	if (error_code & PF_RSVD) {
		r->outcome = FAULT_OOPS;
		printk(m, "%s: corrupted page table at address %x\n",
		       t ? t->comm : "swapper", address);
		goto out;
	}
	if (!mm) {
		bad_area(m, cpu, address, error_code, SEGV_MAPERR, r);
		goto out;
	}
	vma = find_vma(m, mm, address);
	if (!vma) {
		bad_area(m, cpu, address, error_code, SEGV_MAPERR, r);
		goto out;
	}
	if (vma->vm_start > address) {
		if (!(vma->vm_flags & VM_GROWSDOWN)) {
			bad_area(m, cpu, address, error_code, SEGV_MAPERR, r);
			goto out;
		}
		if ((error_code & PF_USER) &&
		    (u64)address + STACK_GUARD_GAP < t->sp) {
			machine_err(m, -EFAULT, "%08x is more than 65536+128 "
				    "bytes below sp %08x", address, t->sp);
			bad_area(m, cpu, address, error_code, SEGV_MAPERR, r);
			goto out;
		}
		if (expand_stack(m, vma, address)) {
			bad_area(m, cpu, address, error_code, SEGV_MAPERR, r);
			goto out;
		}
		r->stack_expanded = true;
	}
	if (access_error(error_code, write, vma)) {
		bad_area(m, cpu, address, error_code, SEGV_ACCERR, r);
		goto out;
	}
	fault = handle_mm_fault(m, mm, vma, address, write);
	r->vm_fault = fault;
	if (fault & VM_FAULT_OOM) {
		r->outcome = FAULT_OOM;
		goto out;
	}
	if (fault & VM_FAULT_SIGBUS) {
		if (!(error_code & PF_USER) && m->sched->in_uaccess)
			r->outcome = FAULT_FIXUP;
		else
			r->outcome = (error_code & PF_USER) ? FAULT_SIGBUS :
							      FAULT_OOPS;
		goto out;
	}
	r->major = fault & VM_FAULT_MAJOR;
	if (r->major)
		t->maj_flt++;
	else
		t->min_flt++;
out:
	TP_EXIT_IF(traced, m, do_page_fault, r->outcome);
}

static void __attribute__((noinline, cold))
do_page_fault_traced(struct machine *m, int cpu, u32 address, u32 error_code,
		     struct fault_report *r)
{
	do_page_fault_(m, cpu, address, error_code, r, true);
}

void
do_page_fault(struct machine *m, int cpu, u32 address, u32 error_code,
	      struct fault_report *r)
{
	if (TP_ARMED(m))
		do_page_fault_traced(m, cpu, address, error_code, r);
	else
		do_page_fault_(m, cpu, address, error_code, r, false);
}

/* One access, the way the CPU retries an instruction after the fault
 * handler returns.  A task that gets a signal is killed (no handlers). */
int
access_one(struct machine *m, int cpu, u32 vaddr, u32 acc,
	   struct user_access *ua)
{
	struct mmu_access *a = &ua->first;
	void (*on_step)(void *, const struct mmu_access *,
			const struct fault_report *) = ua->on_step;
	void *arg = ua->arg;
	int i, ok;

	memset(ua, 0, sizeof(*ua));
	ua->on_step = on_step;
	ua->arg = arg;
	for (i = 0; i < 4; i++) {
		ok = !mmu_access(m, cpu, vaddr, acc, a);
		if (on_step)
			on_step(arg, a, NULL);
		if (ok) {
			if (a != &ua->last)
				ua->last = *a;
			return 0;
		}
		ua->nr_faults++;
		m->why[0] = '\0';	/* the handler says why, if it fails */
		do_page_fault(m, cpu, vaddr, a->error_code, &ua->fault);
		if (on_step)
			on_step(arg, a, &ua->fault);
		if (ua->fault.outcome != FAULT_HANDLED) {
			struct task_struct *t = m->cpus[cpu].current;

			ua->last = *a;
			if (t && (ua->fault.outcome == FAULT_SIGSEGV ||
				  ua->fault.outcome == FAULT_SIGBUS)) {
				int sig = ua->fault.outcome == FAULT_SIGSEGV ?
					SIGSEGV : SIGBUS;

				TP_EVENT(m, force_sig_info, sig, vaddr, t->pid);
				do_exit(m, t, sig);
			}
			return -EFAULT;
		}
		a = &ua->last;
	}
	return machine_err(m, -EFAULT, "access to %08x still faults after %d "
			   "faults", vaddr, i);
}

/* access_ok: the range must stay below the user limit. */
static bool
access_ok(struct machine *m, u32 addr, u32 len)
{
	return (u64)addr + len <= TASK_SIZE(m);
}

/* The kernel copies page by page, faulting in kernel mode; a fault that
 * cannot be handled takes the exception-table fixup and the copy
 * returns what was left.  *left is set; returns 0 or -EFAULT. */
static int
copy_user(struct machine *m, u8 *kbuf, u32 uaddr, u32 len, bool to_user,
	  u32 *left)
{
	struct user_access ua;
	int cpu = m->this_cpu;
	u32 done = 0;

	memset(&ua, 0, sizeof(ua));
	*left = len;
	if (!access_ok(m, uaddr, len))
		return machine_err(m, -EFAULT, "%08x+%u is beyond user space",
				   uaddr, len);
	m->sched->in_uaccess = true;
	while (done < len) {
		u32 a = uaddr + done, n = MIN(len - done,
					      PAGE_SIZE - (a & ~PAGE_MASK));

		if (access_one(m, cpu, a, to_user ? ACC_WRITE : ACC_READ, &ua))
			break;
		if (to_user)
			ram_write(m, ua.last.phys, kbuf + done, n);
		else
			ram_read(m, ua.last.phys, kbuf + done, n);
		done += n;
	}
	m->sched->in_uaccess = false;
	*left = len - done;
	if (*left && !to_user)
		memset(kbuf + done, 0, *left);
	if (*left)
		return machine_err(m, -EFAULT, "fault at %08x: fixup, %u of %u "
				   "bytes not copied", uaddr + done, *left, len);
	return 0;
}

int
copy_from_user(struct machine *m, void *dst, u32 src, u32 len, u32 *left)
{
	return copy_user(m, dst, src, len, false, left);
}

int
copy_to_user(struct machine *m, u32 dst, const void *src, u32 len, u32 *left)
{
	return copy_user(m, (u8 *)src, dst, len, true, left);
}
