// app/panel_recording.h — a run's recordings to MP4: a panel's source frames at their native size
// and rate, and the viewer's composed view (the window, the headless camera, the headset's left
// eye). The console's Record toggles, `--record-panel N:FILE` / `--record-view FILE` and the
// session scripts' `record` all start and stop them here.
//
//   wv::app::PanelRecordings recordings(player, wv::app::RecordPace::Live);
//   recordings.set_view_format({1280, 720, 30});
//   if (wv::Status s = recordings.start_panel(0, "panel0.mp4", t_s); !s) show(s.error().message);
//   // every rendered frame:
//   bool capture = recordings.view_due(t_s);          // render with capture_view = 0 if so
//   recordings.add_view_frame(image, t_s);            // the captured image of that frame
//   recordings.stop_panel(0);                         // the file ends cleanly (also on destruction)
//
// A panel's recording gets every frame its source produces while it records (PanelPlayer's tap:
// the frames a display skips too), each frame one 1/fps step of the file (the source's fps), so
// the file plays the source as it was produced. The view is sampled at the view format's fps:
// a rendered frame fills every 1/fps slot that passed since the last one.
// Pace: Live (desktop, xr) never blocks the render thread: a frame the encoder has no room for is
// dropped and counted (RecordingStatus::dropped). Offline (headless) waits for the encoder: every
// frame lands. A recording that fails (disk full) stops, logs the file and the reason and keeps
// it for errors(); the run goes on.
//
// Threading: the render thread; the player outlives the recordings.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/panel_player.h"
#include "media/recorder.h"
#include "wv/result.h"

namespace wv::app {

enum class RecordPace { Live, Offline };

// The rate live modes (desktop, xr) sample the composed view at for its recording.
inline constexpr int32_t kLiveViewFps = 30;

struct ViewFormat {
  int32_t width = 0, height = 0;  // the view's pixels (a recording keeps the size it started with)
  int32_t fps = 30;
};

struct RecordingStatus {
  bool active = false;
  std::string path;
  int64_t frames = 0;   // accepted so far (queued or encoded)
  int64_t dropped = 0;  // frames the encoder had no room for (live only)
  double seconds = 0.0; // of video: frames / fps
};

class PanelRecordings {
 public:
  PanelRecordings(PanelPlayer& player, RecordPace pace);
  ~PanelRecordings();  // stops every recording (each file ends cleanly)
  PanelRecordings(const PanelRecordings&) = delete;
  PanelRecordings& operator=(const PanelRecordings&) = delete;

  // Errors name the file and the reason (an unwritable folder) or the panel; nothing changes then.
  Status start_panel(size_t panel, const std::string& path);
  Status stop_panel(size_t panel);
  void set_view_format(ViewFormat format) { view_format_ = format; }
  Status start_view(const std::string& path, double t_s);
  Status stop_view();
  // Ends every recording and logs what each wrote.
  void stop_all();

  // True when the frame rendered at t_s is to be captured for the view's recording.
  bool view_due(double t_s) const;
  // The captured image of the frame rendered at t_s.
  void add_view_frame(const FramePtr& image, double t_s);

  RecordingStatus panel_status(size_t panel) const;
  RecordingStatus view_status() const;
  bool recording_any() const;
  size_t panel_count() const { return player_.size(); }
  // Every failure met while recording (not start/stop errors, which are returned), oldest first.
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  struct Track {
    std::unique_ptr<media::Recorder> recorder;
    int64_t accepted = 0;
    int64_t next_slot = 0;  // the view: the next 1/fps slot to fill
    double start_s = 0.0;   // the view: display time of slot 0
  };
  Result<std::unique_ptr<media::Recorder>> open(const std::string& path, int32_t width, int32_t height, int32_t fps);
  void add(Track& track, const FramePtr& frame);
  Status stop(Track& track);
  RecordingStatus status_of(const Track& track) const;

  PanelPlayer& player_;
  RecordPace pace_;
  ViewFormat view_format_;
  std::vector<Track> panels_;  // by panel index; grows as panels are added
  Track view_;
  std::vector<std::string> errors_;
};

}  // namespace wv::app
