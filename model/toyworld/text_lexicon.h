// model/toyworld/text_lexicon.h — (internal) the words of the toyworld language and what each
// one means; shared by the parser and the formatter so both speak the same vocabulary.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "model/toyworld/event.h"
#include "model/toyworld/scene.h"

namespace wv::toyworld::lexicon {

enum class Kind : uint8_t {
  Filler,      // articles, prepositions, verbs of motion: carry no meaning here
  Separator,   // "and", "then", "while": ends a clause like a comma
  Number,      // value: 0..12
  Article,     // "a", "an": one, unless a number says otherwise
  SizeWord,    // value: Size
  ColorWord,   // value: Color
  Dark,        // "dark": with blue/green/purple names a room color
  RoomColor,   // value: Background (one-word room colors)
  ShapeNoun,   // value: Shape; plural
  AnyNoun,     // "object(s)", "thing(s)": any shape; plural
  Everything,  // "everything", "time", "world"
  Room,        // "room", "background"
  Gravity,
  Wind,
  WallsNoun,
  StrengthWord,  // value: Strength (not Normal, see NormalWord)
  NormalWord,    // "normal": strength, size or walls, by what it describes
  WallsWord,     // value: Walls (Soft or Bouncy)
  DirectionWord, // value: Direction ("left", "top", "above", ...)
  Middle,        // "middle", "center": a place
  From,
  No,          // "no", "zero", "without"
  Off,         // "off": gravity or wind stops
  Stop,        // "stops": wind/gravity off, or everything freezes
  TurnVerb,    // "turns", "becomes": a new color (or walls' bounciness) follows
  AppearVerb,
  FreezeVerb,
  UnfreezeVerb,
  FlipVerb,
};

struct Word {
  Kind kind = Kind::Filler;
  uint8_t value = 0;
  bool plural = false;
};

// `word` in lowercase ASCII; nullopt when the language does not know it.
std::optional<Word> lookup(std::string_view word);

// "one" .. "four" for the canonical text.
std::string_view number_word(int32_t n);

}  // namespace wv::toyworld::lexicon
