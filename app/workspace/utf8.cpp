#include "app/workspace/utf8.h"

#include <cstdint>

namespace wv::app {

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<std::uint8_t>(text[i]);
    std::size_t length = 0;
    std::uint8_t second_min = 0x80, second_max = 0xBF;  // narrowed to exclude overlongs/surrogates
    if (lead < 0x80) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) second_min = 0xA0;
      if (lead == 0xED) second_max = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) second_min = 0x90;
      if (lead == 0xF4) second_max = 0x8F;
    } else {
      return i;
    }
    for (std::size_t k = 1; k < length; ++k) {
      if (i + k >= text.size()) return i;
      const auto byte = static_cast<std::uint8_t>(text[i + k]);
      const std::uint8_t min = k == 1 ? second_min : 0x80;
      const std::uint8_t max = k == 1 ? second_max : 0xBF;
      if (byte < min || byte > max) return i;
    }
    i += length;
  }
  return std::nullopt;
}

}  // namespace wv::app
