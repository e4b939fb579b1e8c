/* cmds/cmd-kmap-atomic.c: `kmap_atomic PFN TYPE [--cpu N]` and
 * `kunmap_atomic ADDR TYPE [--cpu N]`: the per-CPU fixmap slots. */
#include "config.h"

#include <limits.h>

#include "vmdb/highmem.h"

#include "cmd.h"

/* TYPE and --cpu, shared by both commands. */
static int
type_cpu_args(struct cmd_ctx *c, const char *s, int *type, int *cpu)
{
	const char *cs = args_get(c, "cpu");
	u64 v;

	*type = km_type_parse(s);
	if (*type < 0)
		return cmd_error(c, "TYPE: '%s' is not a kmap type (KM_BOUNCE_READ ... KM_NMI_PTE, or 0 to %d)",
				 s, KM_TYPE_NR - 1);
	*cpu = c->m->this_cpu;
	if (cs) {
		if (arg_number(c, "--cpu", cs, 0, INT_MAX, &v))
			return -1;
		*cpu = (int)v;
	}
	return 0;
}

/* "FIX_KMAP_BEGIN+3 (KM_USER0 cpu0)" */
static void
slot_name(struct strbuf *sb, struct machine *m, int type, int cpu)
{
	u32 n = (u32)type + KM_TYPE_NR * (u32)cpu;

	sb_printf(sb, "FIX_KMAP_BEGIN+%u (", n);
	fixmap_slot_name(m, m->fix_kmap_begin + n, sb);
	sb_puts(sb, ")");
}

static int
kmap_atomic_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	struct strbuf sb;
	int type, cpu;
	long vaddr;
	u64 pfn;

	if (arg_number(c, "PFN", argv[0], 0, 0xffffffffu, &pfn) ||
	    type_cpu_args(c, argv[1], &type, &cpu))
		return -1;
	vaddr = kmap_atomic(m, (u32)pfn, type, cpu);
	if (vaddr < 0)
		return cmd_errno(c, (int)vaddr);
	sb_init(&sb);
	sb_printf(&sb, "pfn 0x%08x (%s) ", (u32)pfn,
		  zone_names[page_zonenum(&m->mem_map[pfn])]);
	if (!PageHighMem(m, (u32)pfn)) {
		sb_printf(&sb, "is lowmem, direct-mapped at 0x%08lx: kmap_atomic uses no fixmap slot\n",
			  vaddr);
	} else {
		sb_printf(&sb, "mapped at 0x%08lx: fixmap slot ", vaddr);
		slot_name(&sb, m, type, cpu);
		sb_printf(&sb, ", PTE 0x%08x\n",
			  phys_read32(m, kernel_pte_pa(m, (u32)vaddr)));
	}
	out_puts(c->out, sb.buf);
	sb_free(&sb);
	(void)argc;
	return 0;
}

static int
kunmap_atomic_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct machine *m = c->m;
	struct strbuf sb;
	int type, cpu, err;
	u64 addr;
	u32 pfn;

	if (arg_address(c, "ADDR", argv[0], 0xffffffffu, &addr) ||
	    type_cpu_args(c, argv[1], &type, &cpu))
		return -1;
	pfn = cpu >= 0 && cpu < m->nr_cpus ? m->kmap->atomic_pfn[cpu][type] :
					     PFN_NONE;
	err = kunmap_atomic(m, (u32)addr, type, cpu);
	if (err)
		return cmd_errno(c, err);
	sb_init(&sb);
	if (((u32)addr & PAGE_MASK) != kmap_atomic_vaddr(m, type, cpu)) {
		sb_printf(&sb, "0x%08x is a lowmem address: kunmap_atomic has nothing to undo\n",
			  (u32)addr);
	} else {
		sb_printf(&sb, "0x%08x: fixmap slot ", (u32)addr & PAGE_MASK);
		slot_name(&sb, m, type, cpu);
		sb_printf(&sb, " cleared (it mapped pfn 0x%08x), flushed from cpu %d's TLB\n",
			  pfn, cpu);
	}
	out_puts(c->out, sb.buf);
	sb_free(&sb);
	(void)argc;
	return 0;
}

#define KM_TYPES							\
"TYPE is a kmap type by name or number: KM_BOUNCE_READ (0),\n"		\
"KM_SKB_SUNRPC_DATA, KM_SKB_DATA_SOFTIRQ, KM_USER0 (3), KM_USER1 (4),\n"	\
"KM_BIO_SRC_IRQ, KM_BIO_DST_IRQ, KM_PTE0, KM_PTE1, KM_IRQ0, KM_IRQ1,\n"	\
"KM_SOFTIRQ0, KM_SOFTIRQ1, KM_SYNC_ICACHE, KM_SYNC_DCACHE,\n"		\
"KM_UML_USERCOPY, KM_IRQ_PTE, KM_NMI, KM_NMI_PTE (18). The CPU is the\n" \
"current one unless --cpu N names another present CPU.\n"

const struct cmd_entry cmd_kmap_atomic_entry = {
	.name = "kmap_atomic",
	.usage = "PFN TYPE [--cpu N]",
	.summary = "map a page into a per-CPU fixmap slot (kmap_atomic)",
	.help =
"kmap_atomic runs the kernel's kmap_atomic(page, TYPE) on a CPU. Each\n"
"CPU owns one fixmap slot per type: FIX_KMAP_BEGIN + TYPE + 19 * CPU, at\n"
"FIXADDR_TOP minus that many pages. A HighMem page gets its PTE\n"
"(PAGE_KERNEL) written into that slot and the slot's address is printed;\n"
"no lock, no sleeping, no count. The slot's PTE must be empty: a second\n"
"kmap_atomic of the same type on the same CPU without kunmap_atomic is a\n"
"kernel BUG, which vmdb refuses, changing nothing. A lowmem page returns\n"
"its direct-mapped address and uses no slot.\n"
"\n"
KM_TYPES
"\n"
"The kernel copies and clears HighMem user pages through KM_USER0 and\n"
"KM_USER1 (copy_user_highpage in a copy-on-write fault).\n"
"\n"
"Example:\n"
"  alloc_pages 0 GFP_HIGHUSER\n"
"  kmap_atomic 0x3f800 KM_USER0\n",
	.opts = "cpu=",
	.args_min = 2,
	.args_max = 2,
	.flags = CMD_MODIFIES,
	.exec = kmap_atomic_exec,
};

const struct cmd_entry cmd_kunmap_atomic_entry = {
	.name = "kunmap_atomic",
	.usage = "ADDR TYPE [--cpu N]",
	.summary = "release a kmap_atomic slot (kunmap_atomic)",
	.help =
"kunmap_atomic runs the kernel's kunmap_atomic(ADDR, TYPE) on a CPU. ADDR\n"
"is what kmap_atomic returned. If it is the TYPE slot of that CPU, the\n"
"slot's PTE is cleared and the address flushed from that CPU's TLB alone\n"
"(no other CPU ever uses the slot). If it is a lowmem address (what\n"
"kmap_atomic returns for a lowmem page), there is nothing to undo. Any\n"
"other address, another type's or CPU's slot, or an empty slot is\n"
"refused, changing nothing: 2.6.32 built with CONFIG_DEBUG_HIGHMEM BUGs\n"
"on such an address (without it the slot would silently stay mapped).\n"
"\n"
KM_TYPES,
	.opts = "cpu=",
	.args_min = 2,
	.args_max = 2,
	.flags = CMD_MODIFIES,
	.exec = kunmap_atomic_exec,
};
