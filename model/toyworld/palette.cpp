#include "model/toyworld/palette.h"

namespace wv::toyworld {

// Object colors are saturated and bright, room colors dark or grey, so every object color is
// more than 80 RGB units from every other color of either list (checked by palette_test).
Rgb8 rgb(Color color) {
  switch (color) {
    case Color::Red: return {225, 40, 45};
    case Color::Green: return {60, 200, 70};
    case Color::Blue: return {55, 115, 245};
    case Color::Yellow: return {245, 230, 50};
    case Color::Orange: return {250, 135, 20};
    case Color::Purple: return {165, 75, 225};
    case Color::White: return {240, 240, 240};
    case Color::Cyan: return {50, 225, 230};
    case Color::Pink: return {250, 135, 195};
  }
  return {};
}

Rgb8 rgb(Background background) {
  switch (background) {
    case Background::DarkBlue: return {20, 30, 85};
    case Background::Black: return {12, 12, 14};
    case Background::DarkGreen: return {20, 65, 35};
    case Background::Grey: return {110, 110, 116};
    case Background::DarkPurple: return {60, 25, 75};
    case Background::Brown: return {95, 58, 30};
  }
  return {};
}

std::string_view name(Color color) {
  switch (color) {
    case Color::Red: return "red";
    case Color::Green: return "green";
    case Color::Blue: return "blue";
    case Color::Yellow: return "yellow";
    case Color::Orange: return "orange";
    case Color::Purple: return "purple";
    case Color::White: return "white";
    case Color::Cyan: return "cyan";
    case Color::Pink: return "pink";
  }
  return "?";
}

std::string_view name(Background background) {
  switch (background) {
    case Background::DarkBlue: return "dark blue";
    case Background::Black: return "black";
    case Background::DarkGreen: return "dark green";
    case Background::Grey: return "grey";
    case Background::DarkPurple: return "dark purple";
    case Background::Brown: return "brown";
  }
  return "?";
}

}  // namespace wv::toyworld
