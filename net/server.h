// net/server.h — the tethered-inference server (`worldview serve`): accepts clients over TCP,
// serves their rollouts from a RolloutHost, streams frames as H.264 or raw (docs/protocol.md).
//
//   MyHost host;                                   // a wv::net::RolloutHost (app/engine_host.h)
//   auto server = wv::net::Server::start({.listen = {"127.0.0.1", 7420}, .token = token}, host);
//   if (!server) { wv::log_error(server.error().message); return 1; }
//   ... (*server)->port() ...                      // the bound port (listen.port 0 picks one)
//   server->reset();                               // stops: closes every connection
//
// Refuses to listen on an address other than loopback without a token. One network thread runs
// every connection; each connection has its own sender thread that takes frames, encodes and
// hands them to the network thread; one loader thread runs RolloutHost::open (a model that loads
// for seconds delays other Opens, never other clients' frames). Memory per client is bounded: at most `window` frames per
// rollout ahead of the client's Consumed count, and at most max_pending_bytes waiting for the
// socket; past that frames are dropped and the next one sent is a keyframe. A connection that
// breaks the protocol is closed with a logged reason; the others go on.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "net/endpoint.h"
#include "net/protocol.h"
#include "net/rollout_host.h"
#include "wv/result.h"

namespace wv::net {

struct ServerParams {
  Endpoint listen{"127.0.0.1", 7420};  // port 0: any free port (see port())
  std::string token;                   // empty: no token (loopback only)
  int max_clients = 8;
  size_t max_pending_bytes = 2 * 1024 * 1024;  // per client, handed to the socket and not yet sent
  std::string name = "worldview";
  std::chrono::milliseconds handshake_timeout{5000};  // Hello must arrive within this
  std::chrono::milliseconds message_timeout{10000};   // a message's payload, once its header came
  bool raw_off_loopback = false;  // raw frames also to clients that are not on this machine
  int h264_crf = 23;
  int h264_max_kbps = 0;  // > 0: caps each stream's bit rate
};

class Server {
 public:
  static Result<std::unique_ptr<Server>> start(const ServerParams& params, RolloutHost& host);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  uint16_t port() const;
  // The figures a Stats message carries: clients, frames, bytes, per-stage p50/p95 (ms).
  std::vector<StatFigure> stats() const;

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace wv::net
