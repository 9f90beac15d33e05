#include "net/client.h"

#include "net/client_core.h"
#include "net/remote_rollout.h"

namespace wv::net {

Client::Client(std::shared_ptr<ClientCore> core) : core_(std::move(core)) {}

Client::~Client() { core_->shutdown(); }

Result<std::shared_ptr<Client>> Client::connect(const ClientParams& params) {
  if (params.window < 1 || params.window > kMaxWindow) {
    return Error{"remote: window " + std::to_string(params.window) + " is outside 1.." + std::to_string(kMaxWindow)};
  }
  auto core = std::make_shared<ClientCore>(params);
  if (Status s = core->start(); !s) {
    core->shutdown();
    return s.error();
  }
  return std::shared_ptr<Client>(new Client(std::move(core)));
}

Result<std::shared_ptr<RemoteRollout>> Client::open(const RemoteRolloutParams& params) {
  const uint32_t id = core_->next_rollout_id();
  const std::string name = params.name.empty() ? "remote rollout " + std::to_string(id) : params.name;
  if (params.prompt_track.empty() || params.prompt_track.front().frame != 0) return Error{name + ": the prompt track must start at frame 0"};
  if (params.seed_track.empty() || params.seed_track.front().frame != 0) return Error{name + ": the seed track must start at frame 0"};
  Open open{.rollout = id,
            .model = params.model,
            .prompt_track = params.prompt_track,
            .seed_track = params.seed_track,
            .frame_count = params.frame_count,
            .window = core_->params().window,
            .codec = core_->codec()};
  auto opened = core_->request_open(open);
  if (!opened) return Error{name + ": " + opened.error().message};
  auto rollout = std::make_shared<RemoteRollout>(core_, id, open.codec, open.window, params.model, *opened, name);
  core_->add(rollout);
  return rollout;
}

Result<std::vector<StatFigure>> Client::stats() { return core_->request_stats(); }
std::vector<std::string> Client::models() const { return core_->models(); }
std::string Client::server_name() const { return core_->server_name(); }
Codec Client::codec() const { return core_->codec(); }
bool Client::connected() const { return core_->connected(); }
int64_t Client::reconnects() const { return core_->reconnects(); }

}  // namespace wv::net
