// The Rollout API: FrameSource, steer, seek, branch, status. Bookkeeping only, under the engine
// lock; the model is called by the engine's workers (batch_step.cpp).
#include "model/rollout_impl.h"

#include <algorithm>

namespace wv::model {

namespace {

template <typename Change>
const Change& in_force(const std::vector<Change>& track, int64_t frame) {
  auto it = std::upper_bound(track.begin(), track.end(), frame,
                             [](int64_t f, const Change& c) { return f < c.frame; });
  return *std::prev(it);  // tracks start at frame 0
}

// Later changes are replaced by `change`, which holds from its frame on.
template <typename Change>
void replace_from(std::vector<Change>& track, Change change) {
  std::erase_if(track, [&](const Change& c) { return c.frame >= change.frame; });
  track.push_back(std::move(change));
}

}  // namespace

Status check_prompt_text(const std::string& who, const std::string& text) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error{who + ": the prompt is empty"};
  }
  if (text.size() > kMaxPromptBytes) {
    return Error{who + ": the prompt is " + std::to_string(text.size()) + " bytes long, more than the " +
                 std::to_string(kMaxPromptBytes) + " allowed"};
  }
  return Status::success();
}

RolloutImpl::RolloutImpl(std::shared_ptr<EngineCore> core, RolloutSetup setup,
                         std::vector<PromptChange> track, std::vector<SeedChange> seeds)
    : core_(std::move(core)),
      setup_(std::move(setup)),
      queue_(setup_.lookahead),
      track_(std::move(track)),
      seeds_(std::move(seeds)),
      history_(core_->params.recent_states, core_->params.checkpoint_interval,
               core_->params.max_checkpoints) {
  info_.kind = "rollout";
  info_.description = setup_.name + ": " + track_.front().text;
  info_.width = setup_.model_info.width;
  info_.height = setup_.model_info.height;
  info_.fps = setup_.model_info.fps;
  info_.frame_count = setup_.frame_count;
  info_.seekable = true;
}

PumpResult RolloutImpl::pump() {
  std::lock_guard lock(core_->mutex);
  if (error_) return PumpResult::Failed;
  if (closed_) return PumpResult::Ended;
  if (pushed_since_pump_ > 0) {
    pushed_since_pump_ = 0;
    return PumpResult::Produced;
  }
  if (!playing_) return PumpResult::Paused;
  if (setup_.frame_count >= 0 && cursor_ + 1 >= setup_.frame_count && !busy_) return PumpResult::Ended;
  // Room: a worker may be waiting for exactly this; wake it rather than let it poll.
  if (queue_.has_room()) core_->work.notify_one();
  return PumpResult::Full;
}

void RolloutImpl::set_playing(bool playing) {
  std::lock_guard lock(core_->mutex);
  playing_ = playing;
  if (playing) core_->work.notify_all();
}

bool RolloutImpl::playing() const {
  std::lock_guard lock(core_->mutex);
  return playing_;
}

std::optional<Error> RolloutImpl::error() const {
  std::lock_guard lock(core_->mutex);
  return error_;
}

void RolloutImpl::set_focused(bool focused) {
  std::lock_guard lock(core_->mutex);
  focused_ = focused;
}

Status RolloutImpl::check_frame_locked(int64_t frame_index, const char* what) const {
  const std::string who = setup_.name + ": cannot " + what + " at frame " + std::to_string(frame_index);
  if (closed_) return Error{who + ": the rollout is closed"};
  if (error_) return Error{who + ": the rollout failed (" + error_->message + ")"};
  if (frame_index < 0) return Error{who + ": frames start at 0"};
  if (setup_.frame_count >= 0 && frame_index >= setup_.frame_count) {
    return Error{who + ": the rollout has frames 0 to " + std::to_string(setup_.frame_count - 1)};
  }
  return Status::success();
}

void RolloutImpl::rewind_locked(int64_t frame_index) {
  ++generation_;
  const auto saved = frame_index == 0 ? std::nullopt : history_.at_or_before(frame_index - 1);
  cursor_ = saved ? saved->first : -1;
  cursor_state_ = saved ? saved->second : SavedState{};
  emit_from_ = frame_index;
  core_->work.notify_all();
}

Status RolloutImpl::seek(int64_t frame_index) {
  std::lock_guard lock(core_->mutex);
  if (Status ok = check_frame_locked(frame_index, "seek"); !ok) return ok;
  queue_.clear();
  rewind_locked(frame_index);
  return Status::success();
}

Status RolloutImpl::steer(int64_t frame_index, std::string text) {
  std::lock_guard lock(core_->mutex);
  if (Status ok = check_frame_locked(frame_index, "steer"); !ok) return ok;
  if (Status ok = check_prompt_text(setup_.name + ": steer at frame " + std::to_string(frame_index), text); !ok) {
    return ok;
  }
  replace_from(track_, PromptChange{frame_index, std::move(text)});
  history_.drop_from(frame_index);  // states from there on were made under the old prompt
  queue_.flush_from(frame_index);
  if (cursor_ >= frame_index || (busy_ && inflight_index_ >= frame_index)) rewind_locked(frame_index);
  steer_frame_ = frame_index;
  steer_start_ = std::chrono::steady_clock::now();
  steer_steps_ = 0;
  return Status::success();
}

Result<std::shared_ptr<Rollout>> RolloutImpl::branch(int64_t frame_index, const BranchParams& params) {
  std::lock_guard lock(core_->mutex);
  if (Status ok = check_frame_locked(frame_index, "branch"); !ok) return ok.error();
  if (params.prompt) {
    if (Status ok = check_prompt_text(setup_.name + ": branch at frame " + std::to_string(frame_index),
                                      *params.prompt);
        !ok) {
      return ok.error();
    }
  }
  RolloutSetup setup = setup_;
  setup.name = params.name.empty()
                   ? setup_.name + " branch " + std::to_string(++core_->rollouts_started)
                   : params.name;
  std::vector<PromptChange> track = track_;
  if (params.prompt) replace_from(track, PromptChange{frame_index, *params.prompt});
  std::vector<SeedChange> seeds = seeds_;
  if (params.seed) replace_from(seeds, SeedChange{frame_index, *params.seed});

  auto child = std::make_shared<RolloutImpl>(core_, std::move(setup), std::move(track), std::move(seeds));
  // Both share everything before the branch frame: states, encoded prompts.
  for (const auto& [index, state] : history_.before(frame_index)) child->history_.put(index, state);
  child->prompts_ = prompts_;
  child->rewind_locked(frame_index);
  core_->rollouts.push_back(child);
  core_->work.notify_all();
  return std::shared_ptr<Rollout>(child);
}

RolloutStatus RolloutImpl::status() const {
  std::lock_guard lock(core_->mutex);
  RolloutStatus s;
  s.frames_produced = frames_produced_;
  s.model_steps = model_steps_;
  s.next_frame = cursor_ + 1;
  s.lookahead = queue_.size();
  s.lookahead_capacity = queue_.capacity();
  s.last_steer_latency_ms = last_steer_latency_ms_;
  s.last_steer_steps = last_steer_steps_;
  s.saved_states = history_.size();
  s.saved_states_bound = history_.bound();
  s.prompt_track = track_;
  s.seed_track = seeds_;
  for (const auto& [text, encoded] : prompts_) {
    for (const std::string& word : encoded.unknown_words) {
      if (std::find(s.unknown_words.begin(), s.unknown_words.end(), word) == s.unknown_words.end()) {
        s.unknown_words.push_back(word);
      }
    }
  }
  s.error = error_;
  s.playing = playing_;
  s.focused = focused_;
  s.closed = closed_;
  return s;
}

void RolloutImpl::close() {
  std::lock_guard lock(core_->mutex);
  close_locked();
  std::erase_if(core_->rollouts, [&](const auto& r) { return r.get() == this; });
}

void RolloutImpl::close_locked() {
  closed_ = true;
  queue_.close();
  history_.clear();
  cursor_state_.clear();
  ++generation_;
}

bool RolloutImpl::wants_work_locked() const {
  if (closed_ || error_ || busy_ || !playing_) return false;
  if (setup_.frame_count >= 0 && cursor_ + 1 >= setup_.frame_count) return false;
  return queue_.has_room();
}

WorkItem RolloutImpl::make_item_locked() {
  WorkItem item;
  item.rollout = shared_from_this();
  item.generation = generation_;
  item.index = cursor_ + 1;
  item.emit = item.index >= emit_from_;
  item.state = cursor_state_;
  item.prompt_text = in_force(track_, item.index).text;
  if (auto it = prompts_.find(item.prompt_text); it != prompts_.end()) item.prompt = it->second.embedding;
  item.seed = in_force(seeds_, item.index).seed;
  busy_ = true;
  inflight_index_ = item.index;
  last_served_ = ++core_->serve_clock;
  return item;
}

void RolloutImpl::commit_locked(WorkItem& item) {
  busy_ = false;
  inflight_index_ = -1;
  if (item.encoded) {
    prompts_.emplace(item.prompt_text, std::move(*item.encoded));
    // Texts steered away from are not needed again: however often the user steers, the cache
    // holds only the track's prompts.
    std::erase_if(prompts_, [&](const auto& entry) {
      return std::none_of(track_.begin(), track_.end(), [&](const PromptChange& c) { return c.text == entry.first; });
    });
  }
  if (closed_ || error_) return;
  if (item.error) {
    error_ = Error{setup_.name + ": " + *item.error};
    return;
  }
  ++model_steps_;
  if (item.generation != generation_) return;  // steered or sought meanwhile
  if (steer_frame_) ++steer_steps_;
  cursor_ = item.index;
  cursor_state_ = item.out_state;
  history_.put(item.index, item.out_state);
  if (!item.emit || !queue_.try_push(item.frame)) return;
  ++frames_produced_;
  ++pushed_since_pump_;
  if (steer_frame_ && item.index >= *steer_frame_) {
    last_steer_latency_ms_ =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - steer_start_).count();
    last_steer_steps_ = steer_steps_;
    steer_frame_.reset();
  }
}

}  // namespace wv::model
