// app/workspace/json_document.h — a user's JSON file (a workspace, the trusted-models list)
// checked as text before any field is read: UTF-8 without NUL bytes, not blank, valid JSON, no
// key twice in one object. Each refusal is one line, "FILE:LINE: reason".
//
//   auto doc = parse_json_document(text, "demo.wv.json", {"a workspace file", "a worldview workspace"});
//   if (!doc) return doc.error();
//   FieldContext context{"demo.wv.json", std::move(doc->lines), warnings};
//   ... read doc->json with json_fields.h ...
//
// Pure function, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "app/workspace/line_index.h"
#include "wv/result.h"

namespace wv::app {

struct JsonDocument {
  nlohmann::ordered_json json;
  LineIndex lines;
};

// How refusals name the kind of file: "not UTF-8 text ...; <file_is> is UTF-8 JSON" and
// "empty file (expected <expected>)".
struct JsonFileKind {
  const char* file_is = "the file";
  const char* expected = "JSON";
};

wv::Result<JsonDocument> parse_json_document(std::string_view text, const std::string& file, const JsonFileKind& kind);

}  // namespace wv::app
