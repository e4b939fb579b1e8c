/* src/fs/exec.c: a new process runs a program image (fs/exec.c and
 * fs/binfmt_elf.c, 2.6.32, randomisation off): the stack VMA with the
 * argument pages plus 20 extra pages ending at 0xC0000000, the PT_LOAD
 * segments of the executable at their addresses, bss through set_brk and
 * padzero, the interpreter at the top of the mmap area, then what ld.so
 * itself does (its libraries, mapped with mmap like any user program,
 * and each object's RELRO pages made read-only with mprotect after
 * relocation), and the initial stack: argc, argv, envp, auxv.  The new task becomes
 * current on this CPU. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "vmdb/fs.h"
#include "vmdb/machine.h"
#include "vmdb/mmap.h"

#include "../mm/mm_impl.h"

#define STACK_TOP		0xc0000000u
#define EXTRA_STACK_VM_PAGES	20
#define MIN_GAP			(128u << 20)
#define EXEC_MAX_ARGS		32

static const char *const exec_env[] = {
	"HOME=/", "PATH=/bin:/usr/bin", "TERM=linux",
};

static u32
page_down(u32 x)
{
	return x & PAGE_MASK;
}

/*
 * arch_pick_mmap_layout (arch/x86/mm/mmap.c): top-down below a gap for
 * the stack unless the stack is unlimited (mmap_is_legacy) or the
 * legacy layout was asked for.  The gap is RLIMIT_STACK as it is at
 * exec, at least MIN_GAP (128 MiB) and at most 5/6 of TASK_SIZE: a
 * later setrlimit moves nothing until the next exec.
 */
static void
pick_mmap_layout(struct machine *m, struct mm_struct *mm, bool legacy)
{
	u32 rlim = mm_rlimit(m, mm, RLIMIT_STACK), gap = rlim;
	u32 max_gap = TASK_SIZE(m) / 6 * 5;

	if (legacy || m->sched->legacy_va_layout || rlim == RLIM_INFINITY) {
		mm->legacy_layout = true;
		mm->mmap_base = TASK_UNMAPPED_BASE(m);
		return;
	}
	if (gap < MIN_GAP)
		gap = MIN_GAP;
	if (gap > max_gap)
		gap = max_gap;
	mm->mmap_base = PAGE_ALIGN32(TASK_SIZE(m) - gap);
}

static int
put_user_bytes(struct machine *m, u32 uaddr, const void *buf, u32 len)
{
	u32 left;

	return copy_to_user(m, uaddr, buf, len, &left);
}

/* padzero: the bytes after the file data in the last page of a segment
 * must read as zero: a write there, which breaks COW on that page. */
static int
padzero(struct machine *m, u32 elf_bss)
{
	static const u8 zeroes[PAGE_SIZE];
	u32 off = elf_bss & ~PAGE_MASK;

	if (!off)
		return 0;
	return put_user_bytes(m, elf_bss, zeroes, PAGE_SIZE - off);
}

/* Maps one segment of f at base + its vaddr. */
static long
map_segment(struct machine *m, struct mm_struct *mm, struct vfile *f,
	    const struct exec_segment *s, u32 base, u32 extra_flags)
{
	u32 off = s->vaddr & ~PAGE_MASK;

	return do_mmap_pgoff(m, mm, f, page_down(base + s->vaddr),
			     s->filesz + off, s->prot,
			     MAP_PRIVATE | MAP_DENYWRITE | extra_flags,
			     (s->offset - off) >> PAGE_SHIFT);
}

/* The bss of a segment: zero the rest of the last file page, then
 * anonymous memory up to memsz (anon_bss: with do_brk, as binfmt_elf
 * does, or with an anonymous MAP_FIXED mmap, as ld.so does). */
static int
map_bss(struct machine *m, struct mm_struct *mm, const struct exec_segment *s,
	u32 base, bool with_brk)
{
	u32 elf_bss = base + s->vaddr + s->filesz;
	u32 start = PAGE_ALIGN32(elf_bss);
	u32 end = PAGE_ALIGN32(base + s->vaddr + s->memsz);
	long r;

	if (s->memsz <= s->filesz)
		return 0;
	if (padzero(m, elf_bss))
		return -EFAULT;
	if (end <= start)
		return 0;
	if (with_brk)
		r = do_brk(m, mm, start, end - start);
	else
		r = do_mmap_pgoff(m, mm, NULL, start, end - start,
				  s->prot, MAP_PRIVATE | MAP_ANONYMOUS |
				  MAP_FIXED, 0);
	return r < 0 ? (int)r : 0;
}

/* A shared object (ld.so, or a library ld.so maps): the whole span
 * first, with the first segment's protection, so the kernel picks one
 * hole for all of it; then the other segments MAP_FIXED in place, the
 * gaps between them PROT_NONE, the bss.  Returns the load base. */
static long
map_shared_object(struct machine *m, struct mm_struct *mm,
		  const struct exec_image *img, bool kernel_loader)
{
	struct vfile *f = file_lookup(m, img->path);
	const struct exec_segment *s0 = &img->segs[0];
	const struct exec_segment *sl = &img->segs[img->nr_segs - 1];
	u32 first = page_down(s0->vaddr);
	u32 total = PAGE_ALIGN32(sl->vaddr + sl->memsz) - first, base;
	u32 first_len = PAGE_ALIGN32(s0->vaddr + s0->filesz) - first;
	long r;
	int i;

	if (!f)
		return machine_err(m, -ENOENT, "%s: no such file", img->path);
	r = do_mmap_pgoff(m, mm, f, 0, total, s0->prot,
			  MAP_PRIVATE | MAP_DENYWRITE,
			  (s0->offset - (s0->vaddr - first)) >> PAGE_SHIFT);
	if (r < 0)
		return r;
	base = (u32)r - first;
	if (kernel_loader) {
		/* elf_map: only the first segment stays; the rest of the
		 * reservation is unmapped and mapped again piece by piece. */
		if (total > first_len &&
		    do_munmap(m, mm, (u32)r + first_len, total - first_len))
			return -ENOMEM;
	}
	for (i = 1; i < img->nr_segs; i++) {
		const struct exec_segment *p = &img->segs[i - 1];
		const struct exec_segment *s = &img->segs[i];
		u32 gap_start = PAGE_ALIGN32(base + p->vaddr + p->memsz);
		u32 gap_end = page_down(base + s->vaddr);

		if (!kernel_loader && gap_end > gap_start) {
			r = do_mmap_pgoff(m, mm, f, gap_start,
					  gap_end - gap_start, PROT_NONE,
					  MAP_PRIVATE | MAP_FIXED,
					  (gap_start - base - first +
					   s0->offset) >> PAGE_SHIFT);
			if (r < 0)
				return r;
		}
		r = map_segment(m, mm, f, s, base, MAP_FIXED);
		if (r < 0)
			return r;
	}
	for (i = 0; i < img->nr_segs; i++)
		if (map_bss(m, mm, &img->segs[i], base, kernel_loader))
			return -ENOMEM;
	return base;
}

/*
 * _dl_protect_relro: after ld.so has relocated an object, the part of
 * its data that only relocation had to write (PT_GNU_RELRO: .ctors to
 * .got) becomes read-only, through mprotect like any process's call:
 * [relro start, relro end), both rounded down to pages, so the partial
 * last page stays writable.  mprotect_fixup splits the data segment's
 * rw-p VMA into r--p and rw-p.
 */
static int
protect_relro(struct machine *m, struct mm_struct *mm,
	      const struct exec_image *img, u32 base)
{
	u32 start = page_down(base + img->relro_vaddr);
	u32 end = page_down(base + img->relro_vaddr + img->relro_memsz);

	if (!img->relro_memsz || start == end)
		return 0;
	return sys_mprotect(m, mm, start, end - start, PROT_READ);
}

/* create_elf_tables, simplified: argc, argv[], NULL, envp[], NULL and an
 * auxiliary vector (AT_PHDR, AT_PAGESZ, AT_BASE, AT_ENTRY, AT_NULL)
 * below the strings. */
static int
setup_stack(struct machine *m, struct task_struct *t, int argc, char **argv,
	    const char *path, u32 interp_base, u32 entry)
{
	struct mm_struct *mm = t->mm;
	u32 p = STACK_TOP - 4, argp[EXEC_MAX_ARGS], envp[ARRAY_SIZE(exec_env)];
	u32 words[EXEC_MAX_ARGS + ARRAY_SIZE(exec_env) + 16], n = 0, sp;
	int i, nenv = (int)ARRAY_SIZE(exec_env);

	p -= (u32)strlen(path) + 1;
	if (put_user_bytes(m, p, path, (u32)strlen(path) + 1))
		return -EFAULT;
	mm->env_end = p;
	for (i = nenv - 1; i >= 0; i--) {
		u32 len = (u32)strlen(exec_env[i]) + 1;

		p -= len;
		if (put_user_bytes(m, p, exec_env[i], len))
			return -EFAULT;
		envp[i] = p;
	}
	mm->env_start = mm->arg_end = p;
	for (i = argc - 1; i >= 0; i--) {
		u32 len = (u32)strlen(argv[i]) + 1;

		p -= len;
		if (put_user_bytes(m, p, argv[i], len))
			return -EFAULT;
		argp[i] = p;
	}
	mm->arg_start = p;
	words[n++] = (u32)argc;
	for (i = 0; i < argc; i++)
		words[n++] = argp[i];
	words[n++] = 0;
	for (i = 0; i < nenv; i++)
		words[n++] = envp[i];
	words[n++] = 0;
	words[n++] = 3;			/* AT_PHDR */
	words[n++] = mm->start_code + 0x34;
	words[n++] = 6;			/* AT_PAGESZ */
	words[n++] = PAGE_SIZE;
	words[n++] = 7;			/* AT_BASE */
	words[n++] = interp_base;
	words[n++] = 9;			/* AT_ENTRY */
	words[n++] = entry;
	words[n++] = 0;			/* AT_NULL */
	words[n++] = 0;
	sp = ((p - n * 4) & ~15u);
	if (put_user_bytes(m, sp, words, n * 4))
		return -EFAULT;
	t->sp = sp;
	mm->start_stack = sp;
	return 0;
}

/* The executable's own segments, then bss and brk. */
static int
load_executable(struct machine *m, struct mm_struct *mm, struct vfile *f,
		const struct exec_image *img)
{
	u32 elf_bss = 0, elf_brk = 0;
	int i;

	mm->start_code = ~0u;
	for (i = 0; i < img->nr_segs; i++) {
		const struct exec_segment *s = &img->segs[i];
		long r = map_segment(m, mm, f, s, 0, MAP_FIXED | MAP_EXECUTABLE);

		if (r < 0)
			return (int)r;
		if (s->vaddr < mm->start_code)
			mm->start_code = s->vaddr;
		if ((s->prot & PROT_EXEC) && s->vaddr + s->filesz > mm->end_code)
			mm->end_code = s->vaddr + s->filesz;
		if (!(s->prot & PROT_EXEC)) {
			mm->start_data = s->vaddr;
			mm->end_data = s->vaddr + s->filesz;
		}
		if (s->vaddr + s->filesz > elf_bss)
			elf_bss = s->vaddr + s->filesz;
		if (s->vaddr + s->memsz > elf_brk)
			elf_brk = s->vaddr + s->memsz;
	}
	/* set_brk, then padzero: the heap starts at the page-aligned end
	 * of bss (no brk randomisation). */
	if (PAGE_ALIGN32(elf_brk) > PAGE_ALIGN32(elf_bss)) {
		long r = do_brk(m, mm, PAGE_ALIGN32(elf_bss),
				PAGE_ALIGN32(elf_brk) - PAGE_ALIGN32(elf_bss));

		if (r < 0)
			return (int)r;
	}
	mm->start_brk = mm->brk = PAGE_ALIGN32(elf_brk);
	return padzero(m, elf_bss);
}

int
do_execve(struct machine *m, const char *path, int argc, char **argv,
	  bool legacy_layout, struct task_struct **out)
{
	const struct exec_image *img = exec_image_find(path);
	struct vfile *f = file_lookup(m, path);
	struct vm_area_struct *stack;
	struct task_struct *t, *parent = current_task(m);
	struct mm_struct *mm;
	const char *comm = strrchr(path, '/');
	const struct exec_image *lib[EXEC_MAX_LIBS];
	u32 interp_base = 0, entry, lib_base[EXEC_MAX_LIBS];
	int err, i, nr_libs = 0;

	if (!f)
		return machine_err(m, -ENOENT, "%s: no such file", path);
	if (!img)
		return machine_err(m, -ENOEXEC, "%s is not a program image "
				   "(see `files`)", path);
	if (argc > EXEC_MAX_ARGS)
		return machine_err(m, -E2BIG, "at most %d arguments",
				   EXEC_MAX_ARGS);
	t = task_new(m, comm ? comm + 1 : path, parent, true);
	if (!t)
		return machine_err(m, -ENOMEM, "no memory for a task");
	mm = t->mm;
	pick_mmap_layout(m, mm, legacy_layout);
	mm->free_area_cache = mm->mmap_base;
	mm->vdso = VDSO_HIGH_BASE;

	/* bprm_mm_init: one page of stack at the top, for the strings. */
	stack = vma_alloc(m, mm);
	if (!stack) {
		err = -ENOMEM;
		goto fail;
	}
	stack->vm_end = STACK_TOP;
	stack->vm_start = STACK_TOP - PAGE_SIZE;
	stack->vm_flags = VM_STACK_FLAGS;
	stack->vm_page_prot = vm_get_page_prot(VM_STACK_FLAGS);
	insert_vm_struct(m, mm, stack);
	mm->total_vm = mm->stack_vm = 1;

	err = context_switch(m, m->this_cpu, t);
	if (err)
		goto fail;
	t->sp = STACK_TOP - 4;
	/* setup_arg_pages: 20 more pages below the argument page. */
	err = expand_stack(m, stack, stack->vm_start -
			   EXTRA_STACK_VM_PAGES * PAGE_SIZE);
	if (err)
		goto fail;
	err = load_executable(m, mm, f, img);
	if (err)
		goto fail;
	entry = img->entry;
	if (img->interp) {
		const struct exec_image *ld = exec_image_find(img->interp);
		long base;

		if (!ld) {
			err = machine_err(m, -ENOEXEC, "no interpreter %s",
					  img->interp);
			goto fail;
		}
		base = map_shared_object(m, mm, ld, true);
		if (base < 0) {
			err = (int)base;
			goto fail;
		}
		interp_base = (u32)base;
		t->ip = interp_base + ld->entry;
	} else {
		t->ip = entry;
	}
	err = setup_stack(m, t, argc, argv, path, interp_base, entry);
	if (err)
		goto fail;
	/* What ld.so does before main: map the libraries, ... */
	for (i = 0; img->interp && i < EXEC_MAX_LIBS && img->libs[i]; i++) {
		long base;

		lib[i] = exec_image_find(img->libs[i]);
		if (!lib[i]) {
			err = machine_err(m, -ENOENT, "%s: no such library",
					  img->libs[i]);
			goto fail;
		}
		base = map_shared_object(m, mm, lib[i], false);
		if (base < 0) {
			err = (int)base;
			goto fail;
		}
		lib_base[i] = (u32)base;
		nr_libs++;
	}
	/* ... then relocate them, the last loaded first, each made
	 * read-only where PT_GNU_RELRO says once it is done; then the
	 * program; ld.so's own relro last (dl_main). */
	for (i = nr_libs - 1; i >= 0; i--) {
		err = protect_relro(m, mm, lib[i], lib_base[i]);
		if (err)
			goto fail;
	}
	if (img->interp) {
		err = protect_relro(m, mm, img, 0);
		if (!err)
			err = protect_relro(m, mm, exec_image_find(img->interp),
					    interp_base);
		if (err)
			goto fail;
	}
	*out = t;
	return 0;
fail:
	if (t->state == TASK_RUNNING) {
		char why[sizeof(m->why)];
		int pid = t->pid;

		memcpy(why, m->why, sizeof(why));
		do_exit(m, t, 0);
		t = find_task_by_pid(m, pid);
		if (t)
			release_task(m, t);
		memcpy(m->why, why, sizeof(why));
	}
	return err ? err : -ENOMEM;
}
