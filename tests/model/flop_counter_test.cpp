// FlopCounter against hand-counted multiply-adds: convolutions of every kind the built-in model
// uses, matrix products, nesting (counted once), TorchScript-run operators, and its limits
// (this thread only, nothing after it is destroyed).
#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <torch/jit.h>

#include <thread>

#include "model/flop_counter.h"

namespace wv::model {
namespace {

template <typename F>
FlopTally count(F&& run) {
  FlopCounter counter;
  run();
  return counter.tally();
}

TEST(FlopCounter, Conv2dIsTwoFlopsPerWeightPerOutputPosition) {
  const at::Tensor x = at::randn({2, 3, 8, 8});
  const at::Tensor w = at::randn({4, 3, 3, 3});
  // padding 1, stride 1: 8x8 outputs; stride 2: 4x4.
  EXPECT_DOUBLE_EQ(count([&] { at::conv2d(x, w, {}, 1, 1); }).flops, 2.0 * 2 * 64 * w.numel());
  EXPECT_DOUBLE_EQ(count([&] { at::conv2d(x, w, {}, 2, 1); }).flops, 2.0 * 2 * 16 * w.numel());
  // no padding, dilation 2: (8 - 2*2 - 1)/1 + 1 = 4 per side.
  EXPECT_DOUBLE_EQ(count([&] { at::conv2d(x, w, {}, 1, at::IntArrayRef{0}, 2); }).flops, 2.0 * 2 * 16 * w.numel());
}

TEST(FlopCounter, TransposedAndOneDimensionalConvolutionsCount) {
  // Transposed: every weight scatters from each of the 4x4 input positions.
  const at::Tensor x = at::randn({1, 4, 4, 4});
  const at::Tensor w = at::randn({4, 3, 4, 4});
  const FlopTally up = count([&] { at::conv_transpose2d(x, w, {}, 2, 1); });
  EXPECT_DOUBLE_EQ(up.flops, 2.0 * 16 * w.numel());
  EXPECT_EQ(up.convolutions, 1);
  const at::Tensor seq = at::randn({3, 5, 10});
  const at::Tensor w1 = at::randn({6, 5, 3});
  EXPECT_DOUBLE_EQ(count([&] { at::conv1d(seq, w1, {}, 1, 1); }).flops, 2.0 * 3 * 10 * w1.numel());
}

TEST(FlopCounter, MatrixProductsCountOnceWhateverCallsThem) {
  const at::Tensor w = at::randn({7, 5});
  // linear on a matrix: one addmm; on a 3-d input: matmul folds it into one mm.
  const FlopTally lin = count([&] { at::linear(at::randn({2, 5}), w, at::randn({7})); });
  EXPECT_DOUBLE_EQ(lin.flops, 2.0 * 2 * 5 * 7);
  EXPECT_EQ(lin.matrix_products, 1);
  EXPECT_DOUBLE_EQ(count([&] { at::linear(at::randn({2, 3, 5}), w); }).flops, 2.0 * 6 * 5 * 7);
  EXPECT_DOUBLE_EQ(count([&] { at::bmm(at::randn({4, 2, 3}), at::randn({4, 3, 6})); }).flops, 2.0 * 4 * 2 * 3 * 6);
  EXPECT_DOUBLE_EQ(count([&] { at::matmul(at::randn({4, 2, 3}), at::randn({4, 3, 6})); }).flops,
                   2.0 * 4 * 2 * 3 * 6);
}

TEST(FlopCounter, ElementwiseOperatorsAreNotCounted) {
  const at::Tensor x = at::randn({64, 64});
  const FlopTally t = count([&] { at::relu(x * 2.0 + x).sum(); });
  EXPECT_EQ(t.flops, 0.0);
  EXPECT_EQ(t.convolutions + t.matrix_products, 0);
}

TEST(FlopCounter, CountsOperatorsRunByTorchScript) {
  auto unit = torch::jit::compile(
      "def f(x, w, v):\n"
      "    return torch.conv2d(x, w, padding=1).flatten(1) @ v\n");
  const at::Tensor x = at::randn({1, 3, 8, 8});
  const at::Tensor w = at::randn({4, 3, 3, 3});
  const at::Tensor v = at::randn({4 * 64, 2});
  const FlopTally t = count([&] { unit->run_method("f", x, w, v); });
  EXPECT_DOUBLE_EQ(t.flops, 2.0 * 64 * w.numel() + 2.0 * 256 * 2);
}

TEST(FlopCounter, CountsOnlyItsOwnThreadAndOnlyWhileAlive) {
  const at::Tensor a = at::randn({8, 8});
  FlopTally t;
  {
    FlopCounter counter;
    std::thread([&] { at::mm(a, a); }).join();
    t = counter.tally();
  }
  EXPECT_EQ(t.flops, 0.0);
  at::mm(a, a);  // no counter: must not disturb the next one
  EXPECT_DOUBLE_EQ(count([&] { at::mm(a, a); }).flops, 2.0 * 8 * 8 * 8);
}

}  // namespace
}  // namespace wv::model
