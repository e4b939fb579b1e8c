/* cmds/complete.c: what a word of a command line can complete to, for the
 * line editor's Tab and for `complete` (gdb's command of that name):
 * command names first, then per command trace-point names, breakpoint
 * numbers, or the words a command takes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "debug.h"
#include "vmdb/util.h"

struct list {
	char **v;
	int n, cap;
};

static void
add(struct list *l, const char *s, const char *prefix)
{
	if (strncmp(s, prefix, strlen(prefix)))
		return;
	if (l->n + 1 >= l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = xrealloc(l->v, (size_t)l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = xstrdup(s);
	l->v[l->n] = NULL;
}

static void
add_commands(struct list *l, const char *prefix)
{
	const struct cmd_entry *const *pp;

	for (pp = cmd_table; *pp; pp++)
		add(l, (*pp)->name, prefix);
}

static void
add_words(struct list *l, const char *words, const char *prefix)
{
	char buf[64];
	size_t len;

	for (; *words; words += len) {
		while (*words == ' ')
			words++;
		len = strcspn(words, " ");
		if (len == 0 || len >= sizeof(buf))
			break;
		memcpy(buf, words, len);
		buf[len] = '\0';
		add(l, buf, prefix);
	}
}

static bool
is(const struct cmd_entry *e, const char *name)
{
	return !strcmp(e->name, name);
}

char **
cmd_complete(void *arg, const char *line, const char *prefix)
{
	struct vmdb *v = arg;
	struct list l = { 0 };
	const struct cmd_entry *e;
	char why[256], first[64];
	int i, argno = 0;
	size_t len;
	const char *p = line;

	/* Which word is being completed, and of which command. */
	first[0] = '\0';
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		len = strcspn(p, " \t");
		if (argno == 0)
			snprintf(first, sizeof(first), "%.*s", (int)len, p);
		argno++;
		p += len;
	}
	if (argno == 0) {
		add_commands(&l, prefix);
		return l.v;
	}
	e = cmd_find(first, why, sizeof(why));
	if (!e)
		return NULL;
	if (is(e, "break") || is(e, "tbreak") || (is(e, "until") &&
						 argno == 1)) {
		if (argno == 1)
			for (i = 0; i < NR_TRACEPOINTS; i++)
				add(&l, tp_get(i)->name, prefix);
		else if (argno == 2)
			add(&l, "if", prefix);
	} else if (is(e, "delete") || is(e, "disable") || is(e, "enable") ||
		   ((is(e, "ignore") || is(e, "condition")) && argno == 1)) {
		for (i = 0; v->dbg && i < v->dbg->nbp; i++) {
			snprintf(why, sizeof(why), "%d", v->dbg->bp[i].num);
			add(&l, why, prefix);
		}
	} else if (is(e, "info") && argno == 1) {
		add_words(&l, "args breakpoints frame watchpoints", prefix);
	} else if (is(e, "catch") && argno == 1) {
		for (i = 0; i < NR_CATCH; i++)
			add(&l, catch_names[i], prefix);
	} else if (is(e, "watch") && argno == 1) {
		add_words(&l, "free page pte vma", prefix);
	} else if (is(e, "trace") && argno == 1) {
		add_words(&l, "list off on", prefix);
	} else if ((is(e, "step") || is(e, "next") || is(e, "help")) &&
		   argno == 1) {
		add_commands(&l, prefix);
	}
	return l.v;
}

static int
complete_exec(struct cmd_ctx *c, int argc, char **argv)
{
	bool new_word = args_has(c, "new-word");
	int nbefore = new_word ? argc : argc - 1;
	char *before = cmd_join_words(nbefore, argv), **list, **pp;

	list = cmd_complete(c->v, before, new_word ? "" : argv[argc - 1]);
	for (pp = list; pp && *pp; pp++) {
		out_printf(c->out, "%s%s%s\n", before, *before ? " " : "",
			   *pp);
		free(*pp);
	}
	free(list);
	free(before);
	return 0;
}

const struct cmd_entry cmd_complete_entry = {
	.name = "complete",
	.usage = "[--new-word] TEXT",
	.summary = "list what the line editor's Tab would complete TEXT to",
	.help =
"complete TEXT prints every completion of the last word of TEXT, one\n"
"whole line each, as Tab at the prompt offers them (gdb's complete):\n"
"command names for the first word, trace-point names after break, tbreak\n"
"and until, breakpoint numbers after delete, disable, enable, ignore and\n"
"condition, and the words info, catch, watch and trace take. With\n"
"--new-word, completes a new word after TEXT.\n"
"\n"
"Examples:\n"
"  complete break do_w\n"
"  complete --new-word info\n",
	.opts = "new-word",
	.args_min = 1,
	.args_max = -1,
	.flags = CMD_NO_PARANOID,
	.exec = complete_exec,
};
