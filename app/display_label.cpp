#include "app/display_label.h"

namespace wv::app {

std::string display_label(std::string_view text, size_t max) {
  static constexpr std::string_view kCut = "...";
  if (text.size() <= max || max <= kCut.size()) return std::string(text);
  const size_t keep = max - kCut.size();
  if (text.find('/') != std::string_view::npos) return std::string(kCut) + std::string(text.substr(text.size() - keep));
  return std::string(text.substr(0, keep)) + std::string(kCut);
}

std::string panel_label(size_t index, std::string_view text) {
  return "panel " + std::to_string(index) + " (\"" + display_label(text) + "\")";
}

}  // namespace wv::app
