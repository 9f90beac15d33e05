// serialize_weights: the safetensors layout, byte-identical for the same tensors and metadata.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "model/weights_file.h"

namespace wv::model {

std::vector<std::uint8_t> serialize_weights(std::span<const WeightsTensor> tensors,
                                            const std::map<std::string, std::string>& metadata) {
  // Larger elements first: with the data buffer starting at a multiple of 8, every tensor then
  // starts at a multiple of its element size without padding (the format forbids gaps).
  std::vector<const WeightsTensor*> order;
  for (const WeightsTensor& t : tensors) order.push_back(&t);
  std::sort(order.begin(), order.end(), [](const WeightsTensor* a, const WeightsTensor* b) {
    const std::size_t size_a = dtype_size(a->dtype), size_b = dtype_size(b->dtype);
    return size_a != size_b ? size_a > size_b : a->name < b->name;
  });

  nlohmann::json header = nlohmann::json::object();  // a std::map: keys come out sorted
  std::uint64_t offset = 0;
  for (const WeightsTensor* t : order) {
    WV_ASSERT(!t->name.empty() && t->name != "__metadata__" && !header.contains(t->name));
    WV_ASSERT(t->shape.size() <= weights_limits::kMaxRank);
    std::uint64_t bytes = dtype_size(t->dtype);
    for (const std::int64_t side : t->shape) {
      WV_ASSERT(side >= 0);
      bytes *= static_cast<std::uint64_t>(side);
    }
    WV_ASSERT(t->data.size() == bytes);
    header[t->name] = {{"dtype", dtype_name(t->dtype)},
                       {"shape", t->shape},
                       {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }
  if (!metadata.empty()) header["__metadata__"] = metadata;

  std::string text;
  bool valid_utf8 = true;
  try {
    text = header.dump();
  } catch (const nlohmann::json::type_error&) {
    valid_utf8 = false;
  }
  WV_ASSERT(valid_utf8 && "tensor names and metadata must be valid UTF-8");
  text.append((8 - text.size() % 8) % 8, ' ');  // trailing spaces are JSON whitespace

  std::vector<std::uint8_t> out;
  out.reserve(8 + text.size() + offset);
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::uint8_t>(static_cast<std::uint64_t>(text.size()) >> (8 * i)));
  out.insert(out.end(), text.begin(), text.end());
  for (const WeightsTensor* t : order) out.insert(out.end(), t->data.begin(), t->data.end());
  return out;
}

}  // namespace wv::model
