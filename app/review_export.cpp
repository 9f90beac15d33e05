#include "app/review_export.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "app/contact_sheet.h"
#include "app/review_frames.h"
#include "media/png.h"
#include "wv/atomic_file.h"

namespace wv::app {
namespace {

namespace fs = std::filesystem;

constexpr int32_t kCellWidth = 192;  // pixels of one noted frame in the sheet
constexpr int32_t kGap = 8;
constexpr int kSheetColumns = 8;            // a panel's notes wrap onto more rows
constexpr size_t kMaxSheetCells = 256;      // keeps the sheet's size in hand (about 1608 x 13k pixels at most)

// One note with what the files say about it.
struct NoteRow {
  size_t panel = 0;
  size_t index = 0;  // in the panel's notes
  const ReviewNote* note = nullptr;
  FramePtr frame;
  std::string missing;       // why there is no frame
  int sheet_row = 0, sheet_column = 0;  // 1-based cell in review.png; 0: not in it (past kMaxSheetCells)
};

std::string source_line(const SourceSpec& source) {
  switch (source.kind) {
    case SourceSpec::Kind::Rollout:
      return "rollout of model " + source.rollout.model + ", prompt \"" + source.rollout.prompt + "\", seed " +
             std::to_string(source.rollout.seed);
    case SourceSpec::Kind::Video: return "video " + source.video.path;
    case SourceSpec::Kind::Toyworld:
      return "toyworld \"" + source.toyworld.scene + "\", seed " + std::to_string(source.toyworld.seed);
  }
  return "";
}

std::string stars(int rating) {
  if (rating == 0) return "not rated";
  return std::string(size_t(rating), '*') + std::string(size_t(workspace_limits::kMaxRating - rating), '-') + " (" +
         std::to_string(rating) + "/" + std::to_string(workspace_limits::kMaxRating) + ")";
}

std::string point_text(const ReviewNote& note) {
  if (!note.point_uv) return "";
  char text[48];
  std::snprintf(text, sizeof text, "%.3f, %.3f", note.point_uv->x, note.point_uv->y);
  return text;
}

// A table cell: one line, pipes escaped.
std::string markdown_cell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

// RFC 4180, and text a spreadsheet would run as a formula starts with a quote mark.
std::string csv_field(const std::string& text) {
  std::string value = text;
  if (!value.empty() && std::string_view("=+-@\t\r").find(value[0]) != std::string_view::npos) value.insert(0, "'");
  if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
  std::string out = "\"";
  for (const char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string sheet_cell(const NoteRow& row) {
  if (row.sheet_row == 0) return "not in it (it shows the first " + std::to_string(kMaxSheetCells) + " notes)";
  if (!row.missing.empty()) return "crossed out: " + markdown_cell(row.missing);
  return "row " + std::to_string(row.sheet_row) + ", column " + std::to_string(row.sheet_column);
}

// A cell number for the CSV: empty when the note is not in the sheet.
std::string sheet_number(int n) { return n > 0 ? std::to_string(n) : ""; }

std::string markdown(const ReviewExportInput& in, const std::vector<NoteRow>& rows) {
  const Workspace& ws = *in.workspace;
  std::string md = "# Review: " + (ws.name.empty() ? std::string("(untitled workspace)") : markdown_cell(ws.name)) + "\n\n";
  md += "| panel | rating | notes |\n|---|---|---|\n";
  for (size_t p = 0; p < ws.panels.size(); ++p)
    md += "| " + markdown_cell(in.panel_names[p]) + " | " + stars(ws.panels[p].review.rating) + " | " +
          std::to_string(ws.panels[p].review.notes.size()) + " |\n";
  for (size_t p = 0; p < ws.panels.size(); ++p) {
    if (ws.panels[p].review.empty()) continue;
    md += "\n## " + markdown_cell(in.panel_names[p]) + "\n\n";
    md += "Rating: " + stars(ws.panels[p].review.rating) + ". Source: " + markdown_cell(source_line(ws.panels[p].source)) + ".\n";
    if (ws.panels[p].review.notes.empty()) continue;
    md += "\n| # | frame | timecode | point (u, v) | note | in review.png |\n|---|---|---|---|---|---|\n";
    for (const NoteRow& row : rows) {
      if (row.panel != p) continue;
      md += "| " + std::to_string(row.index + 1) + " | " + std::to_string(row.note->frame) + " | " +
            format_timecode(row.note->time_s) + " | " + point_text(*row.note) + " | " + markdown_cell(row.note->text) +
            " | " + sheet_cell(row) + " |\n";
    }
  }
  return md;
}

std::string csv(const ReviewExportInput& in, const std::vector<NoteRow>& rows) {
  std::string out = "panel,panel_name,rating,note,frame,timecode,time_s,u,v,text,sheet_row,sheet_column,frame_missing\n";
  for (const NoteRow& row : rows) {
    char time[32];
    std::snprintf(time, sizeof time, "%.6f", row.note->time_s);
    std::string u, v;
    if (row.note->point_uv) {
      char a[16], b[16];
      std::snprintf(a, sizeof a, "%.4f", row.note->point_uv->x);
      std::snprintf(b, sizeof b, "%.4f", row.note->point_uv->y);
      u = a, v = b;
    }
    out += std::to_string(row.panel) + "," + csv_field(in.panel_names[row.panel]) + "," +
           std::to_string(in.workspace->panels[row.panel].review.rating) + "," + std::to_string(row.index + 1) + "," +
           std::to_string(row.note->frame) + "," + format_timecode(row.note->time_s) + "," + time + "," + u + "," + v +
           "," + csv_field(row.note->text) + "," + sheet_number(row.sheet_row) + "," +
           sheet_number(row.sheet_column) + "," + csv_field(row.missing) + "\n";
  }
  return out;
}

void put(Frame& f, int32_t x, int32_t y, uint8_t r, uint8_t g, uint8_t b) {
  if (x < 0 || y < 0 || x >= f.width || y >= f.height) return;
  uint8_t* p = f.row(y) + 4 * x;
  p[0] = r, p[1] = g, p[2] = b, p[3] = 255;
}

// The frame scaled (bilinear) to fit the cell, centred on dark grey; a ring where the note points;
// no frame: the cell crossed out.
FramePtr cell_for(const NoteRow& row, int32_t cell_w, int32_t cell_h) {
  auto cell = make_frame(cell_w, cell_h, 0, 0.0);
  for (int32_t y = 0; y < cell_h; ++y)
    for (int32_t x = 0; x < cell_w; ++x) put(*cell, x, y, 40, 40, 44);
  if (!row.frame) {
    for (int32_t x = 0; x < cell_w; ++x) {
      const int32_t y = int32_t(int64_t(x) * cell_h / cell_w);
      put(*cell, x, y, 220, 60, 60), put(*cell, x, cell_h - 1 - y, 220, 60, 60);
    }
    return cell;
  }
  const Frame& src = *row.frame;
  const float scale = std::min(float(cell_w) / float(src.width), float(cell_h) / float(src.height));
  const int32_t w = std::max(1, int32_t(std::lround(float(src.width) * scale)));
  const int32_t h = std::max(1, int32_t(std::lround(float(src.height) * scale)));
  const int32_t x0 = (cell_w - w) / 2, y0 = (cell_h - h) / 2;
  for (int32_t y = 0; y < h; ++y) {
    const float sy = std::clamp((float(y) + 0.5f) / scale - 0.5f, 0.0f, float(src.height - 1));
    const int32_t ya = int32_t(sy), yb = std::min(ya + 1, src.height - 1);
    const float fy = sy - float(ya);
    for (int32_t x = 0; x < w; ++x) {
      const float sx = std::clamp((float(x) + 0.5f) / scale - 0.5f, 0.0f, float(src.width - 1));
      const int32_t xa = int32_t(sx), xb = std::min(xa + 1, src.width - 1);
      const float fx = sx - float(xa);
      uint8_t* out = cell->row(y0 + y) + 4 * (x0 + x);
      for (int c = 0; c < 3; ++c) {
        const float top = float(src.row(ya)[4 * xa + c]) * (1 - fx) + float(src.row(ya)[4 * xb + c]) * fx;
        const float bottom = float(src.row(yb)[4 * xa + c]) * (1 - fx) + float(src.row(yb)[4 * xb + c]) * fx;
        out[c] = uint8_t(std::lround(top * (1 - fy) + bottom * fy));
      }
      out[3] = 255;
    }
  }
  if (row.note->point_uv) {
    // A red ring inside a white one, readable on any picture.
    const float cx = float(x0) + row.note->point_uv->x * float(w), cy = float(y0) + row.note->point_uv->y * float(h);
    for (int32_t y = int32_t(cy) - 10; y <= int32_t(cy) + 10; ++y)
      for (int32_t x = int32_t(cx) - 10; x <= int32_t(cx) + 10; ++x) {
        const float d = std::hypot(float(x) + 0.5f - cx, float(y) + 0.5f - cy);
        if (d >= 5.0f && d < 7.5f) put(*cell, x, y, 255, 40, 40);
        else if (d >= 7.5f && d < 9.0f) put(*cell, x, y, 255, 255, 255);
      }
  }
  return cell;
}

// Fills in each row's frame: as captured, else replayed from the panel's source.
void find_frames(const ReviewExportInput& in, std::vector<NoteRow>& rows) {
  std::map<size_t, std::set<int64_t>> wanted;  // panel -> frames to replay
  for (NoteRow& row : rows) {
    if (row.sheet_row == 0) continue;  // not shown: no need to make it
    if (in.captured) row.frame = in.captured(row.panel, row.index);
    if (!row.frame) wanted[row.panel].insert(row.note->frame);
  }
  for (const auto& [panel, frames] : wanted) {
    std::map<int64_t, FramePtr> found;
    std::string why;
    auto source = in.open_source ? in.open_source(panel) : Result<std::shared_ptr<FrameSource>>(Error{"no source"});
    if (!source) {
      why = source.error().message;
    } else {
      const std::vector<int64_t> indices(frames.begin(), frames.end());
      auto replayed = frames_at(**source, indices, in.panel_names[panel]);
      if (!replayed) why = replayed.error().message;
      else
        for (size_t i = 0; i < indices.size(); ++i) found[indices[i]] = (*replayed)[i];
    }
    for (NoteRow& row : rows) {
      if (row.panel != panel || row.frame || row.sheet_row == 0) continue;
      row.frame = found[row.note->frame];
      if (!row.frame) row.missing = why.empty() ? "the frame could not be had" : why;
    }
  }
}

}  // namespace

std::string format_timecode(double time_s) {
  const auto ms = int64_t(std::llround(std::max(0.0, time_s) * 1000.0));
  char text[32];
  std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld.%03lld", (long long)(ms / 3600000), (long long)(ms / 60000 % 60),
                (long long)(ms / 1000 % 60), (long long)(ms % 1000));
  return text;
}

Result<ReviewExport> export_review(const std::string& folder, const ReviewExportInput& in) {
  WV_ASSERT(in.workspace && in.panel_names.size() == in.workspace->panels.size());
  std::error_code error;
  fs::create_directories(folder, error);
  if (error || !fs::is_directory(folder)) return Error{folder + ": cannot make the review folder: " + error.message()};

  // The rows in panel order, and their cells in the sheet: each panel with notes starts a sheet
  // row, and its notes wrap after kSheetColumns.
  std::vector<NoteRow> rows;
  int sheet_row = 0;
  size_t cells = 0;
  for (size_t p = 0; p < in.workspace->panels.size(); ++p) {
    const std::vector<ReviewNote>& notes = in.workspace->panels[p].review.notes;
    for (size_t n = 0; n < notes.size(); ++n) {
      NoteRow row{.panel = p, .index = n, .note = &notes[n]};
      if (cells < kMaxSheetCells) {
        if (n % kSheetColumns == 0) ++sheet_row;
        row.sheet_row = sheet_row;
        row.sheet_column = int(n % kSheetColumns) + 1;
        ++cells;
      }
      rows.push_back(row);
    }
  }
  find_frames(in, rows);

  ReviewExport out;
  out.notes = rows.size();
  out.markdown = (fs::path(folder) / "review.md").string();
  out.csv = (fs::path(folder) / "review.csv").string();
  if (Status s = write_file_atomically(out.markdown, markdown(in, rows)); !s) return s.error();
  if (Status s = write_file_atomically(out.csv, csv(in, rows)); !s) return s.error();
  if (rows.empty()) return out;

  float aspect = 0.0f;  // the tallest frame decides the cells' height
  for (const NoteRow& row : rows)
    if (row.frame) aspect = std::max(aspect, float(row.frame->height) / float(row.frame->width));
  const int32_t cell_h = std::clamp(int32_t(std::lround(kCellWidth * (aspect > 0 ? aspect : 1.0f))), 64, 2 * kCellWidth);
  std::vector<std::vector<FramePtr>> sheet(static_cast<size_t>(sheet_row));
  for (NoteRow& row : rows) {
    if (row.sheet_row == 0) continue;
    if (!row.frame) ++out.frames_missing;
    sheet[size_t(row.sheet_row - 1)].push_back(cell_for(row, kCellWidth, cell_h));
  }
  out.contact_sheet = (fs::path(folder) / "review.png").string();
  if (Status s = media::write_png(out.contact_sheet, *contact_sheet(sheet, 1, kGap)); !s) return s.error();
  return out;
}

}  // namespace wv::app
