/* vmdb/mman.h: the mmap family's user-visible constants (asm-generic/
 * mman-common.h, i386) and their names for parsing and printing. */
#ifndef VMDB_MMAN_H
#define VMDB_MMAN_H

#include <sys/mman.h>	/* the host's names, if it has them: same values */

#include "vmdb/types.h"

/* i386 values; where the host defines them too they must agree. */

#ifndef PROT_NONE
#define PROT_NONE	0x0u
#endif
_Static_assert(PROT_NONE == 0x0u, "host PROT_NONE differs from i386");
#ifndef PROT_READ
#define PROT_READ	0x1u
#endif
_Static_assert(PROT_READ == 0x1u, "host PROT_READ differs from i386");
#ifndef PROT_WRITE
#define PROT_WRITE	0x2u
#endif
_Static_assert(PROT_WRITE == 0x2u, "host PROT_WRITE differs from i386");
#ifndef PROT_EXEC
#define PROT_EXEC	0x4u
#endif
_Static_assert(PROT_EXEC == 0x4u, "host PROT_EXEC differs from i386");
#ifndef PROT_GROWSDOWN
#define PROT_GROWSDOWN	0x01000000u
#endif
_Static_assert(PROT_GROWSDOWN == 0x01000000u, "host PROT_GROWSDOWN differs from i386");

#ifndef MAP_SHARED
#define MAP_SHARED	0x01u
#endif
_Static_assert(MAP_SHARED == 0x01u, "host MAP_SHARED differs from i386");
#ifndef MAP_PRIVATE
#define MAP_PRIVATE	0x02u
#endif
_Static_assert(MAP_PRIVATE == 0x02u, "host MAP_PRIVATE differs from i386");
#ifndef MAP_FIXED
#define MAP_FIXED	0x10u
#endif
_Static_assert(MAP_FIXED == 0x10u, "host MAP_FIXED differs from i386");
#ifndef MAP_ANONYMOUS
#define MAP_ANONYMOUS	0x20u
#endif
_Static_assert(MAP_ANONYMOUS == 0x20u, "host MAP_ANONYMOUS differs from i386");
#ifndef MAP_GROWSDOWN
#define MAP_GROWSDOWN	0x0100u
#endif
_Static_assert(MAP_GROWSDOWN == 0x0100u, "host MAP_GROWSDOWN differs from i386");
#ifndef MAP_DENYWRITE
#define MAP_DENYWRITE	0x0800u
#endif
_Static_assert(MAP_DENYWRITE == 0x0800u, "host MAP_DENYWRITE differs from i386");
#ifndef MAP_EXECUTABLE
#define MAP_EXECUTABLE	0x1000u
#endif
_Static_assert(MAP_EXECUTABLE == 0x1000u, "host MAP_EXECUTABLE differs from i386");
#ifndef MAP_LOCKED
#define MAP_LOCKED	0x2000u
#endif
_Static_assert(MAP_LOCKED == 0x2000u, "host MAP_LOCKED differs from i386");
#ifndef MAP_NORESERVE
#define MAP_NORESERVE	0x4000u
#endif
_Static_assert(MAP_NORESERVE == 0x4000u, "host MAP_NORESERVE differs from i386");
#ifndef MAP_POPULATE
#define MAP_POPULATE	0x8000u
#endif
_Static_assert(MAP_POPULATE == 0x8000u, "host MAP_POPULATE differs from i386");

#ifndef MREMAP_MAYMOVE
#define MREMAP_MAYMOVE	1u
#endif
_Static_assert(MREMAP_MAYMOVE == 1u, "host MREMAP_MAYMOVE differs from i386");
#ifndef MREMAP_FIXED
#define MREMAP_FIXED	2u
#endif
_Static_assert(MREMAP_FIXED == 2u, "host MREMAP_FIXED differs from i386");

#ifndef MCL_CURRENT
#define MCL_CURRENT	1u
#endif
_Static_assert(MCL_CURRENT == 1u, "host MCL_CURRENT differs from i386");
#ifndef MCL_FUTURE
#define MCL_FUTURE	2u
#endif
_Static_assert(MCL_FUTURE == 2u, "host MCL_FUTURE differs from i386");

#endif
