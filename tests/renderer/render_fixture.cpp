#include "render_fixture.h"

#include <cstdio>
#include <string>

#include "wv/log.h"
#include "wv/pose.h"

namespace wv::test {

renderer::ContextParams lavapipe_params() {
  renderer::ContextParams params;
  params.enable_validation = true;
  params.preferred_device = "llvmpipe";
  params.require_preferred_device = true;
  params.application_name = "worldview renderer tests";
  return params;
}

renderer::View look_view(glm::vec3 eye, glm::vec3 target) {
  return renderer::View{glm::inverse(look_at(eye, target).matrix()),
                        renderer::perspective_vk(glm::radians(90.0f), 1.0f, 0.05f, 100.0f)};
}

renderer::View front_view() { return look_view({0.0f, 1.6f, 0.0f}, {0.0f, 1.6f, -1.0f}); }

FramePtr solid_frame(int32_t w, int32_t h, std::array<uint8_t, 4> rgba, int64_t index) {
  auto frame = make_frame(w, h, index, 0.0);
  for (size_t i = 0; i < frame->pixels.size(); i += 4)
    for (int c = 0; c < 4; ++c) frame->pixels[i + c] = rgba[c];
  return frame;
}

FramePtr quadrant_frame(int32_t w, int32_t h) {
  auto frame = make_frame(w, h, 0, 0.0);
  for (int32_t y = 0; y < h; ++y)
    for (int32_t x = 0; x < w; ++x) {
      const bool right = x >= w / 2, bottom = y >= h / 2;
      const uint8_t r = (!bottom && !right) || (bottom && right) ? 255 : 0;
      const uint8_t g = (!bottom && right) || (bottom && right) ? 255 : 0;
      const uint8_t b = bottom ? 255 : 0;
      uint8_t* p = frame->row(y) + 4 * x;
      p[0] = r, p[1] = g, p[2] = b, p[3] = 255;
    }
  return frame;
}

const uint8_t* pixel(const Frame& frame, int32_t x, int32_t y) { return frame.row(y) + 4 * x; }

LogCounter::LogCounter() {
  auto counter = counter_;
  set_log_sink([counter](LogLevel level, std::string_view message) {
    if (level >= LogLevel::Warn) counter->fetch_add(1);
    std::fprintf(stderr, "%.*s\n", int(message.size()), message.data());
  });
}

LogCounter::~LogCounter() { set_log_sink(nullptr); }

void RenderTest::SetUp() {
  auto ctx = renderer::Context::create(lavapipe_params());
  ASSERT_TRUE(ctx.ok()) << ctx.error().message;
  ctx_ = std::move(*ctx);
  auto target = renderer::OffscreenTarget::create(*ctx_, {.width = kSize, .height = kSize});
  ASSERT_TRUE(target.ok()) << target.error().message;
  target_ = std::move(*target);
  auto stereo = renderer::OffscreenTarget::create(*ctx_, {.width = kSize, .height = kSize, .view_count = 2});
  ASSERT_TRUE(stereo.ok()) << stereo.error().message;
  stereo_ = std::move(*stereo);
  auto r = renderer::Renderer::create(*ctx_);
  ASSERT_TRUE(r.ok()) << r.error().message;
  renderer_ = std::move(*r);
}

void RenderTest::TearDown() {
  renderer_.reset();
  stereo_.reset();
  target_.reset();
  ctx_.reset();  // the device's destruction is validated too (leaked objects)
  EXPECT_EQ(log_counter_.count(), 0) << "validation messages or warnings were logged (see above)";
}

FramePtr RenderTest::render_capture(const std::vector<renderer::View>& views,
                                    const std::vector<renderer::PanelDraw>& panels, int32_t capture_view) {
  renderer::RenderTarget& target = views.size() == 2 ? static_cast<renderer::RenderTarget&>(*stereo_) : *target_;
  auto id = renderer_->render(target, views, panels, renderer::Environment{}, {.capture_view = capture_view});
  EXPECT_TRUE(id.ok()) << id.error().message;
  if (!id) return nullptr;
  auto frame = renderer_->read_capture(*id);
  EXPECT_TRUE(frame.ok()) << frame.error().message;
  return frame ? *frame : nullptr;
}

}  // namespace wv::test
