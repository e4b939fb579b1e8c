/* cmds/cmd-set.c: `set [NAME [on|off]]`: the session's settings.  Each
 * is a bool in struct vmdb; adding one is adding a row to settings[]
 * (kept in name order) and a paragraph to the help text. */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "cmd.h"
#include "vmdb/util.h"

static const struct setting {
	const char *name;
	size_t offset;		/* of its bool in struct vmdb */
} settings[] = {
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

static int
set_exec(struct cmd_ctx *c, int argc, char **argv)
{
	const struct setting *s = NULL;
	struct strbuf names;
	size_t i;

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

const struct cmd_entry cmd_set_entry = {
	.name = "set",
	.usage = "[NAME [on|off]]",
	.summary = "show or change a session setting",
	.help =
"Without arguments, set lists every setting with its value, one per line,\n"
"as `paranoid off`. With a NAME it shows that setting alone; with a NAME\n"
"and a value it changes it. on and off may also be written yes and no,\n"
"true and false, or 1 and 0. The settings are:\n"
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
"Examples:\n"
"  set\n"
"  set paranoid on\n"
"  set keep-going off\n",
	.args_min = 0,
	.args_max = 2,
	.flags = CMD_NO_PARANOID,
	.exec = set_exec,
};
