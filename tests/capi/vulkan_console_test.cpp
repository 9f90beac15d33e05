// The in-world console of the C API (wv_vk_console_*): a host's pointer ray clicks the console's
// controls and they act on the host's workspace (steer, branch, pause, rate), a ray on a panel
// selects it, the console is drawn into the host's image with no validation message, and misuse
// is refused.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <glm/gtc/quaternion.hpp>
#include <glm/gtc/type_ptr.hpp>
#include <gtest/gtest.h>

#include "host_image.h"
#include "media/png.h"
#include "wv/pose.h"
#include "wv/worldview_vulkan.h"

namespace {

using wv::test::Host;
using wv::test::kSide;

#define EXPECT_WV_OK(call) EXPECT_EQ((call), WV_OK) << wv_last_error()

constexpr glm::vec3 kEye{0.0f, 1.6f, 0.0f};

// The library's log, kept (the console reports what each action did there).
struct Log {
  std::mutex mutex;
  std::string text;
  static void append(void* self, wv_log_level, const char* message) {
    auto* log = static_cast<Log*>(self);
    std::lock_guard lock(log->mutex);
    log->text += std::string(message) + "\n";
  }
  bool has(const std::string& part) {
    std::lock_guard lock(mutex);
    return text.find(part) != std::string::npos;
  }
};

// A host with one rollout and one video panel, a renderer on its device and a console.
class ConsoleHost : public ::testing::Test {
 protected:
  void SetUp() override {
    wv_set_log_callback(&Log::append, &log_);
    host_.create();
    ASSERT_FALSE(HasFatalFailure());
    wv_engine_params ep = wv_engine_default_params();
    ASSERT_EQ(wv_engine_create(&ep, &engine_), WV_OK) << wv_last_error();
    wv_rollout_params rp = wv_rollout_default_params();
    rp.prompt = "three red balls in a dark blue room";
    ASSERT_EQ(wv_rollout_open(engine_, &rp, &rollout_), WV_OK) << wv_last_error();
    const std::string folder = std::string(WV_TEST_OUTPUT_DIR) + "/capi_vulkan_console";
    std::filesystem::create_directories(folder);
    // A clip per test: the tests run in parallel.
    clip_path_ = folder + "/" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".mp4";
    ASSERT_EQ(std::system(("ffmpeg -v error -nostdin -y -f lavfi -i testsrc=size=64x48:rate=10 -frames:v 30 "
                           "-pix_fmt yuv420p " + clip_path_).c_str()), 0);
    ASSERT_EQ(wv_video_open(engine_, clip_path_.c_str(), 1, &clip_), WV_OK) << wv_last_error();
    ASSERT_EQ(wv_workspace_create(engine_, &workspace_), WV_OK) << wv_last_error();
    EXPECT_WV_OK(wv_workspace_add_panel(workspace_, rollout_, 1.0f));
    EXPECT_WV_OK(wv_workspace_add_panel(workspace_, clip_, 1.0f));
    wv_vk_device device{host_.instance, host_.physical, host_.device, 0, 0, 0};
    wv_vk_renderer_params params = wv_vk_renderer_default_params();
    ASSERT_EQ(wv_vk_renderer_create(&device, &params, &renderer_), WV_OK) << wv_last_error();
    wv_vk_console_params cp = wv_vk_console_default_params();
    ASSERT_EQ(wv_vk_console_create(renderer_, workspace_, &cp, &console_), WV_OK) << wv_last_error();

    // The viewer looks down at the console (1 m ahead, below the eyes).
    const glm::vec3 console_at(cp.position_m[0], cp.position_m[1], cp.position_m[2]);
    const glm::mat4 T_view_world = glm::inverse(wv::look_at(kEye, console_at).matrix());
    std::memcpy(view_.T_view_world, glm::value_ptr(T_view_world), sizeof view_.T_view_world);
    wv_vk_perspective(glm::radians(60.0f), 1.0f, 0.05f, 100.0f, view_.projection);
    view_.target = {host_.image, VK_FORMAT_R8G8B8A8_SRGB, kSide, kSide};
  }

  void TearDown() override {
    if (console_) { EXPECT_WV_OK(wv_vk_console_destroy(console_)); }
    if (renderer_) { EXPECT_WV_OK(wv_vk_renderer_destroy(renderer_)); }
    // Panels the console added are the host's to close, as a loaded workspace's are.
    size_t panels = 0;
    if (workspace_) { EXPECT_WV_OK(wv_workspace_panel_count(workspace_, &panels)); }
    for (size_t i = 2; i < panels; ++i) {
      wv_panel_info info{};
      EXPECT_WV_OK(wv_workspace_panel(workspace_, i, &info));
      if (info.source) { EXPECT_WV_OK(wv_source_close(info.source)); }
    }
    if (workspace_) { EXPECT_WV_OK(wv_workspace_destroy(workspace_)); }
    if (rollout_) { EXPECT_WV_OK(wv_source_close(rollout_)); }
    if (clip_) { EXPECT_WV_OK(wv_source_close(clip_)); }
    if (engine_) { EXPECT_WV_OK(wv_engine_destroy(engine_)); }
    if (host_.device) { EXPECT_EQ(vkDeviceWaitIdle(host_.device), VK_SUCCESS); }
    host_.destroy();
    EXPECT_EQ(host_.messages, 0);
    wv_set_log_callback(nullptr, nullptr);
  }

  // One host frame: the input to the console, then the panels and the console drawn.
  wv_vk_console_state frame(const wv_vk_input& in) {
    wv_vk_console_state state{};
    EXPECT_WV_OK(wv_vk_console_input(console_, &in, t_s_, &state));
    EXPECT_WV_OK(wv_vk_render(renderer_, workspace_, t_s_, &view_, 1));
    EXPECT_EQ(vkQueueWaitIdle(host_.queue), VK_SUCCESS);
    t_s_ += 1.0 / 30.0;
    return state;
  }

  // The right hand at the eye, its ray toward `at`, the trigger as given.
  static wv_vk_input aim(glm::vec3 at, bool select) {
    wv_vk_input in{};
    wv_vk_pointer& p = in.hands[1];
    p.active = 1;
    std::memcpy(p.position_m, &kEye.x, sizeof p.position_m);
    const glm::quat q = wv::look_at(kEye, at).orientation;
    const float xyzw[4] = {q.x, q.y, q.z, q.w};
    std::memcpy(p.orientation_xyzw, xyzw, sizeof xyzw);
    p.select = select ? 1 : 0;
    return in;
  }

  // Points at the console's control `name` and pulls the trigger, as a person would.
  void click(const std::string& name) {
    frame(wv_vk_input{});  // the console lays out its current tab
    float at[3];
    ASSERT_EQ(wv_vk_console_control(console_, name.c_str(), at), WV_OK) << wv_last_error();
    const glm::vec3 target(at[0], at[1], at[2]);
    for (const bool select : {false, false, true, true, false, false}) frame(aim(target, select));
  }

  // Frames until the rollout shows frame `index` (the model takes a moment).
  void show_rollout_frame(int64_t index) {
    for (int tries = 0; tries < 600; ++tries) {
      frame(wv_vk_input{});
      wv_source_status s{};
      EXPECT_WV_OK(wv_source_status_get(rollout_, &s));
      if (s.last_frame_index >= index) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL() << "the rollout never showed frame " << index;
  }

  Log log_;
  Host host_;
  std::string clip_path_;
  wv_engine engine_ = nullptr;
  wv_source rollout_ = nullptr, clip_ = nullptr;
  wv_workspace workspace_ = nullptr;
  wv_vk_renderer renderer_ = nullptr;
  wv_vk_console console_ = nullptr;
  wv_vk_view view_{};
  double t_s_ = 0.0;
};

TEST_F(ConsoleHost, ItsControlsActOnTheHostsWorkspace) {
  show_rollout_frame(2);
  // Prompt tab: type into the prompt field and steer.
  click("prompt");
  wv_vk_input end{};
  end.keys_held = WV_KEY_END;  // after the prompt the field holds
  frame(end);
  frame(wv_vk_input{});
  wv_vk_input typing{};
  typing.text = ". gravity flips";
  frame(typing);
  click("steer");
  EXPECT_TRUE(log_.has("console: steered rollout 1")) << log_.text;
  const std::string saved = std::string(WV_TEST_OUTPUT_DIR) + "/capi_vulkan_console/steered.wv.json";
  EXPECT_WV_OK(wv_workspace_save(workspace_, saved.c_str()));
  std::ifstream file(saved);
  const std::string json((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_NE(json.find("three red balls in a dark blue room. gravity flips"), std::string::npos) << json;

  // Branch: a third panel, with a source handle the host closes; the console acts on it now.
  click("branch");
  size_t panels = 0;
  EXPECT_WV_OK(wv_workspace_panel_count(workspace_, &panels));
  ASSERT_EQ(panels, 3u) << log_.text;
  wv_panel_info branch{};
  EXPECT_WV_OK(wv_workspace_panel(workspace_, 2, &branch));
  EXPECT_NE(branch.source, nullptr);

  // Playback tab: pause the branch.
  click("tab:playback");
  click("play");
  wv_source_status status{};
  EXPECT_WV_OK(wv_source_status_get(branch.source, &status));
  EXPECT_EQ(status.playing, 0) << log_.text;
  EXPECT_WV_OK(wv_source_status_get(rollout_, &status));
  EXPECT_EQ(status.playing, 1);

  // Review tab: four stars for the branch, kept in the workspace.
  click("tab:review");
  click("rate:4");
  int32_t rating = 0;
  EXPECT_WV_OK(wv_workspace_panel_rating(workspace_, 2, &rating));
  EXPECT_EQ(rating, 4) << log_.text;
  EXPECT_WV_OK(wv_workspace_panel_rating(workspace_, 0, &rating));
  EXPECT_EQ(rating, 0);
}

TEST_F(ConsoleHost, ARayOnAPanelSelectsItForTheConsole) {
  show_rollout_frame(0);
  wv_panel_info video{};
  EXPECT_WV_OK(wv_workspace_panel(workspace_, 1, &video));
  const glm::vec3 at(video.position_m[0], video.position_m[1], video.position_m[2]);
  wv_vk_console_state state{};
  for (const bool select : {false, true, true, false}) state = frame(aim(at, select));
  EXPECT_EQ(state.panel, 1);
  EXPECT_EQ(state.on_console[1], 0);
  // On the console, the same hand is the console's.
  float steer[3];
  click("tab:prompt");
  ASSERT_EQ(wv_vk_console_control(console_, "prompt", steer), WV_OK) << wv_last_error();
  state = frame(aim(glm::vec3(steer[0], steer[1], steer[2]), false));
  EXPECT_EQ(state.on_console[1], 1);
}

TEST_F(ConsoleHost, TheGripMovesAPanelAndTheWorkspaceKeepsWhereItIs) {
  show_rollout_frame(0);
  wv_panel_info before{};
  EXPECT_WV_OK(wv_workspace_panel(workspace_, 0, &before));
  const glm::vec3 at(before.position_m[0], before.position_m[1], before.position_m[2]);
  // Grip on the panel, then the ray turns 10 degrees to the left: the panel follows it.
  wv_vk_input in = aim(at, false);
  in.hands[1].grab = 1;
  for (int i = 0; i < 3; ++i) frame(in);
  const glm::vec3 left = kEye + glm::angleAxis(glm::radians(10.0f), glm::vec3(0.0f, 1.0f, 0.0f)) * (at - kEye);
  for (int i = 0; i < 10; ++i) {
    in = aim(glm::mix(at, left, float(i + 1) / 10.0f), false);
    in.hands[1].grab = 1;
    frame(in);
  }
  frame(aim(left, false));  // let go
  wv_panel_info after{};
  EXPECT_WV_OK(wv_workspace_panel(workspace_, 0, &after));
  EXPECT_LT(after.position_m[0], before.position_m[0] - 0.2f) << "the panel did not follow the ray to the left";
  // Saved where it is now.
  const std::string saved = std::string(WV_TEST_OUTPUT_DIR) + "/capi_vulkan_console/moved.wv.json";
  EXPECT_WV_OK(wv_workspace_save(workspace_, saved.c_str()));
  wv_workspace loaded = nullptr;
  ASSERT_EQ(wv_workspace_load(engine_, saved.c_str(), &loaded), WV_OK) << wv_last_error();
  wv_panel_info reloaded{};
  EXPECT_WV_OK(wv_workspace_panel(loaded, 0, &reloaded));
  EXPECT_NEAR(reloaded.position_m[0], after.position_m[0], 1e-3f);
  size_t panels = 0;
  EXPECT_WV_OK(wv_workspace_panel_count(loaded, &panels));
  for (size_t i = 0; i < panels; ++i) {
    wv_panel_info info{};
    EXPECT_WV_OK(wv_workspace_panel(loaded, i, &info));
    if (info.source) { EXPECT_WV_OK(wv_source_close(info.source)); }
  }
  EXPECT_WV_OK(wv_workspace_destroy(loaded));
}

// The frame the log says a loop end was set at ("loop A at frame 4 of ...").
int64_t loop_end_from(const std::string& log, const std::string& end) {
  const std::string key = "loop " + end + " at frame ";
  const size_t at = log.rfind(key);
  return at == std::string::npos ? -1 : std::stoll(log.substr(at + key.size()));
}

TEST_F(ConsoleHost, ALoopRegionKeepsAVideoPanelBetweenAAndB) {
  show_rollout_frame(0);
  wv_panel_info video{};
  EXPECT_WV_OK(wv_workspace_panel(workspace_, 1, &video));
  const glm::vec3 at(video.position_m[0], video.position_m[1], video.position_m[2]);
  for (const bool select : {false, true, true, false}) frame(aim(at, select));  // the console acts on it
  click("tab:playback");
  auto shown = [&] {
    wv_source_status s{};
    EXPECT_WV_OK(wv_source_status_get(clip_, &s));
    return s.last_frame_index;
  };
  // The decoder runs on the library's thread: give it time on a loaded machine.
  auto play_until = [&](int64_t index) {
    for (int i = 0; i < 600 && shown() < index; ++i) {
      frame(wv_vk_input{});
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  };
  play_until(3);
  click("loop-a");
  const int64_t a = loop_end_from(log_.text, "A");
  ASSERT_GE(a, 0) << log_.text;
  play_until(a + 4);
  click("loop-b");
  const int64_t b = loop_end_from(log_.text, "B");
  ASSERT_GT(b, a) << log_.text;
  // Two seconds of display time (the clip plays at 10 fps): only frames A to B, and back to A
  // (right after a jump the sought frame may not be decoded yet: none is acquired, -1).
  int64_t last = shown();
  bool wrapped = false;
  for (int i = 0; i < 60; ++i) {
    frame(wv_vk_input{});
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const int64_t now = shown();
    if (now < 0) continue;
    EXPECT_GE(now, a) << "frame " << i;
    EXPECT_LE(now, b) << "frame " << i;
    wrapped = wrapped || now < last;
    last = now;
  }
  EXPECT_TRUE(wrapped) << "the panel never went back to A";
}

TEST_F(ConsoleHost, IsDrawnIntoTheHostsImage) {
  show_rollout_frame(0);
  for (int i = 0; i < 3; ++i) frame(wv_vk_input{});
  const auto with = host_.read_back();
  // For people: what the host's image shows.
  EXPECT_TRUE(wv::media::write_png(std::string(WV_TEST_OUTPUT_DIR) + "/capi_vulkan_console/console.png", *with));
  EXPECT_WV_OK(wv_vk_console_destroy(console_));
  console_ = nullptr;
  EXPECT_WV_OK(wv_vk_render(renderer_, workspace_, t_s_, &view_, 1));
  const auto without = host_.read_back();
  // The view is centered on the console: its middle changes when the console goes.
  double diff = 0.0;
  int n = 0;
  for (uint32_t y = kSide / 3; y < 2 * kSide / 3; ++y) {
    for (uint32_t x = kSide / 3; x < 2 * kSide / 3; ++x) {
      for (int c = 0; c < 3; ++c) {
        const size_t i = (size_t(y) * kSide + x) * 4 + size_t(c);
        diff += std::abs(int(with->pixels[i]) - int(without->pixels[i]));
        ++n;
      }
    }
  }
  EXPECT_GT(diff / n, 10.0) << "the console does not show in the host's image";
}

TEST_F(ConsoleHost, RefusesMisuse) {
  EXPECT_EQ(wv_vk_renderer_destroy(renderer_), WV_ERROR_WRONG_ORDER);  // its console first
  wv_vk_console second = nullptr;
  wv_vk_console_params cp = wv_vk_console_default_params();
  EXPECT_EQ(wv_vk_console_create(renderer_, workspace_, &cp, &second), WV_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(second, nullptr);
  cp.orientation_xyzw[3] = 3.0f;
  wv_workspace other = nullptr;
  EXPECT_WV_OK(wv_workspace_create(engine_, &other));
  EXPECT_EQ(wv_vk_console_create(renderer_, other, &cp, &second), WV_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(wv_last_error()).find("unit quaternion"), std::string::npos) << wv_last_error();
  EXPECT_WV_OK(wv_workspace_destroy(other));

  wv_vk_input in{};
  in.hands[0].active = 1;  // an all-zero rotation
  EXPECT_EQ(wv_vk_console_input(console_, &in, 0.0, nullptr), WV_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(wv_last_error()).find("hands[0]"), std::string::npos) << wv_last_error();
  EXPECT_EQ(wv_vk_console_input(console_, nullptr, 0.0, nullptr), WV_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(wv_vk_console_input(nullptr, &in, 0.0, nullptr), WV_ERROR_INVALID_HANDLE);
  float at[3];
  EXPECT_EQ(wv_vk_console_control(console_, "no-such-control", at), WV_ERROR_NOT_FOUND);
  EXPECT_EQ(wv_vk_console_create(nullptr, workspace_, &cp, &second), WV_ERROR_INVALID_HANDLE);

  EXPECT_WV_OK(wv_vk_console_destroy(console_));
  EXPECT_EQ(wv_vk_console_destroy(console_), WV_ERROR_INVALID_HANDLE);
  console_ = nullptr;
}

}  // namespace
