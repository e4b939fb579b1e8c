# tests/env.sh: what the shell tests (replay-check.sh, checkpoint-check.sh,
# samples.sh) start with, sourced as . "${srcdir:-.}/tests/env.sh".
#
# Environment (set by `make check`): VMDB, the vmdb binary; srcdir, the top
# source directory.  Both come out absolute, so that a test may cd.

LC_ALL=C
export LC_ALL

srcdir=${srcdir:-.}
VMDB=${VMDB:-./vmdb}
case $VMDB in
/*) ;;
*) VMDB=$(pwd)/$VMDB ;;
esac
case $srcdir in
/*) ;;
*) srcdir=$(pwd)/$srcdir ;;
esac
