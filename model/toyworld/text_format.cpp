// Canonical toyworld text: one fixed spelling per meaning, defaults left out (medium size,
// normal strength, gravity pointing down, still air, normal walls), so that parsing it gives
// back the same structure and formatting that gives back the same text.
#include <string>

#include "model/toyworld/text.h"
#include "model/toyworld/text_lexicon.h"

namespace wv::toyworld {

namespace {

std::string_view size_word(Size size) {
  switch (size) {
    case Size::Small: return "small";
    case Size::Medium: return "medium";
    case Size::Large: return "big";
  }
  return "?";
}

std::string_view shape_noun(std::optional<Shape> shape, bool plural) {
  if (!shape) return plural ? "objects" : "object";
  if (*shape == Shape::Ball) return plural ? "balls" : "ball";
  return plural ? "boxes" : "box";
}

std::string_view direction_word(Direction d) {
  switch (d) {
    case Direction::Down: return "down";
    case Direction::Up: return "up";
    case Direction::Left: return "left";
    case Direction::Right: return "right";
  }
  return "?";
}

// Where a wind toward `d` comes from.
std::string_view wind_origin(Direction d) {
  switch (d) {
    case Direction::Down: return "from above";
    case Direction::Up: return "from below";
    case Direction::Left: return "from the right";
    case Direction::Right: return "from the left";
  }
  return "?";
}

std::string_view place_phrase(Place place) {
  switch (place) {
    case Place::Anywhere: return "";
    case Place::Left: return " on the left";
    case Place::Right: return " on the right";
    case Place::Top: return " at the top";
    case Place::Bottom: return " at the bottom";
    case Place::Middle: return " in the middle";
  }
  return "";
}

std::string_view walls_word(Walls walls) {
  switch (walls) {
    case Walls::Soft: return "soft";
    case Walls::Normal: return "normal";
    case Walls::Bouncy: return "bouncy";
  }
  return "?";
}

std::string strength_prefix(Strength s) {
  if (s == Strength::Weak) return "weak ";
  if (s == Strength::Strong) return "strong ";
  return "";
}

// "a big orange ball", "two red boxes on the left"
std::string object_phrase(const ObjectSpec& o, int32_t count) {
  std::string words;
  if (o.size != Size::Medium) words += std::string(size_word(o.size)) + " ";
  words += std::string(name(o.color)) + " " + std::string(shape_noun(o.shape, count > 1));
  std::string number(lexicon::number_word(count));
  if (count == 1) number = (words[0] == 'o') ? "an" : "a";  // "orange" is the only vowel start
  return number + " " + words + std::string(place_phrase(o.place));
}

std::string gravity_phrase(const Force& f) {
  return strength_prefix(f.strength) + "gravity points " + std::string(direction_word(f.direction));
}

std::string wind_phrase(const Force& f) {
  return strength_prefix(f.strength) + "wind blows " + std::string(wind_origin(f.direction));
}

std::string selector_phrase(const Selector& who) {
  if (!who.shape && !who.color && !who.size) return who.plural ? "everything" : "the object";
  std::string words = "the ";
  if (who.size) words += std::string(size_word(*who.size)) + " ";
  if (who.color) words += std::string(name(*who.color)) + " ";
  return words + std::string(shape_noun(who.shape, who.plural));
}

// Verb agreement: "everything turns", "the balls turn".
std::string verb(std::string_view stem, bool plural_subject) {
  return std::string(stem) + (plural_subject ? "" : "s");
}

std::string change_phrase(const Change& c) {
  switch (c.kind) {
    case ChangeKind::SetGravity: return c.force ? gravity_phrase(*c.force) : "gravity turns off";
    case ChangeKind::FlipGravity: return "gravity flips";
    case ChangeKind::SetWind: return c.force ? wind_phrase(*c.force) : "the wind stops";
    case ChangeKind::Recolor: {
      const bool plural = c.who.plural && (c.who.shape || c.who.color || c.who.size);
      return selector_phrase(c.who) + " " + verb("turn", plural) + " " + std::string(name(c.color));
    }
    case ChangeKind::Appear: {
      ObjectSpec unplaced = c.object;
      unplaced.place = Place::Anywhere;
      return object_phrase(unplaced, c.count) + " " + verb("appear", c.count > 1) +
             std::string(place_phrase(c.object.place));
    }
    case ChangeKind::Freeze: return "everything freezes";
    case ChangeKind::Unfreeze: return "everything unfreezes";
    case ChangeKind::SetWalls: return "the walls turn " + std::string(walls_word(c.walls));
  }
  return "";
}

}  // namespace

std::string format_scene(const Scene& scene) {
  // Runs of equal objects become one phrase: "three red balls".
  std::vector<std::string> groups;
  for (size_t i = 0; i < scene.objects.size();) {
    size_t j = i + 1;
    while (j < scene.objects.size() && scene.objects[j] == scene.objects[i]) ++j;
    groups.push_back(object_phrase(scene.objects[i], int32_t(j - i)));
    i = j;
  }
  std::string text;
  for (size_t i = 0; i < groups.size(); ++i) {
    if (i > 0) text += (i + 1 == groups.size()) ? " and " : ", ";
    text += groups[i];
  }
  text += " in a " + std::string(name(scene.background)) + " room";
  if (!scene.gravity) {
    text += ", no gravity";
  } else if (*scene.gravity != Force{}) {
    text += ", " + gravity_phrase(*scene.gravity);
  }
  if (scene.wind) text += ", " + wind_phrase(*scene.wind);
  if (scene.walls != Walls::Normal) text += ", " + std::string(walls_word(scene.walls)) + " walls";
  return text;
}

std::string format_event(const Event& event) {
  std::string text;
  for (const Change& c : event.changes) {
    if (!text.empty()) text += ", ";
    text += change_phrase(c);
  }
  return text;
}

}  // namespace wv::toyworld
