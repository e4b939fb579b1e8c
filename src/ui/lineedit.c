/* ui/lineedit.c: reading a line at the prompt.  The only file that
 * includes a line editor's headers: GNU Readline (HAVE_READLINE), libedit's
 * readline emulation (HAVE_LIBEDIT), or neither, in which case lines are
 * read with getline.  Editing, history and completion are used only when
 * standard input is a terminal.
 *
 * Ctrl-C at the prompt must throw the line away, not end vmdb.  SIGINT
 * has a handler (no SA_RESTART) that only sets a flag:
 *   - with Readline we use its callback interface and wait for input
 *     ourselves in pselect(), the one place where SIGINT, SIGWINCH and
 *     SIGTSTP get through (Readline itself catches no signals).  On
 *     SIGINT the line is abandoned with the cleanup Readline documents,
 *     whatever state it was in (a history search, a completion listing);
 *     on SIGTSTP (Ctrl-Z) the terminal is restored before vmdb stops and
 *     set up again when it continues;
 *   - libedit catches the signals itself, restores the terminal and
 *     passes SIGINT on to our handler; its read() then fails with EINTR
 *     and it returns no line, as getline does without an editor.
 * Either way lineedit_read returns "" and the REPL prompts again.  While a
 * command runs, Ctrl-C only sets the flag, which the next read forgets.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(HAVE_READLINE)
#include <readline/readline.h>
#include <readline/history.h>
#define HAVE_LINE_EDITOR 1
#elif defined(HAVE_LIBEDIT)
#include <editline/readline.h>
#define HAVE_LINE_EDITOR 1
#endif

#include "cmd.h"
#include "ui/lineedit.h"
#include "vmdb/util.h"

#define HISTORY_MAX	1000

static volatile sig_atomic_t interrupted;	/* SIGINT */
static volatile sig_atomic_t resized;		/* SIGWINCH */
static volatile sig_atomic_t suspended;		/* SIGTSTP */
static bool editing;		/* a line editor reads a terminal */
static char *history_path;
static char *last_added;

static void
on_signal(int sig)
{
	if (sig == SIGINT)
		interrupted = 1;
	else if (sig == SIGWINCH)
		resized = 1;
	else if (sig == SIGTSTP)
		suspended = 1;
}

/* Installs a handler, or SIG_DFL; no SA_RESTART, so reads see EINTR. */
static void
catch_signal(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

const char *
lineedit_name(void)
{
#if defined(HAVE_READLINE)
	return "readline";
#elif defined(HAVE_LIBEDIT)
	return "libedit";
#else
	return "none";
#endif
}

static char **(*completer)(void *arg, const char *line, const char *prefix);
static void *completer_arg;

void
lineedit_set_completer(char **(*fn)(void *arg, const char *line,
				    const char *prefix), void *arg)
{
	completer = fn;
	completer_arg = arg;
}

#ifdef HAVE_LINE_EDITOR
static char **candidates;	/* what the completer found */

/* Creates dir and its missing parents (mode 0700, as XDG asks). */
static void
mkdir_p(const char *dir)
{
	char *p, *s = xstrdup(dir);

	for (p = s + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(s, 0700);
		*p = '/';
	}
	mkdir(s, 0700);
	free(s);
}

/* $VMDB_HISTORY, else $XDG_STATE_HOME/vmdb/history, else ~/.vmdb_history;
 * NULL if none applies. */
static char *
history_file(void)
{
	const char *s;
	char *dir, *path;

	s = getenv("VMDB_HISTORY");
	if (s && *s)
		return xstrdup(s);
	s = getenv("XDG_STATE_HOME");
	if (s && *s) {
		dir = xasprintf("%s/vmdb", s);
		mkdir_p(dir);
		path = xasprintf("%s/history", dir);
		free(dir);
		return path;
	}
	s = getenv("HOME");
	if (s && *s)
		return xasprintf("%s/.vmdb_history", s);
	return NULL;
}

/* Yields, one per call, the command names and aliases starting with
 * text (state is 0 on the first call). */
static char *
command_generator(const char *text, int state)
{
	static size_t idx, len;
	const struct cmd_entry *e;
	const char *s;

	if (state == 0) {
		idx = 0;
		len = strlen(text);
	}
	while ((e = cmd_table[idx / 2]) != NULL) {
		s = idx % 2 == 0 ? e->name : e->alias;
		idx++;
		if (s && !strncmp(s, text, len))
			return xstrdup(s);
	}
	return NULL;
}

/* Yields the candidates the completer found, one per call. */
static char *
candidate_generator(const char *text, int state)
{
	static int idx;

	(void)text;
	if (state == 0)
		idx = 0;
	if (!candidates || !candidates[idx]) {
		free(candidates);
		candidates = NULL;
		return NULL;
	}
	return candidates[idx++];
}

/* The first word completes to a command; later words to what the
 * session's completer offers for that command (trace points after
 * break, breakpoint numbers after delete ...), never to file names, the
 * editor's default. */
static char **
complete(const char *text, int start, int end)
{
	char *before;
	int i;

	(void)end;
	rl_attempted_completion_over = 1;
	for (i = 0; i < start; i++)
		if (rl_line_buffer[i] != ' ' && rl_line_buffer[i] != '\t')
			break;
	if (i == start || !completer)
		return rl_completion_matches(text, command_generator);
	before = xmalloc((size_t)start + 1);
	memcpy(before, rl_line_buffer, (size_t)start);
	before[start] = '\0';
	free(candidates);
	candidates = completer(completer_arg, before, text);
	free(before);
	return rl_completion_matches(text, candidate_generator);
}

#ifdef HAVE_READLINE
static char *rl_result;
static bool rl_finished;

/* Readline hands over a finished line (NULL at end of input). */
static void
on_line(char *line)
{
	rl_result = line;
	rl_finished = true;
	rl_callback_handler_remove();
}

/* Ctrl-C: shows "^C" after the abandoned line and resets Readline. */
static void
abandon_line(void)
{
	rl_point = rl_end;
	rl_redisplay();
	rl_echo_signal_char(SIGINT);
	rl_free_line_state();
	rl_callback_sigcleanup();
	rl_cleanup_after_signal();
	rl_callback_handler_remove();
}

/* Ctrl-Z: gives the terminal back as it was, stops, and on `fg` takes it
 * again and redraws the line being edited. */
static void
suspend(void)
{
	sigset_t tstp;

	rl_echo_signal_char(SIGTSTP);
	rl_cleanup_after_signal();
	sigemptyset(&tstp);
	sigaddset(&tstp, SIGTSTP);
	catch_signal(SIGTSTP, SIG_DFL);
	raise(SIGTSTP);
	sigprocmask(SIG_UNBLOCK, &tstp, NULL);	/* stops here */
	sigprocmask(SIG_BLOCK, &tstp, NULL);
	catch_signal(SIGTSTP, on_signal);
	rl_reset_after_signal();
	rl_forced_update_display();
}

/* Reads a line through Readline's callback interface.  The signals are
 * blocked except while waiting in pselect(), so none can slip in between
 * a check of the flags and the wait. */
static char *
read_readline(const char *prompt)
{
	int fd = fileno(rl_instream);
	struct sigaction old_tstp;
	sigset_t block, orig;
	fd_set fds;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGWINCH);
	sigaddset(&block, SIGTSTP);
	sigprocmask(SIG_BLOCK, &block, &orig);
	sigaction(SIGTSTP, NULL, &old_tstp);
	if (old_tstp.sa_handler != SIG_IGN)
		catch_signal(SIGTSTP, on_signal);
	resized = suspended = 0;
	rl_result = NULL;
	rl_finished = false;
	rl_callback_handler_install(prompt, on_line);
	while (!rl_finished) {
		FD_ZERO(&fds);
		FD_SET(fd, &fds);
		if (pselect(fd + 1, &fds, NULL, NULL, NULL, &orig) > 0) {
			rl_callback_read_char();
			continue;
		}
		if (errno != EINTR) {
			rl_callback_handler_remove();
			break;
		}
		if (resized) {
			resized = 0;
			rl_resize_terminal();
		}
		if (suspended) {
			suspended = 0;
			suspend();
		}
		if (interrupted) {
			abandon_line();
			break;
		}
	}
	/* Ctrl-Z while a command runs stops vmdb as usual. */
	sigaction(SIGTSTP, &old_tstp, NULL);
	sigprocmask(SIG_SETMASK, &orig, NULL);
	return rl_result;
}
#endif

#endif /* HAVE_LINE_EDITOR */

/* ---- embedded in a full-screen front end (the TUI) ----------------------
 *
 * Readline's callback interface with every terminal-facing hook replaced:
 * the keys come from the caller (curses reads the terminal), the line is
 * drawn by the caller's redisplay function, a completion listing goes to
 * the caller, and the terminal modes are curses' business.  libedit has
 * none of these hooks: lineedit_embed_start says no, and the caller
 * leaves curses around lineedit_read instead.
 */
#ifdef HAVE_READLINE
#define EMBED_KEYS	64

static struct {
	unsigned char keys[EMBED_KEYS];
	int head, tail;
	void (*on_line)(char *line);
	void (*redisplay)(void);
	void (*matches)(char **matches, int n);
	rl_voidfunc_t *saved_redisplay;
	rl_getc_func_t *saved_getc;
	rl_hook_func_t *saved_avail;
	rl_vintfunc_t *saved_prep;
	rl_voidfunc_t *saved_deprep;
	rl_compdisp_func_t *saved_display;
	FILE *saved_out, *null_out;
	bool on;
} embed;

static int
embed_getc(FILE *fp)
{
	(void)fp;
	if (embed.head == embed.tail)
		return EOF;
	return embed.keys[embed.head++ % EMBED_KEYS];
}

static int
embed_avail(void)
{
	return embed.head != embed.tail;
}

static void
embed_prep(int meta)
{
	(void)meta;
}

static void
embed_deprep(void)
{
}

static void
embed_redisplay(void)
{
	embed.redisplay();
}

/* matches[0] is the common prefix; the candidates follow. */
static void
embed_display(char **matches, int n, int max)
{
	(void)max;
	embed.matches(matches + 1, n);
}

static void
embed_line(char *line)
{
	embed.on_line(line);
}
#endif

bool
lineedit_embed_start(const char *prompt, void (*line_fn)(char *line),
		     void (*redisplay)(void),
		     void (*matches)(char **matches, int n))
{
#ifdef HAVE_READLINE
	if (!editing)
		return false;
	embed.on_line = line_fn;
	embed.redisplay = redisplay;
	embed.matches = matches;
	embed.head = embed.tail = 0;
	embed.saved_redisplay = rl_redisplay_function;
	embed.saved_getc = rl_getc_function;
	embed.saved_avail = rl_input_available_hook;
	embed.saved_prep = rl_prep_term_function;
	embed.saved_deprep = rl_deprep_term_function;
	embed.saved_display = rl_completion_display_matches_hook;
	embed.saved_out = rl_outstream;
	embed.null_out = fopen("/dev/null", "w");
	rl_redisplay_function = embed_redisplay;
	rl_getc_function = embed_getc;
	rl_input_available_hook = embed_avail;
	rl_prep_term_function = embed_prep;
	rl_deprep_term_function = embed_deprep;
	rl_completion_display_matches_hook = embed_display;
	if (embed.null_out)
		rl_outstream = embed.null_out;
	embed.on = true;
	rl_callback_handler_install(prompt, embed_line);
	return true;
#else
	(void)prompt;
	(void)line_fn;
	(void)redisplay;
	(void)matches;
	return false;
#endif
}

void
lineedit_embed_prompt(const char *prompt)
{
#ifdef HAVE_READLINE
	if (!embed.on)
		return;
	rl_callback_handler_remove();
	rl_callback_handler_install(prompt, embed_line);
#else
	(void)prompt;
#endif
}

void
lineedit_embed_key(int byte)
{
#ifdef HAVE_READLINE
	if (!embed.on || embed.tail - embed.head >= EMBED_KEYS)
		return;
	embed.keys[embed.tail++ % EMBED_KEYS] = (unsigned char)byte;
	while (embed.on && embed.head != embed.tail)
		rl_callback_read_char();
#else
	(void)byte;
#endif
}

void
lineedit_embed_cancel(void)
{
#ifdef HAVE_READLINE
	if (!embed.on)
		return;
	rl_free_line_state();
	rl_callback_sigcleanup();
	rl_replace_line("", 0);
	rl_point = rl_end = 0;
	embed.redisplay();
#endif
}

void
lineedit_embed_state(const char **prompt, const char **line, int *point)
{
#ifdef HAVE_READLINE
	*prompt = rl_display_prompt ? rl_display_prompt : "";
	*line = rl_line_buffer ? rl_line_buffer : "";
	*point = rl_point;
#else
	*prompt = *line = "";
	*point = 0;
#endif
}

void
lineedit_embed_stop(void)
{
#ifdef HAVE_READLINE
	if (!embed.on)
		return;
	rl_callback_handler_remove();
	rl_redisplay_function = embed.saved_redisplay;
	rl_getc_function = embed.saved_getc;
	rl_input_available_hook = embed.saved_avail;
	rl_prep_term_function = embed.saved_prep;
	rl_deprep_term_function = embed.saved_deprep;
	rl_completion_display_matches_hook = embed.saved_display;
	rl_outstream = embed.saved_out;
	if (embed.null_out)
		fclose(embed.null_out);
	embed.null_out = NULL;
	embed.on = false;
#endif
}

void
lineedit_init(const char *prog)
{
	catch_signal(SIGINT, on_signal);
	editing = false;
#ifdef HAVE_LINE_EDITOR
	if (!isatty(STDIN_FILENO))
		return;
	editing = true;
	rl_readline_name = prog;
	rl_attempted_completion_function = complete;
#ifdef HAVE_READLINE
	rl_instream = stdin;
	rl_outstream = stdout;
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	/* No LINES and COLUMNS exported: curses would take them for the
	 * terminal's size for good, and the TUI would miss every resize. */
	rl_change_environment = 0;
	catch_signal(SIGWINCH, on_signal);
#endif
	using_history();
	stifle_history(HISTORY_MAX);
	history_path = history_file();
	if (history_path)
		read_history(history_path);
#else
	(void)prog;
#endif
}

void
lineedit_init_screen(const char *prog)
{
	lineedit_init(prog);
	catch_signal(SIGWINCH, SIG_DFL);
}

bool
lineedit_interrupted(void)
{
	bool was = interrupted;

	interrupted = 0;
	return was;
}

/* Reads a line with getline (no line editor, or not a terminal). */
static char *
read_plain(const char *prompt)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	fputs(prompt, stdout);
	fflush(stdout);
	len = getline(&line, &cap, stdin);
	if (len < 0) {
		free(line);
		return NULL;
	}
	if (len > 0 && line[len - 1] == '\n')
		line[len - 1] = '\0';
	return line;
}

/* After Ctrl-D, moves to a fresh line so that the shell's prompt does not
 * follow ours.  Readline 8.1 and later do that themselves when bracketed
 * paste is on (the default). */
static void
eof_newline(void)
{
#if defined(HAVE_READLINE) && RL_READLINE_VERSION >= 0x0801
	const char *bp = rl_variable_value("enable-bracketed-paste");

	if (editing && bp && !strcmp(bp, "on"))
		return;
#endif
	fputc('\n', stdout);
	fflush(stdout);
}

char *
lineedit_read(const char *prompt)
{
	char *line;

	interrupted = 0;
#if defined(HAVE_READLINE)
	if (editing)
		line = read_readline(prompt);
	else
#elif defined(HAVE_LIBEDIT)
	if (editing)
		line = readline(prompt);
	else
#endif
		line = read_plain(prompt);
	if (!line && interrupted) {
		/* Ctrl-C while reading: an empty line, a fresh prompt. */
		interrupted = 0;
		clearerr(stdin);
		fputc('\n', stdout);
		fflush(stdout);
		return xstrdup("");
	}
	if (!line)
		eof_newline();
	return line;
}

void
lineedit_add_history(const char *line)
{
	if (!editing || (last_added && !strcmp(last_added, line)))
		return;
	free(last_added);
	last_added = xstrdup(line);
#ifdef HAVE_LINE_EDITOR
	add_history(line);
#endif
}

void
lineedit_done(void)
{
#ifdef HAVE_LINE_EDITOR
	if (editing && history_path)
		write_history(history_path);
#endif
	free(history_path);
	history_path = NULL;
	free(last_added);
	last_added = NULL;
	editing = false;
}
