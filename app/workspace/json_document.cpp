#include "app/workspace/json_document.h"

#include <cstdio>
#include <optional>

#include "app/workspace/utf8.h"

namespace wv::app {
namespace {

using Json = nlohmann::ordered_json;

// The DOM builder, keeping the byte position of a syntax error (json::parse throws it away for
// number overflows such as 1e400).
struct DomParserWithErrorOffset : nlohmann::detail::json_sax_dom_parser<Json> {
  using json_sax_dom_parser::json_sax_dom_parser;

  template <typename Exception>
  bool parse_error(std::size_t offset, const std::string& /*last_token*/, const Exception& error) {
    error_offset = offset;
    error_message = error.what();
    return false;
  }

  std::size_t error_offset = 0;
  std::string error_message;
};

// "[json.exception.parse_error.101] parse error at line 2, column 2: syntax error ..." -> the
// reason alone; the line comes from our own count.
std::string reason_from_parser_message(const std::string& message) {
  std::size_t start = message.find("] ");
  start = start == std::string::npos ? 0 : start + 2;
  const std::size_t column = message.find("column ", start);
  if (column != std::string::npos) {
    const std::size_t colon = message.find(": ", column);
    if (colon != std::string::npos) start = colon + 2;
  }
  return message.substr(start);
}

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace

wv::Result<JsonDocument> parse_json_document(std::string_view text, const std::string& file, const JsonFileKind& kind) {
  // The JSON parser takes a NUL byte for the end of the input, so one would hide what follows.
  std::optional<std::size_t> bad = find_invalid_utf8(text);
  const std::size_t nul = text.find('\0');
  if (nul != std::string_view::npos && (!bad || nul < *bad)) bad = nul;
  if (bad) {
    const std::size_t line_start = text.rfind('\n', *bad);
    const std::size_t column = line_start == std::string_view::npos ? *bad + 1 : *bad - line_start;
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[*bad])));
    return Error{file + ":" + std::to_string(line_at_offset(text, *bad)) + ": not UTF-8 text (byte " + byte +
                 " at column " + std::to_string(column) + "); " + kind.file_is +
                 " is UTF-8 JSON: is this the right file?"};
  }
  if (is_blank(text)) return Error{file + ":1: empty file (expected " + kind.expected + ")"};

  JsonDocument doc;
  DomParserWithErrorOffset parser(doc.json, /*allow_exceptions=*/false);
  if (!Json::sax_parse(text, &parser)) {
    const std::size_t offset = parser.error_offset > 0 ? parser.error_offset - 1 : 0;
    std::string message = file + ":" + std::to_string(line_at_offset(text, offset)) +
                          ": not valid JSON: " + reason_from_parser_message(parser.error_message);
    if (offset >= text.size()) message += " (the file ends early: is it truncated?)";
    return Error{std::move(message)};
  }
  doc.lines = LineIndex::build(text);
  if (const auto& duplicate = doc.lines.first_duplicate()) {
    return Error{file + ":" + std::to_string(duplicate->line) + ": " + duplicate->display +
                 ": appears twice in the same object (first on line " + std::to_string(duplicate->first_line) +
                 "); keep one"};
  }
  return doc;
}

}  // namespace wv::app
