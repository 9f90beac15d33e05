// bench/model/bench_model.h — the model the engine benchmark drives. A synthetic conv net of
// roughly realistic cost (a few ms per 64x64 frame on one CPU core); bench_engine takes the
// built-in model's weights file as its argument to measure that instead.
#pragma once

#include <cstdint>
#include <memory>

#include "model/flop_counter.h"

namespace wv::model {
class WorldModel;
std::shared_ptr<WorldModel> make_bench_model();
}  // namespace wv::model

namespace wv::model {
// Mean ms per step() call at batch size `batch`, the model called directly (no engine): the
// reference the engine's overhead is measured against.
double bare_step_ms(WorldModel& model, int64_t batch, int iterations);

// The arithmetic of one step at batch 1 (model/flop_counter.h: convolutions and matrix products).
FlopTally step_flops_per_frame(WorldModel& model);
}  // namespace wv::model
