#include "model/toyworld/text_lexicon.h"

#include <unordered_map>

namespace wv::toyworld::lexicon {

namespace {

Word w(Kind kind, uint8_t value = 0, bool plural = false) { return Word{kind, value, plural}; }
template <typename E>
Word w(Kind kind, E value, bool plural = false) {
  return Word{kind, uint8_t(value), plural};
}

// Every word of the language. Synonyms map to the same meaning; the canonical spelling of each
// meaning is the one text_format.cpp writes.
const std::unordered_map<std::string_view, Word>& table() {
  static const std::unordered_map<std::string_view, Word> words = {
      // fillers
      {"the", w(Kind::Filler)}, {"is", w(Kind::Filler)}, {"are", w(Kind::Filler)},
      {"be", w(Kind::Filler)}, {"there", w(Kind::Filler)}, {"with", w(Kind::Filler)},
      {"in", w(Kind::Filler)}, {"inside", w(Kind::Filler)}, {"into", w(Kind::Filler)},
      {"on", w(Kind::Filler)}, {"at", w(Kind::Filler)}, {"of", w(Kind::Filler)},
      {"to", w(Kind::Filler)}, {"toward", w(Kind::Filler)}, {"towards", w(Kind::Filler)},
      {"all", w(Kind::Filler)}, {"side", w(Kind::Filler)}, {"around", w(Kind::Filler)},
      {"suddenly", w(Kind::Filler)}, {"now", w(Kind::Filler)}, {"very", w(Kind::Filler)},
      {"points", w(Kind::Filler)}, {"point", w(Kind::Filler)}, {"pointing", w(Kind::Filler)},
      {"pulls", w(Kind::Filler)}, {"pull", w(Kind::Filler)}, {"pulling", w(Kind::Filler)},
      {"pushes", w(Kind::Filler)}, {"push", w(Kind::Filler)}, {"pushing", w(Kind::Filler)},
      {"blows", w(Kind::Filler)}, {"blow", w(Kind::Filler)}, {"blowing", w(Kind::Filler)},
      {"acts", w(Kind::Filler)}, {"goes", w(Kind::Filler)},
      {"starts", w(Kind::Filler)}, {"start", w(Kind::Filler)}, {"begins", w(Kind::Filler)},
      {"bounce", w(Kind::Filler)}, {"bounces", w(Kind::Filler)}, {"bouncing", w(Kind::Filler)},
      {"roll", w(Kind::Filler)}, {"rolls", w(Kind::Filler)}, {"rolling", w(Kind::Filler)},
      {"move", w(Kind::Filler)}, {"moves", w(Kind::Filler)}, {"moving", w(Kind::Filler)},
      {"fly", w(Kind::Filler)}, {"flies", w(Kind::Filler)}, {"flying", w(Kind::Filler)},
      {"float", w(Kind::Filler)}, {"floats", w(Kind::Filler)}, {"floating", w(Kind::Filler)},
      {"fall", w(Kind::Filler)}, {"falls", w(Kind::Filler)}, {"falling", w(Kind::Filler)},
      {"drift", w(Kind::Filler)}, {"drifts", w(Kind::Filler)}, {"drifting", w(Kind::Filler)},
      {"tumble", w(Kind::Filler)}, {"tumbles", w(Kind::Filler)},
      {"sit", w(Kind::Filler)}, {"sits", w(Kind::Filler)}, {"rest", w(Kind::Filler)},
      {"rests", w(Kind::Filler)},
      // clause separators
      {"and", w(Kind::Separator)}, {"then", w(Kind::Separator)}, {"while", w(Kind::Separator)},
      // numbers
      {"zero", w(Kind::Number, 0)}, {"one", w(Kind::Number, 1)}, {"two", w(Kind::Number, 2)},
      {"three", w(Kind::Number, 3)}, {"four", w(Kind::Number, 4)}, {"five", w(Kind::Number, 5)},
      {"six", w(Kind::Number, 6)}, {"seven", w(Kind::Number, 7)}, {"eight", w(Kind::Number, 8)},
      {"nine", w(Kind::Number, 9)}, {"ten", w(Kind::Number, 10)},
      {"eleven", w(Kind::Number, 11)}, {"twelve", w(Kind::Number, 12)},
      {"a", w(Kind::Article)}, {"an", w(Kind::Article)},
      // sizes
      {"small", w(Kind::SizeWord, Size::Small)}, {"little", w(Kind::SizeWord, Size::Small)},
      {"tiny", w(Kind::SizeWord, Size::Small)}, {"medium", w(Kind::SizeWord, Size::Medium)},
      {"big", w(Kind::SizeWord, Size::Large)}, {"large", w(Kind::SizeWord, Size::Large)},
      {"huge", w(Kind::SizeWord, Size::Large)},
      // object colors
      {"red", w(Kind::ColorWord, Color::Red)}, {"green", w(Kind::ColorWord, Color::Green)},
      {"blue", w(Kind::ColorWord, Color::Blue)}, {"yellow", w(Kind::ColorWord, Color::Yellow)},
      {"orange", w(Kind::ColorWord, Color::Orange)},
      {"purple", w(Kind::ColorWord, Color::Purple)},
      {"violet", w(Kind::ColorWord, Color::Purple)},
      {"white", w(Kind::ColorWord, Color::White)}, {"cyan", w(Kind::ColorWord, Color::Cyan)},
      {"turquoise", w(Kind::ColorWord, Color::Cyan)}, {"pink", w(Kind::ColorWord, Color::Pink)},
      // room colors
      {"dark", w(Kind::Dark)}, {"navy", w(Kind::RoomColor, Background::DarkBlue)},
      {"black", w(Kind::RoomColor, Background::Black)},
      {"grey", w(Kind::RoomColor, Background::Grey)},
      {"gray", w(Kind::RoomColor, Background::Grey)},
      {"brown", w(Kind::RoomColor, Background::Brown)},
      // nouns
      {"ball", w(Kind::ShapeNoun, Shape::Ball)}, {"balls", w(Kind::ShapeNoun, Shape::Ball, true)},
      {"sphere", w(Kind::ShapeNoun, Shape::Ball)},
      {"spheres", w(Kind::ShapeNoun, Shape::Ball, true)},
      {"box", w(Kind::ShapeNoun, Shape::Box)}, {"boxes", w(Kind::ShapeNoun, Shape::Box, true)},
      {"block", w(Kind::ShapeNoun, Shape::Box)},
      {"blocks", w(Kind::ShapeNoun, Shape::Box, true)},
      {"cube", w(Kind::ShapeNoun, Shape::Box)}, {"cubes", w(Kind::ShapeNoun, Shape::Box, true)},
      {"crate", w(Kind::ShapeNoun, Shape::Box)},
      {"crates", w(Kind::ShapeNoun, Shape::Box, true)},
      {"object", w(Kind::AnyNoun)}, {"objects", w(Kind::AnyNoun, 0, true)},
      {"thing", w(Kind::AnyNoun)}, {"things", w(Kind::AnyNoun, 0, true)},
      {"everything", w(Kind::Everything)}, {"time", w(Kind::Everything)},
      {"world", w(Kind::Everything)},
      {"room", w(Kind::Room)}, {"background", w(Kind::Room)},
      {"gravity", w(Kind::Gravity)}, {"wind", w(Kind::Wind)}, {"breeze", w(Kind::Wind)},
      {"walls", w(Kind::WallsNoun)}, {"wall", w(Kind::WallsNoun)},
      // strengths and bounciness
      {"weak", w(Kind::StrengthWord, Strength::Weak)},
      {"gentle", w(Kind::StrengthWord, Strength::Weak)},
      {"light", w(Kind::StrengthWord, Strength::Weak)},
      {"strong", w(Kind::StrengthWord, Strength::Strong)},
      {"heavy", w(Kind::StrengthWord, Strength::Strong)},
      {"powerful", w(Kind::StrengthWord, Strength::Strong)},
      {"normal", w(Kind::NormalWord)},
      {"bouncy", w(Kind::WallsWord, Walls::Bouncy)},
      {"elastic", w(Kind::WallsWord, Walls::Bouncy)},
      {"soft", w(Kind::WallsWord, Walls::Soft)}, {"padded", w(Kind::WallsWord, Walls::Soft)},
      // directions and places
      {"left", w(Kind::DirectionWord, Direction::Left)},
      {"leftward", w(Kind::DirectionWord, Direction::Left)},
      {"leftwards", w(Kind::DirectionWord, Direction::Left)},
      {"right", w(Kind::DirectionWord, Direction::Right)},
      {"rightward", w(Kind::DirectionWord, Direction::Right)},
      {"rightwards", w(Kind::DirectionWord, Direction::Right)},
      {"up", w(Kind::DirectionWord, Direction::Up)},
      {"upward", w(Kind::DirectionWord, Direction::Up)},
      {"upwards", w(Kind::DirectionWord, Direction::Up)},
      {"top", w(Kind::DirectionWord, Direction::Up)},
      {"above", w(Kind::DirectionWord, Direction::Up)},
      {"ceiling", w(Kind::DirectionWord, Direction::Up)},
      {"down", w(Kind::DirectionWord, Direction::Down)},
      {"downward", w(Kind::DirectionWord, Direction::Down)},
      {"downwards", w(Kind::DirectionWord, Direction::Down)},
      {"bottom", w(Kind::DirectionWord, Direction::Down)},
      {"below", w(Kind::DirectionWord, Direction::Down)},
      {"floor", w(Kind::DirectionWord, Direction::Down)},
      {"middle", w(Kind::Middle)}, {"center", w(Kind::Middle)}, {"centre", w(Kind::Middle)},
      {"from", w(Kind::From)},
      {"no", w(Kind::No)}, {"without", w(Kind::No)},
      {"off", w(Kind::Off)},
      // verbs that change the world
      {"stop", w(Kind::Stop)}, {"stops", w(Kind::Stop)}, {"halts", w(Kind::Stop)},
      {"turn", w(Kind::TurnVerb)}, {"turns", w(Kind::TurnVerb)},
      {"become", w(Kind::TurnVerb)}, {"becomes", w(Kind::TurnVerb)},
      {"change", w(Kind::TurnVerb)}, {"changes", w(Kind::TurnVerb)},
      {"appear", w(Kind::AppearVerb)}, {"appears", w(Kind::AppearVerb)},
      {"arrive", w(Kind::AppearVerb)}, {"arrives", w(Kind::AppearVerb)},
      {"freeze", w(Kind::FreezeVerb)}, {"freezes", w(Kind::FreezeVerb)},
      {"pauses", w(Kind::FreezeVerb)},
      {"unfreeze", w(Kind::UnfreezeVerb)}, {"unfreezes", w(Kind::UnfreezeVerb)},
      {"resume", w(Kind::UnfreezeVerb)}, {"resumes", w(Kind::UnfreezeVerb)},
      {"thaws", w(Kind::UnfreezeVerb)},
      {"flip", w(Kind::FlipVerb)}, {"flips", w(Kind::FlipVerb)},
      {"reverse", w(Kind::FlipVerb)}, {"reverses", w(Kind::FlipVerb)},
      {"inverts", w(Kind::FlipVerb)},
  };
  return words;
}

}  // namespace

std::optional<Word> lookup(std::string_view word) {
  const auto& words = table();
  if (auto it = words.find(word); it != words.end()) return it->second;
  // Digits: "3 red balls". Long digit strings are still numbers, just out of range.
  if (!word.empty() && word.size() <= 6 && word.find_first_not_of("0123456789") == word.npos) {
    int value = 0;
    for (char c : word) value = value * 10 + (c - '0');
    return Word{Kind::Number, uint8_t(value > 255 ? 255 : value), false};
  }
  return std::nullopt;
}

std::string_view number_word(int32_t n) {
  switch (n) {
    case 1: return "one";
    case 2: return "two";
    case 3: return "three";
    case 4: return "four";
  }
  return "?";
}

}  // namespace wv::toyworld::lexicon
