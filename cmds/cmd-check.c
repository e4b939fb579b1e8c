/* cmds/cmd-check.c: `check`: runs every invariant checker. */
#include "config.h"

#include "vmdb/check.h"

#include "cmd.h"

static int
check_exec(struct cmd_ctx *c, int argc, char **argv)
{
	struct out buf;
	int n, i;

	out_init_buf(&buf);
	n = check_machine(c->m, &buf);
	if (n == 0) {
		/* One name per checker that ran, from the same table. */
		out_puts(c->out, "check: all invariants hold (");
		for (i = 0; i < nr_checkers; i++)
			out_printf(c->out, "%s%s", i ? ", " : "",
				   checkers[i].what);
		out_puts(c->out, ")\n");
		out_done(&buf);
		return 0;
	}
	out_write(c->out, buf.sb.buf, buf.sb.len);
	out_done(&buf);
	(void)argc;
	(void)argv;
	return cmd_error(c, "%d broken invariant%s", n, n == 1 ? "" : "s");
}

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.usage = "",
	.summary = "verify the machine's invariants",
	.help =
"check runs every subsystem's invariant checker and prints each broken\n"
"invariant on a line of its own. The buddy allocator's: every block on\n"
"free_area[order] is a PG_buddy page with that order in page->private,\n"
"aligned to its size, inside its zone, with _count 0 and no page free\n"
"twice; nr_free counts the blocks on the lists; NR_FREE_PAGES counts\n"
"their pages; each per-CPU list holds exactly `count` free pages of its\n"
"zone and stays below `high`; every list is well linked.\n"
"\n"
"The kernel page table's: every page table behind swapper_pg_dir is a\n"
"reserved boot page or an allocated page that pte_alloc_kernel counted,\n"
"in lowmem; 4 MiB (PSE) entries map lowmem only.\n"
"\n"
"The highmem mappings': pkmap_count agrees with the pkmap PTEs in RAM and\n"
"with page_address_htable, and every kmap_atomic slot's PTE is what\n"
"kmap_atomic put there.\n"
"\n"
"The slab allocator's: each slab sits on the list its inuse says, its\n"
"free chain is acyclic and holds num - inuse objects, free_objects adds\n"
"up, every object in a per-CPU or shared array is an allocated object of\n"
"its cache and in one array only, every slab page is PG_slab and points\n"
"back at its cache and slab, and NR_SLAB_* count exactly those pages.\n"
"\n"
"The vmalloc area's: areas are sorted, apart, made of whole pages and\n"
"inside VMALLOC_START..VMALLOC_END; each live area's PTEs map its pages\n"
"(vmalloc's allocated and in no other area) with its protection, its guard\n"
"page is unmapped, and no PTE of the range lies outside an area (a lazily\n"
"freed one may still map freed pages until the purge); vmap_lazy_nr counts\n"
"the lazily freed pages and stays at most lazy_max_pages.\n"
"\n"
"The TLBs': every valid entry agrees with the page tables it stands for\n"
"(user addresses through the CPU's CR3, kernel ones through\n"
"swapper_pg_dir): present, same frame, same R/W and U/S, no A, D or G bit\n"
"the table lacks (an entry in a lazily freed vmap area may outlive its\n"
"PTE until the purge), unless a raw pte write may have made it stale (until\n"
"flush-tlb all); entries sit in their set; each CPU in TLBSTATE_OK is in its\n"
"active_mm's cpu_vm_mask, CR3 is that mm's pgd while the CPU is in the\n"
"mask and swapper_pg_dir after leave_mm, and no other mm's mask has it.\n"
"\n"
"The LRU lists': each page on a zone's list is of that zone, in use, has\n"
"PG_lru and the flags of that list and is on no other; NR_INACTIVE_ANON\n"
"... NR_UNEVICTABLE count the lists. The page cache's: every cached page\n"
"has its file's mapping and its index, a reference, is uptodate and on an\n"
"LRU list; nrpages counts a file's pages; NR_FILE_PAGES, NR_SHMEM and\n"
"NR_FILE_DIRTY count all cached, shmem and dirty disk-file pages.\n"
"\n"
"The address spaces': each mm's VMA list is sorted, page-aligned, apart\n"
"and below TASK_SIZE, its red-black tree walks in the same order, and\n"
"map_count, total_vm, locked_vm, shared_vm, exec_vm, stack_vm and\n"
"reserved_vm add up; every non-empty user PTE lies in a VMA and agrees\n"
"with its protection (COW-shared and zero pages read-only), anonymous\n"
"and file pages carry their anon_vma or mapping and index; _mapcount is\n"
"the number of PTEs mapping a page and _count covers them; anon_rss and\n"
"file_rss count the PTEs; anon_vma's nr_vmas counts its VMAs.\n"
"\n"
"When all hold, the summary line names every checker that ran.\n"
"\n"
"`set paranoid on` (or vmdb --paranoid) runs check after every command;\n"
"the test suite runs that way.\n",
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NO_PARANOID,
	.exec = check_exec,
};
