/* cmds/cmd-alloc-pages.c: `alloc_pages ORDER [GFP]`. */
#include "config.h"

#include "cmd.h"

static int
alloc_pages_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	const struct alloc_info *ai = &m->last_alloc;
	gfp_t gfp = GFP_KERNEL;
	struct strbuf sb;
	char why[160];
	long pfn;
	u64 order;
	int i;

	if (arg_number(c, "ORDER", argv[0], 0, MAX_ORDER - 1, &order))
		return -1;
	if (argc > 1 && gfp_parse(argv[1], &gfp, why, sizeof(why)))
		return cmd_error(c, "%s", why);
	pfn = alloc_pages(m, gfp, (unsigned)order);
	if (pfn < 0)
		return cmd_errno(c, (int)pfn);
	sb_init(&sb);
	sb_printf(&sb, "order %u -> pfn 0x%08lx (%s", (unsigned)order, pfn,
		  zone_names[ai->zone]);
	for (i = MAX_NR_ZONES - 1; i >= 0; i--)
		if (ai->skipped & (1u << i))
			sb_printf(&sb, "; %s below its watermark", zone_names[i]);
	if (ai->pcp) {
		sb_printf(&sb, "; cpu %d's per-CPU list", m->this_cpu);
		if (ai->refilled)
			sb_printf(&sb, ", refilled with %d page%s", ai->refilled,
				  ai->refilled == 1 ? "" : "s");
	} else if (ai->from_order > (int)order) {
		sb_printf(&sb, "; split an order-%d %s block", ai->from_order,
			  migratetype_names[ai->from_mt]);
	} else {
		sb_printf(&sb, "; an order-%d %s block", ai->from_order,
			  migratetype_names[ai->from_mt]);
	}
	if (!ai->pcp && ai->fallback)
		sb_puts(&sb, ", stolen from another migrate type");
	if (ai->slowpath)
		sb_puts(&sb, "; slow path, min watermark");
	sb_puts(&sb, ")\n");
	out_puts(c->out, sb.buf);
	sb_free(&sb);
	return 0;
}

const struct cmd_entry cmd_alloc_pages_entry = {
	.name = "alloc_pages",
	.alias = "alloc",
	.usage = "ORDER [GFP]",
	.summary = "allocate 2^ORDER pages from the buddy allocator",
	.help =
"alloc_pages runs the kernel's alloc_pages(GFP, ORDER) on the current CPU\n"
"and prints the first pfn of the block, its zone and the path it took:\n"
"which zones were passed over for their watermark, whether an order-0 page\n"
"came from the per-CPU list (and whether that list had to be refilled\n"
"from the buddy lists first), or which larger block was split.\n"
"\n"
"ORDER is 0 to 10. GFP defaults to GFP_KERNEL and may be any combination\n"
"of the kernel's names joined by |: GFP_KERNEL, GFP_USER, GFP_HIGHUSER,\n"
"GFP_HIGHUSER_MOVABLE, GFP_ATOMIC, GFP_NOIO, GFP_NOFS, GFP_DMA, and the\n"
"__GFP_* bits (__GFP_ZERO, __GFP_COLD, __GFP_HIGH, __GFP_NOWARN, ...), or a\n"
"number. The zone modifiers pick the zonelist: GFP_HIGHUSER tries HighMem,\n"
"then Normal, then DMA; GFP_KERNEL starts at Normal; GFP_DMA uses DMA only.\n"
"\n"
"Examples:\n"
"  alloc_pages 3\n"
"  alloc_pages 0 GFP_HIGHUSER_MOVABLE\n"
"  alloc_pages 2 GFP_DMA|__GFP_ZERO\n"
"\n"
"Free the block with free_pages PFN ORDER. `trace on` shows every step.\n",
	.args_min = 1,
	.args_max = 2,
	.flags = CMD_MODIFIES,
	.exec = alloc_pages_exec,
};
