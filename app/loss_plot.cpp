#include "app/loss_plot.h"

#include <algorithm>
#include <cmath>

#include "app/plot_canvas.h"
#include "wv/result.h"

namespace wv::app {

std::shared_ptr<Frame> plot_losses(const std::vector<float>& losses, int32_t width, int32_t height) {
  WV_ASSERT(width >= 16 && height >= 16);
  auto f = make_frame(width, height, 0, 0.0);
  plot_fill(*f, {255, 255, 255});
  const int32_t left = 8, right = width - 8, top = 8, bottom = height - 8;
  plot_line(*f, left, top, left, bottom, {0, 0, 0});
  plot_line(*f, left, bottom, right, bottom, {0, 0, 0});

  double lo = INFINITY, hi = -INFINITY;
  for (float v : losses) {
    if (std::isfinite(v) && v > 0) lo = std::min(lo, std::log10(double(v))), hi = std::max(hi, std::log10(double(v)));
  }
  if (!(lo <= hi)) return f;
  if (hi - lo < 1e-6) lo -= 0.5, hi += 0.5;
  const size_t n = losses.size();
  auto px = [&](size_t i) { return left + 1 + int32_t(double(i) / double(std::max<size_t>(1, n - 1)) * (right - left - 2)); };
  auto py = [&](double log_v) { return bottom - 1 - int32_t((log_v - lo) / (hi - lo) * (bottom - top - 2)); };
  for (double decade = std::ceil(lo); decade <= hi; decade += 1.0) {
    plot_dotted_hline(*f, left + 1, right - 1, py(decade), {170, 170, 170});
  }
  for (size_t i = 0; i < n; ++i) {
    if (std::isfinite(losses[i]) && losses[i] > 0) plot_point(*f, px(i), py(std::log10(double(losses[i]))), {160, 190, 235});
  }
  // Running mean over ~1% of the run (at least 5 steps) as the trend.
  const size_t window = std::max<size_t>(5, n / 100);
  double sum = 0;
  size_t count = 0;
  int32_t last_x = -1, last_y = -1;
  for (size_t i = 0; i < n; ++i) {
    if (std::isfinite(losses[i]) && losses[i] > 0) sum += losses[i], ++count;
    if (i >= window && std::isfinite(losses[i - window]) && losses[i - window] > 0) sum -= losses[i - window], --count;
    if (count == 0) continue;
    const int32_t x = px(i), y = py(std::log10(sum / double(count)));
    if (last_x >= 0) plot_line(*f, last_x, last_y, x, y, {200, 40, 40});
    last_x = x, last_y = y;
  }
  return f;
}

}  // namespace wv::app
