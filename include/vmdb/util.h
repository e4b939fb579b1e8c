/* vmdb/util.h: host-side helpers: allocation that never fails (out of host
 * memory is fatal), growable strings, and the shared argument parsers. */
#ifndef VMDB_UTIL_H
#define VMDB_UTIL_H

#include <stdarg.h>
#include <stdio.h>

#include "vmdb/types.h"

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* A copy of n bytes at p in new memory; NULL for NULL. */
void *xmemdup(const void *p, size_t n);
/* Large zeroed host arrays (mem_map): an anonymous mapping, with
 * transparent huge pages requested so that touching it is cheap. */
void *xmap_zeroed(size_t n);
void xunmap(void *p, size_t n);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);
void fatal(const char *fmt, ...) PRINTF_LIKE(1, 2) __attribute__((noreturn));

/* A growable, always NUL-terminated byte string. */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};

void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_puts(struct strbuf *sb, const char *s);
void sb_printf(struct strbuf *sb, const char *fmt, ...) PRINTF_LIKE(2, 3);
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap);

/*
 * Argument parsing shared by every command.  Each returns 0 on success or
 * -EINVAL/-ERANGE and writes a short reason ("not a number: 'x'") into why.
 */
int parse_u64(const char *s, u64 *out, char *why, size_t n);
int parse_size(const char *s, u64 *out, char *why, size_t n); /* K/M/G */
int parse_ulong_range(const char *s, u64 min, u64 max, u64 *out,
		      char *why, size_t n);
int parse_bool(const char *s, bool *out);

/* Levenshtein distance, for "did you mean" suggestions. */
int edit_distance(const char *a, const char *b);

#endif
