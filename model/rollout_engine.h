// model/rollout_engine.h — the model-agnostic rollout engine (DESIGN.md §3, §4): rollouts of
// world models as panels' FrameSources, produced on demand by inference workers, steerable,
// branchable and deterministic.
//
//   auto engine = wv::model::RolloutEngine::create({.inference_threads = 1});
//   wv::model::RolloutParams p;
//   p.model = my_model;                                   // std::shared_ptr<WorldModel>
//   p.prompt_track = {{0, "three red balls in a dark room"}};
//   p.seed = 42;
//   auto rollout = (*engine)->start(p);                   // Result<std::shared_ptr<Rollout>>
//   if (!rollout) { wv::log_error(rollout.error().message); return; }
//   // render thread: (*rollout)->frames().take_for_time(t) as for any FrameSource
//   (*rollout)->steer(shown_index, "the balls turn green"); // frames >= shown_index regenerate
//   auto fork = (*rollout)->branch(shown_index, {.seed = 7});
//   (*rollout)->close();                                   // when its panel goes away
//
// Frames: frame i is made by init (i = 0) or by step from the saved state of frame i - 1, with
// the prompt in force at i, the action for i, and noise drawn from (seed in force at i, i) only
// (see frame_noise.h). So any frame can be regenerated exactly from any earlier saved state,
// and the same model, prompt track, seed(s) and actions give the same frames. Guarantee: exact
// on CPU for rollouts stepped the same way (always alone, EngineParams.max_batch = 1, or always
// in the same batches); batched and unbatched stepping may differ by a rounding step
// (DESIGN.md §3).
//
// On demand: a rollout is computed only while it plays and its queue (the lookahead) has room.
//
// Saved states (memory bound): per rollout, the states of the `recent_states` most recently
// computed frames plus at most `max_checkpoints` sparse checkpoints (every checkpoint_interval
// frames; when there are too many, the interval doubles and every other one is dropped). A steer,
// seek or branch at frame f resumes from the newest saved state at or before f - 1 and recomputes
// the frames in between silently: one model step when f - 1 is recent, more for older frames;
// exact either way because noise depends only on (seed, frame index).
//
// Threading: every method may be called from any thread and never waits for inference (only for
// a short lock). Models are called only on the engine's workers, one thread per model at a time.
// Torch exceptions never leave the engine: a model that throws fails the rollouts of that call
// (status().error, FrameSource::error()); the other rollouts continue.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wv/frame.h"
#include "wv/frame_source.h"
#include "wv/result.h"

namespace wv::model {

class WorldModel;

inline constexpr size_t kMaxPromptBytes = 4096;

struct PromptChange {
  int64_t frame = 0;  // applies from this frame on
  std::string text;
};

// The action for a frame: action_dim floats. Called on an inference worker; must be a pure
// function of the frame index (replay and regeneration call it again for the same frame).
using ActionStream = std::function<std::vector<float>(int64_t frame_index)>;

struct SeedChange {
  int64_t frame = 0;  // noise seed from this frame on
  uint64_t seed = 0;
};

struct RolloutParams {
  std::shared_ptr<WorldModel> model;
  std::vector<PromptChange> prompt_track;  // frames strictly increasing, the first at frame 0
  uint64_t seed = 0;                       // any value
  std::vector<SeedChange> seed_changes;    // later seeds (a replayed branch): frames increasing, > 0
  wv::FramePtr start_image;                // optional RGBA8 of the model's size; frame 0 is made from it
  ActionStream actions;                    // empty: zero actions (when the model takes actions)
  size_t lookahead = 3;                    // frames computed ahead of display: 1..64
  int64_t frame_count = -1;                // -1: endless
  std::string name;                        // for messages; default "rollout <n>"
};

struct BranchParams {
  std::optional<std::string> prompt;  // in force from the branch frame; none: keep the track
  std::optional<uint64_t> seed;       // noise seed from the branch frame on; none: keep
  std::string name;                   // default "<parent name> branch <n>"
};

struct RolloutStatus {
  int64_t frames_produced = 0;   // frames pushed into frames(), regenerated ones included
  int64_t model_steps = 0;       // frames computed by the model (init/step), replays included
  int64_t next_frame = 0;        // index of the next frame to compute
  size_t lookahead = 0;          // frames queued now
  size_t lookahead_capacity = 0;
  double last_steer_latency_ms = -1.0;  // steer() to its first frame queued; -1: none yet
  int64_t last_steer_steps = -1;        // model steps that took (1 when the state was recent)
  size_t saved_states = 0;              // states held now; never above saved_states_bound
  size_t saved_states_bound = 0;
  std::vector<PromptChange> prompt_track;  // with seed_track: what replays this rollout exactly
  std::vector<SeedChange> seed_track;      // the first at frame 0
  std::vector<std::string> unknown_words;  // in the track's prompts encoded so far, as the model reported
  std::optional<Error> error;
  bool playing = true, focused = false, closed = false;
};

class Rollout : public wv::FrameSource {
 public:
  // FrameSource: info().kind is "rollout"; seekable. pump() never computes: workers push frames
  // into frames(); pump() reports Produced when frames arrived since the last pump(), else Full
  // (queue full, or a worker is on it), Paused, Ended or Failed, and wakes a worker when there is
  // room.

  // The prompt `text` applies from frame_index on (the frame the user looks at, or a later one):
  // queued frames >= frame_index are dropped and regenerated; later prompt changes are replaced.
  // Errors: closed or failed rollout, frame_index < 0 or past frame_count, empty or oversized text.
  virtual Status steer(int64_t frame_index, std::string text) = 0;

  // A new rollout that shares this one's frames before frame_index and continues from that
  // state with another prompt and/or seed. Same errors as steer().
  virtual Result<std::shared_ptr<Rollout>> branch(int64_t frame_index, const BranchParams& params) = 0;

  // The focused rollout is served first (the panel the user looks at).
  virtual void set_focused(bool focused) = 0;

  virtual RolloutStatus status() const = 0;

  // Stops production for good and releases its states; frames already queued can still be taken.
  virtual void close() = 0;
};

struct EngineParams {
  int inference_threads = 1;   // 0: no workers; the owner calls run_once() (tests, exact export)
  int intra_op_threads = 1;    // LibTorch intra-op threads (process-wide); 0: leave as is
  int max_batch = 8;           // rollouts of one model per forward pass; 1: never batch
  size_t recent_states = 64;   // per rollout: states of the most recently computed frames (≥ 1)
  int64_t checkpoint_interval = 64;  // frames between sparse checkpoints at first (≥ 1)
  size_t max_checkpoints = 32;       // per rollout (≥ 2)
};

struct EngineStats {
  int64_t forward_calls = 0;   // init/step calls to models
  int64_t batched_calls = 0;   // of those, calls with more than one rollout
  int64_t largest_batch = 0;
};

class RolloutEngine {
 public:
  // Errors: thread or history settings out of range.
  static Result<std::unique_ptr<RolloutEngine>> create(const EngineParams& params);
  virtual ~RolloutEngine() = default;  // stops the workers; open rollouts close

  // Errors name the rollout and the bad input: no model, a model whose info() is unusable,
  // a bad prompt track, a start image of the wrong size or for a model without start images,
  // lookahead or frame_count out of range.
  virtual Result<std::shared_ptr<Rollout>> start(RolloutParams params) = 0;

  // With inference_threads = 0: computes one scheduled call (one batch) on the calling thread.
  // Returns false when no rollout has work (all full, paused, ended, failed or closed).
  virtual bool run_once() = 0;

  virtual EngineStats stats() const = 0;
};

}  // namespace wv::model
