// End to end: `worldview desktop` in a real window under Xvfb (xvfb-run starts a private X
// server per run): it renders prompt panels with Vulkan validation on and no messages, the
// presented image shows the panels, a scripted Shift-drag moves a panel and the wheel pushes it,
// resizing and minimizing keep it running, and without a display it says why.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "headless_test_util.h"
#include "media/png.h"

namespace {

namespace fs = std::filesystem;
using wv::test::output_dir;
using wv::test::ProgramRun;
using wv::test::run_command;

const std::string kFixture = std::string(WV_TORCHSCRIPT_FIXTURES) + "/drifting_color_field.pt";
constexpr double kFovY = 60.0 * 3.14159265358979 / 180.0;

ProgramRun run_desktop(const std::string& args) {
  return run_command("xvfb-run -a -s '-screen 0 1280x1024x24' " + std::string(WV_WORLDVIEW_EXE) + " desktop " + args);
}

fs::path write_file(const std::string& name, const std::string& text) {
  const fs::path path = output_dir() / name;
  std::ofstream(path) << text;
  return path;
}

// The panels' positions as the run printed them at its end.
std::vector<glm::vec3> panel_positions(const std::string& output) {
  std::vector<glm::vec3> out;
  const std::regex line(R"(desktop: panel \d+ .* at \(([-0-9.]+), ([-0-9.]+), ([-0-9.]+)\) m)");
  for (std::sregex_iterator it(output.begin(), output.end(), line), end; it != end; ++it)
    out.push_back({std::stof((*it)[1]), std::stof((*it)[2]), std::stof((*it)[3])});
  return out;
}

// Where a world point shows in a width x height window of the unturned head at (0, 1.5, 0).
glm::ivec2 project(glm::vec3 p, int width, int height) {
  const double t = std::tan(kFovY / 2), aspect = double(width) / height;
  const double x = (p.x / -p.z) / (t * aspect), y = ((p.y - 1.5) / -p.z) / t;
  return {int(std::lround((0.5 + 0.5 * x) * width)), int(std::lround((0.5 - 0.5 * y) * height))};
}

double pixel_difference(const wv::Frame& a, const wv::Frame& b, glm::ivec2 at) {
  double sum = 0;
  for (int c = 0; c < 3; ++c) sum += std::abs(int(a.row(at.y)[4 * at.x + c]) - int(b.row(at.y)[4 * at.x + c]));
  return sum / 3;
}

TEST(DesktopRun, TwoPromptPanelsRenderWithNoValidationMessagesAndShowInTheWindow) {
  const fs::path shot = output_dir() / "desktop-two-panels.png", empty = output_dir() / "desktop-empty.png";
  const std::string window = " --width 640 --height 360 --seconds 2 --snapshot-at 1.5 --validate";
  const ProgramRun r = run_desktop("--model-file " + kFixture + " --prompt \"a calm sea\" --prompt \"a red storm\"" +
                                   window + " --snapshot " + shot.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("wrote " + shot.string()), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("vulkan:"), std::string::npos) << r.output;
  const std::vector<glm::vec3> panels = panel_positions(r.output);
  ASSERT_EQ(panels.size(), 2u) << r.output;

  // The same window with no panels: the room alone.
  const ProgramRun room = run_desktop(window + " --snapshot " + empty.string());
  ASSERT_EQ(room.exit_code, 0) << room.output;
  auto with = wv::media::read_png(shot.string()), without = wv::media::read_png(empty.string());
  ASSERT_TRUE(with && without);
  ASSERT_EQ(with->width, 640);
  ASSERT_EQ(with->height, 360);
  for (const glm::vec3& p : panels) {
    const glm::ivec2 at = project(p, 640, 360);
    ASSERT_TRUE(at.x >= 0 && at.x < 640 && at.y >= 0 && at.y < 360) << at.x << "," << at.y;
    EXPECT_GT(pixel_difference(*with, *without, at), 10.0) << "no panel at pixel " << at.x << "," << at.y;
  }
  // Above the panels is sky in both.
  EXPECT_LT(pixel_difference(*with, *without, {320, 10}), 2.0);
}

TEST(DesktopRun, AShiftDragMovesAPanelAndTheWheelPushesIt) {
  // One panel straight ahead at 2.2 m (the arc layout's radius). Grab its center, drag the cursor
  // to 3/4 of the window's width, push it two wheel notches away, let go.
  const fs::path script = write_file("desktop-grab.txt",
                                     "0.3 move 320 180\n0.4 key shift down\n0.5 press left\n0.6 key shift up\n"
                                     "0.8 move 480 180\n1.0 wheel 2\n1.6 release left\n1.7 close\n");
  const ProgramRun r = run_desktop("--model-file " + kFixture + " --prompt \"a calm sea\" --width 640 --height 360 "
                                   "--seconds 10 --validate --input-script " + script.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::vector<glm::vec3> panels = panel_positions(r.output);
  ASSERT_EQ(panels.size(), 1u) << r.output;
  const glm::vec3 p = panels[0] - glm::vec3(0.0f, 1.5f, 0.0f);  // from the eye
  // Pushed from 2.2 m by 2 notches x 0.15 s x 2 m/s.
  EXPECT_NEAR(glm::length(p), 2.8f, 0.02f) << r.output;
  // Along the ray through x = 480 of 640: 0.5 of the half-width of a 16:9 60° view.
  const double angle = std::atan(0.5 * std::tan(kFovY / 2) * 16.0 / 9.0);
  EXPECT_NEAR(std::atan2(p.x, -p.z), angle, 0.01) << r.output;
  EXPECT_NEAR(p.y, 0.0f, 0.01f) << r.output;
  EXPECT_EQ(r.output.find("selected panel"), std::string::npos) << "a grab is not a select\n" << r.output;
}

TEST(DesktopRun, ResizingAndMinimizingKeepItRunningCleanly) {
  const fs::path script = write_file("desktop-resize.txt",
                                     "0.3 resize 800 500\n0.6 minimize\n0.9 restore\n1.2 resize 320 200\n");
  const ProgramRun r = run_desktop("--model-file " + kFixture + " --prompt \"a calm sea\" --width 640 --height 360 "
                                   "--seconds 2 --validate --input-script " + script.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.output, m, std::regex(R"((\d+) swapchain recreation)"))) << r.output;
  EXPECT_GE(std::stoi(m[1]), 2) << "each resize recreates the swapchain\n" << r.output;
}

TEST(DesktopRun, WithoutADisplayItSaysWhyAndExitsWithTheDocumentedCode) {
  const ProgramRun r = run_command("env -u DISPLAY -u WAYLAND_DISPLAY " + std::string(WV_WORLDVIEW_EXE) +
                                   " desktop --seconds 1");
  EXPECT_EQ(r.exit_code, 5) << r.output;
  EXPECT_NE(r.output.find("desktop mode cannot start: no display: neither DISPLAY nor WAYLAND_DISPLAY is set"),
            std::string::npos)
      << r.output;
}

TEST(DesktopRun, ABadInputScriptIsRefusedNamingTheLine) {
  const fs::path script = write_file("desktop-bad.txt", "0.5 move 1 1\n0.7 jump\n");
  const ProgramRun r = run_desktop("--seconds 1 --input-script " + script.string());
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find(script.string() + ":2: unknown action \"jump\""), std::string::npos) << r.output;
}

}  // namespace
