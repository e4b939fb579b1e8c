#!/bin/sh
# tests/run-vms.sh: run one transcript test (automake's VMS_LOG_COMPILER).
#
#   sh tests/run-vms.sh PATH/TO/vmdb PATH/TO/tests/scripts/NAME.vms
#
# Runs `vmdb --batch --paranoid NAME.vms` from the directory that holds
# NAME.vms (so `source` and file arguments in the script resolve relative to
# it), with standard output and standard error merged. If vmdb exits with a
# non-zero status N, a last line `[exit N]` is appended. The result must match
# NAME.out byte for byte; on a mismatch `diff -u` shows the difference.
#
# VMDB_REGEN=1 writes NAME.out from the actual output instead, and passes
# (for maintainers, after checking the new output by eye: git diff).
#
# Nothing is written next to the script (in `make distcheck` the source tree
# is read-only), except NAME.out with VMDB_REGEN=1.
#
# Exit status: 0 match, 1 mismatch or error (99 for a usage error).

LC_ALL=C
export LC_ALL

if [ $# -ne 2 ]; then
	echo "usage: sh $0 PATH/TO/vmdb PATH/TO/NAME.vms" >&2
	exit 99
fi

vmdb=$1
script=$2
case $vmdb in
/*) ;;
*) vmdb=$(pwd)/$vmdb ;;
esac

dir=$(dirname "$script")
name=$(basename "$script" .vms)

if [ ! -x "$vmdb" ]; then
	echo "run-vms: $vmdb: not an executable" >&2
	exit 1
fi
if [ ! -f "$script" ]; then
	echo "run-vms: $script: no such file" >&2
	exit 1
fi

tmp=$(mktemp "${TMPDIR:-/tmp}/vmdb-$name.XXXXXX") || exit 1
trap 'rm -f "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# A hung vmdb must not hang `make check`: use timeout(1) when it exists.
limit=${VMDB_TEST_TIMEOUT:-300}
timeout=
if command -v timeout >/dev/null 2>&1; then
	timeout="timeout $limit"
fi

(
	cd "$dir" || exit 1
	# shellcheck disable=SC2086
	$timeout "$vmdb" --batch --paranoid "$name.vms" </dev/null >"$tmp" 2>&1
	status=$?
	if [ "$status" -ne 0 ]; then
		echo "[exit $status]" >>"$tmp"
	fi
	exit 0
) || exit 1

expected="$dir/$name.out"

if [ "${VMDB_REGEN:-0}" = 1 ]; then
	if cp "$tmp" "$expected"; then
		echo "run-vms: wrote $expected"
		exit 0
	fi
	echo "run-vms: cannot write $expected" >&2
	exit 1
fi

if [ ! -f "$expected" ]; then
	echo "run-vms: $expected: missing (create it with VMDB_REGEN=1 make check)"
	echo "--- actual output:"
	cat "$tmp"
	exit 1
fi

if cmp -s "$expected" "$tmp"; then
	exit 0
fi

echo "run-vms: $name.vms: output differs from $name.out:"
diff -u "$expected" "$tmp" |
	sed -e "1s|^--- .*|--- $name.out (expected)|" \
		-e "2s|^+++ .*|+++ $name.vms (actual output)|"
exit 1
