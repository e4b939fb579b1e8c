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

int
cmd_run_line(struct vmdb *v, const char *line)
{
	size_t len = strlen(line);
	char *buf = xmalloc(len + 1);
	char **argv = xmalloc((len / 2 + 3) * sizeof(*argv));
	char **pos = xmalloc((len / 2 + 3) * sizeof(*pos));
	const struct cmd_entry *e;
	struct cmd_ctx c;
	const char *why;
	char reason[512];
	int argc, npos, nerrors, rc = -1;
	char *slash, *fmt_name = NULL;

	argc = split_words(line, buf, argv, &why);
	if (argc < 0) {
		vmdb_error(v, "%s", why);
		goto out;
	}
	if (argc == 0) {
		rc = 0;
		goto out;
	}
	/* gdb's x/4xw: the format after the name becomes its first word. */
	slash = strchr(argv[0], '/');
	if (slash && slash != argv[0]) {
		memmove(argv + 2, argv + 1, (size_t)argc * sizeof(*argv));
		argv[1] = slash;
		fmt_name = xstrdup(argv[0]);
		fmt_name[slash - argv[0]] = '\0';
		argv[0] = fmt_name;
		argc++;
	}
	e = cmd_find(argv[0], reason, sizeof(reason));
	if (!e) {
		vmdb_error(v, "%s", reason);
		goto out;
	}

	memset(&c, 0, sizeof(c));
	c.v = v;
	c.m = v->m;
	c.out = &v->out;
	c.entry = e;
	npos = parse_options(&c, argc - 1, argv + 1, pos);
	if (npos < 0)
		goto out;
	if (npos < e->args_min || (e->args_max >= 0 && npos > e->args_max)) {
		vmdb_error(v, "usage: %s%s%s", e->name, *e->usage ? " " : "",
			   e->usage);
		goto out;
	}

	if (v->m) {
		v->m->trace.depth = 0;
		v->m->why[0] = '\0';
	}
	nerrors = v->nerrors;
	rc = e->exec(&c, npos, pos);
	/* A command that fails should have said why; if not, say it. */
	if (rc < 0 && v->nerrors == nerrors)
		cmd_errno(&c, rc);
	journal_note(v, &c, npos, pos, line, rc);
	if (rc >= 0 && v->paranoid && !(e->flags & CMD_NO_PARANOID) && v->m)
		rc = paranoid_check(v);
out:
	free(fmt_name);
	free(pos);
	free(argv);
	free(buf);
	return rc < 0 ? -1 : 0;
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
