/* cmds/journal.c: the session's journal of machine-changing commands and
 * rebuilding a machine by replaying it (see journal.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "vmdb/util.h"

extern const struct cmd_entry cmd_boot_entry;

bool
cmd_modifies(const struct cmd_ctx *c, int argc, char **argv)
{
	const struct cmd_entry *e = c->entry;

	if (!(e->flags & CMD_MODIFIES))
		return false;
	return e->modifies == NULL || e->modifies(c, argc, argv);
}

void
journal_truncate(struct journal *j, size_t n)
{
	while (j->len > n) {
		struct journal_entry *je = &j->e[--j->len];

		free(je->line);
		free(je->cfg);
	}
}

void
journal_free(struct journal *j)
{
	journal_truncate(j, 0);
	free(j->e);
	memset(j, 0, sizeof(*j));
}

size_t
journal_len(const struct vmdb *v)
{
	return v->journal.len;
}

const struct journal_entry *
journal_entry(const struct vmdb *v, size_t i)
{
	return i < v->journal.len ? &v->journal.e[i] : NULL;
}

static bool
blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/*
 * The line as it will be replayed: the command's first word replaced by
 * its full name (a prefix or alias may mean something else once more
 * commands exist; gdb's x/FMT keeps its /FMT), surrounding blanks gone.
 * A first word with quoting in it is left as typed.
 */
static char *
normalise(const struct cmd_entry *e, const char *line)
{
	const char *p, *w, *end = line + strlen(line);

	for (p = line; blank(*p); p++)
		;
	while (end > p && blank(end[-1]))
		end--;
	for (w = p; *p && !blank(*p) && *p != '/'; p++)
		if (*p == '\'' || *p == '"' || *p == '\\')
			return xasprintf("%.*s", (int)(end - w), w);
	return xasprintf("%s%.*s", e->name, (int)(end - p), p);
}

void
journal_note(struct vmdb *v, const struct cmd_ctx *c, int argc, char **argv,
	     const char *line, int rc)
{
	const struct cmd_entry *e = c->entry;
	struct journal *j = &v->journal;
	struct journal_entry *je;

	if (j->replaying || (e->flags & CMD_JOURNAL_SELF) ||
	    !cmd_modifies(c, argc, argv))
		return;
	if (e == &cmd_boot_entry) {
		if (rc < 0)
			return;
		journal_truncate(j, 0);
	}
	if (j->len == j->cap) {
		j->cap = j->cap ? 2 * j->cap : 64;
		j->e = xrealloc(j->e, j->cap * sizeof(*j->e));
	}
	je = &j->e[j->len++];
	je->line = normalise(e, line);
	je->cfg = NULL;
	je->nevents = -1;
	je->failed = rc < 0;
	if (e == &cmd_boot_entry) {
		je->cfg = xmalloc(sizeof(*je->cfg));
		*je->cfg = v->m->cfg;
	}
}

/* ---- rebuilding ---------------------------------------------------------- */

void
session_quiet(struct vmdb *v, struct session_saved *s)
{
	s->m = v->m;
	s->j = v->journal;
	s->out = v->out;
	s->err = v->err;
	s->file = v->file;
	s->line = v->line;
	s->nerrors = v->nerrors;
	s->paranoid = v->paranoid;
	s->trace = v->trace;
	s->keep_going = v->keep_going;
	out_init_null(&v->out);
	out_init_buf(&v->err);
}

char *
session_restore(struct vmdb *v, struct session_saved *s)
{
	char *last = NULL, *p;

	if (v->err.sb.len) {
		v->err.sb.buf[v->err.sb.len - 1] = '\0';
		p = strrchr(v->err.sb.buf, '\n');
		last = xstrdup(p ? p + 1 : v->err.sb.buf);
	}
	out_done(&v->out);
	out_done(&v->err);
	v->out = s->out;
	v->err = s->err;
	v->file = s->file;
	v->line = s->line;
	v->nerrors = s->nerrors;
	v->paranoid = s->paranoid;
	v->trace = s->trace;
	v->keep_going = s->keep_going;
	return last;
}

int
journal_run_entry(struct vmdb *v, size_t i)
{
	struct journal *j = &v->journal;
	bool was = j->replaying;
	int rc;

	j->replaying = true;
	rc = cmd_run_line(v, j->e[i].line);
	j->replaying = was;
	return (rc < 0) == j->e[i].failed ? 0 : -1;
}

int
journal_rebuild(struct vmdb *v, const char *what, size_t n,
		struct machine **out)
{
	struct journal *j = &v->journal;
	struct session_saved saved;
	struct machine *m;
	char reason[256], *last;
	const char *e;
	size_t i;

	if (n == 0 || n > j->len || j->e[0].cfg == NULL)
		return vmdb_error(v, "%s: cannot rebuild from @0..@%zu: the journal has %zu entr%s",
				  what, n ? n - 1 : 0, j->len,
				  j->len == 1 ? "y" : "ies");
	m = machine_boot(j->e[0].cfg, reason, sizeof(reason));
	if (m == NULL)
		return vmdb_error(v, "%s: replaying @0 (%s): the machine no longer boots: %s (a bug in vmdb)",
				  what, j->e[0].line, reason);
	session_quiet(v, &saved);
	v->m = m;
	v->file = NULL;
	v->paranoid = false;
	v->trace = false;
	for (i = 1; i < n; i++) {
		sb_reset(&v->err.sb);
		if (journal_run_entry(v, i) < 0)
			break;
	}
	m = v->m;
	v->m = saved.m;
	last = session_restore(v, &saved);
	if (i == n) {
		free(last);
		*out = m;
		return 0;
	}
	machine_free(m);
	e = last ? last : "";
	if (!strncmp(e, "vmdb: ", 6))
		e += 6;
	if (j->e[i].failed)
		vmdb_error(v, "%s: replaying @%zu (%s) succeeded where it had failed; the journal does not reproduce the session (a bug in vmdb)",
			   what, i, j->e[i].line);
	else
		vmdb_error(v, "%s: replaying @%zu (%s) failed where it had succeeded: %s; the journal does not reproduce the session (a bug in vmdb)",
			   what, i, j->e[i].line, e);
	free(last);
	return -1;
}

int
journal_replay(struct vmdb *v, const char *what, size_t n)
{
	struct machine *m;

	if (journal_rebuild(v, what, n, &m) < 0)
		return -1;
	machine_free(v->m);
	v->m = m;
	journal_truncate(&v->journal, n);
	vmdb_trace_attach(v);
	return 0;
}
