#!/usr/bin/env bash
# The test command: deps, tree, kernel, selftests; then in one guest
# test_verifier and the whole test_progs (less tests/denylist.txt and
# tests/flaky.txt, and for DEBUG=1 tests/flaky-debug.txt); then the
# harness's own tests.
# Ends with "N passed, N failed" and exits non-zero on any failure.
. "$(dirname "$0")/lib.sh"
t0=$SECONDS
build_steps deps selftests

sfx=$([ "${DEBUG:-0}" = 1 ] && echo -debug || true)
log=$BUILD/log/guest-tests$sfx.log
say "running test_verifier and test_progs in the guest (log: ${log#"$TOP"/})"
s=$SECONDS
# The baseline's own failures and the flaky tests are left out.
skip=$BUILD/skip-tests.txt
skip_list >"$skip"
set +e
limit=3600
[ "${DEBUG:-0}" = 1 ] && limit=21600  # KASAN and lockdep under TCG: hours
(cd "$TESTDIR" && "$TOP/scripts/vm.sh" --timeout $limit --out "$BUILD/vm/tests$sfx" \
	-- "$TOP/tests/guest-tests.sh" "$skip") 2>&1 | tee "$log" |
	grep -E '^(###|#[0-9]+ |Summary:|.*\bFAIL\b)' --line-buffered
guest_rc=${PIPESTATUS[0]}
set -e
say "guest tests done in $((SECONDS - s))s (exit $guest_rc)"

# test_verifier: "Summary: P PASSED, S SKIPPED, F FAILED"
# test_progs:    "Summary: T/ST PASSED, S SKIPPED, F FAILED"
read -r v_pass v_fail < <(awk '/^Summary: [0-9]+ PASSED/ {p=$2; f=$6} END {print p+0, f+0}' "$log")
read -r p_pass p_fail < <(awk '/^Summary: [0-9]+\/[0-9]+ PASSED/ {split($2, a, "/"); p=a[1]; f=$6} END {print p+0, f+0}' "$log")
grep -q '^Summary: [0-9]* PASSED' "$log" || { v_fail=$((v_fail + 1)); echo "test_verifier printed no summary" >&2; }
grep -q '^Summary: [0-9]*/' "$log" || { p_fail=$((p_fail + 1)); echo "test_progs printed no summary" >&2; }
# A name in tests/kfunc-tests.txt that matches no test would pass silently.
while read -r t; do
	grep -qE "^#[0-9]+ +$t:(OK|SKIP|FAIL)" "$log" ||
		{ p_fail=$((p_fail + 1)); echo "test_progs test '$t' did not run" >&2; }
done < <(list_names "$TOP/tests/kfunc-tests.txt" | grep -vxFf <(list_names "$skip") || true)

s=$SECONDS
set +e
"$TOP/tests/harness/run.sh" 2>&1 | tee "$BUILD/log/harness.log"
set -e
read -r h_pass h_fail < <(awk '/^harness: [0-9]+ passed/ {p=$2; f=$4} END {print p+0, f+0}' "$BUILD/log/harness.log")
grep -q '^harness: ' "$BUILD/log/harness.log" || h_fail=$((h_fail + 1))
say "harness tests done in $((SECONDS - s))s"

# A guest that failed without a test failing (panic, timeout, splat) counts too.
g_fail=0
[ "$guest_rc" = 0 ] || [ $((v_fail + p_fail)) -gt 0 ] || g_fail=1
[ "$g_fail" = 0 ] || echo "the guest run failed (exit $guest_rc) although no test did" >&2

echo "test_verifier: $v_pass passed, $v_fail failed"
echo "test_progs:    $p_pass passed, $p_fail failed (tests)"
echo "harness:       $h_pass passed, $h_fail failed"
say "total time $((SECONDS - t0))s"
pass=$((v_pass + p_pass + h_pass)) fail=$((v_fail + p_fail + h_fail + g_fail))
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
