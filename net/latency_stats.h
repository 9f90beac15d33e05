// net/latency_stats.h — per-stage latency telemetry of tethered frames: the last N samples of
// each stage, and their percentiles (docs/protocol.md §5).
//
//   wv::net::LatencyStats stats;
//   stats.add(wv::net::Stage::Encode, 1.7);       // milliseconds
//   double p95 = stats.percentile(wv::net::Stage::Encode, 0.95);
//
// Thread-safe: add() from the network or encode thread, reads from any other.
#pragma once

#include <array>
#include <cstddef>
#include <mutex>
#include <vector>

namespace wv::net {

// Stages a tethered frame passes, in order. Inference, Encode and Queue are measured by the
// server; Network (send to arrival, same-host clocks only), Decode and Display by the client.
enum class Stage { Inference, Encode, Queue, Network, Decode, Display, Count };

const char* stage_name(Stage stage);  // "inference", "encode", ...

class LatencyStats {
 public:
  static constexpr size_t kWindow = 1024;  // samples kept per stage

  void add(Stage stage, double ms);
  // q in [0, 1]; -1 when the stage has no samples.
  double percentile(Stage stage, double q) const;
  size_t count(Stage stage) const;

 private:
  mutable std::mutex mutex_;
  std::array<std::vector<double>, size_t(Stage::Count)> samples_;
  std::array<size_t, size_t(Stage::Count)> next_{};  // ring position once a window is full
};

}  // namespace wv::net
