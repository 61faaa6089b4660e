#!/usr/bin/env bash
# Runs inside the guest (scripts/vm.sh), in the selftests directory:
# test_verifier, then test_progs on the tests in tests/kfunc-tests.txt minus
# tests/denylist.txt.  Exits non-zero if either fails.
set -u
here=$(cd "$(dirname "$0")" && pwd)
names() { sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$1" | paste -sd, -; }
allow=$(names "$here/kfunc-tests.txt")
deny=$(names "$here/denylist.txt")

rc=0
echo "### test_verifier"
./test_verifier || rc=1
echo "### test_progs -a $allow${deny:+ -d $deny}"
./test_progs -a "$allow" ${deny:+-d "$deny"} || rc=1
exit $rc
