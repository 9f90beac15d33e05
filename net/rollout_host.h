// net/rollout_host.h — what the tethered server serves: rollouts opened, steered and branched
// on behalf of clients. app/ implements it with model::RolloutEngine (app/engine_host.h); tests
// use a fake. Keeps net/ free of LibTorch (DESIGN.md §2).
//
//   class MyHost : public wv::net::RolloutHost { ... };
//   MyHost host;
//   auto server = wv::net::Server::start({.token = token}, host);
//
// Threading: open() and every HostedRollout method may be called from the server's threads at
// any time; a HostedRollout is used by one connection only. open() runs on the server's loader
// thread, so it may take long (load a model) without stalling other clients.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "net/protocol.h"
#include "wv/frame_source.h"
#include "wv/result.h"

namespace wv::net {

struct RolloutRequest {
  std::string model;                      // an id from RolloutHost::models()
  std::vector<PromptEntry> prompt_track;  // as in Open: frames increasing, the first at 0
  std::vector<SeedEntry> seed_track;      // the first at 0
  int64_t frame_count = -1;
  size_t lookahead = 3;                   // frames computed ahead of sending
  std::string name;                       // for messages: "client 3 rollout 1"
};

struct RolloutTracks {
  std::vector<PromptEntry> prompt_track;
  std::vector<SeedEntry> seed_track;
};

class HostedRollout {
 public:
  virtual ~HostedRollout() = default;
  // Frames, pump(), set_playing() and seek() of the rollout.
  virtual wv::FrameSource& source() = 0;
  // The prompt applies from frame_index on; queued frames from there are dropped and redone.
  virtual Status steer(int64_t frame_index, const std::string& text) = 0;
  virtual Result<std::unique_ptr<HostedRollout>> branch(int64_t frame_index, const std::optional<std::string>& prompt,
                                                        const std::optional<uint64_t>& seed, const std::string& name) = 0;
  // What replays this rollout exactly (Open with these tracks gives the same frames).
  virtual RolloutTracks tracks() const = 0;
  // Stops production for good.
  virtual void close() = 0;
};

class RolloutHost {
 public:
  virtual ~RolloutHost() = default;
  virtual std::vector<std::string> models() const = 0;
  // Errors name the request and the reason (unknown model, bad prompt, ...).
  virtual Result<std::unique_ptr<HostedRollout>> open(const RolloutRequest& request) = 0;
};

}  // namespace wv::net
