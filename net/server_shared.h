// net/server_shared.h — internal: what the server and its connections share (settings, the host,
// the loader thread, counters, stage latencies). Counters are atomics; LatencyStats locks itself.
#pragma once

#include <asio/thread_pool.hpp>

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
  // Runs RolloutHost::open (a model may take seconds to load) off the network thread, one at a
  // time; connections post their Opens here and get the answer back on the network thread.
  asio::thread_pool loader{1};
  std::atomic<int64_t> clients_now{0}, clients_total{0}, refused{0}, protocol_errors{0};
  std::atomic<int64_t> rollouts_open{0}, frames_sent{0}, frames_dropped{0}, bytes_sent{0};
  LatencyStats stages;

  std::vector<StatFigure> figures() const;
};

}  // namespace wv::net
