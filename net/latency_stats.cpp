#include "net/latency_stats.h"

#include <algorithm>
#include <cmath>

namespace wv::net {

const char* stage_name(Stage stage) {
  switch (stage) {
    case Stage::Inference: return "inference";
    case Stage::Encode: return "encode";
    case Stage::Queue: return "queue";
    case Stage::Network: return "network";
    case Stage::Decode: return "decode";
    case Stage::Display: return "display";
    case Stage::Count: break;
  }
  return "?";
}

void LatencyStats::add(Stage stage, double ms) {
  std::lock_guard lock(mutex_);
  std::vector<double>& s = samples_[size_t(stage)];
  size_t& next = next_[size_t(stage)];
  if (s.size() < kWindow) {
    s.push_back(ms);
  } else {
    s[next] = ms;
    next = (next + 1) % kWindow;
  }
}

double LatencyStats::percentile(Stage stage, double q) const {
  std::vector<double> s;
  {
    std::lock_guard lock(mutex_);
    s = samples_[size_t(stage)];
  }
  if (s.empty()) return -1.0;
  const size_t k = std::min(s.size() - 1, size_t(std::ceil(q * double(s.size()))) - (q > 0 ? 1 : 0));
  std::nth_element(s.begin(), s.begin() + std::ptrdiff_t(k), s.end());
  return s[k];
}

size_t LatencyStats::count(Stage stage) const {
  std::lock_guard lock(mutex_);
  return samples_[size_t(stage)].size();
}

}  // namespace wv::net
