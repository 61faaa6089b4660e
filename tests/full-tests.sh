#!/usr/bin/env bash
# Runs inside the guest (scripts/vm.sh), in a selftests directory: the
# tree's whole test_verifier and test_progs.  With an argument, a file of
# test_progs names to leave out (tests/denylist.txt).
set -u
deny=""
[ $# -gt 0 ] && deny=$(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$1" | paste -sd, -)
rc=0
echo "### test_verifier"
./test_verifier || rc=1
echo "### test_progs${deny:+ -d $deny}"
./test_progs ${deny:+-d "$deny"} || rc=1
exit $rc
