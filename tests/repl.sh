#!/bin/sh
# tests/repl.sh: vmdb's front end, as a user meets it.
#
#   1. commands piped to standard input run without a prompt;
#   2. an error in a script names FILE:LINE and ends a batch run (status 1);
#   3. --keep-going runs the rest, still with status 1;
#   4. in a real terminal (tmux): the banner and "(vmdb) " prompt, Tab
#      completing "hel" to "help", Ctrl-C clearing the line without ending
#      vmdb, history written to $HOME, and Ctrl-D leaving with status 0.
#
# Run by `make check` with VMDB (the binary) in the environment. Parts 1-3
# always run; part 4 needs tmux and is skipped (status 77) without it. No
# fixed sleeps: the terminal is polled until what is awaited shows up.

set -u

: "${VMDB:?VMDB must name the vmdb binary}"
case $VMDB in
/*) ;;
*) VMDB=$(pwd)/$VMDB ;;
esac

LC_ALL=C
export LC_ALL

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmdb-repl.XXXXXX") || exit 99
sock=vmdbtest$$
status=0

cleanup()
{
	if [ -n "${have_tmux:-}" ]; then
		tmux -L "$sock" kill-server >/dev/null 2>&1
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# A home of our own: no history file lands in the real one.
HOME=$tmp/home
mkdir "$HOME" || exit 99
export HOME
unset VMDB_HISTORY XDG_STATE_HOME TMUX

fail()
{
	echo "FAIL: $*"
	status=1
}

# expect WHAT EXPECTED ACTUAL
expect()
{
	if [ "$2" = "$3" ]; then
		echo "ok: $1"
	else
		fail "$1"
		echo "--- expected:"
		printf '%s\n' "$2"
		echo "--- actual:"
		printf '%s\n' "$3"
	fi
}

nl='
'

# --- 1. commands on standard input -------------------------------------------
out=$(printf 'echo hi\nquit\n' | "$VMDB" 2>&1)
expect "piped commands" "hi" "$out"

# --- 2. an error in a script stops a batch run -------------------------------
printf 'echo one\n# a comment\nfrobnicate 3\necho two\n' >"$tmp/err.vms"
out=$(cd "$tmp" && "$VMDB" --batch err.vms 2>&1)
rc=$?
expect "script error: output" \
	"one${nl}err.vms:3: vmdb: unknown command: frobnicate" "$out"
expect "script error: exit status" 1 "$rc"

# --- 3. --keep-going runs the rest -------------------------------------------
out=$(cd "$tmp" && "$VMDB" --batch --keep-going err.vms 2>&1)
rc=$?
expect "keep-going: output" \
	"one${nl}err.vms:3: vmdb: unknown command: frobnicate${nl}two" "$out"
expect "keep-going: exit status" 1 "$rc"

# --- 4. the REPL in a terminal -----------------------------------------------
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux not found; the interactive part was not run"
	[ "$status" -eq 0 ] && exit 77
	exit "$status"
fi
have_tmux=yes
editor=$("$VMDB" --version | sed -n 's/^line editing: //p')

tm()
{
	tmux -L "$sock" -f /dev/null "$@"
}

# The pane runs vmdb, then reports its exit status and stays open. The
# shell ignores the Ctrl-C meant for vmdb (a trap, not SIG_IGN, so that vmdb
# starts with the default action as it would from a terminal).
cat >"$tmp/run.sh" <<EOF
trap : INT
"$VMDB"
echo "[exited \$?]"
exec cat
EOF

# wait_until DESCRIPTION COMMAND...: polls the pane (into $tmp/pane) for
# up to 10 seconds until COMMAND succeeds.
wait_until()
{
	what=$1
	shift
	i=0
	while [ "$i" -lt 200 ]; do
		tm capture-pane -p -t vmdb >"$tmp/pane" 2>/dev/null &&
			"$@" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "timed out waiting for $what; the screen was:"
	cat "$tmp/pane"
	return 1
}

# wait_for TEXT: until TEXT shows anywhere on the screen.
has_text()
{
	grep -qF -- "$1" "$tmp/pane"
}
wait_for()
{
	wait_until "'$1'" has_text "$1"
}

# True when the last non-empty line on the screen is exactly TEXT.
last_line_is()
{
	[ "$(grep -v '^$' "$tmp/pane" | tail -n 1)" = "$1" ]
}

if ! tm new-session -d -s vmdb -x 100 -y 30 "sh $tmp/run.sh"; then
	fail "cannot start tmux"
	exit 1
fi

interactive()
{
	wait_for "(vmdb)" || return
	grep -q "^vmdb .*Type 'help'\\.\$" "$tmp/pane" ||
		fail "no banner on interactive start"

	if [ "$editor" != none ]; then
		tm send-keys -t vmdb "hel" Tab
		wait_for "(vmdb) help" || return
		echo "ok: Tab completes hel to help ($editor)"
		tm send-keys -t vmdb Enter
		wait_for "Type 'help COMMAND'" || return
	fi

	# Ctrl-C throws the line away and gives a fresh, empty prompt.
	tm send-keys -t vmdb "echo dropped"
	wait_for "(vmdb) echo dropped" || return
	tm send-keys -t vmdb C-c
	wait_until "a fresh prompt after Ctrl-C" last_line_is "(vmdb)" ||
		return
	tm send-keys -t vmdb "echo still-here" Enter
	wait_for "still-here" || return
	if grep -q '^still-here$' "$tmp/pane" &&
	    ! grep -q '^dropped$' "$tmp/pane"; then
		echo "ok: Ctrl-C clears the line"
	else
		fail "Ctrl-C did not clear the line; the screen was:"
		cat "$tmp/pane"
	fi

	tm send-keys -t vmdb C-d
	wait_for "[exited " || return
	if grep -qF "[exited 0]" "$tmp/pane"; then
		echo "ok: Ctrl-D leaves with status 0"
	else
		fail "Ctrl-D: wrong exit status; the screen was:"
		cat "$tmp/pane"
	fi

	if [ "$editor" != none ]; then
		if grep -q "still-here" "$HOME/.vmdb_history" 2>/dev/null; then
			echo "ok: history written to \$HOME/.vmdb_history"
		else
			fail "no history in \$HOME/.vmdb_history"
		fi
	fi
}
interactive

exit "$status"
