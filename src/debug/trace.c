/* debug/trace.c: the trace-point table and firing.  The engine calls
 * trace_fire() only when machine->trace.armed is set; the front end's hook
 * decides what to do with the event (print it, stop, record it). */
#include "config.h"

#include <string.h>

#include "vmdb/machine.h"
#include "vmdb/mmu.h"
#include "vmdb/slab.h"
#include "vmdb/trace.h"
#include "vmdb/util.h"

/* Argument specs are parsed once into the table below at first use. */
#define TP_KIND_CALL	TP_CALL, false
#define TP_KIND_VOID	TP_CALL, true
#define TP_KIND_EVENT	TP_EVENT, false
#define TP_ROW(name, kind, file, args) { #name, TP_KIND_##kind, file, args },
static const struct {
	const char *name;
	enum tp_kind kind;
	bool noret;
	const char *file;
	const char *args;
} tp_src[] = { TRACEPOINTS(TP_ROW) };
#undef TP_ROW

static struct tp_def tp_table[NR_TRACEPOINTS];

static void
tp_parse_args(struct tp_def *d, const char *spec)
{
	static char names[NR_TRACEPOINTS][TP_MAX_ARGS][24];
	int idx = (int)(d - tp_table), n = 0;

	while (*spec && n < TP_MAX_ARGS) {
		size_t len = strcspn(spec, ": ");
		char *nm = names[idx][n];

		memcpy(nm, spec, MIN(len, (size_t)23));
		nm[MIN(len, (size_t)23)] = '\0';
		spec += len;
		d->argkind[n] = 'd';
		if (*spec == ':') {
			d->argkind[n] = spec[1];
			spec += 2;
		}
		d->argname[n++] = nm;
		while (*spec == ' ')
			spec++;
	}
	d->nargs = n;
}

static void
tp_init(void)
{
	static bool done;
	struct tp_def *t = tp_table;
	int i;

	if (done)
		return;
	for (i = 0; i < NR_TRACEPOINTS; i++) {
		t[i].name = tp_src[i].name;
		t[i].kind = tp_src[i].kind;
		t[i].noret = tp_src[i].noret;
		t[i].file = tp_src[i].file;
		tp_parse_args(&t[i], tp_src[i].args);
	}
	done = true;
}

const struct tp_def *
tp_get(int id)
{
	tp_init();
	return &tp_table[id];
}

int
tp_lookup(const char *name)
{
	int i;

	tp_init();
	for (i = 0; i < NR_TRACEPOINTS; i++)
		if (!strcmp(tp_table[i].name, name))
			return i;
	return -1;
}

void
trace_fire(struct machine *m, enum tp_id id, enum tp_phase ph,
	   const long *args, int nargs, long ret)
{
	struct trace_event ev;
	int i;

	tp_init();
	if (ph == TP_PH_EXIT && m->trace.depth > 0)
		m->trace.depth--;
	ev.id = id;
	ev.phase = ph;
	ev.depth = m->trace.depth;
	ev.nargs = MIN(nargs, TP_MAX_ARGS);
	for (i = 0; i < ev.nargs; i++)
		ev.args[i] = args[i];
	ev.ret = ret;
	if (m->trace.hook)
		m->trace.hook(m->trace.hook_arg, m, &ev);
	if (ph == TP_PH_ENTER)
		m->trace.depth++;
}

static void
format_arg(struct machine *m, struct strbuf *sb, char kind, long v)
{
	switch (kind) {
	case 'c':
		sb_puts(sb, slab_cache_name_by_id(m, v));
		break;
	case 'x':
		sb_printf(sb, "0x%lx", v);
		break;
	case 'p':
		if (v < 0)
			sb_printf(sb, "%ld", v);
		else
			sb_printf(sb, "0x%08lx", v);
		break;
	case 'z':
		sb_puts(sb, v >= 0 && v < MAX_NR_ZONES ? zone_names[v] : "?");
		break;
	case 'm':
		sb_puts(sb, v >= 0 && v < MIGRATE_TYPES ? migratetype_names[v] : "?");
		break;
	case 'l':
		sb_puts(sb, v >= 0 && v < NR_LRU_LISTS ? lru_list_names[v] : "?");
		break;
	case 'g':
		gfp_format(sb, (gfp_t)v);
		break;
	case 'e':	/* a page fault's error code, as the bt shows */
		sb_printf(sb, "0x%lx [%s,%s,%s]", v,
			  v & PF_WRITE ? "write" : "read",
			  v & PF_USER ? "user" : "kernel",
			  v & PF_PROT ? "protection" : "not-present");
		break;
	default:
		sb_printf(sb, "%ld", v);
		break;
	}
}

void
trace_format_arg(struct machine *m, struct strbuf *sb,
		 const struct trace_event *ev, int i)
{
	format_arg(m, sb, tp_get(ev->id)->argkind[i], ev->args[i]);
}

/* "(order=3, gfp=GFP_KERNEL)" */
void
trace_format_args(struct machine *m, struct strbuf *sb,
		  const struct trace_event *ev)
{
	const struct tp_def *d = &tp_table[ev->id];
	int i;

	sb_puts(sb, "(");
	for (i = 0; i < ev->nargs && i < d->nargs; i++) {
		sb_printf(sb, "%s%s=", i ? ", " : "", d->argname[i]);
		format_arg(m, sb, d->argkind[i], ev->args[i]);
	}
	sb_puts(sb, ")");
}
