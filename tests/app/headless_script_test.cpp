// End to end: `worldview headless --script FILE` works the in-world console and the panels as a
// person would (docs/scripting.md): the session steers, branches, drags and saves, and the saved
// workspace and the printed prompt tracks show it; a control the console does not show, and a
// bad line, stop the run naming the line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "headless_test_util.h"

namespace {

namespace fs = std::filesystem;
using wv::test::output_dir;
using wv::test::run_worldview;

const std::string kFixture = std::string(WV_TORCHSCRIPT_FIXTURES) + "/drifting_color_field.pt";

fs::path write_file(const std::string& name, const std::string& text) {
  const fs::path path = output_dir() / name;
  std::ofstream(path) << text;
  return path;
}

std::string read_file(const fs::path& path) {
  std::ifstream file(path);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

std::string session_run(const fs::path& script, const std::string& seconds = "5") {
  return "headless --model-file " + kFixture + " --prompt \"a calm sea\" --seconds " + seconds +
         " --fps 30 --width 320 --height 180 --msaa 1 --still --out " + (output_dir() / "session.mp4").string() +
         " --script " + script.string();
}

TEST(HeadlessScript, ASessionSteersBranchesDragsAndSavesThroughTheConsole) {
  const fs::path saved = output_dir() / "session.wv.json";
  fs::remove(saved);
  const fs::path script = write_file("session.txt",
                                     "0.5 select 0\n"
                                     "1.0 steer a red storm\n"
                                     "1.9 click branch-seed\n"
                                     "2.0 branch a blue sky\n"
                                     "3.0 drag 1 10 5\n"
                                     "3.5 save " + saved.string() + "\n");
  const auto r = run_worldview(session_run(script));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("selected panel 0 (\"a calm sea\")"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("console: steered panel 0 (\"a calm sea\") to \"a red storm\""), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("console: branched panel 0 (\"a calm sea\") into panel 1 (\"branch: a blue sky\") with seed 2"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("console: saved " + saved.string()), std::string::npos) << r.output;

  // The prompt tracks: panel 0 steered once; the branch shares that and continues with its own.
  std::smatch steer, branch;
  ASSERT_TRUE(std::regex_search(r.output, steer, std::regex(R"(panel 0 .* prompt from frame (\d+): "a red storm")")))
      << r.output;
  ASSERT_TRUE(std::regex_search(r.output, branch, std::regex(R"(panel 1 .* prompt from frame (\d+): "a blue sky")")))
      << r.output;
  EXPECT_GE(std::stoi(steer[1]), 1);
  EXPECT_GT(std::stoi(branch[1]), std::stoi(steer[1]));

  // The saved file: both rollouts with their prompt changes (the branch's with its seed), panel 1 where the drag left it
  // (lifted: the pointer turned up; the branch was placed at eye height, 1.5 m).
  const std::string file = read_file(saved);
  EXPECT_TRUE(std::regex_search(file, std::regex(R"("prompt": "a blue sky",\s*"seed": 2)"))) << file;
  const std::regex position(R"("position": \[([-0-9.e]+), ([-0-9.e]+), ([-0-9.e]+)\])");
  auto it = std::sregex_iterator(file.begin(), file.end(), position);
  ASSERT_NE(it, std::sregex_iterator()) << file;
  ++it;  // panel 1's
  ASSERT_NE(it, std::sregex_iterator()) << file;
  EXPECT_GT(std::stod((*it)[2]), 1.6) << file;
}

TEST(HeadlessScript, TheWorkspaceTabStacksThePanelsAndTheSavedFileKeepsIt) {
  const fs::path saved = output_dir() / "session-stack.wv.json";
  fs::remove(saved);
  const fs::path script = write_file("session-stack.txt", "0.2 tab workspace\n0.4 click layout:stack\n0.8 save " +
                                                              saved.string() + "\n");
  const auto r = run_worldview("headless --model-file " + kFixture + " --prompt \"a calm sea\" --prompt \"a red storm\""
                               " --seconds 2 --fps 30 --width 320 --height 180 --msaa 1 --still --out " +
                               (output_dir() / "session-stack.mp4").string() + " --script " + script.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("console: panels stacked in a column"), std::string::npos) << r.output;
  const std::string file = read_file(saved);
  EXPECT_NE(file.find("\"kind\": \"stack\""), std::string::npos) << file;
  // Both panels straight ahead, the first above the second.
  const std::regex position(R"("position": \[([-0-9.e]+), ([-0-9.e]+), ([-0-9.e]+)\])");
  std::vector<glm::dvec3> at;
  for (auto it = std::sregex_iterator(file.begin(), file.end(), position); it != std::sregex_iterator(); ++it)
    at.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3])});
  ASSERT_EQ(at.size(), 2u) << file;
  EXPECT_NEAR(at[0].x, 0.0, 1e-4) << file;
  EXPECT_NEAR(at[1].x, 0.0, 1e-4) << file;
  EXPECT_GT(at[0].y, at[1].y + 0.5) << file;
}

TEST(HeadlessScript, TheVirtualKeyboardTypesAPromptAndItsEnterSteers) {
  // As a controller ray types in the headset: no physical keys.
  const fs::path script = write_file("session-keyboard.txt",
                                     "0.2 click kb:clear\n0.2 click kb:r\n0.2 click kb:e\n0.2 click kb:d\n"
                                     "0.2 click kb:space\n0.2 click kb:caps\n0.2 click kb:s\n0.2 click kb:caps\n"
                                     "0.2 click kb:k\n0.2 click kb:y\n0.2 click kb:back\n0.2 click kb:enter\n");
  const auto r = run_worldview(session_run(script, "3"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("console: steered panel 0 (\"a calm sea\") to \"red Sk\""), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("prompt from frame"), std::string::npos) << r.output;
}

TEST(HeadlessScript, AControlTheConsoleDoesNotShowStopsTheRunNamingTheLine) {
  // "save" is on the Workspace tab, which is not open.
  const fs::path script = write_file("session-hidden.txt", "0.2 select 0\n0.5 click save\n");
  const auto r = run_worldview(session_run(script, "2"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find(script.string() + ":2: the console shows no \"save\" now"), std::string::npos) << r.output;
}

TEST(HeadlessScript, ABadLineIsRefusedBeforeTheRun) {
  const fs::path script = write_file("session-bad.txt", "0.5 select 0\n1 fly away\n");
  const auto r = run_worldview(session_run(script));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find(script.string() + ":2: unknown action \"fly\""), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("rendering"), std::string::npos) << r.output;
}

TEST(HeadlessScript, ActionsAfterTheEndAreReportedNotPlayed) {
  const fs::path script = write_file("session-late.txt", "0.2 select 0\n9 steer too late\n");
  const auto r = run_worldview(session_run(script, "1"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find(script.string() + ": 1 action(s) come after the end of the run"), std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("too late"), std::string::npos) << r.output;
}

}  // namespace
