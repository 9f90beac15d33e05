#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "model/toyworld/palette.h"

namespace wv::toyworld {
namespace {

double distance(Rgb8 a, Rgb8 b) {
  const double dr = a.r - b.r, dg = a.g - b.g, db = a.b - b.b;
  return std::sqrt(dr * dr + dg * dg + db * db);
}

// A color-segmentation probe must tell every object color from every other and from every
// room color.
TEST(ToyworldPalette, ObjectColorsAreFarFromEachOtherAndFromEveryRoom) {
  for (int i = 0; i < kColorCount; ++i) {
    for (int j = i + 1; j < kColorCount; ++j) {
      EXPECT_GT(distance(rgb(Color(i)), rgb(Color(j))), 80.0) << name(Color(i)) << " vs " << name(Color(j));
    }
    for (int b = 0; b < kBackgroundCount; ++b) {
      EXPECT_GT(distance(rgb(Color(i)), rgb(Background(b))), 80.0)
          << name(Color(i)) << " vs " << name(Background(b));
    }
  }
  for (int a = 0; a < kBackgroundCount; ++a) {
    for (int b = a + 1; b < kBackgroundCount; ++b) {
      EXPECT_GT(distance(rgb(Background(a)), rgb(Background(b))), 35.0)
          << name(Background(a)) << " vs " << name(Background(b));
    }
  }
}

TEST(ToyworldPalette, NamesAreUnique) {
  std::set<std::string> names;
  for (int i = 0; i < kColorCount; ++i) names.insert(std::string(name(Color(i))));
  for (int b = 0; b < kBackgroundCount; ++b) names.insert(std::string(name(Background(b))));
  EXPECT_EQ(names.size(), size_t(kColorCount + kBackgroundCount));
}

}  // namespace
}  // namespace wv::toyworld
