#include "capi/source.h"

#include <chrono>

#include "app/rollout_track.h"
#include "model/rollout_engine.h"
#include "net/remote_rollout.h"

namespace wv::capi {
Source::Source(std::shared_ptr<wv::FrameSource> source, app::SourceSpec spec, std::string name)
    : source_(std::move(source)),
      local_(std::dynamic_pointer_cast<model::Rollout>(source_)),
      remote_(std::dynamic_pointer_cast<net::RemoteRollout>(source_)),
      name_(std::move(name)),
      spec_(std::move(spec)) {}

wv_source_kind Source::kind() const {
  if (local_) return WV_SOURCE_ROLLOUT;
  if (remote_) return WV_SOURCE_REMOTE_ROLLOUT;
  return source_->info().kind == "video" ? WV_SOURCE_VIDEO : WV_SOURCE_SIMULATED;
}

wv::PumpResult Source::pump() {
  {
    std::lock_guard lock(mutex_);
    if (finished_) return wv::PumpResult::Paused;  // until a seek starts it again
  }
  const wv::PumpResult result = source_->pump();
  if (result == wv::PumpResult::Ended || result == wv::PumpResult::Failed) {
    std::lock_guard lock(mutex_);
    finished_ = true;
  }
  if (result == wv::PumpResult::Produced) {
    ++produced_;
    std::lock_guard lock(callback_mutex_);
    if (callback_ && !closed_) callback_(callback_user_, handle_);
  }
  return result;
}

double Source::source_time_locked(double display_time_s) {
  if (!anchor_display_s_) anchor_display_s_ = display_time_s;
  last_display_s_ = display_time_s;
  return playing_ ? anchor_source_s_ + (display_time_s - *anchor_display_s_) * speed_ : anchor_source_s_;
}

Acquired Source::take_locked(wv::FramePtr frame) {
  if (frame) {
    last_ = std::move(frame);
    source_->shown(*last_);
    return {last_, true, WV_OK};
  }
  if (last_) return {last_, false, WV_OK};
  if (source_->error()) return {nullptr, false, WV_ERROR_SOURCE_FAILED};
  return {nullptr, false, WV_ERROR_NO_FRAME};
}

Acquired Source::acquire(double display_time_s) {
  std::lock_guard lock(mutex_);
  const double t_s = source_time_locked(display_time_s);
  return take_locked(source_->frames().take_for_time(t_s + kDueSlack_s));
}

Acquired Source::wait_next(int32_t timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (wv::FramePtr next = source_->frames().try_pop()) {
        // The clock now shows this frame, so acquires by display time carry on from it.
        anchor_source_s_ = next->pts_s;
        anchor_display_s_.reset();
        return take_locked(std::move(next));
      }
      if (source_->error()) return {nullptr, false, WV_ERROR_SOURCE_FAILED};
      if (finished_) return {nullptr, false, WV_ERROR_TIMEOUT};
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return {nullptr, false, WV_ERROR_TIMEOUT};
    source_->frames().wait_for_frame(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now) +
                                     std::chrono::milliseconds(1));
  }
}

Status Source::steer(int64_t frame_index, const std::string& text) {
  if (!steerable()) return Error{name_ + ": only rollouts can be steered (this is a " + source_->info().kind + ")"};
  if (frame_index < 1) return Error{name_ + ": steer at frame " + std::to_string(frame_index) +
                                    ": frame 0 has the opening prompt; steer from frame 1 on"};
  const Status steered = local_ ? local_->steer(frame_index, text) : remote_->steer(frame_index, text);
  if (!steered) return steered;
  std::lock_guard lock(mutex_);
  spec_.rollout = app::branch_source(spec_.rollout, frame_index, text, std::nullopt, source_->info().fps);
  return {};
}

Result<std::shared_ptr<Source>> Source::branch(int64_t frame_index, const std::optional<std::string>& prompt,
                                               const std::optional<uint64_t>& seed) {
  if (!steerable()) return Error{name_ + ": only rollouts can branch (this is a " + source_->info().kind + ")"};
  if (frame_index < 1) return Error{name_ + ": branch at frame " + std::to_string(frame_index) +
                                    ": a branch shares at least frame 0; branch from frame 1 on"};
  std::shared_ptr<wv::FrameSource> fork;
  const std::string fork_name = name_ + " branch";
  if (local_) {
    auto made = local_->branch(frame_index, {.prompt = prompt, .seed = seed, .name = fork_name});
    if (!made) return made.error();
    fork = *made;
  } else {
    auto made = remote_->branch(frame_index, prompt, seed);
    if (!made) return made.error();
    fork = *made;
  }
  app::SourceSpec spec = this->spec();
  spec.rollout = app::branch_source(spec.rollout, frame_index, prompt, seed, source_->info().fps);
  auto branched = std::make_shared<Source>(std::move(fork), std::move(spec), fork_name);
  branched->start_clock_at(double(frame_index) / source_->info().fps);
  return branched;
}

void Source::start_clock_at(double source_s) {
  std::lock_guard lock(mutex_);
  anchor_source_s_ = source_s;
  anchor_display_s_.reset();
}

void Source::set_playing(bool playing) {
  std::lock_guard lock(mutex_);
  if (playing == playing_) return;
  if (!playing) {
    anchor_source_s_ = source_time_locked(last_display_s_);
  }
  anchor_display_s_.reset();  // paused: frozen; playing again: runs from the next acquire on
  playing_ = playing;
  source_->set_playing(playing);
}

bool Source::playing() const {
  std::lock_guard lock(mutex_);
  return playing_;
}

void Source::set_speed(double speed) {
  std::lock_guard lock(mutex_);
  if (!(speed > 0.0) || speed == speed_) return;
  if (playing_ && anchor_display_s_) {
    anchor_source_s_ = source_time_locked(last_display_s_);  // on from where it is now
    anchor_display_s_ = last_display_s_;
  }
  speed_ = speed;
}

double Source::position_s(double display_time_s) const {
  std::lock_guard lock(mutex_);
  if (!anchor_display_s_ || !playing_) return anchor_source_s_;
  return anchor_source_s_ + (display_time_s - *anchor_display_s_) * speed_;
}

double Source::speed() const {
  std::lock_guard lock(mutex_);
  return speed_;
}

Status Source::seek(int64_t frame_index) {
  std::lock_guard lock(mutex_);
  if (Status sought = source_->seek(frame_index); !sought) return sought;
  anchor_source_s_ = double(frame_index) / source_->info().fps;
  anchor_display_s_.reset();
  last_ = nullptr;  // the frame shown next is the sought one
  finished_ = false;
  return {};
}

void Source::set_callback(wv_frame_ready_fn callback, void* user_data) {
  std::lock_guard lock(callback_mutex_);
  callback_ = callback;
  callback_user_ = user_data;
}

void Source::close() {
  {
    std::lock_guard lock(callback_mutex_);
    closed_ = true;
  }
  if (local_) local_->close();
  else if (remote_) remote_->close();
  else source_->set_playing(false);
}

wv_source_status Source::status() const {
  wv_source_status s{};
  const wv::SourceInfo& info = source_->info();
  s.kind = kind();
  s.width = info.width;
  s.height = info.height;
  s.fps = info.fps;
  s.frame_count = info.frame_count;
  s.failed = source_->error() ? 1 : 0;
  s.lookahead = int32_t(source_->frames().size());
  s.lookahead_capacity = int32_t(source_->frames().capacity());
  s.last_steer_latency_ms = -1.0;
  s.frames_produced = produced_;
  {
    std::lock_guard lock(mutex_);
    s.playing = playing_ ? 1 : 0;
    s.ended = finished_ && !s.failed ? 1 : 0;
    s.last_frame_index = last_ ? last_->index : -1;
  }
  if (local_) {
    const model::RolloutStatus rs = local_->status();
    s.frames_produced = rs.frames_produced;
    s.last_steer_latency_ms = rs.last_steer_latency_ms;
    s.unknown_word_count = int32_t(rs.unknown_words.size());
  }
  return s;
}

std::string Source::error_message() const {
  const auto error = source_->error();
  return error ? error->message : std::string();
}

std::vector<std::string> Source::unknown_words() const {
  return local_ ? local_->status().unknown_words : std::vector<std::string>{};
}

std::string Source::prompt_at(int64_t frame_index) const {
  const app::RolloutTrack track = app::rollout_track(spec().rollout, source_->info().fps);
  std::string prompt;
  for (const model::PromptChange& change : track.prompts) {
    if (change.frame <= frame_index) prompt = change.text;
  }
  return prompt;
}

wv::FramePtr Source::last_frame() const {
  std::lock_guard lock(mutex_);
  return last_;
}

app::SourceSpec Source::spec() const {
  std::lock_guard lock(mutex_);
  return spec_;
}

}  // namespace wv::capi
