/* lib/hostmem.c: which pages of vmdb's own large zero-filled mappings the
 * host has ever written (vmdb/hostmem.h).
 *
 * /proc/self/pagemap has, for each host page of the process, bit 63
 * (present) and bit 62 (swapped out); a page with neither was never
 * written and holds zeroes.  This reads the host's view of vmdb's own
 * memory, never simulated state.  Without pagemap every page counts as
 * written, which is slower and gives the same answers.
 */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vmdb/hostmem.h"
#include "vmdb/util.h"

#define PM_PRESENT	(1ull << 63)
#define PM_SWAPPED	(1ull << 62)
#define PM_CHUNK	4096	/* entries read at a time */

struct host_pages {
	int fd;				/* -1: treat every page as written */
	size_t hpage;			/* host page size */
	const u8 *base;
	u64 ent[PM_CHUNK];
	size_t first, n;		/* host pages ent[] describes */
};

struct host_pages *
host_pages_open(const void *base)
{
	struct host_pages *hp = xmalloc(sizeof(*hp));
	long ps = sysconf(_SC_PAGESIZE);

	hp->base = base;
	hp->hpage = ps > 0 ? (size_t)ps : PAGE_SIZE;
	hp->first = hp->n = 0;
	hp->fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	return hp;
}

bool
host_page_written(struct host_pages *hp, size_t off)
{
	size_t idx = ((uintptr_t)hp->base + off) / hp->hpage;
	ssize_t got;

	if (hp->fd < 0)
		return true;
	if (idx < hp->first || idx >= hp->first + hp->n) {
		got = pread(hp->fd, hp->ent, sizeof(hp->ent),
			    (off_t)(idx * sizeof(u64)));
		if (got < (ssize_t)sizeof(u64)) {
			close(hp->fd);
			hp->fd = -1;
			return true;
		}
		hp->first = idx;
		hp->n = (size_t)got / sizeof(u64);
	}
	return (hp->ent[idx - hp->first] & (PM_PRESENT | PM_SWAPPED)) != 0;
}

void
host_pages_close(struct host_pages *hp)
{
	if (hp->fd >= 0)
		close(hp->fd);
	free(hp);
}

bool
mem_is_zero(const void *p, size_t n)
{
	static const u8 zero[PAGE_SIZE];
	const u8 *b = p;

	for (; n > PAGE_SIZE; b += PAGE_SIZE, n -= PAGE_SIZE)
		if (memcmp(b, zero, PAGE_SIZE))
			return false;
	return memcmp(b, zero, n) == 0;
}
