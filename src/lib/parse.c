/* lib/parse.c: the argument parsers every command shares: numbers (decimal
 * or 0x hex), sizes with K/M/G suffixes (binary, as the kernel's memparse),
 * ranges and booleans.  Each reports a short reason instead of guessing. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "vmdb/util.h"

/* Parses digits of s in base 10 or 16 (0x prefix); *end is set after them. */
static int
parse_digits(const char *s, u64 *out, const char **end)
{
	unsigned base = 10;
	u64 v = 0;
	int ndig = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (;; s++, ndig++) {
		unsigned d;

		if (isdigit((unsigned char)*s))
			d = (unsigned)(*s - '0');
		else if (base == 16 && isxdigit((unsigned char)*s))
			d = (unsigned)(tolower((unsigned char)*s) - 'a' + 10);
		else
			break;
		if (v > (UINT64_MAX - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	*end = s;
	if (ndig == 0)
		return -EINVAL;
	*out = v;
	return 0;
}

int
parse_u64(const char *s, u64 *out, char *why, size_t n)
{
	const char *end;
	int err = parse_digits(s, out, &end);

	if (err == -ERANGE) {
		snprintf(why, n, "number too large: '%s'", s);
		return err;
	}
	if (err || *end != '\0') {
		snprintf(why, n, "not a number: '%s'", s);
		return -EINVAL;
	}
	return 0;
}

int
parse_size(const char *s, u64 *out, char *why, size_t n)
{
	const char *end;
	unsigned shift = 0;
	u64 v;
	int err = parse_digits(s, &v, &end);

	if (err == -ERANGE) {
		snprintf(why, n, "size too large: '%s'", s);
		return err;
	}
	if (err) {
		snprintf(why, n, "not a size: '%s'", s);
		return -EINVAL;
	}
	switch (*end) {
	case 'k': case 'K':
		shift = 10;
		end++;
		break;
	case 'm': case 'M':
		shift = 20;
		end++;
		break;
	case 'g': case 'G':
		shift = 30;
		end++;
		break;
	default:
		break;
	}
	if (shift && (!strcmp(end, "iB") || !strcmp(end, "B")))
		end += strlen(end);
	if (*end != '\0') {
		snprintf(why, n, "not a size: '%s' (use a number with K, M or G)",
			 s);
		return -EINVAL;
	}
	if (shift && v > (UINT64_MAX >> shift)) {
		snprintf(why, n, "size too large: '%s'", s);
		return -ERANGE;
	}
	*out = v << shift;
	return 0;
}

int
parse_ulong_range(const char *s, u64 min, u64 max, u64 *out, char *why,
		  size_t n)
{
	u64 v;
	int err = parse_u64(s, &v, why, n);

	if (err)
		return err;
	if (v < min || v > max) {
		snprintf(why, n, "%s is out of range (%llu to %llu)", s,
			 (unsigned long long)min, (unsigned long long)max);
		return -ERANGE;
	}
	*out = v;
	return 0;
}

int
parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "on", "yes", "y", "1", "true" };
	static const char *const no[] = { "off", "no", "n", "0", "false" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (!strcmp(s, yes[i])) {
			*out = true;
			return 0;
		}
		if (!strcmp(s, no[i])) {
			*out = false;
			return 0;
		}
	}
	return -EINVAL;
}
