/* vmdb/explain.h: `explain on`: each trace point told in plain words, one
 * sentence per step, with the kernel function, the kernel file it models
 * and the chapter of Mel Gorman's "Understanding the Linux Virtual Memory
 * Manager" (2004, Linux 2.4) that describes it.  Where 2.6.32 has something
 * the book does not (per-CPU page lists, migrate types, the vmap_area
 * allocator, on-demand readahead), the sentence names the 2.6.32 file and
 * function only.
 *
 * A sentence reads the event's arguments and the machine as it is at that
 * moment (read only): a page's mapcount, a zone's free pages against its
 * watermark, a free list's length, the VMA a fault falls in, whether the
 * TLB holds an entry.  Every trace point of trace.h has a sentence for its
 * entry (CALL) or for the event (EVENT); a few CALLs also say what they
 * return ("__rmqueue returns pfn 0x377c0 ...").
 */
#ifndef VMDB_EXPLAIN_H
#define VMDB_EXPLAIN_H

#include "vmdb/trace.h"
#include "vmdb/types.h"

struct machine;
struct strbuf;

/*
 * Appends the sentence for ev (no newline) to out, ending with its source
 * reference: ": see FILE, FUNCTION; Gorman ch. N".  Appends nothing for a
 * phase that has no sentence (most EXITs).  Changes nothing in m.
 */
void explain_event(struct machine *m, const struct trace_event *ev,
		   struct strbuf *out);

/* Whether the trace point has a sentence for that phase (TP_PH_EVENT and
 * TP_PH_ENTER are the same question). */
bool explain_has(int tp_id, enum tp_phase ph);

/*
 * Appends text to out folded at spaces into lines of at most width
 * columns (a longer word gets a line of its own): the first line
 * indented by indent spaces, the rest by indent + 2, each line ended by
 * '\n'.  At least 40 columns of text are kept however deep the indent.
 */
void explain_wrap(struct strbuf *out, const char *text, int indent,
		  int width);

#endif
