#!/bin/sh
# tests/samples.sh: every samples/*.vms runs to its end in batch mode.
#
# Environment (set by `make check`): VMDB, the vmdb binary; srcdir, the top
# source directory.
#
# Samples are lessons, not golden transcripts: their output is not
# compared.  But a lesson that stops half-way (an unexpected error, a
# broken invariant under --paranoid, a crash) is a broken lesson.  An
# error is expected only where the sample asked for it: on a line
# between `set keep-going on` and `set keep-going off` of the file that
# reported it (vmdb then exits 1 at the end, which is fine).  Each sample
# runs from the top source directory, as its header says to run it
# (`vmdb samples/NAME.vms`), so the files it sources or boots from
# resolve; the failing ones are listed with the reason.

. "${srcdir:-.}/tests/env.sh"

# No sample may hang `make check` (timeout(1) where there is one).
run_sample() {
	if command -v timeout >/dev/null 2>&1; then
		timeout "${VMDB_TEST_TIMEOUT:-300}" "$VMDB" --batch --paranoid "$1"
	else
		"$VMDB" --batch --paranoid "$1"
	fi
}

# Is line $2 of file $1 inside a `set keep-going on` ... `off` region?
keep_going_at() {
	awk -v want="$2" '
		NR == want { print on + 0; exit }
		/^[[:space:]]*set[[:space:]]+keep-going[[:space:]]+on/ { on = 1 }
		/^[[:space:]]*set[[:space:]]+keep-going[[:space:]]+off/ { on = 0 }
	' "$srcdir/$1" 2>/dev/null
}

# The error lines (FILE:LINE: vmdb: ...) no keep-going region allows.
unexpected_errors() {
	while IFS= read -r line; do
		case $line in
		*.vms:*": vmdb: "*) ;;
		*) continue ;;
		esac
		where=${line%%: vmdb: *}
		file=${where%:*}
		num=${where##*:}
		case $line in
		*"broken invariant"*) echo "$line"; continue ;;
		esac
		[ "$(keep_going_at "$file" "$num")" = 1 ] || echo "$line"
	done
}

fail=0
n=0
for f in "$srcdir"/samples/*.vms; do
	name=samples/$(basename "$f")
	n=$((n + 1))
	out=$(cd "$srcdir" && run_sample "$name" </dev/null 2>&1)
	status=$?
	if [ $status -ne 0 ] && [ $status -ne 1 ]; then
		echo "samples: $name exited $status; its last lines:"
		printf '%s\n' "$out" | tail -5 | sed 's/^/  /'
		fail=1
		continue
	fi
	bad=$(printf '%s\n' "$out" | unexpected_errors)
	if [ -n "$bad" ] || { [ $status -ne 0 ] &&
	    ! printf '%s\n' "$out" | grep -q ': vmdb: '; }; then
		echo "samples: $name stopped or went wrong:"
		echo "${bad:-  exit $status with no error line}" | sed 's/^/  /'
		fail=1
	fi
done
if [ $n -eq 0 ]; then
	echo "samples: no samples/*.vms under $srcdir"
	exit 1
fi
[ $fail -eq 0 ] && echo "samples: all $n ran to the end"
exit $fail
