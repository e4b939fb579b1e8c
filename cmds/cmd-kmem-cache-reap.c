/* cmds/cmd-kmem-cache-reap.c: `kmem_cache_reap`: one run of cache_reap. */
#include "config.h"

#include "vmdb/slab.h"

#include "cmd.h"

static void
reap_line(struct cmd_ctx *c, const struct slab_reap_entry *e)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_printf(&sb, "  %-17s", kmem_cache_name(e->cache));
	if (e->array_drained < 0)
		sb_printf(&sb, " array: used lately (touched), %u kept", e->array_before);
	else if (e->array_before)
		sb_printf(&sb, " array: %d of %u freed", e->array_drained,
			  e->array_before);
	else
		sb_puts(&sb, " array: empty");
	if (!e->lists_due) {
		sb_puts(&sb, "; lists not due yet\n");
		goto out;
	}
	if (e->shared_drained < 0)
		sb_printf(&sb, "; shared: touched, %u kept", e->shared_before);
	else if (e->shared_before)
		sb_printf(&sb, "; shared: %d of %u freed", e->shared_drained,
			  e->shared_before);
	if (e->free_touched)
		sb_puts(&sb, "; free slabs used lately (free_touched), kept");
	else if (e->slabs_freed)
		sb_printf(&sb, "; %d free slab%s destroyed (%u page%s)",
			  e->slabs_freed, e->slabs_freed == 1 ? "" : "s",
			  e->pages_freed, e->pages_freed == 1 ? "" : "s");
	else
		sb_puts(&sb, "; lists due: no free slab");
	sb_puts(&sb, "\n");
out:
	out_puts(c->out, sb.buf);
	sb_free(&sb);
}

static int
kmem_cache_reap_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct slab_reap_report r;
	int i;

	cache_reap(c->m, &r);
	out_printf(c->out, "cache_reap on cpu %d at jiffies 0x%08x (2 s after the last run):\n",
		   r.cpu, r.jiffies);
	if (r.n == 0)
		out_puts(c->out, "  nothing to do: no array holds objects, no free slab is due\n");
	for (i = 0; i < r.n; i++)
		reap_line(c, &r.e[i]);
	slab_reap_report_free(&r);
	(void)argc;
	(void)argv;
	return 0;
}

const struct cmd_entry cmd_kmem_cache_reap_entry = {
	.name = "kmem_cache_reap",
	.usage = "",
	.summary = "run the slab reaper (cache_reap) once",
	.help =
"kmem_cache_reap runs one pass of the kernel's cache_reap, the work each\n"
"CPU schedules every 2 seconds; vmdb's slab clock advances 2 s (500\n"
"jiffies at HZ=250) each time. For every cache, newest first:\n"
"\n"
"  - this CPU's array gives a fifth of its limit back to the slabs\n"
"    (drain_array), unless it was used since the last pass (touched),\n"
"    which only clears touched;\n"
"  - every 4 seconds per cache (next_reap, staggered by the cache's\n"
"    address), the shared array likewise, and then, unless free slabs\n"
"    were taken since (free_touched), up to (free_limit + 5 x num - 1) /\n"
"    (5 x num) free slabs are destroyed (drain_freelist).\n"
"\n"
"It prints the caches where something was there to reap. (Linux 2.4 had\n"
"a kmem_cache_reap function; 2.6 reaps with cache_reap.)\n",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_MODIFIES,
	.exec = kmem_cache_reap_exec,
};
