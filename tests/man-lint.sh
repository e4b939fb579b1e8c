#!/bin/sh
# tests/man-lint.sh: the man page and the samples keep up with the commands.
#
# Environment (set by `make check`): VMDB, the vmdb binary; srcdir, the top
# source directory.
#
# 1. Every command listed by `help` (the first word of each indented line of
#    `echo help | $VMDB --batch`) must have
#      - a `.It Ic NAME` entry in man/vmdb.1,
#      - a line starting with NAME in at least one samples/*.vms, and
#      - a line starting with NAME in at least one tests/scripts/*.vms.
#    The missing ones are listed, and the test fails.
# 2. `mandoc -Tlint -W warning man/vmdb.1` must print nothing. Without mandoc
#    this part cannot run: the test then exits 77 (skipped) if part 1 passed.

LC_ALL=C
export LC_ALL

srcdir=${srcdir:-.}
VMDB=${VMDB:-./vmdb}
man=$srcdir/man/vmdb.1
fail=0

if [ ! -f "$man" ]; then
	echo "man-lint: $man: no such file"
	exit 1
fi

# --- 1. commands in help, the man page, samples and tests -------------------
help=$(echo help | "$VMDB" --batch 2>&1)
status=$?
if [ $status -ne 0 ]; then
	echo "man-lint: 'echo help | $VMDB --batch' exited $status:"
	echo "$help"
	exit 1
fi
commands=$(echo "$help" | sed -n 's/^[[:space:]]\{1,\}\([A-Za-z0-9_-]\{1,\}\).*/\1/p' |
	sort -u)
if [ -z "$commands" ]; then
	echo "man-lint: no commands found in the output of help:"
	echo "$help"
	exit 1
fi

# Prints the files among $2... that have a line starting with the word $1.
files_starting_with()
{
	word=$1
	shift
	for f in "$@"; do
		[ -f "$f" ] || continue
		if grep -Eq "^[[:space:]]*$word([[:space:]/]|\$)" "$f"; then
			echo "$f"
		fi
	done
}

missing_man=
missing_samples=
missing_tests=
for cmd in $commands; do
	grep -Eq "^\.It Ic $cmd([[:space:]]|\$)" "$man" ||
		missing_man="$missing_man $cmd"
	[ -n "$(files_starting_with "$cmd" "$srcdir"/samples/*.vms)" ] ||
		missing_samples="$missing_samples $cmd"
	[ -n "$(files_starting_with "$cmd" "$srcdir"/tests/scripts/*.vms)" ] ||
		missing_tests="$missing_tests $cmd"
done

if [ -n "$missing_man" ]; then
	echo "man-lint: commands without '.It Ic NAME' in man/vmdb.1:$missing_man"
	fail=1
fi
if [ -n "$missing_samples" ]; then
	echo "man-lint: commands used in no samples/*.vms:$missing_samples"
	fail=1
fi
if [ -n "$missing_tests" ]; then
	echo "man-lint: commands used in no tests/scripts/*.vms:$missing_tests"
	fail=1
fi

# --- 2. mandoc -Tlint ---------------------------------------------------------
if ! command -v mandoc >/dev/null 2>&1; then
	if [ $fail -ne 0 ]; then
		exit 1
	fi
	echo "man-lint: mandoc not found: man page lint skipped"
	exit 77
fi

lint=$(mandoc -Tlint -W warning "$man" 2>&1)
if [ -n "$lint" ]; then
	echo "man-lint: mandoc -Tlint -W warning $man:"
	echo "$lint"
	fail=1
fi

if [ $fail -eq 0 ]; then
	echo "man-lint: $(echo "$commands" | wc -l) commands documented, sampled and tested"
fi
exit $fail
