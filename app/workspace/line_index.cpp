#include "app/workspace/line_index.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "app/workspace/field_path.h"

namespace wv::app {
namespace {

// One open object or array whose children are recorded.
struct Level {
  bool is_object = false;
  std::size_t pointer_length = 0;  // the container's own path, to which a child's is appended
  std::size_t display_length = 0;
  std::size_t index = 0;           // arrays: the current element
  bool expect_key = false;         // objects: the next string is a key
};

unsigned hex_value(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  return static_cast<unsigned>(c - 'A' + 10);
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the string whose opening quote is at text[i]; returns the index after the closing
// quote. Keys must be decoded exactly as the parser does, or their pointers would not match.
std::size_t read_string(std::string_view text, std::size_t i, std::string* out) {
  ++i;
  while (i < text.size() && text[i] != '"') {
    if (text[i] != '\\') {
      if (out) *out += text[i];
      ++i;
      continue;
    }
    const char e = i + 1 < text.size() ? text[i + 1] : '"';
    if (e != 'u') {
      if (out) {
        const char* from = "\"\\/bfnrt";
        const char* to = "\"\\/\b\f\n\r\t";
        for (int k = 0; from[k]; ++k) {
          if (from[k] == e) *out += to[k];
        }
      }
      i += 2;
      continue;
    }
    std::uint32_t cp = 0;
    for (std::size_t k = i + 2; k < i + 6 && k < text.size(); ++k) cp = cp * 16 + hex_value(text[k]);
    i += 6;
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= text.size() && text[i] == '\\') {
      std::uint32_t low = 0;
      for (std::size_t k = i + 2; k < i + 6; ++k) low = low * 16 + hex_value(text[k]);
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      i += 6;
    }
    if (out) append_utf8(*out, cp);
  }
  return i + 1;
}

bool is_delimiter(char c) {
  return c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

}  // namespace

LineIndex LineIndex::build(std::string_view text) {
  LineIndex index;
  std::vector<Level> levels;
  FieldPath path;
  int line = 1;
  // Containers below the recorded ones are only counted, so depth costs no memory.
  std::size_t unrecorded_depth = 0;

  auto child_recordable = [&]() {
    if (index.lines_.size() >= kMaxEntries) return false;
    if (levels.empty()) return true;
    return levels.size() < kMaxDepth && (levels.back().is_object || levels.back().index < kMaxIndex);
  };
  auto record = [&]() {
    const auto [it, inserted] = index.lines_.emplace(path.pointer, line);
    if (!inserted && !index.duplicate_) index.duplicate_ = Duplicate{path.name(), line, it->second};
  };
  auto set_element_path = [&](Level& level) {
    path.pointer.resize(level.pointer_length);
    path.display.resize(level.display_length);
    path = path.index(level.index);
  };

  std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      ++i;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == ':') {
      ++i;
    } else if (unrecorded_depth > 0) {
      if (c == '{' || c == '[') ++unrecorded_depth;
      if (c == '}' || c == ']') --unrecorded_depth;
      i = c == '"' ? read_string(text, i, nullptr) : i + 1;
    } else if (levels.empty() && (c == ',' || c == '}' || c == ']')) {
      ++i;  // only in text that is not JSON (a caller's mistake): never step outside the stack
    } else if (c == ',') {
      Level& level = levels.back();
      if (level.is_object) {
        level.expect_key = true;
      } else {
        ++level.index;
        set_element_path(level);
      }
      ++i;
    } else if (c == '}' || c == ']') {
      levels.pop_back();
      ++i;
    } else if (c == '"' && !levels.empty() && levels.back().expect_key) {
      Level& level = levels.back();
      std::string key;
      i = read_string(text, i, &key);
      path.pointer.resize(level.pointer_length);
      path.display.resize(level.display_length);
      path = path.key(key);
      level.expect_key = false;
    } else if (!child_recordable()) {
      if (c == '{' || c == '[') {
        unrecorded_depth = 1;
        ++i;
      } else if (c == '"') {
        i = read_string(text, i, nullptr);
      } else {
        while (i < text.size() && !is_delimiter(text[i])) ++i;
      }
    } else if (c == '{' || c == '[') {
      record();
      Level level;
      level.is_object = c == '{';
      level.expect_key = level.is_object;
      level.pointer_length = path.pointer.size();
      level.display_length = path.display.size();
      levels.push_back(level);
      if (!level.is_object) set_element_path(levels.back());
      ++i;
    } else {
      record();
      if (c == '"') {
        i = read_string(text, i, nullptr);
      } else {
        while (i < text.size() && !is_delimiter(text[i])) ++i;
      }
    }
  }
  return index;
}

int LineIndex::line_of(std::string_view pointer) const {
  std::string key(pointer);
  while (true) {
    const auto it = lines_.find(key);
    if (it != lines_.end()) return it->second;
    if (key.empty()) return 1;
    key.resize(key.rfind('/'));
  }
}

int line_at_offset(std::string_view text, std::size_t offset) {
  const std::size_t end = std::min(offset, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
}

}  // namespace wv::app
