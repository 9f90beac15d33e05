// tests/media/media_test_util.h — test content with known motion, comparisons and file helpers
// shared by the media tests.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wv/frame.h"

namespace wv::media::test {

constexpr int kSquareSide = 24;

// A gradient (red across, green down, blue 64) with a blue square that moves 3 px right and
// 2 px down per frame, starting over every 40 frames; it stays inside frames of 160x120 and up.
std::shared_ptr<Frame> moving_square_frame(int32_t width, int32_t height, int64_t index);

struct Point {
  double x = 0.0;
  double y = 0.0;
};

// Where moving_square_frame puts the square's center in frame index.
Point square_center(int64_t index);

// The centroid of the square's pixels (strongly blue); nothing if there are none.
std::optional<Point> find_square(const Frame& frame);

// Mean absolute difference per channel (R, G, B) over the top-left width x height pixels.
std::array<double, 3> mean_abs_error(const Frame& a, const Frame& b, int32_t width,
                                     int32_t height);

// A fresh path in the running test's own folder under the test output folder (the folder
// exists; the file does not).
std::string output_path(const std::string& name);

// Every frame of a video file, asserting (via gtest) that it opens and decodes without error.
std::vector<FramePtr> read_all_frames(const std::string& path);

}  // namespace wv::media::test
