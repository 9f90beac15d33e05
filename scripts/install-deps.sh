#!/usr/bin/env bash
# Installs every Debian package worldview needs to build, run and test.
# Idempotent and non-interactive; works as root or through sudo.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git
  # contracts and app
  libglm-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  # renderer
  libvulkan-dev mesa-vulkan-drivers vulkan-validationlayers glslc
  libimgui-dev libstb-dev libglfw3-dev xvfb
  # headset
  libopenxr-dev libopenxr-loader1 openxr-layer-corevalidation
  # inference: LibTorch plus a fast BLAS (Debian's libtorch otherwise runs on the reference BLAS)
  libtorch-dev libopenblas0-openmp
  # model weights: SHA-256 digests (libcrypto)
  libssl-dev
  # media
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libspng-dev ffmpeg
  # tethered inference: standalone Asio (header-only)
  libasio-dev
  # tests; python3-torch writes the TorchScript test fixtures (with /usr/bin/python3)
  libgtest-dev libgmock-dev python3-torch
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  sudo_cmd=(sudo)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${#missing[@]} package(s): ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# OpenBLAS registers itself as libblas.so.3 through alternatives; make sure it wins over the
# reference BLAS that LibTorch would otherwise resolve to.
blas=$(ls /usr/lib/*/openblas-openmp/libblas.so.3 2>/dev/null | head -n 1 || true)
if [ -n "$blas" ]; then
  arch_dir=$(dirname "$(dirname "$blas")")
  "${sudo_cmd[@]}" update-alternatives --set "libblas.so.3-$(basename "$arch_dir")" "$blas" >/dev/null
fi
echo "install-deps: all packages present"
