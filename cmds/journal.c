/* cmds/journal.c: the session's journal of machine-changing commands and
 * rebuilding a machine by replaying it (see journal.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "vmdb/clone.h"
#include "vmdb/digest.h"
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
	ckpt_truncate(j, n);
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
		ckpt_start(j);
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
	ckpt_note(j, v->m);
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

/* Whether a and b are the same machine; if not, the digest parts that
 * differ go into parts ("ram, tasks"). */
static bool
same_machine(struct machine *a, struct machine *b, struct strbuf *parts)
{
	u64 da[NR_DIGEST_PARTS], db[NR_DIGEST_PARTS];
	int i;

	if (machine_digest(a, da) == machine_digest(b, db))
		return true;
	for (i = 0; i < NR_DIGEST_PARTS; i++)
		if (da[i] != db[i])
			sb_printf(parts, "%s%s", parts->len ? ", " : "",
				  digest_part_names[i]);
	return false;
}

/* With verify: the checkpoint at i, if any, is the machine m. */
static bool
checkpoint_agrees(struct journal *j, size_t i, struct machine *m,
		  struct strbuf *parts)
{
	const struct checkpoint *ck = ckpt_find(j, i);
	struct machine *c;
	bool same;

	if (ck == NULL || ck->n != i)
		return true;
	c = machine_image_thaw(ck->img);
	same = same_machine(m, c, parts);
	machine_free(c);
	return same;
}

/*
 * Rebuilds from the first n entries, starting from the newest checkpoint
 * at or before n (from boot with verify, checking every checkpoint on the
 * way).
 */
static int
rebuild(struct vmdb *v, const char *what, size_t n, bool verify,
	struct machine **out)
{
	struct journal *j = &v->journal;
	const struct checkpoint *from = NULL;
	struct session_saved saved;
	struct strbuf parts;
	struct machine *m;
	char reason[256], *last;
	const char *e;
	size_t i, start = 1;
	u64 t0 = ckpt_clock();

	if (n == 0 || n > j->len || j->e[0].cfg == NULL)
		return vmdb_error(v, "%s: cannot rebuild from @0..@%zu: the journal has %zu entr%s",
				  what, n ? n - 1 : 0, j->len,
				  j->len == 1 ? "y" : "ies");
	if (!verify)
		from = ckpt_find(j, n);
	if (from) {
		m = machine_image_thaw(from->img);
		start = from->n;
	} else {
		m = machine_boot(j->e[0].cfg, reason, sizeof(reason));
		if (m == NULL)
			return vmdb_error(v, "%s: replaying @0 (%s): the machine no longer boots: %s (a bug in vmdb)",
					  what, j->e[0].line, reason);
	}
	session_quiet(v, &saved);
	v->m = m;
	v->file = NULL;
	v->paranoid = false;
	v->trace = false;
	sb_init(&parts);
	for (i = start; i < n; i++) {
		sb_reset(&v->err.sb);
		if (verify && !checkpoint_agrees(j, i, v->m, &parts))
			break;
		if (journal_run_entry(v, i) < 0)
			break;
	}
	if (i == n && verify && !checkpoint_agrees(j, i, v->m, &parts))
		i = n + 1;
	m = v->m;
	v->m = saved.m;
	last = session_restore(v, &saved);
	if (i == n) {
		free(last);
		sb_free(&parts);
		if (!verify)
			ckpt_rebuilt(j, from, n, m, ckpt_clock() - t0);
		j->cpu_mark = ckpt_clock();
		*out = m;
		return 0;
	}
	machine_free(m);
	e = last ? last : "";
	if (!strncmp(e, "vmdb: ", 6))
		e += 6;
	if (parts.len)
		vmdb_error(v, "%s: the checkpoint after @%zu is not the machine replaying @0..@%zu gives: %s differ%s (a bug in vmdb: a clone is not exact)",
			   what, MIN(i, n) - 1, MIN(i, n) - 1, parts.buf,
			   strchr(parts.buf, ',') ? "" : "s");
	else if (j->e[i].failed)
		vmdb_error(v, "%s: replaying @%zu (%s) succeeded where it had failed; the journal does not reproduce the session (a bug in vmdb)",
			   what, i, j->e[i].line);
	else
		vmdb_error(v, "%s: replaying @%zu (%s) failed where it had succeeded: %s; the journal does not reproduce the session (a bug in vmdb)",
			   what, i, j->e[i].line, e);
	free(last);
	sb_free(&parts);
	return -1;
}

int
journal_rebuild(struct vmdb *v, const char *what, size_t n,
		struct machine **out)
{
	return rebuild(v, what, n, false, out);
}

int
journal_rebuild_verify(struct vmdb *v, const char *what, size_t n,
		       struct machine **out)
{
	return rebuild(v, what, n, true, out);
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
