/* cmds/cmd.c: from an input line to a command run.  A line is split into
 * words with shell-like quoting, the first word is looked up in cmd_table
 * (name, alias, unique prefix, else a "did you mean" hint), long options
 * are taken out against the entry's template, the argument count is
 * checked, and the command runs.  With --paranoid every invariant checker
 * runs after each command that succeeded. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "debug.h"
#include "snapshot.h"
#include "vmdb/check.h"
#include "vmdb/util.h"

/* ---- words --------------------------------------------------------------- */

static bool
is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/*
 * Copies the word at *pp to *qp, undoing its quoting, and moves both past
 * it.  Quoting is the shell's:
 *   'single quotes'   keep every character as it is;
 *   "double quotes"   keep every character but \" and \\, which give " and \;
 *   \c                outside quotes, the character c itself.
 * Returns 0, or -1 with a reason.
 */
static int
copy_word(const char **pp, char **qp, const char **why)
{
	const char *p = *pp;
	char *q = *qp;

	while (*p != '\0' && !is_blank(*p)) {
		if (*p == '\'') {
			for (p++; *p != '\0' && *p != '\''; p++)
				*q++ = *p;
			if (*p++ == '\0') {
				*why = "unterminated single quote";
				return -1;
			}
		} else if (*p == '"') {
			for (p++; *p != '\0' && *p != '"'; p++) {
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				*q++ = *p;
			}
			if (*p++ == '\0') {
				*why = "unterminated double quote";
				return -1;
			}
		} else if (*p == '\\') {
			if (p[1] == '\0') {
				*why = "backslash at the end of the line";
				return -1;
			}
			*q++ = p[1];
			p += 2;
		} else {
			*q++ = *p++;
		}
	}
	*q++ = '\0';
	*pp = p;
	*qp = q;
	return 0;
}

/*
 * Splits line into words, written one after another into buf (strlen(line)
 * + 1 bytes are enough: every word's NUL replaces a blank or a quote, or is
 * the line's own NUL).  argv needs strlen(line) / 2 + 2 slots.  A '#' that
 * starts a word starts a comment, which runs to the end of the line.
 * Returns the number of words (argv[argc] is NULL), or -1 with a reason.
 */
static int
split_words(const char *line, char *buf, char **argv, const char **why)
{
	const char *p = line;
	char *q = buf;
	int argc = 0;

	for (;;) {
		while (is_blank(*p))
			p++;
		if (*p == '\0' || *p == '#')
			break;
		argv[argc++] = q;
		if (copy_word(&p, &q, why) < 0)
			return -1;
	}
	argv[argc] = NULL;
	return argc;
}

/* ---- finding a command --------------------------------------------------- */

#define MAX_SUGGEST	3

/*
 * Writes "unknown command: NAME", with up to three suggestions: names
 * within an edit distance of 2 (closest first; not for words so short that
 * anything is that close) and names the word starts with ("helpme").
 */
static void
unknown_command(const char *name, char *why, size_t n)
{
	const struct cmd_entry *best[MAX_SUGGEST];
	int score[MAX_SUGGEST], nbest = 0, i, j;
	const struct cmd_entry *const *pp;
	int len = (int)strlen(name);
	struct strbuf sb;

	for (pp = cmd_table; *pp; pp++) {
		const char *cand = (*pp)->name;
		size_t cl = strlen(cand);
		int d = edit_distance(name, cand);

		if (!strncmp(name, cand, cl))
			d = MIN(d, 1);
		else if (d > 2 || d >= len)
			continue;
		for (i = nbest; i > 0 && score[i - 1] > d; i--)
			;
		if (i >= MAX_SUGGEST)
			continue;
		for (j = MIN(nbest, MAX_SUGGEST - 1); j > i; j--) {
			best[j] = best[j - 1];
			score[j] = score[j - 1];
		}
		best[i] = *pp;
		score[i] = d;
		if (nbest < MAX_SUGGEST)
			nbest++;
	}

	sb_init(&sb);
	sb_printf(&sb, "unknown command: %s", name);
	for (i = 0; i < nbest; i++)
		sb_printf(&sb, "%s%s", i ? ", " : " (did you mean ",
			  best[i]->name);
	if (nbest)
		sb_puts(&sb, "?)");
	snprintf(why, n, "%s", sb.buf);
	sb_free(&sb);
}

const struct cmd_entry *
cmd_find(const char *name, char *why, size_t n)
{
	const struct cmd_entry *const *pp, *found = NULL;
	size_t len = strlen(name);
	struct strbuf sb;
	int nfound = 0;

	for (pp = cmd_table; *pp; pp++)
		if (!strcmp((*pp)->name, name))
			return *pp;
	for (pp = cmd_table; *pp; pp++)
		if ((*pp)->alias && !strcmp((*pp)->alias, name))
			return *pp;
	for (pp = cmd_table; *pp; pp++) {
		if (!strncmp((*pp)->name, name, len)) {
			found = *pp;
			nfound++;
		}
	}
	if (nfound == 1)
		return found;

	if (nfound == 0) {
		unknown_command(name, why, n);
		return NULL;
	}
	sb_init(&sb);
	sb_printf(&sb, "ambiguous command: %s, could be: ", name);
	nfound = 0;
	for (pp = cmd_table; *pp; pp++)
		if (!strncmp((*pp)->name, name, len))
			sb_printf(&sb, "%s%s", nfound++ ? ", " : "",
				  (*pp)->name);
	snprintf(why, n, "%s", sb.buf);
	sb_free(&sb);
	return NULL;
}

/* ---- options ------------------------------------------------------------- */

enum opt_kind { OPT_UNKNOWN, OPT_FLAG, OPT_VALUE, OPT_REPEAT };

/* Looks name up in a template such as "preset= config=* verbose". */
static enum opt_kind
opt_kind(const char *tmpl, const char *name)
{
	size_t len = strlen(name), wl;
	const char *p = tmpl;

	if (!tmpl || len == 0)
		return OPT_UNKNOWN;
	for (;; p += wl) {
		while (*p == ' ')
			p++;
		wl = strcspn(p, " ");
		if (wl == 0)
			return OPT_UNKNOWN;
		if (wl < len || strncmp(p, name, len) != 0)
			continue;
		if (wl == len)
			return OPT_FLAG;
		if (wl == len + 1 && p[len] == '=')
			return OPT_VALUE;
		if (wl == len + 2 && p[len] == '=' && p[len + 1] == '*')
			return OPT_REPEAT;
	}
}

/* Records an option; a flag or single-valued option given twice keeps
 * the last value. */
static int
args_add(struct cmd_args *a, const char *name, const char *value, bool once)
{
	int i;

	if (once) {
		for (i = 0; i < a->nopts; i++) {
			if (!strcmp(a->opt[i].name, name)) {
				a->opt[i].value = value;
				return 0;
			}
		}
	}
	if (a->nopts == CMD_MAX_OPTS)
		return -1;
	a->opt[a->nopts].name = name;
	a->opt[a->nopts].value = value;
	a->nopts++;
	return 0;
}

/*
 * Takes the options out of argv (the words after the command name) into
 * c->args and leaves the other words in pos, in order.  Options may come
 * anywhere; a lone "--" ends them.  Returns the number of positional
 * arguments, or -1 after printing the error.
 */
static int
parse_options(struct cmd_ctx *c, int argc, char **argv, char **pos)
{
	bool no_more = false;
	int i, npos = 0;

	for (i = 0; i < argc; i++) {
		char *name = argv[i] + 2, *value, *eq;
		enum opt_kind kind;

		if (no_more || strncmp(argv[i], "--", 2) != 0) {
			pos[npos++] = argv[i];
			continue;
		}
		if (*name == '\0') {
			no_more = true;
			continue;
		}
		value = NULL;
		eq = strchr(name, '=');
		if (eq) {
			*eq = '\0';
			value = eq + 1;
		}
		kind = opt_kind(c->entry->opts, name);
		if (kind == OPT_UNKNOWN)
			return cmd_error(c, "unknown option --%s", name);
		if (kind == OPT_FLAG && value)
			return cmd_error(c, "option --%s takes no value", name);
		if (kind != OPT_FLAG && !value) {
			if (i + 1 == argc)
				return cmd_error(c, "option --%s needs a value",
						 name);
			value = argv[++i];
		}
		if (args_add(&c->args, name, value, kind != OPT_REPEAT) < 0)
			return cmd_error(c, "too many options (at most %d)",
					 CMD_MAX_OPTS);
	}
	pos[npos] = NULL;
	return npos;
}

/* ---- running ------------------------------------------------------------- */

/* Runs every invariant checker; each broken invariant is an error line.
 * Returns 0 if all hold, -1 otherwise. */
static int
paranoid_check(struct vmdb *v)
{
	struct out o;
	const char *p;
	int broken;

	out_init_buf(&o);
	broken = check_machine(v->m, &o);
	for (p = o.sb.buf; broken > 0 && *p != '\0';) {
		size_t l = strcspn(p, "\n");

		vmdb_error(v, "check: %.*s", (int)l, p);
		p += l + (p[l] == '\n');
	}
	if (broken > 0 && o.sb.len == 0)
		vmdb_error(v, "check: %d invariant(s) broken", broken);
	out_done(&o);
	return broken > 0 ? -1 : 0;
}

struct cmd_call {
	struct vmdb *v;
	char *line;			/* trimmed copy, for bt and errors */
	char *buf;			/* the words */
	char **argv;
	char **pos;			/* the positional ones */
	char *fmt_name;			/* x/4xw's "x" */
	int npos;
	int nerrors;			/* v->nerrors before exec */
	bool refused;			/* never ran: not journaled */
	struct cmd_ctx c;
};

static void
call_free(struct cmd_call *call)
{
	free(call->fmt_name);
	free(call->pos);
	free(call->argv);
	free(call->buf);
	free(call->line);
	free(call);
}

const char *
cmd_call_line(const struct cmd_call *call)
{
	return call->line;
}

struct cmd_call *
cmd_call_parse(struct vmdb *v, const char *line, int *rc)
{
	size_t len = strlen(line);
	struct cmd_call *call = xcalloc(1, sizeof(*call));
	const struct cmd_entry *e;
	const char *why;
	char reason[512];
	char *slash;
	int argc;

	call->v = v;
	while (is_blank(*line))
		line++, len--;
	while (len > 0 && is_blank(line[len - 1]))
		len--;
	call->line = xmalloc(len + 1);
	memcpy(call->line, line, len);
	call->line[len] = '\0';
	call->buf = xmalloc(len + 1);
	call->argv = xmalloc((len / 2 + 3) * sizeof(*call->argv));
	call->pos = xmalloc((len / 2 + 3) * sizeof(*call->pos));
	*rc = -1;

	argc = split_words(call->line, call->buf, call->argv, &why);
	if (argc < 0) {
		vmdb_error(v, "%s", why);
		goto fail;
	}
	if (argc == 0) {
		*rc = 0;
		goto fail;
	}
	/* gdb's x/4xw: the format after the name becomes its first word. */
	slash = strchr(call->argv[0], '/');
	if (slash && slash != call->argv[0]) {
		memmove(call->argv + 2, call->argv + 1,
			(size_t)argc * sizeof(*call->argv));
		call->argv[1] = slash;
		call->fmt_name = xstrdup(call->argv[0]);
		call->fmt_name[slash - call->argv[0]] = '\0';
		call->argv[0] = call->fmt_name;
		argc++;
	}
	e = cmd_find(call->argv[0], reason, sizeof(reason));
	if (!e) {
		vmdb_error(v, "%s", reason);
		goto fail;
	}

	call->c.v = v;
	call->c.m = v->m;
	call->c.out = &v->out;
	call->c.entry = e;
	if (e->flags & CMD_RAW_ARGS) {
		memcpy(call->pos, call->argv + 1,
		       (size_t)argc * sizeof(*call->pos));
		call->npos = argc - 1;
	} else {
		call->npos = parse_options(&call->c, argc - 1, call->argv + 1,
					   call->pos);
		if (call->npos < 0)
			goto fail;
	}
	if (call->npos < e->args_min ||
	    (e->args_max >= 0 && call->npos > e->args_max)) {
		vmdb_error(v, "usage: %s%s%s", e->name, *e->usage ? " " : "",
			   e->usage);
		goto fail;
	}
	return call;
fail:
	call_free(call);
	return NULL;
}

int
cmd_call_exec(struct cmd_call *call)
{
	struct vmdb *v = call->v;

	/* A command starts at depth 0 with no reason pending, unless it
	 * runs inside a stopped one (a resume, or a look at its state). */
	if (v->m && (!dbg_stopped(v) || v->journal.replaying)) {
		v->m->trace.depth = 0;
		v->m->why[0] = '\0';
	}
	call->c.m = v->m;
	call->nerrors = v->nerrors;
	if (!v->journal.replaying)
		snap_command_start(v, call->c.entry, call->line);
	return call->c.entry->exec(&call->c, call->npos, call->pos);
}

int
cmd_call_finish(struct cmd_call *call, int rc)
{
	struct vmdb *v = call->v;
	const struct cmd_entry *e = call->c.entry;

	/* A command that fails should have said why; if not, say it. */
	if (rc < 0 && v->nerrors == call->nerrors)
		cmd_errno(&call->c, rc);
	if (!call->refused)
		journal_note(v, &call->c, call->npos, call->pos, call->line,
			     rc);
	if (rc >= 0 && v->paranoid && v->m && !dbg_stopped(v) &&
	    !v->journal.replaying &&
	    !(e->flags & (CMD_NO_PARANOID | CMD_RESUMES)))
		rc = paranoid_check(v);
	call_free(call);
	return rc < 0 ? -1 : 0;
}

int
cmd_run_line(struct vmdb *v, const char *line)
{
	const struct cmd_entry *e;
	struct cmd_call *call;
	char why[sizeof(v->m->why)];
	bool modifies;
	int rc, depth;

	call = cmd_call_parse(v, line, &rc);
	if (!call)
		return rc;
	/* A journal being replayed into a machine of its own knows nothing
	 * of breakpoints or of a command stopped in the session's machine. */
	if (v->journal.replaying)
		return cmd_call_finish(call, cmd_call_exec(call));
	e = call->c.entry;
	modifies = cmd_modifies(&call->c, call->npos, call->pos);
	if (dbg_stopped(v) && modifies) {
		dbg_refuse(&call->c);
		call->refused = true;
		return cmd_call_finish(call, -1);
	}
	if (modifies && dbg_may_stop(v))
		return dbg_run(v, call) < 0 ? -1 : 0;
	if (!dbg_stopped(v) || (e->flags & CMD_RESUMES) || !v->m)
		return cmd_call_finish(call, cmd_call_exec(call));
	/* A look at a stopped command's state leaves its depth and its
	 * pending reason as they were. */
	depth = v->m->trace.depth;
	memcpy(why, v->m->why, sizeof(why));
	rc = cmd_call_exec(call);
	if (v->m) {
		v->m->trace.depth = depth;
		memcpy(v->m->why, why, sizeof(why));
	}
	return cmd_call_finish(call, rc);
}

/* A word that would split differently gets single quotes (and a quote
 * inside one becomes '\''). */
char *
cmd_join_words(int argc, char **argv)
{
	struct strbuf sb;
	const char *p;
	char *line;
	int i;

	sb_init(&sb);
	for (i = 0; i < argc; i++) {
		if (i)
			sb_puts(&sb, " ");
		if (*argv[i] && !strpbrk(argv[i], " \t\r\n'\"\\#")) {
			sb_puts(&sb, argv[i]);
			continue;
		}
		sb_puts(&sb, "'");
		for (p = argv[i]; *p; p++) {
			if (*p == '\'')
				sb_puts(&sb, "'\\''");
			else
				sb_printf(&sb, "%c", *p);
		}
		sb_puts(&sb, "'");
	}
	line = xstrdup(sb.buf);
	sb_free(&sb);
	return line;
}

/* ---- errors -------------------------------------------------------------- */

int
cmd_error(struct cmd_ctx *c, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	sb_init(&sb);
	sb_printf(&sb, "%s: ", c->entry->name);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	vmdb_error(c->v, "%s", sb.buf);
	sb_free(&sb);
	return -1;
}

int
cmd_errno(struct cmd_ctx *c, int err)
{
	const char *s = strerror(err < 0 ? -err : err);
	struct machine *m = c->m;

	if (!m || m->why[0] == '\0')
		return cmd_error(c, "%s", s);
	cmd_error(c, "%s (%s)", s, m->why);
	m->why[0] = '\0';
	return -1;
}
