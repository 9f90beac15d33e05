// tests/model/fake_world_model.h — a tiny deterministic WorldModel for engine tests: cheap,
// counts its calls, batches, and can be told to fail. Its frames say what happened:
//   pixel (0,0): R = fake_prompt_id(prompt in force), G = frame index % 256,
//                B = a value that depends on every noise drawn so far (differs between seeds);
//   pixel (x,0) for x >= 1: this frame's own noise values.
// Every op is elementwise per batch row, so batched and unbatched calls give identical frames.
// Words starting with "zz" are reported unknown. A prompt containing "explode" makes step() throw.
//
// Its header is free of LibTorch so the tests that use it compile in seconds.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "wv/frame.h"

namespace wv::model {
class WorldModel;
}

namespace wv::model::testing {

struct FakeModelOptions {
  bool batching = true;
  int32_t action_dim = 0;          // > 0: frames' pixel (0,1) R = 100 * first action value
  int64_t throw_at_frame = -1;     // step() throws when asked for this frame
  bool wrong_frame_shape = false;  // step() returns frames of the wrong size
  bool start_image = true;         // accepts a start image (frame 0 is then the image)
};

struct FakeModelCounters {
  std::atomic<int64_t> init_calls{0}, step_calls{0}, encode_calls{0};
  std::mutex mutex;
  std::vector<int64_t> batch_sizes;  // of every init/step call, in order

  int64_t forward_calls() const { return init_calls + step_calls; }
};

struct FakeModel {
  std::shared_ptr<WorldModel> model;
  std::shared_ptr<FakeModelCounters> counters;
};

inline constexpr int32_t kFakeSide = 8;
inline constexpr double kFakeFps = 10.0;

FakeModel make_fake_model(const FakeModelOptions& options = {});

// 20..219, stable across runs.
uint8_t fake_prompt_id(std::string_view text);

}  // namespace wv::model::testing
