// net/server_shared.h — internal: what the server and its connections share (settings, the host,
// counters, stage latencies). Counters are atomics; LatencyStats locks itself.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "net/latency_stats.h"
#include "net/rollout_host.h"
#include "net/server.h"

namespace wv::net {

struct ServerShared {
  ServerParams params;
  RolloutHost* host = nullptr;
  std::atomic<int64_t> clients_now{0}, clients_total{0}, refused{0}, protocol_errors{0};
  std::atomic<int64_t> rollouts_open{0}, frames_sent{0}, frames_dropped{0}, bytes_sent{0};
  LatencyStats stages;

  std::vector<StatFigure> figures() const;
};

}  // namespace wv::net
