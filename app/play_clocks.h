// app/play_clocks.h — panels' playback clocks: each maps display time to source time (play,
// pause as speed 0, speed, seek). Panels of one synchronized group (PanelSpec::group) share a
// clock, so whatever is done to one member — pause, speed, seek — happens to all of them at the
// same display time: an A/B/C comparison stays frame for frame in step.
//
//   wv::app::PlayClocks clocks({"", "cmp", "cmp"});   // panel 0 alone; 1 and 2 together
//   clocks.set_speed(1, 0.0, t_s);                     // pauses panels 1 and 2
//   double source_s = clocks.position_s(2, t_s);       // the frame time panel 2 shows now
//   for (size_t m : clocks.members(1)) seek(m, 4.0);   // the caller seeks every member's source
//   clocks.set_position(1, 4.0, t_s);
//
// Threading: none; the render thread's (app/panel_player.h).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace wv::app {

class PlayClocks {
 public:
  // One entry per panel: its group name, or "" for a clock of its own.
  explicit PlayClocks(const std::vector<std::string>& groups);

  double position_s(size_t panel, double t_s) const;  // source time at display time t_s
  double speed(size_t panel) const;
  // From display time t_s on, the panel's clock (its group's) runs at `speed` (0: paused).
  void set_speed(size_t panel, double speed, double t_s);
  // At display time t_s the panel's clock (its group's) shows source time source_s.
  void set_position(size_t panel, double source_s, double t_s);
  // Appends a panel: into its group's clock, or (group "" or new) on a clock of its own that shows
  // source_s at display time t_s.
  void add(const std::string& group, double source_s, double t_s);
  // The panels sharing this panel's clock, itself included, in panel order.
  const std::vector<size_t>& members(size_t panel) const;

 private:
  struct Clock {
    double display_s = 0.0;  // anchor: at this display time ...
    double source_s = 0.0;   // ... the clock showed this source time
    double speed = 1.0;
    std::vector<size_t> members;
    double at(double t_s) const { return source_s + speed * (t_s - display_s); }
  };
  std::vector<size_t> clock_of_;  // per panel
  std::vector<Clock> clocks_;
  std::map<std::string, size_t> clock_of_group_;
};

}  // namespace wv::app
