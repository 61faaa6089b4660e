#!/usr/bin/env bash
# vm.sh [options] -- COMMAND [ARGS...]
# Boot the built kernel in QEMU with the host's root shared read-only over
# 9p, run COMMAND (in the current directory) as the only job of the guest,
# and exit with its status.  The guest's kernel log is saved and scanned:
# a splat fails the run even when the command passed.
#   --kernel PATH   bzImage (default: build/linux/.obj/arch/x86/boot/bzImage)
#   --timeout SECS  wall-clock limit for the whole guest (default 1800)
#   --mem MB        guest memory (default 4096)    --cpus N (default: nproc)
#   --out DIR       where rc, dmesg and console.log go (default build/vm/last)
#   --accel A       kvm or tcg (default: kvm when a probe guest runs under it)
# Exit: the command's status; 124 guest timed out; 125 guest panicked or
# died without a result; 126 command passed but the kernel log has a splat.
. "$(dirname "$0")/lib.sh"

kernel=$KOBJ/arch/x86/boot/bzImage timeout=1800 mem=4096 cpus=$(nproc)
out=$BUILD/vm/last accel=${VM_ACCEL:-}
num() { [[ $2 =~ ^[1-9][0-9]*$ ]] || die "vm.sh: $1 wants a positive number, not '$2'"; }
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel=${2:-}; shift 2 ;;
	--timeout) num "$1" "${2:-}"; timeout=$2; shift 2 ;;
	--mem) num "$1" "${2:-}"; mem=$2; shift 2 ;;
	--cpus) num "$1" "${2:-}"; cpus=$2; shift 2 ;;
	--out) out=${2:-}; shift 2 ;;
	--accel) accel=${2:-}; shift 2 ;;
	--) shift; break ;;
	*) die "vm.sh: unknown option '$1' (usage: vm.sh [options] -- COMMAND)" ;;
	esac
done
[ $# -gt 0 ] || die "vm.sh: no command given (usage: vm.sh [options] -- COMMAND)"
[ -f "$kernel" ] || die "no kernel at ${kernel#"$TOP"/}: run 'make kernel' first"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 missing: run 'make deps'"
case $accel in ""|kvm|tcg) ;; *) die "vm.sh: --accel is kvm or tcg, not '$accel'" ;; esac

# KVM when it works.  /dev/kvm can exist while a guest under it never runs,
# so probe with a real short-lived guest and remember the answer per host boot.
if [ -z "$accel" ]; then
	accel=tcg
	probe=$BUILD/vm/accel.$(cat /proc/sys/kernel/random/boot_id 2>/dev/null || echo x)
	if [ -f "$probe" ]; then
		accel=$(cat "$probe")
	elif [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
		mkdir -p "$BUILD/vm"
		if "$0" --accel kvm --timeout 30 --kernel "$kernel" --out "$BUILD/vm/probe" \
			-- true >/dev/null 2>&1; then
			accel=kvm
		fi
		echo "$accel" >"$probe"
	fi
fi
# la57=off: 6.1 clears the boot CPU's feature bits while identify_cpu()
# re-reads them, so an interrupt in that window sees 4-level paging on a
# 5-level guest and KASAN reports a wild access (upstream's 2025 rework
# sets LA57 before anything reads it); TCG's "max" CPU offers LA57.
if [ "$accel" = kvm ]; then accel_opts=(-accel kvm -cpu host); else accel_opts=(-accel tcg -cpu max,la57=off); fi

# The results share: the command to run goes in, rc and logs come out.
rm -rf "$out"; mkdir -p "$out"
echo "$accel" >"$out/accel"
{
	printf 'cd %q || exit 125\n' "$PWD"
	printf 'exec'; printf ' %q' "$@"; printf '\n'
} >"$out/cmd"
mods=$(dirname "$kernel")/../../../mod-root/lib/modules
mods=$(cd "$mods" 2>/dev/null && pwd || true)

append="root=/dev/root rootfstype=9p rootflags=trans=virtio,version=9p2000.L,msize=512000,cache=loose ro"
append+=" console=ttyS0 panic=-1 oops=panic no_hash_pointers nokaslr"
append+=" init=$TOP/scripts/guest-init.sh kfunc_mods=$mods kfunc_top=$TOP"

: >"$out/output"
# Show the command's output as the guest writes it to the share.
tail -n +1 -f "$out/output" &
tailpid=$!
set +e
timeout -k 10 "$timeout" qemu-system-x86_64 "${accel_opts[@]}" \
	-m "$mem" -smp "$cpus" -nodefaults -no-user-config -no-reboot -display none \
	-kernel "$kernel" -append "$append" \
	-fsdev local,id=rootfs,path=/,security_model=none,readonly=on,multidevs=remap \
	-device virtio-9p-pci,fsdev=rootfs,mount_tag=/dev/root \
	-fsdev local,id=outfs,path="$out",security_model=none,multidevs=remap \
	-device virtio-9p-pci,fsdev=outfs,mount_tag=kfuncout \
	-serial file:"$out/console.log" \
	</dev/null
qrc=$?
set -e
sleep 1.2	# one more poll of tail -f for the last lines
kill "$tailpid" 2>/dev/null
wait "$tailpid" 2>/dev/null || true

log=$out/dmesg
[ -s "$log" ] || log=$out/console.log
if [ -f "$out/rc" ]; then
	rc=$(cat "$out/rc")
elif [ $qrc = 124 ] || [ $qrc = 137 ]; then
	tail -n 20 "$out/console.log" >&2 || true
	echo "error: guest timed out after ${timeout}s ($accel; console: ${out#"$TOP"/}/console.log)" >&2
	rc=124
else
	tail -n 30 "$out/console.log" >&2 || true
	if grep -q 'Kernel panic' "$out/console.log" 2>/dev/null; then
		echo "error: guest kernel panicked (console: ${out#"$TOP"/}/console.log)" >&2
	else
		echo "error: guest died without a result, qemu exit $qrc (console: ${out#"$TOP"/}/console.log)" >&2
	fi
	rc=125
fi
if [ -f "$log" ] && ! "$TOP/scripts/scan-dmesg.sh" "$log"; then
	echo "error: guest kernel log has a splat (${log#"$TOP"/})" >&2
	[ "$rc" = 0 ] && rc=126
fi
exit "$rc"
