/* cmds/cmd-set.c: `set [NAME [on|off]]`: the session's settings.  Each
 * is a bool in struct vmdb; adding one is adding a row to settings[]
 * (kept in name order) and a paragraph to the help text. */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "vmdb/pgtable.h"

#include "vmdb/sched.h"

#include "cmd.h"
#include "vmdb/util.h"

static const struct setting {
	const char *name;
	size_t offset;		/* of its bool in struct vmdb */
} settings[] = {
	{ "diff", offsetof(struct vmdb, diff) },
	{ "keep-going", offsetof(struct vmdb, keep_going) },
	{ "paranoid", offsetof(struct vmdb, paranoid) },
};

static bool *
setting_value(struct vmdb *v, const struct setting *s)
{
	return (bool *)((char *)v + s->offset);
}

static void
setting_show(struct cmd_ctx *c, const struct setting *s)
{
	out_printf(c->out, "%s %s\n", s->name,
		   *setting_value(c->v, s) ? "on" : "off");
}

/* gdb's lvalue types for `set {TYPE}ADDR` and `set *(TYPE *)ADDR`. */
static int
type_size(const char *t, size_t n)
{
	static const struct {
		const char *name;
		int size;
	} types[] = {
		{ "char", 1 }, { "unsigned char", 1 }, { "short", 2 },
		{ "unsigned short", 2 }, { "int", 4 }, { "unsigned int", 4 },
		{ "unsigned", 4 }, { "long", 4 }, { "unsigned long", 4 },
		{ "long long", 8 }, { "unsigned long long", 8 },
	};
	size_t i;

	while (n && t[n - 1] == ' ')
		n--;
	while (n && *t == ' ') {
		t++;
		n--;
	}
	for (i = 0; i < ARRAY_SIZE(types); i++)
		if (strlen(types[i].name) == n && !strncmp(types[i].name, t, n))
			return types[i].size;
	return 0;
}

/*
 * `set *ADDR = VALUE`, `set *(TYPE *)ADDR = VALUE`, `set {TYPE}ADDR =
 * VALUE`: one store to kernel virtual memory, as gdb writes it.  A bare
 * *ADDR stores a 4-byte int.
 */
static int
set_memory(struct cmd_ctx *c, int argc, char **argv)
{
	struct strbuf sb;
	char *lhs, *rhs, *eq, *addr, *close;
	int size = 4, err = -1, i;
	u64 a, v;

	sb_init(&sb);
	for (i = 0; i < argc; i++)
		sb_printf(&sb, "%s%s", i ? " " : "", argv[i]);
	lhs = sb.buf;
	eq = strchr(lhs, '=');
	if (!eq) {
		cmd_error(c, "expected *ADDR = VALUE, not '%s'", lhs);
		goto out;
	}
	*eq = '\0';
	for (rhs = eq + 1; *rhs == ' '; rhs++)
		;
	while (eq > lhs && eq[-1] == ' ')
		*--eq = '\0';
	if (lhs[0] == '{' || !strncmp(lhs, "*(", 2)) {
		bool brace = lhs[0] == '{';
		char *t = lhs + (brace ? 1 : 2);

		close = strchr(t, brace ? '}' : ')');
		if (!close || (!brace && (close == t || close[-1] != '*')) ||
		    !(size = type_size(t, (size_t)(close - t) - !brace))) {
			cmd_error(c, "'%s': the type must be char, short, int, long or long long (optionally unsigned)",
				  lhs);
			goto out;
		}
		addr = close + 1;
	} else if (lhs[0] == '*') {
		addr = lhs + 1;
	} else {
		cmd_error(c, "expected *ADDR = VALUE, not '%s'", lhs);
		goto out;
	}
	while (*addr == ' ')
		addr++;
	if (arg_address(c, "ADDR", addr, 0xffffffffull, &a) ||
	    arg_unit_value(c, rhs, size, &v))
		goto out;
	err = kernel_write(c->m, (u32)a, &v, (u32)size);
	if (err) {
		cmd_errno(c, err);
		err = -1;
	}
out:
	sb_free(&sb);
	return err;
}

/* `set sp ADDR` / `set ip ADDR`: the current task's notional user
 * registers (do_page_fault's stack rule reads sp; the segfault line
 * prints both). */
static int
set_register(struct cmd_ctx *c, int argc, char **argv)
{
	struct task_struct *t = arg_task(c, NULL, true);
	u64 v;

	if (!t)
		return -1;
	if (argc == 1) {
		out_printf(c->out, "%s = 0x%08x\n", argv[0],
			   argv[0][0] == 's' ? t->sp : t->ip);
		return 0;
	}
	if (arg_address(c, argv[0], argv[argc - 1], 0xffffffffull, &v))
		return -1;
	if (argv[0][0] == 's')
		t->sp = (u32)v;
	else
		t->ip = (u32)v;
	return 0;
}

static int
set_exec(struct cmd_ctx *c, int argc, char **argv)
{
	const struct setting *s = NULL;
	struct strbuf names;
	size_t i;

	if (argc > 0 && (argv[0][0] == '*' || argv[0][0] == '{'))
		return set_memory(c, argc, argv);
	if (argc > 0 && (!strcmp(argv[0], "sp") || !strcmp(argv[0], "ip")))
		return set_register(c, argc, argv);
	if (argc > 2)
		return cmd_error(c, "usage: set [NAME [on|off]] or set *ADDR = VALUE");
	if (argc == 0) {
		for (i = 0; i < ARRAY_SIZE(settings); i++)
			setting_show(c, &settings[i]);
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(settings); i++)
		if (!strcmp(settings[i].name, argv[0]))
			s = &settings[i];
	if (!s) {
		sb_init(&names);
		for (i = 0; i < ARRAY_SIZE(settings); i++)
			sb_printf(&names, "%s%s", i ? ", " : "",
				  settings[i].name);
		cmd_error(c, "unknown setting: %s (there are: %s)", argv[0],
			  names.buf);
		sb_free(&names);
		return -1;
	}
	if (argc == 1) {
		setting_show(c, s);
		return 0;
	}
	if (parse_bool(argv[1], setting_value(c->v, s)) < 0)
		return cmd_error(c, "%s: expected on or off, not '%s'", s->name,
				 argv[1]);
	return 0;
}

/* The session settings are not the machine's: only a store to memory and
 * a new sp or ip change the machine (and are journaled). */
static bool
set_modifies(const struct cmd_ctx *c, int argc, char **argv)
{
	(void)c;
	if (argc == 0)
		return false;
	if (argv[0][0] == '*' || argv[0][0] == '{')
		return true;
	return argc > 1 && (!strcmp(argv[0], "sp") || !strcmp(argv[0], "ip"));
}

const struct cmd_entry cmd_set_entry = {
	.name = "set",
	.usage = "[NAME [on|off]] | *ADDR = VALUE | sp|ip [ADDR]",
	.summary = "show or change a session setting",
	.help =
"Without arguments, set lists every setting with its value, one per line,\n"
"as `paranoid off`. With a NAME it shows that setting alone; with a NAME\n"
"and a value it changes it. on and off may also be written yes and no,\n"
"true and false, or 1 and 0. The settings are:\n"
"\n"
"diff         When on, the machine is recorded before every command that\n"
"             changes it, so that `diff` can show what the command\n"
"             changed. Off by default (a command that may stop at a\n"
"             breakpoint is recorded anyway); the first `diff` that\n"
"             finds nothing recorded turns it on.\n"
"\n"
"keep-going   When on, a failing command does not stop the script or the\n"
"             batch run it is part of: the error is printed and the next\n"
"             line runs. The exit status is still 1 if anything failed.\n"
"             Off by default; the --keep-going option turns it on.\n"
"\n"
"paranoid     When on, vmdb runs every invariant checker (as `check`\n"
"             does) after each command that succeeded, and reports each\n"
"             broken invariant as an error of that command. It makes vmdb\n"
"             slower, but a bug in the simulation shows up at the very\n"
"             command that caused it. Off by default; the --paranoid\n"
"             option turns it on, and the test suite uses it.\n"
"\n"
"set *ADDR = VALUE stores VALUE, as gdb does, at the kernel virtual\n"
"address ADDR (a number or a kernel symbol, as for x): a 4-byte int,\n"
"or another size with gdb's casts: set {char}ADDR = 65,\n"
"set *(short *)ADDR = -1, set {long long}ADDR = 0x1122334455667788.\n"
"The address is translated through swapper_pg_dir; read it back with x.\n"
"\n"
"Examples:\n"
"  set\n"
"\n"
"set sp ADDR and set ip ADDR change the current task's notional stack\n"
"pointer and instruction pointer (vmdb runs no instructions): the page\n"
"fault handler lets the stack grow only for addresses at most\n"
"65536 + 128 bytes below sp; the segfault line prints ip and sp.\n"
"\n"
"  set paranoid on\n"
"  set keep-going off\n"
"  set *0xc5800000 = 0xdeadbeef\n",
	.args_min = 0,
	.args_max = -1,
	.flags = CMD_MODIFIES | CMD_NO_PARANOID,
	.exec = set_exec,
	.modifies = set_modifies,
};
