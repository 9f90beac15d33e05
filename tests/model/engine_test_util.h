// tests/model/engine_test_util.h — helpers for rollout engine tests: drive an engine without
// workers (run_once) and read what the fake model wrote into frames.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "fake_world_model.h"
#include "model/rollout_engine.h"

// Checks that `text` contains `part`, printing both when not.
#define EXPECT_CONTAINS(text, part)                                               \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "in: " << (text) \
                                                             << "\nmissing: " << (part)

namespace wv::model::testing {

inline std::unique_ptr<RolloutEngine> manual_engine(EngineParams params = {}) {
  params.inference_threads = 0;
  auto engine = RolloutEngine::create(params);
  EXPECT_TRUE(engine.ok()) << (engine.ok() ? "" : engine.error().message);
  return std::move(*engine);
}

inline RolloutParams rollout_params(std::shared_ptr<WorldModel> model, std::string prompt, uint64_t seed = 1) {
  RolloutParams p;
  p.model = std::move(model);
  p.prompt_track = {{0, std::move(prompt)}};
  p.seed = seed;
  return p;
}

inline std::shared_ptr<Rollout> start(RolloutEngine& engine, RolloutParams params) {
  auto r = engine.start(std::move(params));
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : nullptr;
}

// Runs scheduled calls until no rollout has work (queues full, paused, failed); returns how many.
inline int run_until_idle(RolloutEngine& engine) {
  int calls = 0;
  while (engine.run_once()) ++calls;
  return calls;
}

// The next n frames of `rollout` (fewer if it stops producing), computing as needed.
inline std::vector<FramePtr> collect(RolloutEngine& engine, Rollout& rollout, size_t n) {
  std::vector<FramePtr> out;
  for (;;) {
    while (out.size() < n) {
      FramePtr f = rollout.frames().try_pop();
      if (!f) break;
      out.push_back(std::move(f));
    }
    if (out.size() == n || !engine.run_once()) return out;
  }
}

inline uint8_t pixel(const Frame& f, int x, int y, int channel) { return f.row(y)[x * 4 + channel]; }
inline uint8_t prompt_of(const Frame& f) { return pixel(f, 0, 0, 0); }

inline bool same_pixels(const Frame& a, const Frame& b) {
  return a.width == b.width && a.height == b.height && a.index == b.index && a.pixels == b.pixels;
}

inline void expect_same_frames(const std::vector<FramePtr>& a, const std::vector<FramePtr>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_TRUE(same_pixels(*a[i], *b[i])) << "frame " << i << " (index " << a[i]->index << " vs "
                                           << b[i]->index << ") differs";
  }
}

}  // namespace wv::model::testing
