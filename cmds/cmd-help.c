/* cmds/cmd-help.c: `help [COMMAND]`: the command list, or one command's
 * usage, alias and description, all read from cmd_table. */
#include "config.h"

#include <string.h>

#include "cmd.h"

/* "quit (q)": a command's name as the list shows it. */
static int
list_width(const struct cmd_entry *e)
{
	int w = (int)strlen(e->name);

	if (e->alias)
		w += (int)strlen(e->alias) + 3;
	return w;
}

static void
help_list(struct cmd_ctx *c)
{
	const struct cmd_entry *const *pp;
	int width = 0;

	for (pp = cmd_table; *pp; pp++)
		width = MAX(width, list_width(*pp));
	for (pp = cmd_table; *pp; pp++) {
		const struct cmd_entry *e = *pp;

		if (e->alias)
			out_printf(c->out, "  %s (%s)%*s  %s\n", e->name,
				   e->alias, width - list_width(e), "",
				   e->summary);
		else
			out_printf(c->out, "  %-*s  %s\n", width, e->name,
				   e->summary);
	}
	out_puts(c->out, "Type 'help COMMAND' for more about one command.\n");
}

static int
help_exec(struct cmd_ctx *c, int argc, char **argv)
{
	const struct cmd_entry *e;
	char why[512];
	size_t n;

	if (argc == 0) {
		help_list(c);
		return 0;
	}
	e = cmd_find(argv[0], why, sizeof(why));
	if (!e)
		return cmd_error(c, "%s", why);
	out_printf(c->out, "usage: %s%s%s\n", e->name, *e->usage ? " " : "",
		   e->usage);
	if (e->alias)
		out_printf(c->out, "alias: %s\n", e->alias);
	out_printf(c->out, "\n%s: %s\n", e->name, e->summary);
	if (e->help && *e->help) {
		n = strlen(e->help);
		out_printf(c->out, "\n%s%s", e->help,
			   e->help[n - 1] == '\n' ? "" : "\n");
	}
	return 0;
}

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.usage = "[COMMAND]",
	.summary = "list the commands, or describe one",
	.help =
"Without an argument, help lists every command with its one-line summary;\n"
"a command's alias, when it has one, follows its name in parentheses. With\n"
"a COMMAND, help prints the command's usage line, its alias and a longer\n"
"description such as this one. COMMAND may be shortened exactly as at the\n"
"prompt: an alias or any unique prefix of the name will do, so\n"
"`help buddy` describes buddyinfo.\n"
"\n"
"In a usage line, words in capitals stand for values you supply, square\n"
"brackets mark what may be left out, a bar separates alternatives and\n"
"an ellipsis means the part may be repeated. Options are long only:\n"
"`--name VALUE` or `--name=VALUE`, anywhere after the command name; a lone\n"
"`--` ends the options, so that the words after it are taken as they are.\n"
"At the prompt, Tab completes a command name.\n"
"\n"
"Examples:\n"
"  help\n"
"  help alloc_pages\n"
"  help q\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = help_exec,
};
