# Common definitions for the kfunc-lts scripts.  Sourced, not run.
# shellcheck shell=bash
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
TREE=${TREE:-$BUILD/linux}        # working kernel tree (git, tag "baseline")
PATCHES=${PATCHES:-$TOP/patches}  # the series: NNNN-*.patch and "series"
CACHE=$BUILD/cache                # downloaded baseline packages
# Kernel objects live below the tree so that the build refers to the source
# as "..": relative paths let ccache share results between clones.
KOBJ_NAME=.obj
[ "${DEBUG:-0}" = 1 ] && KOBJ_NAME=.obj-debug
KOBJ=$TREE/$KOBJ_NAME
SELFTESTS=$TREE/tools/testing/selftests/bpf
# Where the guest runs the selftests: for DEBUG=1 a copy of SELFTESTS
# whose bpf_testmod.ko is built for the debug kernel.
TESTDIR=$SELFTESTS
[ "${DEBUG:-0}" = 1 ] && TESTDIR=$BUILD/selftests-debug
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

# The build pipeline, said once here: each step is scripts/STEP.sh and
# needs the ones before it.  build_steps FROM TO runs FROM..TO in order,
# timing each; TREE=... in front builds another tree's kernel and tests.
PIPELINE=(deps tree kernel selftests)
build_steps() {
	local from=$1 to=$2 step s on=0
	for step in "$from" "$to"; do
		[[ " ${PIPELINE[*]} " == *" $step "* ]] ||
			die "no build step '$step' (the steps: ${PIPELINE[*]})"
	done
	for step in "${PIPELINE[@]}"; do
		[ "$step" = "$from" ] && on=1
		[ $on = 1 ] || continue
		s=$SECONDS
		"$TOP/scripts/$step.sh"
		say "$step done in $((SECONDS - s))s"
		[ "$step" = "$to" ] && return 0
	done
	die "build_steps: '$to' comes before '$from'"
}

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

# Whether FILE is a whole ELF64 file: the section header table, which the
# linker writes last, ends within it.  A link killed half-way leaves a
# vmlinux that is empty or cut short yet newer than its inputs.
whole_elf() {
	local f=$1 size shoff shentsize shnum
	[ -f "$f" ] && [ "$(head -c 5 "$f" | od -An -c | tr -d ' ')" = '177ELF002' ] || return 1
	size=$(stat -c %s "$f")
	[ "$size" -ge 64 ] || return 1	# the ELF64 header
	read -r shoff < <(od -An -t u8 -j 40 -N 8 "$f")
	read -r shentsize shnum < <(od -An -t u2 -j 58 -N 4 "$f")
	[ $((shoff + shentsize * shnum)) -le "$size" ]
}

# A fingerprint of a series' content: its +/- lines without file headers, so
# that dates, hashes and file names do not matter.
fingerprint() {
	{ grep -E '^[-+]' || true; } | { grep -vE '^(\+\+\+ |--- |-- ?$)' || true; } |
		md5sum | cut -c1-32
}
fp_patches() {
	local f
	# a missing file is tree.sh's to report, in one line
	series_files | while read -r f; do [ ! -f "$PATCHES/$f" ] || cat "$PATCHES/$f"; done | fingerprint
}
fp_tree() {
	local tmp; tmp=$(mktemp -d)
	git -C "$TREE" format-patch -q --no-signature --zero-commit -o "$tmp" baseline..HEAD
	find "$tmp" -name '*.patch' | sort | xargs -r cat | fingerprint
	rm -rf "$tmp"
}
# The names in list files (tests/*.txt): one a line, "#" comments dropped.
list_names() { sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$@"; }
# The test lists `make test` leaves out: the baseline's failures, the flaky
# tests and, for DEBUG=1, the tests flaky only on the debug kernel.
skip_list() {
	cat "$TOP/tests/denylist.txt" "$TOP/tests/flaky.txt"
	[ "${DEBUG:-0}" != 1 ] || cat "$TOP/tests/flaky-debug.txt"
}
# The patch files in order, from patches/series (comments and blanks skipped).
series_files() {
	[ -f "$PATCHES/series" ] || return 0
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$PATCHES/series"
}

# fetch_baseline VERSION: print the path of linux-source-6.1.tar.xz of that
# package version, downloading and unpacking the .deb into build/cache once.
fetch_baseline() {
	local ver=$1 pkg=linux-source-6.1
	local tarball=$CACHE/$pkg-$ver.tar.xz deb
	if [ ! -s "$tarball" ]; then
		mkdir -p "$CACHE" "$BUILD/log"
		deb=$(cd "$CACHE" && ls "${pkg}_${ver/:/%3a}"_*.deb 2>/dev/null | head -n1 || true)
		if [ -z "$deb" ]; then
			(cd "$CACHE" && apt-get download "$pkg=$ver") \
				>"$BUILD/log/apt-download.log" 2>&1 || return 1
			deb=$(cd "$CACHE" && ls "${pkg}"_*.deb | grep -F "_${ver/:/%3a}_" | head -n1)
		fi
		say "unpacking $deb"
		dpkg-deb --fsys-tarfile "$CACHE/$deb" |
			tar -xO "./usr/src/$pkg.tar.xz" >"$tarball.tmp"
		mv "$tarball.tmp" "$tarball"
		rm -f "$CACHE/$deb"
	fi
	echo "$tarball"
}

# archive_suite VERSION: the apt suite(s) serving that version of
# linux-source-6.1 (e.g. "bookworm-security/main"), or "not in the archive".
archive_suite() {
	local s
	s=$(apt-cache madison linux-source-6.1 2>/dev/null |
		awk -F' *[|] *' -v v="$1" '$2 == v {split($3, f, " "); print f[2]}' |
		sort -u | paste -sd' ' -)
	echo "${s:-not in the archive}"
}

# newest_version: the newest linux-source-6.1 the archive serves.
newest_version() {
	apt-cache madison linux-source-6.1 2>/dev/null | awk -F' *[|] *' '{print $2}' |
		sort -V | tail -n1
}

# import_base DIR TARBALL MESSAGE: make the tarball's source the next commit
# of the git checkout DIR (every tracked file replaced, new ones added), so
# that two baselines in one repository are parent and child and a series
# can be moved between them by a real 3-way merge.
import_base() {
	local dir=$1 tarball=$2 msg=$3
	(
		cd "$dir"
		git rm -rq --cached --ignore-unmatch . >/dev/null
		find . -mindepth 1 -maxdepth 1 ! -name .git ! -name '.obj*' -exec rm -rf {} +
		tar -xJf "$tarball" --strip-components=1
		git add -f -A . >/dev/null  # Debian's .gitignore ignores "/*"
		git commit -q --no-verify --allow-empty -m "$msg"
	)
}
