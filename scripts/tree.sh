#!/usr/bin/env bash
# Make build/linux: the baseline source as a git repo (first commit tagged
# "baseline") with patches/series applied on top.  An existing tree is
# brought up to date with patches/, but never at the cost of unexported work.
. "$(dirname "$0")/lib.sh"
. "$TOP/config/baseline.conf"

STATE=$TREE/.git/kfunc-lts-synced   # fingerprint of the tree at last sync

# --- 1. the baseline tarball ------------------------------------------------
# The pin, checked against its sha256; VERSION=x takes another version on
# purpose (no checksum to compare; 'make forward' is how to move the pin).
mkdir -p "$BUILD/log"
version=${VERSION:-$BASELINE_VERSION}
have_version=$(cat "$TREE/.git/kfunc-lts-version" 2>/dev/null || true)
if [ ! -f "$STATE" ] || [ "$have_version" != "$version" ]; then
	if ! tarball=$(fetch_baseline "$version"); then
		apt-get update >/dev/null 2>&1 || true
		tarball=$(fetch_baseline "$version") ||
			die "$BASELINE_PACKAGE $version is not in the archive (newest: $(newest_version)); 'make forward' moves the series"
	fi
	if [ "$version" = "$BASELINE_VERSION" ]; then
		sum=$(sha256sum "$tarball" | cut -d' ' -f1)
		[ "$sum" = "$BASELINE_SHA256" ] ||
			die "$tarball: sha256 $sum, but the pin says $BASELINE_SHA256"
		say "baseline: $BASELINE_PACKAGE $version ($(archive_suite "$version")), sha256 matches the pin"
	else
		cat >&2 <<-MSG
		################################################################
		# WARNING: using $BASELINE_PACKAGE $version ($(archive_suite "$version")),
		# not the pinned $BASELINE_VERSION: no checksum to check it against.
		################################################################
		MSG
	fi
fi

# --- 2. the git tree ----------------------------------------------------------
if ! git -C "$TREE" rev-parse -q --verify refs/tags/baseline >/dev/null 2>&1; then
	need_disk 20
	rm -rf "$TREE"; mkdir -p "$TREE"
	say "extracting $BASELINE_PACKAGE $version into ${TREE#"$TOP"/}"
	git -C "$TREE" init -q
	git -C "$TREE" config user.name >/dev/null || git -C "$TREE" config user.name "kfunc-lts"
	git -C "$TREE" config user.email >/dev/null || git -C "$TREE" config user.email "kfunc-lts@localhost"
	printf '/.obj*/\n' >>"$TREE/.git/info/exclude"
	import_base "$TREE" "$tarball" "Debian $BASELINE_PACKAGE $version (untouched)"
	git -C "$TREE" tag baseline
	git -C "$TREE" gc -q --auto
	echo "$version" >"$TREE/.git/kfunc-lts-version"
	fp_tree >"$STATE"
elif [ "$have_version" != "$version" ]; then
	# The pin moved: the new baseline becomes a child of the old one (the
	# kernel objects in .obj stay; only changed files are rewritten).
	[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] ||
		die "${TREE#"$TOP"/} has uncommitted changes: commit them (and 'make export') first"
	[ "$(fp_tree)" = "$(cat "$STATE")" ] || [ "${FORCE:-0}" = 1 ] ||
		die "${TREE#"$TOP"/} has commits that patches/ lacks: run 'make export' (or FORCE=1 to drop them)"
	say "moving ${TREE#"$TOP"/} from $BASELINE_PACKAGE $have_version to $version"
	git -C "$TREE" checkout -q --detach baseline
	import_base "$TREE" "$tarball" "Debian $BASELINE_PACKAGE $version (untouched)"
	git -C "$TREE" tag -f baseline >/dev/null
	git -C "$TREE" checkout -q -B master
	echo "$version" >"$TREE/.git/kfunc-lts-version"
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
n=0
while read -r p; do
	[ -f "$PATCHES/$p" ] || die "patches/series names $p, which does not exist"
	if ! git -C "$TREE" am "${am_opts[@]}" "$PATCHES/$p" >"$BUILD/log/git-am.log" 2>&1; then
		git -C "$TREE" am --abort >/dev/null 2>&1 || true
		die "patch $p does not apply on $version (see ${BUILD#"$TOP"/}/log/git-am.log; 'make forward' moves the series)"
	fi
	n=$((n + 1))
done < <(series_files)
fp_tree >"$STATE"
say "applied $n patches on $BASELINE_PACKAGE $version"
