// Helpers of the end-to-end tests that run the worldview program (README's first line and its
// options): run it, find the test output folder, decode the videos it writes.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <vector>

#include "media/video_reader.h"

namespace wv::test {

namespace fs = std::filesystem;

struct ProgramRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

inline ProgramRun run_worldview(const std::string& args) {
  const std::string command = std::string(WV_WORLDVIEW_EXE) + " " + args + " 2>&1";
  ProgramRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) run.output.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
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
