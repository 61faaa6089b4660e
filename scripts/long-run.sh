#!/usr/bin/env bash
# long-run.sh stress|fuzz: the long runs of the kfunc_stress and kfunc_fuzz
# selftests in the guest (make test runs short ones); DEBUG=1 on the debug
# kernel.  Prints the tests' figures; fails on a failed check, a splat or a
# kmemleak report.
#   stress: SECS=60 seconds each part, CYCLES=1000000 acquire/release cycles
#   fuzz:   SEED=1 first seed, N=3000 programs
. "$(dirname "$0")/lib.sh"
num() { [[ $2 =~ ^[1-9][0-9]*$ ]] || die "$1 must be a positive number, not '$2'"; }
case ${1:-} in
stress)
	num SECS "${SECS:=60}"; num CYCLES "${CYCLES:=1000000}"
	test=kfunc_stress env=(KFUNC_STRESS_SECS="$SECS" KFUNC_STRESS_CYCLES="$CYCLES")
	limit=$((SECS * 30 + CYCLES / 500 + 900)) ;;
fuzz)
	num SEED "${SEED:=1}"; num N "${N:=3000}"
	test=kfunc_fuzz env=(KFUNC_FUZZ_SEED="$SEED" KFUNC_FUZZ_N="$N")
	limit=$((N * 2 + 900)) ;;
*)
	die "usage: long-run.sh stress|fuzz" ;;
esac
[ -x "$TESTDIR/test_progs" ] || die "no test_progs in ${TESTDIR#"$TOP"/}: run 'make selftests' first"
log=$BUILD/log/$test$([ "${DEBUG:-0}" = 1 ] && echo -debug || true).log
say "$test in the guest: ${env[*]} (log: ${log#"$TOP"/})"
start=$SECONDS
set +e
(cd "$TESTDIR" && "$TOP/scripts/vm.sh" --timeout "$limit" --out "$BUILD/vm/$test" \
	-- env "${env[@]}" ./test_progs -v -a "$test") >"$log" 2>&1
rc=$?
set -e
grep -E '^(test_[a-z]+: |kfunc_fuzz: |  +[0-9]+ refused: |  steps: |.*:FAIL|#[0-9]+|Summary|error: )' "$log" || true
say "$test done in $((SECONDS - start))s (exit $rc)"
exit $rc
