/* cmds/vmalloc-report.c: the lines the vmalloc family of commands share. */
#include "config.h"

#include "vmalloc-report.h"

#define MAX_RUNS	6

void
vmr_area(struct cmd_ctx *c, const struct vmalloc_report *r)
{
	u32 pages = (r->va_end - r->va_start) / PAGE_SIZE - 1;

	out_printf(c->out, "area 0x%08x-0x%08x (%u page%s + the guard page)",
		   r->va_start, r->va_end, pages, pages == 1 ? "" : "s");
}

void
vmr_pfn_runs(struct cmd_ctx *c, const u32 *pfns, u32 n)
{
	u32 i = 0, j, runs = 0;

	while (i < n) {
		/* a run steps by +1 or, straight off a per-CPU list, by -1 */
		int step = i + 1 < n && pfns[i + 1] == pfns[i] - 1 ? -1 : 1;

		j = i;
		while (j + 1 < n && pfns[j + 1] == pfns[j] + (u32)step)
			j++;
		if (runs < MAX_RUNS && j == i)
			out_printf(c->out, " 0x%08x", pfns[i]);
		else if (runs < MAX_RUNS)
			out_printf(c->out, " 0x%08x%s0x%08x", pfns[i],
				   step > 0 ? "-" : " down to ", pfns[j]);
		runs++;
		i = j + 1;
	}
	if (runs > MAX_RUNS)
		out_printf(c->out, " and %u more run%s", runs - MAX_RUNS,
			   runs - MAX_RUNS == 1 ? "" : "s");
}

void
vmr_tables(struct cmd_ctx *c, const struct vmalloc_report *r)
{
	u32 i;

	if (r->nr_tables == 0)
		return;
	out_printf(c->out, "  %u new page table%s (pte_alloc_kernel):",
		   r->nr_tables, r->nr_tables == 1 ? "" : "s");
	for (i = 0; i < r->nr_tables && i < VMALLOC_REPORT_TABLES; i++)
		out_printf(c->out, "%s pfn 0x%08x", i ? "," : "",
			   r->table_pfn[i]);
	if (r->nr_tables > VMALLOC_REPORT_TABLES)
		out_puts(c->out, ", ...");
	out_puts(c->out, "\n");
}

void
vmr_purge(struct cmd_ctx *c, const struct vmalloc_report *r)
{
	if (r->purged_areas == 0)
		return;
	out_printf(c->out, "  purge: %u lazily freed area%s (%u pages) unmapped, TLB flushed for 0x%08x-0x%08x, their ranges free again\n",
		   r->purged_areas, r->purged_areas == 1 ? "" : "s",
		   r->purged_pages, r->flush_start, r->flush_end);
}

void
vmr_objects(struct cmd_ctx *c, const struct vm_area_view *v)
{
	out_printf(c->out, "  kmalloc'ed: vm_struct 0x%08x, vmap_area 0x%08x",
		   v->vm_kaddr, v->va_kaddr);
	if (v->pages_kaddr && !(v->flags & VM_VPAGES))
		out_printf(c->out, ", pages[] 0x%08x (%u bytes)",
			   v->pages_kaddr, v->nr_pages * 4);
	out_puts(c->out, "\n");
}

void
vmr_lazy_free(struct cmd_ctx *c, const struct vmalloc_report *r)
{
	struct machine *m = c->m;

	out_printf(c->out, "0x%08x-0x%08x lazily freed: ", r->va_start,
		   r->va_end);
	if (r->purged_areas)
		out_printf(c->out, "lazy pages went above %u:\n",
			   lazy_max_pages(m));
	else
		out_printf(c->out, "PTEs and range kept until the purge (lazy %u of %u pages)\n",
			   vmap_lazy_nr(m), lazy_max_pages(m));
	vmr_purge(c, r);
}
