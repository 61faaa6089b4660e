#!/usr/bin/env bash
# bench.sh: the kfunc benchmarks (the selftests' bench tool, kfunc-*) and
# the verifier cost of the series' kfunc selftest objects (veristat), run in
# the guest and printed as one table.  REF=6.12 also builds that upstream
# kernel once (scripts/ref-kernel.sh) and runs the same binaries on it right
# after ours, adding the series/upstream ratio of each benchmark.
#   BENCH_SECS=5  seconds a benchmark is measured (after 1 s of warm-up)
#   BENCH_ROUNDS=3  rounds (the kernels alternate); each figure is the best
# In the guest it runs as "bench.sh --guest [veristat]".
. "$(dirname "$0")/lib.sh"

BENCHS=(helper task-acquire task-from-pid cgroup-from-id cgroup-ancestor
	cpumask-create cpumask-ops)
secs=${BENCH_SECS:-5} rounds=${BENCH_ROUNDS:-3}
[[ $secs =~ ^[1-9][0-9]*$ ]] || die "BENCH_SECS wants a positive number, not '$secs'"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROUNDS wants a positive number, not '$rounds'"

if [ "${1:-}" = --guest ]; then
	cd "$SELFTESTS"
	for b in "${BENCHS[@]}"; do
		./bench -a -w 1 -d "$secs" "kfunc-$b" | grep '^result' || echo "result kfunc-$b failed"
	done
	./bench -w 1 -d 1 kfunc-cpumask-memory | grep '^result' ||
		echo "result kfunc-cpumask-memory failed"
	[ "${2:-}" = veristat ] || exit 0
	# shellcheck disable=SC2086  # a list of objects
	./veristat -o csv -e file,prog,verdict,insns,states,peak_states $3 |
		awk -F, 'NR > 1 { n++; i += $4; s += $5; p += $6 }
			END { printf "veristat %d %d %d %d\n", n, i, s, p }'
	exit 0
fi

ref=${REF:-}
need_tree
[ -x "$SELFTESTS/test_progs" ] || die "selftests not built: run 'make selftests' first"
quiet "bench build" "$BUILD/log/bench.log" "$TOP/scripts/selftests.sh" "$SELFTESTS/bench"
refkernel=
[ -z "$ref" ] || refkernel=$("$TOP/scripts/ref-kernel.sh" "$ref")

# The series' own kfunc selftest objects: the programs it adds.
objs=$(git -C "$TREE" diff --name-only --diff-filter=A baseline HEAD -- \
	tools/testing/selftests/bpf/progs/ | sed -n 's|.*/\(.*\)\.c$|\1.bpf.o|p' | paste -sd' ')

# Rounds alternate the two kernels; each benchmark keeps its best round,
# as a TCG guest's figures vary from one boot to the next.
say "benchmarks in the guest, ${secs}s each, $rounds round(s) (output: build/vm/bench*/output)"
outs=()
for r in $(seq "$rounds"); do
	"$TOP/scripts/vm.sh" --timeout 1800 --out "$BUILD/vm/bench-$r" -- \
		"$TOP/scripts/bench.sh" --guest "$([ "$r" = 1 ] && echo veristat)" "$objs" >/dev/null ||
		die "the benchmarks failed in the guest (build/vm/bench-$r/output)"
	outs+=("$BUILD/vm/bench-$r/output")
	[ -n "$refkernel" ] || continue
	"$TOP/scripts/vm.sh" --timeout 1800 --kernel "$refkernel" --out "$BUILD/vm/bench-ref-$r" -- \
		"$TOP/scripts/bench.sh" --guest >/dev/null ||
		die "the benchmarks failed on $ref (build/vm/bench-ref-$r/output)"
	outs+=("$BUILD/vm/bench-ref-$r/output")
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
echo "kfunc benchmarks, $(date -u +%F), $cpu, guest: $(cat "$BUILD/vm/bench-1/accel") $(nproc) CPUs, best of $rounds"
awk -v ref="$ref" '
	FNR == 1 { side = FILENAME ~ /bench-ref-/ ? 2 : 1 }
	$1 == "result" && $4 == "Mops/s" {
		if (!((side, $2) in ns) || $5 < ns[side, $2]) { ns[side, $2] = $5; mops[side, $2] = $3 }
		if (side == 1 && !($2 in seen)) { seen[$2] = 1; order[++n] = $2 }
	}
	$1 == "result" && $2 == "kfunc-cpumask-memory" { mem[side] = $3 " bytes/mask, " $7 " kB after release" }
	$1 == "result" && $3 == "failed" { bad[side, $2] = 1 }
	$1 == "veristat" { vs = sprintf("%d programs: %d insns, %d states, %d peak states", $2, $3, $4, $5) }
	END {
		h = ns[1, "kfunc-helper"]
		printf "%-22s %9s %8s %8s", "benchmark", "ns/op", "Mops/s", "x helper"
		if (ref != "") printf " %10s %8s", ref " ns/op", "ratio"
		printf "\n"
		for (i = 1; i <= n; i++) {
			b = order[i]
			printf "%-22s %9.1f %8.3f %8.2f", b, ns[1, b], mops[1, b], ns[1, b] / h
			if (ref != "") {
				if (ns[2, b] > 0) printf " %10.1f %8.2f", ns[2, b], ns[1, b] / ns[2, b]
				else printf " %10s %8s", "-", "-"
			}
			printf "\n"
		}
		for (k in bad) { split(k, a, SUBSEP); printf "FAILED on %s: %s\n", a[1] == 1 ? "the series" : ref, a[2] }
		printf "cpumask memory, series: %s\n", mem[1]
		if (ref != "") printf "cpumask memory, %s: %s\n", ref, mem[2]
		printf "veristat, the series kfunc selftest objects: %s\n", vs
	}' "${outs[@]}"
