/* kernel/machine.c: creating and destroying a machine, error reasons and
 * the registry of list heads that pfn-linked lists hang from. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "vmdb/fs.h"
#include "vmdb/highmem.h"
#include "vmdb/machine.h"
#include "vmdb/mmap.h"
#include "vmdb/slab.h"
#include "vmdb/util.h"
#include "vmdb/vmalloc.h"

int
machine_err(struct machine *m, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m->why, sizeof(m->why), fmt, ap);
	va_end(ap);
	return err;
}

u32
plist_head_new(struct machine *m)
{
	u32 id;

	if (m->nr_heads == m->heads_cap) {
		m->heads_cap = m->heads_cap ? m->heads_cap * 2 : 256;
		m->heads = xrealloc(m->heads, m->heads_cap * sizeof(*m->heads));
	}
	id = m->nr_heads++ | LIST_HEAD_BIT;
	m->heads[id & ~LIST_HEAD_BIT].next = id;
	m->heads[id & ~LIST_HEAD_BIT].prev = id;
	return id;
}

u32
plist_count(struct machine *m, u32 head)
{
	u32 pos, n = 0;

	plist_for_each(m, pos, head)
		n++;
	return n;
}

void
machine_free(struct machine *m)
{
	int i;

	if (m == NULL)
		return;
	sched_free(m);
	files_free(m);
	slab_free_machine(m);
	if (m->ram)
		munmap(m->ram, m->ram_bytes);
	xunmap(m->ram_zero, ((size_t)m->max_pfn + 1) * sizeof(u64));
	xunmap(m->mem_map, m->mem_map_bytes);
	free(m->alloc_order);
	free(m->bdata.map);
	for (i = 0; i < MAX_NR_ZONES; i++)
		free(m->zones[i].pageblock_mt);
	free(m->heads);
	kmap_state_free(m);
	mmu_free(m);
	vmalloc_free_machine(m);
	printk_free(&m->log);
	free(m);
}
