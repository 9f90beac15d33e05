// golden.h — compare a rendered frame with tests/renderer/goldens/<name>.png.
//
//   expect_matches_golden("flat_panel", *frame);
//
// Tolerance: a pixel differs when any channel is off by more than kChannelTolerance; the test
// fails when more than kMaxDifferingFraction of the pixels differ (rasterizer rounding at
// edges). On failure the rendered image and a diff image are written to WV_TEST_OUTPUT_DIR and
// their paths printed. With WV_ACCEPT_GOLDENS=1 the rendered image becomes the golden.
#pragma once

#include <string>

#include "wv/frame.h"

namespace wv::test {

constexpr int kChannelTolerance = 4;
constexpr double kMaxDifferingFraction = 0.002;

void expect_matches_golden(const std::string& name, const Frame& frame);

}  // namespace wv::test
