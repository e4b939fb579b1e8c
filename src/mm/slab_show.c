/* mm/slab_show.c: the slab allocator seen from outside: /proc/slabinfo in
 * 2.6.32's format (mm/slab.c s_show), and vmdb's `slab NAME` dump of one
 * cache, read from the structures in simulated RAM. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vmdb/machine.h"
#include "vmdb/out.h"
#include "vmdb/util.h"

#include "mm/slab_impl.h"

static const u32 list_heads[3] = { L3_PARTIAL, L3_FULL, L3_FREE };

void
kmem_cache_get_info(struct machine *m, const struct kmem_cache *c,
		    struct kmem_cache_info *ci)
{
	u32 l3 = cache_l3(m, c), i;

	memset(ci, 0, sizeof(*ci));
	ci->name = c->name;
	ci->kva = c->kva;
	ci->obj_size = c->obj_size;
	ci->buffer_size = c->buffer_size;
	ci->align = c->align;
	ci->num = c->num;
	ci->gfporder = c->gfporder;
	ci->gfpflags = c->gfpflags;
	ci->flags = c->flags & ~CFLGS_OFF_SLAB;
	ci->off_slab = c->flags & CFLGS_OFF_SLAB;
	ci->slab_size = c->slab_size;
	ci->colour = c->colour;
	ci->colour_off = c->colour_off;
	ci->boot = c->boot;
	ci->slabp_cache = c->slabp_cache;
	ci->limit = kc_rd(m, c, KC_LIMIT);
	ci->batchcount = kc_rd(m, c, KC_BATCH);
	ci->shared = kc_rd(m, c, KC_SHARED);
	ci->colour_next = rd(m, l3 + L3_COLOUR_NEXT);
	ci->free_objects = rd(m, l3 + L3_FREE_OBJECTS);
	ci->free_limit = rd(m, l3 + L3_FREE_LIMIT);
	for (i = 0; i < 3; i++) {
		u32 head = l3 + list_heads[i], pos, budget;

		for_each_slab_safe(m, pos, head, budget) {
			if (i == SLAB_PARTIAL) {
				ci->partial_slabs++;
				ci->active_objs += rd(m, pos + SL_INUSE);
			} else if (i == SLAB_FULL) {
				ci->full_slabs++;
				ci->active_objs += c->num;
			} else {
				ci->free_slabs++;
			}
		}
	}
	ci->live_objs = ci->active_objs - slab_array_objects(m, c);
}

unsigned long
nr_slab_pages(struct machine *m)
{
	unsigned long n = 0;
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++)
		n += (unsigned long)
		     (m->zones[i].vm_stat[NR_SLAB_RECLAIMABLE] +
		      m->zones[i].vm_stat[NR_SLAB_UNRECLAIMABLE]);
	return n;
}

/* ---- /proc/slabinfo --------------------------------------------------- */

void
show_slabinfo(struct machine *m, struct out *o)
{
	struct slab_state *s = m->slab;
	struct kmem_cache **chain = xmalloc(s->nr_caches * sizeof(*chain));
	int n = slab_chain(m, chain, s->nr_caches), i;

	out_puts(o, "slabinfo - version: 2.1\n");
	out_puts(o, "# name            <active_objs> <num_objs> <objsize> "
		 "<objperslab> <pagesperslab> : tunables <limit> "
		 "<batchcount> <sharedfactor> : slabdata <active_slabs> "
		 "<num_slabs> <sharedavail>\n");
	for (i = 0; i < n; i++) {
		const struct kmem_cache *c = chain[i];
		struct kmem_cache_info ci;
		u32 shared = rd(m, cache_l3(m, c) + L3_SHARED);
		unsigned long active_slabs, num_slabs;

		kmem_cache_get_info(m, c, &ci);
		active_slabs = ci.full_slabs + ci.partial_slabs;
		num_slabs = active_slabs + ci.free_slabs;
		out_printf(o, "%-17s %6lu %6lu %6u %4u %4d", c->name,
			   (unsigned long)ci.active_objs,
			   num_slabs * c->num, c->buffer_size, c->num,
			   1 << c->gfporder);
		out_printf(o, " : tunables %4u %4u %4u", ci.limit,
			   ci.batchcount, ci.shared);
		out_printf(o, " : slabdata %6lu %6lu %6lu\n", active_slabs,
			   num_slabs, shared ?
			   (unsigned long)rd(m, shared + AC_AVAIL) : 0ul);
	}
	free(chain);
}

/* ---- slab NAME -------------------------------------------------------- */

static void
flag_names(struct strbuf *sb, u32 flags)
{
	static const struct {
		u32 bit;
		const char *name;
	} names[] = {
		{ SLAB_HWCACHE_ALIGN, "HWCACHE_ALIGN" },
		{ SLAB_CACHE_DMA, "CACHE_DMA" },
		{ SLAB_RECLAIM_ACCOUNT, "RECLAIM_ACCOUNT" },
		{ SLAB_PANIC, "PANIC" },
		{ SLAB_DESTROY_BY_RCU, "DESTROY_BY_RCU" },
		{ SLAB_MEM_SPREAD, "MEM_SPREAD" },
		{ SLAB_NOLEAKTRACE, "NOLEAKTRACE" },
		{ CFLGS_OFF_SLAB, "CFLGS_OFF_SLAB" },
	};
	size_t i;
	bool any = false;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (flags & names[i].bit) {
			sb_printf(sb, "%s%s", any ? "|" : "", names[i].name);
			any = true;
		}
	}
	if (!any)
		sb_puts(sb, "0");
}

/* The free chain in link order, runs of consecutive indices (going up
 * or down) written a..b. */
static void
free_chain(struct machine *m, const struct kmem_cache *c, u32 slabp,
	   struct strbuf *sb)
{
	u32 i = rd(m, slabp + SL_FREE), n = 0, start = 0, prev = 0;
	int dir = 0;	/* of the current run: 0 (one index), 1 or -1 */
	bool open = false;

	if (i == BUFCTL_END) {
		sb_puts(sb, "(empty)");
		return;
	}
	while (i != BUFCTL_END && i < c->num && n++ <= c->num) {
		int step = (int)i - (int)prev;

		if (open && (step == 1 || step == -1) &&
		    (dir == 0 || dir == step)) {
			dir = step;
		} else {
			if (open)
				sb_printf(sb, start == prev ? "%u -> " :
					  "%u..%u -> ", start, prev);
			start = i;
			dir = 0;
			open = true;
		}
		prev = i;
		i = rd(m, slab_bufctl(slabp) + 4 * i);
	}
	if (start == prev)
		sb_printf(sb, "%u", start);
	else
		sb_printf(sb, "%u..%u", start, prev);
	sb_puts(sb, i == BUFCTL_END ? " -> END" : " -> (broken chain)");
}

#define SLABS_SHOWN	32

static void
show_one_slab(struct machine *m, struct out *o, const struct kmem_cache *c,
	      u32 slabp, struct strbuf *sb)
{
	u32 smem = rd(m, slabp + SL_SMEM), col = rd(m, slabp + SL_COLOUROFF);
	u32 pfn = kva_pfn(m, smem - col);

	sb_reset(sb);
	if (c->gfporder)
		sb_printf(sb, "pfns 0x%08x-0x%08x", pfn,
			  pfn + (1u << c->gfporder) - 1);
	else
		sb_printf(sb, "pfn 0x%08x", pfn);
	out_printf(o, "  slab 0x%08x  %s  colouroff %u  s_mem 0x%08x  inuse %u/%u\n",
		   slabp, sb->buf, col, smem, rd(m, slabp + SL_INUSE), c->num);
	sb_reset(sb);
	free_chain(m, c, slabp, sb);
	out_printf(o, "    free chain: %s\n", sb->buf);
}

static void
show_list(struct machine *m, struct out *o, const struct kmem_cache *c,
	  int which)
{
	u32 head = cache_l3(m, c) + list_heads[which], pos, n = 0, budget;
	struct strbuf sb;

	for_each_slab_safe(m, pos, head, budget)
		n++;
	out_printf(o, "%s: %u slab%s\n", slab_list_names[which], n,
		   n == 1 ? "" : "s");
	sb_init(&sb);
	n = 0;
	for_each_slab_safe(m, pos, head, budget)
		if (n++ < SLABS_SHOWN)
			show_one_slab(m, o, c, pos, &sb);
	if (n > SLABS_SHOWN)
		out_printf(o, "  ... and %u more\n", n - SLABS_SHOWN);
	sb_free(&sb);
}

static void
show_array(struct machine *m, struct out *o, const char *what, u32 ac)
{
	u32 avail, i;

	if (!ac) {
		out_printf(o, "%s: none\n", what);
		return;
	}
	avail = rd(m, ac + AC_AVAIL);
	if (rd(m, ac + AC_BATCH) == 0xbaadf00d)	/* a shared array's */
		out_printf(o, "%s at 0x%08x: avail %u of %u, batchcount 0xbaadf00d (unused), touched %u\n",
			   what, ac, avail, rd(m, ac + AC_LIMIT),
			   rd(m, ac + AC_TOUCHED));
	else
		out_printf(o, "%s at 0x%08x: avail %u of %u, batchcount %u, touched %u\n",
			   what, ac, avail, rd(m, ac + AC_LIMIT),
			   rd(m, ac + AC_BATCH), rd(m, ac + AC_TOUCHED));
	for (i = 0; i < avail; i++)
		out_printf(o, "%s0x%08x%s", i % 6 ? " " : "    ",
			   rd(m, ac + AC_ENTRY + 4 * i),
			   i % 6 == 5 || i + 1 == avail ? "\n" : "");
	if (avail)
		out_puts(o, "    (oldest first: the next allocation takes the last)\n");
}

int
show_slab(struct machine *m, struct out *o, const char *name)
{
	struct kmem_cache *c = kmem_cache_find(m, name);
	struct kmem_cache_info ci;
	struct strbuf sb;
	u32 l3, reap;
	int cpu, i;

	if (c == NULL)
		return machine_err(m, -ENOENT, "no cache named %s (slabinfo lists them)",
				   name);
	kmem_cache_get_info(m, c, &ci);
	l3 = cache_l3(m, c);
	sb_init(&sb);
	flag_names(&sb, c->flags);
	out_printf(o, "cache %s: struct kmem_cache at 0x%08x, kmem_list3 at 0x%08x\n",
		   c->name, c->kva, l3);
	out_printf(o, "  objects   %u bytes (asked for %u, aligned to %u), %u per slab of %u page%s (order %u)\n",
		   c->buffer_size, c->obj_size, c->align, c->num,
		   1u << c->gfporder, c->gfporder ? "s" : "", c->gfporder);
	if (ci.off_slab)
		out_printf(o, "  mgmt      off-slab: a %u-byte descriptor (28 + %u bufctl%s) in %s\n",
			   c->slab_size, c->num, c->num == 1 ? "" : "s",
			   c->slabp_cache->name);
	else
		out_printf(o, "  mgmt      on-slab: 28-byte descriptor + %u bufctls = %u bytes, padded to %u\n",
			   c->num, SLAB_DESC + 4 * c->num, c->slab_size);
	out_printf(o, "  colour    %u colour%s of %u bytes, colour_next %u\n",
		   c->colour, c->colour == 1 ? "" : "s", c->colour_off,
		   ci.colour_next);
	out_printf(o, "  flags     %s, pages from %s\n", sb.buf,
		   c->gfpflags & GFP_DMA ? "ZONE_DMA (GFP_DMA)" :
		   c->flags & SLAB_RECLAIM_ACCOUNT ?
		   "Normal, then DMA (Reclaimable pageblocks)" :
		   "Normal, then DMA");
	out_printf(o, "  tunables  limit %u, batchcount %u, shared %u\n",
		   ci.limit, ci.batchcount, ci.shared);
	reap = rd(m, l3 + L3_NEXT_REAP);
	out_printf(o, "  lists     free_objects %u, free_limit %u, free_touched %u, next_reap in %d jiffies\n",
		   ci.free_objects, ci.free_limit, rd(m, l3 + L3_FREE_TOUCHED),
		   (int)(reap - m->slab->jiffies));
	out_printf(o, "  objects   %u active (%u in arrays, %u held by you)\n",
		   ci.active_objs, ci.active_objs - ci.live_objs,
		   slab_user_count(m, c));
	for (i = 0; i < 3; i++)
		show_list(m, o, c, i);
	for (cpu = 0; cpu < m->slab->online_cpus; cpu++) {
		sb_reset(&sb);
		sb_printf(&sb, "cpu %d array", cpu);
		show_array(m, o, sb.buf, cpu_cache_get(m, c, cpu));
	}
	show_array(m, o, "shared array", rd(m, l3 + L3_SHARED));
	sb_free(&sb);
	return 0;
}
