/* cmds/cmd-echo.c: `echo [TEXT...]`: prints its words, for labelling the
 * output of scripts. */
#include "config.h"

#include "cmd.h"

static int
echo_exec(struct cmd_ctx *c, int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++)
		out_printf(c->out, "%s%s", i ? " " : "", argv[i]);
	out_puts(c->out, "\n");
	return 0;
}

const struct cmd_entry cmd_echo_entry = {
	.name = "echo",
	.usage = "[TEXT...]",
	.summary = "print a line of text",
	.help =
"echo prints its arguments separated by single spaces, then a newline;\n"
"without arguments it prints an empty line. It is meant for scripts: a few\n"
"echo lines between commands turn a transcript into something a reader\n"
"can follow, like the headings of a lab notebook.\n"
"\n"
"Words are split as in the shell: 'single quotes' keep everything as it is,\n"
"\"double quotes\" do the same except that \\\" and \\\\ stand for \" and \\,\n"
"and a backslash outside quotes takes the next character literally. A word\n"
"that begins with # starts a comment, so quote it to print a hash sign. A\n"
"word that begins with -- would be read as an option (echo has none, so it\n"
"is an error); put a lone -- before such words.\n"
"\n"
"Examples:\n"
"  echo === after freeing the order-3 block ===\n"
"  echo '# not a comment' \"and  two  spaces\"\n"
"  echo -- --not-an-option\n",
	.args_min = 0,
	.args_max = -1,
	.flags = CMD_NO_PARANOID,
	.exec = echo_exec,
};
