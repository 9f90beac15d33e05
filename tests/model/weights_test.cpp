// Weights files: round trips, a file laid out by hand as the safetensors spec says, and one test
// per kind of damage parse_weights must refuse, each checking that the message names the file,
// the tensor and the reason.
#include <gtest/gtest.h>

#include <bit>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "model/sha256.h"
#include "model/weights_file.h"

namespace wv::model {
namespace {

namespace fs = std::filesystem;

const std::string kName = "weights.safetensors";

std::vector<std::uint8_t> as_bytes(std::string_view text) { return {text.begin(), text.end()}; }

// The layout exactly as the spec gives it: u64 little-endian header length, header, data.
std::vector<std::uint8_t> file_bytes(std::string_view header, const std::vector<std::uint8_t>& data) {
  std::vector<std::uint8_t> out;
  const std::uint64_t length = header.size();
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::uint8_t>(length >> (8 * i)));
  out.insert(out.end(), header.begin(), header.end());
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

std::vector<std::uint8_t> floats(std::initializer_list<float> values) {
  std::vector<std::uint8_t> out(values.size() * 4);
  std::memcpy(out.data(), std::data(values), out.size());
  return out;
}

// Parses `header` + `data_size` zero bytes and returns the refusal (failing if it was accepted).
std::string refusal(std::string_view header, std::size_t data_size = 24) {
  const Result<WeightsFile> file = parse_weights(file_bytes(header, std::vector<std::uint8_t>(data_size)), kName);
  EXPECT_FALSE(file.ok()) << "accepted: " << header;
  if (file.ok()) return {};
  EXPECT_EQ(file.error().message.rfind(kName + ": ", 0), 0u) << file.error().message;
  return file.error().message;
}

fs::path test_folder() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path folder = fs::path(WV_TEST_OUTPUT_DIR) / "weights" / info->name();
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

std::string sha256sum_of(const fs::path& path) {
  const std::string command = "sha256sum '" + path.string() + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return {};
  char line[256] = {};
  const bool read = std::fgets(line, sizeof line, pipe) != nullptr;
  pclose(pipe);
  return read ? std::string(line, 64) : std::string();
}

TEST(WeightsSha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(as_bytes("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex({}), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

// Tensors of every element size, a scalar and an empty tensor, with odd byte counts in between.
struct Sample {
  std::vector<std::uint8_t> f32 = floats({1.0f, -2.5f, 3.25f, 0.0f, 1e-3f, 7.0f});
  std::vector<std::uint8_t> f16 = {0x00, 0x3c, 0x00, 0xc0, 0x00, 0x42};  // 1, -2, 3
  std::vector<std::uint8_t> i64 = {42, 0, 0, 0, 0, 0, 0, 0};
  std::vector<std::uint8_t> u8 = {1, 2, 3};
  std::vector<WeightsTensor> tensors() const {
    return {{"encoder.weight", DType::F32, {2, 3}, f32},
            {"norm.scale", DType::F16, {3}, f16},
            {"step", DType::I64, {}, i64},
            {"codes", DType::U8, {3}, u8},
            {"nothing", DType::BF16, {0, 4}, {}}};
  }
  std::map<std::string, std::string> metadata = {{"format", "pt"}, {"trained_steps", "2000"}, {"note", "äöü ✓"}};
};

void expect_same(const std::vector<WeightsTensor>& expected, const WeightsFile& file) {
  ASSERT_EQ(file.tensors.size(), expected.size());
  for (const WeightsTensor& want : expected) {
    const WeightsTensor* got = file.find(want.name);
    ASSERT_NE(got, nullptr) << want.name;
    EXPECT_EQ(got->dtype, want.dtype) << want.name;
    EXPECT_EQ(got->shape, want.shape) << want.name;
    EXPECT_TRUE(std::equal(got->data.begin(), got->data.end(), want.data.begin(), want.data.end())) << want.name;
  }
}

TEST(WeightsFile, SaveThenLoadGivesTheSameTensorsMetadataAndDigest) {
  const Sample sample;
  const fs::path path = test_folder() / "sample.safetensors";
  ASSERT_TRUE(save_weights(path.string(), sample.tensors(), sample.metadata).ok());
  const Result<WeightsFile> file = load_weights(path.string());
  ASSERT_TRUE(file.ok()) << file.error().message;
  expect_same(sample.tensors(), *file);
  EXPECT_EQ(file->metadata, sample.metadata);
  EXPECT_EQ(file->file_name, path.string());
  EXPECT_EQ(file->sha256_hex, sha256sum_of(path));
  EXPECT_TRUE(std::is_sorted(file->tensors.begin(), file->tensors.end(),
                             [](const WeightsTensor& a, const WeightsTensor& b) { return a.name < b.name; }));
}

TEST(WeightsFile, SerializingIsDeterministicAndAligned) {
  const Sample sample;
  std::vector<WeightsTensor> reversed = sample.tensors();
  std::reverse(reversed.begin(), reversed.end());
  const std::vector<std::uint8_t> bytes = serialize_weights(sample.tensors(), sample.metadata);
  EXPECT_EQ(bytes, serialize_weights(reversed, sample.metadata));

  const Result<WeightsFile> file = parse_weights(bytes, kName);
  ASSERT_TRUE(file.ok()) << file.error().message;
  const std::uint8_t* start = file->bytes->data();
  std::uint64_t header_size = 0;
  std::memcpy(&header_size, start, 8);
  EXPECT_EQ((8 + header_size) % 8, 0u);
  for (const WeightsTensor& t : file->tensors) {
    EXPECT_EQ(static_cast<std::size_t>(t.data.data() - start) % dtype_size(t.dtype), 0u) << t.name;
  }
}

TEST(WeightsFile, SavingReplacesTheOldFileAndLeavesNoTemporaryFile) {
  const Sample sample;
  const fs::path folder = test_folder();
  const fs::path path = folder / "model.safetensors";
  ASSERT_TRUE(save_weights(path.string(), sample.tensors(), {}).ok());
  const std::vector<WeightsTensor> one = {sample.tensors()[0]};
  ASSERT_TRUE(save_weights(path.string(), one, {}).ok());
  const Result<WeightsFile> file = load_weights(path.string());
  ASSERT_TRUE(file.ok()) << file.error().message;
  expect_same(one, *file);
  EXPECT_EQ(std::distance(fs::directory_iterator(folder), fs::directory_iterator()), 1);
}

TEST(WeightsFile, LoadsAFileLaidOutByHandAsTheSpecSays) {
  // As Python's safetensors writes it: header padded with spaces to a multiple of 8, data in an
  // order unrelated to the names, __metadata__ anywhere among the keys.
  std::string header =
      R"({"__metadata__":{"format":"pt"},"weight":{"dtype":"F32","shape":[2],"data_offsets":[4,12]},)"
      R"("bias":{"shape":[1],"data_offsets":[0,4],"dtype":"I32"}})";
  header.append((8 - header.size() % 8) % 8, ' ');
  std::vector<std::uint8_t> data = {7, 0, 0, 0};  // bias = 7
  const std::vector<std::uint8_t> weight = floats({1.0f, -2.5f});
  data.insert(data.end(), weight.begin(), weight.end());
  const std::vector<std::uint8_t> bytes = file_bytes(header, data);

  const Result<WeightsFile> file = parse_weights(bytes, kName);
  ASSERT_TRUE(file.ok()) << file.error().message;
  ASSERT_EQ(file->tensors.size(), 2u);
  EXPECT_EQ(file->tensors[0].name, "bias");
  EXPECT_EQ(file->tensors[0].dtype, DType::I32);
  EXPECT_EQ(file->tensors[0].data.size(), 4u);
  EXPECT_EQ(file->tensors[0].data[0], 7);
  const WeightsTensor* w = file->find("weight");
  ASSERT_NE(w, nullptr);
  float values[2];
  std::memcpy(values, w->data.data(), sizeof values);
  EXPECT_EQ(values[0], 1.0f);
  EXPECT_EQ(values[1], -2.5f);
  EXPECT_EQ(file->metadata.at("format"), "pt");
  EXPECT_EQ(file->sha256_hex, sha256_hex(bytes));
}

TEST(WeightsFile, AcceptsNoTensorsAtAll) {
  const Result<WeightsFile> file = parse_weights(file_bytes("{}", {}), kName);
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_TRUE(file->tensors.empty());
}

constexpr std::string_view kGood = R"("dtype":"F32","shape":[2,3],"data_offsets":[0,24])";

std::string one_tensor(std::string_view fields) { return R"({"enc.w":{)" + std::string(fields) + "}}"; }

TEST(WeightsParse, RefusesAFileShorterThanTheLengthField) {
  const Result<WeightsFile> file = parse_weights(std::vector<std::uint8_t>{1, 0, 0}, kName);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.error().message, kName + ": truncated: 3 bytes, a weights file starts with an 8-byte header length");
}

TEST(WeightsParse, RefusesAHeaderLengthBeyondTheFile) {
  std::vector<std::uint8_t> bytes = file_bytes(one_tensor(kGood), std::vector<std::uint8_t>(24));
  bytes.resize(40);
  const Result<WeightsFile> file = parse_weights(bytes, kName);
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.error().message.find("truncated: header length 61 runs past the end of the file (32 bytes"),
            std::string::npos)
      << file.error().message;
}

TEST(WeightsParse, RefusesAHeaderLengthOverTheLimit) {
  std::vector<std::uint8_t> bytes(16, 0);
  bytes[3] = 0x10;  // 2^28 bytes
  const Result<WeightsFile> file = parse_weights(bytes, kName);
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.error().message.find("header length 268435456 is over the limit"), std::string::npos)
      << file.error().message;
}

TEST(WeightsParse, RefusesInvalidJson) {
  EXPECT_NE(refusal(R"({"enc.w":{"dtype":"F32",)").find("header is not valid JSON"), std::string::npos);
  EXPECT_NE(refusal(R"([1, 2])").find("header must be a JSON object, found array"), std::string::npos);
  EXPECT_NE(refusal("[[[[[[1]]]]]]").find("nests deeper"), std::string::npos);
}

TEST(WeightsParse, RefusesAHeaderThatIsNotUtf8) {
  const std::string message = refusal(one_tensor(R"("dtype":"F32)" "\xff" R"(","shape":[2,3],"data_offsets":[0,24])"));
  EXPECT_NE(message.find("ill-formed UTF-8"), std::string::npos) << message;
  EXPECT_EQ(message.find('\xff'), std::string::npos) << "the invalid byte must not reach the message";
}

TEST(WeightsParse, RefusesMissingAndExtraFields) {
  EXPECT_EQ(refusal(one_tensor(R"("dtype":"F32","data_offsets":[0,24])")),
            kName + ": tensor 'enc.w': missing field 'shape'");
  EXPECT_EQ(refusal(one_tensor(std::string(kGood) + R"(,"stride":[3,1])")),
            kName + ": tensor 'enc.w': unknown field 'stride' (a tensor has dtype, shape, data_offsets)");
  EXPECT_EQ(refusal(R"({"enc.w":[1]})"),
            kName + ": tensor 'enc.w': expected an object with dtype, shape and data_offsets, found array");
}

TEST(WeightsParse, RefusesAnUnknownDtype) {
  EXPECT_EQ(refusal(one_tensor(R"("dtype":"F8_E4M3","shape":[2,3],"data_offsets":[0,6])"), 6),
            kName + ": tensor 'enc.w': unknown dtype 'F8_E4M3' (known: F64, F32, F16, BF16, I64, I32, I16, I8, U8)");
}

TEST(WeightsParse, RefusesAShapeThatDoesNotMatchTheOffsets) {
  EXPECT_EQ(refusal(one_tensor(R"("dtype":"F32","shape":[2,3],"data_offsets":[0,20])"), 20),
            kName + ": tensor 'enc.w': shape [2, 3] of F32 needs 24 bytes, data_offsets [0, 20] hold 20");
}

TEST(WeightsParse, RefusesNegativeFractionalAndOverflowingNumbers) {
  EXPECT_EQ(refusal(one_tensor(R"("dtype":"F32","shape":[-2,3],"data_offsets":[0,24])")),
            kName + ": tensor 'enc.w': shape[0] is negative (-2)");
  EXPECT_EQ(refusal(one_tensor(R"("dtype":"F32","shape":[2,3],"data_offsets":[-0.0,24])")),
            kName + ": tensor 'enc.w': data_offsets[0] must be an integer without fraction or exponent, found -0.0");
  EXPECT_EQ(refusal(one_tensor(R"("dtype":"F32","shape":[2,3],"data_offsets":[0,99999999999999999999])")),
            kName + ": tensor 'enc.w': data_offsets[1] overflows (1e+20)");
  EXPECT_EQ(refusal(one_tensor(R"("dtype":"F32","shape":[9223372036854775808],"data_offsets":[0,24])")),
            kName + ": tensor 'enc.w': shape[0] overflows (9223372036854775808)");
  EXPECT_EQ(refusal(one_tensor(R"("dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,24])")),
            kName + ": tensor 'enc.w': shape [4294967296, 4294967296] overflows (more than 2^64 bytes)");
  EXPECT_EQ(refusal(one_tensor(R"("dtype":"F32","shape":"2x3","data_offsets":[0,24])")),
            kName + ": tensor 'enc.w': shape must be an array, found string");
}

TEST(WeightsParse, RefusesOffsetsOutOfRange) {
  EXPECT_EQ(refusal(one_tensor(kGood), 16),
            kName + ": tensor 'enc.w': data_offsets [0, 24] run past the end of the data (16 bytes)");
  EXPECT_EQ(refusal(one_tensor(R"("dtype":"F32","shape":[2,3],"data_offsets":[24,0])")),
            kName + ": tensor 'enc.w': data_offsets [24, 0] end before they begin");
  EXPECT_EQ(refusal(one_tensor(R"("dtype":"F32","shape":[2,3],"data_offsets":[0])")),
            kName + ": tensor 'enc.w': data_offsets must be an array [begin, end], found [0]");
}

TEST(WeightsParse, RefusesOverlappingTensors) {
  EXPECT_EQ(refusal(R"({"a":{"dtype":"U8","shape":[16],"data_offsets":[0,16]},)"
                    R"("b":{"dtype":"U8","shape":[16],"data_offsets":[8,24]}})"),
            kName + ": tensors 'a' and 'b' overlap (bytes 8 to 16)");
  // An empty tensor placed inside another one overlaps it too.
  EXPECT_EQ(refusal(R"({"a":{"dtype":"U8","shape":[24],"data_offsets":[0,24]},)"
                    R"("e":{"dtype":"U8","shape":[0],"data_offsets":[4,4]}})"),
            kName + ": tensors 'a' and 'e' overlap (bytes 4 to 24)");
}

TEST(WeightsParse, RefusesGapsAndTrailingBytes) {
  EXPECT_EQ(refusal(R"({"a":{"dtype":"U8","shape":[8],"data_offsets":[0,8]},)"
                    R"("b":{"dtype":"U8","shape":[8],"data_offsets":[16,24]}})"),
            kName + ": data bytes 8 to 16 belong to no tensor (a gap before tensor 'b')");
  EXPECT_EQ(refusal(one_tensor(kGood), 32),
            kName + ": data bytes 24 to 32 belong to no tensor (trailing bytes after the last tensor)");
}

TEST(WeightsParse, RefusesDuplicateNames) {
  EXPECT_EQ(refusal(R"({"a":{"dtype":"U8","shape":[12],"data_offsets":[0,12]},)"
                    R"("a":{"dtype":"U8","shape":[12],"data_offsets":[12,24]}})"),
            kName + ": tensor 'a' appears twice in the header");
  EXPECT_EQ(refusal(one_tensor(std::string(kGood) + R"(,"dtype":"F32")")),
            kName + ": field 'dtype' appears twice in one object");
}

TEST(WeightsParse, RefusesBadNamesAndMetadata) {
  EXPECT_EQ(refusal(R"({"":{"dtype":"U8","shape":[24],"data_offsets":[0,24]}})"), kName + ": a tensor has an empty name");
  EXPECT_EQ(refusal(R"({"__metadata__":{"steps":2000}})", 0),
            kName + ": __metadata__ 'steps' must be a string, found number");
  EXPECT_EQ(refusal(R"({"__metadata__":["x"]})", 0), kName + ": __metadata__ must be an object of strings, found array");
  // Control characters in names are escaped, so a message stays on one line.
  EXPECT_EQ(refusal(R"({"a\nb":{"dtype":"X","shape":[24],"data_offsets":[0,24]}})"),
            kName + ": tensor 'a\\x0ab': unknown dtype 'X' (known: F64, F32, F16, BF16, I64, I32, I16, I8, U8)");
}

TEST(WeightsLoad, RefusesMissingFilesFoldersAndOversizedFiles) {
  const fs::path folder = test_folder();
  const Result<WeightsFile> missing = load_weights((folder / "absent.safetensors").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, (folder / "absent.safetensors").string() + ": no such file");

  const Result<WeightsFile> directory = load_weights(folder.string());
  ASSERT_FALSE(directory.ok());
  EXPECT_NE(directory.error().message.find("is a folder"), std::string::npos);

  const fs::path huge = folder / "huge.safetensors";
  { std::ofstream create(huge); }
  fs::resize_file(huge, weights_limits::kMaxFileBytes + 1);  // sparse: costs no disk space
  const Result<WeightsFile> oversized = load_weights(huge.string());
  ASSERT_FALSE(oversized.ok());
  EXPECT_EQ(oversized.error().message, huge.string() + ": 1073741825 bytes, more than the 1073741824 a weights file may have");
  fs::remove(huge);
}

TEST(WeightsLoad, ErrorsFromAFileNameItsPath) {
  const fs::path path = test_folder() / "bad.safetensors";
  const std::vector<std::uint8_t> bytes = file_bytes(one_tensor(kGood), std::vector<std::uint8_t>(20));
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                              static_cast<std::streamsize>(bytes.size()));
  const Result<WeightsFile> file = load_weights(path.string());
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.error().message,
            path.string() + ": tensor 'enc.w': data_offsets [0, 24] run past the end of the data (20 bytes)");
}

}  // namespace
}  // namespace wv::model
