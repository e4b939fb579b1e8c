/* arch/i386/ioremap.c: mapping device memory into the vmalloc area (Linux
 * 2.6.32 arch/x86/mm/ioremap.c __ioremap_caller and iounmap, page_is_ram,
 * lib/ioremap.c ioremap_page_range).
 *
 * ioremap is ioremap_nocache: UC- PTEs (PCD set).  The CPU vmdb models is
 * a P6 (Pentium Pro/II/III), where 2.6.32 leaves PAT off, so
 * reserve_memtype and kernel_map_sync_memtype change nothing and the
 * direct mapping of reserved RAM keeps its attributes.
 */
#include "config.h"

#include <errno.h>

#include "mm/vmalloc_impl.h"
#include "vmdb/machine.h"
#include "vmdb/pgtable.h"

#define ISA_START_ADDRESS	0xa0000u
#define ISA_END_ADDRESS		0x100000u
#define BIOS_BEGIN		0x000a0000u
#define BIOS_END		0x00100000u

/* The ISA hole is always mapped in lowmem: ioremap returns its alias. */
static bool
is_ISA_range(u64 s, u64 e)
{
	return s >= ISA_START_ADDRESS && e < ISA_END_ADDRESS;
}

/*
 * Is pfn E820 RAM (the kernel's map, after its own edits)?  Page 0 and
 * the BIOS hole 640K-1M never are, whatever the BIOS said.
 */
static bool
page_is_ram(struct machine *m, u32 pagenr)
{
	u32 i;

	if (pagenr == 0)
		return false;
	if (pagenr >= (BIOS_BEGIN >> PAGE_SHIFT) &&
	    pagenr < (BIOS_END >> PAGE_SHIFT))
		return false;
	for (i = 0; i < m->e820.nr_map; i++) {
		const struct e820entry *e = &m->e820.map[i];

		if (e->type != E820_RAM)
			continue;
		if (pagenr >= (e->addr + PAGE_SIZE - 1) >> PAGE_SHIFT &&
		    pagenr < (e->addr + e->size) >> PAGE_SHIFT)
			return true;
	}
	return false;
}

static bool
ram_in_use(struct machine *m, u32 pfn)
{
	return page_is_ram(m, pfn) && pfn_valid(m, pfn) &&
	       !page_test(&m->mem_map[pfn], PG_reserved);
}

/*
 * Refuses RAM the kernel owns.  2.6.32's loop runs while the page's
 * address is below last & PAGE_MASK, so the range's last page is never
 * looked at: a one-page ioremap of any RAM page goes through.
 */
static int
refuse_ram(struct machine *m, u32 phys, u64 last)
{
	struct vmalloc_report *rep = &vmalloc_state(m)->rep;
	u64 pfn;

	for (pfn = phys >> PAGE_SHIFT; (pfn << PAGE_SHIFT) < (last & PAGE_MASK);
	     pfn++) {
		if (ram_in_use(m, (u32)pfn))
			return machine_err(m, -EINVAL,
					   "pfn 0x%llx is RAM the kernel uses (E820 RAM, not PG_reserved): ioremap refuses it",
					   (unsigned long long)pfn);
		if (page_is_ram(m, (u32)pfn))
			rep->reserved_ram++;	/* the kernel warns once */
	}
	if (ram_in_use(m, (u32)(last >> PAGE_SHIFT)))
		rep->unchecked_ram = (u32)(last >> PAGE_SHIFT) + 1;
	return 0;
}

int
ioremap(struct machine *m, u32 phys, u32 size, const char *caller,
	u32 *addr)
{
	u64 last = (u64)phys + size - 1, len = 0;
	struct vm_struct *vm;
	u32 offset = phys & ~PAGE_MASK, start = 0;
	int err;

	vmalloc_report_begin(m);
	TP_ENTER(m, __ioremap_caller, phys, size);
	if (size == 0 || last > 0xffffffffu) {
		err = size ? machine_err(m, -EINVAL,
					 "0x%08x + 0x%x wraps past 0xffffffff",
					 phys, size)
			   : machine_err(m, -EINVAL,
					 "a size of 0 returns NULL");
		goto out;
	}
	if (is_ISA_range(phys, last)) {
		start = __va(m, phys);
		vmalloc_state(m)->rep.isa = true;
		err = 0;
		goto out;
	}
	err = refuse_ram(m, phys, last);
	if (err)
		goto out;
	phys &= PAGE_MASK;
	len = ALIGN(last + 1, (u64)PAGE_SIZE) - phys;
	if (len > m->vmalloc_end - m->vmalloc_start) {
		err = machine_err(m, -ENOMEM,
				  "0x%llx bytes are more than the vmalloc area",
				  (unsigned long long)len);
		goto out;
	}
	err = __get_vm_area_node(m, (u32)len, 1, VM_IOREMAP, GFP_KERNEL,
				 caller, &vm);
	if (err)
		goto out;
	vm->phys_addr = phys;
	vm->prot = __PAGE_KERNEL_IO_UC_MINUS;
	start = vm->addr;
	err = vmap_pages(m, start, (u32)(len >> PAGE_SHIFT), NULL,
			 phys >> PAGE_SHIFT, vm->prot);
	if (err)	/* free_vm_area */
		free_vm_struct(m, remove_vm_area(m, start));
out:
	TP_EXIT(m, __ioremap_caller, err ? err : (long)(start + offset));
	if (err)
		return err;
	*addr = start + offset;
	vmalloc_state(m)->rep.addr = *addr;
	if (!vmalloc_state(m)->rep.isa) {
		vmalloc_state(m)->rep.va_start = start;
		vmalloc_state(m)->rep.va_end = start + (u32)len + PAGE_SIZE;
	}
	return 0;
}

int
iounmap(struct machine *m, u32 addr)
{
	int err;

	vmalloc_report_begin(m);
	if (addr >= __va(m, ISA_START_ADDRESS) &&
	    addr < __va(m, ISA_END_ADDRESS)) {
		vmalloc_state(m)->rep.isa = true;
		return 0;
	}
	if (addr <= m->high_memory)
		return machine_err(m, -EINVAL,
				   "0x%08x is lowmem (at or below high_memory 0x%08x), not an ioremap address; the kernel's iounmap ignores it",
				   addr, m->high_memory);
	err = vm_area_checked(m, addr & PAGE_MASK, VM_IOREMAP);
	if (err)
		return err;
	TP_ENTER(m, iounmap, addr);
	free_vm_struct(m, remove_vm_area(m, addr & PAGE_MASK));
	TP_EXIT(m, iounmap, 0);
	return 0;
}
