/* cmds/args.c: what a command reads its arguments through: the options
 * cmd_run_line collected (args_get, args_has, args_get_all) and numbers
 * and sizes checked against a range, reported as the command's error. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "vmdb/util.h"

/* The value of option name (the last one if given twice), or NULL when
 * it is absent or a flag. */
const char *
args_get(const struct cmd_ctx *c, const char *name)
{
	const char *value = NULL;
	int i;

	for (i = 0; i < c->args.nopts; i++)
		if (!strcmp(c->args.opt[i].name, name))
			value = c->args.opt[i].value;
	return value;
}

/* True if option name was given, with or without a value. */
bool
args_has(const struct cmd_ctx *c, const char *name)
{
	int i;

	for (i = 0; i < c->args.nopts; i++)
		if (!strcmp(c->args.opt[i].name, name))
			return true;
	return false;
}

int
args_get_all(const struct cmd_ctx *c, const char *name, const char **vals,
	     int max)
{
	int i, n = 0;

	for (i = 0; i < c->args.nopts && n < max; i++)
		if (!strcmp(c->args.opt[i].name, name))
			vals[n++] = c->args.opt[i].value;
	return n;
}

/*
 * Parses s as a decimal or 0x number between min and max.  Returns 0, or
 * -1 after "vmdb: CMD: WHAT: not a number: 's'" (or out of range).
 */
int
arg_number(struct cmd_ctx *c, const char *what, const char *s, u64 min,
	   u64 max, u64 *out)
{
	char why[256];

	if (parse_ulong_range(s, min, max, out, why, sizeof(why)) < 0)
		return cmd_error(c, "%s: %s", what, why);
	return 0;
}

/* Writes a byte count the way a user would type it: 4G, 640K, 4097. */
void
size_str(u64 v, char *buf, size_t n)
{
	static const char units[] = "KMG";
	int i = -1;

	while (i < 2 && v != 0 && (v & 1023) == 0) {
		v >>= 10;
		i++;
	}
	if (i < 0)
		snprintf(buf, n, "%llu", (unsigned long long)v);
	else
		snprintf(buf, n, "%llu%c", (unsigned long long)v, units[i]);
}

/*
 * Parses s as a size in bytes (a number with an optional K, M or G
 * suffix, binary multiples) between min and max.  Returns 0, or -1 after
 * "vmdb: CMD: WHAT: not a size: 's'" (or out of range).
 */
int
arg_size(struct cmd_ctx *c, const char *what, const char *s, u64 min,
	 u64 max, u64 *out)
{
	char why[256], lo[32], hi[32];
	u64 v;

	if (parse_size(s, &v, why, sizeof(why)) < 0)
		return cmd_error(c, "%s: %s", what, why);
	if (v < min || v > max) {
		size_str(min, lo, sizeof(lo));
		size_str(max, hi, sizeof(hi));
		return cmd_error(c, "%s: %s is out of range (%s to %s)", what,
				 s, lo, hi);
	}
	*out = v;
	return 0;
}

/*
 * Kernel symbols an address may name, with their virtual addresses in the
 * booted machine (the layout of machine.h and the image of setup.c).
 */
static bool
kernel_symbol(struct machine *m, const char *name, size_t len, u32 *va)
{
	const struct {
		const char *name;
		u32 va;
	} syms[] = {
		{ "PAGE_OFFSET", m->page_offset },
		{ "high_memory", m->high_memory },
		{ "VMALLOC_START", m->vmalloc_start },
		{ "VMALLOC_END", m->vmalloc_end },
		{ "PKMAP_BASE", m->pkmap_base },
		{ "FIXADDR_START", m->fixaddr_start },
		{ "FIXADDR_TOP", m->fixaddr_top },
		{ "_text", m->kimage.text_start },
		{ "_etext", m->kimage.text_end },
		{ "_edata", m->kimage.data_end },
		{ "__init_begin", m->kimage.init_start },
		{ "__init_end", m->kimage.init_end },
		{ "__bss_start", m->kimage.bss_start },
		{ "__bss_stop", m->kimage.bss_end },
		{ "swapper_pg_dir", __va(m, m->swapper_pg_dir) },
		{ "swapper_pg_fixmap", __va(m, m->swapper_pg_fixmap) },
		{ "empty_zero_page", __va(m, m->empty_zero_page) },
		{ "bm_pte", __va(m, m->bm_pte) },
		{ "pkmap_page_table", m->pkmap_page_table ?
				      __va(m, m->pkmap_page_table) : 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(syms); i++)
		if (strlen(syms[i].name) == len &&
		    !strncmp(syms[i].name, name, len) && syms[i].va) {
			*va = syms[i].va;
			return true;
		}
	return false;
}

/*
 * Parses an address: a number (decimal or 0x hex), or a kernel symbol
 * (swapper_pg_dir, PAGE_OFFSET, VMALLOC_START ...), either optionally
 * followed by +N or -N.  Returns 0, or -1 after the command's error.
 */
int
arg_address(struct cmd_ctx *c, const char *what, const char *s, u64 max,
	    u64 *out)
{
	size_t len = strcspn(s, "+-");
	char why[256], *base;
	u64 v, off = 0;
	u32 va;

	if (len == 0)
		return cmd_error(c, "%s: not an address: '%s'", what, s);
	base = xstrdup(s);
	base[len] = '\0';
	if (kernel_symbol(c->m, base, len, &va)) {
		v = va;
	} else if (parse_u64(base, &v, why, sizeof(why)) < 0) {
		free(base);
		return cmd_error(c, "%s: not an address or a kernel symbol: '%s'",
				 what, s);
	}
	free(base);
	if (s[len] != '\0') {
		if (parse_u64(s + len + 1, &off, why, sizeof(why)) < 0)
			return cmd_error(c, "%s: %s", what, why);
		if (s[len] == '-')
			off = v >= off ? v - off : max + 1;
		else
			off = v + off < v ? max + 1 : v + off;
		v = off;
	}
	if (v > max)
		return cmd_error(c, "%s: %s is beyond 0x%llx", what, s,
				 (unsigned long long)max);
	*out = v;
	return 0;
}
