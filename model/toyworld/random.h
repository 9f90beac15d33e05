// model/toyworld/random.h — toyworld's own generator (SplitMix64), so that worlds drawn from a
// seed are the same with every standard library (std:: distributions are not).
#pragma once

#include <cstdint>

namespace wv::toyworld {

// Advances `state` and returns 64 fresh bits.
inline uint64_t next_u64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Uniform in [lo, hi), from the top 53 bits.
inline double next_uniform(uint64_t& state, double lo, double hi) {
  const double unit = double(next_u64(state) >> 11) * (1.0 / 9007199254740992.0);
  return lo + (hi - lo) * unit;
}

}  // namespace wv::toyworld
