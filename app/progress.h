// app/progress.h — progress of long work on stderr: "rendering out.mp4: 120/300 (40%), 52 fps,
// 3 s left". On a terminal one line updates in place a few times a second; in a log (not a
// terminal) a line is written every 10%.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace wv::app {

class Progress {
 public:
  Progress(std::string what, int64_t total);
  void update(int64_t done);
  void done();  // the final line, with the total time

 private:
  void print(int64_t done, bool final_line);

  std::string what_;
  int64_t total_;
  bool terminal_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_print_;
  int last_decile_ = -1;
  int64_t done_ = 0;
};

}  // namespace wv::app
