// app/plot_canvas.h — the few drawing calls the PNG plots need (loss curves, evaluation
// metrics): solid pixels, lines and dotted grid lines in an RGBA8 frame, clipped to it.
#pragma once

#include <cstdint>

#include "wv/frame.h"

namespace wv::app {

struct PlotColor {
  uint8_t r = 0, g = 0, b = 0;
};

void plot_fill(Frame& f, PlotColor c);
void plot_point(Frame& f, int32_t x, int32_t y, PlotColor c);
void plot_line(Frame& f, int32_t x0, int32_t y0, int32_t x1, int32_t y1, PlotColor c);
// Every third pixel from x0 to x1 at height y.
void plot_dotted_hline(Frame& f, int32_t x0, int32_t x1, int32_t y, PlotColor c);

}  // namespace wv::app
