/* vmdb/bootmem.h: the boot-time allocators of 2.6.32 i386: early_res (named
 * reservations made before any allocator exists, arch/x86/kernel/e820.c)
 * and the bootmem bitmap allocator (mm/bootmem.c) that mem_map, the hash
 * tables and per-CPU areas come from before the buddy allocator runs. */
#ifndef VMDB_BOOTMEM_H
#define VMDB_BOOTMEM_H

#include "vmdb/types.h"

struct machine;

void reserve_early(struct machine *m, u64 start, u64 end, const char *name);
/* First fit of size bytes at align inside RAM of the e820 map, in
 * [start, end), avoiding early reservations; ~0ull if none. */
u64 find_e820_area(struct machine *m, u64 start, u64 end, u64 size,
		   u64 align);
u32 bootmem_bootmap_pages(u32 pages);
/* init_bootmem_node + free_bootmem_with_active_regions +
 * early_res_to_bootmem, with their log lines. */
void setup_bootmem(struct machine *m, u32 bootmap_phys);
/* alloc_bootmem_core: physical address, or ~0ull when nothing fits. */
u64 alloc_bootmem(struct machine *m, u64 size, u64 align, u64 goal);
/* Names a boot-time allocation so `page` can say what a reserved frame
 * holds. */
void bootmem_note(struct machine *m, u64 start, u64 size, const char *name);
const char *boot_owner(struct machine *m, u32 pfn);
void free_bootmem(struct machine *m, u64 addr, u64 size);
bool bootmem_reserved(struct machine *m, u32 pfn);
/* free_all_bootmem: hands every free lowmem page to the buddy allocator;
 * returns how many pages it released. */
unsigned long free_all_bootmem(struct machine *m);

#endif
