# Common definitions for the kfunc-lts scripts.  Sourced, not run.
# shellcheck shell=bash
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
TREE=$BUILD/linux                 # working kernel tree (git, tag "baseline")
PATCHES=${PATCHES:-$TOP/patches}  # the series: NNNN-*.patch and "series"
CACHE=$BUILD/cache                # downloaded baseline packages
# Kernel objects live below the tree so that the build refers to the source
# as "..": relative paths let ccache share results between clones.
KOBJ_NAME=.obj
[ "${DEBUG:-0}" = 1 ] && KOBJ_NAME=.obj-debug
KOBJ=$TREE/$KOBJ_NAME
SELFTESTS=$TREE/tools/testing/selftests/bpf
# BPF objects need a clang that keeps BTF type tags (see README).
LLVM_SUFFIX=-19
CLANG=clang$LLVM_SUFFIX

# The scripts run the same from "make X" as by hand: a sub-make must not
# see our make's level and flags (the selftests' lib.mk picks its output
# directory only at MAKELEVEL 0).
unset MAKELEVEL MAKEFLAGS MFLAGS

export CCACHE_BASEDIR=$TOP CCACHE_NOHASHDIR=true CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}

# One line on stderr, non-zero exit: how every script reports bad input.
die() { echo "error: $*" >&2; exit 1; }
say() { echo "==> $*" >&2; }

# Run a noisy command with its output in a log file; on failure show the
# log's tail and fail with one line naming the step.
quiet() {
	local what=$1 log=$2; shift 2
	mkdir -p "$(dirname "$log")"
	if ! "$@" >"$log" 2>&1; then
		tail -n 25 "$log" >&2
		die "$what failed (full log: ${log#"$TOP"/})"
	fi
}

need_tree() {
	git -C "$TREE" rev-parse -q --verify refs/tags/baseline >/dev/null 2>&1 ||
		die "no kernel tree in ${TREE#"$TOP"/}: run 'make tree' first"
}

# Refuse to start a build on a nearly full disk (a full disk mid-build
# leaves confusing errors far from the cause).
need_disk() {
	local want_gb=$1 dir=$BUILD
	mkdir -p "$dir"
	local avail
	avail=$(df -Pk "$dir" | awk 'NR==2 {print int($4/1048576)}')
	[ "$avail" -ge "$want_gb" ] ||
		die "only ${avail}G free under ${dir#"$TOP"/}, need ${want_gb}G"
}

# A fingerprint of a series' content: its +/- lines without file headers, so
# that dates, hashes and file names do not matter.
fingerprint() {
	{ grep -E '^[-+]' || true; } | { grep -vE '^(\+\+\+ |--- |-- ?$)' || true; } |
		md5sum | cut -c1-32
}
fp_patches() {
	local f
	series_files | while read -r f; do cat "$PATCHES/$f"; done | fingerprint
}
fp_tree() {
	local tmp; tmp=$(mktemp -d)
	git -C "$TREE" format-patch -q --no-signature --zero-commit -o "$tmp" baseline..HEAD
	find "$tmp" -name '*.patch' | sort | xargs -r cat | fingerprint
	rm -rf "$tmp"
}
# The patch files in order, from patches/series (comments and blanks skipped).
series_files() {
	[ -f "$PATCHES/series" ] || return 0
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$PATCHES/series"
}
