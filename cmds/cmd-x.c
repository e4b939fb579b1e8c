/* cmds/cmd-x.c: `x/NFU ADDR` (gdb's examine) on kernel virtual addresses
 * and `xp/NFU ADDR` on physical ones (QEMU's monitor name).  Both read
 * simulated RAM without side effects: no Accessed bit is set. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "vmdb/pgtable.h"

#include "cmd.h"

#define X_MAX_COUNT	4096
#define X_MAX_STRING	200	/* gdb's default print elements limit */

struct x_spec {
	u64 count;
	char fmt;		/* x d u o t c s */
	int unit;		/* 1 2 4 8 */
};

/* "/NFU": count, format and unit letters in any order after the count. */
static int
parse_fmt(struct cmd_ctx *c, const char *s, struct x_spec *sp)
{
	const char *p = s + 1;
	u64 n = 0;
	bool have_n = false;

	while (isdigit((unsigned char)*p)) {
		n = n * 10 + (u64)(*p++ - '0');
		have_n = true;
		if (n > X_MAX_COUNT)
			return cmd_error(c, "count in '%s' is too large (at most %d)",
					 s, X_MAX_COUNT);
	}
	if (have_n) {
		if (n == 0)
			return cmd_error(c, "count in '%s' must be at least 1", s);
		sp->count = n;
	}
	for (; *p; p++) {
		switch (*p) {
		case 'x': case 'd': case 'u': case 'o': case 't': case 'c':
		case 's':
			sp->fmt = *p;
			break;
		case 'b':
			sp->unit = 1;
			break;
		case 'h':
			sp->unit = 2;
			break;
		case 'w':
			sp->unit = 4;
			break;
		case 'g':
			sp->unit = 8;
			break;
		default:
			return cmd_error(c, "'%c' in '%s' is not a format (x d u o t c s) or a unit (b h w g)",
					 *p, s);
		}
	}
	return 0;
}

static int
mem_read(struct cmd_ctx *c, bool phys, u64 addr, void *buf, u32 len)
{
	if (phys)
		return phys_read(c->m, addr, buf, len);
	return kernel_read(c->m, (u32)addr, buf, len);
}

static void
put_value(struct out *o, char fmt, int unit, u64 v)
{
	int bits = unit * 8, i;
	s64 sv;

	switch (fmt) {
	case 'x':
		out_printf(o, "0x%0*llx", unit * 2, (unsigned long long)v);
		break;
	case 'o':
		out_printf(o, "0%llo", (unsigned long long)v);
		break;
	case 'u':
		out_printf(o, "%llu", (unsigned long long)v);
		break;
	case 't':
		for (i = bits - 1; i >= 0; i--)
			out_printf(o, "%d", (int)((v >> i) & 1));
		break;
	case 'c':
		sv = (int8_t)(u8)v;
		if (isprint((int)(u8)v))
			out_printf(o, "%lld '%c'", (long long)sv, (int)(u8)v);
		else
			out_printf(o, "%lld '\\%03o'", (long long)sv, (u8)v);
		break;
	default:		/* 'd' */
		sv = bits == 64 ? (s64)v : (s64)(v << (64 - bits)) >> (64 - bits);
		out_printf(o, "%lld", (long long)sv);
		break;
	}
}

/* One NUL-terminated string, as gdb's x/s shows it; returns its length
 * with the NUL, or -1 after a read error. */
static int
put_string(struct cmd_ctx *c, bool phys, u64 addr, u64 max)
{
	struct out *o = c->out;
	int n;

	out_printf(o, "0x%08llx:\t\"", (unsigned long long)addr);
	for (n = 0; n < X_MAX_STRING; n++) {
		u8 ch;

		if (addr + (u64)n > max || mem_read(c, phys, addr + (u64)n, &ch, 1)) {
			out_printf(o, "\"\n");
			return -1;
		}
		if (ch == 0) {
			out_printf(o, "\"\n");
			return n + 1;
		}
		if (ch == '"' || ch == '\\')
			out_printf(o, "\\%c", ch);
		else if (isprint(ch))
			out_printf(o, "%c", ch);
		else
			out_printf(o, "\\%03o", ch);
	}
	out_printf(o, "\"...\n");
	return n;
}

static int
examine(struct cmd_ctx *c, int argc, char **argv, bool phys)
{
	struct vmdb *v = c->v;
	struct x_spec sp = { 1, v->x_fmt ? v->x_fmt : 'x',
			     v->x_unit ? v->x_unit : 4 };
	u64 max = phys ? c->m->ram_bytes - 1 : 0xffffffffull, addr, i;
	int per_line, a = 0, unit;

	if (argc > a && argv[a][0] == '/') {
		if (parse_fmt(c, argv[a], &sp))
			return -1;
		a++;
	}
	if (argc > a + 1)
		return cmd_error(c, "one address, not '%s'", argv[a + 1]);
	if (argc > a) {
		if (arg_address(c, "ADDR", argv[a], max, &addr))
			return -1;
	} else if (v->x_have_next && v->x_next_phys == phys) {
		addr = v->x_next;
	} else {
		return cmd_error(c, "give an address (nothing examined yet)");
	}
	unit = sp.fmt == 's' || sp.fmt == 'c' ? 1 : sp.unit;
	v->x_fmt = sp.fmt;
	if (sp.fmt != 's' && sp.fmt != 'c')
		v->x_unit = sp.unit;

	if (sp.fmt == 's') {
		for (i = 0; i < sp.count; i++) {
			int n = put_string(c, phys, addr, max);

			if (n < 0)
				goto fault;
			addr += (u64)n;
		}
		goto done;
	}
	if (addr % (u64)unit)
		return cmd_error(c, "0x%llx is not aligned to the unit (%d bytes)",
				 (unsigned long long)addr, unit);
	per_line = unit == 8 ? 2 : unit == 4 ? 4 : 8;
	for (i = 0; i < sp.count; i++) {
		u64 val = 0;

		if (addr > max || mem_read(c, phys, addr, &val, (u32)unit)) {
			if (i % (u64)per_line)
				out_printf(c->out, "\n");
			goto fault;
		}
		if (i % (u64)per_line == 0)
			out_printf(c->out, "%s0x%08llx:", i ? "\n" : "",
				   (unsigned long long)addr);
		out_printf(c->out, "\t");
		put_value(c->out, sp.fmt, unit, val);
		addr += (u64)unit;
	}
	out_printf(c->out, "\n");
done:
	v->x_next = addr;
	v->x_next_phys = phys;
	v->x_have_next = true;
	return 0;
fault:
	if (c->m->why[0] == '\0')
		return cmd_error(c, "Cannot access memory at address 0x%llx",
				 (unsigned long long)addr);
	cmd_error(c, "Cannot access memory at address 0x%llx (%s)",
		  (unsigned long long)addr, c->m->why);
	c->m->why[0] = '\0';
	return -1;
}

static int
x_exec(struct cmd_ctx *c, int argc, char **argv)
{
	return examine(c, argc, argv, false);
}

static int
xp_exec(struct cmd_ctx *c, int argc, char **argv)
{
	return examine(c, argc, argv, true);
}

#define X_FORMATS							\
"N is a count (default 1). F is a format: x hex (the default), d signed\n" \
"decimal, u unsigned decimal, o octal, t binary, c characters, s\n"	\
"NUL-terminated strings. U is a unit: b byte, h halfword (2 bytes), w\n" \
"word (4 bytes, the default), g giant (8 bytes). Format and unit are\n"	\
"remembered, and without ADDR the command goes on after the last unit\n" \
"shown, as in gdb. Words are little-endian, as on the i386.\n"		\
"\n"									\
"ADDR is a number or a kernel symbol with an optional +N or -N:\n"	\
"PAGE_OFFSET, high_memory, VMALLOC_START, VMALLOC_END, PKMAP_BASE,\n"	\
"FIXADDR_START, FIXADDR_TOP, _text, _etext, _edata, __init_begin,\n"	\
"__init_end, __bss_start, __bss_stop, swapper_pg_dir,\n"		\
"swapper_pg_fixmap, empty_zero_page, bm_pte, pkmap_page_table (virtual\n" \
"addresses).\n"

const struct cmd_entry cmd_x_entry = {
	.name = "x",
	.usage = "[/NFU] [ADDR]",
	.summary = "examine kernel virtual memory (gdb's x/NFU)",
	.help =
"x/NFU ADDR prints N units of kernel virtual memory from ADDR, each\n"
"address translated through swapper_pg_dir by the software page walker,\n"
"as the MMU would (see ptdump). An address that is not mapped stops the\n"
"dump with \"Cannot access memory at address ...\" and the reason. The\n"
"read is a debugger's: no Accessed bit is set.\n"
"\n"
X_FORMATS
"\n"
"Examples:\n"
"  x/8xw swapper_pg_dir+0xc00   the PDEs for 0xc0000000 up\n"
"  x/s 0xc1000000               a string in the direct mapping\n",
	.args_min = 0,
	.args_max = 2,
	.flags = CMD_NO_PARANOID,
	.exec = x_exec,
};

const struct cmd_entry cmd_xp_entry = {
	.name = "xp",
	.usage = "[/NFU] [ADDR]",
	.summary = "examine physical memory",
	.help =
"xp/NFU ADDR prints N units of simulated physical memory from the\n"
"physical address ADDR (QEMU's monitor command of that name). Any\n"
"address below the end of RAM can be read, holes included; page tables,\n"
"slab descriptors and page contents are all there as real bytes.\n"
"\n"
X_FORMATS
"\n"
"Example:\n"
"  xp/4xw 0x1535c00    four PDEs of swapper_pg_dir, by physical address\n",
	.args_min = 0,
	.args_max = 2,
	.flags = CMD_NO_PARANOID,
	.exec = xp_exec,
};
