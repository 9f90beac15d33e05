#include "app/panel_recording.h"

#include <cmath>

#include "wv/log.h"

namespace wv::app {
namespace {

// H.264 in an MP4 at x264's defaults for a recording a person watches again.
constexpr int32_t kCrf = 20;

}  // namespace

PanelRecordings::PanelRecordings(PanelPlayer& player, RecordPace pace) : player_(player), pace_(pace) {}

PanelRecordings::~PanelRecordings() { stop_all(); }

Result<std::unique_ptr<media::Recorder>> PanelRecordings::open(const std::string& path, int32_t width, int32_t height,
                                                              int32_t fps) {
  if (path.empty()) return Error{"no file to record to: give a name, e.g. take1.mp4"};
  // Live, the encoder thread keeps the render thread's frames: a few in hand absorb its jitter.
  return media::Recorder::open({.path = path,
                                .width = width,
                                .height = height,
                                .fps = fps,
                                .crf = kCrf,
                                .queue_frames = pace_ == RecordPace::Live ? 16 : 4,
                                .timing = media::RecorderTiming::FrameCount});
}

Status PanelRecordings::start_panel(size_t panel, const std::string& path) {
  if (panel >= player_.size())
    return Error{"there is no panel " + std::to_string(panel) + " to record (" + std::to_string(player_.size()) +
                 " panel(s))"};
  const Panel& p = player_.panel(panel);
  if (!p.source) return Error{p.name + ": nothing to record (its source failed to open)"};
  if (panels_.size() < player_.size()) panels_.resize(player_.size());
  if (panels_[panel].recorder) return Error{p.name + " is already recording to " + panels_[panel].recorder->params().path};
  const SourceInfo& info = p.source->info();
  if (info.width <= 0 || info.height <= 0) return Error{p.name + ": its frame size is not known yet"};
  const int32_t fps = std::max<int32_t>(1, int32_t(std::lround(info.fps)));
  auto recorder = open(path, info.width, info.height, fps);
  if (!recorder) return Error{p.name + ": cannot record: " + recorder.error().message};
  panels_[panel] = Track{.recorder = std::move(*recorder)};
  player_.set_tap(panel, [this, panel](const FramePtr& frame) {
    if (panels_[panel].recorder) add(panels_[panel], frame);  // none: it failed (logged)
  });
  wv::log_info("recording " + p.name + " to " + path + " (" + std::to_string(info.width) + "x" +
               std::to_string(info.height) + ", " + std::to_string(fps) + " fps)");
  return Status::success();
}

Status PanelRecordings::stop_panel(size_t panel) {
  if (panel >= panels_.size() || !panels_[panel].recorder)
    return Error{(panel < player_.size() ? player_.panel(panel).name : "panel " + std::to_string(panel)) +
                 " is not recording"};
  player_.set_tap(panel, {});
  return stop(panels_[panel]);
}

Status PanelRecordings::start_view(const std::string& path, double t_s) {
  if (view_.recorder) return Error{"the view is already recording to " + view_.recorder->params().path};
  if (view_format_.width <= 0 || view_format_.height <= 0) return Error{"there is no view to record yet"};
  auto recorder = open(path, view_format_.width, view_format_.height, view_format_.fps);
  if (!recorder) return Error{"cannot record the view: " + recorder.error().message};
  view_ = Track{.recorder = std::move(*recorder), .start_s = t_s};
  wv::log_info("recording the view to " + path + " (" + std::to_string(view_format_.width) + "x" +
               std::to_string(view_format_.height) + ", " + std::to_string(view_format_.fps) + " fps)");
  return Status::success();
}

Status PanelRecordings::stop_view() {
  if (!view_.recorder) return Error{"the view is not recording"};
  return stop(view_);
}

void PanelRecordings::stop_all() {
  for (size_t i = 0; i < panels_.size(); ++i)
    if (panels_[i].recorder) (void)stop_panel(i);
  if (view_.recorder) (void)stop(view_);
}

bool PanelRecordings::view_due(double t_s) const {
  if (!view_.recorder) return false;
  // A small tolerance: offline, frame k renders at exactly k / fps.
  return (t_s - view_.start_s) * view_format_.fps + 1e-6 >= double(view_.next_slot);
}

void PanelRecordings::add_view_frame(const FramePtr& image, double t_s) {
  if (!view_.recorder) return;
  // Every slot up to this frame's time shows it (a slow frame stays on screen that long).
  const int64_t last_slot = int64_t(std::floor((t_s - view_.start_s) * view_format_.fps + 1e-6));
  for (; view_.recorder && view_.next_slot <= last_slot; ++view_.next_slot) add(view_, image);
}

void PanelRecordings::add(Track& track, const FramePtr& frame) {
  media::Recorder& recorder = *track.recorder;
  Status written;
  if (pace_ == RecordPace::Offline) {
    written = recorder.write(frame);
  } else {
    const int64_t dropped = recorder.frames_dropped();
    // try_write refuses a frame for want of room (counted as dropped: the run goes on) or
    // because the recorder failed, whose error finish() returns.
    if (!recorder.try_write(frame)) {
      if (recorder.frames_dropped() > dropped) return;
      written = recorder.finish();
      if (written) written = Error{recorder.params().path + ": the recorder refused a frame"};
    }
  }
  if (written) {
    ++track.accepted;
    return;
  }
  const std::string message = "recording " + recorder.params().path + " stopped: " + written.error().message;
  wv::log_error(message);
  errors_.push_back(message);
  track.recorder.reset();  // the file keeps its finished fragments
}

Status PanelRecordings::stop(Track& track) {
  const std::string path = track.recorder->params().path;
  const Status finished = track.recorder->finish();
  const int64_t frames = track.recorder->frames_encoded(), dropped = track.recorder->frames_dropped();
  track.recorder.reset();
  if (!finished) {
    wv::log_error(finished.error().message);
    return finished;
  }
  wv::log_info("recorded " + path + ": " + std::to_string(frames) + " frames" +
               (dropped > 0 ? ", " + std::to_string(dropped) + " dropped (the encoder fell behind)" : ""));
  return Status::success();
}

RecordingStatus PanelRecordings::status_of(const Track& track) const {
  if (!track.recorder) return {};
  const media::Recorder& r = *track.recorder;
  const int64_t frames = track.accepted;
  return {.active = true,
          .path = r.params().path,
          .frames = frames,
          .dropped = r.frames_dropped(),
          .seconds = double(frames) / double(r.params().fps)};
}

RecordingStatus PanelRecordings::panel_status(size_t panel) const {
  return panel < panels_.size() ? status_of(panels_[panel]) : RecordingStatus{};
}

RecordingStatus PanelRecordings::view_status() const { return status_of(view_); }

bool PanelRecordings::recording_any() const {
  if (view_.recorder) return true;
  for (const Track& t : panels_)
    if (t.recorder) return true;
  return false;
}

}  // namespace wv::app
