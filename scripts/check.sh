#!/usr/bin/env bash
# checkpatch.pl --strict over every patch in patches/series: errors fail,
# warnings and checks are shown.  BISECT=1 also builds the kernel at each
# patch in turn (in a separate worktree, build/bisect), so every patch is
# known to build on its own.
. "$(dirname "$0")/lib.sh"
need_tree
cp=$TREE/scripts/checkpatch.pl
errors=0
while read -r p; do
	[ -f "$PATCHES/$p" ] || die "patches/series names $p, which does not exist"
	res=$(cd "$TREE" && perl "$cp" --strict --show-types --no-summary -q \
		--ignore FILE_PATH_CHANGES "$PATCHES/$p" 2>&1) || true
	e=$(grep -c '^ERROR:' <<<"$res" || true)
	w=$(grep -cE '^(WARNING|CHECK):' <<<"$res" || true)
	printf '%-70s %s errors, %s warnings/checks\n' "$p" "$e" "$w"
	[ -n "$res" ] && sed 's/^/    /' <<<"$res"
	errors=$((errors + e))
done < <(series_files)
[ "$errors" = 0 ] || die "checkpatch found $errors errors"

[ "${BISECT:-0}" = 1 ] || exit 0
wt=$BUILD/bisect
git -C "$TREE" worktree prune
[ -d "$wt" ] || git -C "$TREE" worktree add -q --detach "$wt" baseline
cp "$KOBJ/.config" "$BUILD/bisect.config" 2>/dev/null || die "no kernel config: run 'make kernel' first"
for c in $(git -C "$TREE" rev-list --reverse baseline..HEAD); do
	git -C "$wt" checkout -q --detach "$c"
	subj=$(git -C "$wt" log -1 --format=%s)
	mkdir -p "$wt/.obj"; cp "$BUILD/bisect.config" "$wt/.obj/.config"
	s=$SECONDS
	quiet "build at '$subj'" "$BUILD/log/bisect.log" \
		make -C "$wt" O=.obj -j"$(nproc)" CC="ccache gcc" olddefconfig bzImage modules
	say "builds: $subj ($((SECONDS - s))s)"
done
