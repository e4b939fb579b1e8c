#!/bin/sh
# tests/replay-check.sh: the journal reproduces the machine.
#
# Every sample (samples/*.vms) and every transcript test
# (tests/scripts/*.vms) is run, then `history --verify` rebuilds the
# machine from the journal in the same vmdb and compares the two by
# digest.  For the samples, the journal is also written with `record save`
# and replayed in a second vmdb (`replay FILE`), whose digest must be the
# first one's.  A difference means that a command changed the machine
# without being journaled (a missing CMD_MODIFIES, or a read-only command
# that writes), or that the engine is not deterministic.
#
# So that the check at the end always runs, each script runs with
# --keep-going from a copy without its `set keep-going off` and `quit`
# lines.  A script whose sourced file quits cannot be checked: it is
# listed in SKIP below with the reason.
#
# Environment (set by `make check`): VMDB, the vmdb binary; srcdir, the top
# source directory.

. "${srcdir:-.}/tests/env.sh"

# quit-in-source: quits from inside tests/scripts/quit-inner.vms.
SKIP="quit-in-source"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmdb-replay.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

fail=0
checked=0

# check DIR SCRIPT ROUNDTRIP: runs SCRIPT (a path relative to DIR) from DIR.
check()
{
	dir=$1
	script=$2
	name=$(basename "$script" .vms)
	copy=$tmp/$name.vms
	sed -e '/^[[:space:]]*set[[:space:]][[:space:]]*keep-going[[:space:]][[:space:]]*off/d' \
		-e '/^[[:space:]]*\(quit\|q\)[[:space:]]*\(#.*\)\{0,1\}$/d' \
		"$dir/$script" >"$copy" || return 1
	{
		echo "history --verify"
		echo "digest"
		echo "record save $tmp/$name.rec"
	} >>"$copy"
	out=$(cd "$dir" && "$VMDB" --batch --keep-going "$copy" 2>&1)
	verified=$(printf '%s\n' "$out" | grep '^verified: ')
	if [ -z "$verified" ]; then
		echo "replay-check: $script: history --verify failed:"
		printf '%s\n' "$out" | grep 'history\|vmdb: .*replaying' | tail -3
		fail=1
		return
	fi
	checked=$((checked + 1))
	[ "$3" = roundtrip ] || return
	digest=$(printf '%s\n' "$out" | grep '^digest 0x' | tail -1)
	again=$(cd "$dir" && "$VMDB" --batch --keep-going \
		-e "replay $tmp/$name.rec" -e digest 2>&1 | grep '^digest 0x')
	if [ "$digest" != "$again" ]; then
		echo "replay-check: $script: replay of its record save gives" \
			"'$again', not '$digest'"
		fail=1
	fi
}

for f in "$srcdir"/samples/*.vms; do
	check "$srcdir" "samples/$(basename "$f")" roundtrip
done
for f in "$srcdir"/tests/scripts/*.vms; do
	name=$(basename "$f" .vms)
	case " $SKIP " in
	*" $name "*) continue ;;
	esac
	check "$srcdir/tests/scripts" "$name.vms" ""
done

echo "replay-check: $checked scripts replayed to the same machine"
exit $fail
