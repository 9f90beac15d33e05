// net/client.h — the tethered client: one connection to a `worldview serve`, and the remote
// rollouts opened through it (net/remote_rollout.h), which panels play like local ones.
//
//   auto client = wv::net::Client::connect({.server = *wv::net::parse_endpoint("127.0.0.1:7420"), .token = token});
//   if (!client) { wv::log_error(client.error().message); return 1; }   // unreachable, wrong token, ...
//   auto rollout = (*client)->open({.model = "toyworld-latent-v1", .prompt_track = {{0, "three red balls"}},
//                                   .seed_track = {{0, 42}}});
//   std::shared_ptr<wv::FrameSource> source = *rollout;                  // pump() it like any source
//
// A dropped connection is retried with backoff (backoff_min doubling to backoff_max); once the
// server answers again every open rollout is opened anew from the frame its panel shows, with
// its prompt and seed tracks, so it continues with the same frames. A refusal on reconnect (the
// token changed, say) fails the rollouts with the server's reason.
//
// Threading: every method may be called from any thread but the client's own network thread.
// connect(), open(), branch() and stats() wait for the server's answer (at most `timeout`).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "net/endpoint.h"
#include "net/protocol.h"
#include "wv/result.h"

namespace wv::net {

class RemoteRollout;
class ClientCore;

enum class CodecChoice { Auto, Raw, H264 };  // Auto: raw frames on loopback, H.264 otherwise

struct ClientParams {
  Endpoint server;
  std::string token;  // empty: none
  std::string name = "worldview";
  CodecChoice codec = CodecChoice::Auto;
  uint32_t window = 4;  // frames the server may send ahead of the panel: 1..kMaxWindow
  std::chrono::milliseconds timeout{10000};  // for an answer to connect/open/branch/stats
  std::chrono::milliseconds backoff_min{100};
  std::chrono::milliseconds backoff_max{2000};
};

struct RemoteRolloutParams {
  std::string model;                      // an id from models()
  std::vector<PromptEntry> prompt_track;  // frames increasing, the first at 0
  std::vector<SeedEntry> seed_track;      // the first at 0
  int64_t frame_count = -1;               // -1: endless
  std::string name;                       // for messages; default "remote rollout <n>"
};

class Client {
 public:
  // Connects and completes the handshake. Errors name the server and the reason: unreachable,
  // refused (wrong token, no common codec, full), not a worldview server.
  static Result<std::shared_ptr<Client>> connect(const ClientParams& params);
  ~Client();  // closes the connection; open rollouts fail with "client closed"
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  Result<std::shared_ptr<RemoteRollout>> open(const RemoteRolloutParams& params);

  // The server's figures (docs/protocol.md §5).
  Result<std::vector<StatFigure>> stats();

  // Model ids the server offered, and its name.
  std::vector<std::string> models() const;
  std::string server_name() const;
  // The codec rollouts use on this connection.
  Codec codec() const;
  bool connected() const;
  int64_t reconnects() const;

 private:
  explicit Client(std::shared_ptr<ClientCore> core);
  std::shared_ptr<ClientCore> core_;
};

}  // namespace wv::net
