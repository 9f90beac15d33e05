// render_fixture.h — a lavapipe Context with validation, a 256² offscreen target and a
// Renderer; any validation message or logged warning/error fails the test.
//
//   TEST_F(RenderTest, Something) {
//     auto frame = render_capture({front_view()}, panels);
//     EXPECT_EQ(pixel(*frame, 128, 128)[0], 255);
//   }
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "renderer/renderer.h"

namespace wv::test {

constexpr uint32_t kSize = 256;

// Pins lavapipe so goldens are stable on machines with GPUs too.
renderer::ContextParams lavapipe_params();

// A viewer at `eye` looking at `target`, 90° vertical field of view, square image.
renderer::View look_view(glm::vec3 eye, glm::vec3 target);
// The default viewer: standing at the origin, eyes 1.6 m up, looking along -Z.
renderer::View front_view();

// A frame of one flat sRGB color, or four colored quadrants (red, green / blue, white).
FramePtr solid_frame(int32_t w, int32_t h, std::array<uint8_t, 4> rgba, int64_t index = 0);
FramePtr quadrant_frame(int32_t w, int32_t h);

const uint8_t* pixel(const Frame& frame, int32_t x, int32_t y);

// Counts every warning and error logged through wv::log (validation messages included).
class LogCounter {
 public:
  LogCounter();
  ~LogCounter();
  int count() const { return counter_->load(); }

 private:
  std::shared_ptr<std::atomic<int>> counter_ = std::make_shared<std::atomic<int>>(0);
};

class RenderTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;  // destroys everything, then checks no warning/error was logged

  // Renders the default environment and `panels` into all views and reads back `capture_view`.
  FramePtr render_capture(const std::vector<renderer::View>& views, const std::vector<renderer::PanelDraw>& panels,
                          int32_t capture_view = 0);

  LogCounter log_counter_;
  std::unique_ptr<renderer::Context> ctx_;
  std::unique_ptr<renderer::OffscreenTarget> target_;       // 1 view
  std::unique_ptr<renderer::OffscreenTarget> stereo_;       // 2 views
  std::unique_ptr<renderer::Renderer> renderer_;
};

}  // namespace wv::test
