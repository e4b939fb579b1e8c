/* vmdb/out.h: an output sink.  Commands and the engine's /proc-style
 * formatters write through a struct out; the front end decides whether it
 * lands on stdout, in a TUI pane or in a buffer (tests). */
#ifndef VMDB_OUT_H
#define VMDB_OUT_H

#include <stdarg.h>
#include <stdio.h>

#include "vmdb/types.h"
#include "vmdb/util.h"

enum out_kind { OUT_FILE, OUT_BUF, OUT_FUNC, OUT_NULL };

struct out {
	enum out_kind kind;
	FILE *fp;			/* OUT_FILE */
	struct strbuf sb;		/* OUT_BUF */
	void (*fn)(void *arg, const char *s, size_t n);	/* OUT_FUNC */
	void *arg;
};

void out_init_file(struct out *o, FILE *fp);
void out_init_buf(struct out *o);
void out_init_func(struct out *o, void (*fn)(void *, const char *, size_t),
		   void *arg);
/* A sink that throws everything away without formatting it (replay). */
void out_init_null(struct out *o);
void out_done(struct out *o);

void out_write(struct out *o, const char *s, size_t n);
void out_puts(struct out *o, const char *s);
void out_printf(struct out *o, const char *fmt, ...) PRINTF_LIKE(2, 3);
void out_vprintf(struct out *o, const char *fmt, va_list ap);

#endif
