# tests/tui/lib.sh: what the TUI tests share: vmdb in a tmux server of
# their own (tmux -L SOCKET -f /dev/null: no user configuration, no other
# server touched), keys sent with send-keys, the screen read with
# capture-pane, and waiting by polling the screen until a pattern shows
# or a generous time limit passes (a loaded 2-core CI machine is slow; a
# fixed sleep would be either flaky or long).
#
# Environment (set by `make check`): VMDB, the vmdb binary; srcdir.
# Skips (exit 77) when tmux is missing or vmdb was built without the TUI.

LC_ALL=C
export LC_ALL
unset TMUX

VMDB=${VMDB:-./vmdb}
case $VMDB in
/*) ;;
*) VMDB=$(pwd)/$VMDB ;;
esac
# Seconds to wait for one screen: generous, it is only spent on failure.
TUI_TIMEOUT=${TUI_TIMEOUT:-60}

if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux not found: the TUI tests are skipped"
	exit 77
fi
if echo tui | "$VMDB" --batch 2>&1 | grep -q 'without ncurses'; then
	echo "vmdb was built without ncurses: the TUI tests are skipped"
	exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmdb-tui.XXXXXX") || exit 1
servers=0
# next_server: a new tmux server on a socket of its own for the next
# session.  A killed server takes a moment to go, and a new session on
# its socket meanwhile fails ("server exited unexpectedly").
next_server()
{
	servers=$((servers + 1))
	sock=vmdb-test-$$-$servers
	T="tmux -L $sock -f /dev/null"
}
next_server
trap '$T kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# start COLS ROWS COMMAND: a detached session running COMMAND through sh;
# what follows COMMAND (its exit status, the terminal's modes) is printed
# after it, and the pane stays so that it can be read.
start()
{
	$T new-session -d -s vmdb -x "$1" -y "$2" \
		"cd '$tmp' && VMDB_HISTORY='$tmp/history' NO_COLOR='${NO_COLOR-}' $3; \
		echo \"EXIT=\$?\"; stty -a | tr ' ;' '\\n\\n' | \
		grep -E '^-?(icanon|echo)\$' | tr '\\n' ' '; echo; \
		sleep 600" || fail "tmux new-session failed"
}

fail()
{
	echo "FAIL: $*"
	if [ -f "$tmp/screen" ]; then
		echo "--- the screen:"
		cat "$tmp/screen"
	fi
	exit 1
}

screen()
{
	$T capture-pane -p -t vmdb >"$tmp/screen" 2>/dev/null
}

# wait_for ERE [WHAT]: polls the screen until a line matches ERE.
wait_for()
{
	deadline=$(($(date +%s) + TUI_TIMEOUT))
	while :; do
		screen
		if grep -Eq -- "$1" "$tmp/screen"; then
			return 0
		fi
		if [ "$(date +%s)" -ge "$deadline" ]; then
			fail "${2:-waiting for /$1/}: not on the screen after ${TUI_TIMEOUT}s"
		fi
		sleep 0.1
	done
}

# expect ERE WHAT: the last screen read has a line matching ERE.
expect()
{
	grep -Eq -- "$1" "$tmp/screen" || fail "$2: no line matches /$1/"
}

# run LINE: types LINE and Enter, then waits until the TUI has run it and
# refreshed: an echo of a marker after it must reach the output pane (the
# marker alone after the separator or at the start of a line; the command
# line shows it after "echo ").
nsync=0
run()
{
	nsync=$((nsync + 1))
	$T send-keys -t vmdb -l -- "$1" || fail "send-keys"
	$T send-keys -t vmdb Enter
	$T send-keys -t vmdb -l -- "echo =sync$nsync="
	$T send-keys -t vmdb Enter
	wait_for "(^|[|]) =sync$nsync=" "after '$1'"
}

# The same commands in batch mode: the reference the panes must agree
# with (what `pte`, `buddyinfo` and `vma --tree` print).
batch()
{
	printf '%s\n' "$@" | "$VMDB" --batch -q 2>&1
}
