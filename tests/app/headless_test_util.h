// Helpers of the end-to-end tests that run the worldview program (README's first line and its
// options): run it, find the test output folder, decode the videos it writes.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
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

// A fresh, empty folder `name` under output_dir().
inline fs::path fresh_output_dir(const std::string& name) {
  const fs::path dir = output_dir() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Whether one line of `output` holds every one of `parts`, in order. Messages name a panel by a
// shortened path ("panel 1 (\"...folder/clip.mp4\")"), so tests look for its parts, not the path.
inline bool has_line_with(const std::string& output, std::initializer_list<std::string> parts) {
  size_t begin = 0;
  while (begin < output.size()) {
    const size_t end = std::min(output.find('\n', begin), output.size());
    size_t at = begin;
    bool all = true;
    for (const std::string& part : parts) {
      at = output.find(part, at);
      if (at >= end) { all = false; break; }
      at += part.size();
    }
    if (all) return true;
    begin = end + 1;
  }
  return false;
}

inline void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

inline std::string read_bytes(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// A clip made once with the ffmpeg command line from a lavfi source, e.g.
// "testsrc=size=160x96:rate=30" (4:2:0, as most videos are).
inline fs::path lavfi_clip(const std::string& name, const std::string& source, double seconds) {
  const fs::path clip = output_dir() / name;
  const auto made = make_once(clip, "ffmpeg -v error -y -f lavfi -i " + source + " -t " + std::to_string(seconds) +
                                        " -pix_fmt yuv420p");
  EXPECT_EQ(made.exit_code, 0) << made.output;
  return clip;
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
