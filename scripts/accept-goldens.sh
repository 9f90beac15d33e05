#!/usr/bin/env bash
# Re-renders the renderer's golden images (tests/renderer/goldens/*.png) from the current build.
# Look at the new images (git diff shows which changed) before committing them.
# Usage: scripts/accept-goldens.sh [BUILD_DIR]   (default: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
ninja -C "$build" renderer_test capi_vulkan_host_test
WV_ACCEPT_GOLDENS=1 "$build/tests/renderer/renderer_test"
WV_ACCEPT_GOLDENS=1 "$build/tests/capi/capi_vulkan_host_test"
git -C "$root" status --short -- tests/renderer/goldens
