#!/usr/bin/env bash
# The per-patch build: at each commit of the series (baseline..HEAD of
# build/linux, checked out in the worktree build/bisect, the same config),
# build the kernel and the selftests and boot a smoke test: test_progs'
# kfunc_call, every test_progs test the commit touches (its prog_tests/
# file, a progs/ program that file loads, or the test loader that loads
# them) and test_verifier when the commit touches kernel/bpf/ or
# test_verifier's tests; the denylist and the flaky list are left out as
# in `make test`.  Stops at the first patch that fails.
# A pass is recorded in tests/bisect.txt against the commit's code tree
# (its tree less Documentation/), and a code tree recorded there is not
# built again: rewording a commit, or a patch that changes only
# Documentation/, needs no new run.  Ends by saying which patches of the
# series the record does not cover yet.
#   FROM=N TO=M   patches N..M (numbers as in patches/; FROM > TO walks down)
. "$(dirname "$0")/lib.sh"
need_tree
from=${FROM:-1} to=${TO:-9999}
for v in "$from" "$to"; do
	[[ $v =~ ^[0-9]+$ ]] || die "FROM and TO are patch numbers, not '$v'"
done
[ -f "$KOBJ/.config" ] || die "no kernel config: run 'make kernel' first"
record=$TOP/tests/bisect.txt
wt=$BUILD/bisect
git -C "$TREE" worktree prune
[ -d "$wt" ] || git -C "$TREE" worktree add -q --detach "$wt" baseline
# a fixed release string: a commit that leaves the kernel alone must not
# relink it for a new "-gHASH"
[ -e "$wt/.scmversion" ] || : >"$wt/.scmversion"
mkdir -p "$BUILD/log"
skip=$BUILD/bisect-skip.txt
skip_list >"$skip"

codetree() { git -C "$TREE" ls-tree "$1" | grep -v $'\tDocumentation$' | git -C "$TREE" mktree; }
passed() { grep -q "^$(codetree "$1") ok " "$record" 2>/dev/null; }
# the test_progs tests a prog_tests/ file defines
tests_in() { sed -nE 's/^void (serial_)?test_([a-z0-9_]+)\(void\).*/\2/p' "$1"; }

st=tools/testing/selftests/bpf
mapfile -t commits < <(git -C "$TREE" rev-list --reverse baseline..HEAD)
order=$(seq "$from" "$to")
[ "$from" -le "$to" ] || order=$(seq "$from" -1 "$to")
for n in $order; do
	[ "$n" -ge 1 ] && [ "$n" -le ${#commits[@]} ] || continue
	c=${commits[n - 1]}
	subj=$(printf '%04d %s' "$n" "$(git -C "$TREE" log -1 --format=%s "$c")")
	if passed "$c"; then
		echo "recorded $subj"
		continue
	fi
	# a test list (tests.h) is made anew when a test file is newer, not
	# when one goes: walking down past the patch that adds a test, drop it
	for d in $(git -C "$wt" diff --name-only --diff-filter=D HEAD "$c" |
		sed -nE "s|^($st/[a-z_]+)/[^/]+\.c$|\1|p" | sort -u); do
		rm -f "$wt/$d/tests.h"
	done
	git -C "$wt" checkout -q --detach "$c"
	s=$SECONDS
	TREE=$wt "$TOP/scripts/kernel.sh" ||
		die "kernel build failed at $subj (log: build/log/kernel.log)"
	TREE=$wt "$TOP/scripts/selftests.sh" ||
		die "selftests build failed at $subj (log: build/log/selftests.log)"
	files=$(git -C "$wt" diff --name-only "$c^" "$c")
	tests=(kfunc_call)
	for f in $(grep -E "^$st/prog_tests/[a-z0-9_]+\.c$" <<<"$files"); do
		[ -f "$wt/$f" ] && mapfile -t -O ${#tests[@]} tests < <(tests_in "$wt/$f")
	done
	for p in $(sed -nE "s|^$st/progs/([a-z0-9_]+)\.c$|\1|p" <<<"$files"); do
		for f in $(grep -lE "\b$p(\.skel\.h|\.bpf\.o|\.o)\b" "$wt/$st"/prog_tests/*.c); do
			mapfile -t -O ${#tests[@]} tests < <(tests_in "$f")
		done
	done
	# a change to the test loader: every test that loads its programs through it
	if grep -qE "^$st/test_loader\.c$" <<<"$files"; then
		for f in $(grep -l 'RUN_TESTS' "$wt/$st"/prog_tests/*.c); do
			mapfile -t -O ${#tests[@]} tests < <(tests_in "$f")
		done
	fi
	allow=$(printf '%s\n' "${tests[@]}" | sort -u | paste -sd, -)
	args=(-a "$allow")
	grep -qE "^kernel/bpf/|^$st/(verifier/|test_verifier\.c)" <<<"$files" || args=(-V "${args[@]}")
	(cd "$wt/$st" && TREE=$wt "$TOP/scripts/vm.sh" --timeout 900 --out "$BUILD/vm/bisect" \
		-- "$TOP/tests/guest-tests.sh" "${args[@]}" "$skip" >"$BUILD/log/bisect-smoke.log" 2>&1) ||
		die "smoke test failed at $subj (guest-tests.sh ${args[*]}; log: build/log/bisect-smoke.log)"
	echo "$(codetree "$c") ok $subj: built, passed guest-tests.sh ${args[*]} in $((SECONDS - s))s ($(date -u +%F))" |
		tee -a "$record"
done

missing=() n=0
for c in "${commits[@]}"; do
	n=$((n + 1))
	passed "$c" || missing+=("$n")
done
say "per-patch build: $(( ${#commits[@]} - ${#missing[@]} )) of ${#commits[@]} patches passed (tests/bisect.txt)"
[ ${#missing[@]} = 0 ] || say "not yet run: $(printf '%s\n' "${missing[@]}" | awk '
	function out() { printf "%s%s", sep, (a == b ? a : a "-" b); sep = " " }
	NR == 1 { a = b = $1; next } $1 == b + 1 { b = $1; next } { out(); a = b = $1 } END { out(); print "" }')"
