/* cmds/vmalloc-report.h: how the vmalloc family of commands (vmalloc,
 * vfree, vmap, vunmap, ioremap, iounmap, vm_unmap_aliases) tell what the
 * kernel did, from the engine's vmalloc_report. */
#ifndef VMDB_VMALLOC_REPORT_H
#define VMDB_VMALLOC_REPORT_H

#include "vmdb/vmalloc.h"

#include "cmd.h"

/* "area 0xf7ffe000-0xf800f000 (16 pages + the guard page)" */
void vmr_area(struct cmd_ctx *c, const struct vmalloc_report *r);
/* " 0x0003fbe0-0x0003fbef 0x00037000 0x0003f80f down to 0x0003f80a":
 * the first few runs of consecutive pfns, up or down. */
void vmr_pfn_runs(struct cmd_ctx *c, const u32 *pfns, u32 n);
/* The page tables pte_alloc_kernel made, and a purge that ran: one
 * indented line each, when they happened. */
void vmr_tables(struct cmd_ctx *c, const struct vmalloc_report *r);
void vmr_purge(struct cmd_ctx *c, const struct vmalloc_report *r);
/* "  kmalloc'ed: vm_struct 0x..., vmap_area 0x..." and pages[] when it
 * came from kmalloc too. */
void vmr_objects(struct cmd_ctx *c, const struct vm_area_view *v);
/* The end of a free: "0x...-0x... lazily freed: ..." and any purge. */
void vmr_lazy_free(struct cmd_ctx *c, const struct vmalloc_report *r);

#endif
