#!/usr/bin/env bash
# Runs in the guest: every example binary in build/examples, in turn.
set -u
cd "$(dirname "$0")/../build/examples" || exit 1
rc=0
for ex in $(cat list); do
	echo "--- $ex"
	"./$ex" || { echo "--- $ex FAILED"; rc=1; }
done
exit $rc
