/* cmds/debug-expr.c: breakpoint conditions.  `break __rmqueue if order >=
 * 3` compiles "order >= 3" once, against the trace point's argument
 * names, into a small tree; the hook evaluates it on each crossing.
 * Precedence and meaning are C's (no assignment, no side effects). */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "debug.h"
#include "vmdb/machine.h"
#include "vmdb/mm.h"
#include "vmdb/sched.h"
#include "vmdb/util.h"

enum node_kind { N_NUM, N_ARG, N_PID, N_CPU, N_UNARY, N_BINARY };

struct dbg_expr {
	enum node_kind kind;
	long num;		/* N_NUM */
	int arg;		/* N_ARG */
	int op;			/* N_UNARY, N_BINARY: the operator token */
	struct dbg_expr *l, *r;
};

/* Two-character operators are encoded as 'a' * 256 + 'b'. */
#define OP2(a, b)	((a) * 256 + (b))

struct parser {
	const char *p;
	int tp;
	const struct tp_def *def;
	char *why;
	size_t n;
	bool failed;
};

static struct dbg_expr *parse_binary(struct parser *ps, int min_prec);

static void PRINTF_LIKE(2, 3)
fail(struct parser *ps, const char *fmt, ...)
{
	va_list ap;

	if (ps->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(ps->why, ps->n, fmt, ap);
	va_end(ap);
	ps->failed = true;
}

static struct dbg_expr *
new_node(enum node_kind kind)
{
	struct dbg_expr *e = xcalloc(1, sizeof(*e));

	e->kind = kind;
	return e;
}

void
dbg_expr_free(struct dbg_expr *e)
{
	if (!e)
		return;
	dbg_expr_free(e->l);
	dbg_expr_free(e->r);
	free(e);
}

static void
skip_blanks(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t')
		ps->p++;
}

/* Names that stand for numbers: the zone, migrate-type and LRU names the
 * trace prints, so that `if zone == HighMem` reads as the trace does. */
static bool
named_constant(const char *name, long *v)
{
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++)
		if (zone_names[i] && !strcasecmp(name, zone_names[i]))
			return *v = i, true;
	for (i = 0; i < MIGRATE_TYPES; i++)
		if (!strcasecmp(name, migratetype_names[i]))
			return *v = i, true;
	for (i = 0; i < NR_LRU_LISTS; i++)
		if (!strcasecmp(name, lru_list_names[i]))
			return *v = i, true;
	return false;
}

/* An argument by exact name, or by a prefix only one name has
 * ("addr" for do_page_fault's address). */
static int
find_arg(const struct tp_def *d, const char *name)
{
	size_t len = strlen(name);
	int i, found = -1;

	for (i = 0; i < d->nargs; i++)
		if (!strcmp(d->argname[i], name))
			return i;
	for (i = 0; i < d->nargs; i++) {
		if (strncmp(d->argname[i], name, len))
			continue;
		if (found >= 0)
			return -2;
		found = i;
	}
	return found;
}

static void
unknown_name(struct parser *ps, const char *name, bool ambiguous)
{
	struct strbuf sb;
	int i;

	sb_init(&sb);
	sb_printf(&sb, "%s %s '%s' (its arguments:", ps->def->name,
		  ambiguous ? "has more than one argument starting" :
		  "has no argument", name);
	for (i = 0; i < ps->def->nargs; i++)
		sb_printf(&sb, "%s %s", i ? "," : "", ps->def->argname[i]);
	sb_puts(&sb, ps->def->nargs ? ")" : " none)");
	fail(ps, "%s", sb.buf);
	sb_free(&sb);
}

static struct dbg_expr *
parse_primary(struct parser *ps)
{
	struct dbg_expr *e;
	char name[64];
	size_t len;

	skip_blanks(ps);
	if (*ps->p == '(') {
		ps->p++;
		e = parse_binary(ps, 0);
		skip_blanks(ps);
		if (*ps->p != ')') {
			if (*ps->p)
				fail(ps, "missing ')' at '%s'", ps->p);
			else
				fail(ps, "missing ')'");
			dbg_expr_free(e);
			return NULL;
		}
		ps->p++;
		return e;
	}
	if (strchr("!~-", *ps->p) && *ps->p != '\0' &&
	    !(ps->p[0] == '!' && ps->p[1] == '=')) {
		e = new_node(N_UNARY);
		e->op = *ps->p++;
		e->l = parse_primary(ps);
		return e;
	}
	if (isdigit((unsigned char)*ps->p)) {
		char *end;
		unsigned long long v = strtoull(ps->p, &end, 0);

		if (isalnum((unsigned char)*end) || *end == '_') {
			fail(ps, "not a number: '%s'", ps->p);
			return NULL;
		}
		e = new_node(N_NUM);
		e->num = (long)v;
		ps->p = end;
		return e;
	}
	len = strspn(ps->p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		     "0123456789_$");
	if (len == 0 || len >= sizeof(name)) {
		if (*ps->p)
			fail(ps, "unexpected '%s'", ps->p);
		else
			fail(ps, "the condition ends too early");
		return NULL;
	}
	memcpy(name, ps->p, len);
	name[len] = '\0';
	ps->p += len;
	if (name[0] == '$') {
		if (!strcmp(name, "$pid"))
			return new_node(N_PID);
		if (!strcmp(name, "$cpu"))
			return new_node(N_CPU);
		fail(ps, "unknown variable '%s' (there are $pid and $cpu)",
		     name);
		return NULL;
	}
	{
		int i = find_arg(ps->def, name);
		long v;

		if (i >= 0) {
			e = new_node(N_ARG);
			e->arg = i;
			return e;
		}
		if (i == -1 && named_constant(name, &v)) {
			e = new_node(N_NUM);
			e->num = v;
			return e;
		}
		unknown_name(ps, name, i == -2);
		return NULL;
	}
}

/* The binary operator at p, its length and precedence (C's, higher binds
 * tighter), or 0. */
static int
binary_op(const char *p, int *len, int *prec)
{
	static const struct { const char *s; int prec; } ops[] = {
		{ "||", 1 }, { "&&", 2 }, { "==", 6 }, { "!=", 6 },
		{ "<=", 7 }, { ">=", 7 }, { "<<", 8 }, { ">>", 8 },
		{ "|", 3 }, { "^", 4 }, { "&", 5 }, { "<", 7 }, { ">", 7 },
		{ "+", 9 }, { "-", 9 }, { "*", 10 }, { "/", 10 }, { "%", 10 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		size_t l = strlen(ops[i].s);

		if (!strncmp(p, ops[i].s, l)) {
			*len = (int)l;
			*prec = ops[i].prec;
			return l == 2 ? OP2(ops[i].s[0], ops[i].s[1]) :
				ops[i].s[0];
		}
	}
	return 0;
}

static struct dbg_expr *
parse_binary(struct parser *ps, int min_prec)
{
	struct dbg_expr *l = parse_primary(ps), *e;
	int op, len, prec;

	for (;;) {
		if (ps->failed)
			return l;
		skip_blanks(ps);
		op = binary_op(ps->p, &len, &prec);
		if (!op || prec <= min_prec)
			return l;
		ps->p += len;
		e = new_node(N_BINARY);
		e->op = op;
		e->l = l;
		e->r = parse_binary(ps, prec);
		l = e;
	}
}

struct dbg_expr *
dbg_expr_parse(int tp, const char *text, char *why, size_t n)
{
	struct parser ps = { .p = text, .tp = tp, .def = tp_get(tp),
			     .why = why, .n = n };
	struct dbg_expr *e = parse_binary(&ps, 0);

	skip_blanks(&ps);
	if (!ps.failed && *ps.p != '\0')
		fail(&ps, "unexpected '%s'", ps.p);
	if (ps.failed) {
		dbg_expr_free(e);
		return NULL;
	}
	return e;
}

long
dbg_expr_eval(const struct dbg_expr *e, struct machine *m,
	      const struct trace_event *ev)
{
	long a, b;

	switch (e->kind) {
	case N_NUM:
		return e->num;
	case N_ARG:
		return e->arg < ev->nargs ? ev->args[e->arg] : 0;
	case N_PID: {
		struct task_struct *t = current_task(m);

		return t ? t->pid : 0;
	}
	case N_CPU:
		return m->this_cpu;
	case N_UNARY:
		a = dbg_expr_eval(e->l, m, ev);
		return e->op == '!' ? !a : e->op == '~' ? ~a : -a;
	case N_BINARY:
		break;
	}
	a = dbg_expr_eval(e->l, m, ev);
	/* && and || do not evaluate what they need not (no side effects
	 * here, but division by zero is one). */
	if (e->op == OP2('&', '&'))
		return a && dbg_expr_eval(e->r, m, ev);
	if (e->op == OP2('|', '|'))
		return a || dbg_expr_eval(e->r, m, ev);
	b = dbg_expr_eval(e->r, m, ev);
	switch (e->op) {
	case OP2('=', '='): return a == b;
	case OP2('!', '='): return a != b;
	case OP2('<', '='): return a <= b;
	case OP2('>', '='): return a >= b;
	case OP2('<', '<'): return (b < 0 || b > 62) ? 0 : (long)((unsigned long)a << b);
	case OP2('>', '>'): return (b < 0 || b > 62) ? 0 : a >> b;
	case '<': return a < b;
	case '>': return a > b;
	case '|': return a | b;
	case '^': return a ^ b;
	case '&': return a & b;
	case '+': return (long)((unsigned long)a + (unsigned long)b);
	case '-': return (long)((unsigned long)a - (unsigned long)b);
	case '*': return (long)((unsigned long)a * (unsigned long)b);
	case '/': return b == 0 || (b == -1 && a == LONG_MIN) ? 0 : a / b;
	case '%': return b == 0 || b == -1 ? 0 : a % b;
	}
	return 0;
}
