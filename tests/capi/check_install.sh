#!/usr/bin/env bash
# Installs the build (cmake --install) into a temporary prefix, then builds and runs a host that
# finds libworldview with find_package and one that finds it with pkg-config.
# Usage: check_install.sh BUILD_DIR CONSUMER_DIR OUT_DIR
set -eu
build=${1:?build dir} consumer=${2:?consumer dir} out=${3:?out dir}
rm -rf "$out"
mkdir -p "$out"
prefix=$out/prefix
cmake --install "$build" --prefix "$prefix" > "$out/install.log"
for f in include/wv/worldview.h lib/libworldview.so lib/pkgconfig/worldview.pc \
         lib/cmake/worldview/worldviewConfig.cmake share/worldview/models/toyworld-latent-v1/model.safetensors \
         share/worldview/models/toyworld-latent-v2/model.safetensors; do
  [ -e "$prefix/$f" ] || { echo "not installed: $f"; exit 1; }
done
export OMP_WAIT_POLICY=PASSIVE

echo "== find_package(worldview)"
cmake -S "$consumer" -B "$out/cmake-consumer" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" > "$out/configure.log"
cmake --build "$out/cmake-consumer" > "$out/build.log"
"$out/cmake-consumer/consumer"

echo "== pkg-config worldview"
flags=$(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs worldview)
cc -std=c11 -Wall -Wextra -Werror "$consumer/consumer.c" $flags -o "$out/pkg-config-consumer"
LD_LIBRARY_PATH="$prefix/lib" "$out/pkg-config-consumer"
