#include "app/engine_host.h"

#include "model/rollout_engine.h"

namespace wv::app {
namespace {

net::RolloutTracks tracks_of(const model::RolloutStatus& s) {
  net::RolloutTracks t;
  for (const auto& p : s.prompt_track) t.prompt_track.push_back({p.frame, p.text});
  for (const auto& c : s.seed_track) t.seed_track.push_back({c.frame, c.seed});
  return t;
}

class EngineRollout : public net::HostedRollout {
 public:
  explicit EngineRollout(std::shared_ptr<model::Rollout> rollout) : rollout_(std::move(rollout)) {}
  ~EngineRollout() override { rollout_->close(); }

  wv::FrameSource& source() override { return *rollout_; }
  Status steer(int64_t frame_index, const std::string& text) override { return rollout_->steer(frame_index, text); }
  Result<std::unique_ptr<net::HostedRollout>> branch(int64_t frame_index, const std::optional<std::string>& prompt,
                                                     const std::optional<uint64_t>& seed, const std::string& name) override {
    auto b = rollout_->branch(frame_index, {.prompt = prompt, .seed = seed, .name = name});
    if (!b) return b.error();
    return std::unique_ptr<net::HostedRollout>(std::make_unique<EngineRollout>(*b));
  }
  net::RolloutTracks tracks() const override { return tracks_of(rollout_->status()); }
  void close() override { rollout_->close(); }

 private:
  std::shared_ptr<model::Rollout> rollout_;
};

}  // namespace

Result<std::unique_ptr<net::HostedRollout>> EngineHost::open(const net::RolloutRequest& request) {
  auto model = models_.get(request.model);
  if (!model) return Error{request.name + ": " + model.error().message};
  model::RolloutParams params;
  params.model = *model;
  params.name = request.name;
  for (const auto& p : request.prompt_track) params.prompt_track.push_back({p.frame, p.text});
  params.seed = request.seed_track.front().seed;
  for (size_t i = 1; i < request.seed_track.size(); ++i) {
    params.seed_changes.push_back({request.seed_track[i].frame, request.seed_track[i].seed});
  }
  params.frame_count = request.frame_count;
  params.lookahead = request.lookahead;
  auto rollout = engine_.start(std::move(params));
  if (!rollout) return rollout.error();
  return std::unique_ptr<net::HostedRollout>(std::make_unique<EngineRollout>(*rollout));
}

}  // namespace wv::app
