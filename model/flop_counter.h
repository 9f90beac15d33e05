// model/flop_counter.h — counts the arithmetic a model performs, by watching the operators it
// dispatches (LibTorch's RecordFunction hooks), so it works for any model: the built-in one,
// a TorchScript file, a benchmark's synthetic net.
//
//   FlopCounter counter;                 // counts on this thread from here...
//   model.step(input);
//   FlopTally t = counter.tally();       // ...until destroyed
//   printf("%.1f MFLOP\n", t.flops * 1e-6);
//
// What counts: convolutions (aten::convolution, which every conv1d/conv2d/conv_transpose call
// passes through) and matrix products (mm, addmm, bmm, baddbmm), 2 FLOPs per multiply-add.
// Elementwise operators, normalizations and activations are not counted: they are a small share
// of the arithmetic and memory-bound, so they would not tell how well the matmul units are used.
// Operators nested inside a counted one are skipped, so nothing is counted twice.
// LibTorch 1.13's own profiler (with_flops) is not used because it counts only conv2d among the
// convolutions and misses conv_transpose2d and conv1d, which the built-in model's decoder and
// text encoder use.
//
// Threading: counts operators run on the constructing thread only (a rollout engine's worker
// is another thread: step the model directly). One counter per thread at a time (asserted).
#pragma once

#include <cstdint>

namespace wv::model {

struct FlopTally {
  double flops = 0.0;          // 2 x multiply-adds of the counted operators
  int64_t convolutions = 0;    // counted operator calls, by kind
  int64_t matrix_products = 0;
};

class FlopCounter {
 public:
  FlopCounter();
  ~FlopCounter();
  FlopCounter(const FlopCounter&) = delete;
  FlopCounter& operator=(const FlopCounter&) = delete;

  FlopTally tally() const;

 private:
  uint64_t handle_ = 0;  // the RecordFunction callback's handle
};

}  // namespace wv::model
