#!/usr/bin/env bash
# Starts `worldview serve` on a free loopback port, runs the tethered C API test against it, and
# stops the server. Usage: run_tethered.sh WORLDVIEW_EXE TEST_EXE OUT_DIR
set -u
worldview=${1:?worldview} test_exe=${2:?test} out=${3:?out dir}
mkdir -p "$out"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$worldview" serve --listen "127.0.0.1:$port" > "$out/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 300); do
  grep -q "listening on" "$out/serve.log" && break
  kill -0 $server 2>/dev/null || { echo "the server exited:"; cat "$out/serve.log"; exit 1; }
  sleep 0.1
done
grep -q "listening on" "$out/serve.log" || { echo "the server did not start:"; cat "$out/serve.log"; exit 1; }
"$test_exe" "127.0.0.1:$port"
