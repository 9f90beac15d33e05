#include "app/shown_rates.h"

namespace wv::app {

void ShownRates::update(size_t panel, int64_t frame, double t_s) {
  if (panel >= rates_.size()) rates_.resize(panel + 1);
  Rate& r = rates_[panel];
  if (frame != r.last_frame && frame >= 0) ++r.frames;
  r.last_frame = frame;
  if (t_s - r.since_s >= kWindow_s) {
    r.fps = double(r.frames) / (t_s - r.since_s);
    r.frames = 0;
    r.since_s = t_s;
  }
}

}  // namespace wv::app
