#include "app/display_label.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using wv::app::display_label;

TEST(DisplayLabel, ShortTextIsKeptWhole) {
  EXPECT_EQ(display_label("three red balls"), "three red balls");
  EXPECT_EQ(display_label(std::string(60, 'a')), std::string(60, 'a'));
}

TEST(DisplayLabel, LongTextKeepsItsStart) {
  const std::string prompt = "three red balls bounce on a long grey floor while a blue cube slides past them";
  const std::string label = display_label(prompt);
  EXPECT_EQ(label.size(), 60u);
  EXPECT_EQ(label, prompt.substr(0, 57) + "...");
}

TEST(DisplayLabel, ALongPathKeepsItsFileName) {
  const std::string path = "/home/reviewer/projects/world-models/rollouts/2026-11/take-07/red-blue.mp4";
  const std::string label = display_label(path);
  EXPECT_EQ(label.size(), 60u);
  EXPECT_EQ(label, "..." + path.substr(path.size() - 57));
  EXPECT_TRUE(label.ends_with("/take-07/red-blue.mp4"));
}

TEST(DisplayLabel, PanelLabelNamesTheIndexAndTheText) {
  EXPECT_EQ(wv::app::panel_label(3, "three red balls"), "panel 3 (\"three red balls\")");
}

}  // namespace
