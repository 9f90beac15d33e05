// Texture streaming through the staging ring, size changes, pipelined capture, lifetimes.
#include <gtest/gtest.h>

#include "render_fixture.h"
#include "wv/pose.h"

namespace wv::test {
namespace {

renderer::PanelDraw full_view_panel(renderer::TextureId tex, float x = 0.0f, float width = 3.0f) {
  renderer::PanelDraw p;
  p.texture = tex;
  p.T_world_panel = Pose{{x, 1.6f, -1.0f}}.matrix();
  p.size_m = {width, 3.0f};
  return p;
}

TEST_F(RenderTest, StreamsChangingFramesAcrossSizeChanges) {
  const renderer::TextureId tex = renderer_->create_texture();
  const int sizes[] = {64, 64, 128, 128, 32, 300, 300};
  render_capture({front_view()}, {});  // uploads the renderer's own placeholder first
  const uint64_t recreated_before = renderer_->stats().textures_recreated;
  for (int i = 0; i < 7; ++i) {
    const std::array<uint8_t, 4> color{uint8_t(40 * i), uint8_t(255 - 30 * i), uint8_t(17 * i), 255};
    renderer_->update_texture(tex, solid_frame(sizes[i], sizes[i] * 3 / 4, color, i));
    auto frame = render_capture({front_view()}, {full_view_panel(tex)});
    ASSERT_TRUE(frame);
    const uint8_t* p = pixel(*frame, 128, 128);
    EXPECT_NEAR(p[0], color[0], 1) << "frame " << i;
    EXPECT_NEAR(p[1], color[1], 1) << "frame " << i;
    EXPECT_NEAR(p[2], color[2], 1) << "frame " << i;
  }
  // 64 -> 128 -> 32 -> 300: four images, the first included.
  EXPECT_EQ(renderer_->stats().textures_recreated - recreated_before, 4u);
}

TEST(StagingRingTest, DefersWhatDoesNotFitAndGrowsForOneLargeFrame) {
  LogCounter logs;
  {
    auto ctx = renderer::Context::create(lavapipe_params());
    ASSERT_TRUE(ctx.ok()) << ctx.error().message;
    auto target = renderer::OffscreenTarget::create(**ctx, {.width = 64, .height = 64});
    ASSERT_TRUE(target.ok());
    // 48 KiB per frame: the 1x1 placeholder and two 64x64 frames (16 KiB each) fit, a third
    // waits for the next frame. Frames go through staging even where they could be imported.
    auto r = renderer::Renderer::create(**ctx, {.staging_bytes_per_frame = 48 << 10, .import_frame_memory = false});
    ASSERT_TRUE(r.ok()) << r.error().message;
    renderer::Renderer& renderer = **r;
    const renderer::View view = front_view();
    std::vector<renderer::PanelDraw> panels;
    std::vector<renderer::TextureId> ids;
    const uint8_t colors[3][4] = {{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}};
    for (int i = 0; i < 3; ++i) {
      const renderer::TextureId tex = renderer.create_texture();
      ids.push_back(tex);
      renderer.update_texture(tex, solid_frame(64, 64, {colors[i][0], colors[i][1], colors[i][2], 255}));
      panels.push_back(full_view_panel(tex, -1.0f + 1.0f * float(i), 1.0f));
    }
    for (int frame = 0; frame < 2; ++frame) {
      auto id = renderer.render(**target, {&view, 1}, panels, {}, {.capture_view = 0});
      ASSERT_TRUE(id.ok());
      auto image = renderer.read_capture(*id);
      ASSERT_TRUE(image.ok());
      // Middle panel (second texture) is there from the first frame; the third only from the second.
      EXPECT_EQ(pixel(**image, 32, 32)[1], 255);
      if (frame == 0)
        EXPECT_LT(pixel(**image, 60, 32)[2], 60) << "third texture deferred: placeholder";
      else
        EXPECT_EQ(pixel(**image, 60, 32)[2], 255) << "third texture uploaded one frame later";
    }
    EXPECT_EQ(renderer.stats().uploads_deferred, 1u);

    // One frame larger than the whole staging buffer still goes through (the buffer grows).
    renderer.update_texture(ids[0], solid_frame(256, 256, {200, 100, 50, 255}));
    const renderer::PanelDraw large = full_view_panel(ids[0]);
    auto id = renderer.render(**target, {&view, 1}, {&large, 1}, {}, {.capture_view = 0});
    ASSERT_TRUE(id.ok());
    auto image = renderer.read_capture(*id);
    ASSERT_TRUE(image.ok());
    EXPECT_NEAR(pixel(**image, 32, 32)[0], 200, 1);
  }
  EXPECT_EQ(logs.count(), 0);
}

TEST_F(RenderTest, PipelinedCaptureKeepsEachFramesPixels) {
  const renderer::TextureId tex = renderer_->create_texture();
  const renderer::View view = front_view();
  const renderer::PanelDraw panel = full_view_panel(tex);
  renderer_->update_texture(tex, solid_frame(8, 8, {255, 0, 0, 255}));
  auto a = renderer_->render(*target_, {&view, 1}, {&panel, 1}, {}, {.capture_view = 0});
  renderer_->update_texture(tex, solid_frame(8, 8, {0, 0, 255, 255}));
  auto b = renderer_->render(*target_, {&view, 1}, {&panel, 1}, {}, {.capture_view = 0});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*b, *a + 1);
  auto frame_a = renderer_->read_capture(*a);
  auto frame_b = renderer_->read_capture(*b);
  ASSERT_TRUE(frame_a.ok() && frame_b.ok());
  EXPECT_EQ(pixel(**frame_a, 128, 128)[0], 255);
  EXPECT_EQ(pixel(**frame_b, 128, 128)[2], 255);
  EXPECT_EQ((*frame_a)->stride_bytes, int32_t(kSize * 4));
}

TEST_F(RenderTest, TexturesDestroyedInFlightAreFreedSafely) {
  const renderer::View view = front_view();
  for (int i = 0; i < 4; ++i) {
    const renderer::TextureId tex = renderer_->create_texture();
    renderer_->update_texture(tex, solid_frame(32 + i, 32, {255, 255, 255, 255}));
    const renderer::PanelDraw panel = full_view_panel(tex);
    ASSERT_TRUE(renderer_->render(*target_, {&view, 1}, {&panel, 1}, {}).ok());
    renderer_->destroy_texture(tex);  // the frame just submitted still samples it
  }
  ASSERT_TRUE(renderer_->wait_idle().ok());  // TearDown fails on any validation message
}

}  // namespace
}  // namespace wv::test
