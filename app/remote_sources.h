// app/remote_sources.h — rollout panels computed by a tethered server (`--connect HOST:PORT`):
// a workspace's rollout sources opened as net::RemoteRollouts, which panels play like local
// rollouts (DESIGN.md §3).
//
//   auto remote = wv::app::RemoteSources::connect({.server = "127.0.0.1:7420", .token_file = "token"});
//   auto source = (*remote)->open(spec.rollout, "panel 2");   // a wv::FrameSource
//
// Threading: open() and report() from the thread that owns the panels.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/workspace/workspace.h"
#include "wv/frame_source.h"
#include "wv/result.h"

namespace wv::net {
class Client;
class RemoteRollout;
}  // namespace wv::net

namespace wv::app {

struct RemoteOptions {
  std::string server;      // HOST:PORT; empty: no tethered server
  std::string token_file;  // empty: no token (a loopback server without one)
  std::string codec = "auto";  // auto, raw or h264
};

class RemoteSources {
 public:
  // Errors name the server and the reason (bad address, unreadable token file, unreachable, refused).
  static Result<std::unique_ptr<RemoteSources>> connect(const RemoteOptions& options);
  ~RemoteSources();

  Result<std::shared_ptr<wv::FrameSource>> open(const RolloutSourceSpec& spec, const std::string& where);
  // Logs, per rollout, why it failed, if it did, and its latency (p50/p95 per stage).
  void report() const;

  std::shared_ptr<net::Client> client() const { return client_; }

 private:
  explicit RemoteSources(std::shared_ptr<net::Client> client);
  std::shared_ptr<net::Client> client_;
  std::map<std::string, double> fps_;  // per model, once an Opened told it
  struct Opened {
    std::string where;
    std::shared_ptr<net::RemoteRollout> rollout;
  };
  std::vector<Opened> opened_;
};

// Reads the token file and makes the client's settings; errors name the file or the address.
Result<std::shared_ptr<net::Client>> connect_client(const RemoteOptions& options);

}  // namespace wv::app
