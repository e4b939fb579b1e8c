/* cmds/cmd-source.c: `source FILE`: runs a script (ui/script.c does the
 * reading). */
#include "config.h"

#include "cmd.h"

static int
source_exec(struct cmd_ctx *c, int argc, char **argv)
{
	return vmdb_source(c->v, argv[0]);
}

const struct cmd_entry cmd_source_entry = {
	.name = "source",
	.usage = "FILE",
	.summary = "run the commands in a script file",
	.help =
"source reads FILE and runs each of its lines as if it had been typed at\n"
"the prompt. Blank lines and lines whose first word begins with # are\n"
"skipped, so a script can explain itself in comments. An error in a script\n"
"names the file and the line, as in\n"
"\n"
"  lab.vms:12: vmdb: alloc_pages: ORDER: not a number: 'x'\n"
"\n"
"and stops the script there, unless the keep-going setting is on (see\n"
"`help set`), in which case the rest of the script still runs. `quit` in a\n"
"script leaves vmdb altogether. Scripts may source other scripts, up to 16\n"
"deep. A relative FILE is found from vmdb's current directory, not from\n"
"the directory of the script that sources it.\n"
"\n"
"Starting vmdb with `-x FILE`, or with FILE as its last argument, sources\n"
"the file at start-up; the latter then exits, which is how transcript tests\n"
"and batch runs work.\n"
"\n"
"Examples:\n"
"  source samples/tour.vms\n"
"  source /tmp/fragment.vms\n",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = source_exec,
};
