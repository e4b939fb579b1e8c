/* lib/out.c: output sinks (stdout, a memory buffer, a callback). */
#include "config.h"

#include <string.h>

#include "vmdb/out.h"

void
out_init_file(struct out *o, FILE *fp)
{
	memset(o, 0, sizeof(*o));
	o->kind = OUT_FILE;
	o->fp = fp;
}

void
out_init_buf(struct out *o)
{
	memset(o, 0, sizeof(*o));
	o->kind = OUT_BUF;
	sb_init(&o->sb);
}

void
out_init_func(struct out *o, void (*fn)(void *, const char *, size_t),
	      void *arg)
{
	memset(o, 0, sizeof(*o));
	o->kind = OUT_FUNC;
	o->fn = fn;
	o->arg = arg;
}

void
out_init_null(struct out *o)
{
	memset(o, 0, sizeof(*o));
	o->kind = OUT_NULL;
}

void
out_done(struct out *o)
{
	if (o->kind == OUT_BUF)
		sb_free(&o->sb);
	else if (o->kind == OUT_FILE && o->fp)
		fflush(o->fp);
}

void
out_write(struct out *o, const char *s, size_t n)
{
	switch (o->kind) {
	case OUT_FILE:
		fwrite(s, 1, n, o->fp);
		break;
	case OUT_BUF:
		sb_add(&o->sb, s, n);
		break;
	case OUT_FUNC:
		o->fn(o->arg, s, n);
		break;
	case OUT_NULL:
		break;
	}
}

void
out_puts(struct out *o, const char *s)
{
	out_write(o, s, strlen(s));
}

void
out_vprintf(struct out *o, const char *fmt, va_list ap)
{
	struct strbuf sb;

	if (o->kind == OUT_NULL)
		return;
	if (o->kind == OUT_FILE) {
		vfprintf(o->fp, fmt, ap);
		return;
	}
	if (o->kind == OUT_BUF) {
		sb_vprintf(&o->sb, fmt, ap);
		return;
	}
	sb_init(&sb);
	sb_vprintf(&sb, fmt, ap);
	out_write(o, sb.buf, sb.len);
	sb_free(&sb);
}

void
out_printf(struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_vprintf(o, fmt, ap);
	va_end(ap);
}
