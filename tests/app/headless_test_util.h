// Helpers of the end-to-end tests that run the worldview program (README's first line and its
// options): run it, find the test output folder, decode the videos it writes.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "media/video_reader.h"
#include "tests/program_run.h"

namespace wv::test {

namespace fs = std::filesystem;

// The worldview program built with the tests, with `args`.
inline ProgramRun run_worldview(const std::string& args) {
  return run_command(std::string(WV_WORLDVIEW_EXE) + " " + args);
}

inline fs::path output_dir() {
  const fs::path dir = fs::path(WV_TEST_OUTPUT_DIR) / "headless";
  fs::create_directories(dir);
  return dir;
}

inline std::vector<wv::FramePtr> decode_all(const fs::path& path) {
  auto reader = wv::media::VideoReader::open(path.string());
  EXPECT_TRUE(reader) << (reader ? "" : reader.error().message);
  std::vector<wv::FramePtr> frames;
  if (!reader) return frames;
  for (;;) {
    auto frame = (*reader)->read_frame();
    EXPECT_TRUE(frame) << (frame ? "" : frame.error().message);
    if (!frame || !*frame) break;
    frames.push_back(*frame);
  }
  return frames;
}

}  // namespace wv::test
