// Helpers shared by the workspace tests: small documents with known line numbers, and checks
// that an error names the file, the line, the field and the reason.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "app/workspace/workspace.h"

namespace wv::app::test {

inline constexpr const char* kFile = "t.wv.json";

// A workspace whose panel list starts on line 5, so the first line of `panels` is line 5.
inline std::string with_panels(std::string_view panels) {
  return "{\n"
         "  \"format\": \"worldview-workspace\",\n"
         "  \"version\": 1,\n"
         "  \"panels\": [\n" +
         std::string(panels) + "\n  ]\n}\n";
}

// One panel on line 5 whose source fields (after "kind") are `source_fields`, on line 6.
inline std::string with_source(std::string_view source_fields) {
  return with_panels("    {\"source\": {\"kind\": \"toyworld\",\n" + std::string(source_fields) + "}}");
}

inline std::string error_of(std::string_view text) {
  const wv::Result<Workspace> result = parse_workspace(text, kFile);
  return result ? std::string("(no error)") : result.error().message;
}

// The message is "t.wv.json:<line>: <field>: ..." and contains `reason`.
inline void expect_error(std::string_view text, int line, std::string_view field, std::string_view reason) {
  const std::string message = error_of(text);
  const std::string prefix = std::string(kFile) + ":" + std::to_string(line) + ": " + std::string(field) + ": ";
  EXPECT_EQ(message.substr(0, prefix.size()), prefix) << message;
  EXPECT_NE(message.find(reason), std::string::npos) << "reason \"" << reason << "\" not in: " << message;
}

}  // namespace wv::app::test
