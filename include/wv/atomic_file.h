// wv/atomic_file.h — replaces a file so that readers see the old file or the new one, never a
// part: workspaces, model weights, anything a user would hate to lose half of.
//
//   wv::Status s = wv::write_file_atomically("demo.wv.json", text);
//   if (!s) wv::log_error(s.error().message);   // "demo.wv.json: not saved (...); the previous file is unchanged"
//
// A temporary file in the same folder is written, synced and renamed over `path`, then the
// folder is synced. A replaced file keeps its permissions; a new one gets 0644. On failure the
// temporary file is removed and the previous file is untouched. Thread-safe (no shared state).
#pragma once

#include <string>
#include <string_view>

#include "wv/result.h"

namespace wv {

Status write_file_atomically(const std::string& path, std::string_view bytes);

}  // namespace wv
