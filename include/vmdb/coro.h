/* vmdb/coro.h: a coroutine: a function that runs on its own stack and can
 * hand control back to whoever resumed it, to be resumed later where it
 * left off.  The debugger runs a command's engine work on one, so that a
 * trace point deep inside the buddy allocator can stop and let the REPL
 * read the half-changed machine, while the engine's code stays ordinary
 * straight-line C (DESIGN.md, "Debugging").
 *
 * Built on ucontext (makecontext/swapcontext), with the fiber annotations
 * AddressSanitizer needs to follow a stack switch.
 */
#ifndef VMDB_CORO_H
#define VMDB_CORO_H

#include <stdbool.h>
#include <stddef.h>

struct coro;

/* A coroutine with a stack of stack_size bytes (a guard page below it);
 * its stack is reused by every coro_start. */
struct coro *coro_new(size_t stack_size);
void coro_free(struct coro *co);

/* Starts fn(arg) on the coroutine's stack and runs it until it yields or
 * returns.  The coroutine must not be running or suspended.  Returns true
 * if fn returned, false if it yielded. */
bool coro_start(struct coro *co, void (*fn)(void *), void *arg);
/* Resumes a suspended coroutine; the same return value. */
bool coro_resume(struct coro *co);
/* From inside the coroutine: back to the coro_start/coro_resume caller. */
void coro_yield(struct coro *co);

/* Is code running on the coroutine's stack right now? */
bool coro_running(const struct coro *co);
/* Is it suspended in coro_yield, waiting for coro_resume? */
bool coro_suspended(const struct coro *co);

#endif
