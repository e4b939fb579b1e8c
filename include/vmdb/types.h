/* vmdb/types.h: fixed-width types, the i386 constants every layer shares,
 * and small helpers (ALIGN, ARRAY_SIZE). */
#ifndef VMDB_TYPES_H
#define VMDB_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

typedef u32 gfp_t;

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1u << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PGDIR_SHIFT	22
#define PFN_NONE	0xffffffffu

/* The kernel's static limits for the reference configuration. */
#define MAX_ORDER		11
#define pageblock_order		(MAX_ORDER - 1)
#define pageblock_nr_pages	(1u << pageblock_order)
#define VMDB_MAX_CPUS		8	/* CPUs a machine can have present */
#define VMDB_MAX_NR_CPUS	64	/* largest NR_CPUS config accepted */

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define ALIGN(x, a)	(((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))

#define PFN_UP(x)	((u32)(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_DOWN(x)	((u32)((x) >> PAGE_SHIFT))
#define PFN_PHYS(x)	((u64)(x) << PAGE_SHIFT)

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

#endif
