#!/usr/bin/env bash
# Write baseline..HEAD of build/linux into patches/ as git format-patch
# files plus "series", with a cover letter whose subject and blurb are kept
# from the previous 0000-cover-letter.patch.  Unchanged patches keep their
# bytes (zero From hashes, no signature), so re-exporting makes no churn.
. "$(dirname "$0")/lib.sh"
need_tree
[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] ||
	die "${TREE#"$TOP"/} has uncommitted changes: commit them first"

n=$(git -C "$TREE" rev-list --count baseline..HEAD)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
[ "$n" -gt 0 ] && git -C "$TREE" format-patch -q --no-signature --zero-commit \
	--cover-letter -o "$tmp" baseline..HEAD
mkdir -p "$PATCHES"

cover=$tmp/0000-cover-letter.patch old=$PATCHES/0000-cover-letter.patch
if [ -f "$cover" ]; then
	subject="kfunc-lts: the BPF kfunc system for 6.1"
	blurb="(describe the series here)"
	if [ -f "$old" ]; then
		subject=$(sed -n 's/^Subject: \[PATCH[^]]*\] //p' "$old" | head -n1)
		# The blurb: from the first blank line to the shortlog, the last
		# "Name (N):" line (the blurb may hold lines of that form too).
		blurb=$(awk 'NR == FNR {if (/^[^ ].* \([0-9]+\):$/) last = FNR; next}
			last && FNR >= last {exit}
			started {print} /^$/ && !started {started=1}' "$old" "$old")
	fi
	awk -v subject="$subject" -v blurb="$blurb" '
		/^Date: / {next}
		{sub(/\*\*\* SUBJECT HERE \*\*\*/, subject)}
		/^\*\*\* BLURB HERE \*\*\*$/ {print blurb; skip=1; next}
		skip && /^$/ {skip=0; print ""; next}
		{print}' "$cover" >"$cover.new"
	mv "$cover.new" "$cover"
fi

# Replace patches/ with the new set, touching only what changed.
find "$PATCHES" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' | while read -r f; do
	[ -f "$tmp/${f##*/}" ] || { rm -f "$f"; echo "removed ${f##*/}"; }
done
for f in "$tmp"/*.patch; do
	[ -f "$f" ] || continue
	cmp -s "$f" "$PATCHES/${f##*/}" || { cp "$f" "$PATCHES/"; echo "wrote ${f##*/}"; }
done
(cd "$tmp" && ls -- *.patch 2>/dev/null | grep -v '^0000-' || true) >"$PATCHES/series"
fp_tree >"$TREE/.git/kfunc-lts-synced"
say "exported $n patches to ${PATCHES#"$TOP"/}"
