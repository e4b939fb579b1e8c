/* main.c: vmdb's entry point.  Reads the options, boots the default
 * machine, then runs, in this order: the -x files and -e commands as given,
 * the script FILE, and then either the interactive REPL (standard input is
 * a terminal, no FILE, no --batch; with --tui, in the TUI's panes) or,
 * when nothing else was asked for, the commands on standard input.
 *
 * In batch mode (anything but the REPL) the first failing command ends
 * the run with exit status 1; with --keep-going everything runs and the
 * status is 1 if anything failed. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "ui/lineedit.h"
#include "ui/tui/tui.h"
#include "ui/ui.h"
#include "vmdb/util.h"

/* One -x FILE or -e COMMAND, kept in command-line order. */
struct step {
	bool is_file;
	const char *arg;
};

static void
usage(FILE *fp)
{
	fputs(
"Usage: vmdb [OPTION]... [FILE]\n"
"A step-by-step debugger for the Linux 2.6.32 i386 memory manager.\n"
"\n"
"vmdb boots the default machine, runs the -x files and -e commands in the\n"
"order given, then the script FILE; then it reads commands from the\n"
"terminal, or from standard input when that is not a terminal.\n"
"\n"
"  -x FILE         run the commands in FILE (may be repeated)\n"
"  -e COMMAND      run COMMAND (may be repeated)\n"
"  -q, --quiet     do not print the banner\n"
"      --batch     do not prompt; stop at the first error (exit status 1)\n"
"      --keep-going  in a batch run, go on after an error\n"
"      --paranoid  check every invariant after each command\n"
"      --tui       live panes of the machine (ncurses) around the prompt\n"
"  -h, --help      print this help and exit\n"
"  -V, --version   print the version and exit\n"
"\n"
"Type 'help' at the (vmdb) prompt for the commands.\n", fp);
}

/* Boots the default machine without printing what `boot` prints, so that
 * transcripts start with the script's own output. */
static int
boot_quietly(struct vmdb *v)
{
	struct out saved = v->out;
	int rc;

	out_init_buf(&v->out);
	rc = cmd_run_line(v, "boot");
	out_done(&v->out);
	v->out = saved;
	return rc;
}

/* Runs the -x and -e steps; returns -1 if a batch run must stop. */
static int
run_steps(struct vmdb *v, const struct step *steps, int nsteps)
{
	int i, rc;

	for (i = 0; i < nsteps && !v->quit; i++) {
		if (steps[i].is_file)
			rc = vmdb_source(v, steps[i].arg);
		else
			rc = cmd_run_line(v, steps[i].arg);
		if (rc < 0 && v->batch && !v->keep_going)
			return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	enum { OPT_BATCH = 256, OPT_KEEP_GOING, OPT_PARANOID, OPT_TUI };
	static const struct option longopts[] = {
		{ "batch", no_argument, NULL, OPT_BATCH },
		{ "keep-going", no_argument, NULL, OPT_KEEP_GOING },
		{ "paranoid", no_argument, NULL, OPT_PARANOID },
		{ "tui", no_argument, NULL, OPT_TUI },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct step *steps = xcalloc((size_t)argc, sizeof(*steps));
	const char *file = NULL;
	int nsteps = 0, opt, status;
	bool batch = false, tui = false;
	struct vmdb v;

	vmdb_init(&v);
	while ((opt = getopt_long(argc, argv, "qx:e:hV", longopts,
				  NULL)) != -1) {
		switch (opt) {
		case 'q':
			v.quiet = true;
			break;
		case 'x':
		case 'e':
			steps[nsteps].is_file = opt == 'x';
			steps[nsteps++].arg = optarg;
			break;
		case OPT_BATCH:
			batch = true;
			break;
		case OPT_KEEP_GOING:
			v.keep_going = true;
			break;
		case OPT_PARANOID:
			v.paranoid = true;
			break;
		case OPT_TUI:
			tui = true;
			break;
		case 'h':
			usage(stdout);
			status = 0;
			goto out;
		case 'V':
			printf("vmdb %s\nline editing: %s\n", PACKAGE_VERSION,
			       lineedit_name());
			status = 0;
			goto out;
		default:
			fputs("Try 'vmdb --help' for more information.\n",
			      stderr);
			status = 2;
			goto out;
		}
	}
	if (optind < argc)
		file = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "vmdb: too many arguments: '%s'\n"
			"Try 'vmdb --help' for more information.\n",
			argv[optind]);
		status = 2;
		goto out;
	}
	v.interactive = isatty(STDIN_FILENO) && !batch && !file;
	v.batch = !v.interactive;
	if (tui && (!v.interactive || !isatty(STDOUT_FILENO))) {
		fputs("vmdb: --tui needs a terminal: standard input and "
		      "output, no FILE, no --batch\n", stderr);
		status = 2;
		goto out;
	}
#ifndef HAVE_TUI
	if (tui) {
		fputs("vmdb: --tui: this vmdb was built without ncurses\n",
		      stderr);
		status = 2;
		goto out;
	}
#endif

	if (boot_quietly(&v) < 0) {
		status = 1;
		goto out;
	}
	if (v.interactive && !v.quiet)
		printf("vmdb %s \u2014 a debugger for the Linux 2.6.32 i386 "
		       "memory manager. Type 'help'.\n", PACKAGE_VERSION);

	if (run_steps(&v, steps, nsteps) == 0 && !v.quit) {
		if (file)
			vmdb_source(&v, file);
		else if (v.interactive) {
			/* --tui: the REPL starts in the TUI (after -x and -e,
			 * which may have chosen a layout). */
			if (tui)
				tui_get(&v)->start = true;
			vmdb_repl(&v);
		}
		else if (nsteps == 0)
			vmdb_source_file(&v, stdin, NULL);
	}
	status = v.interactive ? v.exit_status : v.nerrors > 0;
out:
	vmdb_done(&v);
	free(steps);
	return status;
}
