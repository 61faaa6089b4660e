#!/usr/bin/env bash
# The main job: build the patched kernel, build examples/ against it, boot
# it and run every example, printing what they print.
. "$(dirname "$0")/lib.sh"
build_steps deps kernel
say "building examples (log: build/log/examples.log)"
quiet "examples build" "$BUILD/log/examples.log" \
	make -C "$TOP/examples" TREE="$TREE" KOBJ="$KOBJ" OUT="$BUILD/examples" CLANG="$CLANG"
say "booting the guest to run the examples"
exec "$TOP/scripts/vm.sh" --timeout 600 --out "$BUILD/vm/examples" -- "$TOP/examples/run-all.sh"
