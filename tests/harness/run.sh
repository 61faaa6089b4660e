#!/usr/bin/env bash
# The harness's own tests: the dmesg scanner on fixtures, the series tools
# (tree/export) on a toy git tree, kernel.sh's test for a vmlinux cut short,
# bad command-line input, and - when a kernel is built - the series'
# resolve_btfids --kfunc-tags on a crafted object, and the guest runner's
# handling of a failing command, a panic, a timeout and a splat.
# Ends with "harness: N passed, M failed".
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
S=$TOP/scripts
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
notok() { fail=$((fail + 1)); echo "not ok - $1"; [ -n "${2:-}" ] && sed 's/^/#   /' <<<"$2"; }

# expect NAME WANT_RC [GREP] -- CMD...: CMD exits WANT_RC and, if GREP is
# given, its stderr is exactly one line, matching GREP (bad input gets a
# one-line answer).  expect_has: the same, but stderr only has to contain a
# line matching GREP (a failed guest also shows its console's tail).
expect() { _expect one "$@"; }
expect_has() { _expect has "$@"; }
_expect() {
	local mode=$1 name=$2 want=$3 pat=""
	shift 3
	[ "$1" != -- ] && { pat=$1; shift; }
	shift
	local err rc
	err=$("$@" 2>&1 >/dev/null); rc=$?
	if [ "$rc" != "$want" ]; then
		notok "$name (exit $rc, want $want)" "$(tail -n 5 <<<"$err")"
	elif [ -n "$pat" ] && ! grep -qE "$pat" <<<"$err"; then
		notok "$name (stderr has no line matching '$pat')" "$(tail -n 5 <<<"$err")"
	elif [ -n "$pat" ] && [ "$mode" = one ] && [ "$(grep -c . <<<"$err")" != 1 ]; then
		notok "$name (stderr is more than one line)" "$(tail -n 5 <<<"$err")"
	else
		ok "$name"
	fi
}

# --- dmesg scanner -----------------------------------------------------------
F=$TOP/tests/harness/fixtures
expect "scan-dmesg: clean log passes" 0 -- "$S/scan-dmesg.sh" "$F/clean.log"
for f in warning lockdep rcu-stall kasan hung-task panic ubsan kmemleak; do
	expect "scan-dmesg: $f is caught" 1 -- "$S/scan-dmesg.sh" "$F/$f.log"
done

# --- series tools on a toy tree ------------------------------------------------
toy=$(mktemp -d); trap 'rm -rf "$toy"' EXIT
export BUILD=$toy/build PATCHES=$toy/patches
T=$BUILD/linux
mkdir -p "$T" "$PATCHES"
git -C "$T" init -q
git -C "$T" config user.name "Harness Test"; git -C "$T" config user.email "harness@localhost"
printf 'one\ntwo\nthree\n' >"$T/file"
git -C "$T" add file; git -C "$T" commit -qm base; git -C "$T" tag baseline
sed -n 's/^BASELINE_VERSION=//p' "$TOP/config/baseline.conf" >"$T/.git/kfunc-lts-version"
"$S/export.sh" >/dev/null 2>&1
expect "tree: bare baseline is up to date" 0 -- "$S/tree.sh"
sed -i 's/two/TWO/' "$T/file"; git -C "$T" commit -qam "toy: change two"
expect "export: one patch" 0 -- "$S/export.sh"
[ "$(cat "$PATCHES/series")" = 0001-toy-change-two.patch ] && ok "export: series lists it" ||
	notok "export: series lists it" "$(cat "$PATCHES/series")"
out=$("$S/export.sh" 2>/dev/null)
[ -z "$out" ] && ok "export: re-export writes nothing" || notok "export: re-export writes nothing" "$out"
sed -i 's/^(describe the series here)$/Parts (0001):\n - one/' "$PATCHES/0000-cover-letter.patch"
"$S/export.sh" >/dev/null 2>&1
grep -q '^ - one$' "$PATCHES/0000-cover-letter.patch" &&
	ok "export: keeps a blurb line shaped like the shortlog's" ||
	notok "export: keeps a blurb line shaped like the shortlog's" "$(head -n 20 "$PATCHES/0000-cover-letter.patch")"
git -C "$T" reset -q --hard baseline
expect "tree: reapplies the series on a bare tree" 0 -- "$S/tree.sh"
grep -q TWO "$T/file" && ok "tree: patch applied" || notok "tree: patch applied"
expect "forward: nothing to continue" 1 "nothing to continue" -- env CONTINUE=1 "$S/forward.sh"
sed -i 's/one/ONE/' "$T/file"
expect "tree: refuses a dirty tree" 1 "uncommitted changes" -- "$S/tree.sh"
git -C "$T" commit -qam "toy: unexported"
expect "tree: refuses unexported commits" 1 "patches/ lacks" -- "$S/tree.sh"
git -C "$T" reset -q --hard baseline
sed -i 's/^-two/-deux/' "$PATCHES/0001-toy-change-two.patch"
expect "tree: names a patch that does not apply" 1 "patch 0001-toy-change-two.patch does not apply" -- "$S/tree.sh"
sed -i 's/^-deux/-two/' "$PATCHES/0001-toy-change-two.patch"
echo 0002-missing.patch >>"$PATCHES/series"
git -C "$T" reset -q --hard baseline
expect "tree: names a series entry with no patch file" 1 \
	"patches/series names 0002-missing.patch, which does not exist" -- "$S/tree.sh"
expect "check: names a series entry with no patch file" 1 \
	"patches/series names 0002-missing.patch, which does not exist" -- "$S/check.sh"
git -C "$T" reset -q --hard baseline
# import_base on a fresh repository (what "make tree" does on a clean clone)
mkdir -p "$toy/src/linux-x" "$toy/fresh"
printf 'x\n' >"$toy/src/linux-x/Makefile"; printf '/*\n' >"$toy/src/linux-x/.gitignore"
tar -C "$toy/src" -cJf "$toy/base.tar.xz" linux-x
git -C "$toy/fresh" init -q
git -C "$toy/fresh" config user.name "Harness Test"; git -C "$toy/fresh" config user.email "harness@localhost"
expect "import_base: fresh repository" 0 -- bash -c ". '$S/lib.sh'; import_base '$toy/fresh' '$toy/base.tar.xz' base"
[ "$(git -C "$toy/fresh" ls-files | paste -sd' ')" = ".gitignore Makefile" ] &&
	ok "import_base: every file committed" ||
	notok "import_base: every file committed" "$(git -C "$toy/fresh" ls-files)"
unset BUILD PATCHES

# --- make check's accepted checkpatch errors (the tree's checkpatch.pl) ------------
cp_tree=$TOP/build/linux
if [ -f "$cp_tree/scripts/checkpatch.pl" ]; then
	# toy_patch NAME LINE: a patch whose only change adds LINE to a header
	toy_patch() {
		mkdir -p "$toy/cp-$1"
		echo "0001-$1.patch" >"$toy/cp-$1/series"
		cat >"$toy/cp-$1/0001-$1.patch" <<-EOP
		From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
		From: Harness Test <harness@localhost>
		Date: Mon, 1 Jan 2024 00:00:00 +0000
		Subject: [PATCH] bpf: A toy change for the harness

		A toy change for the harness.

		Signed-off-by: Harness Test <harness@localhost>
		---
		 include/linux/btf.h | 1 +
		 1 file changed, 1 insertion(+)

		diff --git a/include/linux/btf.h b/include/linux/btf.h
		--- a/include/linux/btf.h
		+++ b/include/linux/btf.h
		@@ -5,2 +5,3 @@
		 #define _LINUX_BTF_H 1
		+$2
		 
		EOP
	}
	toy_patch listed '#define __bpf_kfunc __used __retain __noclone noinline'
	expect "check: a listed checkpatch error is accepted" 0 -- \
		env TREE="$cp_tree" PATCHES="$toy/cp-listed" "$S/check.sh"
	toy_patch unlisted '#define __bpf_kfunc __used __noclone noinline'
	expect "check: an unlisted checkpatch error fails" 1 "checkpatch found 1 errors" -- \
		env TREE="$cp_tree" PATCHES="$toy/cp-unlisted" "$S/check.sh"
else
	notok "check tests need the kernel tree's checkpatch.pl (make tree)"
fi

# --- kernel.sh's test for a vmlinux left by a killed link ------------------------
elf=$toy/elf; mkdir -p "$elf"
cp /bin/true "$elf/whole"; cp /bin/true "$elf/cut"; truncate -s -1 "$elf/cut"; : >"$elf/empty"
head -c 40 /bin/true >"$elf/header"
# exit 3: whole_elf said no (1 would also be a lib.sh that failed to load)
whole_elf() { bash -c '. "$1" || exit 1; whole_elf "$2" || exit 3' _ "$S/lib.sh" "$elf/$1"; }
expect "whole_elf: a whole ELF file is kept" 0 -- whole_elf whole
expect "whole_elf: an ELF file cut short is dropped" 3 -- whole_elf cut
expect "whole_elf: an empty file is dropped" 3 -- whole_elf empty
expect "whole_elf: a file cut inside the ELF header is dropped" 3 -- whole_elf header

# --- bad command-line input ----------------------------------------------------
expect "vm: no command" 1 "no command given" -- "$S/vm.sh"
expect "long-run: no mode" 1 "usage: long-run.sh stress" -- "$S/long-run.sh"
expect "long-run: bad SECS" 1 "SECS must be a positive number" -- env SECS=soon "$S/long-run.sh" stress
expect "long-run: bad N" 1 "N must be a positive number" -- env N=-3 "$S/long-run.sh" fuzz
expect "vm: bad timeout" 1 "positive number" -- "$S/vm.sh" --timeout soon -- true
expect "vm: unknown option" 1 "unknown option" -- "$S/vm.sh" --frobnicate -- true
expect "vm: missing kernel" 1 "no kernel at" -- "$S/vm.sh" --kernel /nonexistent -- true
expect "make: unknown DEBUG value" 2 "DEBUG" -- make -s -C "$TOP" kernel DEBUG=maybe
expect "bench: bad BENCH_SECS" 1 "BENCH_SECS wants a positive number" -- env BENCH_SECS=0 "$S/bench.sh"
expect "bench: bad BENCH_ROUNDS" 1 "BENCH_ROUNDS wants a positive number" -- env BENCH_ROUNDS=x "$S/bench.sh"
expect "ref-kernel: bad series" 1 "REF is a kernel series such as 6.12" -- "$S/ref-kernel.sh" latest
expect "build: unknown step" 1 "no build step 'bogus'" -- "$S/build.sh" bogus
expect "bisect: bad FROM" 1 "FROM and TO are patch numbers, not 'first'" -- env FROM=first "$S/bisect.sh"

# --- the kernel's kfunc tags (resolve_btfids --kfunc-tags) -------------------------
# shellcheck disable=SC1091,SC2153  # lib.sh sets KOBJ
kobj=$(. "$S/lib.sh" && echo "$KOBJ")
rb=$kobj/tools/bpf/resolve_btfids/resolve_btfids
if [ -x "$rb" ]; then
	for v in same differ; do
		gcc -g -c $([ $v = differ ] && echo -DDIFFER) "$F/kfunc-sets.c" -o "$toy/ks-$v.o" &&
			LLVM_OBJCOPY=objcopy pahole -J "$toy/ks-$v.o"
	done
	expect "kfunc tags: written for the kfunc sets" 0 -- "$rb" --kfunc-tags "$toy/ks.btf" "$toy/ks-same.o"
	# one tag, on ks_kfunc (in two sets), none on the plain set's ks_other:
	# the tree's bpftool lists the BTF (a string count cannot tell: BTF
	# keeps one "bpf_kfunc" for any number of tags)
	bpftool=$(. "$S/lib.sh" && echo "$SELFTESTS/bpftool")
	dump=$("$bpftool" btf dump file "$toy/ks.btf" 2>&1)
	kfunc_id=$(sed -n "s/^\[\([0-9]*\)\] FUNC 'ks_kfunc'.*/\1/p" <<<"$dump")
	if [ ! -x "$bpftool" ]; then
		notok "kfunc tags: one tag, on the kfunc only (needs the selftests' bpftool: make selftests)"
	elif [ -n "$kfunc_id" ] && [ "$(grep -c "DECL_TAG 'bpf_kfunc'" <<<"$dump")" = 1 ] &&
		grep -q "DECL_TAG 'bpf_kfunc' type_id=$kfunc_id component_idx=-1" <<<"$dump"; then
		ok "kfunc tags: one tag, on the kfunc only"
	else
		notok "kfunc tags: one tag, on the kfunc only" "$dump"
	fi
	expect "kfunc tags: a kfunc in two sets with different flags fails the build" 255 \
		"^FAILED: kfunc ks_kfunc is in set ks_set_a with flags 0x1 and in set ks_set_b with flags 0x5" -- \
		"$rb" --kfunc-tags "$toy/ks2.btf" "$toy/ks-differ.o"
else
	notok "kfunc tag tests need a built kernel (make kernel)"
fi

# --- the guest runner ------------------------------------------------------------
# the kernel vm.sh boots: build/linux/.obj, or .obj-debug with DEBUG=1
if [ -f "$kobj/arch/x86/boot/bzImage" ]; then
	vm() { "$S/vm.sh" --out "$toy/vm" "$@"; }
	expect "guest: command passes, mounts in place" 0 -- vm -- sh -c \
		'mountpoint -q /sys/fs/bpf && mountpoint -q /sys/fs/cgroup && mountpoint -q /sys/kernel/debug && touch /tmp/x'
	expect "guest: exit status comes back" 3 -- vm -- sh -c 'exit 3'
	expect_has "guest: panic fails the run" 125 "^error: guest kernel panicked" -- \
		vm -- sh -c 'echo c >/proc/sysrq-trigger'
	expect_has "guest: timeout fails the run" 124 "^error: guest timed out after 30s" -- \
		vm --timeout 30 -- sleep 600
	expect_has "guest: splat in dmesg fails the run" 126 "^error: guest kernel log has a splat" -- \
		vm -- sh -c 'echo l >/proc/sysrq-trigger; sleep 1'
else
	notok "guest runner tests need a built kernel (make kernel)"
fi

echo "harness: $pass passed, $fail failed"
[ $fail = 0 ]
