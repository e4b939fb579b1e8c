#!/bin/sh
# tests/tui/modes.sh: the TUI entered from the REPL with `tui` and left
# with `tui off` (twice: the second time must still see resizes), Ctrl-C
# throwing the typed line away, colours and NO_COLOR, and the terminal
# given back when vmdb is killed with SIGTERM in the middle of the TUI.

. "${srcdir:-.}/tests/tui/lib.sh"

# vmdb with its pid in $tmp/pid (exec keeps it).
cat >"$tmp/run.sh" <<EOS
echo \$\$ >"$tmp/pid"
exec "$VMDB" "\$@"
EOS

alternate()
{
	$T display -p -t vmdb '#{alternate_on}'
}

# ---- tui and tui off from the REPL ---------------------------------------------
start 100 30 "sh '$tmp/run.sh' -q"
wait_for '^\(vmdb\)' "the REPL's prompt"
[ "$(alternate)" = 0 ] || fail "the REPL is on the alternate screen"
run 'tui'
wait_for '^ pgtable' "the TUI after tui"
[ "$(alternate)" = 1 ] || fail "the TUI is not on the alternate screen"
run 'spawn /bin/sh'
wait_for '^ pgtable: pid 1 \(sh\)' "the page tables of the new task"
$T send-keys -t vmdb -l -- 'tui off'
$T send-keys -t vmdb Enter
wait_for '^\(vmdb\) *$' "the REPL's prompt after tui off"
[ "$(alternate)" = 0 ] || fail "still on the alternate screen after tui off"
run 'tui'
wait_for '^ pgtable: pid 1' "the TUI a second time"
$T resize-window -t vmdb -x 80 -y 24
wait_for '^ pgtable.{32} vma' "a resize seen by the second TUI"

# ---- Ctrl-C clears the line ------------------------------------------------------
$T send-keys -t vmdb -l -- 'vtop 0x1234'
wait_for '^\(vmdb\) vtop 0x1234' "the typed line"
$T send-keys -t vmdb C-c
wait_for '^\(vmdb\) *$' "an empty command line after Ctrl-C"
run 'echo after the interrupt'
expect '^ after the interrupt|[|] after the interrupt' "a command after Ctrl-C"

# ---- colours ------------------------------------------------------------------
$T capture-pane -e -p -t vmdb >"$tmp/escapes"
grep -Eq "$(printf '\033')\\[(3[0-7]|4[0-7])m" "$tmp/escapes" ||
	fail "no colours on a colour terminal"

# ---- SIGTERM ---------------------------------------------------------------------
kill -TERM "$(cat "$tmp/pid")" || fail "kill"
wait_for '^-?icanon' "the shell after SIGTERM"
expect '^EXIT=143' "vmdb died of SIGTERM"
expect '^icanon echo' "the terminal's modes given back after SIGTERM"
[ "$(alternate)" = 0 ] || fail "the alternate screen left on after SIGTERM"
$T kill-server
next_server

# ---- NO_COLOR ------------------------------------------------------------------
NO_COLOR=1 start 100 30 "sh '$tmp/run.sh' -q --tui"
wait_for '^ pgtable' "the TUI with NO_COLOR"
$T capture-pane -e -p -t vmdb >"$tmp/escapes"
if grep -Eq "$(printf '\033')\\[(3[0-7]|4[0-7])m" "$tmp/escapes"; then
	fail "colours with NO_COLOR set"
fi
grep -q "$(printf '\033')\\[[0-9;]*7m" "$tmp/escapes" ||
	fail "no reverse video for the title bars with NO_COLOR"
echo "tui modes: all checks passed"
