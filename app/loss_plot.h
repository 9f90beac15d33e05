// app/loss_plot.h — a training loss curve drawn into a frame (for `worldview train`'s loss.png):
// the per-step loss as faint dots and its running mean as a line, on a log scale, with a
// horizontal grid line at every power of ten. No text: the numbers are in the training log.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "wv/frame.h"

namespace wv::app {

// `losses` per step (non-finite and non-positive values are skipped). A frame of width × height
// (each >= 16); an empty history gives an empty plot (axes only).
std::shared_ptr<Frame> plot_losses(const std::vector<float>& losses, int32_t width, int32_t height);

}  // namespace wv::app
