// app/series_plot.h — a metric against rollout horizon as a PNG-ready frame (for `worldview
// eval`): one line per series over a log₂ horizon axis, dotted grid lines at the y range's
// quarters. No text: the numbers are in the evaluation's Markdown table, which names the colors.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "app/plot_canvas.h"
#include "wv/frame.h"

namespace wv::app {

struct PlotSeries {
  std::vector<double> x, y;  // same length; x > 0 (log scale); non-finite y values are skipped
  PlotColor color;
};

// y from y_min to y_max (widened to fit every value). width, height >= 32.
std::shared_ptr<Frame> plot_series(const std::vector<PlotSeries>& series, double y_min, double y_max,
                                   int32_t width, int32_t height);

}  // namespace wv::app
