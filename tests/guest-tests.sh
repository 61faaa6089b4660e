#!/usr/bin/env bash
# Runs inside the guest (scripts/vm.sh), in a selftests directory: the
# tree's test_verifier, then its whole test_progs less the tests named in
# the list file given (default tests/denylist.txt: the tests that fail on
# the bare baseline; `make regress` passes /dev/null to run everything).
# Exits non-zero if either fails.
set -u
here=$(cd "$(dirname "$0")" && pwd)
names() { sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$1" | paste -sd, -; }
deny=$(names "${1:-$here/denylist.txt}")

rc=0
echo "### test_verifier"
./test_verifier || rc=1
echo "### test_progs${deny:+ -d $deny}"
./test_progs ${deny:+-d "$deny"} || rc=1
exit $rc
