// app/workspace/utf8.h — UTF-8 validation, so a damaged or binary file is refused by position
// before the JSON parser sees it (and no invalid bytes end up inside error messages).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace wv::app {

// The offset of the first byte that does not start or continue a valid UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF are invalid), or nullopt.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

}  // namespace wv::app
