/* vmdb/hostmem.h: what the host has done with vmdb's own large mappings.
 *
 * Simulated RAM and mem_map are anonymous host mappings made with
 * MAP_NORESERVE, which the host fills with zeroes on first use: a 4 GiB
 * machine touches a few megabytes of them.  Reading the rest would make
 * the host map every page (seconds for 4 GiB), so whoever must look at
 * every frame (the digest, cloning a machine) asks the host's page table
 * first which pages were ever written.  The answer only saves time: a
 * page said to be written may still hold zeroes.
 */
#ifndef VMDB_HOSTMEM_H
#define VMDB_HOSTMEM_H

#include "vmdb/types.h"

struct host_pages;

/* Starts asking about the mapping at base (freed by host_pages_close). */
struct host_pages *host_pages_open(const void *base);
/* Whether the host page holding byte off of base may be non-zero. */
bool host_page_written(struct host_pages *hp, size_t off);
void host_pages_close(struct host_pages *hp);

/* Whether the n bytes at p are all zero. */
bool mem_is_zero(const void *p, size_t n);

#endif
