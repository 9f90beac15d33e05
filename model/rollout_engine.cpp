// The engine: rollout creation, inference workers and their scheduling loop.
#include "model/rollout_engine.h"

#include <ATen/Parallel.h>

#include <thread>

#include "model/batch_step.h"
#include "model/rollout_impl.h"
#include "model/rollout_scheduler.h"
#include "model/tensor_frame.h"

namespace wv::model {

namespace {

constexpr int kMaxThreads = 256;
constexpr size_t kMaxLookahead = 64;
constexpr int32_t kMaxSide = 8192;
// A worker with nothing to do also wakes this often: a consumer taking a frame frees a slot
// without telling the engine unless the app pumps (pump() wakes a worker at once).
constexpr auto kIdlePoll = std::chrono::milliseconds(2);

Status check_model_info(const std::string& who, const ModelInfo& info) {
  const std::string model = who + ": model '" + info.name + "': ";
  if (info.width < 1 || info.height < 1 || info.width > kMaxSide || info.height > kMaxSide) {
    return Error{model + "frame size " + std::to_string(info.width) + "x" + std::to_string(info.height) +
                 " is out of range (1 to " + std::to_string(kMaxSide) + ")"};
  }
  if (!(info.fps > 0.0 && info.fps <= 1000.0)) {
    return Error{model + "fps " + std::to_string(info.fps) + " is out of range (0, 1000]"};
  }
  if (info.action_dim < 0) return Error{model + "action_dim is negative"};
  for (const auto* shape : {&info.init_noise_shape, &info.step_noise_shape}) {
    for (int64_t d : *shape) {
      if (d < 0) return Error{model + "a noise shape has a negative size"};
    }
  }
  try {
    (void)at::Device(info.device);
  } catch (const std::exception&) {
    return Error{model + "device '" + info.device + "' is not a device name (e.g. cpu, cuda:0)"};
  }
  return Status::success();
}

template <typename Change>
Status check_track(const std::string& who, const std::vector<Change>& track, bool from_zero) {
  for (size_t i = 0; i < track.size(); ++i) {
    if (i == 0 && from_zero && track[i].frame != 0) {
      return Error{who + " starts at frame " + std::to_string(track[i].frame) + ", not 0"};
    }
    if (track[i].frame < (from_zero ? 0 : 1) || (i > 0 && track[i].frame <= track[i - 1].frame)) {
      return Error{who + ": change " + std::to_string(i) + " at frame " + std::to_string(track[i].frame) +
                   " is not after the previous one" + (from_zero ? "" : " (and after frame 0)")};
    }
  }
  return Status::success();
}

class RolloutEngineImpl final : public RolloutEngine {
 public:
  explicit RolloutEngineImpl(const EngineParams& params) : core_(std::make_shared<EngineCore>(params)) {
    if (params.intra_op_threads > 0) at::set_num_threads(params.intra_op_threads);
    for (int i = 0; i < params.inference_threads; ++i) workers_.emplace_back([this] { work_loop(); });
  }

  ~RolloutEngineImpl() override {
    {
      std::lock_guard lock(core_->mutex);
      core_->stopping = true;
    }
    core_->work.notify_all();
    for (std::thread& t : workers_) t.join();
    std::lock_guard lock(core_->mutex);
    for (const auto& rollout : core_->rollouts) rollout->close_locked();
    core_->rollouts.clear();
  }

  Result<std::shared_ptr<Rollout>> start(RolloutParams params) override {
    std::string name = params.name;
    {
      std::lock_guard lock(core_->mutex);
      if (name.empty()) name = "rollout " + std::to_string(++core_->rollouts_started);
    }
    if (!params.model) return Error{name + ": no model given"};
    RolloutSetup setup{.name = name, .model = params.model, .model_info = params.model->info(),
                       .start_image = {}, .actions = params.actions, .lookahead = params.lookahead,
                       .frame_count = params.frame_count};
    const ModelInfo& info = setup.model_info;
    if (Status ok = check_model_info(name, info); !ok) return ok.error();
    if (params.prompt_track.empty()) return Error{name + ": the prompt track is empty"};
    if (Status ok = check_track(name + ": prompt track", params.prompt_track, true); !ok) return ok.error();
    for (const PromptChange& change : params.prompt_track) {
      const std::string who = name + ": prompt at frame " + std::to_string(change.frame);
      if (Status ok = check_prompt_text(who, change.text); !ok) return ok.error();
    }
    if (Status ok = check_track(name + ": seed changes", params.seed_changes, false); !ok) return ok.error();
    if (params.lookahead < 1 || params.lookahead > kMaxLookahead) {
      return Error{name + ": lookahead " + std::to_string(params.lookahead) + " is out of range (1 to " +
                   std::to_string(kMaxLookahead) + ")"};
    }
    if (params.frame_count < -1 || params.frame_count == 0) {
      return Error{name + ": frame_count " + std::to_string(params.frame_count) +
                   " must be -1 (endless) or positive"};
    }
    if (params.start_image) {
      const wv::Frame& image = *params.start_image;
      if (!info.accepts_start_image) {
        return Error{name + ": model '" + info.name + "' does not take a start image"};
      }
      if (image.width != info.width || image.height != info.height || image.format != PixelFormat::Rgba8Srgb ||
          image.stride_bytes < image.width * 4 || image.pixels.size() < image.byte_size()) {
        return Error{name + ": the start image is " + std::to_string(image.width) + "x" +
                     std::to_string(image.height) + "; model '" + info.name + "' needs RGBA8 " +
                     std::to_string(info.width) + "x" + std::to_string(info.height)};
      }
      setup.start_image = from_frame(image);
    }
    std::vector<SeedChange> seeds{{0, params.seed}};
    seeds.insert(seeds.end(), params.seed_changes.begin(), params.seed_changes.end());
    auto rollout = std::make_shared<RolloutImpl>(core_, std::move(setup), std::move(params.prompt_track),
                                                 std::move(seeds));
    std::lock_guard lock(core_->mutex);
    core_->rollouts.push_back(rollout);
    core_->work.notify_all();
    return std::shared_ptr<Rollout>(rollout);
  }

  bool run_once() override {
    std::unique_lock lock(core_->mutex);
    return run_one_locked(lock);
  }

  EngineStats stats() const override {
    std::lock_guard lock(core_->mutex);
    return core_->stats;
  }

 private:
  void work_loop() {
    // OpenMP's thread count is per thread: a new thread would otherwise use every core.
    if (core_->params.intra_op_threads > 0) at::set_num_threads(core_->params.intra_op_threads);
    std::unique_lock lock(core_->mutex);
    while (!core_->stopping) {
      if (!run_one_locked(lock)) core_->work.wait_for(lock, kIdlePoll);
    }
  }

  // Picks the next call's rollouts, computes it with the lock released, commits the results.
  bool run_one_locked(std::unique_lock<std::mutex>& lock) {
    std::vector<ScheduleCandidate> candidates;
    std::vector<RolloutImpl*> owners;
    for (const auto& rollout : core_->rollouts) {
      const WorldModel* model = rollout->setup().model.get();
      if (!rollout->wants_work_locked() || core_->busy_models.contains(model)) continue;
      candidates.push_back({.model = model, .batchable = rollout->setup().model_info.supports_batching,
                            .init = rollout->needs_init_locked(), .focused = rollout->focused_locked(),
                            .queued = rollout->frames().size(), .last_served = rollout->last_served_locked()});
      owners.push_back(rollout.get());
    }
    const std::vector<size_t> picked = pick_batch(candidates, core_->params.max_batch);
    if (picked.empty()) return false;

    std::vector<WorkItem> items;
    for (size_t i : picked) items.push_back(owners[i]->make_item_locked());
    const std::shared_ptr<WorldModel> model = items.front().rollout->setup().model;
    const ModelInfo& info = items.front().rollout->setup().model_info;
    core_->busy_models.insert(model.get());
    lock.unlock();
    const BatchCalls calls = compute_items(*model, info, items);
    lock.lock();
    core_->busy_models.erase(model.get());
    core_->stats.forward_calls += calls.calls;
    core_->stats.batched_calls += calls.batched_calls;
    core_->stats.largest_batch = std::max(core_->stats.largest_batch, calls.largest);
    for (WorkItem& item : items) item.rollout->commit_locked(item);
    core_->work.notify_all();  // the model is free again
    return true;
  }

  std::shared_ptr<EngineCore> core_;
  std::vector<std::thread> workers_;
};

}  // namespace

Result<std::unique_ptr<RolloutEngine>> RolloutEngine::create(const EngineParams& params) {
  if (params.inference_threads < 0 || params.inference_threads > kMaxThreads) {
    return Error{"rollout engine: inference_threads " + std::to_string(params.inference_threads) +
                 " is out of range (0 to 256)"};
  }
  if (params.intra_op_threads < 0 || params.intra_op_threads > kMaxThreads) {
    return Error{"rollout engine: intra_op_threads " + std::to_string(params.intra_op_threads) +
                 " is out of range (0 to 256)"};
  }
  if (params.max_batch < 1) {
    return Error{"rollout engine: max_batch " + std::to_string(params.max_batch) + " must be at least 1"};
  }
  if (params.recent_states < 1 || params.checkpoint_interval < 1 || params.max_checkpoints < 2) {
    return Error{"rollout engine: saved-state settings need recent_states >= 1, checkpoint_interval >= 1 "
                 "and max_checkpoints >= 2"};
  }
  return std::unique_ptr<RolloutEngine>(std::make_unique<RolloutEngineImpl>(params));
}

}  // namespace wv::model
