#!/bin/bash
# PID 1 of the kfunc-lts guest (see scripts/vm.sh).  The host's root is
# mounted read-only over 9p; this sets up the writable and virtual file
# systems, runs the command the host left in the results share, writes its
# exit status and the kernel log back, and powers off.  Variables kfunc_*
# come from the kernel command line.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb LANG=C.UTF-8

mnt() { mountpoint -q "$3" || mount -t "$1" "$2" "$3" || echo "init: cannot mount $3"; }
mnt proc proc /proc
mnt sysfs sys /sys
mnt devtmpfs dev /dev
mkdir -p /dev/pts /dev/shm
mnt devpts devpts /dev/pts
mnt tmpfs tmpfs /dev/shm
# tmpfs over the writable places; the repository (kfunc_top) may live below
# one of them (CI clones into /tmp, say): keep it visible at its path.
mnt tmpfs tmpfs /run
keep=/run/kfunc-top
mkdir -p "$keep"
[ -n "${kfunc_top:-}" ] && mount --bind "$kfunc_top" "$keep"
for d in /tmp /var/tmp /var/log /var/lib/misc /root /mnt; do
	[ -d "$d" ] && mnt tmpfs tmpfs "$d"
done
if [ -n "${kfunc_top:-}" ] && ! [ -x "$kfunc_top/scripts/guest-init.sh" ]; then
	mkdir -p "$kfunc_top" && mount --bind "$keep" "$kfunc_top"
fi
mnt bpf bpf /sys/fs/bpf
mnt debugfs debugfs /sys/kernel/debug
mnt tracefs tracefs /sys/kernel/tracing
mnt cgroup2 cgroup2 /sys/fs/cgroup
[ -n "${kfunc_mods:-}" ] && [ -d "$kfunc_mods" ] && [ -d /lib/modules ] &&
	mount --bind "$kfunc_mods" /lib/modules

out=/run/kfunc-out
mkdir -p "$out"
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 kfuncout "$out" ||
	{ echo "init: cannot mount the results share"; exit 1; }  # PID 1 exit: panic

hostname kfunc-lts-guest
ip link set lo up 2>/dev/null
ulimit -l unlimited

# kmemleak (DEBUG=1): what boot left is not ours; after the command, two
# scans report what it leaked in the kernel log (scan-dmesg.sh fails it).
leaks=/sys/kernel/debug/kmemleak
[ -w $leaks ] && echo clear >$leaks
# The command's output goes to the results share, where the host follows
# it live; the kernel console (serial port) goes to a log file.
bash "$out/cmd" </dev/null >"$out/output" 2>&1
echo $? >"$out/rc.tmp"
if [ -w $leaks ]; then
	echo scan >$leaks; sleep 6; echo scan >$leaks
	cp $leaks "$out/kmemleak"
fi
dmesg >"$out/dmesg"
mv "$out/rc.tmp" "$out/rc"
sync
umount "$out"
echo o >/proc/sysrq-trigger
sleep 10
