// net/token.h — the shared secret that authenticates tethered clients (docs/protocol.md §3).
//
//   auto token = wv::net::read_token_file("~/.config/worldview/token");  // Result<std::string>
//   if (wv::net::tokens_equal(hello.token, *token)) accept();
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "wv/result.h"

namespace wv::net {

// The file's first line without surrounding blanks. Errors name the file: missing, unreadable,
// empty, longer than kMaxTokenBytes, or holding control characters.
Result<std::string> read_token_file(const std::string& path);

// Compares in time that depends only on the lengths, never on where the texts first differ, so
// a peer cannot find the token byte by byte by timing refusals.
bool tokens_equal(std::string_view presented, std::string_view expected);

}  // namespace wv::net
