// tests/net/fake_host.h — a RolloutHost for the server's tests: no model, frames computed in
// pump() from (prompt in force, seed in force, frame index) only, so a test can say which
// pixels every frame must have (expected_frame) and check resumed streams exactly.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "net/rollout_host.h"

namespace wv::net::testing {

struct FakeHostOptions {
  int32_t width = 16;
  int32_t height = 16;
  double fps = 24.0;
  std::chrono::microseconds step_time{0};  // pump() sleeps this long per frame (a slow model)
  std::chrono::milliseconds load_time{0};  // > 0: also offers "fake-slow", whose open() sleeps this long (a model loading)
};

// The pixels frame `index` has under these tracks.
std::vector<uint8_t> expected_frame(const FakeHostOptions& o, const std::vector<PromptEntry>& prompts,
                                    const std::vector<SeedEntry>& seeds, int64_t index);

class FakeHost : public RolloutHost {
 public:
  explicit FakeHost(FakeHostOptions options = {}) : options_(options) {}
  std::vector<std::string> models() const override;
  Result<std::unique_ptr<HostedRollout>> open(const RolloutRequest& request) override;

  const FakeHostOptions& options() const { return options_; }
  std::atomic<int64_t> opened{0};
  std::atomic<int64_t> loading{0};  // opens of "fake-slow" sleeping now

 private:
  FakeHostOptions options_;
};

}  // namespace wv::net::testing
