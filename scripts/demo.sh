#!/usr/bin/env bash
# Sets everything up and renders the demo workspace: four procedurally generated worlds on
# panels around a viewer who slowly looks around. Writes out/demo.mp4 and out/demo.png.
set -euo pipefail
cd "$(dirname "$0")/.."

WV_BUILD_TARGET=worldview scripts/build.sh
mkdir -p out
./build/app/worldview headless --workspace assets/demo.wv.json --seconds 12 \
  --out out/demo.mp4 --snapshot out/demo.png
echo "demo: play out/demo.mp4 (e.g. with ffplay or mpv) and open out/demo.png"
