/* ui/session.c: the session every front end shares: its output sinks, the
 * machine it owns, and the one place error lines are printed. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "debug.h"
#include "snapshot.h"
#include "ui/tui/tui.h"
#include "vmdb/util.h"

/* Output goes to stdout, error lines to stderr, until a front end (a TUI
 * pane, a test) points them elsewhere. */
void
vmdb_init(struct vmdb *v)
{
	memset(v, 0, sizeof(*v));
	v->x_fmt = 'x';
	v->x_unit = 4;
	out_init_file(&v->out, stdout);
	out_init_file(&v->err, stderr);
}

/* Frees the machine and the journal and flushes the sinks; v can be
 * initialised again. */
void
vmdb_done(struct vmdb *v)
{
	dbg_free(v);
	snap_session_free(v);
	tui_free(v->tui);
	v->tui = NULL;
	if (v->m) {
		machine_free(v->m);
		v->m = NULL;
	}
	journal_free(&v->journal);
	out_done(&v->out);
	out_done(&v->err);
}

/*
 * Prints line and a newline as one write on the error sink, after flushing
 * normal output so that a transcript taken with 2>&1 shows each error
 * after the output that came before it.  Counts the error and returns -1.
 */
int
vmdb_error_raw(struct vmdb *v, const char *line)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_printf(&sb, "%s\n", line);
	if (v->out.kind == OUT_FILE && v->out.fp)
		fflush(v->out.fp);
	out_write(&v->err, sb.buf, sb.len);
	if (v->err.kind == OUT_FILE && v->err.fp)
		fflush(v->err.fp);
	sb_free(&sb);
	v->nerrors++;
	return -1;
}

/*
 * Prints "[FILE:LINE: ]vmdb: message" (vmdb_error_raw), and returns -1,
 * so that callers can `return vmdb_error(...)`.
 */
int
vmdb_error(struct vmdb *v, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	sb_init(&sb);
	if (v->file)
		sb_printf(&sb, "%s:%d: ", v->file, v->line);
	sb_puts(&sb, "vmdb: ");
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	vmdb_error_raw(v, sb.buf);
	sb_free(&sb);
	return -1;
}
