#!/bin/sh
# tests/checkpoint-check.sh: the journal's checkpoints change how fast the
# machine is rebuilt, never what it is rebuilt to.
#
# 1. Every transcript test that rebuilds the machine (undo, abort,
#    reverse-*, history, replay, record, diff @) runs again with a
#    checkpoint after every journaled command (VMDB_CHECKPOINT_INTERVAL=1)
#    and after every third; its output must still be its .out, byte for
#    byte.
# 2. A session of 30 rounds of fork, copy-on-write, mmap, munmap and exits
#    prints its digest after each round, with a checkpoint every 7
#    commands.  Undoing a round at a time, from the end back to the start,
#    must give the digests printed on the way (a rebuild from a
#    checkpoint is the machine the session had), and `history --verify`
#    (a replay from boot that compares every checkpoint it passes) must
#    pass before and after.
#
# Environment (set by `make check`): VMDB, the vmdb binary; srcdir, the top
# source directory.

. "${srcdir:-.}/tests/env.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmdb-ckpt.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

fail=0
n=0

# ---- 1. the transcripts that rebuild ----------------------------------------

for script in $(grep -l -E '^[[:space:]]*(undo|abort|reverse-|history|replay|record|diff[[:space:]]+@)' \
		"$srcdir"/tests/scripts/*.vms); do
	for every in 1 3; do
		if ! VMDB_CHECKPOINT_INTERVAL=$every \
		    sh "$srcdir/tests/run-vms.sh" "$VMDB" "$script" \
		    >"$tmp/out" 2>&1; then
			echo "checkpoint-check: $(basename "$script") with a checkpoint every $every:"
			cat "$tmp/out"
			fail=1
		fi
		n=$((n + 1))
	done
done

# ---- 2. undo, round by round ------------------------------------------------

rounds=30
{
	echo "spawn /bin/sh"
	echo "digest"
	i=0
	while [ $i -lt $rounds ]; do
		parent=$((2 * i + 1))
		echo "mmap 0x40000000 64K rw PRIVATE|ANONYMOUS|FIXED"
		echo "touch 0x40000000 w --len 16K"
		echo "fork"
		echo "switch $((parent + 1))"
		echo "touch 0x40001000 w"
		echo "munmap 0x40000000 64K"
		echo "exit $((parent + 1))"
		echo "spawn /bin/sh"
		echo "exit $parent"
		echo "switch $((parent + 2))"
		echo "digest"
		i=$((i + 1))
	done
	echo "history --verify"
	i=0
	while [ $i -lt $rounds ]; do
		echo "undo 10"
		echo "digest"
		i=$((i + 1))
	done
	echo "history --verify"
} >"$tmp/session.vms"

if ! VMDB_CHECKPOINT_INTERVAL=7 "$VMDB" --batch "$tmp/session.vms" \
    >"$tmp/session.out" 2>&1; then
	echo "checkpoint-check: the undo session failed:"
	tail -20 "$tmp/session.out"
	fail=1
fi
# The digests after the rounds, then after each undo: the undos must
# give the rounds' digests back in reverse order, the spawn's last.
if ! awk -v rounds=$rounds '
	/^digest 0x/ { d[k++] = $2 }
	/^verified: / { verified++ }
	END {
		if (k != 2 * rounds + 1 || verified != 2) {
			print "checkpoint-check: " k " digests and " verified \
			      " verifications, not " 2 * rounds + 1 " and 2"
			exit 1
		}
		for (i = 1; i <= rounds; i++)
			if (d[rounds + i] != d[rounds - i]) {
				print "checkpoint-check: undoing round " \
				      rounds - i + 1 " gave " d[rounds + i] \
				      ", the machine had " d[rounds - i]
				exit 1
			}
	}' "$tmp/session.out"; then
	fail=1
fi
n=$((n + 1))

if [ $fail -ne 0 ]; then
	exit 1
fi
echo "checkpoint-check: $n runs rebuilt from checkpoints to the same machines"
exit 0
