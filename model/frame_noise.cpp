#include "model/frame_noise.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/ops/randn.h>

namespace wv::model {

at::Tensor frame_noise(uint64_t seed, int64_t index, const std::vector<int64_t>& shape) {
  std::vector<int64_t> batched{1};
  batched.insert(batched.end(), shape.begin(), shape.end());
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(frame_noise_seed(seed, index));
  return at::randn(batched, generator, at::TensorOptions().dtype(at::kFloat));
}

}  // namespace wv::model
