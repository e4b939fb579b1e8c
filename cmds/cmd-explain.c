/* cmds/cmd-explain.c: `explain on|off`: narrate each trace point in plain
 * words, with the kernel file and Gorman's chapter (src/debug/explain.c
 * writes the sentences; cmd-trace.c's hook prints them). */
#include "config.h"

#include "cmd.h"

static int
explain_exec(struct cmd_ctx *c, int argc, char **argv)
{
	if (argc == 0) {
		out_printf(c->out, "explain is %s\n",
			   c->v->explain ? "on" : "off");
		return 0;
	}
	if (parse_bool(argv[0], &c->v->explain))
		return cmd_error(c, "expected on or off, not '%s'", argv[0]);
	vmdb_trace_attach(c->v);
	return 0;
}

const struct cmd_entry cmd_explain_entry = {
	.name = "explain",
	.usage = "[on | off]",
	.summary = "narrate each step of the kernel in plain words",
	.help =
"explain on makes every command tell, step by step, what the simulated\n"
"kernel does and why, one sentence per trace point, using the machine's\n"
"state at that moment (a page's mapcount, a zone's free pages against its\n"
"watermark, the free list a block comes from, the VMA a fault falls in,\n"
"whether the TLB holds the address). Each sentence ends with where to read\n"
"more: the kernel file and function it models, and the chapter of Mel\n"
"Gorman's \"Understanding the Linux Virtual Memory Manager\" (Linux 2.4);\n"
"what is new in 2.6 names the file only. Some calls also say what they\n"
"return. Sentences are folded at 80 columns, continuation lines indented\n"
"two more spaces.\n"
"\n"
"With trace on too, each sentence sits under its trace line; alone, the\n"
"sentences are indented by call depth. explain off stops it; explain\n"
"alone says which it is.\n"
"\n"
"Example:\n"
"  explain on\n"
"  touch 0x08060010 w\n"
"  explain off\n",
	.args_min = 0,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = explain_exec,
};
