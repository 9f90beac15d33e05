// app/stats_command.h — `worldview stats --connect HOST:PORT`: a tethered server's figures
// (clients, frames, drops, bytes, per-stage latency p50/p95), printed one per line.
#pragma once

#include "app/remote_sources.h"

namespace CLI {
class App;
}

namespace wv::app {

CLI::App* add_stats_command(CLI::App& cli, RemoteOptions& remote);
int run_stats(const RemoteOptions& remote);

}  // namespace wv::app
