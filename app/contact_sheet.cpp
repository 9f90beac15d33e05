#include "app/contact_sheet.h"

#include <algorithm>
#include <cstring>

#include "wv/result.h"

namespace wv::app {

std::shared_ptr<Frame> contact_sheet(const std::vector<std::vector<FramePtr>>& rows, int32_t every, int32_t gap) {
  WV_ASSERT(every >= 1 && gap >= 0);
  int32_t fw = 1, fh = 1, columns = 1;
  for (const auto& row : rows) {
    if (!row.empty()) fw = row[0]->width, fh = row[0]->height;
    columns = std::max(columns, int32_t((row.size() + size_t(every) - 1) / size_t(every)));
  }
  const int32_t n_rows = std::max<int32_t>(1, int32_t(rows.size()));
  auto sheet = make_frame(columns * (fw + gap) + gap, n_rows * (fh + gap) + gap, 0, 0.0);
  for (int32_t y = 0; y < sheet->height; ++y) {
    for (int32_t x = 0; x < sheet->width; ++x) {
      uint8_t* p = sheet->row(y) + 4 * x;
      p[0] = p[1] = p[2] = 255, p[3] = 255;  // white gaps
    }
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t i = 0; i < rows[r].size(); i += size_t(every)) {
      const Frame& f = *rows[r][i];
      WV_ASSERT(f.width == fw && f.height == fh && f.format == PixelFormat::Rgba8Srgb);
      const int32_t x0 = gap + int32_t(i / size_t(every)) * (fw + gap), y0 = gap + int32_t(r) * (fh + gap);
      for (int32_t y = 0; y < fh; ++y) std::memcpy(sheet->row(y0 + y) + 4 * x0, f.row(y), size_t(fw) * 4);
    }
  }
  return sheet;
}

}  // namespace wv::app
