/* vmdb/printk.h: the kernel log buffer.  The engine writes its boot log and
 * warnings here; `dmesg` reads it.  Like the kernel's __log_buf it has a
 * fixed size (CONFIG_LOG_BUF_SHIFT=17, 128 KiB) and forgets the oldest
 * lines when full. */
#ifndef VMDB_PRINTK_H
#define VMDB_PRINTK_H

#include "vmdb/types.h"

#define LOG_BUF_LEN	(1u << 17)

struct printk_ring {
	char *buf;		/* whole lines, each ending in '\n' */
	size_t len;
	u64 seq;		/* lines ever logged */
};

struct machine;
struct out;

void printk(struct machine *m, const char *fmt, ...) PRINTF_LIKE(2, 3);
void printk_init(struct printk_ring *r);
void printk_free(struct printk_ring *r);
/* Prints the buffer; with last > 0 only the last `last` lines. */
void dmesg_show(struct machine *m, struct out *o, u32 last);
void dmesg_clear(struct machine *m);

#endif
