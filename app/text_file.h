// app/text_file.h — reads a small text file the user names (a script), refusing what is not a
// regular file or is larger than the caller allows, with messages that name the file.
//
//   wv::Result<std::string> text = wv::app::read_text_file(path, 1 << 20, "an input script");
//   // errors: "<path>: not a readable file", "<path>: an input script is at most 1048576 bytes"
#pragma once

#include <cstdint>
#include <string>

#include "wv/result.h"

namespace wv::app {

Result<std::string> read_text_file(const std::string& path, std::uintmax_t max_bytes, const std::string& what);

}  // namespace wv::app
