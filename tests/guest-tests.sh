#!/usr/bin/env bash
# Runs inside the guest (scripts/vm.sh), in a selftests directory:
#   guest-tests.sh [-a TESTS] [-V] [LIST]
# the tree's test_verifier, then test_progs less the tests named in LIST
# (default tests/denylist.txt: the tests that fail on the bare baseline;
# `make regress` passes /dev/null to run everything).  -a TESTS runs only
# those test_progs tests (comma-separated, as test_progs -a); -V leaves
# test_verifier out.  Exits non-zero if either fails.
set -u
here=$(cd "$(dirname "$0")" && pwd)
names() { sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$1" | paste -sd, -; }
allow="" verifier=1
while getopts a:V o; do
	case $o in
	a) allow=$OPTARG ;;
	V) verifier=0 ;;
	*) echo "usage: guest-tests.sh [-a TESTS] [-V] [LIST]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
deny=$(names "${1:-$here/denylist.txt}")

rc=0
if [ $verifier = 1 ]; then
	echo "### test_verifier"
	./test_verifier || rc=1
fi
echo "### test_progs${allow:+ -a $allow}${deny:+ -d $deny}"
./test_progs ${allow:+-a "$allow"} ${deny:+-d "$deny"} || rc=1
exit $rc
