/* cmds/cmd-catch.c: `catch segv|oom|cow|tlb-flush|ipi`: stop at an
 * event, wherever it happens. */
#include "config.h"

#include <string.h>

#include "cmd.h"
#include "debug.h"

static const char *const catch_what[NR_CATCH] = {
	[CATCH_SEGV] = "a task gets SIGSEGV (force_sig_info)",
	[CATCH_OOM] = "an allocation fails (nopage)",
	[CATCH_COW] = "do_wp_page copies a page (cow_user_page)",
	[CATCH_TLB_FLUSH] = "flush_tlb_mm, _page, _range, _all or "
			    "_kernel_range starts",
	[CATCH_IPI] = "a flush is sent to other CPUs (flush_tlb_others)",
};

static int
catch_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct breakpoint *b;
	int i;

	(void)argc;
	for (i = 0; i < NR_CATCH; i++)
		if (!strcmp(argv[0], catch_names[i]))
			break;
	if (i == NR_CATCH)
		return cmd_error(c, "no event '%s' (segv, oom, cow, tlb-flush "
				 "or ipi)", argv[0]);
	b = dbg_bp_new(dbg_get(c->v), BP_CATCH);
	b->ckind = (enum catch_kind)i;
	out_printf(c->out, "Catchpoint %d (%s): stops when %s\n", b->num,
		   catch_names[i], catch_what[i]);
	dbg_attach(c->v);
	return 0;
}

const struct cmd_entry cmd_catch_entry = {
	.name = "catch",
	.usage = "segv | oom | cow | tlb-flush | ipi",
	.summary = "stop when an event happens",
	.help =
"catch sets a catchpoint, which stops a command when an event happens,\n"
"whichever kernel path it comes from:\n"
"\n"
"  segv       a task is sent SIGSEGV (force_sig_info, after bad_area)\n"
"  oom        a page allocation fails (__alloc_pages_slowpath's nopage;\n"
"             vmdb has no OOM killer, so this is where it would run)\n"
"  cow        do_wp_page copies a shared page (cow_user_page)\n"
"  tlb-flush  flush_tlb_mm, flush_tlb_page, flush_tlb_range,\n"
"             flush_tlb_all or flush_tlb_kernel_range begins\n"
"  ipi        a TLB flush reaches other CPUs (flush_tlb_others)\n"
"\n"
"Catchpoints are numbered with breakpoints; info breakpoints lists them.\n"
"\n"
"Example:\n"
"  catch cow\n",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = catch_exec,
};
