/* vmdb/e820.h: the BIOS memory map (int 15h, ax=e820h) as Linux 2.6.32
 * keeps it: up to 128 entries of {addr, size, type}.
 *
 *   0x00000000 +-----------------+
 *              | RAM (usable)    |  conventional memory, ends at EBDA
 *   0x0009fc00 +-----------------+
 *              | reserved        |  EBDA, VGA, option ROMs, BIOS
 *   0x00100000 +-----------------+
 *              | RAM (usable)    |  extended memory: the kernel lives here
 *              +-----------------+
 *              | ACPI / reserved |  tables, NVS, PCI hole, APICs, flash
 *   4 GiB      +-----------------+
 */
#ifndef VMDB_E820_H
#define VMDB_E820_H

#include "vmdb/types.h"

#define E820MAX		128
#define E820_RAM	1
#define E820_RESERVED	2
#define E820_ACPI	3
#define E820_NVS	4
#define E820_UNUSABLE	5
#define E820_RESERVED_KERN 128

struct e820entry {
	u64 addr;
	u64 size;
	u32 type;
};

struct e820map {
	u32 nr_map;
	struct e820entry map[E820MAX];
};

struct machine;
struct out;

/*
 * Reads a memory map from text: a pasted dmesg in the 2.6 form
 * (" BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)", end
 * exclusive) or the 3.x form ("BIOS-e820: [mem 0x0-0x9fbff] usable", end
 * inclusive), with any "[ time]" or syslog prefix; or vmdb's own form, one
 * "START END TYPE" or "START +SIZE TYPE" per line.  Lines that are none of
 * these are ignored in a dmesg and an error in vmdb's form.  Returns 0, or
 * -EINVAL with the reason (and "line N") in why.
 */
int e820_parse_text(const char *text, struct e820map *map, char *why,
		    size_t n);
int e820_parse_type(const char *s, u32 *type);
const char *e820_type_name(u32 type);

/* arch/x86/kernel/e820.c semantics. */
int sanitize_e820_map(struct e820entry *map, int max, u32 *pnr_map);
void e820_add_region(struct e820map *e, u64 start, u64 size, u32 type);
u64 e820_update_range(struct e820map *e, u64 start, u64 size,
		      u32 old_type, u32 new_type);
u64 e820_remove_range(struct e820map *e, u64 start, u64 size,
		      u32 old_type, int checktype);
void e820_print_map(struct machine *m, const struct e820map *e,
		    const char *who);
void e820_format(struct out *o, const struct e820map *e, const char *who);

#endif
