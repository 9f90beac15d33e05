// app/shown_rates.h — how many new frames each panel showed per second, over about the last
// second: the console's "shown fps" (app/panel_actions.h's PanelStatus::shown_fps). Fed once per
// UI frame with the index of the frame each panel shows.
//
//   rates.update(panel, shown ? shown->index : -1, t_s);
//   double fps = rates.fps(panel);
//
// Threading: one thread (the render thread).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace wv::app {

class ShownRates {
 public:
  static constexpr double kWindow_s = 1.0;

  // frame: the index of the frame the panel shows at display time t_s (-1: none yet).
  void update(size_t panel, int64_t frame, double t_s);
  double fps(size_t panel) const { return panel < rates_.size() ? rates_[panel].fps : 0.0; }
  // The panels were replaced: the counts were of the old ones.
  void clear() { rates_.clear(); }

 private:
  struct Rate {
    double since_s = 0.0;
    int64_t last_frame = -1, frames = 0;
    double fps = 0.0;
  };
  std::vector<Rate> rates_;
};

}  // namespace wv::app
