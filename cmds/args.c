/* cmds/args.c: what a command reads its arguments through: the options
 * cmd_run_line collected (args_get, args_has, args_get_all), numbers
 * and sizes checked against a range, and PROT_* / MAP_* words, each
 * reported as the command's error. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "vmdb/mman.h"
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

/* ---- PROT_* and MAP_* words --------------------------------------------- */

struct flag_name {
	const char *name;	/* without the PROT_ or MAP_ prefix */
	u32 bit;
};

static const struct flag_name prot_names[] = {
	{ "NONE", PROT_NONE }, { "READ", PROT_READ }, { "WRITE", PROT_WRITE },
	{ "EXEC", PROT_EXEC }, { "GROWSDOWN", PROT_GROWSDOWN },
};

static const struct flag_name map_names[] = {
	{ "SHARED", MAP_SHARED }, { "PRIVATE", MAP_PRIVATE },
	{ "FIXED", MAP_FIXED }, { "ANONYMOUS", MAP_ANONYMOUS },
	{ "ANON", MAP_ANONYMOUS }, { "GROWSDOWN", MAP_GROWSDOWN },
	{ "LOCKED", MAP_LOCKED }, { "NORESERVE", MAP_NORESERVE },
	{ "POPULATE", MAP_POPULATE },
};

/* One word of a flag list: a name (case-insensitive, the prefix
 * optional) or a number.  Returns false if it is neither. */
static bool
flag_word(const char *w, size_t len, const char *prefix,
	  const struct flag_name *names, size_t nnames, u32 *bits)
{
	size_t plen = strlen(prefix), i;
	char buf[32], why[64];
	u64 v;

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, w, len);
	buf[len] = '\0';
	if (parse_u64(buf, &v, why, sizeof(why)) == 0 && v <= 0xffffffffull) {
		*bits |= (u32)v;
		return true;
	}
	if (len > plen && !strncasecmp(buf, prefix, plen)) {
		w = buf + plen;
		len -= plen;
	} else {
		w = buf;
	}
	for (i = 0; i < nnames; i++)
		if (strlen(names[i].name) == len &&
		    !strncasecmp(names[i].name, w, len)) {
			*bits |= names[i].bit;
			return true;
		}
	return false;
}

/* Parses s as words joined by '|' or ','; 0, or -1 with the bad word
 * in *bad / *badlen. */
static int
flag_list(const char *s, const char *prefix, const struct flag_name *names,
	  size_t nnames, u32 *out, const char **bad, size_t *badlen)
{
	u32 bits = 0;

	for (;;) {
		size_t len = strcspn(s, "|,");

		if (!flag_word(s, len, prefix, names, nnames, &bits)) {
			*bad = s;
			*badlen = len;
			return -1;
		}
		if (s[len] == '\0')
			break;
		s += len + 1;
	}
	*out = bits;
	return 0;
}

/* The short form of a protection: r, w, x and '-' in any order, each
 * letter at most once ("rw", "r-x", "---"). */
static bool
prot_letters(const char *s, u32 *out)
{
	u32 bits = 0, bit;

	if (!*s)
		return false;
	for (; *s; s++) {
		switch (*s) {
		case 'r': bit = PROT_READ; break;
		case 'w': bit = PROT_WRITE; break;
		case 'x': bit = PROT_EXEC; break;
		case '-': continue;
		default: return false;
		}
		if (bits & bit)
			return false;
		bits |= bit;
	}
	*out = bits;
	return true;
}

/*
 * Parses a protection: PROT_* names (the prefix optional, any case)
 * joined by '|' or ',', the letters of a maps line ("rw", "r-x", "---"),
 * "none", or a number.  Returns 0, or -1 after the command's error.
 */
int
arg_prot(struct cmd_ctx *c, const char *what, const char *s, u32 *out)
{
	const char *bad;
	size_t badlen;

	if (prot_letters(s, out))
		return 0;
	if (flag_list(s, "PROT_", prot_names, ARRAY_SIZE(prot_names), out,
		      &bad, &badlen) == 0)
		return 0;
	return cmd_error(c, "%s: unknown protection '%.*s' (use PROT_READ, "
			 "PROT_WRITE, PROT_EXEC, PROT_NONE joined by |, "
			 "letters such as rw or r-x, or a number)", what,
			 (int)badlen, bad);
}

/*
 * Parses mmap flags: MAP_* names (the prefix optional, any case; ANON
 * for ANONYMOUS) or numbers, joined by '|' or ','.  Returns 0, or -1
 * after the command's error.
 */
int
arg_map_flags(struct cmd_ctx *c, const char *what, const char *s, u32 *out)
{
	const char *bad;
	size_t badlen;

	if (flag_list(s, "MAP_", map_names, ARRAY_SIZE(map_names), out, &bad,
		      &badlen) == 0)
		return 0;
	return cmd_error(c, "%s: unknown flag '%.*s' (use PRIVATE, SHARED, "
			 "ANONYMOUS, FIXED, POPULATE, LOCKED, GROWSDOWN, "
			 "NORESERVE, with or without MAP_, joined by | or ,)",
			 what, (int)badlen, bad);
}
