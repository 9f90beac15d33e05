// Weights files <-> at::Tensor. The only weights file that includes ATen.
#include "model/weights_tensors.h"

#include <ATen/ATen.h>

#include <bit>
#include <cstring>
#include <optional>
#include <set>

namespace wv::model {
namespace {

// Weights files are little-endian; copying bytes straight into tensors relies on it.
static_assert(std::endian::native == std::endian::little);

at::ScalarType scalar_type(DType dtype) {
  switch (dtype) {
    case DType::F64: return at::kDouble;
    case DType::F32: return at::kFloat;
    case DType::F16: return at::kHalf;
    case DType::BF16: return at::kBFloat16;
    case DType::I64: return at::kLong;
    case DType::I32: return at::kInt;
    case DType::I16: return at::kShort;
    case DType::I8: return at::kChar;
    case DType::U8: return at::kByte;
  }
  WV_ASSERT(false && "every DType maps to a ScalarType");
  return at::kFloat;
}

std::optional<DType> dtype_of(at::ScalarType type) {
  for (const DType dtype : {DType::F64, DType::F32, DType::F16, DType::BF16, DType::I64, DType::I32, DType::I16,
                            DType::I8, DType::U8}) {
    if (scalar_type(dtype) == type) return dtype;
  }
  return std::nullopt;
}

std::string shape_text(std::span<const std::int64_t> shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

}  // namespace

Status check_tensors(const WeightsFile& file, std::span<const TensorSpec> expected) {
  std::vector<std::string> problems;
  std::set<std::string_view> seen;
  for (const TensorSpec& spec : expected) {
    seen.insert(spec.name);
    const std::string where = "tensor '" + spec.name + "': ";
    const WeightsTensor* found = file.find(spec.name);
    if (!found) {
      problems.push_back(where + "missing");
    } else if (found->dtype != spec.dtype) {
      problems.push_back(where + "expected dtype " + std::string(dtype_name(spec.dtype)) + ", found " +
                         std::string(dtype_name(found->dtype)));
    } else if (found->shape != spec.shape) {
      problems.push_back(where + "expected shape " + shape_text(spec.shape) + ", found " + shape_text(found->shape));
    }
  }
  for (const WeightsTensor& t : file.tensors) {
    if (!seen.contains(t.name)) problems.push_back("tensor '" + t.name + "': not expected by this model");
  }
  if (problems.empty()) return Status::success();

  // A file for another model would list every tensor; the first few say enough.
  constexpr std::size_t kShown = 3;
  std::string message = file.file_name + ": ";
  for (std::size_t i = 0; i < problems.size() && i < kShown; ++i) message += (i ? "; " : "") + problems[i];
  if (problems.size() > kShown) message += "; and " + std::to_string(problems.size() - kShown) + " more";
  return Error{message};
}

Result<NamedTensors> to_tensors(const WeightsFile& file) {
  NamedTensors out;
  try {
    for (const WeightsTensor& t : file.tensors) {
      at::Tensor tensor = at::empty(t.shape, at::TensorOptions().dtype(scalar_type(t.dtype)));
      WV_ASSERT(tensor.nbytes() == t.data.size());  // parse_weights checked shape x dtype = bytes
      if (!t.data.empty()) std::memcpy(tensor.data_ptr(), t.data.data(), t.data.size());
      out.emplace(t.name, std::move(tensor));
    }
  } catch (const c10::Error& e) {
    return Error{file.file_name + ": cannot make tensors: " + e.what_without_backtrace()};
  }
  return out;
}

Status save_tensors(const std::string& path, const NamedTensors& tensors,
                    const std::map<std::string, std::string>& metadata) {
  std::vector<at::Tensor> contiguous;  // keeps the bytes the entries point to alive
  std::vector<WeightsTensor> entries;
  try {
    for (const auto& [name, tensor] : tensors) {
      const std::optional<DType> dtype = dtype_of(tensor.scalar_type());
      if (!dtype) {
        return Error{path + ": tensor '" + name + "': dtype " + std::string(at::toString(tensor.scalar_type())) +
                     " cannot be stored in a weights file"};
      }
      contiguous.push_back(tensor.detach().to(at::kCPU).contiguous());
      const at::Tensor& cpu = contiguous.back();
      entries.push_back({name, *dtype, cpu.sizes().vec(),
                         {static_cast<const std::uint8_t*>(cpu.data_ptr()), cpu.nbytes()}});
    }
  } catch (const c10::Error& e) {
    return Error{path + ": cannot read tensors to save: " + e.what_without_backtrace()};
  }
  return save_weights(path, entries, metadata);
}

}  // namespace wv::model
