// parse_weights: the hostile-input side of weights files. Every size, offset and field is checked
// before a span points into the bytes, from the outside in: the length field, the header's JSON,
// each tensor (in name order), then how the tensors tile the data buffer. The first problem found
// is reported.
#include "model/weights_file.h"

#include <algorithm>
#include <array>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "model/sha256.h"

namespace wv::model {
namespace {

using Json = nlohmann::json;

struct DTypeInfo {
  DType dtype;
  std::string_view name;
  std::size_t size;
};
constexpr std::array<DTypeInfo, 9> kDTypes = {{{DType::F64, "F64", 8},
                                               {DType::F32, "F32", 4},
                                               {DType::F16, "F16", 2},
                                               {DType::BF16, "BF16", 2},
                                               {DType::I64, "I64", 8},
                                               {DType::I32, "I32", 4},
                                               {DType::I16, "I16", 2},
                                               {DType::I8, "I8", 1},
                                               {DType::U8, "U8", 1}}};

constexpr std::string_view kMetadataKey = "__metadata__";

// Thrown from the JSON parser's callback, which has no other way to stop the parse.
struct HeaderRefusal {
  std::string reason;
};

// A name as it appears in a message: quoted, control characters escaped, long names cut at a
// UTF-8 character boundary (the header is valid UTF-8 by the time names are quoted).
std::string quote_name(std::string_view name) {
  constexpr std::size_t kMaxShown = 200;
  std::size_t shown = std::min(name.size(), kMaxShown);
  while (shown < name.size() && shown > 0 && (static_cast<std::uint8_t>(name[shown]) & 0xC0) == 0x80) --shown;
  std::string out = "'";
  for (std::size_t i = 0; i < shown; ++i) {
    const auto c = static_cast<std::uint8_t>(name[i]);
    if (c < 0x20 || c == 0x7F) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += static_cast<char>(c);
    }
  }
  out += shown < name.size() ? "'..." : "'";
  return out;
}

std::string shape_text(const std::vector<std::int64_t>& shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

// nlohmann's messages end with "; last read: '<input bytes>'", which may be invalid UTF-8; the
// position and the reason before it are what a reader needs.
std::string json_error_reason(const Json::exception& e) {
  std::string text = e.what();
  const std::size_t prefix_end = text.find("] ");
  if (prefix_end != std::string::npos) text.erase(0, prefix_end + 2);
  const std::size_t last_read = text.find("; last read");
  if (last_read != std::string::npos) text.erase(last_read);
  return text;
}

// Parses the header, refusing duplicate keys (nlohmann keeps the last silently, which would hide
// a second tensor of the same name) and nesting deeper than a valid header has.
Json parse_header(std::string_view text) {
  constexpr int kMaxDepth = 2;  // header object > tensor object > shape / data_offsets arrays
  std::vector<std::set<std::string>> open_objects;
  const Json::parser_callback_t check = [&](int depth, Json::parse_event_t event, Json& parsed) {
    if ((event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start) &&
        depth > kMaxDepth) {
      throw HeaderRefusal{"header nests deeper than a weights header can (depth " + std::to_string(depth) + ")"};
    }
    if (event == Json::parse_event_t::object_start) open_objects.emplace_back();
    if (event == Json::parse_event_t::object_end) open_objects.pop_back();
    if (event == Json::parse_event_t::key) {
      const std::string& key = parsed.get_ref<const std::string&>();
      if (!open_objects.back().insert(key).second) {
        throw HeaderRefusal{open_objects.size() == 1 ? "tensor " + quote_name(key) + " appears twice in the header"
                                                     : "field " + quote_name(key) + " appears twice in one object"};
      }
    }
    return true;
  };
  try {
    return Json::parse(text, check);
  } catch (const Json::exception& e) {
    throw HeaderRefusal{"header is not valid JSON (" + json_error_reason(e) + ")"};
  }
}

// A non-negative whole number that fits in `max`, or a refusal naming `what`.
std::uint64_t read_count(const Json& value, const std::string& what, std::uint64_t max) {
  std::uint64_t count = 0;
  if (value.is_number_unsigned()) {
    count = value.get<std::uint64_t>();
  } else if (value.is_number_integer()) {  // nlohmann parses "-0" as a signed zero
    const auto signed_value = value.get<std::int64_t>();
    if (signed_value < 0) throw HeaderRefusal{what + " is negative (" + value.dump() + ")"};
    count = static_cast<std::uint64_t>(signed_value);
  } else if (value.is_number_float()) {
    const double number = value.get<double>();
    if (number < 0) throw HeaderRefusal{what + " is negative (" + value.dump() + ")"};
    if (!(number < 18446744073709551616.0)) throw HeaderRefusal{what + " overflows (" + value.dump() + ")"};
    throw HeaderRefusal{what + " must be an integer without fraction or exponent, found " + value.dump()};
  } else {
    throw HeaderRefusal{what + " must be a number, found " + std::string(value.type_name())};
  }
  if (count > max) throw HeaderRefusal{what + " overflows (" + std::to_string(count) + ")"};
  return count;
}

struct ParsedTensor {
  WeightsTensor tensor;
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
};

ParsedTensor parse_tensor(const std::string& name, const Json& entry, std::uint64_t data_size) {
  const std::string where = "tensor " + quote_name(name) + ": ";
  if (name.empty()) throw HeaderRefusal{"a tensor has an empty name"};
  if (!entry.is_object()) {
    throw HeaderRefusal{where + "expected an object with dtype, shape and data_offsets, found " +
                        std::string(entry.type_name())};
  }
  for (const auto& [key, unused] : entry.items()) {
    if (key != "dtype" && key != "shape" && key != "data_offsets") {
      throw HeaderRefusal{where + "unknown field " + quote_name(key) + " (a tensor has dtype, shape, data_offsets)"};
    }
  }
  for (const char* key : {"dtype", "shape", "data_offsets"}) {
    if (!entry.contains(key)) throw HeaderRefusal{where + "missing field '" + key + "'"};
  }

  ParsedTensor parsed;
  parsed.tensor.name = name;
  const Json& dtype = entry["dtype"];
  if (!dtype.is_string()) throw HeaderRefusal{where + "dtype must be a string, found " + std::string(dtype.type_name())};
  const std::optional<DType> known = dtype_from_name(dtype.get_ref<const std::string&>());
  if (!known) {
    std::string names;
    for (const DTypeInfo& info : kDTypes) names += (names.empty() ? "" : ", ") + std::string(info.name);
    throw HeaderRefusal{where + "unknown dtype " + quote_name(dtype.get_ref<const std::string&>()) + " (known: " + names + ")"};
  }
  parsed.tensor.dtype = *known;

  const Json& shape = entry["shape"];
  if (!shape.is_array()) throw HeaderRefusal{where + "shape must be an array, found " + std::string(shape.type_name())};
  if (shape.size() > weights_limits::kMaxRank) {
    throw HeaderRefusal{where + "shape has " + std::to_string(shape.size()) + " dimensions, at most " +
                        std::to_string(weights_limits::kMaxRank)};
  }
  std::uint64_t bytes = dtype_size(*known);
  bool bytes_overflow = false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const std::uint64_t side = read_count(shape[i], where + "shape[" + std::to_string(i) + "]",
                                          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
    parsed.tensor.shape.push_back(static_cast<std::int64_t>(side));
    bytes_overflow = bytes_overflow || __builtin_mul_overflow(bytes, side, &bytes);
  }
  // A zero side makes any earlier overflow harmless: the tensor is empty.
  const bool empty = std::find(parsed.tensor.shape.begin(), parsed.tensor.shape.end(), 0) != parsed.tensor.shape.end();
  if (bytes_overflow && !empty) {
    throw HeaderRefusal{where + "shape " + shape_text(parsed.tensor.shape) + " overflows (more than 2^64 bytes)"};
  }
  if (empty) bytes = 0;

  const Json& offsets = entry["data_offsets"];
  if (!offsets.is_array() || offsets.size() != 2) {
    throw HeaderRefusal{where + "data_offsets must be an array [begin, end], found " + offsets.dump()};
  }
  const std::uint64_t no_limit = std::numeric_limits<std::uint64_t>::max();
  parsed.begin = read_count(offsets[0], where + "data_offsets[0]", no_limit);
  parsed.end = read_count(offsets[1], where + "data_offsets[1]", no_limit);
  const std::string range = "[" + std::to_string(parsed.begin) + ", " + std::to_string(parsed.end) + "]";
  if (parsed.end < parsed.begin) throw HeaderRefusal{where + "data_offsets " + range + " end before they begin"};
  if (parsed.end > data_size) {
    throw HeaderRefusal{where + "data_offsets " + range + " run past the end of the data (" +
                        std::to_string(data_size) + " bytes)"};
  }
  if (parsed.end - parsed.begin != bytes) {
    throw HeaderRefusal{where + "shape " + shape_text(parsed.tensor.shape) + " of " + std::string(dtype_name(*known)) +
                        " needs " + std::to_string(bytes) + " bytes, data_offsets " + range + " hold " +
                        std::to_string(parsed.end - parsed.begin)};
  }
  return parsed;
}

std::map<std::string, std::string> parse_metadata(const Json& metadata) {
  if (!metadata.is_object()) {
    throw HeaderRefusal{"__metadata__ must be an object of strings, found " + std::string(metadata.type_name())};
  }
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : metadata.items()) {
    if (!value.is_string()) {
      throw HeaderRefusal{"__metadata__ " + quote_name(key) + " must be a string, found " + std::string(value.type_name())};
    }
    out.emplace(key, value.get<std::string>());
  }
  return out;
}

// The format requires the tensors to tile the data buffer exactly: no overlaps, no gaps, no tail.
void check_coverage(const std::vector<ParsedTensor>& tensors, std::uint64_t data_size) {
  std::vector<const ParsedTensor*> by_offset;
  for (const ParsedTensor& t : tensors) by_offset.push_back(&t);
  std::sort(by_offset.begin(), by_offset.end(), [](const ParsedTensor* a, const ParsedTensor* b) {
    return a->begin != b->begin ? a->begin < b->begin : a->end < b->end;
  });
  std::uint64_t covered = 0;
  const ParsedTensor* previous = nullptr;
  for (const ParsedTensor* t : by_offset) {
    if (t->begin < covered) {
      throw HeaderRefusal{"tensors " + quote_name(previous->tensor.name) + " and " + quote_name(t->tensor.name) +
                          " overlap (bytes " + std::to_string(t->begin) + " to " + std::to_string(covered) + ")"};
    }
    if (t->begin > covered) {
      throw HeaderRefusal{"data bytes " + std::to_string(covered) + " to " + std::to_string(t->begin) +
                          " belong to no tensor (a gap before tensor " + quote_name(t->tensor.name) + ")"};
    }
    covered = t->end;
    previous = t;
  }
  if (covered != data_size) {
    throw HeaderRefusal{"data bytes " + std::to_string(covered) + " to " + std::to_string(data_size) +
                        " belong to no tensor (trailing bytes after the last tensor)"};
  }
}

}  // namespace

std::string_view dtype_name(DType dtype) {
  for (const DTypeInfo& info : kDTypes) {
    if (info.dtype == dtype) return info.name;
  }
  WV_ASSERT(false && "every DType has a row in kDTypes");
  return {};
}

std::optional<DType> dtype_from_name(std::string_view name) {
  for (const DTypeInfo& info : kDTypes) {
    if (info.name == name) return info.dtype;
  }
  return std::nullopt;
}

std::size_t dtype_size(DType dtype) {
  for (const DTypeInfo& info : kDTypes) {
    if (info.dtype == dtype) return info.size;
  }
  WV_ASSERT(false && "every DType has a row in kDTypes");
  return 0;
}

const WeightsTensor* WeightsFile::find(std::string_view tensor_name) const {
  const auto it = std::lower_bound(tensors.begin(), tensors.end(), tensor_name,
                                   [](const WeightsTensor& t, std::string_view n) { return t.name < n; });
  return it != tensors.end() && it->name == tensor_name ? &*it : nullptr;
}

Result<WeightsFile> parse_weights(std::span<const std::uint8_t> bytes, const std::string& name_for_errors) {
  const auto fail = [&](const std::string& reason) { return Error{name_for_errors + ": " + reason}; };
  if (bytes.size() < 8) {
    return fail("truncated: " + std::to_string(bytes.size()) +
                " bytes, a weights file starts with an 8-byte header length");
  }
  std::uint64_t header_size = 0;
  for (int i = 7; i >= 0; --i) header_size = (header_size << 8) | bytes[static_cast<std::size_t>(i)];
  const std::uint64_t after_length = bytes.size() - 8;
  if (header_size > weights_limits::kMaxHeaderBytes) {
    return fail("header length " + std::to_string(header_size) + " is over the limit of " +
                std::to_string(weights_limits::kMaxHeaderBytes) + " bytes");
  }
  if (header_size > after_length) {
    return fail("truncated: header length " + std::to_string(header_size) + " runs past the end of the file (" +
                std::to_string(after_length) + " bytes follow the length)");
  }

  WeightsFile file;
  file.file_name = name_for_errors;
  file.bytes = std::make_shared<const std::vector<std::uint8_t>>(bytes.begin(), bytes.end());
  const std::span<const std::uint8_t> owned(*file.bytes);
  const std::span<const std::uint8_t> header_bytes = owned.subspan(8, header_size);
  const std::span<const std::uint8_t> data = owned.subspan(8 + header_size);
  try {
    const Json header =
        parse_header(std::string_view(reinterpret_cast<const char*>(header_bytes.data()), header_bytes.size()));
    if (!header.is_object()) throw HeaderRefusal{"header must be a JSON object, found " + std::string(header.type_name())};
    std::vector<ParsedTensor> parsed;
    for (const auto& [name, entry] : header.items()) {  // sorted by name: nlohmann objects are std::maps
      if (name == kMetadataKey) {
        file.metadata = parse_metadata(entry);
      } else {
        parsed.push_back(parse_tensor(name, entry, data.size()));
      }
    }
    check_coverage(parsed, data.size());
    for (ParsedTensor& p : parsed) {
      p.tensor.data = data.subspan(p.begin, p.end - p.begin);
      file.tensors.push_back(std::move(p.tensor));
    }
  } catch (const HeaderRefusal& refusal) {
    return fail(refusal.reason);
  }
  file.sha256_hex = sha256_hex(owned);
  return file;
}

}  // namespace wv::model
