// Golden-image and pixel checks of what the renderer draws.
#include <algorithm>

#include <gtest/gtest.h>

#include "golden.h"
#include "render_fixture.h"
#include "wv/pose.h"

namespace wv::test {
namespace {

using renderer::PanelDraw;

PanelDraw panel_at(glm::vec3 position, glm::vec2 size_m, renderer::TextureId tex, float opacity = 1.0f) {
  PanelDraw p;
  p.texture = tex;
  p.T_world_panel = Pose{position}.matrix();
  p.size_m = size_m;
  p.opacity = opacity;
  return p;
}

renderer::TextureId solid_texture(renderer::Renderer& r, std::array<uint8_t, 4> rgba) {
  const renderer::TextureId id = r.create_texture();
  r.update_texture(id, solid_frame(16, 16, rgba));
  return id;
}

void expect_rgb_near(const uint8_t* p, int r, int g, int b, int tolerance, const char* what) {
  EXPECT_NEAR(p[0], r, tolerance) << what;
  EXPECT_NEAR(p[1], g, tolerance) << what;
  EXPECT_NEAR(p[2], b, tolerance) << what;
}

TEST_F(RenderTest, EnvironmentOnly) {
  auto frame = render_capture({look_view({0.0f, 1.6f, 0.0f}, {0.0f, 1.2f, -3.0f})}, {});
  ASSERT_TRUE(frame);
  expect_matches_golden("environment", *frame);
  // Calm and dark: the zenith side darker than the horizon, the floor (lines included) darker
  // than the horizon, nothing bright anywhere.
  auto mean_green = [&](int y0, int y1) {
    double sum = 0;
    for (int y = y0; y < y1; ++y)
      for (int x = 0; x < int(kSize); ++x) sum += pixel(*frame, x, y)[1];
    return sum / double((y1 - y0) * int(kSize));
  };
  const double top = mean_green(0, 8), horizon = mean_green(100, 108), floor = mean_green(220, 256);
  EXPECT_LT(top, horizon);
  EXPECT_LT(floor, horizon);
  EXPECT_LT(horizon, 110.0);
  EXPECT_EQ(pixel(*frame, 0, 0)[3], 255);
}

TEST_F(RenderTest, FlatPanelShowsTextureUprightAndUnmirrored) {
  const renderer::TextureId tex = renderer_->create_texture();
  renderer_->update_texture(tex, quadrant_frame(64, 64));
  auto frame = render_capture({front_view()}, {panel_at({0.0f, 1.6f, -2.0f}, {1.6f, 1.2f}, tex)});
  ASSERT_TRUE(frame);
  expect_matches_golden("flat_panel", *frame);
  // Panel spans x 128±51, y 128±38 pixels. Texture top-left is red, top-right green.
  expect_rgb_near(pixel(*frame, 100, 105), 255, 0, 0, 2, "top-left: red");
  expect_rgb_near(pixel(*frame, 156, 105), 0, 255, 0, 2, "top-right: green");
  expect_rgb_near(pixel(*frame, 100, 150), 0, 0, 255, 2, "bottom-left: blue");
  expect_rgb_near(pixel(*frame, 156, 150), 255, 255, 255, 2, "bottom-right: white");
}

TEST_F(RenderTest, PanelWithoutTextureIsADarkPlaceholderAndBackFaceIsDark) {
  PanelDraw front = panel_at({-0.6f, 1.6f, -2.0f}, {1.0f, 1.0f}, renderer::kNoTexture);
  PanelDraw back = panel_at({0.6f, 1.6f, -2.0f}, {1.0f, 1.0f}, solid_texture(*renderer_, {255, 255, 255, 255}));
  back.T_world_panel = Pose{{0.6f, 1.6f, -2.0f}, glm::angleAxis(glm::radians(180.0f), glm::vec3(0, 1, 0))}.matrix();
  auto frame = render_capture({front_view()}, {front, back});
  ASSERT_TRUE(frame);
  expect_rgb_near(pixel(*frame, 90, 128), 30, 33, 40, 2, "placeholder");
  const uint8_t* b = pixel(*frame, 166, 128);
  EXPECT_LT(b[0], 40) << "a white texture seen from behind must not show";
}

TEST_F(RenderTest, CurvedPanelBendsEdgesTowardViewer) {
  const renderer::TextureId tex = renderer_->create_texture();
  renderer_->update_texture(tex, quadrant_frame(64, 64));
  PanelDraw curved = panel_at({0.0f, 1.6f, -2.5f}, {3.0f, 1.2f}, tex);
  curved.curve_radius_m = 1.6f;
  auto curved_frame = render_capture({front_view()}, {curved});
  ASSERT_TRUE(curved_frame);
  expect_matches_golden("curved_panel", *curved_frame);
  // Closer edges look taller than the center, unlike a flat panel: measure the panel's
  // height (non-background rows) at the center column and near the left edge.
  auto column_height = [](const Frame& f, int x) {
    int rows = 0;
    for (int y = 0; y < f.height; ++y) {
      const uint8_t* p = pixel(f, x, y);
      rows += std::max({p[0], p[1], p[2]}) > 200 ? 1 : 0;  // the background is dark
    }
    return rows;
  };
  const int center = column_height(*curved_frame, 128);
  int edge_x = 0;
  while (edge_x < 128 && column_height(*curved_frame, edge_x) == 0) ++edge_x;
  const int edge = column_height(*curved_frame, edge_x + 3);
  EXPECT_GT(edge, center + 10) << "edge height " << edge << " vs center " << center;
}

TEST_F(RenderTest, StereoViewsUseTheirOwnMatrices) {
  const renderer::TextureId tex = renderer_->create_texture();
  renderer_->update_texture(tex, quadrant_frame(64, 64));
  const std::vector<renderer::View> eyes = {look_view({-0.032f, 1.6f, 0.0f}, {-0.032f, 1.6f, -1.0f}),
                                            look_view({0.032f, 1.6f, 0.0f}, {0.032f, 1.6f, -1.0f})};
  const std::vector<PanelDraw> panels = {panel_at({0.0f, 1.6f, -1.0f}, {0.8f, 0.6f}, tex)};
  auto left = render_capture(eyes, panels, 0);
  auto right = render_capture(eyes, panels, 1);
  ASSERT_TRUE(left && right);
  expect_matches_golden("stereo_left", *left);
  expect_matches_golden("stereo_right", *right);
  auto first_red_column = [](const Frame& f) {
    for (int x = 0; x < f.width; ++x)
      if (pixel(f, x, 100)[0] > 200 && pixel(f, x, 100)[1] < 50) return x;
    return -1;
  };
  // The left eye sees the panel farther right: 0.064 m at 1 m with 128 px per unit tangent ≈ 8 px.
  const int l = first_red_column(*left), r = first_red_column(*right);
  ASSERT_GE(l, 0);
  ASSERT_GE(r, 0);
  EXPECT_NEAR(l - r, 8, 1);
}

TEST_F(RenderTest, OpacityAndOverlapOrder) {
  // Given in the worst order: translucent first, the far opaque panel last.
  const PanelDraw yellow_behind = panel_at({0.0f, 1.6f, -4.0f}, {6.0f, 1.0f}, solid_texture(*renderer_, {255, 255, 0, 255}), 0.5f);
  const PanelDraw blue_front = panel_at({0.0f, 1.6f, -1.5f}, {0.5f, 0.5f}, solid_texture(*renderer_, {0, 0, 255, 255}), 0.5f);
  const PanelDraw green_near = panel_at({0.0f, 1.6f, -2.0f}, {1.0f, 1.0f}, solid_texture(*renderer_, {0, 255, 0, 255}));
  const PanelDraw red_far = panel_at({0.0f, 1.6f, -3.0f}, {2.0f, 2.0f}, solid_texture(*renderer_, {255, 0, 0, 255}));
  auto frame = render_capture({front_view()}, {yellow_behind, blue_front, green_near, red_far});
  ASSERT_TRUE(frame);
  expect_matches_golden("opacity_overlap", *frame);
  // Half blue over green, blended in linear light: 0.5 linear is 188 in sRGB (not 128).
  expect_rgb_near(pixel(*frame, 128, 128), 0, 188, 188, 3, "blue 50% over green");
  expect_rgb_near(pixel(*frame, 128, 150), 0, 255, 0, 1, "green in front of red");
  expect_rgb_near(pixel(*frame, 90, 128), 255, 0, 0, 1, "translucent yellow stays behind red");
  const uint8_t* y = pixel(*frame, 60, 128);
  EXPECT_GT(y[0], 150);
  EXPECT_GT(y[1], 150);
  EXPECT_LT(y[2], 80);
}

// A hair-thin red ray 3 m ahead, across the view, behind a green panel 2 m ahead: widened to
// about 1.5 pixels so it shows, and hidden where the panel is in front of it.
TEST_F(RenderTest, RaysAreAtLeastAPixelWideAndDepthTested) {
  const PanelDraw green = panel_at({0.0f, 1.6f, -2.0f}, {1.0f, 1.0f}, solid_texture(*renderer_, {0, 255, 0, 255}));
  const renderer::RayDraw ray{.from_world = {-2.5f, 1.6f, -3.0f}, .to_world = {2.5f, 1.6f, -3.0f},
                              .width_m = 1e-4f, .color = {1.0f, 0.0f, 0.0f, 1.0f}};
  const renderer::View view = front_view();
  auto id = renderer_->render(*target_, {&view, 1}, std::vector<PanelDraw>{green}, renderer::Environment{},
                              {.capture_view = 0, .rays = {&ray, 1}});
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto frame = renderer_->read_capture(*id);
  ASSERT_TRUE(frame.ok()) << frame.error().message;
  for (int x : {30, 60, 200, 226}) {  // the ray spans columns 21..235
    expect_rgb_near(pixel(**frame, x, 127), 255, 0, 0, 1, "the ray");
    expect_rgb_near(pixel(**frame, x, 128), 255, 0, 0, 1, "the ray");
  }
  expect_rgb_near(pixel(**frame, 128, 128), 0, 255, 0, 1, "the panel in front of the ray");
  EXPECT_LT(pixel(**frame, 60, 120)[0], 100) << "the ray is thin";
}

TEST_F(RenderTest, SrgbGreyReadsBackUnchanged) {
  const PanelDraw grey = panel_at({0.0f, 1.6f, -1.0f}, {3.0f, 3.0f}, solid_texture(*renderer_, {188, 188, 188, 255}));
  auto frame = render_capture({front_view()}, {grey});
  ASSERT_TRUE(frame);
  for (int y : {10, 128, 245})
    for (int x : {10, 128, 245}) expect_rgb_near(pixel(*frame, x, y), 188, 188, 188, 1, "sRGB 188 grey");
}

TEST(RenderMsaaTest, FourSamplesSmoothEdges) {
  LogCounter logs;
  {
    auto ctx = renderer::Context::create(lavapipe_params());
    ASSERT_TRUE(ctx.ok()) << ctx.error().message;
    auto target = renderer::OffscreenTarget::create(**ctx, {.width = kSize, .height = kSize});
    ASSERT_TRUE(target.ok());
    auto r = renderer::Renderer::create(**ctx, {.msaa_samples = 4});
    ASSERT_TRUE(r.ok()) << r.error().message;
    const renderer::TextureId tex = (*r)->create_texture();
    (*r)->update_texture(tex, quadrant_frame(64, 64));
    PanelDraw tilted = panel_at({0.0f, 1.6f, -2.0f}, {1.6f, 1.2f}, tex);
    tilted.T_world_panel = Pose{{0.0f, 1.6f, -2.0f}, glm::angleAxis(0.3f, glm::vec3(0, 0, 1))}.matrix();
    const renderer::View view = front_view();
    auto id = (*r)->render(**target, {&view, 1}, {&tilted, 1}, {}, {.capture_view = 0});
    ASSERT_TRUE(id.ok());
    auto frame = (*r)->read_capture(*id);
    ASSERT_TRUE(frame.ok());
    expect_matches_golden("tilted_panel_msaa4", **frame);
  }
  EXPECT_EQ(logs.count(), 0);
}

}  // namespace
}  // namespace wv::test
