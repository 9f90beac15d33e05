#!/usr/bin/env bash
# Installs the dependencies (if missing), configures and builds worldview into build/.
# Extra arguments go to CMake, e.g. scripts/build.sh -DWV_SANITIZE=ON. WV_BUILD_TARGET=worldview
# builds only the program (what the demo needs), not the tests and benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -G Ninja "$@" >/dev/null
echo "build: compiling (a clean build takes several minutes; ccache makes later ones fast)"
cmake --build build ${WV_BUILD_TARGET:+--target "$WV_BUILD_TARGET"}
