#include "media_test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "media/video_reader.h"

namespace wv::media::test {

std::shared_ptr<Frame> moving_square_frame(int32_t width, int32_t height, int64_t index) {
  auto frame = make_frame(width, height, index, double(index) / 30.0);
  const Point center = square_center(index);
  const int x0 = int(center.x - (kSquareSide - 1) / 2.0);
  const int y0 = int(center.y - (kSquareSide - 1) / 2.0);
  for (int32_t y = 0; y < height; ++y) {
    uint8_t* row = frame->row(y);
    for (int32_t x = 0; x < width; ++x) {
      uint8_t* p = row + x * 4;
      const bool in_square = x >= x0 && x < x0 + kSquareSide && y >= y0 && y < y0 + kSquareSide;
      p[0] = in_square ? 30 : uint8_t(x * 255 / (width - 1));
      p[1] = in_square ? 30 : uint8_t(y * 255 / (height - 1));
      p[2] = in_square ? 230 : 64;
      p[3] = 255;
    }
  }
  return frame;
}

Point square_center(int64_t index) {
  // Wraps every 40 frames so that long recordings stay inside 160x120.
  return Point{8.0 + double(3 * index % 120) + (kSquareSide - 1) / 2.0,
               8.0 + double(2 * index % 80) + (kSquareSide - 1) / 2.0};
}

std::optional<Point> find_square(const Frame& frame) {
  double sum_x = 0.0;
  double sum_y = 0.0;
  int64_t count = 0;
  for (int32_t y = 0; y < frame.height; ++y) {
    const uint8_t* row = frame.row(y);
    for (int32_t x = 0; x < frame.width; ++x) {
      // Blue against red and green: 200 inside the square, at most 64 on the background. Blue
      // alone would follow the chroma that 4:2:0 smears past the square's edges.
      const int p = x * 4;
      if (2 * row[p + 2] - row[p] - row[p + 1] > 2 * 110) {
        sum_x += x;
        sum_y += y;
        ++count;
      }
    }
  }
  if (count == 0) return std::nullopt;
  return Point{sum_x / double(count), sum_y / double(count)};
}

std::array<double, 3> mean_abs_error(const Frame& a, const Frame& b, int32_t width,
                                     int32_t height) {
  std::array<double, 3> sum{};
  for (int32_t y = 0; y < height; ++y) {
    const uint8_t* ra = a.row(y);
    const uint8_t* rb = b.row(y);
    for (int32_t x = 0; x < width; ++x) {
      for (int c = 0; c < 3; ++c) sum[c] += std::abs(int(ra[x * 4 + c]) - int(rb[x * 4 + c]));
    }
  }
  for (double& s : sum) s /= double(width) * double(height);
  return sum;
}

std::string output_path(const std::string& name) {
  // A folder per test: CTest runs the tests of one binary as parallel processes, and two tests
  // writing "source.mp4" into one folder would remove each other's file.
  std::string test = "no-test";
  if (const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info()) {
    test = std::string(info->test_suite_name()) + "." + info->name();
    std::replace(test.begin(), test.end(), '/', '_');
  }
  const std::filesystem::path dir = std::filesystem::path(WV_TEST_OUTPUT_DIR) / "media" / test;
  std::filesystem::create_directories(dir);
  const std::filesystem::path path = dir / name;
  std::filesystem::remove(path);
  return path.string();
}

std::vector<FramePtr> read_all_frames(const std::string& path) {
  std::vector<FramePtr> frames;
  auto reader = VideoReader::open(path);
  EXPECT_TRUE(reader.ok()) << (reader ? "" : reader.error().message);
  if (!reader) return frames;
  for (;;) {
    Result<FramePtr> frame = (*reader)->read_frame();
    EXPECT_TRUE(frame.ok()) << (frame ? "" : frame.error().message);
    if (!frame || !*frame) break;
    frames.push_back(*frame);
  }
  return frames;
}

}  // namespace wv::media::test
