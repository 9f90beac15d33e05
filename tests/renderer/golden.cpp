#include "golden.h"

#include <cstdlib>
#include <cstdio>
#include <filesystem>

#include <gtest/gtest.h>

#include "media/png.h"

namespace wv::test {

void expect_matches_golden(const std::string& name, const Frame& frame) {
  const std::string golden_path = std::string(WV_SOURCE_DIR) + "/tests/renderer/goldens/" + name + ".png";
  const char* accept = std::getenv("WV_ACCEPT_GOLDENS");
  if (accept && std::string(accept) == "1") {
    const Status written = media::write_png(golden_path, frame);
    ASSERT_TRUE(written.ok()) << written.error().message;
    std::printf("accepted golden %s\n", golden_path.c_str());
    return;
  }
  const std::string out_dir = std::string(WV_TEST_OUTPUT_DIR) + "/renderer";
  std::filesystem::create_directories(out_dir);
  const std::string actual_path = out_dir + "/" + name + ".actual.png";

  Result<Frame> golden = media::read_png(golden_path);
  if (!golden) {
    (void)media::write_png(actual_path, frame);
    FAIL() << "no golden " << golden_path << " (" << golden.error().message << "); rendered image: "
           << actual_path << "; accept with scripts/accept-goldens.sh";
  }
  ASSERT_EQ(golden->width, frame.width) << name;
  ASSERT_EQ(golden->height, frame.height) << name;

  auto diff = make_frame(frame.width, frame.height, 0, 0.0);
  int64_t differing = 0;
  int worst = 0;
  for (int32_t y = 0; y < frame.height; ++y) {
    const uint8_t* a = frame.row(y);
    const uint8_t* g = golden->row(y);
    uint8_t* d = diff->row(y);
    for (int32_t x = 0; x < frame.width; ++x) {
      int delta = 0;
      for (int c = 0; c < 4; ++c) delta = std::max(delta, std::abs(int(a[4 * x + c]) - int(g[4 * x + c])));
      worst = std::max(worst, delta);
      const bool bad = delta > kChannelTolerance;
      differing += bad ? 1 : 0;
      // Diff image: the golden dimmed, differing pixels in red scaled by how far off they are.
      d[4 * x + 0] = bad ? uint8_t(std::min(255, 128 + delta)) : uint8_t(g[4 * x + 0] / 4);
      d[4 * x + 1] = bad ? 0 : uint8_t(g[4 * x + 1] / 4);
      d[4 * x + 2] = bad ? 0 : uint8_t(g[4 * x + 2] / 4);
      d[4 * x + 3] = 255;
    }
  }
  const double fraction = double(differing) / double(int64_t(frame.width) * frame.height);
  if (fraction > kMaxDifferingFraction) {
    const std::string diff_path = out_dir + "/" + name + ".diff.png";
    (void)media::write_png(actual_path, frame);
    (void)media::write_png(diff_path, *diff);
    ADD_FAILURE() << name << ": " << differing << " pixels (" << 100.0 * fraction << "%) differ by more than "
                  << kChannelTolerance << " (worst " << worst << ")\n  rendered: " << actual_path
                  << "\n  diff:     " << diff_path << "\n  golden:   " << golden_path;
  }
}

}  // namespace wv::test
