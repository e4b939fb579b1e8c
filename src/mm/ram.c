/* src/mm/ram.c: the bytes of simulated RAM, with lazily cleared lines
 * (vmdb/machine.h describes the marks).
 *
 * Why the marks: every anonymous write fault gets a zeroed page, and
 * zeroing 4 KiB of host memory cost vmdb more than the rest of the fault
 * (clear_page is a large part of a real fault too).  Most of such a
 * page is never written again before it is freed, so vmdb only marks its
 * 64 lines as zero and stores the zeroes when a line is first written or
 * its bytes are wanted in place.  A copy-on-write copy copies the lines
 * that hold bytes and takes over the marks of the others.  Nothing a
 * command, a checker or the digest can observe depends on the marks:
 * every reader sees zeroes in a marked line.
 *
 * The marks are host state, like the host's page tables behind m->ram:
 * they have no simulated counterpart, cost no simulated memory, and a
 * copy of a machine must copy them with the RAM.
 */
#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "vmdb/machine.h"

/* Takes the first run of set bits off *mask: lines [*from, *to).  False
 * when *mask has none left. */
static inline bool
next_run(u64 *mask, unsigned *from, unsigned *to)
{
	u64 rest;

	if (!*mask)
		return false;
	*from = (unsigned)__builtin_ctzll(*mask);
	rest = ~*mask >> *from;		/* clear bits from *from on */
	*to = rest ? *from + (unsigned)__builtin_ctzll(rest) : 64;
	*mask &= *to == 64 ? 0 : RAM_LINES_ALL << *to;
	return true;
}

void
ram_materialise(struct machine *m, u32 pfn, u64 lines)
{
	u8 *p = m->ram + PFN_PHYS(pfn);
	u64 zero = m->ram_zero[pfn] & lines, zero_left = zero;
	unsigned from, to;

	while (next_run(&zero_left, &from, &to))
		memset(p + (from << RAM_LINE_SHIFT), 0,
		       (to - from) << RAM_LINE_SHIFT);
	m->ram_zero[pfn] &= ~zero;
}

void
ram_read(const struct machine *m, u64 pa, void *buf, size_t len)
{
	u8 *b = buf;

	while (len) {
		u32 off = pa & ~PAGE_MASK, n = (u32)MIN(len, PAGE_SIZE - off);
		u64 zero = m->ram_zero[pa >> PAGE_SHIFT];
		u32 i, end, k;

		if (!zero) {
			memcpy(b, m->ram + pa, n);
		} else {
			for (i = off; i < off + n; i = end) {
				end = MIN((i | (RAM_LINE - 1)) + 1, off + n);
				k = i - off;
				if ((zero >> (i >> RAM_LINE_SHIFT)) & 1)
					memset(b + k, 0, end - i);
				else
					memcpy(b + k, m->ram + pa + k, end - i);
			}
		}
		b += n;
		pa += n;
		len -= n;
	}
}

void
ram_write(struct machine *m, u64 pa, const void *buf, size_t len)
{
	const u8 *b = buf;

	while (len) {
		u32 pfn = (u32)(pa >> PAGE_SHIFT), off = pa & ~PAGE_MASK;
		u32 n = (u32)MIN(len, PAGE_SIZE - off);

		if (m->ram_zero[pfn])
			ram_materialise(m, pfn, ram_lines(off, n));
		memcpy(m->ram + pa, b, n);
		b += n;
		pa += n;
		len -= n;
	}
}

/* Unmarks only where marked: a mask page nobody marked stays untouched
 * (and out of the host's RSS). */
void
ram_zero_now(struct machine *m, u32 pfn, u32 nr)
{
	u32 i;

	for (i = 0; i < nr; i++)
		if (m->ram_zero[pfn + i])
			m->ram_zero[pfn + i] = 0;
	memset(m->ram + PFN_PHYS(pfn), 0, (size_t)nr << PAGE_SHIFT);
}

#ifdef __SSE2__
/* Streams lines [from, to) of s to d, four 16-byte vectors a line. */
static void
stream_lines(u8 *d, const u8 *s, unsigned from, unsigned to)
{
	__m128i *dv = (__m128i *)(void *)d;
	const __m128i *sv = (const __m128i *)(const void *)s;
	unsigned i;

	_Static_assert(RAM_LINE == 4 * sizeof(__m128i), "four vectors a line");
	for (i = from * 4; i < to * 4; i += 4) {
		_mm_stream_si128(dv + i, _mm_load_si128(sv + i));
		_mm_stream_si128(dv + i + 1, _mm_load_si128(sv + i + 1));
		_mm_stream_si128(dv + i + 2, _mm_load_si128(sv + i + 2));
		_mm_stream_si128(dv + i + 3, _mm_load_si128(sv + i + 3));
	}
}
#endif

/*
 * The copy goes to the simulated task, and the host will not read most
 * of it back soon: streaming stores fill those lines without reading
 * each one into the host's cache first (half the memory traffic when the
 * frame is cold, which a fresh page of a big mapping always is).  The
 * line holding hot is stored last and the ordinary way, so that it is in
 * the cache when the CPU retries the access (the kernel's reason for
 * clearing the target subpage of a huge page last).  The same bytes land
 * either way.
 */
void
ram_copy_frame(struct machine *m, u32 dst, u32 src, u32 hot)
{
	u64 zero = m->ram_zero[src];
	u32 h = (hot & ~PAGE_MASK) >> RAM_LINE_SHIFT;
	u64 todo = ~(zero | 1ull << h);
	u8 *d = m->ram + PFN_PHYS(dst);
	const u8 *s = m->ram + PFN_PHYS(src);
	unsigned from, to;

	m->ram_zero[dst] = zero;
	if (zero == RAM_LINES_ALL)
		return;
#ifdef __SSE2__
	while (next_run(&todo, &from, &to))
		stream_lines(d, s, from, to);
	_mm_sfence();
#else
	while (next_run(&todo, &from, &to))
		memcpy(d + (from << RAM_LINE_SHIFT),
		       s + (from << RAM_LINE_SHIFT),
		       (to - from) << RAM_LINE_SHIFT);
#endif
	if (!((zero >> h) & 1))
		memcpy(d + (h << RAM_LINE_SHIFT), s + (h << RAM_LINE_SHIFT),
		       RAM_LINE);
}
