#include "app/series_plot.h"

#include <algorithm>
#include <cmath>

#include "wv/result.h"

namespace wv::app {

std::shared_ptr<Frame> plot_series(const std::vector<PlotSeries>& series, double y_min, double y_max,
                                   int32_t width, int32_t height) {
  WV_ASSERT(width >= 32 && height >= 32);
  auto f = make_frame(width, height, 0, 0.0);
  plot_fill(*f, {255, 255, 255});
  const int32_t left = 10, right = width - 10, top = 10, bottom = height - 10;
  double x_lo = INFINITY, x_hi = -INFINITY;
  for (const PlotSeries& s : series) {
    for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      if (s.x[i] <= 0 || !std::isfinite(s.y[i])) continue;
      x_lo = std::min(x_lo, std::log2(s.x[i])), x_hi = std::max(x_hi, std::log2(s.x[i]));
      y_min = std::min(y_min, s.y[i]), y_max = std::max(y_max, s.y[i]);
    }
  }
  if (!(y_max > y_min)) y_max = y_min + 1.0;
  const auto py = [&](double v) { return bottom - int32_t(std::lround((v - y_min) / (y_max - y_min) * (bottom - top))); };
  for (int q = 1; q <= 3; ++q) plot_dotted_hline(*f, left, right, py(y_min + (y_max - y_min) * q / 4.0), {190, 190, 190});
  plot_line(*f, left, top, left, bottom, {0, 0, 0});
  plot_line(*f, left, bottom, right, bottom, {0, 0, 0});
  if (!(x_hi >= x_lo)) return f;
  const auto px = [&](double v) {
    return x_hi == x_lo ? (left + right) / 2 : left + int32_t(std::lround((std::log2(v) - x_lo) / (x_hi - x_lo) * (right - left)));
  };
  for (const PlotSeries& s : series) {
    int32_t last_x = -1, last_y = -1;
    for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      if (s.x[i] <= 0 || !std::isfinite(s.y[i])) continue;
      const int32_t x = px(s.x[i]), y = py(s.y[i]);
      if (last_x >= 0) plot_line(*f, last_x, last_y, x, y, s.color);
      for (int32_t d = -2; d <= 2; ++d) plot_line(*f, x - 2, y + d, x + 2, y + d, s.color);  // a dot per point
      last_x = x, last_y = y;
    }
  }
  return f;
}

}  // namespace wv::app
