#!/bin/sh
# tests/tui/cow.sh: vmdb --tui in a real terminal (tmux), a fork and a
# copy-on-write fault stepped through: after each step the page-table,
# free-list, TLB and VMA-tree panes must show what the same commands show
# in batch mode (pte, buddyinfo, vma --tree); then the window is resized
# (the panes reflow, and a small one keeps fewer panes), and quit gives
# the terminal back as it was.

. "${srcdir:-.}/tests/tui/lib.sh"

setup='spawn /bin/sh
write --string 0x08060010 parent
fork
switch 2'

# ---- the reference, in batch mode --------------------------------------------
# shellcheck disable=SC2086
batch "$setup" 'echo @pte-before' 'pte 0x08060010' \
	'break do_wp_page' 'touch 0x08060010 w' 'echo @buddy-stopped' \
	'buddyinfo' 'step' 'echo @bt' 'bt 1' 'continue' 'echo @pte-after' \
	'pte 0x08060010' 'echo @buddy-after' 'buddyinfo' 'echo @tree' \
	'vma --tree 2' >"$tmp/ref" || fail "the batch reference failed"

# section NAME: the reference's lines after "@NAME" up to the next "@".
section()
{
	awk -v s="@$1" '$0 == s { on = 1; next } /^@/ { on = 0 } on' "$tmp/ref"
}

pte_value()
{
	section "$1" | sed -n 's/^ *PTE [0-9]* at 0x[0-9a-f]* = 0x\([0-9a-f]*\) .*/\1/p'
}

pte_before=$(pte_value pte-before)
pte_after=$(pte_value pte-after)
func=$(section bt | awk '/^#0/ { print $2; exit }')
[ -n "$pte_before" ] && [ -n "$pte_after" ] && [ -n "$func" ] ||
	fail "could not read the reference: $(cat "$tmp/ref")"

# "ZONE ORDER COUNT" lines from buddyinfo.
buddy_ref()
{
	section "$1" | awk '/^Node/ { for (i = 5; i <= NF; i++)
		print $4, i - 5, $i }'
}

# The same from the buddy pane: the left half of the rows between its
# title bar and the next one.
buddy_shown()
{
	awk -v w="$1" '
		{ l = substr($0, 1, w) }
		l ~ /^ buddy/ { on = 1; next }
		on && l ~ /^ [a-z]+(: | *$)/ && l !~ /^ +[0-9]/ { on = 0 }
		!on { next }
		{ l = substr(l, 2) }
		l ~ /^(DMA|Normal|HighMem) / { split(l, f, " "); zone = f[1]; next }
		l ~ /^ *[0-9]+ +[0-9]+K +[0-9]+/ { split(l, f, " ");
			print zone, f[1], f[3] }
	' "$tmp/screen"
}

check_buddy()
{
	buddy_ref "$1" >"$tmp/buddy.ref"
	buddy_shown 59 >"$tmp/buddy.shown"
	diff "$tmp/buddy.ref" "$tmp/buddy.shown" >"$tmp/buddy.diff" ||
		fail "$2: the free lists differ from buddyinfo:
$(cat "$tmp/buddy.diff")"
}

# ---- the TUI ---------------------------------------------------------------------
start 120 70 "'$VMDB' --tui -q"
wait_for '^\(vmdb\)' "the command line"
wait_for '^ pgtable' "the page-table pane"
expect 'layout fault, focus pgtable' "the status line"

run 'layout define cow pgtable+vma:2 buddy+tlb:5 output:1'
run 'layout cow'
wait_for '^ pgtable.{52} vma' "layout cow"
echo "$setup" | while IFS= read -r line; do
	$T send-keys -t vmdb -l -- "$line"
	$T send-keys -t vmdb Enter
done
run 'focus pgtable unfold'
expect "^ +08060000 $pte_before rou-D" "the shared page's PTE after fork"
expect 'pid 2 \(sh\)' "the status line after switch 2"

run 'break do_wp_page'
run 'touch 0x08060010 w'
expect 'stopped at do_wp_page' "the status line at the breakpoint"
expect "^> +08060000 $pte_before rou-D" "the walked PTE, marked"
expect 'Breakpoint 1, do_wp_page' "the trace in the output"
check_buddy buddy-stopped "stopped in do_wp_page"

run 'step'
expect "stopped at $func" "the status line after step"
expect "^> +08060000 $pte_before rou-D" "the PTE, not yet changed"

run 'continue'
expect "^[>*] +08060000 $pte_after rwuAD was $pte_before" \
	"the PTE after the copy"
frame=$(echo "$pte_after" | sed 's/...$/000/')
expect "[*] +[0-9]+\.[0-9]+ +08060000 $frame rw user A D" \
	"the TLB entry just filled"
check_buddy buddy-after "after the copy"
section tree | sed -n 's/.*\[\([RB]\) d=[0-9]*\] \([0-9a-f]*-[0-9a-f]*\).*/\1 \2/p' \
	>"$tmp/tree"
[ -s "$tmp/tree" ] || fail "no VMA tree in the reference"
while read -r colour range; do
	expect "[|]..*$colour $range " "VMA $range ($colour) in the tree pane"
done <"$tmp/tree"

# ---- resize ----------------------------------------------------------------------
run 'layout fault'
$T resize-window -t vmdb -x 80 -y 24
wait_for '^ pgtable.{32} vma' "the panes reflowed to 80 columns"
screen
awk 'length($0) > 80 { exit 1 }' "$tmp/screen" ||
	fail "a line wider than 80 columns after the resize"
$T resize-window -t vmdb -x 60 -y 20
wait_for 'fewer panes' "the note of a small terminal"
expect '^ pgtable' "the focused pane kept"
$T resize-window -t vmdb -x 120 -y 40
wait_for '^ pgtable.{52} vma' "the panes back at 120 columns"

# ---- quit ------------------------------------------------------------------------
$T send-keys -t vmdb -l -- 'quit'
$T send-keys -t vmdb Enter
wait_for '^-?icanon' "vmdb's exit and the terminal's modes"
expect '^EXIT=0' "exit status 0"
expect '^icanon echo' "the terminal in canonical mode with echo again"
[ "$($T display -p -t vmdb '#{alternate_on}')" = 0 ] ||
	fail "the alternate screen is still on"
echo "tui cow: all checks passed"
