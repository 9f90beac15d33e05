#!/usr/bin/env bash
# Fails unless LIB exports exactly the functions the HEADERs declare with WV_API (no C++
# internals, no data, nothing missing). Usage: check_exports.sh LIB HEADER...
set -eu
lib=${1:?library}
shift
declared=$(cat "$@" | grep -oE 'WV_API [^(]*\(' | grep -oE 'wv_[a-z0-9_]+\($' | tr -d '(' | sort)
# Every defined dynamic symbol but the version node (type A), without its @@version suffix.
exported=$(nm -D --defined-only "$lib" | awk '$2 != "A" {print $3}' | sed 's/@.*//' | sort)
if [ -z "$declared" ]; then echo "no WV_API functions found in $*"; exit 1; fi
if [ "$declared" != "$exported" ]; then
  echo "exported symbols of $lib differ from the functions $* declare:"
  diff <(echo "$declared") <(echo "$exported") | sed 's/^</    declared, not exported:/; s/^>/    exported, not declared:/' | grep declared
  exit 1
fi
echo "$(echo "$exported" | wc -l) symbols exported, all declared in $*"
