#include "model/flop_counter.h"

#include <ATen/core/ivalue.h>
#include <ATen/record_function.h>

#include <cstring>

#include "wv/result.h"

namespace wv::model {
namespace {

// The RecordFunction callbacks are plain function pointers, so the count lives per thread.
struct ThreadCount {
  bool active = false;
  int depth = 0;  // counted operators currently open: anything inside them is their own work
  FlopTally tally;
};
thread_local ThreadCount t_count;

// Marks, for the end callback, that its start callback counted the operator.
struct CountedOp : at::ObserverContext {};

int64_t product(c10::IntArrayRef sizes, size_t from) {
  int64_t p = 1;
  for (size_t i = from; i < sizes.size(); ++i) p *= sizes[i];
  return p;
}

// aten::convolution(input, weight, bias, stride, padding, dilation, transposed, output_padding, groups)
double convolution_flops(c10::ArrayRef<const c10::IValue> in) {
  if (in.size() < 9 || !in[0].isTensor() || !in[1].isTensor()) return 0.0;
  const c10::IntArrayRef x = in[0].toTensor().sizes();
  const int64_t weight_numel = in[1].toTensor().numel();
  const bool transposed = in[6].toBool();
  // Every weight meets every input position (transposed: scatters from it) or every output
  // position (regular: gathers into it) once per batch item.
  int64_t positions = product(x, 2);
  if (!transposed) {
    const c10::IntArrayRef w = in[1].toTensor().sizes();
    const std::vector<int64_t> stride = in[3].toIntVector();
    const std::vector<int64_t> padding = in[4].toIntVector();
    const std::vector<int64_t> dilation = in[5].toIntVector();
    positions = 1;
    for (size_t d = 2; d < x.size(); ++d) {
      const size_t k = d - 2;
      auto at = [k](const std::vector<int64_t>& v) { return v.size() == 1 ? v[0] : v.at(k); };
      positions *= (x[d] + 2 * at(padding) - at(dilation) * (w[d] - 1) - 1) / at(stride) + 1;
    }
  }
  return 2.0 * double(x[0]) * double(positions) * double(weight_numel);
}

// [.., m, k] x [.., k, n]: `first` is the index of the left operand.
double matrix_product_flops(c10::ArrayRef<const c10::IValue> in, size_t first) {
  if (in.size() < first + 2 || !in[first].isTensor() || !in[first + 1].isTensor()) return 0.0;
  const c10::IntArrayRef a = in[first].toTensor().sizes();
  const c10::IntArrayRef b = in[first + 1].toTensor().sizes();
  if (a.size() < 2 || b.empty()) return 0.0;
  return 2.0 * double(product(a, 0)) * double(b.back());
}

std::unique_ptr<at::ObserverContext> on_start(const at::RecordFunction& fn) {
  ThreadCount& c = t_count;
  if (!c.active) return nullptr;
  const char* name = fn.name();
  const bool conv = std::strcmp(name, "aten::convolution") == 0;
  const bool mm = std::strcmp(name, "aten::mm") == 0 || std::strcmp(name, "aten::bmm") == 0;
  const bool add_mm = std::strcmp(name, "aten::addmm") == 0 || std::strcmp(name, "aten::baddbmm") == 0;
  if (!conv && !mm && !add_mm) return nullptr;
  if (c.depth == 0) {
    if (conv) {
      c.tally.flops += convolution_flops(fn.inputs());
      ++c.tally.convolutions;
    } else {
      c.tally.flops += matrix_product_flops(fn.inputs(), add_mm ? 1 : 0);
      ++c.tally.matrix_products;
    }
  }
  ++c.depth;
  return std::make_unique<CountedOp>();
}

void on_end(const at::RecordFunction&, at::ObserverContext* ctx) {
  if (ctx) --t_count.depth;
}

}  // namespace

FlopCounter::FlopCounter() {
  WV_ASSERT(!t_count.active);
  t_count = ThreadCount{.active = true};
  handle_ = at::addThreadLocalCallback(
      at::RecordFunctionCallback(on_start, on_end).needsInputs(true).scopes({at::RecordScope::FUNCTION}));
}

FlopCounter::~FlopCounter() {
  at::removeCallback(handle_);
  t_count.active = false;
}

FlopTally FlopCounter::tally() const { return t_count.tally; }

}  // namespace wv::model
