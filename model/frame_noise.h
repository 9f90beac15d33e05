// model/frame_noise.h — the engine's only source of randomness: the noise of frame i depends on
// (seed, i) alone, so regenerating from any saved state is exact without saving generator state.
//
//   at::Tensor n = frame_noise(seed, /*frame_index=*/12, info.step_noise_shape);  // [1, ...]
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace wv::model {

inline uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// Seed of frame `index`'s generator; mixing the index first keeps (seed, i) and (seed ^ i, 0)
// apart.
inline uint64_t frame_noise_seed(uint64_t seed, int64_t index) {
  return splitmix64(seed ^ splitmix64(uint64_t(index) + 0x5851f42d4c957f2dull));
}

// Standard normal float noise of shape [1, shape...] on the CPU (drawn there on every device, so
// a rollout's noise does not depend on where the model runs).
at::Tensor frame_noise(uint64_t seed, int64_t index, const std::vector<int64_t>& shape);

}  // namespace wv::model
