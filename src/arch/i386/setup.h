/* arch/i386/setup.h: the boot steps shared by setup.c and init_32.c. */
#ifndef VMDB_ARCH_SETUP_H
#define VMDB_ARCH_SETUP_H

#include <stddef.h>

struct machine;

/* From the early reservations to the watermarks: initmem_init,
 * paging_init, the bootmem users of start_kernel, mem_init. */
int arch_mem_setup(struct machine *m, char *why, size_t n);

#include "vmdb/highmem.h"
#include "vmdb/types.h"

void e820_register_active_regions(struct machine *m, u32 last_pfn);

#define BRK_RESERVE	0x120000u	/* .brk: 64K + page tables + DMI */
#define DMI_BRK_USED	0x6c3u
#define PHYSICAL_START	0x1000000u

#endif
