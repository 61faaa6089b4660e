#!/usr/bin/env bash
# checkpatch.pl --strict over every patch in patches/series: errors fail,
# warnings and checks are shown.  An ERROR listed in
# tests/checkpatch-accepted.txt (its type and the exact added line, with the
# reason it is a false positive) is shown as accepted instead.
# (The per-patch build is scripts/bisect.sh.)
. "$(dirname "$0")/lib.sh"
need_tree
cp=$TREE/scripts/checkpatch.pl
accepted=$TOP/tests/checkpatch-accepted.txt
errors=0
while read -r p; do
	[ -f "$PATCHES/$p" ] || die "patches/series names $p, which does not exist"
	res=$(cd "$TREE" && perl "$cp" --strict --show-types --no-summary -q \
		--ignore FILE_PATH_CHANGES "$PATCHES/$p" 2>&1) || true
	# one "TYPE<TAB>added line" per ERROR: the type, then the first "+" line
	errs=$(awk '/^ERROR:/ {split($0, a, ":"); t = a[2]; next}
		t != "" && /^\+/ {print t "\t" substr($0, 2); t = ""}' <<<"$res")
	e=0 ok=0
	while IFS= read -r err; do
		[ -n "$err" ] || continue
		if grep -qxF -- "$err" "$accepted"; then ok=$((ok + 1)); else e=$((e + 1)); fi
	done <<<"$errs"
	w=$(grep -cE '^(WARNING|CHECK):' <<<"$res" || true)
	printf '%-70s %s errors, %s warnings/checks%s\n' "$p" "$e" "$w" \
		"$([ $ok = 0 ] || echo ", $ok accepted (tests/checkpatch-accepted.txt)")"
	[ -n "$res" ] && sed 's/^/    /' <<<"$res"
	errors=$((errors + e))
done < <(series_files)
[ "$errors" = 0 ] || die "checkpatch found $errors errors"
