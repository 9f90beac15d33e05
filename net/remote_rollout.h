// net/remote_rollout.h — a rollout computed by a tethered server, as a wv::FrameSource: panels
// cannot tell it from a local one (DESIGN.md §3). Made by Client::open() or branch().
//
//   std::shared_ptr<wv::net::RemoteRollout> r = *client->open({...});
//   r->pump();                                       // decodes one arrived frame into frames()
//   r->steer(shown_index, "the balls turn green");  // frames >= shown_index are redone remotely
//   auto fork = r->branch(shown_index, "rain", std::nullopt);
//   const wv::net::LatencyStats& t = r->telemetry(); // per-stage latency of its frames
//
// Frames arrive on the client's network thread into a small inbox; pump() (the panel's producer
// thread) decodes one into frames() and tells the server how many frames the panel has taken,
// which is what lets the server send more: a panel that is not shown costs nothing remotely.
// shown() (the render thread) closes a frame's display stage and sends the server the client's
// stages of it (a Shown message), for `worldview stats`.
// Threading: as wv::FrameSource; steer/branch/close from any thread but the network thread.
#pragma once

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "net/latency_stats.h"
#include "net/protocol.h"
#include "wv/frame_source.h"

namespace wv::media {
class StreamDecoder;
}

namespace wv::net {

class ClientCore;

class RemoteRollout : public wv::FrameSource {
 public:
  RemoteRollout(std::shared_ptr<ClientCore> core, uint32_t id, Codec codec, uint32_t window, std::string model,
                const Opened& opened, std::string name);
  ~RemoteRollout() override;

  const SourceInfo& info() const override { return info_; }
  FrameQueue& frames() override { return frames_; }
  PumpResult pump() override;
  void set_playing(bool playing) override;
  bool playing() const override { return playing_; }
  Status seek(int64_t frame_index) override;
  std::optional<Error> error() const override;
  void shown(const Frame& frame) override;

  // As model::Rollout::steer: the prompt applies from frame_index on.
  Status steer(int64_t frame_index, const std::string& text);
  // A new remote rollout sharing this one's frames before frame_index.
  Result<std::shared_ptr<RemoteRollout>> branch(int64_t frame_index, const std::optional<std::string>& prompt,
                                                const std::optional<uint64_t>& seed);
  void close();

  std::vector<PromptEntry> prompt_track() const;
  std::vector<SeedEntry> seed_track() const;
  const LatencyStats& telemetry() const { return telemetry_; }
  uint64_t bytes_received() const { return bytes_received_; }
  uint64_t frames_dropped() const { return frames_dropped_; }  // stale after a steer, or waiting for a keyframe
  uint32_t id() const { return id_; }

  // Network thread (ClientCore) only (or ClientCore::add, handing over frames that came early):
  void on_frame(FrameMessage frame, uint64_t arrival_ns);
  void on_failed(const std::string& reason);
  Open resume_open();  // after a reconnect: the Open that continues from the frame the panel shows

 private:
  bool stale(const FrameMessage& f) const;  // mutex_ held
  void report_consumed();                   // mutex_ held

  std::shared_ptr<ClientCore> core_;
  const uint32_t id_;
  const Codec codec_;
  const uint32_t window_;
  const std::string model_;
  SourceInfo info_;
  FrameQueue frames_;
  LatencyStats telemetry_;
  std::atomic<bool> playing_{true};
  std::atomic<uint64_t> bytes_received_{0}, frames_dropped_{0};

  mutable std::mutex mutex_;
  struct Arrived {
    FrameMessage message;
    uint32_t network_us;  // Shown::kNotMeasured when the clocks do not compare
  };
  std::deque<Arrived> inbox_;
  std::unique_ptr<media::StreamDecoder> decoder_;
  bool await_keyframe_ = true;
  uint32_t epoch_ = 0;
  struct StaleFrom {
    uint32_t epoch;
    int64_t from;
  };
  std::vector<StaleFrom> stale_;  // since the last (re)open: frames of older epochs from `from` on are stale
  uint64_t received_ = 0;         // frames arrived since the last (re)open
  uint64_t consumed_reported_ = 0;
  int64_t next_index_ = 0;        // one past the newest frame queued (where a resume starts when the queue is empty)
  std::vector<PromptEntry> prompt_track_;
  std::vector<SeedEntry> seed_track_;
  std::optional<Error> error_;
  bool closed_ = false;
  bool produced_ = false;

  // Frames in the panel's queue, oldest first: when each was queued and its client stages, until
  // shown() closes its display stage. A lock of its own: the render thread never waits on a decode.
  struct Queued {
    int64_t index;
    uint64_t queued_ns;
    uint32_t network_us;
    uint32_t decode_us;
  };
  std::mutex queued_mutex_;
  std::deque<Queued> queued_;
};

}  // namespace wv::net
