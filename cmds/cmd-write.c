/* cmds/cmd-write.c: `write ADDR VALUE...` and `write --string ADDR TEXT`:
 * store real bytes in simulated memory, by kernel virtual address (through
 * swapper_pg_dir) or, with --phys, by physical address. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vmdb/pgtable.h"

#include "vmdb/mmap.h"

#include "cmd.h"

#define WRITE_MAX	4096

/*
 * A value for a unit of `bytes` bytes: a number, or a negative one in two's
 * complement.  Returns 0, or -1 after the command's error.
 */
int
arg_unit_value(struct cmd_ctx *c, const char *s, int bytes, u64 *out)
{
	u64 max = bytes == 8 ? ~0ull : (1ull << (bytes * 8)) - 1, v;
	bool neg = s[0] == '-';
	char why[256];

	if (parse_u64(s + neg, &v, why, sizeof(why)) < 0)
		return cmd_error(c, "VALUE: %s", why);
	if (neg ? v > max / 2 + 1 : v > max)
		return cmd_error(c, "VALUE: %s does not fit in %d byte%s", s,
				 bytes, bytes > 1 ? "s" : "");
	*out = neg ? (~v + 1) & max : v;
	return 0;
}

int
arg_unit(struct cmd_ctx *c, const char *s, int *bytes)
{
	static const char units[] = "bhwg";
	const char *p = s && s[0] && !s[1] ? strchr(units, s[0]) : NULL;

	if (!p)
		return cmd_error(c, "--unit: '%s' is not b, h, w or g",
				 s ? s : "");
	*bytes = 1 << (p - units);
	return 0;
}

static int
write_exec(struct cmd_ctx *c, int argc, char **argv)
{
	bool phys = args_has(c, "phys"), str = args_has(c, "string");
	u64 max = phys ? c->m->ram_bytes - 1 : 0xffffffffull, addr, v;
	u8 *buf = NULL;
	size_t len = 0;
	int unit = 4, i, err;

	if (args_has(c, "unit") && arg_unit(c, args_get(c, "unit"), &unit))
		return -1;
	if (str && args_has(c, "unit"))
		return cmd_error(c, "--string and --unit do not go together");
	if (arg_address(c, "ADDR", argv[0], max, &addr))
		return -1;
	if (!str && argc < 2)
		return cmd_error(c, "nothing to write: give at least one VALUE");
	if (str) {
		struct strbuf sb;

		/* The words joined by single spaces, then a NUL. */
		sb_init(&sb);
		for (i = 1; i < argc; i++)
			sb_printf(&sb, "%s%s", i > 1 ? " " : "", argv[i]);
		len = sb.len + 1;
		buf = (u8 *)sb.buf;
	} else {
		buf = xmalloc((size_t)(argc - 1) * (size_t)unit);
		for (i = 1; i < argc; i++) {
			if (arg_unit_value(c, argv[i], unit, &v)) {
				free(buf);
				return -1;
			}
			memcpy(buf + len, &v, (size_t)unit);	/* little-endian */
			len += (size_t)unit;
		}
	}
	if (len > WRITE_MAX) {
		free(buf);
		return cmd_error(c, "%zu bytes is too much for one write (at most %d)",
				 len, WRITE_MAX);
	}
	if (!phys && addr < c->m->page_offset && current_task(c->m) &&
	    current_task(c->m)->mm) {
		u32 left;

		/* A user address: the task's own write (copy_to_user):
		 * demand paging and copy-on-write happen as they would. */
		err = copy_to_user(c->m, (u32)addr, buf, (u32)len, &left);
	} else {
		err = phys ? phys_write(c->m, addr, buf, (u32)len) :
			     kernel_write(c->m, (u32)addr, buf, (u32)len);
	}
	free(buf);
	if (err)
		return cmd_errno(c, err);
	out_printf(c->out, "wrote %zu byte%s at %s0x%08llx\n", len,
		   len == 1 ? "" : "s", phys ? "physical " : "",
		   (unsigned long long)addr);
	return 0;
}

const struct cmd_entry cmd_write_entry = {
	.name = "write",
	.usage = "[--phys] [--unit b|h|w|g] ADDR VALUE... | --string ADDR TEXT...",
	.summary = "store bytes, words or a string in simulated memory",
	.help =
"write ADDR VALUE... stores each VALUE as one unit at ADDR and on: --unit\n"
"b (byte), h (2 bytes), w (4 bytes, the default) or g (8 bytes), little-\n"
"endian as on the i386. A negative VALUE is stored in two's complement.\n"
"With --string, the words after ADDR, joined by single spaces, are stored\n"
"as characters followed by a NUL (quote them to keep several spaces).\n"
"\n"
"ADDR is a kernel virtual address, translated page by page through\n"
"swapper_pg_dir (a number or a kernel symbol, as for x), or with --phys\n"
"a physical address. Like a debugger's write, it ignores page\n"
"protection and sets no Dirty bit. If any byte of the range is not\n"
"mapped nothing is written. Read the bytes back with x or xp; gdb's\n"
"`set *ADDR = VALUE` also works (see set).\n"
"\n"
"Examples:\n"
"  write --string 0xc5800000 hello, world\n"
"  write --unit b --phys 0x100000 0x90 0x90\n",
	.opts = "phys string unit=",
	.args_min = 1,
	.args_max = -1,
	.flags = CMD_MODIFIES,
	.exec = write_exec,
};
