/* arch/i386/presets.c: the machines `boot --preset` knows, with BIOS maps
 * shaped like real ones (conventional memory ending at the EBDA, the
 * legacy hole, ACPI tables at the top of RAM, the PCI hole and the APIC,
 * and flash ranges below 4 GiB), and the boot-time configuration keys. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "vmdb/machine.h"
#include "vmdb/util.h"

struct preset {
	const char *name;
	const char *desc;
	const char *vendor;
	struct e820entry map[16];
};

#define KB(x) ((u64)(x) << 10)
#define MB(x) ((u64)(x) << 20)

static const struct preset presets[] = {
	{ "pc-64m", "64 MiB Pentium II class PC (Intel BIOS)", "Intel", {
		{ 0x0, 0x9fc00, E820_RAM },
		{ 0x9fc00, 0x400, E820_RESERVED },
		{ 0xf0000, 0x10000, E820_RESERVED },
		{ 0x100000, MB(64) - 0x100000 - 0x10000, E820_RAM },
		{ MB(64) - 0x10000, 0x3000, E820_NVS },
		{ MB(64) - 0xd000, 0xd000, E820_ACPI },
		{ 0xfec00000, 0x1000, E820_RESERVED },
		{ 0xfee00000, 0x1000, E820_RESERVED },
		{ 0xffff0000, 0x10000, E820_RESERVED },
	} },
	{ "pc-512m", "512 MiB desktop (Award BIOS)", "Award", {
		{ 0x0, 0x9f800, E820_RAM },
		{ 0x9f800, 0x800, E820_RESERVED },
		{ 0xf0000, 0x10000, E820_RESERVED },
		{ 0x100000, MB(512) - 0x100000 - 0x10000, E820_RAM },
		{ MB(512) - 0x10000, 0x3000, E820_ACPI },
		{ MB(512) - 0xd000, 0xd000, E820_NVS },
		{ 0xfec00000, 0x1000, E820_RESERVED },
		{ 0xfee00000, 0x1000, E820_RESERVED },
		{ 0xffff0000, 0x10000, E820_RESERVED },
	} },
	{ "pc-1g", "1 GiB desktop (AMI BIOS), the default", "AMI", {
		{ 0x0, 0x9ec00, E820_RAM },
		{ 0x9ec00, 0x1400, E820_RESERVED },
		{ 0xe0000, 0x20000, E820_RESERVED },
		{ 0x100000, MB(1024) - 0x100000 - 0x10000, E820_RAM },
		{ MB(1024) - 0x10000, 0xe000, E820_ACPI },
		{ MB(1024) - 0x2000, 0x2000, E820_NVS },
		{ 0xe0000000, MB(256), E820_RESERVED },
		{ 0xfec00000, 0x1000, E820_RESERVED },
		{ 0xfee00000, 0x1000, E820_RESERVED },
		{ 0xfff00000, 0x100000, E820_RESERVED },
	} },
	{ "pc-3g", "3 GiB desktop (Phoenix BIOS)", "Phoenix", {
		{ 0x0, 0x9f000, E820_RAM },
		{ 0x9f000, 0x1000, E820_RESERVED },
		{ 0xe4000, 0x1c000, E820_RESERVED },
		{ 0x100000, 0xbfee0000 - 0x100000, E820_RAM },
		{ 0xbfee0000, 0x3000, E820_NVS },
		{ 0xbfee3000, 0xd000, E820_ACPI },
		{ 0xbfef0000, 0x10000, E820_RESERVED },
		{ 0xf0000000, MB(128), E820_RESERVED },
		{ 0xfec00000, 0x1000, E820_RESERVED },
		{ 0xfee00000, 0x1000, E820_RESERVED },
		{ 0xfffe0000, 0x20000, E820_RESERVED },
	} },
	{ "pc-4g", "4 GiB with a PCI hole, 768 MiB remapped above 4 GiB (AMI BIOS)", "AMI", {
		{ 0x0, 0x9e000, E820_RAM },
		{ 0x9e000, 0x2000, E820_RESERVED },
		{ 0xe0000, 0x20000, E820_RESERVED },
		{ 0x100000, 0xcffa0000 - 0x100000, E820_RAM },
		{ 0xcffa0000, 0xe000, E820_ACPI },
		{ 0xcffae000, 0x42000, E820_NVS },
		{ 0xcfff0000, 0x10000, E820_RESERVED },
		{ 0xe0000000, MB(256), E820_RESERVED },
		{ 0xfec00000, 0x1000, E820_RESERVED },
		{ 0xfee00000, 0x100000, E820_RESERVED },
		{ 0xff700000, 0x900000, E820_RESERVED },
		{ 0x100000000ull, 0x30000000, E820_RAM },
	} },
	{ "qemu-256m", "QEMU/KVM guest with 256 MiB (SeaBIOS/Bochs)", "Bochs", {
		{ 0x0, 0x9fc00, E820_RAM },
		{ 0x9fc00, 0x400, E820_RESERVED },
		{ 0xf0000, 0x10000, E820_RESERVED },
		{ 0x100000, 0xfffe000 - 0x100000, E820_RAM },
		{ 0xfffe000, 0x2000, E820_RESERVED },
		{ 0xfeffc000, 0x4000, E820_RESERVED },
		{ 0xfffc0000, 0x40000, E820_RESERVED },
	} },
};

const char *const boot_preset_names[] = {
	"pc-64m", "pc-512m", "pc-1g", "pc-3g", "pc-4g", "qemu-256m", NULL
};

void
boot_config_default(struct boot_config *bc)
{
	memset(bc, 0, sizeof(*bc));
	bc->nr_cpus = 1;
	bc->nr_cpus_config = 8;
	bc->highmem = true;
	bc->page_offset = 0xC0000000u;
	bc->reserve_low_64k = true;
	bc->pse = true;
	bc->pge = true;
	snprintf(bc->cmdline, sizeof(bc->cmdline), "root=/dev/sda1 ro");
	boot_preset(bc, "pc-1g", NULL, 0);
}

int
boot_preset(struct boot_config *bc, const char *name, char *why, size_t n)
{
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(presets); i++) {
		const struct preset *p = &presets[i];

		if (strcmp(p->name, name))
			continue;
		bc->bios.nr_map = 0;
		for (j = 0; j < ARRAY_SIZE(p->map) && p->map[j].size; j++)
			bc->bios.map[bc->bios.nr_map++] = p->map[j];
		snprintf(bc->name, sizeof(bc->name), "%s", p->name);
		snprintf(bc->bios_vendor, sizeof(bc->bios_vendor), "%s",
			 p->vendor);
		return 0;
	}
	if (why) {
		struct strbuf sb;

		sb_init(&sb);
		for (i = 0; i < ARRAY_SIZE(presets); i++)
			sb_printf(&sb, "%s%s", i ? ", " : "", presets[i].name);
		snprintf(why, n, "unknown preset '%s' (known: %s)", name, sb.buf);
		sb_free(&sb);
	}
	return -EINVAL;
}

/* KEY=VALUE for the configuration keys a machine boots with. */
int
boot_config_set(struct boot_config *bc, const char *kv, char *why, size_t n)
{
	const char *eq = strchr(kv, '=');
	char key[32];
	const char *val;
	bool b;
	u64 v;
	char r[96];

	if (!eq || eq == kv || (size_t)(eq - kv) >= sizeof(key)) {
		snprintf(why, n, "expected KEY=VALUE, got '%s'", kv);
		return -EINVAL;
	}
	memcpy(key, kv, (size_t)(eq - kv));
	key[eq - kv] = '\0';
	val = eq + 1;
	if (!strncmp(key, "CONFIG_", 7))
		memmove(key, key + 7, strlen(key + 7) + 1);

	if (!strcmp(key, "NR_CPUS")) {
		if (parse_ulong_range(val, 1, VMDB_MAX_NR_CPUS, &v, r,
				      sizeof(r))) {
			snprintf(why, n, "NR_CPUS: %s", r);
			return -EINVAL;
		}
		bc->nr_cpus_config = (int)v;
		return 0;
	}
	if (!strcmp(key, "HIGHMEM") || !strcmp(key, "HIGHMEM4G")) {
		if (parse_bool(val, &b))
			goto badbool;
		bc->highmem = b;
		return 0;
	}
	if (!strcmp(key, "X86_RESERVE_LOW_64K")) {
		if (parse_bool(val, &b))
			goto badbool;
		bc->reserve_low_64k = b;
		return 0;
	}
	if (!strcmp(key, "PSE") || !strcmp(key, "PGE")) {
		if (parse_bool(val, &b))
			goto badbool;
		if (key[1] == 'S')
			bc->pse = b;
		else
			bc->pge = b;
		return 0;
	}
	if (!strcmp(key, "TLB_ENTRIES") || !strcmp(key, "TLB_WAYS") ||
	    !strcmp(key, "TLB_LARGE")) {
		/* each alone here; entries/ways/sets together at boot */
		int max = key[4] == 'E' ? TLB_MAX_ENTRIES :
			  key[4] == 'W' ? TLB_MAX_WAYS : TLB_MAX_LARGE;

		if (parse_ulong_range(val, 1, (u64)max, &v, r, sizeof(r))) {
			snprintf(why, n, "%s: %s", key, r);
			return -EINVAL;
		}
		if (key[4] == 'E')
			bc->tlb_entries = (int)v;
		else if (key[4] == 'W')
			bc->tlb_ways = (int)v;
		else
			bc->tlb_large = (int)v;
		return 0;
	}
	if (!strcmp(key, "BIOS_VENDOR")) {
		if (!*val || strlen(val) >= sizeof(bc->bios_vendor)) {
			snprintf(why, n, "BIOS_VENDOR needs a short name (AMI, Phoenix, Award, ...)");
			return -EINVAL;
		}
		snprintf(bc->bios_vendor, sizeof(bc->bios_vendor), "%s", val);
		return 0;
	}
	if (!strcmp(key, "VMSPLIT")) {
		static const struct {
			const char *name;
			u32 off;
		} splits[] = {
			{ "3G", 0xC0000000u }, { "3G_OPT", 0xB0000000u },
			{ "2G", 0x80000000u }, { "2G_OPT", 0x78000000u },
			{ "1G", 0x40000000u },
		};
		size_t i;

		for (i = 0; i < ARRAY_SIZE(splits); i++) {
			if (!strcmp(val, splits[i].name)) {
				bc->page_offset = splits[i].off;
				return 0;
			}
		}
		snprintf(why, n, "VMSPLIT must be 3G, 3G_OPT, 2G, 2G_OPT or 1G, not '%s'",
			 val);
		return -EINVAL;
	}
	snprintf(why, n,
		 "unknown config key '%s' (known: NR_CPUS, HIGHMEM, VMSPLIT, X86_RESERVE_LOW_64K, BIOS_VENDOR, PSE, PGE, TLB_ENTRIES, TLB_WAYS, TLB_LARGE)",
		 key);
	return -EINVAL;
badbool:
	snprintf(why, n, "%s must be y or n, not '%s'", key, val);
	return -EINVAL;
}
