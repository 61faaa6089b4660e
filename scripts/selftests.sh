#!/usr/bin/env bash
# Build test_progs, test_verifier, veristat and bpf_testmod.ko from the
# tree's tools/testing/selftests/bpf against the built kernel, with clang-19
# for the BPF objects.  Extra arguments are passed to make.
# DEBUG=1: the BPF objects stay built against the normal kernel when there
# is one (CO-RE fits them to the debug kernel); bpf_testmod.ko is built for
# the debug kernel into a copy of the selftests (TESTDIR in lib.sh), a
# snapshot that rebuilding the selftests during a long debug run leaves alone.
. "$(dirname "$0")/lib.sh"
need_tree
[ -f "$KOBJ/vmlinux" ] || die "no vmlinux in ${KOBJ#"$TOP"/}: run 'make kernel' first"
command -v "$CLANG" >/dev/null || die "$CLANG missing: run 'make deps'"
kdir=$TREE/.obj
[ -f "$kdir/vmlinux" ] || kdir=$KOBJ

# vmlinux.h is made anew whenever vmlinux is newer, and every BPF object
# with it.  When the new kernel's BTF gives the same header (a change to
# code, not to types), mark the old header current so that they are not.
vh=$SELFTESTS/tools/include/vmlinux.h bt=$SELFTESTS/tools/sbin/bpftool
if [ -f "$vh" ] && [ -x "$bt" ] && [ "$kdir/vmlinux" -nt "$vh" ]; then
	"$bt" btf dump file "$kdir/vmlinux" format c 2>/dev/null | cmp -s - "$vh" && touch "$vh"
fi

targets=(test_progs test_verifier veristat)
say "building selftests: ${targets[*]} (log: build/log/selftests.log)"
start=$SECONDS
quiet "selftests build" "$BUILD/log/selftests.log" \
	make -C "$SELFTESTS" -j"$(nproc)" \
	CC="ccache gcc" CLANG="ccache $CLANG" LLC=llc$LLVM_SUFFIX LLVM_STRIP=llvm-strip$LLVM_SUFFIX \
	LLVM_OBJCOPY=llvm-objcopy$LLVM_SUFFIX LLVM_CONFIG=llvm-config$LLVM_SUFFIX \
	VMLINUX_BTF="$kdir/vmlinux" KDIR="$kdir" \
	"$@" "${targets[@]/#/$SELFTESTS/}"
say "selftests built in $((SECONDS - start))s"

if [ "$TESTDIR" != "$SELFTESTS" ]; then
	mod=$BUILD/testmod-debug
	rm -rf "$mod" "$TESTDIR"
	mkdir -p "$mod" "$TESTDIR"
	cp "$SELFTESTS"/bpf_testmod/{Makefile,bpf_testmod.c,bpf_testmod.h,bpf_testmod-events.h} "$mod/"
	quiet "bpf_testmod for the debug kernel" "$BUILD/log/testmod-debug.log" \
		make -C "$TREE" O="$KOBJ_NAME" CC="ccache gcc" M="$mod" modules
	cp -a "$SELFTESTS/." "$TESTDIR/"
	cp "$mod/bpf_testmod.ko" "$TESTDIR/bpf_testmod.ko"
	say "selftests for the debug kernel in ${TESTDIR#"$TOP"/}"
fi
