#include "media/png.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "media_test_util.h"

namespace wv::media::test {
namespace {

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// Noise with every alpha value: no compression or filter shortcut can hide a wrong byte.
std::shared_ptr<Frame> noise_frame(int32_t width, int32_t height) {
  auto frame = make_frame(width, height, 0, 0.0);
  std::mt19937 rng(42);
  for (uint8_t& byte : frame->pixels) byte = uint8_t(rng() & 0xff);
  return frame;
}

std::string written_png(const std::string& name) {
  const std::string path = output_path(name);
  const Status written = write_png(path, *noise_frame(67, 45));
  EXPECT_TRUE(written.ok()) << written.error().message;
  return path;
}

void expect_refused(const std::string& path) {
  Result<Frame> image = read_png(path);
  ASSERT_FALSE(image.ok()) << path << " was read";
  EXPECT_NE(image.error().message.find(path), std::string::npos) << image.error().message;
}

TEST(Png, RoundTripIsExact) {
  const auto frame = noise_frame(67, 45);
  const std::string path = output_path("round_trip.png");
  ASSERT_TRUE(write_png(path, *frame).ok());
  Result<Frame> image = read_png(path);
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(image->width, 67);
  EXPECT_EQ(image->height, 45);
  EXPECT_EQ(image->stride_bytes, 67 * 4);
  EXPECT_EQ(image->pixels, frame->pixels);
}

TEST(Png, RoundTripHonoursStride) {
  auto frame = noise_frame(16, 8);
  auto padded = make_frame(16, 8, 0, 0.0);
  padded->stride_bytes = 16 * 4 + 12;
  padded->pixels.assign(padded->byte_size(), 0xee);
  for (int32_t y = 0; y < 8; ++y) std::copy_n(frame->row(y), 16 * 4, padded->row(y));
  const std::string path = output_path("stride.png");
  ASSERT_TRUE(write_png(path, *padded).ok());
  Result<Frame> image = read_png(path);
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(image->pixels, frame->pixels);
}

TEST(Png, TruncatedFileIsRefused) {
  const std::string whole = read_bytes(written_png("whole.png"));
  const std::string path = output_path("truncated.png");
  write_bytes(path, whole.substr(0, whole.size() / 2));
  expect_refused(path);
}

TEST(Png, DamagedDataIsRefused) {
  std::string bytes = read_bytes(written_png("intact.png"));
  bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x5a);  // inside the image data
  const std::string path = output_path("damaged.png");
  write_bytes(path, bytes);
  expect_refused(path);
}

TEST(Png, NonPngIsRefused) {
  const std::string path = output_path("not_a.png");
  write_bytes(path, "GIF89a: certainly not a PNG, whatever the name says");
  expect_refused(path);
  Result<Frame> image = read_png(path);
  ASSERT_FALSE(image.ok());
  EXPECT_NE(image.error().message.find("not a readable PNG"), std::string::npos)
      << image.error().message;
}

TEST(Png, MissingFileIsRefused) {
  const std::string path = output_path("missing.png");
  expect_refused(path);
}

}  // namespace
}  // namespace wv::media::test
