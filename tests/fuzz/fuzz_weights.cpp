// Fuzzes parse_weights (weights files may come from anywhere). Beyond "no crash": a refusal names
// the file, and an accepted file's tensors lie inside its data buffer, hold exactly the bytes
// their shape and dtype need, tile that buffer, and survive a serialize/parse round trip.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>

#include "model/weights_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string name = "fuzz.safetensors";
  const wv::Result<wv::model::WeightsFile> file = wv::model::parse_weights(std::span(data, size), name);
  if (!file) {
    if (file.error().message.rfind(name + ": ", 0) != 0) std::abort();
    return 0;
  }
  std::uint64_t header_size = 0;
  for (int i = 7; i >= 0; --i) header_size = (header_size << 8) | data[i];
  const std::uint8_t* buffer = file->bytes->data() + 8 + header_size;
  const std::uint8_t* end = file->bytes->data() + file->bytes->size();
  std::size_t covered = 0;
  for (const wv::model::WeightsTensor& t : file->tensors) {
    if (!t.data.empty() && (t.data.data() < buffer || t.data.data() + t.data.size() > end)) std::abort();
    std::size_t bytes = wv::model::dtype_size(t.dtype);
    for (const std::int64_t side : t.shape) bytes *= static_cast<std::size_t>(side);
    if (bytes != t.data.size()) std::abort();
    covered += bytes;
  }
  if (covered != static_cast<std::size_t>(end - buffer)) std::abort();
  const wv::Result<wv::model::WeightsFile> again =
      wv::model::parse_weights(wv::model::serialize_weights(file->tensors, file->metadata), "again.safetensors");
  if (!again || again->tensors.size() != file->tensors.size() || again->metadata != file->metadata) std::abort();
  for (std::size_t i = 0; i < file->tensors.size(); ++i) {
    const wv::model::WeightsTensor& a = file->tensors[i];
    const wv::model::WeightsTensor& b = again->tensors[i];
    if (a.name != b.name || a.dtype != b.dtype || a.shape != b.shape ||
        !std::equal(a.data.begin(), a.data.end(), b.data.begin(), b.data.end())) {
      std::abort();
    }
  }
  return 0;
}
