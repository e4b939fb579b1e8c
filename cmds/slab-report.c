/* cmds/slab-report.c: what the slab commands print after an allocation
 * or a free: where the object came from or went, in the allocator's own
 * terms (per-CPU array, refill, new slab, flush, free_block). */
#include "config.h"

#include "vmdb/slab.h"

#include "cmd.h"

static const char *
plural(int n)
{
	return n == 1 ? "" : "s";
}

static void
slab_sources(struct strbuf *sb, const struct slab_alloc_info *ai)
{
	if (ai->from_shared) {
		sb_puts(sb, "the shared array");
		return;
	}
	if (ai->partial_slabs)
		sb_printf(sb, "%d partial slab%s", ai->partial_slabs,
			  plural(ai->partial_slabs));
	if (ai->partial_slabs && ai->free_slabs)
		sb_puts(sb, " and ");
	if (ai->free_slabs)
		sb_printf(sb, "%d free slab%s", ai->free_slabs,
			  plural(ai->free_slabs));
}

void
slab_report_alloc(struct cmd_ctx *c, u32 objp)
{
	struct machine *m = c->m;
	const struct slab_alloc_info *ai = slab_last_alloc(m);
	struct slab_obj_info oi;
	struct kmem_cache_info ci;
	struct strbuf sb;

	slab_lookup(m, objp, &oi);
	sb_init(&sb);
	sb_printf(&sb, "0x%08x: object %u of the %s slab at 0x%08x (pfn 0x%08x)\n",
		  objp, ai->index, kmem_cache_name(ai->cache), ai->slab,
		  oi.pfn);
	if (ai->from_array) {
		sb_printf(&sb, "  popped off cpu %d's per-CPU array (%u of %u left)\n",
			  m->this_cpu, ai->avail, ai->limit);
		goto out;
	}
	sb_printf(&sb, "  cpu %d's per-CPU array was empty", m->this_cpu);
	if (ai->grown) {
		/* Only here: it walks every slab of the cache. */
		kmem_cache_get_info(m, ai->cache, &ci);
		sb_printf(&sb, ", and so were the slab lists: cache_grow\n  made a new slab at pfn 0x%08x (",
			  ai->grow_pfn);
		if (ci.colour && ai->grow_colour)
			sb_printf(&sb, "colour %u of %u: objects start %u bytes further in",
				  ai->grow_colour, ci.colour,
				  ai->grow_colour * ci.colour_off);
		else if (ci.colour)
			sb_printf(&sb, "colour 0 of %u: no offset", ci.colour);
		else
			sb_puts(&sb, "no spare bytes for colouring");
		sb_printf(&sb, ");\n  cache_alloc_refill moved %d object%s in from ",
			  ai->refilled, plural(ai->refilled));
	} else {
		sb_printf(&sb, ": cache_alloc_refill moved %d object%s\n  in from ",
			  ai->refilled, plural(ai->refilled));
	}
	slab_sources(&sb, ai);
	sb_printf(&sb, ", then handed out the last (%u of %u left)\n",
		  ai->avail, ai->limit);
out:
	out_puts(c->out, sb.buf);
	sb_free(&sb);
}

void
slab_report_free(struct cmd_ctx *c, u32 objp)
{
	struct machine *m = c->m;
	const struct slab_free_info *fi = slab_last_free(m);
	struct strbuf sb;

	sb_init(&sb);
	sb_printf(&sb, "0x%08x: object %u of the %s slab at 0x%08x\n",
		  objp, fi->index, kmem_cache_name(fi->cache), fi->slab);
	if (fi->flushed) {
		sb_printf(&sb, "  cpu %d's per-CPU array was full: cache_flusharray moved its %d oldest object%s\n  ",
			  m->this_cpu, fi->flushed, plural(fi->flushed));
		if (fi->to_shared)
			sb_puts(&sb, "to the shared array");
		else if (fi->flushed == 1)
			sb_puts(&sb, "back to its slab (free_block)");
		else
			sb_puts(&sb, "back to their slabs (free_block)");
		if (fi->slabs_destroyed)
			sb_printf(&sb, ", which destroyed %d empty slab%s\n  (free_objects was above free_limit)",
				  fi->slabs_destroyed,
				  plural(fi->slabs_destroyed));
		sb_puts(&sb, ";\n");
	}
	sb_printf(&sb, "  pushed onto cpu %d's per-CPU array (%u of %u)\n",
		  m->this_cpu, fi->avail, fi->limit);
	out_puts(c->out, sb.buf);
	sb_free(&sb);
}

/* The cache named by a command's argument, or NULL after the error. */
struct kmem_cache *
arg_cache(struct cmd_ctx *c, const char *name)
{
	struct kmem_cache *kc = kmem_cache_find(c->m, name);

	if (kc == NULL)
		cmd_error(c, "no cache named %s (slabinfo lists them)", name);
	return kc;
}
