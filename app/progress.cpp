#include "app/progress.h"

#include <unistd.h>

#include <cstdio>

namespace wv::app {

using Clock = std::chrono::steady_clock;

Progress::Progress(std::string what, int64_t total)
    : what_(std::move(what)), total_(total > 0 ? total : 1), terminal_(isatty(STDERR_FILENO) == 1),
      start_(Clock::now()), last_print_(start_) {}

void Progress::update(int64_t done) {
  done_ = done;
  const auto now = Clock::now();
  if (terminal_) {
    if (now - last_print_ < std::chrono::milliseconds(250)) return;
  } else {
    const int decile = int(done * 10 / total_);
    if (decile == last_decile_) return;
    last_decile_ = decile;
  }
  last_print_ = now;
  print(done, false);
}

void Progress::done() { print(done_, true); }

void Progress::print(int64_t done, bool final_line) {
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  const double rate = elapsed > 0 ? double(done) / elapsed : 0.0;
  const double left = rate > 0 ? double(total_ - done) / rate : 0.0;
  const char* start = terminal_ ? "\r\033[K" : "";
  if (final_line) {
    std::fprintf(stderr, "%s%s: %lld/%lld in %.1f s (%.1f per second)\n", start, what_.c_str(), (long long)done,
                 (long long)total_, elapsed, rate);
  } else {
    std::fprintf(stderr, "%s%s: %lld/%lld (%d%%), %.1f per second, %.0f s left%s", start, what_.c_str(),
                 (long long)done, (long long)total_, int(done * 100 / total_), rate, left, terminal_ ? "" : "\n");
  }
  std::fflush(stderr);
}

}  // namespace wv::app
