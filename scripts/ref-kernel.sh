#!/usr/bin/env bash
# ref-kernel.sh SERIES: build Debian's linux-source-SERIES (e.g. 6.12) as the
# reference kernel of `make bench REF=SERIES` in build/ref-SERIES/linux/.obj:
# configured as ours (that tree's own selftests config, config.x86_64 and
# config.vm fragments, then config/guest.config), bzImage only, with ccache.
# Built once; later runs only check it is up to date.  Prints the bzImage.
. "$(dirname "$0")/lib.sh"

ref=${1:-}
[[ $ref =~ ^[0-9]+\.[0-9]+$ ]] || die "REF is a kernel series such as 6.12, not '$ref'"
pkg=linux-source-$ref src=$BUILD/ref-$ref/linux
obj=$src/.obj tarball=/usr/src/$pkg.tar.xz

if [ ! -f "$tarball" ]; then
	[ "$(id -u)" = 0 ] || die "$pkg is not installed and we are not root to install it"
	say "installing $pkg"
	quiet "apt-get update" "$BUILD/log/apt-update.log" apt-get update
	quiet "apt-get install $pkg" "$BUILD/log/apt-install-$pkg.log" \
		env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$pkg"
fi
if [ ! -f "$src/.unpacked" ]; then
	need_disk 12
	say "unpacking $tarball into ${src#"$TOP"/}"
	rm -rf "$src"; mkdir -p "$src"
	tar -xJf "$tarball" -C "$src" --strip-components=1
	touch "$src/.unpacked"
fi

st=$src/tools/testing/selftests/bpf
frags=("$st/config" "$st/config.x86_64")
[ -f "$st/config.vm" ] && frags+=("$st/config.vm")
frags+=("$TOP/config/guest.config")
mkdir -p "$obj"
sum=$(cat "${frags[@]}" | md5sum | cut -c1-32)
if [ ! -f "$obj/.config" ] || [ "$(cat "$obj/.fragments" 2>/dev/null)" != "$sum" ]; then
	{ cat "${frags[@]}"; echo 'CONFIG_LOCALVERSION="-ref"'; } >"$obj/.config"
	quiet "$pkg olddefconfig" "$BUILD/log/ref-$ref-kconfig.log" \
		make -C "$src" O=.obj olddefconfig
	echo "$sum" >"$obj/.fragments"
fi
start=$SECONDS
quiet "$pkg build" "$BUILD/log/ref-$ref-kernel.log" \
	make -C "$src" O=.obj -j"$(nproc)" CC="ccache gcc" bzImage
[ $((SECONDS - start)) -lt 60 ] || say "$pkg built in $((SECONDS - start))s"
echo "$obj/arch/x86/boot/bzImage"
