// model/weights_tensors.h — weights files as LibTorch tensors, and the check that a file holds
// exactly the tensors a model expects.
//
//   const wv::model::TensorSpec expected[] = {{"encoder.conv1.weight", DType::F32, {32, 3, 4, 4}}};
//   if (wv::Status s = wv::model::check_tensors(*file, expected); !s) return s.error();
//   wv::Result<wv::model::NamedTensors> tensors = wv::model::to_tensors(*file);
//
// This header includes no LibTorch header (at::Tensor is only declared), so including it stays
// cheap; the code that calls to_tensors or save_tensors includes <ATen/ATen.h> itself, which only
// model/ .cpp files may do. LibTorch exceptions do not leave these functions. Thread-safe.
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "model/weights_file.h"
#include "wv/result.h"

namespace at {
class Tensor;
}

namespace wv::model {

struct TensorSpec {
  std::string name;
  DType dtype = DType::F32;
  std::vector<std::int64_t> shape;
};

// Succeeds when `file` holds exactly the `expected` tensors, with their dtypes and shapes. The
// error names the file, each offending tensor (first few) and what was expected and found.
Status check_tensors(const WeightsFile& file, std::span<const TensorSpec> expected);

using NamedTensors = std::map<std::string, at::Tensor>;

// Every tensor of `file`, copied into CPU tensors of its dtype and shape. Copies, not views: the
// tensors own their memory, are aligned for any kernel and may be trained further.
Result<NamedTensors> to_tensors(const WeightsFile& file);

// Saves `tensors` (any device, any layout; copied to contiguous CPU memory) with save_weights.
// Fails for dtypes a weights file cannot hold (complex, bool, quantized).
Status save_tensors(const std::string& path, const NamedTensors& tensors,
                    const std::map<std::string, std::string>& metadata);

}  // namespace wv::model
