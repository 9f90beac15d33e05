#!/usr/bin/env bash
# Sets everything up, builds with warnings as errors and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build.sh -DWV_WERROR=ON
cd build
ctest --output-on-failure --timeout 600 -j2
