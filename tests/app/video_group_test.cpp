// A synchronized group of video panels through the player every interactive mode uses: pausing
// or seeking one member pauses and seeks the others, which then show the same frame; a panel
// outside the group keeps its own time. The members are the same clip from two "generators"
// (H.264 in MP4, VP9 in WebM), so their frames differ in bytes but share their indices.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "../program_run.h"
#include "app/panel_player.h"
#include "media/video_source.h"
#include "renderer/renderer.h"

namespace wv::app {
namespace {

namespace fs = std::filesystem;

// 25 fps, 50 frames, a keyframe every 10.
std::shared_ptr<wv::FrameSource> clip(const std::string& name, const std::string& codec) {
  const fs::path path = fs::path(WV_TEST_OUTPUT_DIR) / "video_group" / name;
  const auto made = wv::test::make_once(path, "ffmpeg -v error -nostdin -y -f lavfi -i testsrc=size=64x48:rate=25 "
                                              "-frames:v 50 -g 10 -pix_fmt yuv420p " + codec);
  EXPECT_EQ(made.exit_code, 0) << made.output;
  auto source = media::open_video_source(path.string());
  EXPECT_TRUE(source.ok()) << source.error().message;
  return source ? std::shared_ptr<wv::FrameSource>(std::move(*source)) : nullptr;
}

// Shows frames due at display time t_s until panel i shows frame `index` (or 5 s pass).
bool wait_for(PanelPlayer& player, size_t i, int64_t index, double t_s) {
  for (int tries = 0; tries < 500; ++tries) {
    player.show_latest(t_s);
    if (player.shown(i) && player.shown(i)->index == index) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

TEST(VideoGroup, MembersPauseAndSeekTogether) {
  renderer::ContextParams params;
  params.preferred_device = "llvmpipe";
  params.require_preferred_device = true;
  auto ctx = renderer::Context::create(params);
  ASSERT_TRUE(ctx.ok()) << ctx.error().message;
  auto renderer = renderer::Renderer::create(**ctx);
  ASSERT_TRUE(renderer.ok()) << renderer.error().message;

  std::vector<Panel> panels(3);
  panels[0].source = clip("a.mp4", "-c:v libx264");
  panels[1].source = clip("b.webm", "-c:v libvpx-vp9 -deadline realtime -cpu-used 8");
  panels[2].source = clip("c.mp4", "-c:v libx264");
  ASSERT_TRUE(panels[0].source && panels[1].source && panels[2].source);
  panels[0].group = panels[1].group = "compare";
  PanelPlayer player(panels, **renderer);

  // Playing: at display time 0.4 s both members show frame 10.
  ASSERT_TRUE(wait_for(player, 0, 10, 0.4));
  ASSERT_TRUE(wait_for(player, 1, 10, 0.4));

  // Pause panel 1 at 0.4 s: panel 0 pauses too; panel 2 plays on.
  player.set_speed(1, 0.0, 0.4);
  EXPECT_DOUBLE_EQ(player.speed(0), 0.0);
  EXPECT_DOUBLE_EQ(player.position_s(0, 1.2), 0.4);
  EXPECT_DOUBLE_EQ(player.position_s(2, 1.2), 1.2);

  // Seek panel 0 back to 0.2 s (frame 5): both members go there, from their keyframes.
  player.scrub(0, -0.2, 1.2);
  EXPECT_TRUE(wait_for(player, 0, 5, 1.3)) << (player.shown(0) ? player.shown(0)->index : -1);
  EXPECT_TRUE(wait_for(player, 1, 5, 1.3)) << (player.shown(1) ? player.shown(1)->index : -1);

  // A long jump forward while paused (1.56 s: frame 39) seeks both instead of decoding up to it.
  player.scrub(1, 1.36, 1.3);
  EXPECT_TRUE(wait_for(player, 0, 39, 1.4)) << (player.shown(0) ? player.shown(0)->index : -1);
  EXPECT_TRUE(wait_for(player, 1, 39, 1.4)) << (player.shown(1) ? player.shown(1)->index : -1);

  // Play again at double speed from display time 2 s: at 2.1 s both are 0.2 s on (frame 44).
  player.set_speed(0, 2.0, 2.0);
  EXPECT_TRUE(wait_for(player, 0, 44, 2.1));
  EXPECT_TRUE(wait_for(player, 1, 44, 2.1));
  EXPECT_DOUBLE_EQ(player.speed(1), 2.0);
  // The ungrouped panel never paused.
  EXPECT_TRUE(wait_for(player, 2, 49, 2.1));
}

}  // namespace
}  // namespace wv::app
