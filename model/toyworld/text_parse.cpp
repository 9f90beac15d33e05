// Parsing the toyworld language (grammar: README.md). Two stages:
//   1. words → statements, clause by clause. A clause ends at , . ; : ! ? or "and"/"then"/
//      "while". Modifiers (numbers, sizes, colors, strengths) wait for the noun they describe;
//      directions, verbs and new colors after a noun apply to that noun (the clause's subject).
//   2. statements → a Scene or an Event, with the checks that depend on which one is wanted.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "model/toyworld/text.h"
#include "model/toyworld/text_lexicon.h"

namespace wv::toyworld {

namespace {

using lexicon::Kind;

constexpr size_t kMaxShownTextChars = 80;
constexpr size_t kMaxShownWordChars = 32;

// Printable ASCII as is, every other byte as \xNN, cut at `limit` characters.
std::string printable(std::string_view text, size_t limit) {
  std::string out;
  for (unsigned char c : text) {
    if (out.size() >= limit) {
      out += "...";
      break;
    }
    if (c >= 0x20 && c < 0x7f) {
      out += char(c);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", unsigned(c));
      out += hex;
    }
  }
  return out;
}

struct Token {
  std::string text;  // lowercase ASCII as written
  bool clause_end = false;
};

bool is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool is_clause_mark(unsigned char c) {
  return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?';
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) tokens.push_back({std::move(word), false});
    word.clear();
  };
  for (unsigned char c : text) {
    if (is_space(c) || c == '-') {
      flush();
    } else if (is_clause_mark(c)) {
      flush();
      tokens.push_back({"", true});
    } else {
      word += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : char(c);
    }
  }
  flush();
  return tokens;
}

enum class StatementKind { Objects, Room, Gravity, Wind, Walls, Everything };
enum class Verb { None, Recolor, Appear, Freeze, Unfreeze };

// One thing a clause talks about, with what the clause says about it.
struct Statement {
  StatementKind kind = StatementKind::Objects;
  std::string noun;  // as written, for messages
  // Objects
  std::optional<int> count;
  bool count_is_number = false;  // "two balls" rather than "a ball"
  std::optional<Size> size;
  std::optional<Color> color;
  std::optional<Shape> shape;  // nullopt: "object", "thing"
  bool plural = false;
  std::optional<Place> place;
  Verb verb = Verb::None;
  Color new_color = Color::Red;
  // Room
  std::optional<Background> background;  // nullopt: "the room" without a color
  // Gravity, wind
  bool none = false;
  bool flip = false;
  std::optional<Direction> direction;
  Strength strength = Strength::Normal;
  // Walls
  std::optional<Walls> walls;
};

// Modifiers read but not yet attached to a noun.
struct Pending {
  std::string first_word;  // for "'red' describes nothing"
  std::optional<int> count;
  bool count_is_number = false;
  std::optional<Size> size;
  std::optional<Color> color;
  std::optional<Background> room;
  bool dark = false;
  std::optional<Strength> strength;
  bool normal = false;
  std::optional<Walls> walls;
  bool no = false;
  bool from = false;

  bool empty() const {
    return !count && !size && !color && !room && !dark && !strength && !normal && !walls && !no &&
           !from;
  }
  void note(const std::string& word) {
    if (first_word.empty()) first_word = word;
  }
};

Place place_of(Direction d) {
  switch (d) {
    case Direction::Left: return Place::Left;
    case Direction::Right: return Place::Right;
    case Direction::Up: return Place::Top;
    case Direction::Down: return Place::Bottom;
  }
  return Place::Anywhere;
}

Direction opposite(Direction d) {
  switch (d) {
    case Direction::Left: return Direction::Right;
    case Direction::Right: return Direction::Left;
    case Direction::Up: return Direction::Down;
    case Direction::Down: return Direction::Up;
  }
  return d;
}

std::optional<Background> dark_room(Color c) {
  switch (c) {
    case Color::Blue: return Background::DarkBlue;
    case Color::Green: return Background::DarkGreen;
    case Color::Purple: return Background::DarkPurple;
    default: return std::nullopt;
  }
}

constexpr const char* kRoomColors = "dark blue, black, dark green, grey, dark purple or brown";
constexpr const char* kObjectColors =
    "red, green, blue, yellow, orange, purple, white, cyan or pink";

// Reads words into statements. Returns an error reason (without the text) or "".
class StatementReader {
 public:
  std::vector<Statement> statements;
  std::vector<std::string> unknown_words;

  std::string read(const std::vector<Token>& tokens) {
    for (const Token& token : tokens) {
      if (token.clause_end) {
        if (auto e = end_clause(); !e.empty()) return e;
        continue;
      }
      const std::optional<lexicon::Word> word = lexicon::lookup(token.text);
      if (!word) {
        unknown_words.push_back(printable(token.text, kMaxShownWordChars));
        continue;
      }
      if (auto e = take(token.text, *word); !e.empty()) return e;
    }
    return end_clause();
  }

 private:
  Pending pending_;
  int subject_ = -1;  // index of the statement the current clause talks about
  bool expect_color_ = false;     // after "turns": the new color follows
  std::string verb_word_;

  static std::string q(const std::string& word) { return "'" + word + "'"; }

  Statement& add(StatementKind kind, const std::string& noun) {
    statements.push_back(Statement{.kind = kind, .noun = noun});
    subject_ = int(statements.size()) - 1;
    return statements.back();
  }

  Statement& subject() { return statements[size_t(subject_)]; }
  bool subject_is(StatementKind kind) const {
    return subject_ >= 0 && statements[size_t(subject_)].kind == kind;
  }
  bool subject_is_force() const {
    return subject_is(StatementKind::Gravity) || subject_is(StatementKind::Wind);
  }

  std::string end_clause() {
    if (expect_color_) return q(verb_word_) + " needs a new color, e.g. 'turn green'";
    if (!pending_.empty()) return q(pending_.first_word) + " describes nothing";
    subject_ = -1;
    return "";
  }

  std::string take(const std::string& text, const lexicon::Word& word) {
    switch (word.kind) {
      case Kind::Filler: return "";
      case Kind::Separator: return end_clause();
      case Kind::Number:
      case Kind::Article:
        if (pending_.count) return "two numbers before " + q(text);
        pending_.note(text);
        pending_.count = word.kind == Kind::Article ? 1 : int(word.value);
        pending_.count_is_number = word.kind == Kind::Number;
        return "";
      case Kind::SizeWord:
        if (pending_.size) return "two sizes before " + q(text);
        pending_.note(text);
        pending_.size = Size(word.value);
        return "";
      case Kind::ColorWord: return take_color(text, Color(word.value));
      case Kind::Dark:
        pending_.note(text);
        pending_.dark = true;
        return "";
      case Kind::RoomColor:
        if (pending_.room) return "two room colors before " + q(text);
        pending_.note(text);
        pending_.room = Background(word.value);
        return "";
      case Kind::ShapeNoun:
      case Kind::AnyNoun: return take_object(text, word);
      case Kind::Everything: return take_noun_without_modifiers(text, StatementKind::Everything);
      case Kind::Room: return take_room(text);
      case Kind::Gravity:
      case Kind::Wind: return take_force(text, word.kind);
      case Kind::WallsNoun: return take_walls(text);
      case Kind::StrengthWord:
        if (subject_is_force() && pending_.empty()) {
          subject().strength = Strength(word.value);
          return "";
        }
        if (pending_.strength) return "two strengths before " + q(text);
        pending_.note(text);
        pending_.strength = Strength(word.value);
        return "";
      case Kind::NormalWord:
        if (subject_is_force() && pending_.empty()) {
          subject().strength = Strength::Normal;
          return "";
        }
        if (subject_is(StatementKind::Walls) && pending_.empty()) {
          subject().walls = Walls::Normal;
          expect_color_ = false;
          return "";
        }
        pending_.note(text);
        pending_.normal = true;
        return "";
      case Kind::WallsWord:
        if (subject_is(StatementKind::Walls) && pending_.empty()) {
          subject().walls = Walls(word.value);
          expect_color_ = false;
          return "";
        }
        pending_.note(text);
        pending_.walls = Walls(word.value);
        return "";
      case Kind::DirectionWord: return take_direction(text, Direction(word.value));
      case Kind::Middle:
        if (!subject_is(StatementKind::Objects)) return q(text) + " needs an object before it";
        subject().place = Place::Middle;
        return "";
      case Kind::From:
        pending_.note(text);
        pending_.from = true;
        return "";
      case Kind::No:
        pending_.note(text);
        pending_.no = true;
        return "";
      case Kind::Off:
      case Kind::Stop: return take_stop(text, word.kind);
      case Kind::TurnVerb:
        // "gravity turns off", "wind turns to the left": no new color follows.
        if (subject_is_force()) return "";
        if (subject_is(StatementKind::Room)) return "the room color is set by the scene and cannot change";
        if (!subject_is(StatementKind::Objects) && !subject_is(StatementKind::Everything) &&
            !subject_is(StatementKind::Walls)) {
          return q(text) + " needs what turns, e.g. 'the balls turn green'";
        }
        expect_color_ = true;
        verb_word_ = text;
        return "";
      case Kind::AppearVerb:
        if (!subject_is(StatementKind::Objects)) return q(text) + " needs an object, e.g. 'a blue ball appears'";
        return set_verb(text, Verb::Appear);
      case Kind::FreezeVerb:
      case Kind::UnfreezeVerb:
        if (!subject_is(StatementKind::Everything)) {
          return "only everything can " + q(text) + ", e.g. 'everything freezes'";
        }
        return set_verb(text, word.kind == Kind::FreezeVerb ? Verb::Freeze : Verb::Unfreeze);
      case Kind::FlipVerb:
        if (!subject_is(StatementKind::Gravity)) return q(text) + " needs gravity: 'gravity flips'";
        subject().flip = true;
        return "";
    }
    return "";
  }

  std::string set_verb(const std::string& text, Verb verb) {
    if (subject().verb != Verb::None) return "two things happen to " + q(subject().noun) + " at " + q(text);
    subject().verb = verb;
    return "";
  }

  std::string take_color(const std::string& text, Color color) {
    if (expect_color_) {
      if (!pending_.empty()) return q(pending_.first_word) + " describes nothing";
      if (subject_is(StatementKind::Walls)) return "walls turn bouncy, soft or normal, not " + q(text);
      expect_color_ = false;
      subject().new_color = color;
      return set_verb(text, Verb::Recolor);
    }
    if (pending_.dark) {
      const auto room = dark_room(color);
      if (!room) return "'dark " + text + "' is not a room color; rooms are " + kRoomColors;
      if (pending_.room) return "two room colors before " + q(text);
      pending_.dark = false;
      pending_.room = room;
      return "";
    }
    if (pending_.color) return "two colors before " + q(text);
    pending_.note(text);
    pending_.color = color;
    return "";
  }

  // Room colors, strengths, bounciness and "no"/"from" describe other nouns than objects.
  std::string misplaced_modifier(const std::string& noun) const {
    if (pending_.room) {
      return "the room color '" + std::string(name(*pending_.room)) + "' cannot describe " +
             q(noun) + "; objects are " + kObjectColors;
    }
    if (pending_.dark) return "'dark' cannot describe " + q(noun) + "; objects are " + kObjectColors;
    if (pending_.strength || pending_.walls || pending_.no || pending_.from) {
      return q(pending_.first_word) + " cannot describe " + q(noun);
    }
    return "";
  }

  std::string take_object(const std::string& text, const lexicon::Word& word) {
    if (auto e = misplaced_modifier(text); !e.empty()) return e;
    if (expect_color_) return q(verb_word_) + " needs a new color, e.g. 'turn green'";
    Statement& s = add(StatementKind::Objects, text);
    s.count = pending_.count;
    s.count_is_number = pending_.count_is_number;
    s.size = pending_.normal ? std::optional(Size::Medium) : pending_.size;
    if (pending_.normal && pending_.size) return "two sizes before " + q(text);
    s.color = pending_.color;
    if (word.kind == Kind::ShapeNoun) s.shape = Shape(word.value);
    s.plural = word.plural;
    pending_ = {};
    return "";
  }

  std::string take_noun_without_modifiers(const std::string& text, StatementKind kind) {
    if (!pending_.empty()) return q(pending_.first_word) + " cannot describe " + q(text);
    add(kind, text);
    return "";
  }

  std::string take_room(const std::string& text) {
    if (pending_.dark) return "'dark' needs blue, green or purple: rooms are " + std::string(kRoomColors);
    if (!pending_.room && pending_.color) {
      return "the object color '" + std::string(name(*pending_.color)) +
             "' is not a room color; rooms are " + kRoomColors;
    }
    if (pending_.count_is_number || pending_.size || pending_.color || pending_.strength ||
        pending_.normal || pending_.walls || pending_.no || pending_.from) {
      return q(pending_.first_word) + " cannot describe the " + q(text);
    }
    Statement& s = add(StatementKind::Room, text);
    s.background = pending_.room;
    pending_ = {};
    return "";
  }

  std::string take_force(const std::string& text, Kind kind) {
    if (pending_.count_is_number || pending_.size || pending_.color || pending_.room ||
        pending_.dark || pending_.walls || pending_.from) {
      return q(pending_.first_word) + " cannot describe " + q(text);
    }
    Statement& s = add(kind == Kind::Gravity ? StatementKind::Gravity : StatementKind::Wind, text);
    if (pending_.strength) s.strength = *pending_.strength;
    s.none = pending_.no;
    pending_ = {};
    return "";
  }

  std::string take_walls(const std::string& text) {
    if (pending_.count || pending_.size || pending_.color || pending_.room || pending_.dark ||
        pending_.strength || pending_.no || pending_.from) {
      return q(pending_.first_word) + " cannot describe " + q(text);
    }
    Statement& s = add(StatementKind::Walls, text);
    if (pending_.normal) s.walls = Walls::Normal;
    if (pending_.walls) s.walls = pending_.walls;
    pending_ = {};
    return "";
  }

  std::string take_direction(const std::string& text, Direction d) {
    const bool from = pending_.from;
    pending_.from = false;
    if (!pending_.empty()) return q(pending_.first_word) + " cannot describe " + q(text);
    pending_ = {};
    if (subject_is(StatementKind::Gravity)) {
      if (from) return "gravity points toward a side, e.g. 'gravity points left', not from it";
      if (subject().direction) return "two directions for gravity at " + q(text);
      subject().direction = d;
      return "";
    }
    if (subject_is(StatementKind::Wind)) {
      if (subject().direction) return "two directions for the wind at " + q(text);
      subject().direction = from ? opposite(d) : d;
      return "";
    }
    if (subject_is(StatementKind::Objects)) {
      if (from) return "objects are placed 'on the left', not 'from the left'";
      if (subject().place) return "two places for " + q(subject().noun) + " at " + q(text);
      subject().place = place_of(d);
      return "";
    }
    return "the direction " + q(text) + " needs gravity, wind or an object before it";
  }

  std::string take_stop(const std::string& text, Kind kind) {
    if (subject_is_force()) {
      subject().none = true;
      return "";
    }
    if (kind == Kind::Stop && subject_is(StatementKind::Everything)) return set_verb(text, Verb::Freeze);
    return q(text) + " needs gravity, wind or everything before it";
  }
};

// --- Statements to a Scene or an Event ----------------------------------------------------------


// Unknown words come first: they are usually why the rest did not parse.
Error failure(std::string_view what, std::string_view text, const std::string& reason,
              const std::vector<std::string>& unknown) {
  std::string message = "toyworld " + std::string(what) + " " + quote_text(text) + ": ";
  if (!unknown.empty()) {
    message += "unknown words";
    for (size_t i = 0; i < unknown.size() && i < 8; ++i) message += (i ? ", '" : " '") + unknown[i] + "'";
    if (unknown.size() > 8) message += " and " + std::to_string(unknown.size() - 8) + " more";
    message += "; then " + reason;
  } else {
    message += reason;
  }
  return Error{message};
}

std::string object_count(const Statement& s, int& out_count) {
  if (!s.count) {
    if (s.plural) return "say how many " + s.noun + ", e.g. 'two " + s.noun + "'";
    out_count = 1;
    return "";
  }
  if (*s.count < 1 || *s.count > kMaxSceneObjects) {
    return std::to_string(*s.count) + " " + s.noun + ": say 1 to " +
           std::to_string(kMaxSceneObjects);
  }
  out_count = *s.count;
  return "";
}

std::string object_spec(const Statement& s, ObjectSpec& out) {
  if (!s.shape) return "say ball or box instead of " + ("'" + s.noun + "'");
  if (!s.color) return "which color " + s.noun + "? objects are " + kObjectColors;
  out = ObjectSpec{.shape = *s.shape,
                   .color = *s.color,
                   .size = s.size.value_or(Size::Medium),
                   .place = s.place.value_or(Place::Anywhere)};
  return "";
}

std::string force_of(const Statement& s, std::optional<Force>& out) {
  if (s.none) {
    if (s.direction) return "'no " + s.noun + "' cannot have a direction";
    out.reset();
    return "";
  }
  if (!s.direction && s.kind == StatementKind::Wind) {
    return "say where the wind blows from, e.g. 'wind blows from the left'";
  }
  out = Force{.direction = s.direction.value_or(Direction::Down), .strength = s.strength};
  return "";
}

std::string build_scene(const std::vector<Statement>& statements, Scene& scene) {
  bool have_room = false, have_gravity = false, have_wind = false, have_walls = false;
  for (const Statement& s : statements) {
    switch (s.kind) {
      case StatementKind::Objects: {
        if (s.verb != Verb::None) return "'" + s.noun + "' changing is an event, not a scene";
        int count = 0;
        ObjectSpec spec;
        if (auto e = object_count(s, count); !e.empty()) return e;
        if (auto e = object_spec(s, spec); !e.empty()) return e;
        if (scene.objects.size() + size_t(count) > size_t(kMaxSceneObjects)) {
          return "more than " + std::to_string(kMaxSceneObjects) + " objects";
        }
        scene.objects.insert(scene.objects.end(), size_t(count), spec);
        break;
      }
      case StatementKind::Room:
        if (have_room) return "the room color is given twice";
        if (!s.background) return "which color is the " + s.noun + "? rooms are " + kRoomColors;
        have_room = true;
        scene.background = *s.background;
        break;
      case StatementKind::Gravity:
        if (have_gravity) return "gravity is given twice";
        if (s.flip) return "'gravity flips' is an event; give it a frame";
        have_gravity = true;
        if (auto e = force_of(s, scene.gravity); !e.empty()) return e;
        break;
      case StatementKind::Wind:
        if (have_wind) return "the wind is given twice";
        have_wind = true;
        if (auto e = force_of(s, scene.wind); !e.empty()) return e;
        break;
      case StatementKind::Walls:
        if (have_walls) return "the walls are given twice";
        if (!s.walls) return "say 'bouncy walls' or 'soft walls'";
        have_walls = true;
        scene.walls = *s.walls;
        break;
      case StatementKind::Everything:
        return "'" + s.noun + "' changing is an event, not a scene; give it a frame";
    }
  }
  if (scene.objects.empty()) return "no objects; name 1 to 4, e.g. 'a red ball'";
  if (!have_room) return std::string("no room color, e.g. 'in a black room'; rooms are ") + kRoomColors;
  return "";
}

std::string build_change(const Statement& s, Change& c) {
  switch (s.kind) {
    case StatementKind::Objects:
      if (s.verb == Verb::Appear) {
        c.kind = ChangeKind::Appear;
        if (auto e = object_count(s, c.count); !e.empty()) return e;
        return object_spec(s, c.object);
      }
      if (s.verb == Verb::Recolor) {
        if (s.count_is_number) return "say 'the " + s.noun + "' without a number";
        if (s.place) return "objects are chosen by shape, color and size, not by place";
        c.kind = ChangeKind::Recolor;
        c.who = Selector{.shape = s.shape, .color = s.color, .size = s.size, .plural = s.plural};
        c.color = s.new_color;
        return "";
      }
      return "what happens to '" + s.noun + "'? e.g. 'turns green' or 'appears'";
    case StatementKind::Everything:
      switch (s.verb) {
        case Verb::Freeze: c.kind = ChangeKind::Freeze; return "";
        case Verb::Unfreeze: c.kind = ChangeKind::Unfreeze; return "";
        case Verb::Recolor:
          c.kind = ChangeKind::Recolor;
          c.who = Selector{};
          c.color = s.new_color;
          return "";
        default: return "what happens to '" + s.noun + "'? e.g. 'freezes' or 'unfreezes'";
      }
    case StatementKind::Room: return "the room color is set by the scene and cannot change";
    case StatementKind::Gravity:
      if (s.flip) {
        if (s.none || s.direction) return "'gravity flips' takes no direction";
        c.kind = ChangeKind::FlipGravity;
        return "";
      }
      c.kind = ChangeKind::SetGravity;
      return force_of(s, c.force);
    case StatementKind::Wind:
      c.kind = ChangeKind::SetWind;
      return force_of(s, c.force);
    case StatementKind::Walls:
      if (!s.walls) return "say how the walls change, e.g. 'the walls turn bouncy'";
      c.kind = ChangeKind::SetWalls;
      c.walls = *s.walls;
      return "";
  }
  return "";
}

// Common front half: limits, words, statements.
std::string read_statements(std::string_view text, StatementReader& reader) {
  if (text.size() > kMaxTextBytes) {
    return "too long (" + std::to_string(text.size()) + " bytes; at most " +
           std::to_string(kMaxTextBytes) + ")";
  }
  return reader.read(tokenize(text));
}

}  // namespace

std::string quote_text(std::string_view text) {
  return "\"" + printable(text, kMaxShownTextChars) + "\"";
}

Result<ParsedScene> parse_scene(std::string_view text) {
  StatementReader reader;
  std::string reason = read_statements(text, reader);
  ParsedScene parsed;
  if (reason.empty()) reason = build_scene(reader.statements, parsed.scene);
  if (!reason.empty()) return failure("scene", text, reason, reader.unknown_words);
  parsed.unknown_words = std::move(reader.unknown_words);
  return parsed;
}

Result<ParsedEvent> parse_event(std::string_view text) {
  StatementReader reader;
  std::string reason = read_statements(text, reader);
  ParsedEvent parsed;
  if (reason.empty() && reader.statements.empty()) {
    reason = "nothing happens; e.g. 'gravity points left' or 'the balls turn green'";
  }
  for (size_t i = 0; reason.empty() && i < reader.statements.size(); ++i) {
    Change change;
    reason = build_change(reader.statements[i], change);
    parsed.event.changes.push_back(change);
  }
  if (!reason.empty()) return failure("event", text, reason, reader.unknown_words);
  parsed.unknown_words = std::move(reader.unknown_words);
  return parsed;
}

}  // namespace wv::toyworld
