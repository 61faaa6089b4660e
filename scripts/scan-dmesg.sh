#!/usr/bin/env bash
# scan-dmesg.sh FILE: print the kernel log lines that report a splat (BUG,
# WARNING, Oops, KASAN, UBSAN, lockdep, RCU stall, hung task, panic, a
# kmemleak report) and exit 1 if there are any; exit 0 on a clean log.
set -euo pipefail
[ $# -eq 1 ] && [ -r "$1" ] || { echo "usage: scan-dmesg.sh FILE" >&2; exit 2; }

pattern='BUG:|WARNING:|Oops|general protection fault|kernel BUG at|KASAN|UBSAN'
pattern+='|possible (circular|recursive) locking|inconsistent lock state|DEBUG_LOCKS_WARN_ON'
pattern+='|bad unlock balance|lock held when returning|suspicious RCU usage'
pattern+='|rcu: INFO|self-detected stall|detected stalls|blocked for more than [0-9]+ seconds'
pattern+='|soft lockup|hard LOCKUP|Kernel panic|Call Trace:'
pattern+='|new suspected memory leak'  # kmemleak (DEBUG=1)

hits=$(mktemp)
trap 'rm -f "$hits"' EXIT
if grep -nE "$pattern" "$1" >"$hits"; then
	echo "kernel log ${1##*/} reports problems:" >&2
	head -n 40 "$hits" >&2
	exit 1
fi
