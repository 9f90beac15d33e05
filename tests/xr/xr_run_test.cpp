// End to end: `worldview xr` against the simulated runtime (tests/xr_sim) through the real
// OpenXR loader with the core validation layer, Vulkan validation on (--validate). Each test
// runs the program once, then reads what the runtime recorded: the submitted layers
// (WV_XR_SIM_FRAMES) and the last frame's view images (WV_XR_SIM_CAPTURE).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <openxr/openxr.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "media/video_reader.h"
#include "tests/program_run.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using wv::test::ProgramRun;

struct Image {
  int width = 0, height = 0;
  std::vector<uint8_t> rgb;
  const uint8_t* at(int x, int y) const { return &rgb[(size_t(y) * width + x) * 3]; }
};

// Two panels on a flat wall 2 m ahead at the simulated head's height (1.6 m): one straight
// ahead, one 1.2 m to the right; 1 m wide, square. Grey rooms: brighter than sky and floor.
// Tests that read the panels' lower rows run with --no-ui: the console (app/ui_layer.h) stands
// in front of them there.
constexpr const char* kWorkspace = R"({
  "format": "worldview-workspace", "version": 1,
  "layout": {"kind": "arc", "radius_m": 2.2, "eye_height_m": 1.6, "gap_m": 0.15},
  "panels": [
    {"source": {"kind": "toyworld", "scene": "two white balls in a grey room, no gravity", "seed": 1,
                "size": [64, 64], "fps": 30},
     "width_m": 1.0, "pose": {"position": [0.0, 1.6, -2.0], "yaw_deg": 0}},
    {"source": {"kind": "toyworld", "scene": "a white ball in a grey room, no gravity", "seed": 2,
                "size": [64, 64], "fps": 30},
     "width_m": 1.0, "pose": {"position": [1.2, 1.6, -2.0], "yaw_deg": 0}}
  ]
})";

class XrRun : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(WV_TEST_OUTPUT_DIR) / "xr_run" / info->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "capture");
    workspace_ = dir_ / "panels.wv.json";
    std::ofstream(workspace_) << kWorkspace;
    script("");
  }

  void script(const std::string& text) { std::ofstream(dir_ / "script.txt") << text; }
  void workspace(const std::string& text) { std::ofstream(workspace_) << text; }

  // The program with the simulated runtime (or `runtime_json`) and both validation layers;
  // `wrapper` runs the program (e.g. "env -u DISPLAY", "xvfb-run -a").
  ProgramRun run(const std::string& args, const std::string& runtime_json = WV_XR_SIM_MANIFEST,
                 const std::string& wrapper = "") {
    const std::string env = "XR_RUNTIME_JSON=" + runtime_json +
                            " XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation"
                            " XR_CORE_VALIDATION_EXPORT_TYPE=text"
                            " XR_CORE_VALIDATION_FILE_NAME=" + (dir_ / "xr-validation.txt").string() +
                            " WV_XR_SIM_FRAMES=" + (dir_ / "frames.jsonl").string() +
                            " WV_XR_SIM_SCRIPT=" + (dir_ / "script.txt").string() +
                            " WV_XR_SIM_CAPTURE=" + (dir_ / "capture").string();
    return wv::test::run_command("env " + env + " " + wrapper + " " + WV_WORLDVIEW_EXE + " " + args);
  }

  std::string xr_validation_log() const {
    std::ifstream file(dir_ / "xr-validation.txt");
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
  }

  std::vector<json> frames() const {
    std::ifstream record(dir_ / "frames.jsonl");
    std::vector<json> out;
    for (std::string line; std::getline(record, line);) out.push_back(json::parse(line));
    return out;
  }

  Image capture(int view) const {
    Image image;
    std::ifstream file(dir_ / "capture" / ("view" + std::to_string(view) + ".ppm"), std::ios::binary);
    std::string magic;
    int max = 0;
    file >> magic >> image.width >> image.height >> max;
    file.get();
    image.rgb.resize(size_t(image.width) * image.height * 3);
    file.read(reinterpret_cast<char*>(image.rgb.data()), std::streamsize(image.rgb.size()));
    EXPECT_EQ(magic, "P6");
    return image;
  }

  void expect_clean(const ProgramRun& r) {
    EXPECT_EQ(r.output.find("vulkan:"), std::string::npos) << r.output;
    EXPECT_EQ(xr_validation_log(), "") << "OpenXR core validation messages";
  }

  fs::path dir_;
  fs::path workspace_;
};

// Centers of the runs of panel pixels (the grey rooms and white balls) along a line of `length`
// pixels, `at(i)` giving the i-th.
template <typename PixelAt>
std::vector<double> panel_centers(int length, PixelAt at) {
  std::vector<double> centers;
  int start = -1;
  for (int i = 0; i <= length; ++i) {
    const bool panel = i < length && at(i)[0] >= 95;
    if (panel && start < 0) start = i;
    if (!panel && start >= 0) {
      if (i - start > 8) centers.push_back((start + i - 1) / 2.0);
      start = -1;
    }
  }
  return centers;
}

std::vector<double> panel_centers_in_row(const Image& image, int y) {
  return panel_centers(image.width, [&](int x) { return image.at(x, y); });
}

std::vector<double> panel_centers_in_column(const Image& image, int x) {
  return panel_centers(image.height, [&](int y) { return image.at(x, y); });
}

// Where a point on the wall 2 m ahead lands in a 512-pixel-wide view with the simulated 90°
// field of view, seen from an eye at eye_x.
double expected_column(double panel_x, double eye_x) { return 256.0 + 256.0 * (panel_x - eye_x) / 2.0; }

// The pointer ray's light blue (app/pointer_rays.h), blended over anything in these scenes:
// sky, floor, grey rooms and white balls all have red close to blue.
bool ray_colored(const uint8_t* rgb) { return rgb[2] > rgb[0] + 100 && rgb[1] > rgb[0] + 60; }

int ray_pixels(const Image& image) {
  int count = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) count += ray_colored(image.at(x, y));
  return count;
}

bool ray_pixel_near(const Image& image, double x, double y, int radius) {
  for (int dy = -radius; dy <= radius; ++dy)
    for (int dx = -radius; dx <= radius; ++dx) {
      const int px = int(std::lround(x)) + dx, py = int(std::lround(y)) + dy;
      if (px >= 0 && py >= 0 && px < image.width && py < image.height && ray_colored(image.at(px, py))) return true;
    }
  return false;
}

// The fixture workspace's two panels where it put them, as seen by eye `view` (0: left), with
// sky above and floor below (the panels span rows 192..320 at eye height).
void expect_the_two_panels_in_place(const Image& image, int view) {
  const double eye_x = view == 0 ? -0.032 : 0.032;
  const std::vector<double> centers = panel_centers_in_row(image, 256);
  ASSERT_EQ(centers.size(), 2u) << "view " << view;
  EXPECT_NEAR(centers[0], expected_column(0.0, eye_x), 2.0) << "view " << view;
  EXPECT_NEAR(centers[1], expected_column(1.2, eye_x), 2.0) << "view " << view;
  EXPECT_LT(image.at(256, 150)[0], 95);
  EXPECT_GE(image.at(256, 200)[0], 95);
  EXPECT_GE(image.at(256, 312)[0], 95);
  EXPECT_LT(image.at(256, 360)[0], 95);
}

TEST_F(XrRun, RunsFramesCleanlyAndShowsPanelsWhereTheWorkspacePutThemInBothEyes) {
  const ProgramRun r = run("xr --workspace " + workspace_.string() + " --no-ui --frames 30 --validate --no-fallback");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  expect_clean(r);
  EXPECT_NE(r.output.find("30 frames"), std::string::npos) << r.output;

  const std::vector<json> recorded = frames();
  ASSERT_EQ(recorded.size(), 30u);
  // The session steps READY -> SYNCHRONIZED -> VISIBLE -> FOCUSED on the first frames; from
  // then on every frame carries one projection layer with both eyes, in STAGE space.
  EXPECT_TRUE(recorded.front()["layers"].empty());
  for (size_t i = 3; i < recorded.size(); ++i) {
    ASSERT_EQ(recorded[i]["layers"].size(), 1u) << "frame " << i;
    const json& layer = recorded[i]["layers"][0];
    EXPECT_EQ(layer["type"], "projection");
    EXPECT_EQ(layer["space"], "STAGE");
    ASSERT_EQ(layer["views"].size(), 2u);
    EXPECT_NE(layer["views"][0]["swapchain"], layer["views"][1]["swapchain"]);  // one per view
    EXPECT_EQ(layer["views"][0]["rect"], json({0, 0, 512, 512}));
  }

  for (int view = 0; view < 2; ++view) {
    const Image image = capture(view);
    ASSERT_EQ(image.width, 512);
    expect_the_two_panels_in_place(image, view);
    EXPECT_EQ(ray_pixels(image), 0) << "no controller, no ray; view " << view;
  }
}

// The right controller, 0.2 m below the eyes and 0.5 m ahead, points straight ahead at the
// right-hand panel: both eyes see its ray from the edge of the view to where it meets the panel.
TEST_F(XrRun, APointingControllerShowsItsRayUpToThePanelInBothEyes) {
  script("hand right 0  1.2 1.4 -0.5  0 0 0 1\n");
  const ProgramRun r = run("xr --workspace " + workspace_.string() + " --frames 12 --validate --no-fallback");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  expect_clean(r);
  for (int view = 0; view < 2; ++view) {
    const Image image = capture(view);
    const double eye_x = view == 0 ? -0.032 : 0.032;
    // (1.2, 1.4, z) seen from (eye_x, 1.6, 0) with the 90° field of view.
    for (double z : {-1.3, -1.5, -1.7, -1.95}) {
      const double column = 256.0 + 256.0 * (1.2 - eye_x) / -z;
      const double row = 256.0 + 256.0 * 0.2 / -z;
      EXPECT_TRUE(ray_pixel_near(image, column, row, 2)) << "z " << z << ", view " << view;
    }
    // Off the ray: the panel's middle, and the sky above the ray's start.
    EXPECT_FALSE(ray_pixel_near(image, expected_column(1.2, eye_x), 256.0, 4)) << "view " << view;
    EXPECT_FALSE(ray_pixel_near(image, 480.0, 250.0, 4)) << "view " << view;
  }
}

TEST_F(XrRun, ALostSessionIsReplacedAndShowsTheSamePanels) {
  script("loss 0.1\n");  // about the 10th frame
  const ProgramRun r = run("xr --workspace " + workspace_.string() + " --frames 30 --validate --no-fallback");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  expect_clean(r);
  EXPECT_NE(r.output.find("2 session(s)"), std::string::npos) << r.output;

  const std::vector<json> recorded = frames();
  ASSERT_GE(recorded.size(), 30u);
  // The new session's swapchains are new ones (serials 3 and 4) and carry the panels.
  const json& last = recorded.back()["layers"];
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0]["views"][0]["swapchain"], 3);
  EXPECT_EQ(last[0]["views"][1]["swapchain"], 4);
  for (int view = 0; view < 2; ++view) {
    const std::vector<double> centers = panel_centers_in_row(capture(view), 256);
    ASSERT_EQ(centers.size(), 2u) << "view " << view;
    EXPECT_NEAR(centers[1], expected_column(1.2, view == 0 ? -0.032 : 0.032), 2.0);
  }
}

// The right controller points at the right-hand panel, pulls the trigger (a haptic tick), then
// grips and lifts the panel by half a meter.
TEST_F(XrRun, ControllerSelectsAPanelAndAGripDragMovesIt) {
  script("hand right 0     1.2 1.6 0  0 0 0 1\n"
         "hand right 0.25  1.2 1.6 0  0 0 0 1\n"
         "hand right 0.35  1.2 2.1 0  0 0 0 1\n"
         "input right trigger 0.1 1\n"
         "input right trigger 0.15 0\n"
         "input right squeeze 0.2 1\n"
         "input right squeeze 0.4 0\n");
  const ProgramRun r = run("xr --workspace " + workspace_.string() + " --no-ui --frames 50 --validate --no-fallback");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  expect_clean(r);
  EXPECT_NE(r.output.find("selected panel 1"), std::string::npos) << r.output;
  int ticks = 0;
  for (const json& f : frames())
    for (const json& h : f["haptics"]) ticks += h == "right";
  EXPECT_EQ(ticks, 1);
  for (int view = 0; view < 2; ++view) {
    const Image image = capture(view);
    const double eye_x = view == 0 ? -0.032 : 0.032;
    // Panel 1 now centered 0.5 m higher: 64 rows up at 2 m with the 90° field of view. Seen
    // down a column left of its middle, where the pointer ray (which ends there) is not.
    const std::vector<double> moved = panel_centers_in_column(image, int(expected_column(1.2, eye_x)) - 20);
    ASSERT_EQ(moved.size(), 1u) << "view " << view;
    EXPECT_NEAR(moved[0], 256.0 - 64.0, 2.0) << "view " << view;
    const std::vector<double> still = panel_centers_in_column(image, int(expected_column(0.0, eye_x)));
    ASSERT_EQ(still.size(), 1u) << "view " << view;
    EXPECT_NEAR(still[0], 256.0, 2.0) << "view " << view;
  }
}

// The console (app/ui_layer.h) stands 1 m ahead and 0.42 m below the eyes, in front of the lower
// part of panel 0: a controller 0.7 m before it, pointing straight ahead at it, pulls the
// trigger. The console takes the ray, so the panel behind is not selected (it is without the
// console); both eyes see the console's title bar (ImGui's blue) where panel 0's grey room was.
TEST_F(XrRun, TheConsoleTakesARayThatMeetsItBeforeThePanelBehind) {
  script("hand right 0     0 1.18 -0.3  0 0 0 1\n"
         "input right trigger 0.1 1\n"
         "input right trigger 0.15 0\n");
  const ProgramRun with = run("xr --workspace " + workspace_.string() + " --frames 40 --validate --no-fallback");
  ASSERT_EQ(with.exit_code, 0) << with.output;
  expect_clean(with);
  EXPECT_EQ(with.output.find("selected panel 0"), std::string::npos) << with.output;
  for (int view = 0; view < 2; ++view) {
    // The title bar's middle, 1.097 m ahead and 0.189 m below the eyes.
    const double eye_x = view == 0 ? -0.032 : 0.032;
    const Image image = capture(view);
    const uint8_t* title = image.at(int(std::lround(256.0 - 256.0 * eye_x / 1.097)), 300);
    EXPECT_LT(title[0], 95) << "view " << view;
    EXPECT_GT(title[2], title[0] + 40) << "view " << view;
  }
  const ProgramRun without = run("xr --workspace " + workspace_.string() + " --no-ui --frames 40 --validate --no-fallback");
  ASSERT_EQ(without.exit_code, 0) << without.output;
  EXPECT_NE(without.output.find("selected panel 0"), std::string::npos) << without.output;
  EXPECT_GE(capture(0).at(264, 300)[0], 95) << "panel 0's grey room";
}

// The `xr: <panel> at S s, speed X, showing frame N` line the run ends with.
struct PanelPlayback {
  double position_s = -1.0, speed = -1.0;
  long long frame = -2;
};
PanelPlayback playback(const std::string& output, const std::string& panel) {
  PanelPlayback p;
  const size_t at = output.find("xr: " + panel + " (");
  if (at == std::string::npos) return p;
  const size_t numbers = output.find(") at ", at);
  std::sscanf(output.c_str() + numbers, ") at %lf s, speed %lfx, showing frame %lld", &p.position_s, &p.speed,
              &p.frame);
  return p;
}

// Through the real thumbstick action: the right controller points at the left panel and pushes
// the stick fully up for 0.5 s (speed 1 -> 1.5), then at the right panel and fully right for
// 0.25 s (a 1 s jump ahead). The stick does nothing while the ray hovers no panel.
TEST_F(XrRun, TheThumbstickOnAHoveredPanelChangesItsSpeedAndScrubsIt) {
  script("hand right 0     0.0 1.6 -0.5  0 0 0 1\n"
         "hand right 0.6   0.0 1.6 -0.5  0 0 0 1\n"
         "hand right 0.62  1.2 1.6 -0.5  0 0 0 1\n"
         "input right thumbstick 0.05 0 1\n"
         "input right thumbstick 0.55 0 0\n"
         "input right thumbstick 0.7 1 0\n"
         "input right thumbstick 0.95 0 0\n");
  const ProgramRun r = run("xr --workspace " + workspace_.string() + " --frames 100 --validate --no-fallback");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  expect_clean(r);
  const double end_s = 99.0 / 90.0;  // display time of the last frame
  const PanelPlayback left = playback(r.output, "panel 0");
  const PanelPlayback right = playback(r.output, "panel 1");
  EXPECT_NEAR(left.speed, 1.5, 0.03) << r.output;
  EXPECT_NEAR(right.speed, 1.0, 1e-9) << r.output;
  // The left panel ran at 1x, then sped up linearly to 1.5x over 0.5 s: ~0.1 s ahead of 1x by
  // 0.55 s, gaining 0.5 s per s from there.
  EXPECT_NEAR(left.position_s, end_s + 0.125 + 0.5 * (end_s - 0.55), 0.05) << r.output;
  EXPECT_NEAR(right.position_s, end_s + 1.0, 0.05) << r.output;
  // What the right panel shows is from past the jump (30 fps), not where 1x would be.
  EXPECT_GT(right.frame, (long long)(end_s * 30.0) + 5) << r.output;
}

// Menu (on the left controller: Touch keeps the right one's for the system) recenters: the user
// stands 0.4 m to the right and turned 30° left; after the press the panels are straight ahead
// of them again, where the first test sees them from the origin.
TEST_F(XrRun, MenuRecentersThePanelsOnWhereTheUserStandsAndLooks) {
  script("pose 0  0.4 1.6 0.3  0 0.2588190 0 0.9659258\n"
         "hand left 0  0.2 1.3 0.0  0 0 0 1\n"
         "input left menu 0.15 1\n"
         "input left menu 0.2 0\n");
  const ProgramRun r = run("xr --workspace " + workspace_.string() + " --frames 30 --validate --no-fallback");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  expect_clean(r);
  for (int view = 0; view < 2; ++view) {
    const Image image = capture(view);
    const double eye_x = view == 0 ? -0.032 : 0.032;
    const std::vector<double> centers = panel_centers_in_row(image, 256);
    ASSERT_EQ(centers.size(), 2u) << "view " << view;
    EXPECT_NEAR(centers[0], expected_column(0.0, eye_x), 2.0) << "view " << view;
    EXPECT_NEAR(centers[1], expected_column(1.2, eye_x), 2.0) << "view " << view;
  }
  // Before the press (frame 10: 0.1 s) the projection layer's views were somewhere else.
  const std::vector<json> recorded = frames();
  ASSERT_EQ(recorded.size(), 30u);
  EXPECT_NE(recorded[10]["layers"][0]["views"][0]["pose"], recorded.back()["layers"][0]["views"][0]["pose"]);
}

// The runtime goes away: XrEventDataInstanceLossPending, then XR_ERROR_INSTANCE_LOST from every
// call, either at once (the next call fails before the event is polled) or after a grace
// period (the event is seen first). Either way: exit code 6 and a message saying what to do.
class XrRunInstanceLoss : public XrRun, public ::testing::WithParamInterface<const char*> {};

TEST_P(XrRunInstanceLoss, EndsTheRunWithCode6AndSaysWhy) {
  script(std::string("instance_loss 0.1 ") + GetParam() + "\n");
  const ProgramRun r = run("xr --workspace " + workspace_.string() + " --frames 60 --validate --no-fallback");
  EXPECT_EQ(r.exit_code, 6) << r.output;
  expect_clean(r);
  EXPECT_NE(r.output.find("the OpenXR runtime went away (instance lost): restart the runtime, then worldview"),
            std::string::npos) << r.output;
  const size_t count = frames().size();
  EXPECT_GE(count, 9u);
  EXPECT_LE(count, 12u);
}

INSTANTIATE_TEST_SUITE_P(Grace, XrRunInstanceLoss, ::testing::Values("0", "1"));

TEST_F(XrRun, AnExitRequestedByTheRuntimeEndsTheRunCleanly) {
  script("exit 0.1\n");
  const ProgramRun r = run("xr --workspace " + workspace_.string() + " --validate --no-fallback");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  expect_clean(r);
  const size_t count = frames().size();
  EXPECT_GE(count, 9u);
  EXPECT_LE(count, 12u);
}

TEST_F(XrRun, WithoutARuntimeItSaysWhyAndExitsWithTheDocumentedCode) {
  const ProgramRun r = run("xr --workspace " + workspace_.string() + " --no-fallback",
                           "/nonexistent/worldview-runtime.json");
  EXPECT_EQ(r.exit_code, 5) << r.output;
  EXPECT_NE(r.output.find("XR_ERROR_RUNTIME_UNAVAILABLE"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("no OpenXR runtime is active: install and start one, e.g. Monado or SteamVR"),
            std::string::npos) << r.output;
}

TEST_F(XrRun, WithoutAHeadsetOrADisplayItFallsBackToHeadless) {
  script("headset absent\n");
  const fs::path video = dir_ / "fallback.mp4";
  const ProgramRun r = run("xr --workspace " + workspace_.string() + " --seconds 0.3 --fallback-out " + video.string(),
                           WV_XR_SIM_MANIFEST, "env -u DISPLAY -u WAYLAND_DISPLAY");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("XR_ERROR_FORM_FACTOR_UNAVAILABLE"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("falling back to desktop mode"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("desktop mode cannot start: no display"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("falling back to headless mode"), std::string::npos) << r.output;
  EXPECT_TRUE(fs::exists(video)) << r.output;
}

TEST_F(XrRun, WithoutAHeadsetButWithADisplayItFallsBackToDesktop) {
  script("headset absent\n");
  const fs::path video = dir_ / "no-fallback-video.mp4";
  const ProgramRun r = run("xr --workspace " + workspace_.string() + " --seconds 0.5 --validate --fallback-out " +
                               video.string(),
                           WV_XR_SIM_MANIFEST, "xvfb-run -a");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("falling back to desktop mode"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("desktop: "), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("falling back to headless mode"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(video)) << r.output;
}

// Frames of a video file and the size of the first (0 frames: it does not open).
std::pair<size_t, int> video_frames(const fs::path& path) {
  auto reader = wv::media::VideoReader::open(path.string());
  if (!reader) return {0, 0};
  size_t count = 0;
  int width = 0;
  for (auto frame = (*reader)->read_frame(); frame && *frame; frame = (*reader)->read_frame(), ++count)
    if (count == 0) width = (**frame).width;
  return {count, width};
}

// The left eye and a panel recorded to MP4 (live, through the swapchain's TRANSFER_SRC usage),
// with no validation message from either layer.
TEST_F(XrRun, RecordsTheLeftEyeAndAPanel) {
  const fs::path view = dir_ / "left-eye.mp4", panel = dir_ / "panel0.mp4";
  const ProgramRun r = run("xr --workspace " + workspace_.string() + " --no-ui --frames 60 --validate --no-fallback" +
                           " --record-view " + view.string() + " --record-panel 0:" + panel.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  expect_clean(r);
  const auto [view_count, view_width] = video_frames(view);
  EXPECT_GE(view_count, 5u) << r.output;
  EXPECT_EQ(view_width, 512);
  const auto [panel_count, panel_width] = video_frames(panel);
  EXPECT_GE(panel_count, 5u) << r.output;
  EXPECT_EQ(panel_width, 64);
}

// kWorkspace with both panels shown as quad layers.
std::string quad_workspace() {
  std::string text = kWorkspace;
  for (size_t at = 0; (at = text.find("\"width_m\": 1.0,", at)) != std::string::npos; at += 20)
    text.insert(at, "\"layer\": \"quad\", ");
  return text;
}

TEST_F(XrRun, QuadPanelsAreSubmittedBeneathTheProjectionAndShowWhereTheWorkspacePutThemInBothEyes) {
  workspace(quad_workspace());
  const ProgramRun r = run("xr --workspace " + workspace_.string() + " --no-ui --frames 30 --validate --no-fallback");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  expect_clean(r);

  const std::vector<json> recorded = frames();
  ASSERT_EQ(recorded.size(), 30u);
  const uint32_t straight_alpha =
      XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT | XR_COMPOSITION_LAYER_UNPREMULTIPLIED_ALPHA_BIT;
  int image_changes = 0;
  for (size_t i = 5; i < recorded.size(); ++i) {
    const json& layers = recorded[i]["layers"];
    ASSERT_EQ(layers.size(), 3u) << "frame " << i;
    // Farthest first: the panel 1.2 m to the right, then the one straight ahead, then the room.
    for (int q = 0; q < 2; ++q) {
      const json& quad = layers[q];
      EXPECT_EQ(quad["type"], "quad");
      EXPECT_EQ(quad["space"], "STAGE");
      EXPECT_EQ(quad["eye"], "both");
      EXPECT_EQ(quad["flags"], straight_alpha);
      EXPECT_EQ(quad["rect"], json({0, 0, 64, 64}));  // the frame's size
      EXPECT_NEAR(quad["pose"]["position"][0].get<double>(), q == 0 ? 1.2 : 0.0, 1e-4);
      EXPECT_NEAR(quad["pose"]["position"][1].get<double>(), 1.6, 1e-4);
      EXPECT_NEAR(quad["pose"]["position"][2].get<double>(), -2.0, 1e-4);
      EXPECT_EQ(quad["size"], json({1.0, 1.0}));
      EXPECT_GE(quad["swapchain"].get<int>(), 3);  // not the views' swapchains (1 and 2)
    }
    EXPECT_NE(layers[0]["swapchain"], layers[1]["swapchain"]);
    EXPECT_EQ(layers[2]["type"], "projection");
    EXPECT_EQ(layers[2]["flags"], XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT);
    image_changes += layers[0]["image"] != recorded[i - 1]["layers"][0]["image"];
  }
  // 30 fps sources on a 90 Hz display: a copy (a new image) for about every third frame only.
  EXPECT_GE(image_changes, 4);
  EXPECT_LE(image_changes, 12);

  for (int view = 0; view < 2; ++view) {
    const Image image = capture(view);
    ASSERT_EQ(image.width, 512);
    expect_the_two_panels_in_place(image, view);
  }
}

// Of the pixels down column x over rows y0..y1, the fraction whose red exceeds blue (positive)
// or blue exceeds red (negative) by a clear margin.
double red_over_blue(const Image& image, int x, int y0, int y1) {
  int red = 0, blue = 0;
  for (int y = y0; y <= y1; ++y) {
    red += image.at(x, y)[0] > image.at(x, y)[2] + 20;
    blue += image.at(x, y)[2] > image.at(x, y)[0] + 20;
  }
  return double(red - blue) / double(y1 - y0 + 1);
}

// A brown (red over blue) panel 1.5 m ahead overlaps a wider dark blue one 2.5 m ahead and to the right: the near one
// must cover the far one whichever layer each is in.
class XrRunOrder : public XrRun, public ::testing::WithParamInterface<std::pair<const char*, const char*>> {};

TEST_P(XrRunOrder, APanelBehindAnotherStaysBehindIt) {
  const auto [near_layer, far_layer] = GetParam();
  workspace(std::string(R"({"format": "worldview-workspace", "version": 1, "panels": [
    {"source": {"kind": "toyworld", "scene": "a small white ball on the left in a brown room, no gravity",
                "size": [64, 64], "fps": 30},
     "width_m": 1.0, "layer": ")") + near_layer + R"(", "pose": {"position": [0.0, 1.6, -1.5]}},
    {"source": {"kind": "toyworld", "scene": "a small white ball on the left in a dark blue room, no gravity",
                "size": [64, 64], "fps": 30},
     "width_m": 1.5, "layer": ")" + far_layer + R"(", "pose": {"position": [0.5, 1.6, -2.5]}}]})");
  const ProgramRun r = run("xr --workspace " + workspace_.string() + " --frames 12 --validate --no-fallback");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  expect_clean(r);
  for (int view = 0; view < 2; ++view) {
    const Image image = capture(view);
    // Near panel: columns ~171..341; far panel: ~230..384 (rows 256 +- 75 hold both).
    EXPECT_GT(red_over_blue(image, 200, 200, 310), 0.8) << "near panel alone, view " << view;
    EXPECT_GT(red_over_blue(image, 300, 200, 310), 0.8) << "near panel over the far one, view " << view;
    EXPECT_LT(red_over_blue(image, 365, 200, 310), -0.8) << "far panel beside it, view " << view;
  }
}

INSTANTIATE_TEST_SUITE_P(Layers, XrRunOrder,
                         ::testing::Values(std::pair{"projection", "quad"}, std::pair{"quad", "quad"},
                                           std::pair{"quad", "projection"}));

TEST_F(XrRun, InfoListsTheActiveRuntimeAndItsHeadset) {
  const ProgramRun r = run("info");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("worldview simulated runtime"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("worldview simulated headset"), std::string::npos) << r.output;
}

}  // namespace
