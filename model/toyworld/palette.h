// model/toyworld/palette.h — the fixed, named colors of toyworld: object colors and room
// (background) colors, chosen far apart in RGB so a color-segmentation probe can tell every
// object color from every other and from every room color, also after the renderer's shading.
//
//   wv::toyworld::Rgb8 c = wv::toyworld::rgb(wv::toyworld::Color::Red);
//   std::string_view n = wv::toyworld::name(wv::toyworld::Background::DarkBlue);  // "dark blue"
//
// Append new colors at the end of an enum only: the numeric values are part of saved episodes.
#pragma once

#include <cstdint>
#include <string_view>

namespace wv::toyworld {

enum class Color : uint8_t { Red, Green, Blue, Yellow, Orange, Purple, White, Cyan, Pink };
inline constexpr int kColorCount = 9;

enum class Background : uint8_t { DarkBlue, Black, DarkGreen, Grey, DarkPurple, Brown };
inline constexpr int kBackgroundCount = 6;

struct Rgb8 {
  uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb8&) const = default;
};

// sRGB-encoded flat colors (the renderer shades around them by a few percent).
Rgb8 rgb(Color color);
Rgb8 rgb(Background background);

// Canonical names as the text language writes them ("red", "dark blue").
std::string_view name(Color color);
std::string_view name(Background background);

}  // namespace wv::toyworld
