#include "app/workspace/json_fields.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "wv/log.h"

namespace wv::app {
namespace {

std::string type_mismatch(std::string_view expected, const nlohmann::ordered_json& value) {
  return "expected " + std::string(expected) + ", found " + value.type_name();
}

}  // namespace

double float_for_json(float value) {
  char text[32];
  const auto printed = std::to_chars(text, text + sizeof text, value);
  double shortest = 0.0;
  std::from_chars(text, printed.ptr, shortest);
  return shortest;
}

std::string FieldContext::at(const FieldPath& path, std::string_view message) const {
  return file_name + ":" + std::to_string(lines.line_of(path.pointer)) + ": " + path.name() + ": " +
         std::string(message);
}

void FieldContext::fail(const FieldPath& path, std::string_view reason) const {
  throw FieldError(at(path, reason));
}

void FieldContext::warn(const FieldPath& path, std::string_view reason) {
  std::string message;
  if (warning_count < kMaxWarnings) {
    message = at(path, reason);
  } else if (warning_count == kMaxWarnings) {
    message = file_name + ": more warnings not shown";
  }
  ++warning_count;
  if (message.empty()) return;
  wv::log_warn("workspace: " + message);
  if (warnings) warnings->push_back(std::move(message));
}

ObjectFields Field::object() const {
  if (!value_->is_object()) fail(type_mismatch("an object", *value_));
  return ObjectFields(*context_, *value_, path_);
}

std::vector<Field> Field::array(std::size_t max_items) const {
  if (!value_->is_array()) fail(type_mismatch("an array", *value_));
  if (value_->size() > max_items) {
    fail(std::to_string(value_->size()) + " items, at most " + std::to_string(max_items) +
         " allowed");
  }
  std::vector<Field> items;
  for (std::size_t i = 0; i < value_->size(); ++i) {
    items.emplace_back(*context_, (*value_)[i], path_.index(i));
  }
  return items;
}

std::string Field::string(std::size_t max_bytes) const {
  if (!value_->is_string()) fail(type_mismatch("a string", *value_));
  const auto& text = value_->get_ref<const std::string&>();
  if (text.size() > max_bytes) {
    fail("text of " + std::to_string(text.size()) + " bytes, at most " + std::to_string(max_bytes) +
         " allowed");
  }
  return text;
}

double Field::number(double min, double max) const {
  if (!value_->is_number()) fail(type_mismatch("a number", *value_));
  const double value = value_->get<double>();
  if (!std::isfinite(value) || value < min || value > max) {
    fail(format_number(value) + " is out of range (allowed: " + format_number(min) + " to " + format_number(max) +
         ")");
  }
  return value;
}

float Field::number_float(float min, float max) const {
  if (!value_->is_number()) fail(type_mismatch("a number", *value_));
  const double value = value_->get<double>();
  // Narrowing a double outside float's range is undefined, so that is tested first.
  const bool representable = std::isfinite(value) && std::fabs(value) <= std::numeric_limits<float>::max();
  const float narrowed = representable ? static_cast<float>(value) : 0.0f;
  if (!representable || narrowed < min || narrowed > max) {
    fail(format_number(value) + " is out of range (allowed: " + format_number(min) + " to " +
         format_number(max) + ")");
  }
  return narrowed;
}

std::int64_t Field::integer(std::int64_t min, std::int64_t max) const {
  if (!value_->is_number()) fail(type_mismatch("a whole number", *value_));
  const std::string range = " (allowed: whole numbers " + std::to_string(min) + " to " +
                            std::to_string(max) + ")";
  if (value_->is_number_float()) {
    const double value = value_->get<double>();
    // 128.0 is accepted as 128; the range test comes first so the cast below is defined.
    if (!(value >= static_cast<double>(min) && value <= static_cast<double>(max))) {
      fail(format_number(value) + " is out of range" + range);
    }
    if (value != std::floor(value)) fail(format_number(value) + " is not a whole number" + range);
    return static_cast<std::int64_t>(value);
  }
  if (value_->is_number_unsigned()) {
    // The parser stores every non-negative integer as unsigned, so both ends are tested here.
    const auto value = value_->get<std::uint64_t>();
    if (value > static_cast<std::uint64_t>(max) || static_cast<std::int64_t>(value) < min) {
      fail(std::to_string(value) + " is out of range" + range);
    }
    return static_cast<std::int64_t>(value);
  }
  const auto value = value_->get<std::int64_t>();
  if (value < min || value > max) fail(std::to_string(value) + " is out of range" + range);
  return value;
}

bool Field::boolean() const {
  if (!value_->is_boolean()) fail(type_mismatch("true or false", *value_));
  return value_->get<bool>();
}

std::uint64_t Field::unsigned_integer() const {
  if (!value_->is_number_integer()) {
    // Floats lose integer precision above 2^53, so they are never taken as a 64-bit value.
    fail(value_->is_number() ? "expected a whole number from 0 to 18446744073709551615, found " +
                                   format_number(value_->get<double>())
                             : type_mismatch("a whole number", *value_));
  }
  if (value_->is_number_unsigned()) return value_->get<std::uint64_t>();
  const auto value = value_->get<std::int64_t>();
  if (value < 0) fail(std::to_string(value) + " is negative (allowed: 0 to 18446744073709551615)");
  return static_cast<std::uint64_t>(value);
}

ObjectFields::ObjectFields(FieldContext& context, const nlohmann::ordered_json& object, FieldPath path)
    : context_(&context), object_(&object), path_(std::move(path)) {}

Field ObjectFields::required(std::string_view key) {
  std::optional<Field> field = optional(key);
  if (!field) context_->fail(path_.key(key), "missing field (required)");
  return *field;
}

std::optional<Field> ObjectFields::optional(std::string_view key) {
  if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
  const auto it = object_->find(key);
  if (it == object_->end()) return std::nullopt;
  return Field(*context_, *it, path_.key(key));
}

std::string ObjectFields::optional_string(std::string_view key, std::string fallback,
                                          std::size_t max_bytes) {
  const std::optional<Field> field = optional(key);
  return field ? field->string(max_bytes) : fallback;
}

double ObjectFields::optional_number(std::string_view key, double fallback, double min,
                                     double max) {
  const std::optional<Field> field = optional(key);
  return field ? field->number(min, max) : fallback;
}

float ObjectFields::optional_float(std::string_view key, float fallback, float min, float max) {
  const std::optional<Field> field = optional(key);
  return field ? field->number_float(min, max) : fallback;
}

void ObjectFields::warn_unknown() {
  for (const auto& [key, value] : object_->items()) {
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    std::string known;
    for (const std::string& name : known_) known += (known.empty() ? "" : ", ") + name;
    context_->warn(path_.key(key), "unknown field, ignored (known here: " + known + ")");
  }
}

}  // namespace wv::app
