// model/rollout_impl.h — internal: the engine's shared core and one rollout's state, shared by
// rollout.cpp (the Rollout API), rollout_engine.cpp (scheduling) and batch_step.cpp (compute).
//
// Locking: EngineCore::mutex guards the core and every rollout's mutable fields; it is never
// held during a model call, so API calls wait only for short bookkeeping. Lock order:
// EngineCore::mutex, then a FrameQueue's own lock.
#pragma once

#include <ATen/core/Tensor.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/rollout_engine.h"
#include "model/state_history.h"
#include "model/world_model.h"

namespace wv::model {

using SavedState = std::vector<at::Tensor>;
class RolloutImpl;

// Outlives the RolloutEngine object while rollouts hold it.
struct EngineCore {
  explicit EngineCore(const EngineParams& p) : params(p) {}
  const EngineParams params;
  std::mutex mutex;
  std::condition_variable work;  // a rollout may have work, or the engine stops
  std::vector<std::shared_ptr<RolloutImpl>> rollouts;  // open ones
  std::set<const WorldModel*> busy_models;             // one thread per model at a time
  bool stopping = false;
  uint64_t serve_clock = 0;
  int64_t rollouts_started = 0;
  EngineStats stats;
};

struct EncodedText {
  at::Tensor embedding;
  std::vector<std::string> unknown_words;
};

// One rollout's share of a model call: prepared under the lock, computed without it.
struct WorkItem {
  std::shared_ptr<RolloutImpl> rollout;
  uint64_t generation = 0;
  int64_t index = 0;        // the frame to compute
  bool emit = true;         // false: a silent replay towards a steer, seek or branch frame
  SavedState state;         // of frame index - 1; empty for init
  std::string prompt_text;  // in force at index
  at::Tensor prompt;        // cached embedding; undefined until encoded
  uint64_t seed = 0;        // in force at index
  // Results.
  std::optional<EncodedText> encoded;  // newly encoded, to cache
  SavedState out_state;
  wv::FramePtr frame;
  std::optional<std::string> error;
};

// Fixed at creation; read without the lock.
struct RolloutSetup {
  std::string name;
  std::shared_ptr<WorldModel> model;
  ModelInfo model_info;
  at::Tensor start_image;  // undefined or [1, 3, H, W]
  ActionStream actions;
  size_t lookahead = 3;
  int64_t frame_count = -1;
};

class RolloutImpl final : public Rollout, public std::enable_shared_from_this<RolloutImpl> {
 public:
  RolloutImpl(std::shared_ptr<EngineCore> core, RolloutSetup setup,
              std::vector<PromptChange> track, std::vector<SeedChange> seeds);

  // FrameSource
  const SourceInfo& info() const override { return info_; }
  FrameQueue& frames() override { return queue_; }
  PumpResult pump() override;
  void set_playing(bool playing) override;
  bool playing() const override;
  Status seek(int64_t frame_index) override;
  std::optional<Error> error() const override;

  // Rollout
  Status steer(int64_t frame_index, std::string text) override;
  Result<std::shared_ptr<Rollout>> branch(int64_t frame_index, const BranchParams& params) override;
  void set_focused(bool focused) override;
  RolloutStatus status() const override;
  void close() override;

  const RolloutSetup& setup() const { return setup_; }

  // For the engine, with EngineCore::mutex held.
  bool wants_work_locked() const;
  bool focused_locked() const { return focused_; }
  bool needs_init_locked() const { return cursor_ < 0; }
  uint64_t last_served_locked() const { return last_served_; }
  WorkItem make_item_locked();
  void commit_locked(WorkItem& item);
  void close_locked();

 private:
  Status check_frame_locked(int64_t frame_index, const char* what) const;
  // Resume so that the next computed frame is `frame_index`, from the newest saved state before it.
  void rewind_locked(int64_t frame_index);

  const std::shared_ptr<EngineCore> core_;
  const RolloutSetup setup_;
  SourceInfo info_;
  FrameQueue queue_;

  // Guarded by core_->mutex.
  std::vector<PromptChange> track_;  // first at frame 0, frames increasing
  std::vector<SeedChange> seeds_;    // first at frame 0, frames increasing
  std::map<std::string, EncodedText> prompts_;  // encoded texts of the track (pruned: bounded)
  StateHistory<SavedState> history_;
  int64_t cursor_ = -1;      // last computed frame whose state is cursor_state_; -1: none (init next)
  SavedState cursor_state_;
  int64_t emit_from_ = 0;    // frames below this are computed without being queued
  uint64_t generation_ = 0;  // bumped by steer/seek: results of older work items are dropped
  bool busy_ = false;        // a work item is out
  int64_t inflight_index_ = -1;
  bool playing_ = true, focused_ = false, closed_ = false;
  std::optional<Error> error_;
  int64_t frames_produced_ = 0, model_steps_ = 0, pushed_since_pump_ = 0;
  uint64_t last_served_ = 0;
  // The steer whose first frame is awaited: its frame, start time and model steps so far.
  std::optional<int64_t> steer_frame_;
  std::chrono::steady_clock::time_point steer_start_;
  int64_t steer_steps_ = 0;
  double last_steer_latency_ms_ = -1.0;
  int64_t last_steer_steps_ = -1;
};

// Input checks shared by start() and branch(); each error names `who` and the reason.
Status check_prompt_text(const std::string& who, const std::string& text);

}  // namespace wv::model
