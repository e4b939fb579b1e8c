/* ui/tui/tui.h: the TUI's panes, their models and the layouts.
 *
 * A pane is a rectangle showing one view of the machine (htop's Panel,
 * tig's view).  Its render function reads the machine through the
 * engine's headers and query functions, exactly as a command does, and
 * writes a pane model: lines of text, each with a key (what the line
 * stands for: a PTE's address, a (zone, order) pair, a VMA's start), a
 * hash of its content and spans of attributes.  The model knows nothing
 * of curses: `tui dump` and `make bench` render it headless, screen.c
 * draws it into the pane's WINDOW.
 *
 * "What changed" is found by comparing: each pane keeps what it showed
 * when the machine last changed under it (the base) and marks the lines
 * whose content differs from the base's line with the same key.  A
 * refresh after a read-only command changes nothing, so the marks of the
 * last step stay until the next step changes something.  No engine hook
 * is needed.
 *
 * Files: model.c (the model, the diff), layout.c (layouts, geometry,
 * `layout` and `focus`), view.c (panes, a refresh, the text dump),
 * pane-*.c (one per pane), screen.c and tui.c (curses and the loop, built
 * with HAVE_TUI only).
 */
#ifndef VMDB_UI_TUI_H
#define VMDB_UI_TUI_H

#include <stdbool.h>
#include <stddef.h>

#include "vmdb/types.h"
#include "vmdb/util.h"

struct machine;
struct strbuf;

/* ---- attributes ---------------------------------------------------------- */

/* What a stretch of text is; screen.c maps each to colours, or to bold,
 * underline and reverse on a monochrome terminal (or with NO_COLOR). */
enum tui_attr {
	TA_NORMAL,
	TA_HEAD,	/* column headings, zone names */
	TA_DIM,		/* folded tables, empty slots */
	TA_CHANGED,	/* differs from the base */
	TA_MARK,	/* the address just walked, the current frame */
	TA_RED,		/* a red rbtree node */
	TA_BLACK,	/* a black one */
	TA_BAR,		/* the free-list bars */
	TA_GONE,	/* a flushed TLB entry, a freed VMA */
	TA_ERROR,	/* error lines in the output */
	TA_TITLE,	/* a pane's title bar */
	TA_FOCUS,	/* the focused pane's title bar */
	TA_STATUS,	/* the status line */
	NR_TA
};

/* The gutter: the first column of every line says why it stands out, so
 * that the marks survive a monochrome terminal and a text capture. */
#define GUTTER_CHANGED	'*'
#define GUTTER_MARK	'>'
#define GUTTER_GONE	'-'

/* ---- the pane model ------------------------------------------------------ */

struct tspan {
	u16 start, len;
	u8 attr;
};

struct tline {
	u64 key;		/* what the line stands for (0: nothing) */
	u64 hash;		/* of its text */
	u32 off;		/* text in model->text */
	u32 len;
	u32 span;		/* first span in model->spans */
	u16 nspan;
	u8 attr;		/* the whole line: TA_NORMAL, TA_CHANGED ... */
	char gutter;		/* ' ', GUTTER_CHANGED, GUTTER_MARK ... */
};

struct pane_model {
	struct strbuf text;
	struct tline *lines;
	int nlines, cap;
	struct tspan *spans;
	int nspans, spancap;
	char title[160];
	int mark;		/* the line to keep in view, or -1 */
	bool open;		/* a line is being written */
	/* What the pane looks at (a pid): when it changes, nothing is
	 * compared with what the pane showed of something else. */
	u64 context;
};

void pm_init(struct pane_model *pm);
void pm_free(struct pane_model *pm);
void pm_reset(struct pane_model *pm);
void pm_title(struct pane_model *pm, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Starts a line (ending an open one) standing for key. */
void pm_line(struct pane_model *pm, u64 key);
/* Appends text to the open line, with attr (TA_NORMAL: none). */
void pm_add(struct pane_model *pm, int attr, const char *fmt, ...)
	PRINTF_LIKE(3, 4);
void pm_addn(struct pane_model *pm, int attr, const char *s, size_t n);
/* Faster pieces for the panes with thousands of lines: eight hex
 * digits, and a string. */
void pm_hex8(struct pane_model *pm, int attr, u32 v);
void pm_puts(struct pane_model *pm, int attr, const char *s);
/* Ends the open line; returns its index. */
int pm_end(struct pane_model *pm);
/* A whole line: pm_line, pm_add, pm_end. */
int pm_printf(struct pane_model *pm, u64 key, int attr, const char *fmt, ...)
	PRINTF_LIKE(4, 5);
/* A line per line of text, each keyed by its first word (without a
 * colon) under tag: /proc-style listings made by the engine. */
void pm_from_text(struct pane_model *pm, const char *text, u64 tag);
/* A line without a key: s with attr. */
int pm_text_line(struct pane_model *pm, int attr, const char *s);
/* Marks line i: attr over the whole line and the gutter character. */
void pm_mark(struct pane_model *pm, int i, int attr, char gutter);
static inline const char *
pm_text(const struct pane_model *pm, int i)
{
	return pm->text.buf + pm->lines[i].off;
}

/*
 * The base a pane compares with: the (key, hash) of each line it showed
 * when the machine last changed under it, sorted by key.  pm_diff marks
 * (TA_CHANGED, '*') the lines of pm that are new or differ from the
 * base, after moving the base on when pm differs from what was shown.
 * A key that appears twice in one model counts once.
 */
struct base_entry {
	u64 key, hash;
};

struct pane_base {
	struct base_entry *e, *shown;
	int n, nshown;
	bool valid;		/* something was shown */
	bool have_base;		/* the machine changed since */
};

void base_free(struct pane_base *b);
void base_reset(struct pane_base *b);
/* Returns the number of lines marked. */
int pm_diff(struct pane_model *pm, struct pane_base *b);
/* The base's hash for key: false if the base has no such line. */
bool base_lookup(const struct pane_base *b, u64 key, u64 *hash);

u64 tui_hash(const void *p, size_t n, u64 seed);

/* ---- panes --------------------------------------------------------------- */

enum pane_id {
	PANE_PGTABLE, PANE_BUDDY, PANE_VMA, PANE_VMALIST, PANE_TLB,
	PANE_TRACE, PANE_OUTPUT, PANE_SLAB, PANE_PKMAP, PANE_PAGE,
	PANE_MEMINFO, NR_PANES
};

/* The session as the panes see it: filled by the front end before a
 * refresh (view.c's tui_view_fill for vmdb, the bench for itself). */
struct tui_view {
	struct machine *m;
	int pid;		/* the focused task: 0 = the current one */
	int cpu;		/* the TLB pane's CPU: -1 = all */
	bool unfold;		/* every page table unfolded */
	long pfn;		/* the page pane's pfn: -1 = none chosen */
	bool have_addr;		/* the address just walked */
	u32 addr;
	bool stopped;		/* a command is stopped */
	const char *where;	/* "do_wp_page (address=...) at ..." */
	char **frames;		/* bt's lines, innermost first */
	int nframes;
	/* The output: every line of the session, and the first line the
	 * current (or last) machine-changing command printed. */
	char **log;
	u8 *log_attr;		/* TA_NORMAL, TA_ERROR, TA_HEAD; LOG_CMD */
	int nlog;
	int cmd_first;
};

struct pane;

struct pane_def {
	const char *name;
	const char *summary;	/* for `layout` and the man page */
	/* Writes the model; may keep state in p->priv. */
	void (*render)(struct pane *p, const struct tui_view *tv);
	void (*free_priv)(struct pane *p);
	bool generic_diff;	/* pm_diff after render */
	bool follow_end;	/* keep the last line in view (output) */
};

struct pane {
	const struct pane_def *def;
	struct pane_model model;
	struct pane_base base;
	void *priv;
	int scroll;		/* first model line shown */
	int rows;		/* the window's height at the last refresh */
	bool user_scrolled;	/* PgUp/PgDn/wheel since the last change */
	int nchanged;		/* lines pm_diff (or the pane) marked */
	bool dirty;		/* the model changed since it was drawn */
};

extern const struct pane_def *const pane_defs[NR_PANES];
extern const struct pane_def pane_pgtable, pane_buddy, pane_vma,
	pane_vmalist, pane_tlb, pane_trace, pane_output, pane_slab,
	pane_pkmap, pane_page, pane_meminfo;

int pane_lookup(const char *name);

struct out;
/* The model of a pane that shows an engine listing: show's lines, keyed
 * by their first words under tag. */
void pane_show_text(struct pane *p, struct machine *m,
		    void (*show)(struct machine *, struct out *), u64 tag);

/* The focused task (tv->pid, else the current one), or NULL. */
struct task_struct *pane_task(const struct tui_view *tv);
struct vm_area_struct;
/* "08048000-08050000 r-xp anon /bin/sh": what both VMA panes show. */
void pane_vma_desc(struct pane_model *pm, const struct vm_area_struct *vma);
/* Marks line if vma holds the address just walked. */
void pane_vma_mark(struct pane_model *pm, int line,
		   const struct vm_area_struct *vma,
		   const struct tui_view *tv);

/* Renders one pane into its model, diffs it and keeps the scroll
 * position sensible for a window of height rows. */
void pane_refresh(struct pane *p, const struct tui_view *tv, int rows);
void pane_scroll(struct pane *p, int delta, int rows);

/* A row of a pane as cells: what screen.c draws and `tui dump` prints.
 * Row 0 is the title bar. */
#define TUI_ROW_MAX	512
struct tui_row {
	int w;
	char ch[TUI_ROW_MAX];
	u8 attr[TUI_ROW_MAX];
};

void pane_row(const struct pane *p, int row, int h, int w, bool focused,
	      bool sep, struct tui_row *r);
void pane_scroll_note(const struct pane *p, int rows, char *buf, size_t n);

/* ---- layouts ------------------------------------------------------------- */

#define LAYOUT_MAX_ROWS		6
#define LAYOUT_MAX_COLS		4
#define LAYOUT_MAX		16
#define LAYOUT_NAME_MAX		24

/* Rows top to bottom, each PANE[+PANE...][:WEIGHT]: the panes of a row
 * side by side in equal widths, rows as tall as their weights say. */
struct layout {
	char name[LAYOUT_NAME_MAX];
	int nrows;
	struct {
		int weight;
		int npanes;
		int pane[LAYOUT_MAX_COLS];
	} row[LAYOUT_MAX_ROWS];
	bool builtin;
};

/* A pane's place on the screen, from tui_geometry. */
struct pane_rect {
	int pane;
	int y, x, h, w;		/* h counts the title bar */
};

#define TUI_MIN_COLS	80
#define TUI_MIN_ROWS	24
/* Below these nothing but a message fits. */
#define TUI_TINY_COLS	30
#define TUI_TINY_ROWS	8
#define PANE_MIN_ROWS	3	/* title and two lines */

/*
 * The TUI's state, kept by the session whether or not the screen is up,
 * so that `layout` and `focus` can be given in a script before `tui` or
 * --tui.
 */
struct tui {
	struct layout layouts[LAYOUT_MAX];
	int nlayouts;
	int cur;		/* the layout shown */
	int focus;		/* a pane id */
	struct pane panes[NR_PANES];
	int pid, cpu;		/* focus pgtable PID, focus tlb CPU */
	bool unfold;		/* focus pgtable unfold */
	long pfn;		/* focus page PFN */
	/* The session's output, line by line, for the output and trace
	 * panes. */
	char **log;
	u8 *log_attr;
	int nlog, logcap;
	struct strbuf partial[2];	/* an unfinished line: out, err */
	int cmd_first;
	bool in_cmd;		/* the running line adds to the trace */
	struct screen *screen;	/* curses, while it is up */
	bool start;		/* `tui` asked for the screen */
	bool running;		/* the screen loop is on */
	bool leave;		/* `tui off`: back to the REPL */
};

struct tui *tui_new(void);
void tui_free(struct tui *t);
const struct layout *tui_layout(const struct tui *t);
int layout_find(const struct tui *t, const char *name);
/* Parses `layout define NAME ROW...`; 0, or -1 with why. */
int layout_define(struct tui *t, int argc, char **argv, char *why,
		  size_t n);
/* "pgtable+vma:3 tlb+trace:2 output:1" */
void layout_format(const struct layout *l, struct strbuf *sb);
bool layout_has(const struct layout *l, int pane);

/*
 * Where the panes of layout l go on a cols x rows screen (the last two
 * rows are the status and command lines).  Smaller than 80x24, panes are
 * dropped (the focused one and the output stay longest) and *degraded is
 * set; returns the number of rects, 0 when not even one pane fits.
 */
int tui_geometry(const struct layout *l, int focus, int cols, int rows,
		 struct pane_rect *r, int max, bool *degraded);

/* log_attr: the attribute, and LOG_CMD for the lines of the current
 * command (the trace pane's). */
#define LOG_CMD		0x80
#define LOG_ATTR(a)	((a) & 0x7f)

/* Appends a line of output (without its newline) to the log. */
void tui_log(struct tui *t, const char *s, size_t n, int attr);
/* The session's output sinks, as the TUI collects them. */
void tui_out_fn(void *arg, const char *s, size_t n);
void tui_err_fn(void *arg, const char *s, size_t n);

/* Renders every pane of the current layout for a cols x rows screen;
 * with dump, writes the screen as text into dump (`tui dump`). */
void tui_render(struct tui *t, const struct tui_view *tv, int cols, int rows,
		struct strbuf *dump);
/* The status line's text. */
void tui_status(const struct tui *t, const struct tui_view *tv,
		struct strbuf *sb);

/* ---- the session (tui-session.c) --------------------------------------- */

struct vmdb;
/* The session's TUI state, made on first use. */
struct tui *tui_get(struct vmdb *v);
/* What the panes read, from the session; tui_view_done frees it. */
void tui_view_fill(struct vmdb *v, struct tui_view *tv);
void tui_view_done(struct tui_view *tv);
/* Around each line the TUI runs: logs it (after prompt) and decides
 * whether its output belongs to the trace pane. */
void tui_begin_line(struct vmdb *v, const char *prompt, const char *line);
void tui_end_line(struct vmdb *v);

#endif
