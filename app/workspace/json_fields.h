// app/workspace/json_fields.h — typed reading of a parsed JSON document where every refusal
// names the file, the line and the field: "demo.wv.json:14: panels[2].width_m: ...".
//
//   FieldContext context{"demo.wv.json", LineIndex::build(text), warnings};
//   ObjectFields panel = Field{context, json, FieldPath{}}.object();
//   float width_m = panel.optional_float("width_m", 1.0f, 0.05f, 50.0f);
//   panel.warn_unknown();  // every key not read above
//
// A refusal throws FieldError, which parse_workspace turns into wv::Error; nothing else in the
// module sees it. Reading stops at the first refusal, so the user fixes one thing at a time in
// the order of the file's structure.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/workspace/field_path.h"
#include "app/workspace/line_index.h"

namespace wv::app {

struct FieldError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What every field read needs to report: the file name, the lines, and where warnings go.
struct FieldContext {
  std::string file_name;
  LineIndex lines;
  std::vector<std::string>* warnings = nullptr;  // may be null: warnings are logged either way
  std::size_t warning_count = 0;

  static constexpr std::size_t kMaxWarnings = 32;  // a file of junk keys must not flood the log

  // "file:line: message"
  std::string at(const FieldPath& path, std::string_view message) const;
  [[noreturn]] void fail(const FieldPath& path, std::string_view reason) const;
  void warn(const FieldPath& path, std::string_view reason);
};

class ObjectFields;

// One value of the document and where it is.
class Field {
 public:
  Field(FieldContext& context, const nlohmann::ordered_json& value, FieldPath path)
      : context_(&context), value_(&value), path_(std::move(path)) {}

  const FieldPath& path() const { return path_; }
  const nlohmann::ordered_json& json() const { return *value_; }
  [[noreturn]] void fail(std::string_view reason) const { context_->fail(path_, reason); }

  ObjectFields object() const;
  // The elements of an array of at most max_items.
  std::vector<Field> array(std::size_t max_items) const;
  std::string string(std::size_t max_bytes) const;
  double number(double min, double max) const;  // finite, in [min, max]
  float number_float(float min, float max) const;  // compared as float, so 0.05 passes min 0.05f
  std::int64_t integer(std::int64_t min, std::int64_t max) const;  // whole numbers only
  std::uint64_t unsigned_integer() const;
  bool boolean() const;  // true or false, nothing else

 private:
  FieldContext* context_;
  const nlohmann::ordered_json* value_;
  FieldPath path_;
};

// An object whose keys are read by name; warn_unknown() reports the keys no one read.
class ObjectFields {
 public:
  ObjectFields(FieldContext& context, const nlohmann::ordered_json& object, FieldPath path);

  const FieldPath& path() const { return path_; }
  Field required(std::string_view key);  // refuses with "missing field" when absent
  std::optional<Field> optional(std::string_view key);

  std::string optional_string(std::string_view key, std::string fallback, std::size_t max_bytes);
  double optional_number(std::string_view key, double fallback, double min, double max);
  float optional_float(std::string_view key, float fallback, float min, float max);

  // Warns about each key that was never asked for, listing the ones that were.
  void warn_unknown();

 private:
  FieldContext* context_;
  const nlohmann::ordered_json* object_;
  FieldPath path_;
  std::vector<std::string> known_;  // every key asked for, present or not, in asking order
};

// The double that prints as the float's shortest form (1.1f -> 1.1, not 1.100000023841858) and
// reads back as the same float: for writing floats into files people read.
double float_for_json(float value);

}  // namespace wv::app
