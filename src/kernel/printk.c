/* kernel/printk.c: the log buffer behind `dmesg`.  Lines are kept whole;
 * when the 128 KiB buffer is full the oldest lines are dropped, as the
 * kernel's ring overwrites them. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/clone.h"
#include "vmdb/machine.h"
#include "vmdb/out.h"
#include "vmdb/printk.h"

void
printk_init(struct printk_ring *r)
{
	r->buf = xmalloc(LOG_BUF_LEN);
	r->len = 0;
	r->seq = 0;
}

void
printk_free(struct printk_ring *r)
{
	free(r->buf);
	r->buf = NULL;
}

void
printk_clone(struct machine *new, const struct machine *old)
{
	const struct printk_ring *r = &old->log;

	new->log.buf = NULL;
	if (r->buf) {
		new->log.buf = xmalloc(LOG_BUF_LEN);
		memcpy(new->log.buf, r->buf, r->len);
	}
}

/* Drops whole lines from the front until need more bytes fit. */
static void
log_make_room(struct printk_ring *r, size_t need)
{
	size_t drop = 0;

	while (r->len - drop + need > LOG_BUF_LEN && drop < r->len) {
		char *nl = memchr(r->buf + drop, '\n', r->len - drop);

		drop = nl ? (size_t)(nl - r->buf) + 1 : r->len;
	}
	if (drop) {
		memmove(r->buf, r->buf + drop, r->len - drop);
		r->len -= drop;
	}
}

void
printk(struct machine *m, const char *fmt, ...)
{
	struct printk_ring *r = &m->log;
	char line[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	if (n == 0 || line[n - 1] != '\n')
		line[n++] = '\n';
	log_make_room(r, (size_t)n);
	memcpy(r->buf + r->len, line, (size_t)n);
	r->len += (size_t)n;
	r->seq++;
}

void
dmesg_show(struct machine *m, struct out *o, u32 last)
{
	struct printk_ring *r = &m->log;
	size_t start = r->len;

	if (last == 0) {
		out_write(o, r->buf, r->len);
		return;
	}
	/* Walk back over `last` newlines. */
	while (start > 0 && last > 0) {
		start--;
		while (start > 0 && r->buf[start - 1] != '\n')
			start--;
		last--;
	}
	out_write(o, r->buf + start, r->len - start);
}

void
dmesg_clear(struct machine *m)
{
	m->log.len = 0;
}
