// parse_workspace: absurd numbers and sizes, hostile shapes, unknown fields.
#include <gtest/gtest.h>

#include "wv/log.h"
#include "workspace_test_support.h"

namespace wv::app {
namespace {

using test::error_of;
using test::expect_error;
using test::kFile;
using test::with_panels;
using test::with_source;

std::string with_panel_field(std::string_view field) {
  return with_panels("    {\"source\": {\"kind\": \"toyworld\", \"scene\": \"s\"},\n" + std::string(field) + "}");
}

TEST(WorkspaceLimits, RefusesAbsurdFrameSizes) {
  expect_error(with_source("\"scene\": \"s\",\n\"size\": [-5, 128]"), 7, "panels[0].source.size[0]",
               "-5 is out of range (allowed: whole numbers 16 to 4096)");
  expect_error(with_source("\"scene\": \"s\",\n\"size\": [128, 100000]"), 7, "panels[0].source.size[1]",
               "100000 is out of range");
  expect_error(with_source("\"scene\": \"s\",\n\"size\": [8, 8]"), 7, "panels[0].source.size[0]", "8 is out of range");
  expect_error(with_source("\"scene\": \"s\",\n\"size\": [4097, 16]"), 7, "panels[0].source.size[0]", "out of range");
  expect_error(with_source("\"scene\": \"s\",\n\"size\": [128.5, 128]"), 7, "panels[0].source.size[0]",
               "128.5 is not a whole number");
  expect_error(with_source("\"scene\": \"s\",\n\"size\": [1e300, 128]"), 7, "panels[0].source.size[0]", "out of range");
  expect_error(with_source("\"scene\": \"s\",\n\"size\": [99999999999999999999, 128]"), 7,
               "panels[0].source.size[0]", "out of range");
  expect_error(with_source("\"scene\": \"s\",\n\"size\": [128]"), 7, "panels[0].source.size", "expected [width, height]");
  expect_error(with_source("\"scene\": \"s\",\n\"size\": [128, 128, 3]"), 7, "panels[0].source.size", "3 items, at most 2");
}

TEST(WorkspaceLimits, RefusesAbsurdRatesAndSeeds) {
  expect_error(with_source("\"scene\": \"s\",\n\"fps\": 0"), 7, "panels[0].source.fps", "0 is out of range (allowed: 1 to 240)");
  expect_error(with_source("\"scene\": \"s\",\n\"fps\": 1e9"), 7, "panels[0].source.fps", "1e+09 is out of range");
  expect_error(with_source("\"scene\": \"s\",\n\"fps\": -30"), 7, "panels[0].source.fps", "out of range");
  expect_error(with_source("\"scene\": \"s\",\n\"seed\": -1"), 7, "panels[0].source.seed", "-1 is negative");
  expect_error(with_source("\"scene\": \"s\",\n\"seed\": 1.5"), 7, "panels[0].source.seed", "expected a whole number");
  expect_error(with_source("\"scene\": \"s\",\n\"events\": [{\"at_s\": -1, \"text\": \"t\"}]"), 7,
               "panels[0].source.events[0].at_s", "out of range");
}

TEST(WorkspaceLimits, RefusesNumbersTooLargeForADouble) {
  const std::string text = with_source("\"scene\": \"s\",\n\"fps\": 1e400");
  const std::string message = error_of(text);
  EXPECT_EQ(message.rfind(std::string(kFile) + ":7: not valid JSON: number overflow parsing '1e400'", 0), 0u) << message;
}

TEST(WorkspaceLimits, RefusesAbsurdPanelGeometry) {
  expect_error(with_panel_field("\"width_m\": 51"), 6, "panels[0].width_m", "51 is out of range (allowed: 0.05 to 50)");
  expect_error(with_panel_field("\"width_m\": 0"), 6, "panels[0].width_m", "out of range");
  expect_error(with_panel_field("\"width_m\": -1"), 6, "panels[0].width_m", "out of range");
  expect_error(with_panel_field("\"width_m\": 2, \"curve_radius_m\": 0.5"), 6, "panels[0].curve_radius_m",
               "more than a half circle");
  expect_error(with_panel_field("\"curve_radius_m\": -1"), 6, "panels[0].curve_radius_m", "out of range");
  expect_error(with_panel_field("\"pose\": {\"position\": [0, 1e6, 0]}"), 6, "panels[0].pose.position[1]", "out of range");
  expect_error(with_panel_field("\"pose\": {\"position\": [0, 0]}"), 6, "panels[0].pose.position", "expected [x, y, z]");
  expect_error(with_panel_field("\"pose\": {\"position\": [0, 0, 0], \"pitch_deg\": 100}"), 6,
               "panels[0].pose.pitch_deg", "out of range (allowed: -90 to 90)");
  expect_error("{\"format\": \"worldview-workspace\", \"version\": 1, \"panels\": [],\n\"layout\": {\"radius_m\": 0}}", 2,
               "layout.radius_m", "out of range");
}

TEST(WorkspaceLimits, RefusesTooManyPanelsOrEvents) {
  std::string panels;
  for (std::size_t i = 0; i <= workspace_limits::kMaxPanels; ++i) {
    panels += std::string(i ? ",\n" : "") + "{\"source\": {\"kind\": \"toyworld\", \"scene\": \"s\"}}";
  }
  expect_error(with_panels(panels), 4, "panels", "65 items, at most 64 allowed");

  std::string events;
  for (std::size_t i = 0; i <= workspace_limits::kMaxEventsPerSource; ++i) {
    events += std::string(i ? ", " : "") + "{\"at_s\": 1, \"text\": \"t\"}";
  }
  expect_error(with_source("\"scene\": \"s\",\n\"events\": [" + events + "]"), 7, "panels[0].source.events",
               "1025 items, at most 1024 allowed");
}

TEST(WorkspaceLimits, RefusesOverlongText) {
  const std::string scene(workspace_limits::kMaxTextBytes + 1, 'a');
  expect_error(with_source("\"scene\": \"" + scene + "\""), 6, "panels[0].source.scene", "text of 4097 bytes, at most 4096");
}

TEST(WorkspaceLimits, RefusesTextLargerThanAFileMayBe) {
  const std::string text(workspace_limits::kMaxFileBytes + 1, ' ');
  EXPECT_EQ(error_of(text), std::string(kFile) + ": 4194305 bytes, more than the 4194304 a workspace file may have");
}

TEST(WorkspaceLimits, WarnsAboutUnknownFieldsAndIgnoresThem) {
  std::vector<std::string> logged;
  wv::set_log_sink([&](wv::LogLevel, std::string_view message) { logged.emplace_back(message); });
  std::vector<std::string> warnings;
  const auto ws = parse_workspace(with_panel_field("\"widht_m\": 3"), kFile, &warnings);
  wv::set_log_sink(nullptr);
  ASSERT_TRUE(ws) << ws.error().message;
  EXPECT_EQ(ws->panels.at(0).width_m, 1.0f);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], std::string(kFile) +
                             ":6: panels[0].widht_m: unknown field, ignored (known here: title, source, width_m, "
                             "curve_radius_m, pose, layer, group, review)");
  ASSERT_EQ(logged.size(), 1u);
  EXPECT_NE(logged[0].find(warnings[0]), std::string::npos);
}

TEST(WorkspaceLimits, CapsTheNumberOfWarnings) {
  std::string junk;
  for (int i = 0; i < 1000; ++i) junk += ",\n\"junk" + std::to_string(i) + "\": " + std::to_string(i);
  std::vector<std::string> warnings;
  wv::set_log_sink([](wv::LogLevel, std::string_view) {});
  const auto ws = parse_workspace("{\"format\": \"worldview-workspace\", \"version\": 1, \"panels\": []" + junk + "}",
                                  kFile, &warnings);
  wv::set_log_sink(nullptr);
  ASSERT_TRUE(ws) << ws.error().message;
  ASSERT_EQ(warnings.size(), 33u);
  EXPECT_EQ(warnings[0].rfind(std::string(kFile) + ":2: junk0: unknown field", 0), 0u) << warnings[0];
  EXPECT_EQ(warnings[32], std::string(kFile) + ": more warnings not shown");
}

TEST(WorkspaceLimits, SurvivesDeepNestingInAnUnknownField) {
  const std::size_t depth = 200000;
  std::vector<std::string> warnings;
  wv::set_log_sink([](wv::LogLevel, std::string_view) {});
  const auto ws = parse_workspace("{\"format\": \"worldview-workspace\", \"version\": 1, \"panels\": [],\n\"deep\": " +
                                      std::string(depth, '[') + std::string(depth, ']') + "}",
                                  kFile, &warnings);
  wv::set_log_sink(nullptr);
  ASSERT_TRUE(ws) << ws.error().message;
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].rfind(std::string(kFile) + ":2: deep: unknown field", 0), 0u) << warnings[0];
}

}  // namespace
}  // namespace wv::app
