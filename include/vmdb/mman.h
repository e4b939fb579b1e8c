/* vmdb/mman.h: the mmap family's user-visible constants (asm-generic/
 * mman-common.h, i386) and their names for parsing and printing. */
#ifndef VMDB_MMAN_H
#define VMDB_MMAN_H

#include "vmdb/types.h"

#define PROT_NONE	0x0u
#define PROT_READ	0x1u
#define PROT_WRITE	0x2u
#define PROT_EXEC	0x4u
#define PROT_GROWSDOWN	0x01000000u

#define MAP_SHARED	0x01u
#define MAP_PRIVATE	0x02u
#define MAP_FIXED	0x10u
#define MAP_ANONYMOUS	0x20u
#define MAP_GROWSDOWN	0x0100u
#define MAP_DENYWRITE	0x0800u
#define MAP_EXECUTABLE	0x1000u
#define MAP_LOCKED	0x2000u
#define MAP_NORESERVE	0x4000u
#define MAP_POPULATE	0x8000u

#define MREMAP_MAYMOVE	1u
#define MREMAP_FIXED	2u

#define MCL_CURRENT	1u
#define MCL_FUTURE	2u

#endif
