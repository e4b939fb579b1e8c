/* debug/coro.c: coroutines on ucontext.  See vmdb/coro.h. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "vmdb/coro.h"
#include "vmdb/util.h"

#if defined(__SANITIZE_ADDRESS__)
#define CORO_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CORO_ASAN 1
#endif
#endif

#ifdef CORO_ASAN
#include <dlfcn.h>
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>

/*
 * ASan intercepts swapcontext to unpoison the stack it switches to, and
 * warns on stderr the first time that it "may produce false positives".
 * The fiber annotations around every switch tell it all it needs, and
 * coro_start unpoisons the reused stack itself, so the switch goes to
 * libc's swapcontext directly: transcripts stay free of the warning.
 */
static int
real_swapcontext(ucontext_t *from, const ucontext_t *to)
{
	static int (*fn)(ucontext_t *, const ucontext_t *);

	if (!fn) {
		/* Not RTLD_NEXT: the sanitizer's library comes next. */
		void *libc = dlopen("libc.so.6", RTLD_LAZY | RTLD_NOLOAD);

		if (libc)
			*(void **)&fn = dlsym(libc, "swapcontext");
		if (!fn)
			fatal("coroutine: no swapcontext in libc");
	}
	return fn(from, to);
}
#define swapcontext real_swapcontext
#endif

struct coro {
	ucontext_t ctx;			/* the coroutine's saved registers */
	ucontext_t caller;		/* who resumed it */
	char *map;			/* guard page + stack */
	size_t map_size;
	char *stack;
	size_t stack_size;
	void (*fn)(void *);
	void *arg;
	bool running;			/* on its own stack now */
	bool suspended;			/* in coro_yield */
	bool finished;			/* fn returned */
#ifdef CORO_ASAN
	void *caller_fake;		/* ASan's fake stacks, saved when */
	void *coro_fake;		/* each side is left */
	const void *caller_bottom;	/* the caller's stack, for ASan */
	size_t caller_size;
#endif
};

/* ASan must be told before each switch which stack comes next, and after
 * it which stack was left (its fake-stack frames, its bounds). */
static void
switch_begin(struct coro *co, bool to_coro)
{
#ifdef CORO_ASAN
	if (to_coro)
		__sanitizer_start_switch_fiber(&co->caller_fake, co->stack,
					       co->stack_size);
	else	/* a finished coroutine's fake stack is destroyed */
		__sanitizer_start_switch_fiber(co->finished ? NULL :
					       &co->coro_fake,
					       co->caller_bottom,
					       co->caller_size);
#else
	(void)co;
	(void)to_coro;
#endif
}

static void
switch_end(struct coro *co, bool in_coro)
{
#ifdef CORO_ASAN
	if (in_coro)
		__sanitizer_finish_switch_fiber(co->coro_fake,
						&co->caller_bottom,
						&co->caller_size);
	else
		__sanitizer_finish_switch_fiber(co->caller_fake, NULL, NULL);
#else
	(void)co;
	(void)in_coro;
#endif
}

struct coro *
coro_new(size_t stack_size)
{
	struct coro *co = xcalloc(1, sizeof(*co));
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	co->stack_size = (stack_size + page - 1) & ~(page - 1);
	co->map_size = co->stack_size + page;
	co->map = mmap(NULL, co->map_size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (co->map == MAP_FAILED)
		fatal("coroutine stack: out of memory");
	/* A stack overflow hits the guard page, not the heap. */
	mprotect(co->map, page, PROT_NONE);
	co->stack = co->map + page;
	return co;
}

void
coro_free(struct coro *co)
{
	if (!co)
		return;
	munmap(co->map, co->map_size);
	free(co);
}

/* makecontext passes int arguments only: the pointer goes in two halves. */
static void
trampoline(unsigned int lo, unsigned int hi)
{
	struct coro *co = (struct coro *)(((uintptr_t)hi << 16 << 16) |
					  (uintptr_t)lo);

	switch_end(co, true);
	co->fn(co->arg);
	co->finished = true;
	co->running = false;
	switch_begin(co, false);
	/* uc_link returns to the caller's context. */
}

static bool
enter(struct coro *co)
{
	co->running = true;
	co->suspended = false;
	switch_begin(co, true);
	swapcontext(&co->caller, &co->ctx);
	switch_end(co, false);
	return co->finished;
}

bool
coro_start(struct coro *co, void (*fn)(void *), void *arg)
{
	uintptr_t p = (uintptr_t)co;

	if (co->running || co->suspended)
		fatal("coro_start: coroutine busy");
	getcontext(&co->ctx);
	co->ctx.uc_stack.ss_sp = co->stack;
	co->ctx.uc_stack.ss_size = co->stack_size;
	co->ctx.uc_link = &co->caller;
	co->fn = fn;
	co->arg = arg;
	co->finished = false;
#ifdef CORO_ASAN
	co->coro_fake = NULL;
	/* The last run's frames left their redzones poisoned. */
	__asan_unpoison_memory_region(co->stack, co->stack_size);
#endif
	makecontext(&co->ctx, (void (*)(void))trampoline, 2,
		    (unsigned int)(p & 0xffffffffu),
		    (unsigned int)(p >> 16 >> 16));
	return enter(co);
}

bool
coro_resume(struct coro *co)
{
	if (!co->suspended)
		fatal("coro_resume: coroutine not suspended");
	return enter(co);
}

void
coro_yield(struct coro *co)
{
	if (!co->running)
		fatal("coro_yield: not on the coroutine");
	co->running = false;
	co->suspended = true;
	switch_begin(co, false);
	swapcontext(&co->ctx, &co->caller);
	switch_end(co, true);
}

bool
coro_running(const struct coro *co)
{
	return co && co->running;
}

bool
coro_suspended(const struct coro *co)
{
	return co && co->suspended;
}
