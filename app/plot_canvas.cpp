#include "app/plot_canvas.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace wv::app {

void plot_fill(Frame& f, PlotColor c) {
  for (int32_t y = 0; y < f.height; ++y)
    for (int32_t x = 0; x < f.width; ++x) plot_point(f, x, y, c);
}

void plot_point(Frame& f, int32_t x, int32_t y, PlotColor c) {
  if (x < 0 || y < 0 || x >= f.width || y >= f.height) return;
  uint8_t* p = f.row(y) + 4 * x;
  p[0] = c.r, p[1] = c.g, p[2] = c.b, p[3] = 255;
}

void plot_line(Frame& f, int32_t x0, int32_t y0, int32_t x1, int32_t y1, PlotColor c) {
  const int32_t n = std::max(std::abs(x1 - x0), std::abs(y1 - y0));
  for (int32_t i = 0; i <= n; ++i) {
    const double t = n == 0 ? 0.0 : double(i) / n;
    plot_point(f, int32_t(std::lround(x0 + (x1 - x0) * t)), int32_t(std::lround(y0 + (y1 - y0) * t)), c);
  }
}

void plot_dotted_hline(Frame& f, int32_t x0, int32_t x1, int32_t y, PlotColor c) {
  for (int32_t x = x0; x <= x1; x += 3) plot_point(f, x, y, c);
}

}  // namespace wv::app
