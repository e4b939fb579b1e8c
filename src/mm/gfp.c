/* mm/gfp.c: GFP masks by name, both ways: "GFP_KERNEL|__GFP_ZERO" to 0x80d0
 * and back, so commands accept and print the kernel's own spelling. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "vmdb/mm.h"
#include "vmdb/util.h"

struct gfp_name {
	const char *name;
	gfp_t mask;
};

/* Composite masks, largest first, so formatting picks the best fit. */
static const struct gfp_name gfp_composites[] = {
	{ "GFP_HIGHUSER_MOVABLE", GFP_HIGHUSER_MOVABLE },
	{ "GFP_HIGHUSER", GFP_HIGHUSER },
	{ "GFP_USER", GFP_USER },
	{ "GFP_TEMPORARY", GFP_TEMPORARY },
	{ "GFP_KERNEL", GFP_KERNEL },
	{ "GFP_NOFS", GFP_NOFS },
	{ "GFP_NOIO", GFP_NOIO },
	{ "GFP_ATOMIC", GFP_ATOMIC },
	{ "GFP_NOWAIT", 0 },
};

static const struct gfp_name gfp_bits[] = {
	{ "__GFP_DMA", __GFP_DMA }, { "__GFP_HIGHMEM", __GFP_HIGHMEM },
	{ "__GFP_DMA32", __GFP_DMA32 }, { "__GFP_MOVABLE", __GFP_MOVABLE },
	{ "__GFP_WAIT", __GFP_WAIT }, { "__GFP_HIGH", __GFP_HIGH },
	{ "__GFP_IO", __GFP_IO }, { "__GFP_FS", __GFP_FS },
	{ "__GFP_COLD", __GFP_COLD }, { "__GFP_NOWARN", __GFP_NOWARN },
	{ "__GFP_REPEAT", __GFP_REPEAT }, { "__GFP_NOFAIL", __GFP_NOFAIL },
	{ "__GFP_NORETRY", __GFP_NORETRY }, { "__GFP_COMP", __GFP_COMP },
	{ "__GFP_ZERO", __GFP_ZERO }, { "__GFP_NOMEMALLOC", __GFP_NOMEMALLOC },
	{ "__GFP_HARDWALL", __GFP_HARDWALL }, { "__GFP_THISNODE", __GFP_THISNODE },
	{ "__GFP_RECLAIMABLE", __GFP_RECLAIMABLE },
};

static int
gfp_word(const char *w, size_t len, gfp_t *mask)
{
	char buf[32];
	size_t i;
	u64 v;
	char why[64];

	if (len == 0 || len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, w, len);
	buf[len] = '\0';
	if (!strcasecmp(buf, "GFP_DMA")) {
		*mask = GFP_DMA;
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(gfp_composites); i++)
		if (!strcasecmp(buf, gfp_composites[i].name)) {
			*mask = gfp_composites[i].mask;
			return 0;
		}
	for (i = 0; i < ARRAY_SIZE(gfp_bits); i++) {
		const char *n = gfp_bits[i].name;

		/* "__GFP_ZERO", "GFP_ZERO" and "ZERO" all work */
		if (!strcasecmp(buf, n) || !strcasecmp(buf, n + 2) ||
		    !strcasecmp(buf, n + 6)) {
			*mask = gfp_bits[i].mask;
			return 0;
		}
	}
	if (parse_u64(buf, &v, why, sizeof(why)) == 0 && v <= __GFP_BITS_MASK) {
		*mask = (gfp_t)v;
		return 0;
	}
	return -EINVAL;
}

int
gfp_parse(const char *s, gfp_t *out, char *why, size_t n)
{
	gfp_t mask = 0;

	if (*s == '\0') {
		snprintf(why, n, "empty GFP mask");
		return -EINVAL;
	}
	while (*s) {
		size_t len = strcspn(s, "|");
		gfp_t w;

		if (gfp_word(s, len, &w)) {
			snprintf(why, n, "unknown GFP flag '%.*s' (try GFP_KERNEL, GFP_HIGHUSER, GFP_ATOMIC, GFP_DMA, __GFP_ZERO ...)",
				 (int)len, s);
			return -EINVAL;
		}
		mask |= w;
		s += len;
		if (*s == '|' && *++s == '\0') {
			snprintf(why, n, "GFP mask ends with '|'");
			return -EINVAL;
		}
	}
	if ((mask & __GFP_DMA) && (mask & (__GFP_HIGHMEM | __GFP_DMA32))) {
		snprintf(why, n, "__GFP_DMA with __GFP_HIGHMEM or __GFP_DMA32 names two zones (GFP_ZONE_BAD)");
		return -EINVAL;
	}
	*out = mask;
	return 0;
}

void
gfp_format(struct strbuf *sb, gfp_t gfp)
{
	size_t i;
	bool first = true;

	for (i = 0; i < ARRAY_SIZE(gfp_composites); i++) {
		if (gfp_composites[i].mask &&
		    (gfp & gfp_composites[i].mask) == gfp_composites[i].mask) {
			sb_puts(sb, gfp_composites[i].name);
			gfp &= ~gfp_composites[i].mask;
			first = false;
			break;
		}
	}
	if (first && gfp == __GFP_DMA) {
		sb_puts(sb, "GFP_DMA");
		return;
	}
	for (i = 0; i < ARRAY_SIZE(gfp_bits); i++) {
		if (gfp & gfp_bits[i].mask) {
			sb_printf(sb, "%s%s", first ? "" : "|", gfp_bits[i].name);
			gfp &= ~gfp_bits[i].mask;
			first = false;
		}
	}
	if (gfp)
		sb_printf(sb, "%s0x%x", first ? "" : "|", gfp);
	else if (first)
		sb_puts(sb, "GFP_NOWAIT");
}
