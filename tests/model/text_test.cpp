#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/toyworld/random.h"
#include "model/toyworld/text.h"
#include "random_scenes.h"

namespace wv::toyworld {
namespace {

Scene scene_of(const std::string& text) {
  auto parsed = parse_scene(text);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
  if (!parsed) return {};
  EXPECT_TRUE(parsed->unknown_words.empty()) << text;
  return parsed->scene;
}

Event event_of(const std::string& text) {
  auto parsed = parse_event(text);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
  if (!parsed) return {};
  EXPECT_TRUE(parsed->unknown_words.empty()) << text;
  return parsed->event;
}

TEST(ToyworldText, ParsesTheBriefExamples) {
  const Scene s = scene_of("three red balls bounce in a dark blue room");
  EXPECT_EQ(s.background, Background::DarkBlue);
  ASSERT_EQ(s.objects.size(), 3u);
  for (const ObjectSpec& o : s.objects) EXPECT_EQ(o, (ObjectSpec{Shape::Ball, Color::Red}));
  EXPECT_EQ(s.gravity, Force{});
  EXPECT_FALSE(s.wind);

  const Scene t = scene_of("a big yellow box and two small green balls in a black room");
  ASSERT_EQ(t.objects.size(), 3u);
  EXPECT_EQ(t.objects[0], (ObjectSpec{Shape::Box, Color::Yellow, Size::Large}));
  EXPECT_EQ(t.objects[2], (ObjectSpec{Shape::Ball, Color::Green, Size::Small}));

  EXPECT_EQ(event_of("strong gravity pulls up").changes.at(0).force,
            (Force{Direction::Up, Strength::Strong}));
  EXPECT_EQ(event_of("wind blows from the left").changes.at(0).force,
            (Force{Direction::Right, Strength::Normal}));
  const Change recolor = event_of("the red ball turns yellow").changes.at(0);
  EXPECT_EQ(recolor.kind, ChangeKind::Recolor);
  EXPECT_EQ(recolor.who, (Selector{Shape::Ball, Color::Red, std::nullopt, false}));
  EXPECT_EQ(recolor.color, Color::Yellow);
  EXPECT_EQ(event_of("everything freezes").changes.at(0).kind, ChangeKind::Freeze);
}

TEST(ToyworldText, CanonicalTextIsAFixedPoint) {
  const std::vector<std::string> scenes = {
      "three red balls in a dark blue room",
      "a big yellow box and two small green balls in a black room",
      "an orange ball on the left, a white box and a cyan ball in a grey room, no gravity",
      "a small pink box at the top in a brown room, strong gravity points left, "
      "weak wind blows from above, bouncy walls",
      "four purple balls in a dark purple room, wind blows from the right, soft walls",
  };
  for (const std::string& text : scenes) EXPECT_EQ(format_scene(scene_of(text)), text);
  const std::vector<std::string> events = {
      "gravity points left", "strong gravity points up", "gravity turns off", "gravity flips",
      "wind blows from the left", "the wind stops", "the balls turn green",
      "the red ball turns yellow", "the big blue boxes turn white", "everything turns pink",
      "a blue ball appears", "two small cyan boxes appear on the right", "everything freezes",
      "everything unfreezes", "the walls turn bouncy",
      "gravity points down, the red objects turn orange, a green box appears in the middle",
  };
  for (const std::string& text : events) EXPECT_EQ(format_event(event_of(text)), text);
}

TEST(ToyworldText, RandomScenesAndEventsRoundTrip) {
  uint64_t rng = 12345;
  for (int i = 0; i < 2000; ++i) {
    const Scene s = testing::random_scene(rng);
    ASSERT_TRUE(validate_scene(s).ok());
    const std::string text = format_scene(s);
    auto parsed = parse_scene(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.error().message;
    EXPECT_TRUE(parsed->unknown_words.empty()) << text;
    ASSERT_EQ(parsed->scene, s) << text;
    EXPECT_EQ(format_scene(parsed->scene), text);

    const Event e = testing::random_event(rng);
    const std::string etext = format_event(e);
    auto eparsed = parse_event(etext);
    ASSERT_TRUE(eparsed.ok()) << etext << ": " << eparsed.error().message;
    EXPECT_TRUE(eparsed->unknown_words.empty()) << etext;
    ASSERT_EQ(eparsed->event, e) << etext;
  }
}

TEST(ToyworldText, SynonymsParseToTheSameMeaning) {
  const std::vector<std::pair<std::string, std::string>> scenes = {
      {"3 red spheres bounce inside a dark-blue room", "three red balls in a dark blue room"},
      {"A LARGE yellow cube, and 2 little green balls; in the black background",
       "a big yellow box and two small green balls in a black room"},
      {"a red ball in a gray room with heavy gravity pulling upwards",
       "a red ball in a grey room, strong gravity points up"},
      {"a red ball in a navy room without gravity. gentle breeze from below",
       "a red ball in a dark blue room, no gravity, weak wind blows from below"},
      {"a violet crate on the floor in a brown room with elastic walls",
       "a purple box at the bottom in a brown room, bouncy walls"},
      {"one medium turquoise block in the centre of a dark green room, the wind blows leftward",
       "a cyan box in the middle in a dark green room, wind blows from the right"},
  };
  for (const auto& [variant, canonical] : scenes) {
    EXPECT_EQ(scene_of(variant), scene_of(canonical)) << variant;
  }
  const std::vector<std::pair<std::string, std::string>> events = {
      {"time stops", "everything freezes"},
      {"the world resumes!", "everything unfreezes"},
      {"gravity reverses", "gravity flips"},
      {"no gravity", "gravity turns off"},
      {"gravity is off", "gravity turns off"},
      {"the breeze stops", "the wind stops"},
      {"wind blows to the right", "wind blows from the left"},
      {"all the balls become green", "the balls turn green"},
      {"heavy gravity pulls to the left", "strong gravity points left"},
      {"suddenly an orange sphere arrives", "an orange ball appears"},
  };
  for (const auto& [variant, canonical] : events) {
    EXPECT_EQ(event_of(variant), event_of(canonical)) << variant;
  }
}

TEST(ToyworldText, UnknownWordsAreReportedInOrderAndNotDropped) {
  auto parsed = parse_scene("three red balls wobble happily in a dark blue room");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->unknown_words, (std::vector<std::string>{"wobble", "happily"}));
  EXPECT_EQ(parsed->scene, scene_of("three red balls in a dark blue room"));

  // Non-UTF-8 and control bytes come back printable.
  auto bytes = parse_event(std::string("gravity points left \xff\xfe\x01x", 24));
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->unknown_words, (std::vector<std::string>{"\\xFF\\xFE\\x01x"}));

  // A failing text still names its unknown words: often they are the reason.
  auto failed = parse_scene("three red balls in a blu room");
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().message.find("'blu'"), std::string::npos) << failed.error().message;
}

TEST(ToyworldText, InvalidTextsGiveErrorsNamingTextAndReason) {
  const std::vector<std::pair<std::string, std::string>> scenes = {
      {"", "no objects"},
      {"three red balls", "no room color"},
      {"five red balls in a black room", "5 balls"},
      {"three red balls and two blue boxes in a black room", "more than 4"},
      {"red balls in a black room", "how many"},
      {"a ball in a black room", "which color"},
      {"a red ball in a blue room", "not a room color"},
      {"a red ball in a dark red room", "not a room color"},
      {"a black ball in a grey room", "room color"},
      {"a red ball in a black room in a grey room", "twice"},
      {"a red ball in a black room, gravity flips", "event"},
      {"a red ball in a black room, everything freezes", "event"},
      {"a red ball in a black room, wind blows", "where the wind"},
      {"a red ball in a black room, strong", "describes nothing"},
      {"a red thing in a black room", "ball or box"},
      {"a red ball turns green in a black room", "event"},
  };
  for (const auto& [text, reason] : scenes) {
    auto parsed = parse_scene(text);
    ASSERT_FALSE(parsed.ok()) << text;
    const std::string& m = parsed.error().message;
    EXPECT_NE(m.find(quote_text(text)), std::string::npos) << m;
    EXPECT_NE(m.find(reason), std::string::npos) << m;
  }
  const std::vector<std::pair<std::string, std::string>> events = {
      {"", "nothing happens"},
      {"the balls", "what happens"},
      {"green", "describes nothing"},
      {"the balls turn", "needs a new color"},
      {"the balls freeze", "only everything"},
      {"gravity points from the left", "toward a side"},
      {"the room turns grey", "cannot change"},
      {"two balls turn red", "without a number"},
      {"six red balls appear", "6 balls"},
      {"left", "needs gravity, wind or an object"},
  };
  for (const auto& [text, reason] : events) {
    auto parsed = parse_event(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_NE(parsed.error().message.find(reason), std::string::npos) << parsed.error().message;
  }
}

TEST(ToyworldText, HostileInputIsRefusedOrParsedWithoutHarm) {
  const std::string long_text(kMaxTextBytes + 1, 'a');
  auto parsed = parse_scene(long_text);
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("too long"), std::string::npos);
  EXPECT_LT(parsed.error().message.size(), 300u);  // the text is cut in the message

  uint64_t rng = 99;
  for (int i = 0; i < 3000; ++i) {
    std::string bytes(size_t(next_u64(rng) % 64), '\0');
    for (char& c : bytes) c = char(next_u64(rng) & 0xff);
    auto s = parse_scene(bytes);
    auto e = parse_event(bytes);
    if (s) {
      EXPECT_TRUE(validate_scene(s->scene).ok());
    } else {
      EXPECT_EQ(s.error().message.find('\xff'), std::string::npos);  // printable only
    }
    if (e) {
      EXPECT_FALSE(e->event.changes.empty());
    }
  }
}

}  // namespace
}  // namespace wv::toyworld
