/* arch/i386/e820_parse.c: reading a memory map from text, so a learner can
 * paste the BIOS-e820 lines of a real machine's dmesg (either the 2.6
 * " BIOS-e820: a - b (type)" form or the 3.x "BIOS-e820: [mem a-b] type"
 * form), or write one by hand in vmdb's own form:
 *
 *	# start       end|+size     type
 *	0x00000000    0x0009fc00    usable
 *	0x00100000    +1023M        usable
 *	0xfec00000    0xfec01000    reserved
 *
 * Numbers are hex (0x) or decimal with K/M/G; types are names ("usable",
 * "reserved", "ACPI data", "ACPI NVS", "unusable") or numbers ("type 12",
 * "12"). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vmdb/e820.h"
#include "vmdb/util.h"

static const char *
skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Accepts "usable", "(usable)", "ACPI data", "type 12", "12". */
int
e820_parse_type(const char *s, u32 *type)
{
	static const struct {
		const char *name;
		u32 type;
	} names[] = {
		{ "usable", E820_RAM }, { "reserved", E820_RESERVED },
		{ "ACPI data", E820_ACPI }, { "ACPI NVS", E820_NVS },
		{ "unusable", E820_UNUSABLE }, { "ram", E820_RAM },
		{ "acpi", E820_ACPI }, { "nvs", E820_NVS },
	};
	char buf[64];
	size_t len, i;
	u64 v;
	char why[64];

	s = skip_ws(s);
	len = strlen(s);
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (len && s[0] == '(' && s[len - 1] == ')') {
		s++;
		len -= 2;
	}
	if (len == 0 || len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, len);
	buf[len] = '\0';
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (!strcasecmp(buf, names[i].name)) {
			*type = names[i].type;
			return 0;
		}
	}
	s = buf;
	if (!strncmp(s, "type ", 5))
		s += 5;
	/* 3.x prints e.g. "persistent (type 12)" */
	else if (strstr(s, "(type ")) {
		s = strstr(s, "(type ") + 6;
		buf[len - 1] = buf[len - 1] == ')' ? '\0' : buf[len - 1];
	}
	if (parse_u64(s, &v, why, sizeof(why)) || v == 0 || v > UINT32_MAX)
		return -EINVAL;
	*type = (u32)v;
	return 0;
}

static int
parse_hex(const char **ps, u64 *out)
{
	const char *s = *ps;
	char *end;

	if (!isxdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	*out = strtoull(s, &end, 16);
	if (errno)
		return -ERANGE;
	*ps = end;
	return 0;
}

/* One dmesg line; s points just after "BIOS-e820:". */
static int
parse_dmesg_entry(const char *s, struct e820entry *e, char *why, size_t n)
{
	u64 a, b, incl = 0;

	s = skip_ws(s);
	if (!strncmp(s, "[mem ", 5)) {
		/* 3.x: [mem 0x%016llx-0x%016llx] type, end inclusive */
		s += 5;
		if (!strncmp(s, "0x", 2))
			s += 2;
		if (parse_hex(&s, &a) || *s++ != '-')
			goto bad;
		if (!strncmp(s, "0x", 2))
			s += 2;
		if (parse_hex(&s, &b) || *s++ != ']')
			goto bad;
		incl = 1;
	} else {
		/* 2.6: %016Lx - %016Lx (type), end exclusive */
		if (parse_hex(&s, &a))
			goto bad;
		s = skip_ws(s);
		if (*s++ != '-')
			goto bad;
		s = skip_ws(s);
		if (parse_hex(&s, &b))
			goto bad;
	}
	if (b < a) {
		snprintf(why, n, "end 0x%llx below start 0x%llx",
			 (unsigned long long)b, (unsigned long long)a);
		return -EINVAL;
	}
	e->addr = a;
	e->size = b - a + incl;
	if (incl && e->size == 0) {
		snprintf(why, n, "entry covers all 2^64 bytes");
		return -EINVAL;
	}
	if (e820_parse_type(s, &e->type)) {
		snprintf(why, n, "unknown memory type '%s'", skip_ws(s));
		return -EINVAL;
	}
	return 0;
bad:
	snprintf(why, n, "malformed BIOS-e820 line");
	return -EINVAL;
}

/* One line of vmdb's form: START END|+SIZE TYPE... */
static int
parse_simple_entry(char *line, struct e820entry *e, char *why, size_t n)
{
	char *start = strtok(line, " \t");
	char *end = strtok(NULL, " \t");
	char *type = strtok(NULL, "");
	u64 a, b;
	char r[96];

	if (!start || !end || !type) {
		snprintf(why, n, "expected 'START END TYPE' or 'START +SIZE TYPE'");
		return -EINVAL;
	}
	if (parse_size(start, &a, r, sizeof(r))) {
		snprintf(why, n, "start: %s", r);
		return -EINVAL;
	}
	if (end[0] == '+') {
		if (parse_size(end + 1, &b, r, sizeof(r))) {
			snprintf(why, n, "size: %s", r);
			return -EINVAL;
		}
		if (b > UINT64_MAX - a) {
			snprintf(why, n, "entry wraps past 2^64");
			return -EINVAL;
		}
		b += a;
	} else if (parse_size(end, &b, r, sizeof(r))) {
		snprintf(why, n, "end: %s", r);
		return -EINVAL;
	}
	if (b < a) {
		snprintf(why, n, "end %s below start %s", end, start);
		return -EINVAL;
	}
	if (e820_parse_type(type, &e->type)) {
		snprintf(why, n, "unknown memory type '%s'", skip_ws(type));
		return -EINVAL;
	}
	e->addr = a;
	e->size = b - a;
	return 0;
}

int
e820_parse_text(const char *text, struct e820map *map, char *why, size_t n)
{
	bool dmesg = strstr(text, "BIOS-e820:") != NULL;
	const char *p = text;
	int lineno = 0;
	char r[160];

	map->nr_map = 0;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xmalloc(len + 1), *s;
		struct e820entry e;
		int err = 0;

		memcpy(line, p, len);
		line[len] = '\0';
		if (len && line[len - 1] == '\r')
			line[len - 1] = '\0';
		p += len + (nl != NULL);
		lineno++;
		if (dmesg) {
			s = strstr(line, "BIOS-e820:");
			if (s == NULL || line[strspn(line, " \t")] == '#') {
				free(line);
				continue;
			}
			err = parse_dmesg_entry(s + 10, &e, r, sizeof(r));
		} else {
			s = line + strspn(line, " \t");
			if (*s == '#' || *s == '\0') {
				free(line);
				continue;
			}
			err = parse_simple_entry(s, &e, r, sizeof(r));
		}
		free(line);
		if (err) {
			snprintf(why, n, "line %d: %s", lineno, r);
			return -EINVAL;
		}
		if (map->nr_map >= E820MAX) {
			snprintf(why, n,
				 "line %d: more than %d entries (the BIOS call returns at most %d)",
				 lineno, E820MAX, E820MAX);
			return -E2BIG;
		}
		map->map[map->nr_map++] = e;
	}
	if (map->nr_map == 0) {
		snprintf(why, n, dmesg ? "no BIOS-e820 entries found" :
			 "no map entries found (expected BIOS-e820 lines or 'START END TYPE')");
		return -EINVAL;
	}
	return 0;
}
