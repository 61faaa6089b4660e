#!/usr/bin/env bash
# Configure and build the kernel in build/linux/.obj (DEBUG=1: .obj-debug):
# the selftests' config + config.x86_64 fragments, then ours, then
# olddefconfig, as upstream's vmtest does.  bzImage, modules and BTF.
. "$(dirname "$0")/lib.sh"
need_tree
need_disk 8
command -v ccache >/dev/null || die "ccache missing: run 'make deps'"

frags=("$SELFTESTS/config" "$SELFTESTS/config.x86_64" "$TOP/config/guest.config")
[ "${DEBUG:-0}" = 1 ] && frags+=("$TOP/config/debug.config")
for f in "${frags[@]}"; do [ -f "$f" ] || die "config fragment $f missing"; done

mkdir -p "$KOBJ"
# Regenerate .config only when a fragment changed, so incremental builds
# stay incremental.
sum=$(cat "${frags[@]}" | md5sum | cut -c1-32)
if [ ! -f "$KOBJ/.config" ] || [ "$(cat "$KOBJ/.fragments" 2>/dev/null)" != "$sum" ]; then
	cat "${frags[@]}" >"$KOBJ/.config"
	quiet "kernel olddefconfig" "$BUILD/log/kconfig.log" \
		make -C "$TREE" O="$KOBJ_NAME" olddefconfig
	# Every option a fragment asks for must survive olddefconfig.
	miss=$(cat "${frags[@]}" | grep -E '^CONFIG_[A-Z0-9_]+=[ym]$' | sort -u |
		while read -r l; do grep -qx "$l" "$KOBJ/.config" || echo "${l%%=*}"; done)
	[ -z "$miss" ] || say "note: not set after olddefconfig:" $miss
	echo "$sum" >"$KOBJ/.fragments"
fi

# make would take a vmlinux that a killed link left behind as done.
[ ! -e "$KOBJ/vmlinux" ] || whole_elf "$KOBJ/vmlinux" || rm -f "$KOBJ/vmlinux"

log=kernel$([ "${DEBUG:-0}" = 1 ] && echo -debug || true).log
say "building kernel in ${KOBJ#"$TOP"/} (log: build/log/$log)"
start=$SECONDS
quiet "kernel build" "$BUILD/log/$log" \
	make -C "$TREE" O="$KOBJ_NAME" -j"$(nproc)" CC="ccache gcc" \
	bzImage modules
quiet "modules_install" "$BUILD/log/modules-install.log" \
	make -C "$TREE" O="$KOBJ_NAME" INSTALL_MOD_PATH="$KOBJ/mod-root" \
	INSTALL_MOD_STRIP=1 modules_install
say "kernel $(cat "$KOBJ/include/config/kernel.release") built in $((SECONDS - start))s"
