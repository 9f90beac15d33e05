// Weights files as at::Tensors: values survive save_tensors -> load_weights -> to_tensors, and
// check_tensors says which tensor differs from what a model expects, and how.
#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "model/weights_tensors.h"

namespace wv::model {
namespace {

namespace fs = std::filesystem;

fs::path test_file(const std::string& name) {
  const fs::path folder = fs::path(WV_TEST_OUTPUT_DIR) / "weights_tensors";
  fs::create_directories(folder);
  return folder / name;
}

TEST(WeightsTensors, SaveThenLoadKeepsValuesDtypesAndShapes) {
  at::manual_seed(3);
  NamedTensors saved;
  saved.emplace("conv.weight", at::randn({4, 3, 2, 2}));
  saved.emplace("conv.bias", at::randn({4}).to(at::kHalf));
  saved.emplace("proj.weight", at::randn({3, 5}).to(at::kBFloat16).t());  // not contiguous
  saved.emplace("steps", at::scalar_tensor(12345, at::kLong));
  saved.emplace("table", at::arange(6, at::kByte).reshape({2, 3}));
  const fs::path path = test_file("roundtrip.safetensors");
  ASSERT_TRUE(save_tensors(path.string(), saved, {{"format", "pt"}}).ok());

  const Result<WeightsFile> file = load_weights(path.string());
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_EQ(file->metadata.at("format"), "pt");
  const Result<NamedTensors> loaded = to_tensors(*file);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  ASSERT_EQ(loaded->size(), saved.size());
  for (const auto& [name, tensor] : saved) {
    const at::Tensor& got = loaded->at(name);
    EXPECT_EQ(got.scalar_type(), tensor.scalar_type()) << name;
    EXPECT_EQ(got.sizes(), tensor.sizes()) << name;
    EXPECT_TRUE(at::equal(got, tensor)) << name;
  }
}

TEST(WeightsTensors, RefusesDtypesAWeightsFileCannotHold) {
  NamedTensors saved;
  saved.emplace("mask", at::ones({2}, at::kBool));
  const Status status = save_tensors(test_file("bool.safetensors").string(), saved, {});
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("tensor 'mask': dtype Bool cannot be stored"), std::string::npos)
      << status.error().message;
}

// A file holding conv1 [32, 3, 3, 3] F32 and bias [32] F32.
WeightsFile small_file() {
  static const std::vector<std::uint8_t> weight(32 * 3 * 3 * 3 * 4), bias(32 * 4);
  const std::vector<WeightsTensor> tensors = {{"encoder.conv1.weight", DType::F32, {32, 3, 3, 3}, weight},
                                              {"encoder.conv1.bias", DType::F32, {32}, bias}};
  Result<WeightsFile> file = parse_weights(serialize_weights(tensors, {}), "weights.safetensors");
  WV_ASSERT(file.ok());
  return std::move(file).value();
}

TEST(WeightsTensors, CheckAcceptsExactlyTheExpectedTensors) {
  const std::vector<TensorSpec> expected = {{"encoder.conv1.weight", DType::F32, {32, 3, 3, 3}},
                                            {"encoder.conv1.bias", DType::F32, {32}}};
  EXPECT_TRUE(check_tensors(small_file(), expected).ok());
}

TEST(WeightsTensors, CheckNamesTheTensorAndTheDifference) {
  const WeightsFile file = small_file();
  const auto message = [&](const std::vector<TensorSpec>& expected) {
    const Status status = check_tensors(file, expected);
    return status.ok() ? std::string("accepted") : status.error().message;
  };
  EXPECT_EQ(message({{"encoder.conv1.weight", DType::F32, {32, 3, 4, 4}}, {"encoder.conv1.bias", DType::F32, {32}}}),
            "weights.safetensors: tensor 'encoder.conv1.weight': expected shape [32, 3, 4, 4], found [32, 3, 3, 3]");
  EXPECT_EQ(message({{"encoder.conv1.weight", DType::F32, {32, 3, 3, 3}}, {"encoder.conv1.bias", DType::F16, {32}}}),
            "weights.safetensors: tensor 'encoder.conv1.bias': expected dtype F16, found F32");
  EXPECT_EQ(message({{"encoder.conv1.weight", DType::F32, {32, 3, 3, 3}}}),
            "weights.safetensors: tensor 'encoder.conv1.bias': not expected by this model");
  EXPECT_EQ(message({{"encoder.conv1.weight", DType::F32, {32, 3, 3, 3}},
                     {"encoder.conv1.bias", DType::F32, {32}},
                     {"decoder.out.weight", DType::F32, {3, 32}}}),
            "weights.safetensors: tensor 'decoder.out.weight': missing");
  EXPECT_EQ(message({{"a", DType::F32, {}}, {"b", DType::F32, {}}, {"c", DType::F32, {}}, {"d", DType::F32, {}}}),
            "weights.safetensors: tensor 'a': missing; tensor 'b': missing; tensor 'c': missing; and 3 more");
}

}  // namespace
}  // namespace wv::model
