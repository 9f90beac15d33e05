// Zero-copy uploads (VK_EXT_external_memory_host): taken on lavapipe, pixel-identical to the
// staging path, and the frames they read are kept exactly until their GPU work has finished.
#include <memory>

#include <gtest/gtest.h>

#include "render_fixture.h"
#include "wv/pose.h"

namespace wv::test {
namespace {

renderer::PanelDraw full_view_panel(renderer::TextureId tex) {
  renderer::PanelDraw p;
  p.texture = tex;
  p.T_world_panel = Pose{{0.0f, 1.6f, -1.0f}}.matrix();
  p.size_m = {2.0f, 2.0f};
  return p;
}

// A w x h frame with a per-pixel pattern, rows `stride_bytes` apart (padding filled with junk
// that must never show).
FramePtr pattern_frame(int32_t w, int32_t h, int32_t stride_bytes) {
  auto frame = std::make_shared<Frame>();
  frame->width = w;
  frame->height = h;
  frame->stride_bytes = stride_bytes;
  frame->pixels.assign(frame->byte_size(), 0xEE);
  for (int32_t y = 0; y < h; ++y)
    for (int32_t x = 0; x < w; ++x) {
      uint8_t* p = frame->row(y) + 4 * x;
      p[0] = uint8_t(x * 7), p[1] = uint8_t(y * 5), p[2] = uint8_t((x ^ y) * 3), p[3] = 255;
    }
  return frame;
}

// Renders `frame` on a full-view panel with `r` and reads the image back.
FramePtr render_frame(renderer::Renderer& r, renderer::RenderTarget& target, const FramePtr& frame) {
  const renderer::TextureId tex = r.create_texture();
  r.update_texture(tex, frame);
  const renderer::View view = front_view();
  const renderer::PanelDraw panel = full_view_panel(tex);
  auto id = r.render(target, {&view, 1}, {&panel, 1}, {}, {.capture_view = 0});
  EXPECT_TRUE(id.ok());
  if (!id) return nullptr;
  auto image = r.read_capture(*id);
  EXPECT_TRUE(image.ok());
  r.destroy_texture(tex);
  return image ? *image : nullptr;
}

bool same_pixels(const Frame& a, const Frame& b) {
  return a.width == b.width && a.height == b.height && a.pixels == b.pixels;
}

TEST_F(RenderTest, ZeroCopyUploadsMatchStagingUploads) {
  ASSERT_TRUE(ctx_->host_import_enabled()) << "lavapipe offers VK_EXT_external_memory_host";
  auto staging = renderer::Renderer::create(*ctx_, {.import_frame_memory = false});
  ASSERT_TRUE(staging.ok()) << staging.error().message;
  render_capture({front_view()}, {});  // uploads the renderer's own placeholder first
  // Tightly packed, and rows padded by 3 texels (bufferRowLength > width).
  for (const FramePtr& frame : {pattern_frame(96, 64, 96 * 4), pattern_frame(96, 64, 99 * 4)}) {
    const uint64_t zero_copy_before = renderer_->stats().zero_copy_uploads;
    FramePtr imported = render_frame(*renderer_, *target_, frame);
    FramePtr copied = render_frame(**staging, *target_, frame);
    ASSERT_TRUE(imported && copied);
    EXPECT_EQ(renderer_->stats().zero_copy_uploads - zero_copy_before, 1u);
    EXPECT_EQ((*staging)->stats().zero_copy_uploads, 0u);
    EXPECT_TRUE(same_pixels(*imported, *copied)) << "stride " << frame->stride_bytes;
    EXPECT_NEAR(pixel(*imported, 128, 128)[1], 160, 30) << "the pattern is on screen";
  }
}

TEST_F(RenderTest, FrameHeldOnlyByTheRendererIsFreedAfterItsFence) {
  const renderer::TextureId tex = renderer_->create_texture();
  std::weak_ptr<const Frame> watched;
  {
    FramePtr frame = solid_frame(64, 64, {10, 20, 30, 255});
    watched = frame;
    renderer_->update_texture(tex, std::move(frame));
  }
  const renderer::View view = front_view();
  const renderer::PanelDraw panel = full_view_panel(tex);
  ASSERT_TRUE(renderer_->render(*target_, {&view, 1}, {&panel, 1}, {}).ok());
  EXPECT_EQ(renderer_->stats().zero_copy_uploads, 2u);  // the placeholder and the frame
  EXPECT_FALSE(watched.expired()) << "the GPU may still be copying from the frame's memory";
  ASSERT_TRUE(renderer_->wait_idle().ok());
  EXPECT_TRUE(watched.expired()) << "freed once its frame's fence signalled";
}

TEST_F(RenderTest, FrameUploadedTwiceIsImportedOnce) {
  const renderer::TextureId a = renderer_->create_texture();
  const renderer::TextureId b = renderer_->create_texture();
  const FramePtr frame = quadrant_frame(64, 64);
  const renderer::View view = front_view();
  const renderer::PanelDraw panel = full_view_panel(a);
  // Two textures in one frame, then again in the next frame while the first import is in flight.
  renderer_->update_texture(a, frame);
  renderer_->update_texture(b, frame);
  ASSERT_TRUE(renderer_->render(*target_, {&view, 1}, {&panel, 1}, {}).ok());
  renderer_->update_texture(a, frame);
  auto id = renderer_->render(*target_, {&view, 1}, {&panel, 1}, {}, {.capture_view = 0});
  ASSERT_TRUE(id.ok());
  auto image = renderer_->read_capture(*id);
  ASSERT_TRUE(image.ok());
  const renderer::RendererStats& stats = renderer_->stats();
  EXPECT_EQ(stats.zero_copy_uploads, 4u);  // placeholder, a, b, a
  EXPECT_EQ(stats.frame_imports, 2u);      // placeholder, frame
  // Top-left quadrant red, bottom-right white: the second upload shows the same frame.
  EXPECT_GT(pixel(**image, 100, 100)[0], 200);
  EXPECT_LT(pixel(**image, 100, 100)[1], 50);
  EXPECT_GT(pixel(**image, 156, 156)[1], 200);
}

}  // namespace
}  // namespace wv::test
