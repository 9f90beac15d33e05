// model/weights_file.h — model weights as data: the safetensors layout, read and written without
// LibTorch (so it compiles fast and can be fuzzed). See docs/weights.md for the format and checks.
//
//   wv::Result<wv::model::WeightsFile> w = wv::model::load_weights("assets/models/toy.safetensors");
//   if (!w) { wv::log_error(w.error().message); return; }
//   for (const wv::model::WeightsTensor& t : w->tensors) use(t.name, t.dtype, t.shape, t.data);
//
//   wv::Status saved = wv::model::save_weights(path, tensors, {{"trained_steps", "2000"}});
//
// Files are hostile input: parse_weights checks every size, offset and field before anything
// points into the bytes, and each refusal names the file, the tensor (if any) and the reason.
// Ownership: a WeightsFile shares its bytes (copies are cheap); tensor spans stay valid for as
// long as any copy of the WeightsFile lives. All functions are thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wv/result.h"

namespace wv::model {

// The safetensors element types this project reads and writes (names as in the file).
// Unsigned 16/32/64-bit, BOOL and 8-bit floats are refused: LibTorch 1.13 has no use for them here.
enum class DType { F64, F32, F16, BF16, I64, I32, I16, I8, U8 };

std::string_view dtype_name(DType dtype);  // "F32"
std::optional<DType> dtype_from_name(std::string_view name);
std::size_t dtype_size(DType dtype);  // bytes per element

struct WeightsTensor {
  std::string name;
  DType dtype = DType::F32;
  std::vector<std::int64_t> shape;  // empty for a scalar
  std::span<const std::uint8_t> data;  // little-endian elements, row-major; size = elements x dtype_size
};

struct WeightsFile {
  std::string file_name;  // name_for_errors (the path, for load_weights): later messages start with it
  std::vector<WeightsTensor> tensors;  // sorted by name
  std::map<std::string, std::string> metadata;  // the header's "__metadata__" (may be empty)
  std::string sha256_hex;  // of the whole file, lower-case hex as printed by sha256sum
  std::shared_ptr<const std::vector<std::uint8_t>> bytes;  // the whole file; tensors point into it

  const WeightsTensor* find(std::string_view tensor_name) const;  // nullptr when absent
};

// Limits that bound memory and time on a hostile file. Built-in models are a few MB.
namespace weights_limits {
inline constexpr std::uint64_t kMaxFileBytes = std::uint64_t{1} << 30;  // 1 GiB
inline constexpr std::uint64_t kMaxHeaderBytes = 100'000'000;  // as the reference safetensors reader
inline constexpr std::size_t kMaxRank = 8;
}  // namespace weights_limits

// Parses a whole file's bytes (copied into the result). `name_for_errors` starts every message.
Result<WeightsFile> parse_weights(std::span<const std::uint8_t> bytes, const std::string& name_for_errors);

// Reads and parses `path`; refuses a missing file, a folder, and files over kMaxFileBytes.
Result<WeightsFile> load_weights(const std::string& path);

// The file layout for `tensors`: deterministic for the same input (header keys sorted by name,
// data ordered by element size then name so every tensor is aligned to its element size, data
// buffer starting at a multiple of 8). Names must be unique, non-empty and not "__metadata__",
// and each data span must match its shape and dtype: violations are programmer errors (assert).
std::vector<std::uint8_t> serialize_weights(std::span<const WeightsTensor> tensors,
                                            const std::map<std::string, std::string>& metadata);

// Writes serialize_weights(...) atomically: a temporary file beside `path`, synced, then renamed,
// so a crash leaves either the old file or the new one.
Status save_weights(const std::string& path, std::span<const WeightsTensor> tensors,
                    const std::map<std::string, std::string>& metadata);

}  // namespace wv::model
