#!/usr/bin/env bash
# build.sh STEP: the build pipeline (lib.sh's PIPELINE) up to STEP, for the
# Makefile's deps, tree, kernel and selftests targets and those that need
# them.
. "$(dirname "$0")/lib.sh"
[ $# = 1 ] || die "usage: build.sh STEP (one of: ${PIPELINE[*]})"
build_steps deps "$1"
