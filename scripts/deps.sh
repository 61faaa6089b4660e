#!/usr/bin/env bash
# Install the Debian 12 packages the build, the guest and the tests need.
# Cheap when everything is present: it only asks dpkg.
. "$(dirname "$0")/lib.sh"

PKGS=(
	build-essential bc flex bison cpio kmod rsync xz-utils
	libelf-dev libssl-dev zlib1g-dev libzstd-dev libcap-dev
	dwarves ccache python3-docutils python3-ply
	clang-19 llvm-19 lld-19           # BPF objects (clang 14 drops kptr tags)
	qemu-system-x86                    # the guest
	iproute2 iptables iputils-ping ethtool keyutils  # used by selftests in the guest
)

# The guest bind-mounts the built modules over /lib/modules, which a
# minimal host may lack.
[ -d /lib/modules ] || mkdir -p /lib/modules 2>/dev/null || true

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

[ "$(id -u)" = 0 ] || command -v sudo >/dev/null ||
	die "missing packages (${missing[*]}) and not root to install them"
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
say "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
quiet "apt-get update" "$BUILD/log/apt-update.log" $SUDO apt-get update
quiet "apt-get install" "$BUILD/log/apt-install.log" \
	$SUDO apt-get install -y --no-install-recommends "${missing[@]}"
