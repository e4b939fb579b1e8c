/* cmds/cmd-page.c: `page PFN`: one struct page, decoded. */
#include "config.h"

#include "vmdb/bootmem.h"
#include "vmdb/fs.h"
#include "vmdb/slab.h"

#include "cmd.h"

static void
link_str(struct strbuf *sb, u32 x)
{
	if (x == PFN_NONE)
		sb_puts(sb, "-");
	else if (x & LIST_HEAD_BIT)
		sb_puts(sb, "(list head)");
	else
		sb_printf(sb, "0x%08x", x);
}

static bool
in_ram(struct machine *m, u32 pfn)
{
	int i;

	for (i = 0; i < m->nr_active; i++)
		if (pfn >= m->early_node_map[i].start_pfn &&
		    pfn < m->early_node_map[i].end_pfn)
			return true;
	return false;
}

static bool
on_list(struct machine *m, u32 head, u32 pfn)
{
	u32 pos;

	plist_for_each(m, pos, head)
		if (pos == pfn)
			return true;
	return false;
}

/* Which CPU's per-CPU list holds pfn, or -1. */
static int
on_pcp_list(struct machine *m, u32 pfn, int *mtp)
{
	struct zone *z = page_zone(m, &m->mem_map[pfn]);
	int c, mt;

	for (c = 0; c < m->nr_cpus; c++)
		for (mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (on_list(m, z->pcp[c].lists[mt], pfn)) {
				*mtp = mt;
				return c;
			}
	return -1;
}

/* What an allocated page is used for: the page cache, an LRU list. */
static void
page_use(struct machine *m, u32 pfn, struct strbuf *sb)
{
	struct page *p = &m->mem_map[pfn];
	struct vfile *f = file_by_mapping(m, p->mapping);

	if (f)
		sb_printf(sb, "; page %u of %s%s in the page cache", p->index,
			  f->name, f->deleted ? " (deleted)" : "");
	if (page_test(p, PG_lru))
		sb_printf(sb, "; on %s's %s list", page_zone(m, p)->name,
			  lru_list_names[page_lru(m, pfn)]);
}

/* What the frame is doing, in words. */
static void
page_state(struct machine *m, u32 pfn, struct strbuf *sb)
{
	struct page *p = &m->mem_map[pfn];
	struct zone *z = page_zone(m, p);
	const char *owner;
	u32 i;
	int mt, c;

	if (!zone_spans(m, pfn)) {
		sb_puts(sb, "outside every zone: below the first RAM page, its struct page was never initialised");
		return;
	}
	if (page_test(p, PG_slab)) {
		struct slab_obj_info oi;

		if (slab_lookup(m, __va(m, (u32)PFN_PHYS(pfn)), &oi) == 0) {
			sb_printf(sb, "slab: page %u of a %s slab (inuse %u, on %s)",
				  pfn - oi.pfn, kmem_cache_name(oi.cache),
				  oi.inuse, (int)oi.list >= 0 ?
				  slab_list_names[oi.list] : "no list!");
			return;
		}
	}
	if (m->alloc_order[pfn] != 0xff) {
		sb_printf(sb, "allocated: the first page of an order-%u block",
			  m->alloc_order[pfn]);
		page_use(m, pfn, sb);
		return;
	}
	for (i = 1; i < (1u << (MAX_ORDER - 1)) && i <= pfn; i++) {
		u8 o = m->alloc_order[pfn - i];

		if (o != 0xff && (1u << o) > i) {
			sb_printf(sb, "allocated: page %u of the order-%u block at 0x%08x",
				  i, o, pfn - i);
			return;
		}
	}
	if (page_test(p, PG_buddy)) {
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			if (on_list(m, z->free_area[p->private].free_list[mt], pfn))
				break;
		sb_printf(sb, "free: an order-%u block (%u page%s) on %s free_area[%u] %s",
			  p->private, 1u << p->private, p->private ? "s" : "", z->name, p->private,
			  mt < MIGRATE_TYPES ? migratetype_names[mt] : "(on no list!)");
		return;
	}
	if (page_test(p, PG_reserved)) {
		if (!in_ram(m, pfn)) {
			sb_puts(sb, "reserved: not RAM (a hole or firmware range in the e820 map)");
			return;
		}
		owner = boot_owner(m, pfn);
		sb_printf(sb, "reserved at boot%s%s", owner ? ": " : "",
			  owner ? owner : "");
		return;
	}
	if (p->_count == 0) {
		c = on_pcp_list(m, pfn, &mt);
		if (c >= 0) {
			sb_printf(sb, "free: on cpu %d's %s per-CPU list (%s)",
				  c, z->name, migratetype_names[mt]);
			return;
		}
		for (i = 1; i < (1u << (MAX_ORDER - 1)) && i <= pfn; i++) {
			struct page *h = &m->mem_map[pfn - i];

			if (page_test(h, PG_buddy) && (1u << h->private) > i) {
				sb_printf(sb, "free: inside the order-%u block at 0x%08x",
					  h->private, pfn - i);
				return;
			}
		}
		sb_puts(sb, "free, on no list (outside every zone)");
		return;
	}
	sb_printf(sb, "in use (%d reference%s)", p->_count,
		  p->_count == 1 ? "" : "s");
	page_use(m, pfn, sb);
}

static int
page_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	struct page *p;
	struct strbuf sb;
	u64 pfn;
	int bit, mt;
	bool first = true;

	if (arg_number(c, "PFN", argv[0], 0, m->max_mapnr ? m->max_mapnr - 1 : 0,
		       &pfn))
		return -1;
	p = &m->mem_map[pfn];
	sb_init(&sb);
	sb_printf(&sb, "pfn 0x%08x  phys 0x%08llx  zone %s  pageblock %s\n",
		  (u32)pfn, (unsigned long long)PFN_PHYS(pfn),
		  zone_names[page_zonenum(p)],
		  migratetype_names[get_pageblock_migratetype(m, (u32)pfn)]);
	if (pfn < PFN_DOWN(m->high_memory - m->page_offset) ||
	    !m->cfg.highmem)
		sb_printf(&sb, "  virtual   0x%08x (lowmem, direct-mapped)\n",
			  __va(m, (u32)PFN_PHYS(pfn)));
	else
		sb_puts(&sb, "  virtual   none (highmem: needs kmap)\n");
	sb_printf(&sb, "  flags     0x%08x", p->flags);
	for (bit = 0; bit < NR_PAGEFLAGS; bit++) {
		if (page_test(p, bit)) {
			sb_printf(&sb, "%s%s", first ? " " : "|", pageflag_names[bit]);
			first = false;
		}
	}
	sb_printf(&sb, " (zone %d in bits 30-31)\n", page_zonenum(p));
	sb_printf(&sb, "  _count    %d\n", p->_count);
	if (!zone_spans(m, (u32)pfn))	/* the zeroes mean nothing */
		sb_printf(&sb, "  _mapcount %d (never initialised)\n",
			  p->_mapcount);
	else
		sb_printf(&sb, "  _mapcount %d (mapped by %d PTE%s)\n",
			  p->_mapcount, p->_mapcount + 1,
			  p->_mapcount == 0 ? "" : "s");
	sb_printf(&sb, "  private   %u%s\n", p->private,
		  page_test(p, PG_buddy) ? " (the free block's order)" :
		  zone_spans(m, (u32)pfn) && on_pcp_list(m, (u32)pfn, &mt) >= 0 ?
		  " (migrate type, while on a per-CPU list)" : "");
	sb_printf(&sb, "  mapping   0x%08x\n  index     %u\n", p->mapping,
		  p->index);
	if (page_test(p, PG_slab)) {
		struct slab_obj_info oi;

		/* page_set_cache, page_set_slab: kernel addresses */
		sb_printf(&sb, "  lru       next 0x%08x", p->lru.next);
		if (slab_lookup(m, __va(m, (u32)PFN_PHYS(pfn)), &oi) == 0)
			sb_printf(&sb, " (struct kmem_cache of %s)",
				  kmem_cache_name(oi.cache));
		sb_printf(&sb, ", prev 0x%08x (struct slab)", p->lru.prev);
	} else {
		sb_puts(&sb, "  lru       next ");
		link_str(&sb, p->lru.next);
		sb_puts(&sb, ", prev ");
		link_str(&sb, p->lru.prev);
	}
	sb_puts(&sb, "\n  state     ");
	page_state(m, (u32)pfn, &sb);
	sb_puts(&sb, "\n");
	out_puts(c->out, sb.buf);
	sb_free(&sb);
	(void)argc;
	return 0;
}

const struct cmd_entry cmd_page_entry = {
	.name = "page",
	.usage = "PFN",
	.summary = "decode one struct page",
	.help =
"page prints the struct page of a page frame, field by field, as the\n"
"32-byte i386 structure holds it: flags decoded by name (PG_buddy,\n"
"PG_reserved, ...; the zone number lives in the top two bits), _count\n"
"(references; 0 when free), _mapcount (PTEs mapping it, minus one),\n"
"private (for a free block, its order), mapping, index and the lru links\n"
"that chain it on a free list or per-CPU list (a slab page keeps there\n"
"the addresses of its struct kmem_cache and struct slab instead). A last\n"
"line says what the frame is doing: free (in which block, on which list),\n"
"part of a slab (of which cache), allocated (which block; for a page-cache\n"
"page also its file and index, and the LRU list it is on), or reserved at\n"
"boot (and by what: the kernel image, mem_map, a hash table, the BIOS).\n"
"\n"
"Example:\n"
"  page 0x1000\n",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_NO_PARANOID,
	.exec = page_exec,
};
