#!/usr/bin/env bash
# Build test_progs, test_verifier, veristat and bpf_testmod.ko from the
# tree's tools/testing/selftests/bpf against the built kernel, with clang-19
# for the BPF objects.  Extra arguments are passed to make.
. "$(dirname "$0")/lib.sh"
need_tree
[ -f "$KOBJ/vmlinux" ] || die "no vmlinux in ${KOBJ#"$TOP"/}: run 'make kernel' first"
command -v "$CLANG" >/dev/null || die "$CLANG missing: run 'make deps'"

targets=(test_progs test_verifier veristat)
say "building selftests: ${targets[*]} (log: build/log/selftests.log)"
start=$SECONDS
quiet "selftests build" "$BUILD/log/selftests.log" \
	make -C "$SELFTESTS" -j"$(nproc)" \
	CC="ccache gcc" CLANG="ccache $CLANG" LLC=llc$LLVM_SUFFIX LLVM_STRIP=llvm-strip$LLVM_SUFFIX \
	LLVM_OBJCOPY=llvm-objcopy$LLVM_SUFFIX LLVM_CONFIG=llvm-config$LLVM_SUFFIX \
	VMLINUX_BTF="$KOBJ/vmlinux" KDIR="$KOBJ" \
	"$@" "${targets[@]/#/$SELFTESTS/}"
say "selftests built in $((SECONDS - start))s"
