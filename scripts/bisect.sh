#!/usr/bin/env bash
# The per-patch build: at each commit of the series in turn (baseline..HEAD
# of build/linux, checked out in a worktree, build/bisect), build the kernel
# and the selftests and boot a smoke test -- test_progs' kfunc_call plus
# every test_progs test the commit touches, and test_verifier when the
# commit touches kernel/bpf/ or test_verifier's tests.  Stops at the first
# patch that fails; one line a patch on stdout and in build/log/bisect.txt.
#   FROM=N TO=M   only patches N..M (numbers as in patches/, default all)
. "$(dirname "$0")/lib.sh"
need_tree
from=${FROM:-1} to=${TO:-9999}
for v in "$from" "$to"; do
	[[ $v =~ ^[0-9]+$ ]] || die "FROM and TO are patch numbers, not '$v'"
done
[ -f "$KOBJ/.config" ] || die "no kernel config: run 'make kernel' first"
wt=$BUILD/bisect
git -C "$TREE" worktree prune
[ -d "$wt" ] || git -C "$TREE" worktree add -q --detach "$wt" baseline
mkdir -p "$BUILD/log"
record=$BUILD/log/bisect.txt
# the tests that fail on the bare baseline, as guest-tests.sh skips them
deny=$(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$TOP/tests/denylist.txt" | paste -sd, -)
n=0
for c in $(git -C "$TREE" rev-list --reverse baseline..HEAD); do
	n=$((n + 1))
	[ "$n" -ge "$from" ] && [ "$n" -le "$to" ] || continue
	git -C "$wt" checkout -q --detach "$c"
	subj=$(printf '%04d %s' "$n" "$(git -C "$wt" log -1 --format=%s)")
	s=$SECONDS
	# the same config fragments, object directory and scripts as the main tree
	TREE=$wt "$TOP/scripts/kernel.sh" ||
		die "kernel build failed at $subj (log: build/log/kernel.log)"
	TREE=$wt "$TOP/scripts/selftests.sh" ||
		die "selftests build failed at $subj (log: build/log/selftests.log)"
	files=$(git -C "$wt" show --format= --name-only "$c")
	tests=kfunc_call
	for t in $(grep -oE 'selftests/bpf/prog_tests/[a-z0-9_]+\.c$' <<<"$files" | sed 's|.*/||; s|\.c$||'); do
		[ -f "$wt/tools/testing/selftests/bpf/prog_tests/$t.c" ] && [ "$t" != kfunc_call ] &&
			tests+=,$t
	done
	cmd="./test_progs -a $tests${deny:+ -d $deny}"
	grep -qE '^kernel/bpf/|selftests/bpf/(verifier/|test_verifier\.c)' <<<"$files" &&
		cmd+=" && ./test_verifier"
	(cd "$wt/tools/testing/selftests/bpf" &&
		TREE=$wt "$TOP/scripts/vm.sh" --timeout 900 --out "$BUILD/vm/bisect" -- sh -c "$cmd" \
			>"$BUILD/log/bisect-smoke.log" 2>&1) ||
		die "smoke test failed at $subj ($cmd; log: build/log/bisect-smoke.log)"
	line="ok $subj: built and passed '$cmd' in $((SECONDS - s))s"
	echo "$line" | tee -a "$record"
done
