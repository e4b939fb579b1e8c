/* cmds/args.c: what a command reads its arguments through: the options
 * cmd_run_line collected (args_get, args_has, args_get_all) and numbers
 * and sizes checked against a range, reported as the command's error. */
#include "config.h"

#include <stdio.h>
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
static void
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
