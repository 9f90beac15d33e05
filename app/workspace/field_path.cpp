#include "app/workspace/field_path.h"

#include <cstdio>

namespace wv::app {
namespace {
constexpr std::size_t kMaxQuotedBytes = 60;

bool is_identifier(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}
}  // namespace

FieldPath FieldPath::key(std::string_view name) const {
  FieldPath child = *this;
  append_pointer_key(child.pointer, name);
  append_display_key(child.display, name);
  return child;
}

FieldPath FieldPath::index(std::size_t i) const {
  FieldPath child = *this;
  child.pointer += '/' + std::to_string(i);
  child.display += '[' + std::to_string(i) + ']';
  return child;
}

std::string FieldPath::name() const { return display.empty() ? "(top level)" : display; }

void append_pointer_key(std::string& pointer, std::string_view name) {
  pointer += '/';
  for (char c : name) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer += c;
    }
  }
}

void append_display_key(std::string& display, std::string_view name) {
  if (is_identifier(name)) {
    if (!display.empty()) display += '.';
    display += name;
  } else {
    display += '[' + quote_for_message(name) + ']';
  }
}

std::string quote_for_message(std::string_view text) {
  std::string out = "\"";
  std::size_t taken = 0;
  for (; taken < text.size() && taken < kMaxQuotedBytes; ++taken) {
    const char c = text[taken];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  // Cut on a character boundary so a shortened message stays valid UTF-8.
  if (taken < text.size()) {
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
    out += "...";
  }
  return out + '"';
}

std::string format_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.7g", value);
  return text;
}

}  // namespace wv::app
