#!/usr/bin/env bash
# make forward [VERSION=x] [CONTINUE=1] [NOTEST=1] [ADOPT=1]
# Move the series from the pinned linux-source-6.1 onto another one (default:
# the newest the archive serves) by a real 3-way merge, and report per patch:
#   clean            applies as it is (offsets allowed, no fuzz)
#   merged           needed a 3-way merge, which succeeded
#   already upstream the new base carries it: dropped
#   conflict: FILES  stops here; resolve in build/forward, 'git cherry-pick
#                    --continue' there, then 'make forward CONTINUE=1'
# Both baselines are imported into the working tree's repository, the new
# one as a child of the old, and each patch is cherry-picked onto the new
# one in the worktree build/forward.  Then the kernel, the selftests and
# the guest tests are built and run on it (NOTEST=1 skips that); ADOPT=1
# finally makes it the pin: config/baseline.conf, build/linux and patches/.
. "$(dirname "$0")/lib.sh"
. "$TOP/config/baseline.conf"
need_tree
WT=$BUILD/forward
REPORT=$BUILD/forward.report TODO=$BUILD/forward.todo

[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] &&
	[ "$(fp_tree)" = "$(fp_patches)" ] ||
	die "${TREE#"$TOP"/} differs from patches/: 'make export' or 'make tree' first"
[ "$(cat "$TREE/.git/kfunc-lts-version")" = "$BASELINE_VERSION" ] ||
	die "${TREE#"$TOP"/} is not on the pinned $BASELINE_VERSION: run 'make tree' first"

if [ "${CONTINUE:-0}" != 1 ]; then
	if [ -n "${VERSION:-}" ]; then
		version=$VERSION
	else
		quiet "apt-get update" "$BUILD/log/apt-update.log" apt-get update
		version=$(newest_version)
		[ -n "$version" ] || die "no $BASELINE_PACKAGE in the apt archive"
	fi
	tarball=$(fetch_baseline "$version") ||
		die "cannot download $BASELINE_PACKAGE=$version (see build/log/apt-download.log)"
	sum=$(sha256sum "$tarball" | cut -d' ' -f1)
	say "forward: $BASELINE_PACKAGE $BASELINE_VERSION -> $version ($(archive_suite "$version")), sha256 $sum"

	git -C "$TREE" worktree remove --force "$WT" >/dev/null 2>&1 || rm -rf "$WT"
	git -C "$TREE" worktree prune
	git -C "$TREE" worktree add -q --detach "$WT" baseline
	import_base "$WT" "$tarball" "Debian $BASELINE_PACKAGE $version (untouched)"
	git -C "$WT" tag -f "base-$version" >/dev/null
	printf 'version=%s\nsha256=%s\n' "$version" "$sum" >"$REPORT.base"
	: >"$REPORT"
	git -C "$TREE" rev-list --reverse baseline..HEAD >"$TODO"
else
	[ -s "$REPORT.base" ] || die "nothing to continue: run 'make forward' first"
	. <(sed 's/^/f_/' "$REPORT.base"); version=$f_version
	[ -z "$(git -C "$WT" diff --name-only --diff-filter=U)" ] &&
		! git -C "$WT" rev-parse -q --verify CHERRY_PICK_HEAD >/dev/null ||
		die "build/forward still has a cherry-pick in progress: resolve it and 'git cherry-pick --continue' there"
	if [ -s "$REPORT.stop" ]; then
		# The stopped patch was either committed (merged by hand) or skipped.
		c=$(head -n1 "$TODO") v="dropped by hand"
		[ "$(git -C "$WT" log -1 --format=%s)" = "$(git -C "$TREE" log -1 --format=%s "$c")" ] &&
			v="merged by hand"
		printf '%-17s %s (%s)\n' "$v" "$(git -C "$TREE" log -1 --format=%s "$c")" \
			"$(cat "$REPORT.stop")" >>"$REPORT"
		sed -i 1d "$TODO"
	fi
fi
rm -f "$REPORT.stop"

pick() {  # pick COMMIT: cherry-pick onto $WT, print its verdict
	local c=$1 how
	if git -C "$TREE" format-patch -1 --stdout "$c" | git -C "$WT" apply --check 2>/dev/null; then
		how=clean
	else
		how=merged
	fi
	if git -C "$WT" cherry-pick --allow-empty-message "$c" >/dev/null 2>&1; then
		echo "$how"
	elif [ -z "$(git -C "$WT" diff --name-only --diff-filter=U)" ] &&
		git -C "$WT" diff --cached --quiet; then
		git -C "$WT" cherry-pick --skip >/dev/null 2>&1
		echo "already upstream"
	else
		echo "conflict: $(git -C "$WT" diff --name-only --diff-filter=U | paste -sd' ' -)"
	fi
}

conflict=0
while read -r c; do
	subj=$(git -C "$TREE" log -1 --format=%s "$c")
	v=$(pick "$c")
	if [[ $v == conflict:* ]]; then
		echo "$v" >"$REPORT.stop"
		conflict=1
		break
	fi
	printf '%-17s %s\n' "$v" "$subj" >>"$REPORT"
	sed -i 1d "$TODO"
done < <(cat "$TODO")

echo "forward: $BASELINE_VERSION -> $version"
cat "$REPORT"
[ "$conflict" = 0 ] || echo "$(cat "$REPORT.stop") in: $(git -C "$TREE" log -1 --format=%s "$(head -n1 "$TODO")")"
printf 'clean %s, merged %s, already upstream %s, conflict %s, not tried %s\n' \
	"$(grep -c '^clean' "$REPORT")" "$(grep -c '^merged' "$REPORT")" \
	"$(grep -c '^already' "$REPORT")" "$conflict" "$(($(wc -l <"$TODO") - conflict))"
[ "$conflict" = 0 ] ||
	die "conflict: resolve it in ${WT#"$TOP"/}, 'git cherry-pick --continue' there, then 'make forward CONTINUE=1'"

if [ "${NOTEST:-0}" != 1 ]; then
	say "building and testing the moved series in ${WT#"$TOP"/}"
	TREE=$WT build_steps kernel selftests
	(cd "$WT/tools/testing/selftests/bpf" &&
		TREE=$WT "$TOP/scripts/vm.sh" --timeout 2400 --out "$BUILD/vm/forward" \
			-- "$TOP/tests/guest-tests.sh") 2>&1 | tee "$BUILD/log/forward-tests.log" |
		grep -E '^(###|Summary:|.*\bFAIL\b)' --line-buffered ||
		die "the moved series fails its tests (log: build/log/forward-tests.log)"
fi

[ "${ADOPT:-0}" = 1 ] || { say "ADOPT=1 makes $version the pin"; exit 0; }
. <(sed 's/^/f_/' "$REPORT.base")
git -C "$TREE" checkout -q -B master "$(git -C "$WT" rev-parse HEAD)"
git -C "$TREE" tag -f baseline "base-$version" >/dev/null
echo "$version" >"$TREE/.git/kfunc-lts-version"
sed -i -e "s/^BASELINE_VERSION=.*/BASELINE_VERSION=$version/" \
	-e "s/^BASELINE_SHA256=.*/BASELINE_SHA256=$f_sha256/" "$TOP/config/baseline.conf"
"$TOP/scripts/export.sh"
say "the pin is now $version: review 'git diff', re-measure the baseline record, commit"
