// Input scripts of desktop mode: what they read, and refusals that name the line and reason.
#include "app/input_script.h"

#include <gtest/gtest.h>

namespace wv::app {
namespace {

TEST(InputScript, ReadsEveryActionInOrder) {
  auto script = InputScript::parse(
      "# a grab\n0.5 move 640 360\n0.6 key shift down\n0.6 press left  # comment\n\n1 wheel -2\n"
      "1.2 resize 800 600\n1.3 minimize\n1.4 restore\n1.5 release left\n2 close\n",
      "grab.txt");
  ASSERT_TRUE(script) << script.error().message;
  const auto& a = script->actions();
  ASSERT_EQ(a.size(), 9u);
  EXPECT_EQ(a[0].kind, InputAction::Kind::Move);
  EXPECT_EQ(a[0].xy, glm::vec2(640, 360));
  EXPECT_EQ(a[1].kind, InputAction::Kind::Key);
  EXPECT_EQ(a[1].key, Key::Shift);
  EXPECT_TRUE(a[1].down);
  EXPECT_EQ(a[2].kind, InputAction::Kind::Button);
  EXPECT_FALSE(a[2].right);
  EXPECT_EQ(a[3].kind, InputAction::Kind::Wheel);
  EXPECT_FLOAT_EQ(a[3].xy.x, -2.0f);
  EXPECT_EQ(a[4].kind, InputAction::Kind::Resize);
  EXPECT_EQ(a[5].kind, InputAction::Kind::Minimize);
  EXPECT_EQ(a[6].kind, InputAction::Kind::Restore);
  EXPECT_EQ(a[7].kind, InputAction::Kind::Button);
  EXPECT_FALSE(a[7].down);
  EXPECT_EQ(a[8].kind, InputAction::Kind::Close);
  EXPECT_DOUBLE_EQ(a[8].at_s, 2.0);
}

void expect_refused(const std::string& text, const std::string& message) {
  auto script = InputScript::parse(text, "s.txt");
  ASSERT_FALSE(script) << text;
  EXPECT_EQ(script.error().message, message);
}

TEST(InputScript, RefusesBadLinesNamingLineAndReason) {
  expect_refused("0.5 jump", "s.txt:1: unknown action \"jump\" (move, key, type, press, release, wheel, resize, minimize, restore, close)");
  expect_refused("1 move 1 1\n0.5 move 2 2", "s.txt:2: times must not decrease (the line before is at 1.000000 s)");
  expect_refused("soon move 1 1", "s.txt:1: \"soon\" is not a time in seconds (0 to 86400)");
  expect_refused("1 move 1", "s.txt:1: move takes two numbers: x y (window coordinates)");
  expect_refused("1 resize 0 10", "s.txt:1: resize takes two numbers: x y (window coordinates, at least 1)");
  expect_refused("1 key ctrl down", "s.txt:1: key takes a key (w a s d q e shift escape backspace enter left right home end delete tab) and down or up");
  expect_refused("1 type", "s.txt:1: type takes the text to type after it");
  expect_refused("1 type \xff\xfe", "s.txt:1: the text to type is not UTF-8");
  expect_refused("1 press middle", "s.txt:1: press takes a mouse button: left or right");
  expect_refused("1 wheel nan", "s.txt:1: wheel takes a number of notches (-100 to 100)");
  expect_refused("1 close now", "s.txt:1: close takes nothing after it");
  expect_refused("-1 close", "s.txt:1: \"-1\" is not a time in seconds (0 to 86400)");
  expect_refused("1", "s.txt:1: no action after the time");
}

TEST(InputScript, TypesTheRestOfTheLineAsText) {
  auto script = InputScript::parse("1 type a red  storm ✓  # a comment\n2 key enter down\n", "s.txt");
  ASSERT_TRUE(script) << script.error().message;
  ASSERT_EQ(script->actions().size(), 2u);
  EXPECT_EQ(script->actions()[0].kind, InputAction::Kind::Type);
  EXPECT_EQ(script->actions()[0].text, "a red  storm ✓  ");  // spaces inside and before the comment kept
  EXPECT_EQ(script->actions()[1].key, Key::Enter);
}

TEST(InputScript, RefusesAMissingFile) {
  auto script = InputScript::load("/nonexistent/script.txt");
  ASSERT_FALSE(script);
  EXPECT_EQ(script.error().message, "/nonexistent/script.txt: not a readable file");
}

}  // namespace
}  // namespace wv::app
