#!/usr/bin/env bash
# Make build/linux: the baseline source as a git repo (first commit tagged
# "baseline") with patches/series applied on top.  An existing tree is
# brought up to date with patches/, but never at the cost of unexported work.
. "$(dirname "$0")/lib.sh"
. "$TOP/config/baseline.conf"

STATE=$TREE/.git/kfunc-lts-synced   # fingerprint of the tree at last sync

# --- 1. the baseline tarball ------------------------------------------------
fetch_baseline() {
	local ver=$1 tarball=$CACHE/$BASELINE_PACKAGE-$1.tar.xz
	if [ ! -s "$tarball" ]; then
		mkdir -p "$CACHE"
		local deb
		deb=$(cd "$CACHE" && ls "${BASELINE_PACKAGE}_${ver/:/%3a}"_*.deb 2>/dev/null | head -n1 || true)
		if [ -z "$deb" ]; then
			(cd "$CACHE" && apt-get download "$BASELINE_PACKAGE=$ver") \
				>"$BUILD/log/apt-download.log" 2>&1 || return 1
			deb=$(cd "$CACHE" && ls "${BASELINE_PACKAGE}"_*.deb | grep -F "_${ver/:/%3a}_" | head -n1)
		fi
		say "unpacking $deb"
		dpkg-deb --fsys-tarfile "$CACHE/$deb" |
			tar -xO "./usr/src/$BASELINE_PACKAGE.tar.xz" >"$tarball.tmp"
		mv "$tarball.tmp" "$tarball"
		rm -f "$CACHE/$deb"
	fi
	echo "$tarball"
}

mkdir -p "$BUILD/log"
version=$BASELINE_VERSION fallback=0
if [ -f "$STATE" ]; then
	version=$(cat "$TREE/.git/kfunc-lts-version")
elif ! tarball=$(fetch_baseline "$version"); then
	apt-get update >/dev/null 2>&1 || true
	if ! tarball=$(fetch_baseline "$version"); then
		newest=$(apt-cache policy "$BASELINE_PACKAGE" | awk '/Candidate:/ {print $2}')
		[ -n "$newest" ] && [ "$newest" != "(none)" ] ||
			die "$BASELINE_PACKAGE is not in the apt archive (pinned $BASELINE_VERSION)"
		cat >&2 <<-MSG
		################################################################
		# WARNING: $BASELINE_PACKAGE $BASELINE_VERSION is gone from the archive.
		# Using the newest, $newest; the series is applied with 3-way merge.
		################################################################
		MSG
		version=$newest fallback=1
		tarball=$(fetch_baseline "$version") || die "cannot download $BASELINE_PACKAGE=$version"
	fi
	if [ "$fallback" = 0 ]; then
		sum=$(sha256sum "$tarball" | cut -d' ' -f1)
		[ "$sum" = "$BASELINE_SHA256" ] ||
			die "$tarball: sha256 $sum, expected $BASELINE_SHA256"
	fi
fi

# --- 2. the git tree ----------------------------------------------------------
if ! git -C "$TREE" rev-parse -q --verify refs/tags/baseline >/dev/null 2>&1; then
	need_disk 20
	rm -rf "$TREE"; mkdir -p "$TREE"
	say "extracting $BASELINE_PACKAGE $version into ${TREE#"$TOP"/}"
	tar -xJf "$tarball" -C "$TREE" --strip-components=1
	(
		cd "$TREE"
		git init -q
		git config user.name >/dev/null || git config user.name "kfunc-lts"
		git config user.email >/dev/null || git config user.email "kfunc-lts@localhost"
		printf '/.obj*/\n' >>.git/info/exclude
		git add -f -A . >/dev/null  # Debian's .gitignore ignores "/*"
		git commit -q --no-verify -m "Debian $BASELINE_PACKAGE $version (untouched)"
		git tag baseline
		git gc -q --auto
	)
	echo "$version" >"$TREE/.git/kfunc-lts-version"
	echo "$fallback" >"$TREE/.git/kfunc-lts-fallback"
	fp_tree >"$STATE"
fi

# --- 3. the series ------------------------------------------------------------
[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] ||
	die "${TREE#"$TOP"/} has uncommitted changes: commit them (and 'make export') first"
want=$(fp_patches) have=$(fp_tree)
if [ "$want" = "$have" ]; then
	echo "$have" >"$STATE"
	say "tree is up to date with patches/ ($(git -C "$TREE" rev-list --count baseline..HEAD) patches)"
	exit 0
fi
# Safe to rebuild the series when the tree is where the last sync left it,
# or still at the bare baseline; otherwise it holds unexported work.
empty=$(fingerprint </dev/null)
[ "$have" = "$(cat "$STATE")" ] || [ "$have" = "$empty" ] || [ "${FORCE:-0}" = 1 ] ||
	die "${TREE#"$TOP"/} has commits that patches/ lacks: run 'make export' (or FORCE=1 to drop them)"

git -C "$TREE" reset -q --hard baseline
am_opts=(--quiet --no-signoff --committer-date-is-author-date)
[ "$(cat "$TREE/.git/kfunc-lts-fallback")" = 1 ] && am_opts+=(--3way)
n=0
while read -r p; do
	[ -f "$PATCHES/$p" ] || die "patches/series names $p, which does not exist"
	if ! git -C "$TREE" am "${am_opts[@]}" "$PATCHES/$p" >"$BUILD/log/git-am.log" 2>&1; then
		git -C "$TREE" am --abort >/dev/null 2>&1 || true
		die "patch $p does not apply (see ${BUILD#"$TOP"/}/log/git-am.log)"
	fi
	n=$((n + 1))
done < <(series_files)
fp_tree >"$STATE"
say "applied $n patches on $BASELINE_PACKAGE $version"
