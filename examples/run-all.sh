#!/usr/bin/env bash
# Runs in the guest: every example binary in build/examples, in turn,
# then the kfuncs a few program types may call.
set -u
cd "$(dirname "$0")/../build/examples" || exit 1
rc=0
for ex in $(cat list); do
	echo "--- $ex"
	"./$ex" || { echo "--- $ex FAILED"; rc=1; }
done
# the registry as bpftool shows it (Documentation/bpf/kfuncs.rst 3.3)
for type in kprobe xdp; do
	echo "--- bpftool kfunc show prog_type $type"
	./bpftool/bootstrap/bpftool kfunc show prog_type "$type" ||
		{ echo "--- bpftool kfunc FAILED"; rc=1; }
done
exit $rc
