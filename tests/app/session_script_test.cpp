// The session script format (docs/scripting.md): every action parses with its arguments, text
// keeps its spaces, and bad lines are refused naming the line and the reason.
#include "app/session_script.h"

#include <gtest/gtest.h>

namespace wv::app {
namespace {

void expect_refused(const std::string& text, const std::string& message) {
  auto script = SessionScript::parse(text, "s.txt");
  ASSERT_FALSE(script) << text;
  EXPECT_EQ(script.error().message, message);
}

TEST(SessionScript, ParsesEveryActionWithItsArguments) {
  auto script = SessionScript::parse(
      "# a session\n"
      "0.5  select 2\n"
      "1    steer a red  storm   # comment\n"
      "1    branch a blue sky\n"
      "2.5  drag 1 -10 5.5\n"
      "3    click save-as\n"
      "3    click kb:?\n"
      "3    tab workspace\n"
      "3.1  type out.wv.json\n"
      "3.2  key enter\n"
      "4    save out.wv.json\n",
      "s.txt");
  ASSERT_TRUE(script) << script.error().message;
  const auto& a = script->actions();
  ASSERT_EQ(a.size(), 10u);
  using Kind = SessionAction::Kind;
  EXPECT_EQ(a[0].kind, Kind::Select);
  EXPECT_EQ(a[0].panel, 2u);
  EXPECT_DOUBLE_EQ(a[0].at_s, 0.5);
  EXPECT_EQ(a[0].line, 2);
  EXPECT_EQ(a[1].kind, Kind::Steer);
  EXPECT_EQ(a[1].text, "a red  storm   ");  // the rest of the line, up to the comment
  EXPECT_EQ(a[2].kind, Kind::Branch);
  EXPECT_EQ(a[3].kind, Kind::Drag);
  EXPECT_EQ(a[3].panel, 1u);
  EXPECT_FLOAT_EQ(a[3].yaw_deg, -10.0f);
  EXPECT_FLOAT_EQ(a[3].pitch_deg, 5.5f);
  EXPECT_EQ(a[4].kind, Kind::Click);
  EXPECT_EQ(a[4].text, "save-as");
  EXPECT_EQ(a[5].text, "kb:?");
  EXPECT_EQ(a[6].kind, Kind::Tab);
  EXPECT_EQ(a[6].text, "workspace");
  EXPECT_EQ(a[7].kind, Kind::Type);
  EXPECT_EQ(a[8].kind, Kind::Key);
  EXPECT_EQ(a[8].text, "enter");
  EXPECT_EQ(a[9].kind, Kind::Save);
  EXPECT_EQ(a[9].text, "out.wv.json");
}

TEST(SessionScript, RefusesBadLinesNamingLineAndReason) {
  expect_refused("0.5 fly", "s.txt:1: unknown action \"fly\" (select, drag, click, tab, key, type, steer, branch, save, "
                            "record, stop-record, rate, note, note-at, export, open)");
  expect_refused("1 select 0\n0.5 select 1", "s.txt:2: times must not decrease (the line before is at 1.000000 s)");
  expect_refused("soon select 0", "s.txt:1: \"soon\" is not a time in seconds (0 to 86400)");
  expect_refused("1 select", "s.txt:1: select takes a panel number (0, 1, ... as the panels are named)");
  expect_refused("1 select 1.5", "s.txt:1: select takes a panel number (0, 1, ... as the panels are named)");
  expect_refused("1 drag 0 200 0",
                 "s.txt:1: drag takes a panel number and the pointer's turn in degrees: right up (-180 to 180)");
  expect_refused("1 click nowhere",
                 "s.txt:1: click takes one console control: tab:prompt tab:playback tab:workspace prompt steer branch "
                 "branch-seed kb:clear kb:enter kb:space kb:back kb:caps play restart step save save-as-name save-as layout:arc "
                 "layout:grid layout:stack add-panel record-panel record-panel-file record-view record-view-file frame thumb:0 "
                 "thumb:1 thumb:2 thumb:3 thumb:4 thumb:5 thumb:6 thumb:7 loop-a loop-b loop-clear open-path open tab:review "
                 "rate:0 rate:1 rate:2 rate:3 rate:4 rate:5 note-text add-note add-note-at-point export-folder export, or kb: "
                 "and a key of the virtual keyboard");
  expect_refused("1 click kb:!", "s.txt:1: click takes one console control: tab:prompt tab:playback tab:workspace "
                 "prompt steer branch branch-seed kb:clear kb:enter kb:space kb:back kb:caps play restart step save "
                 "save-as-name save-as layout:arc layout:grid layout:stack add-panel record-panel record-panel-file "
                 "record-view record-view-file frame thumb:0 thumb:1 thumb:2 thumb:3 thumb:4 thumb:5 thumb:6 thumb:7 "
                 "loop-a loop-b loop-clear open-path open tab:review rate:0 rate:1 rate:2 rate:3 rate:4 rate:5 note-text "
                 "add-note add-note-at-point export-folder export, or kb: and a key of the virtual keyboard");
  expect_refused("1 tab notes", "s.txt:1: tab takes prompt, playback, workspace or review");
  expect_refused("1 key ctrl", "s.txt:1: key takes one key: enter backspace delete left right home end tab escape");
  expect_refused("1 steer", "s.txt:1: steer takes the text after it");
  expect_refused("1 save", "s.txt:1: save takes a file name");
  expect_refused("1 open", "s.txt:1: open takes a file name");
  expect_refused("1 type " + std::string(4097, 'x'), "s.txt:1: type: the text is longer than 4096 bytes");
  expect_refused("1 type \xff", "s.txt: not UTF-8 text (byte 7)");
  expect_refused("1", "s.txt:1: no action after the time");
}

TEST(SessionScript, ParsesRecordAndStopRecord) {
  auto script = SessionScript::parse("1 record 2 takes/panel two.mp4\n2 record view view.mp4\n3 stop-record 2\n"
                                     "4 stop-record view\n",
                                     "s.txt");
  ASSERT_TRUE(script) << script.error().message;
  const auto& a = script->actions();
  ASSERT_EQ(a.size(), 4u);
  using Kind = SessionAction::Kind;
  EXPECT_EQ(a[0].kind, Kind::Record);
  EXPECT_EQ(a[0].panel, 2u);
  EXPECT_FALSE(a[0].view);
  EXPECT_EQ(a[0].text, "takes/panel two.mp4");
  EXPECT_EQ(a[1].kind, Kind::Record);
  EXPECT_TRUE(a[1].view);
  EXPECT_EQ(a[1].text, "view.mp4");
  EXPECT_EQ(a[2].kind, Kind::StopRecord);
  EXPECT_EQ(a[2].panel, 2u);
  EXPECT_EQ(a[3].kind, Kind::StopRecord);
  EXPECT_TRUE(a[3].view);
}

TEST(SessionScript, RefusesBadRecordLines) {
  expect_refused("1 record", "s.txt:1: record takes a panel number or view, then a file name");
  expect_refused("1 record screen x.mp4", "s.txt:1: record takes a panel number or view, then a file name");
  expect_refused("1 record 0", "s.txt:1: record takes a file name after 0");
  expect_refused("1 record view", "s.txt:1: record takes a file name after view");
  expect_refused("1 stop-record", "s.txt:1: stop-record takes a panel number or view");
  expect_refused("1 stop-record 0 now", "s.txt:1: stop-record takes a panel number or view, nothing more");
}

TEST(SessionScript, ParsesTheReviewActions) {
  auto script = SessionScript::parse(
      "1 rate 2 4\n"
      "1 rate 0 0\n"
      "2 note the ball  clips the wall\n"
      "3 note-at 0.25 1 a bright spot\n"
      "4 export out/review\n"
      "4 tab review\n"
      "4 click rate:5\n"
      "5 open other.wv.json\n",
      "s.txt");
  ASSERT_TRUE(script) << script.error().message;
  const auto& a = script->actions();
  ASSERT_EQ(a.size(), 8u);
  using Kind = SessionAction::Kind;
  EXPECT_EQ(a[0].kind, Kind::Rate);
  EXPECT_EQ(a[0].panel, 2u);
  EXPECT_EQ(a[0].stars, 4);
  EXPECT_EQ(a[1].stars, 0);
  EXPECT_EQ(a[2].kind, Kind::Note);
  EXPECT_EQ(a[2].text, "the ball  clips the wall");
  EXPECT_EQ(a[3].kind, Kind::NoteAt);
  EXPECT_FLOAT_EQ(a[3].u, 0.25f);
  EXPECT_FLOAT_EQ(a[3].v, 1.0f);
  EXPECT_EQ(a[3].text, "a bright spot");
  EXPECT_EQ(a[4].kind, Kind::Export);
  EXPECT_EQ(a[4].text, "out/review");
  EXPECT_EQ(a[5].text, "review");
  EXPECT_EQ(a[6].text, "rate:5");
  EXPECT_EQ(a[7].kind, Kind::Open);
  EXPECT_EQ(a[7].text, "other.wv.json");
}

TEST(SessionScript, RefusesBadReviewLines) {
  const std::string rate = "rate takes a panel number and 0 to 5 stars (0: no rating)";
  expect_refused("1 rate 0 6", "s.txt:1: " + rate);
  expect_refused("1 rate 0 2.5", "s.txt:1: " + rate);
  expect_refused("1 rate 0", "s.txt:1: " + rate);
  expect_refused("1 rate 0 3 stars", "s.txt:1: " + rate);
  expect_refused("1 rate x 3", "s.txt:1: " + rate);
  const std::string at = "note-at takes the point on the panel, u v (0 to 1 from its left and top), then the note";
  expect_refused("1 note-at 0.5 1.5 text", "s.txt:1: " + at);
  expect_refused("1 note-at 0.5 text", "s.txt:1: " + at);
  expect_refused("1 note-at 0.5 0.5", "s.txt:1: note-at takes the text after the point");
  expect_refused("1 note", "s.txt:1: note takes the text after it");
  expect_refused("1 export", "s.txt:1: export takes a folder");
  expect_refused("1 note " + std::string(4097, 'x'), "s.txt:1: note: the text is longer than 4096 bytes");
  expect_refused("1 note-at 0 0 " + std::string(4097, 'x'), "s.txt:1: note-at: the text is longer than 4096 bytes");
}

TEST(SessionScript, RefusesAMissingFile) {
  auto script = SessionScript::load("/nonexistent/session.txt");
  ASSERT_FALSE(script);
  EXPECT_EQ(script.error().message, "/nonexistent/session.txt: not a readable file");
}

}  // namespace
}  // namespace wv::app
