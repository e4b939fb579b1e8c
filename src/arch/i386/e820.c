/* arch/i386/e820.c: the BIOS memory map as Linux 2.6.32 edits it
 * (arch/x86/kernel/e820.c): sanitizing overlaps, adding, updating and
 * removing ranges, and printing it in the boot log's format. */
#include "config.h"

#include <string.h>

#include "vmdb/e820.h"
#include "vmdb/machine.h"
#include "vmdb/out.h"
#include "vmdb/printk.h"

const char *
e820_type_name(u32 type)
{
	switch (type) {
	case E820_RAM:
	case E820_RESERVED_KERN:
		return "usable";
	case E820_RESERVED:
		return "reserved";
	case E820_ACPI:
		return "ACPI data";
	case E820_NVS:
		return "ACPI NVS";
	case E820_UNUSABLE:
		return "unusable";
	default:
		return NULL;
	}
}

/* "(usable)", or "type 12" for a number the kernel has no name for. */
static void
e820_type_str(char *buf, size_t n, u32 type)
{
	const char *name = e820_type_name(type);

	if (name)
		snprintf(buf, n, "(%s)", name);
	else
		snprintf(buf, n, "type %u", type);
}

/*
 * sanitize_e820_map: the BIOS may hand over overlapping, unsorted entries.
 * Every non-empty entry contributes two change points, its start and its
 * end.  Sorted by address (a start sorts before an end at the same
 * address), they are swept left to right keeping the set of entries that
 * cover the current point; the type in force is the largest type number
 * present, so RAM (1) loses to every reserved kind.  A new entry begins
 * whenever that type changes, which also merges adjacent entries of one
 * type.  Refuses (returns -1, map untouched) with fewer than 2 entries or
 * when an entry wraps past 2^64.
 */
struct change_member {
	const struct e820entry *pbios;
	u64 addr;
};

int
sanitize_e820_map(struct e820entry *biosmap, int max_nr_map, u32 *pnr_map)
{
	struct change_member points[2 * E820MAX];
	struct change_member tmp;
	const struct e820entry *overlap[E820MAX];
	struct e820entry new_bios[E820MAX];
	u32 old_nr = *pnr_map, chg_nr = 0, new_nr = 0, i;
	int noverlap = 0, changed;
	u32 last_type = 0, cur_type;
	u64 last_addr = 0;

	if (old_nr < 2 || old_nr > E820MAX)
		return -1;
	for (i = 0; i < old_nr; i++)
		if (biosmap[i].addr + biosmap[i].size < biosmap[i].addr)
			return -1;

	for (i = 0; i < old_nr; i++) {
		if (biosmap[i].size == 0)
			continue;
		points[chg_nr].addr = biosmap[i].addr;
		points[chg_nr++].pbios = &biosmap[i];
		points[chg_nr].addr = biosmap[i].addr + biosmap[i].size;
		points[chg_nr++].pbios = &biosmap[i];
	}

	/* A stable sort (the kernel's bubble sort): by address, and at equal
	 * addresses a start point before an end point. */
	do {
		changed = 0;
		for (i = 1; i < chg_nr; i++) {
			u64 cur = points[i].addr, last = points[i - 1].addr;

			if (cur < last ||
			    (cur == last && cur == points[i].pbios->addr &&
			     last != points[i - 1].pbios->addr)) {
				tmp = points[i];
				points[i] = points[i - 1];
				points[i - 1] = tmp;
				changed = 1;
			}
		}
	} while (changed);

	memset(new_bios, 0, sizeof(new_bios));
	for (i = 0; i < chg_nr; i++) {
		int j;

		if (points[i].addr == points[i].pbios->addr) {
			overlap[noverlap++] = points[i].pbios;
		} else {
			for (j = 0; j < noverlap; j++)
				if (overlap[j] == points[i].pbios)
					overlap[j] = overlap[noverlap - 1];
			noverlap--;
		}
		cur_type = 0;
		for (j = 0; j < noverlap; j++)
			if (overlap[j]->type > cur_type)
				cur_type = overlap[j]->type;
		if (cur_type == last_type)
			continue;
		if (last_type != 0) {
			new_bios[new_nr].size = points[i].addr - last_addr;
			if (new_bios[new_nr].size != 0 &&
			    ++new_nr >= (u32)max_nr_map)
				break;
		}
		if (cur_type != 0) {
			new_bios[new_nr].addr = points[i].addr;
			new_bios[new_nr].type = cur_type;
			last_addr = points[i].addr;
		}
		last_type = cur_type;
	}
	memcpy(biosmap, new_bios, new_nr * sizeof(*biosmap));
	*pnr_map = new_nr;
	return 0;
}

void
e820_add_region(struct e820map *e, u64 start, u64 size, u32 type)
{
	if (e->nr_map >= E820MAX)
		return;		/* the kernel's "Ooops! Too many entries" */
	e->map[e->nr_map].addr = start;
	e->map[e->nr_map].size = size;
	e->map[e->nr_map].type = type;
	e->nr_map++;
}

/*
 * Cuts the part of ei that overlaps [start, end) off it, the way both
 * e820_update_range and e820_remove_range do: the entry shrinks by the
 * overlap and, if the overlap was at its front, starts after it.  Returns
 * the overlap's bounds, or false when there is none.
 */
static bool
e820_cut(struct e820entry *ei, u64 start, u64 end, u64 *fs, u64 *fe)
{
	*fs = MAX(start, ei->addr);
	*fe = MIN(end, ei->addr + ei->size);
	if (*fs >= *fe)
		return false;
	ei->size -= *fe - *fs;
	if (ei->addr >= *fs)
		ei->addr = *fe;
	return true;
}

/*
 * Gives [start, start+size) of entries of old_type the new type.  An entry
 * wholly inside the range is retyped in place; a range strictly inside an
 * entry splits it in three; a range over one end of an entry cuts that end
 * off into a new entry.  New entries are appended, unsorted, until the
 * caller sanitizes.  Returns the bytes changed.
 */
u64
e820_update_range(struct e820map *e, u64 start, u64 size, u32 old_type,
		  u32 new_type)
{
	u64 done = 0, end;
	u32 i, nr = e->nr_map;

	if (size > UINT64_MAX - start)
		size = UINT64_MAX - start;
	end = start + size;
	for (i = 0; i < nr; i++) {
		struct e820entry *ei = &e->map[i];
		u64 fs, fe, ei_end = ei->addr + ei->size;

		if (ei->type != old_type)
			continue;
		if (ei->addr >= start && ei_end <= end) {
			ei->type = new_type;
			done += ei->size;
			continue;
		}
		if (ei->addr < start && ei_end > end) {
			e820_add_region(e, start, size, new_type);
			e820_add_region(e, end, ei_end - end, ei->type);
			ei->size = start - ei->addr;
			done += size;
			continue;
		}
		if (!e820_cut(ei, start, end, &fs, &fe))
			continue;
		e820_add_region(e, fs, fe - fs, new_type);
		done += fe - fs;
	}
	return done;
}

/* Removes [start, start+size) from entries (of old_type if checktype);
 * emptied entries stay as zero-size ones until the next sanitize.  As in
 * 2.6.32 there is no three-way split: a range strictly inside an entry
 * only shortens it (mem= and memmap= always remove up to the top). */
u64
e820_remove_range(struct e820map *e, u64 start, u64 size, u32 old_type,
		  int checktype)
{
	u64 done = 0;
	u32 i;

	if (size > UINT64_MAX - start)
		size = UINT64_MAX - start;
	for (i = 0; i < e->nr_map; i++) {
		struct e820entry *ei = &e->map[i];
		u64 fs, fe;

		if (checktype && ei->type != old_type)
			continue;
		if (ei->addr >= start && ei->addr + ei->size <= start + size) {
			done += ei->size;
			memset(ei, 0, sizeof(*ei));
			continue;
		}
		if (e820_cut(ei, start, start + size, &fs, &fe))
			done += fe - fs;
	}
	return done;
}

void
e820_format(struct out *o, const struct e820map *e, const char *who)
{
	char type[32];
	u32 i;

	for (i = 0; i < e->nr_map; i++) {
		e820_type_str(type, sizeof(type), e->map[i].type);
		out_printf(o, " %s: %016llx - %016llx %s\n", who,
			   (unsigned long long)e->map[i].addr,
			   (unsigned long long)(e->map[i].addr + e->map[i].size),
			   type);
	}
}

void
e820_print_map(struct machine *m, const struct e820map *e, const char *who)
{
	char type[32];
	u32 i;

	for (i = 0; i < e->nr_map; i++) {
		e820_type_str(type, sizeof(type), e->map[i].type);
		printk(m, " %s: %016llx - %016llx %s", who,
		       (unsigned long long)e->map[i].addr,
		       (unsigned long long)(e->map[i].addr + e->map[i].size),
		       type);
	}
}
