// app/workspace/line_index.h — the line of each value in a JSON text, so that errors about a
// field of a syntactically valid file can say where it is (nlohmann::json keeps no positions).
//
//   LineIndex lines = LineIndex::build(text);         // after the text parsed as JSON
//   int line = lines.line_of("/panels/2/source/kind");  // 14
//
// A single pass over text the JSON parser has already accepted, so it trusts the structure and
// only follows nesting, keys and array positions. Memory is bounded for hostile files: values
// deeper than kMaxDepth, past array position kMaxIndex or beyond kMaxEntries are not recorded
// (no field of the schema lies there), and asking for them gives the nearest recorded ancestor.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace wv::app {

class LineIndex {
 public:
  static constexpr std::size_t kMaxDepth = 8;
  static constexpr std::size_t kMaxIndex = 4096;
  static constexpr std::size_t kMaxEntries = 1u << 16;

  // A key that appears twice in one object (the JSON parser silently keeps the last one).
  struct Duplicate {
    std::string display;  // "panels[0].title"
    int line = 0;         // the second occurrence
    int first_line = 0;
  };

  // `text` must be valid JSON (a UTF-8 byte-order mark at the start is skipped).
  static LineIndex build(std::string_view text);

  // The 1-based line where the value at `pointer` starts; for a pointer that was not recorded
  // (a missing field), the line of its nearest recorded ancestor; 1 when nothing matches.
  int line_of(std::string_view pointer) const;

  const std::optional<Duplicate>& first_duplicate() const { return duplicate_; }

 private:
  std::unordered_map<std::string, int> lines_;
  std::optional<Duplicate> duplicate_;
};

// The 1-based line of byte `offset` in `text` (an offset past the end gives the last line).
int line_at_offset(std::string_view text, std::size_t offset);

}  // namespace wv::app
