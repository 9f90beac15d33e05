#include "net/remote_rollout.h"

#include <algorithm>
#include <chrono>

#include "media/stream_decoder.h"
#include "net/client_core.h"

namespace wv::net {
namespace {

uint64_t steady_ns() {
  return uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

}  // namespace

RemoteRollout::RemoteRollout(std::shared_ptr<ClientCore> core, uint32_t id, Codec codec, uint32_t window, std::string model,
                             const Opened& opened, std::string name)
    : core_(std::move(core)),
      id_(id),
      codec_(codec),
      window_(window),
      model_(std::move(model)),
      frames_(window),
      prompt_track_(opened.prompt_track),
      seed_track_(opened.seed_track) {
  info_.kind = "remote";
  info_.description = std::move(name);
  info_.width = opened.width;
  info_.height = opened.height;
  info_.fps = opened.fps;
  info_.frame_count = opened.frame_count;
  info_.seekable = true;
}

RemoteRollout::~RemoteRollout() { close(); }

bool RemoteRollout::stale(const FrameMessage& f) const {
  return std::any_of(stale_.begin(), stale_.end(), [&](const StaleFrom& s) { return s.epoch > f.epoch && f.index >= s.from; });
}

void RemoteRollout::on_frame(FrameMessage frame, uint64_t arrival_ns) {
  bytes_received_ += frame.data.size() + kHeaderBytes + 60;
  std::lock_guard lock(mutex_);
  ++received_;
  if (closed_ || error_ || stale(frame) || frame.width != info_.width || frame.height != info_.height) {
    ++frames_dropped_;
    return;
  }
  if (frame.codec != codec_ || inbox_.size() >= 2 * size_t(window_)) {
    // The server broke the window or the codec it agreed to: drop rather than grow.
    ++frames_dropped_;
    return;
  }
  uint32_t network_us = Shown::kNotMeasured;
  if (frame.sent_ns > 0 && arrival_ns >= frame.sent_ns) {
    telemetry_.add(Stage::Network, double(arrival_ns - frame.sent_ns) / 1e6);
    network_us = uint32_t(std::min<uint64_t>((arrival_ns - frame.sent_ns) / 1000, Shown::kNotMeasured - 1));
  }
  telemetry_.add(Stage::Inference, frame.times.inference_us / 1000.0);
  telemetry_.add(Stage::Encode, frame.times.encode_us / 1000.0);
  telemetry_.add(Stage::Queue, frame.times.queue_us / 1000.0);
  inbox_.push_back({std::move(frame), network_us});
}

void RemoteRollout::on_failed(const std::string& reason) {
  std::lock_guard lock(mutex_);
  if (!error_) error_ = Error{info_.description + ": " + reason};
}

PumpResult RemoteRollout::pump() {
  std::lock_guard lock(mutex_);
  if (error_) return PumpResult::Failed;
  if (closed_) return PumpResult::Ended;
  PumpResult result = playing_ ? PumpResult::Full : PumpResult::Paused;
  if (!inbox_.empty() && frames_.has_room()) {
    FrameMessage m = std::move(inbox_.front().message);
    const uint32_t network_us = inbox_.front().network_us;
    inbox_.pop_front();
    const uint64_t start = steady_ns();
    FramePtr frame;
    if (m.codec == Codec::Raw) {
      auto f = make_frame(m.width, m.height, m.index, m.pts_s);
      std::copy(m.data.begin(), m.data.end(), f->pixels.begin());
      frame = std::move(f);
    } else if (await_keyframe_ && !m.keyframe) {
      ++frames_dropped_;  // a stream joined or broken mid-GOP: wait for the keyframe asked for
    } else {
      if (!decoder_) {
        auto decoder = media::StreamDecoder::open();
        if (!decoder) {
          error_ = Error{info_.description + ": " + decoder.error().message};
          return PumpResult::Failed;
        }
        decoder_ = std::move(*decoder);
      }
      auto decoded = decoder_->decode(m.data, m.width, m.height, m.index, m.pts_s);
      if (decoded) {
        frame = std::move(*decoded);
        await_keyframe_ = false;
      } else {
        ++frames_dropped_;
        await_keyframe_ = true;
        core_->send(RequestKeyframe{id_});
      }
    }
    if (frame) {
      const uint64_t queued = steady_ns();
      telemetry_.add(Stage::Decode, double(queued - start) / 1e6);
      next_index_ = std::max(next_index_, frame->index + 1);
      {
        // A frame queued again (after a steer, seek or resume) replaces the entries from its index on.
        std::lock_guard display(queued_mutex_);
        std::erase_if(queued_, [&](const Queued& q) { return q.index >= frame->index; });
        if (queued_.size() >= 4 * size_t(window_)) queued_.pop_front();  // taken but never shown
        queued_.push_back({frame->index, queued, network_us, uint32_t((queued - start) / 1000)});
      }
      frames_.try_push(std::move(frame));
      produced_ = true;
    }
  }
  report_consumed();
  if (produced_) {
    produced_ = false;
    return PumpResult::Produced;
  }
  if (info_.frame_count > 0 && next_index_ >= info_.frame_count && inbox_.empty()) return PumpResult::Ended;
  return result;
}

void RemoteRollout::report_consumed() {
  // Frames no longer held here (taken by the panel, flushed, dropped) free the server's window.
  const uint64_t held = inbox_.size() + frames_.size();
  const uint64_t consumed = received_ >= held ? received_ - held : 0;
  if (consumed > consumed_reported_) {
    consumed_reported_ = consumed;
    core_->send(Consumed{id_, consumed});
  }
}

void RemoteRollout::set_playing(bool playing) {
  playing_ = playing;
  core_->send(SetPlaying{id_, playing});
}

Status RemoteRollout::seek(int64_t frame_index) {
  if (frame_index < 0 || (info_.frame_count > 0 && frame_index >= info_.frame_count)) {
    return Error{info_.description + ": cannot seek to frame " + std::to_string(frame_index)};
  }
  std::lock_guard lock(mutex_);
  if (error_) return *error_;
  ++epoch_;
  stale_.push_back({epoch_, 0});
  frames_.clear();
  inbox_.clear();
  await_keyframe_ = true;
  next_index_ = frame_index;
  core_->send(Seek{id_, epoch_, frame_index});
  report_consumed();
  return {};
}

Status RemoteRollout::steer(int64_t frame_index, const std::string& text) {
  if (text.empty() || text.size() > kMaxTextBytes) {
    return Error{info_.description + ": the prompt must be 1 to " + std::to_string(kMaxTextBytes) + " bytes"};
  }
  if (frame_index < 0 || (info_.frame_count > 0 && frame_index >= info_.frame_count)) {
    return Error{info_.description + ": cannot steer at frame " + std::to_string(frame_index)};
  }
  std::lock_guard lock(mutex_);
  if (error_) return *error_;
  ++epoch_;
  stale_.push_back({epoch_, frame_index});
  frames_.flush_from(frame_index);
  std::erase_if(inbox_, [&](const Arrived& a) { return a.message.index >= frame_index; });
  // No wait for a keyframe: frames before frame_index still in flight decode on the frames
  // already seen, and the server answers the steer with a keyframe, which follows the stale frames dropped here.
  next_index_ = std::min(next_index_, frame_index);
  // The track as the engine keeps it: later changes are replaced by this one.
  std::erase_if(prompt_track_, [&](const PromptEntry& e) { return e.frame >= frame_index && e.frame > 0; });
  if (frame_index == 0) prompt_track_.front().text = text;
  else prompt_track_.push_back({frame_index, text});
  core_->send(Steer{id_, epoch_, frame_index, text});
  report_consumed();
  return {};
}

Result<std::shared_ptr<RemoteRollout>> RemoteRollout::branch(int64_t frame_index, const std::optional<std::string>& prompt,
                                                             const std::optional<uint64_t>& seed) {
  if (auto e = error()) return *e;
  const uint32_t id = core_->next_rollout_id();
  const std::string name = info_.description + " branch " + std::to_string(id);
  Branch b{.rollout = id_, .new_rollout = id, .frame = frame_index, .prompt = prompt, .seed = seed, .window = window_, .codec = codec_};
  auto opened = core_->request_branch(b);
  if (!opened) return Error{name + ": " + opened.error().message};
  auto rollout = std::make_shared<RemoteRollout>(core_, id, codec_, window_, model_, *opened, name);
  // The branch starts at the branch frame; frames before it are the parent's.
  rollout->next_index_ = frame_index;
  core_->add(rollout);
  return rollout;
}

void RemoteRollout::close() {
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    closed_ = true;
  }
  core_->send(Close{id_});
  core_->remove(id_);
}

void RemoteRollout::shown(const Frame& frame) {
  Shown message{.rollout = id_};
  {
    std::lock_guard display(queued_mutex_);
    auto it = std::find_if(queued_.begin(), queued_.end(), [&](const Queued& q) { return q.index == frame.index; });
    if (it == queued_.end()) return;  // shown again, or not one of this rollout's queued frames
    message.network_us = it->network_us;
    message.decode_us = it->decode_us;
    message.display_us = uint32_t(std::min<uint64_t>((steady_ns() - it->queued_ns) / 1000, Shown::kNotMeasured - 1));
    queued_.erase(queued_.begin(), it + 1);  // older frames were skipped, never shown
  }
  telemetry_.add(Stage::Display, message.display_us / 1000.0);
  core_->send(message);
}

std::optional<Error> RemoteRollout::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

std::vector<PromptEntry> RemoteRollout::prompt_track() const {
  std::lock_guard lock(mutex_);
  return prompt_track_;
}

std::vector<SeedEntry> RemoteRollout::seed_track() const {
  std::lock_guard lock(mutex_);
  return seed_track_;
}

Open RemoteRollout::resume_open() {
  std::lock_guard lock(mutex_);
  // Continue from the frame the panel shows next: queued frames are dropped and made again
  // (the same frames: same tracks, same seed), which keeps the window's count simple.
  const FramePtr oldest = frames_.peek();
  const int64_t start = oldest ? oldest->index : next_index_;
  frames_.clear();
  inbox_.clear();
  stale_.clear();
  received_ = 0;
  consumed_reported_ = 0;
  await_keyframe_ = true;
  next_index_ = start;
  if (decoder_) decoder_->reset();
  return Open{.rollout = id_,
              .model = model_,
              .prompt_track = prompt_track_,
              .seed_track = seed_track_,
              .start_frame = start,
              .frame_count = info_.frame_count,
              .window = window_,
              .codec = codec_,
              .playing = playing_};
}

}  // namespace wv::net
