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

// A point of the in-world console, from its pixels, as app/ui_layer.h places it for the unturned
// head at (0, 1.5, 0): centered 1 m ahead and 0.42 m below the eyes, 0.64 x 0.52 m for 640 x 520
// pixels, its face turned up toward the eyes.
glm::vec3 console_point(glm::vec2 px) {
  const glm::vec3 center{0.0f, 1.08f, -1.0f};
  const glm::vec3 front = glm::normalize(glm::vec3(0.0f, 1.5f, 0.0f) - center);
  const glm::vec3 right{1.0f, 0.0f, 0.0f}, up = glm::cross(front, right);
  return center + (px.x / 640.0f - 0.5f) * 0.64f * right + (0.5f - px.y / 520.0f) * 0.52f * up;
}

// Where the console's controls are, in its pixels, with ImGui's default style (13 px font, 19 px
// title bar and rows, 8 px window padding, 4 px between rows): the prompt field fills the row
// under the panel list, the two status lines and the tabs; Steer (120 px wide) starts the next.
constexpr glm::vec2 kPromptField{320.0f, 116.5f};
constexpr glm::vec2 kSteerButton{68.0f, 139.5f};
constexpr glm::vec2 kBranchButton{181.0f, 139.5f};  // 90 px wide, after Steer
// The tabs (text 7 px a character + 8 px padding, 4 px apart): Prompt, Playback, Workspace; the
// Workspace tab's Save button starts its first row.
constexpr glm::vec2 kWorkspaceTab{165.5f, 93.5f};
constexpr glm::vec2 kSaveButton{53.0f, 116.5f};

std::string move_to(double at_s, glm::vec3 p, int width, int height) {
  const glm::ivec2 px = project(p, width, height);
  return std::to_string(at_s) + " move " + std::to_string(px.x) + " " + std::to_string(px.y) + "\n";
}

// Empties the focused text field of up to `chars` characters from its end: Backspace pressed
// and released once per character (held keys repeat with the frame rate, which load changes).
std::string erase_field(double at_s, int chars) {
  std::string lines = std::to_string(at_s) + " key end down\n" + std::to_string(at_s + 0.05) + " key end up\n";
  for (int i = 0; i < chars; ++i) {
    const double t = at_s + 0.1 + 0.05 * i;
    lines += std::to_string(t) + " key backspace down\n" + std::to_string(t + 0.025) + " key backspace up\n";
  }
  return lines;
}

// Points at a console control at `at_s` and clicks it (press and release 0.1 s apart).
std::string click(double at_s, glm::vec2 control) {
  return move_to(at_s, console_point(control), 1280, 720) + std::to_string(at_s + 0.1) + " press left\n" +
         std::to_string(at_s + 0.2) + " release left\n";
}

// From 0.5 s: clicks the prompt field, empties it of "a calm sea" and types "a red storm".
std::string replace_prompt() { return click(0.5, kPromptField) + erase_field(0.8, 12) + "2.5 type a red storm\n"; }

double pixel_difference(const wv::Frame& a, const wv::Frame& b, glm::ivec2 at) {
  const bool inside = at.x >= 0 && at.y >= 0 && at.x < a.width && at.y < a.height && a.width == b.width &&
                      a.height == b.height;
  EXPECT_TRUE(inside) << at.x << "," << at.y << " is not in both " << a.width << "x" << a.height << " images";
  if (!inside) return 0.0;
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

TEST(DesktopRun, TheConsoleInTheSceneSteersARolloutFromItsPromptField) {
  // Click the prompt field, empty it, type a prompt, click Steer.
  const fs::path script = write_file(
      "desktop-steer.txt", replace_prompt() + click(2.7, kSteerButton) + "3.8 close\n");
  const ProgramRun r = run_desktop("--model-file " + kFixture + " --prompt \"a calm sea\" --width 1280 --height 720 "
                                   "--seconds 20 --validate --input-script " + script.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("console: steered panel 0 (\"a calm sea\") to \"a red storm\""), std::string::npos)
      << r.output;
  // The rollout's prompt track: the first prompt from frame 0, the steered one from a later frame.
  EXPECT_NE(r.output.find("prompt from frame 0: \"a calm sea\""), std::string::npos) << r.output;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.output, m, std::regex(R"(prompt from frame (\d+): "a red storm")"))) << r.output;
  EXPECT_GE(std::stoi(m[1]), 1) << r.output;
  // Typing into the field did not walk the head: the letters of "a red storm" include a, s, d, e.
  EXPECT_NE(r.output.find("desktop: panel 0 (\"a calm sea\") at (0.000, 1.500, -2.200) m"), std::string::npos)
      << r.output;
}

TEST(DesktopRun, TheConsoleBranchesARolloutIntoANewPanelBesideIt) {
  const fs::path script = write_file(
      "desktop-branch.txt", replace_prompt() + click(2.7, kBranchButton) + "3.8 close\n");
  const ProgramRun r = run_desktop("--model-file " + kFixture + " --prompt \"a calm sea\" --width 1280 --height 720 "
                                   "--seconds 20 --validate --input-script " + script.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("console: branched panel 0 (\"a calm sea\") into panel 1 (\"branch: a red storm\")"),
            std::string::npos)
      << r.output;
  // The parent keeps its prompt; the branch shares its start and continues with the new one.
  EXPECT_EQ(r.output.find("panel 0 (\"a calm sea\") prompt from frame 0: \"a calm sea\"\n"
                          "desktop: panel 0 (\"a calm sea\") prompt from frame"),
            std::string::npos)
      << "the parent's track has one prompt\n" << r.output;
  EXPECT_NE(r.output.find("panel 1 (\"branch: a red storm\") prompt from frame 0: \"a calm sea\""), std::string::npos)
      << r.output;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.output, m, std::regex(R"(panel 1 .* prompt from frame (\d+): "a red storm")")))
      << r.output;
  EXPECT_GE(std::stoi(m[1]), 1) << r.output;
  // Beside its parent: to the right, at the same height and distance.
  const std::vector<glm::vec3> panels = panel_positions(r.output);
  ASSERT_EQ(panels.size(), 2u) << r.output;
  EXPECT_GT(panels[1].x, panels[0].x + 0.5f) << r.output;
  EXPECT_NEAR(panels[1].y, panels[0].y, 1e-3f) << r.output;
  EXPECT_NEAR(panels[1].z, panels[0].z, 1e-3f) << r.output;
}

TEST(DesktopRun, TheConsoleSavesTheWorkspaceWithTheSteeredPromptTrack) {
  // A workspace file with no panels; the run adds a prompt panel, steers it and saves.
  const fs::path workspace = write_file("desktop-save.wv.json",
                                        R"({"format": "worldview-workspace", "version": 2, "panels": []})");
  const fs::path script = write_file(
      "desktop-save.txt", replace_prompt() + click(2.7, kSteerButton) + click(3.1, kWorkspaceTab) +
                              click(3.5, kSaveButton) + "4.2 close\n");
  const ProgramRun r = run_desktop("--workspace " + workspace.string() + " --model-file " + kFixture +
                                   " --prompt \"a calm sea\" --width 1280 --height 720 --seconds 20 --validate "
                                   "--input-script " + script.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("console: saved " + workspace.string()), std::string::npos) << r.output;
  std::ifstream file(workspace);
  const std::string saved((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  // The rollout's source: its first prompt, and the steer as a prompt change from a later frame.
  EXPECT_NE(saved.find("\"prompt\": \"a calm sea\""), std::string::npos) << saved;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(saved, m, std::regex(R"("frame": (\d+),\s*"prompt": "a red storm")"))) << saved;
  EXPECT_GE(std::stoi(m[1]), 1) << saved;
  EXPECT_NE(saved.find("\"pose\""), std::string::npos) << "where the panel stood\n" << saved;
}

TEST(DesktopRun, TheConsoleShowsInTheWindowWhereItStands) {
  const fs::path with = output_dir() / "desktop-console.png", without = output_dir() / "desktop-no-console.png";
  const std::string window = " --width 1280 --height 720 --seconds 2 --snapshot-at 1.5 --validate --snapshot ";
  const ProgramRun a = run_desktop(window + with.string());
  ASSERT_EQ(a.exit_code, 0) << a.output;
  const ProgramRun b = run_desktop("--no-ui" + window + without.string());
  ASSERT_EQ(b.exit_code, 0) << b.output;
  auto shot = wv::media::read_png(with.string()), room = wv::media::read_png(without.string());
  ASSERT_TRUE(shot && room);
  // Its title bar and its body differ from the room behind; above it the sky is the same.
  for (const glm::vec2 px : {glm::vec2(320.0f, 9.0f), glm::vec2(320.0f, 300.0f), glm::vec2(40.0f, 340.0f)}) {
    const glm::ivec2 at = project(console_point(px), 1280, 720);
    EXPECT_GT(pixel_difference(*shot, *room, at), 10.0) << "no console at " << at.x << "," << at.y;
  }
  EXPECT_LT(pixel_difference(*shot, *room, project(console_point({320.0f, -40.0f}), 1280, 720)), 2.0);
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

// Recording in a window (live: frames the encoder cannot take would be dropped and counted, not
// waited for): the view at the window's size, sampled at 30 fps over the run, and a panel's frames
// at the video's own size.
TEST(DesktopRun, RecordsTheViewAndAPanelToMp4) {
  const fs::path clip = wv::test::lavfi_clip("desktop-record-clip.mp4", "testsrc=size=160x96:rate=30", 3);
  const fs::path view = output_dir() / "desktop-record-view.mp4", panel = output_dir() / "desktop-record-panel.mp4";
  fs::remove(view);
  fs::remove(panel);
  const ProgramRun r = run_desktop("--open " + clip.string() + " --width 320 --height 240 --seconds 2 --record-view " +
                                   view.string() + " --record-panel 0:" + panel.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto view_frames = wv::test::decode_all(view);
  ASSERT_GE(view_frames.size(), 40u) << r.output;  // 2 s at 30 fps, less what the start took
  EXPECT_LE(view_frames.size(), 61u);
  EXPECT_EQ(view_frames[0]->width, 320);
  EXPECT_EQ(view_frames[0]->height, 240);
  const auto panel_frames = wv::test::decode_all(panel);
  ASSERT_GE(panel_frames.size(), 40u) << r.output;
  EXPECT_EQ(panel_frames[0]->width, 160);
  EXPECT_EQ(panel_frames[0]->height, 96);
  EXPECT_NE(r.output.find("recorded " + view.string() + ": "), std::string::npos) << r.output;
}
