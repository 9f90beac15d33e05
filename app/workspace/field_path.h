// app/workspace/field_path.h — how a value in a workspace file is named: a JSON pointer
// ("/panels/2/source/kind") to find its line, and the path users read in messages
// ("panels[2].source.kind").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace wv::app {

struct FieldPath {
  std::string pointer;  // RFC 6901; "" is the whole document
  std::string display;  // "" is the whole document

  FieldPath key(std::string_view name) const;
  FieldPath index(std::size_t i) const;
  // For messages: "panels[2].title", or "(top level)" for the document itself.
  std::string name() const;
};

// Appends "/name" with RFC 6901 escaping (~ as ~0, / as ~1).
void append_pointer_key(std::string& pointer, std::string_view name);
// Appends ".name", or ["name"] when the name is not a plain identifier.
void append_display_key(std::string& display, std::string_view name);

// `text` in double quotes for a message: control characters escaped, long text shortened.
std::string quote_for_message(std::string_view text);
// A number for a message: "4", "0.25", "1e+09".
std::string format_number(double value);

}  // namespace wv::app
