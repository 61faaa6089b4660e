#!/usr/bin/env bash
# make regress: the tree's whole test_verifier and test_progs, in the guest,
# on the bare baseline (worktree build/regress-base at tag "baseline") and
# on the series; prints the tests that pass on the baseline and fail with
# the series.  tests/flaky.txt names tests whose result varies from run to
# run (with the reason); they are reported but do not fail the target.
. "$(dirname "$0")/lib.sh"
need_tree
BASE=$BUILD/regress-base
FLAKY=$TOP/tests/flaky.txt

build_steps kernel selftests
git -C "$TREE" worktree prune
[ -d "$BASE" ] || git -C "$TREE" worktree add -q --detach "$BASE" baseline
git -C "$BASE" checkout -q --detach "$(git -C "$TREE" rev-parse baseline)"
say "building the bare baseline in ${BASE#"$TOP"/}"
TREE=$BASE build_steps kernel selftests

run() {  # run NAME TREE: whole suites in the guest, log in build/log/regress-NAME.log
	local s=$SECONDS log=$BUILD/log/regress-$1.log
	# a complete run newer than its kernel and test_progs stands
	if grep -q '^Summary: [0-9]*/' "$log" 2>/dev/null &&
		[ "$log" -nt "$2/.obj/arch/x86/boot/bzImage" ] &&
		[ "$log" -nt "$2/tools/testing/selftests/bpf/test_progs" ]; then
		say "the $1's last run stands (${log#"$TOP"/})"
		return
	fi
	say "running test_verifier and test_progs on the $1 (log: build/log/regress-$1.log)"
	(cd "$2/tools/testing/selftests/bpf" && TREE=$2 "$TOP/scripts/vm.sh" --timeout 3600 \
		--out "$BUILD/vm/regress-$1" -- "$TOP/tests/guest-tests.sh" /dev/null) \
		>"$BUILD/log/regress-$1.log" 2>&1 || true
	say "$1 done in $((SECONDS - s))s"
}
run baseline "$BASE"
# SERIES_LOG=build/log/guest-tests.log reuses what `make test` just ran on
# the series (the baseline's failures it leaves out cannot regress).
if [ -n "${SERIES_LOG:-}" ]; then
	[ -s "$SERIES_LOG" ] || die "SERIES_LOG=$SERIES_LOG: no such log"
	cp "$SERIES_LOG" "$BUILD/log/regress-series.log"
else
	run series "$TREE"
fi

# "#12 name:OK", "#12/3 name/sub:FAIL" (test_progs); "#12/u name FAIL" (test_verifier)
results() {
	sed -n -e 's/^#[0-9]\+\(\/[0-9]\+\)\? \+\([^ ]*\):\(OK\|FAIL\|SKIP\)$/progs \2 \3/p' \
		-e 's/^#[0-9]\+\/[up] \(.*\) \(OK\|FAIL\)$/verifier \1 \2/p' "$1" | sort -u
}
results "$BUILD/log/regress-baseline.log" >"$BUILD/regress-baseline.txt"
results "$BUILD/log/regress-series.log" >"$BUILD/regress-series.txt"
summary() { grep '^Summary:' "$1" | paste -sd';' -; }
echo "baseline: $(summary "$BUILD/log/regress-baseline.log")"
echo "series:   $(summary "$BUILD/log/regress-series.log")"

flaky=$(list_names "$FLAKY" 2>/dev/null || true)
# A flaky entry is a test_progs glob (TEST or TEST/SUBTEST); a subtest's
# entry covers its parent test's result too.
is_flaky() {
	local p
	while read -r p; do
		[ -n "$p" ] || continue
		# shellcheck disable=SC2053  # $p is a glob
		[[ $1 == $p || $1 == ${p%%/*} ]] && return 0
	done <<<"$flaky"
	return 1
}
n=0
while read -r suite name; do
	if grep -qxF "$suite $name FAIL" "$BUILD/regress-series.txt"; then
		if is_flaky "$name"; then
			echo "flaky:      $suite $name"
		else
			echo "REGRESSION: $suite $name"
			n=$((n + 1))
		fi
	fi
done < <(awk '$NF == "OK" {$NF = ""; sub(/ $/, ""); print}' "$BUILD/regress-baseline.txt")
echo "baseline failures: $(grep -c ' FAIL$' "$BUILD/regress-baseline.txt" || true)"
grep ' FAIL$' "$BUILD/regress-baseline.txt" | sed 's/^/  /' || true
echo "regressions: $n"
[ "$n" = 0 ]
