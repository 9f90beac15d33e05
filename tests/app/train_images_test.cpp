// The images `worldview train` writes: the loss curve and the contact sheet of rollouts.
#include <gtest/gtest.h>

#include <cmath>

#include "app/contact_sheet.h"
#include "app/loss_plot.h"

namespace wv::app {
namespace {

std::shared_ptr<Frame> filled(int32_t w, int32_t h, uint8_t value) {
  auto f = make_frame(w, h, 0, 0.0);
  for (size_t i = 0; i < f->pixels.size(); ++i) f->pixels[i] = (i % 4 == 3) ? 255 : value;
  return f;
}

TEST(ContactSheet, PlacesEveryNthFrameInItsRowAndColumn) {
  std::vector<std::vector<FramePtr>> rows(2);
  for (int i = 0; i < 5; ++i) rows[0].push_back(filled(4, 3, uint8_t(10 + i)));
  rows[1].push_back(filled(4, 3, 99));
  const auto sheet = contact_sheet(rows, /*every=*/2, /*gap=*/1);
  // 3 columns (frames 0, 2, 4) of 4 + 1 gap, 2 rows of 3 + 1 gap.
  ASSERT_EQ(sheet->width, 3 * 5 + 1);
  ASSERT_EQ(sheet->height, 2 * 4 + 1);
  EXPECT_EQ(sheet->row(1)[4 * 1], 10);            // row 0, column 0: frame 0
  EXPECT_EQ(sheet->row(1)[4 * (1 + 5)], 12);      // column 1: frame 2
  EXPECT_EQ(sheet->row(3)[4 * (1 + 10 + 3)], 14);  // column 2, last pixel: frame 4
  EXPECT_EQ(sheet->row(5)[4 * 1], 99);            // row 1
  EXPECT_EQ(sheet->row(0)[0], 255);               // gap
  EXPECT_EQ(sheet->row(5)[4 * 6], 255);           // row 1 has no second frame: background
}

int count_red(const Frame& f) {
  int n = 0;
  for (int32_t y = 0; y < f.height; ++y) {
    for (int32_t x = 0; x < f.width; ++x) {
      const uint8_t* p = f.row(y) + 4 * x;
      n += p[0] == 200 && p[1] == 40;
    }
  }
  return n;
}

TEST(LossPlot, DrawsAFallingTrendFromTopLeftToBottomRight) {
  std::vector<float> losses;
  for (int i = 0; i < 200; ++i) losses.push_back(float(std::exp(-i / 40.0)));
  const auto f = plot_losses(losses, 120, 60);
  ASSERT_EQ(f->width, 120);
  EXPECT_GT(count_red(*f), 100);
  auto red_at = [&](int32_t x) {
    for (int32_t y = 0; y < f->height; ++y) {
      if (f->row(y)[4 * x] == 200 && f->row(y)[4 * x + 1] == 40) return y;
    }
    return -1;
  };
  const int32_t early = red_at(20), late = red_at(105);
  ASSERT_GE(early, 0);
  ASSERT_GE(late, 0);
  EXPECT_LT(early, late);  // a falling loss ends lower in the image (larger y)
  // No valid values: axes only.
  EXPECT_EQ(count_red(*plot_losses({NAN, -1.0f}, 40, 20)), 0);
}

}  // namespace
}  // namespace wv::app
