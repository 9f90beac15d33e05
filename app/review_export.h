// app/review_export.h — a workspace's review as files a team reads and scripts: review.md (per
// panel its rating and notes with frame, timecode and point), review.csv (one row per note) and
// review.png (a contact sheet of the noted frames: each panel with notes starts a row, its noted
// frames left to right in the notes' order, 8 to a row, each scaled into the same cell, a ring
// where a note points; the first 256 notes, so the picture stays a size people can open).
// The Markdown and CSV name each note's cell in the sheet.
//
//   auto done = wv::app::export_review("out/review", {.workspace = &ws, .panel_names = names,
//                                                     .captured = nullptr, .open_source = open});
//   if (!done) wv::log_error(done.error().message);
//
// A frame that cannot be had (a source that fails, a video that got shorter) does not stop the
// export: its cell is crossed out and the Markdown and CSV say why. Threading: any one thread.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/workspace/workspace.h"
#include "wv/frame_source.h"

namespace wv::app {

struct ReviewExportInput {
  const Workspace* workspace = nullptr;
  std::vector<std::string> panel_names;  // one per panel, for people: "panel 0 (\"a calm sea\")"
  // The pixels of a note as it was shown when written; null (or no function): replay them.
  std::function<FramePtr(size_t panel, size_t note)> captured;
  // A source for the panel's frames from its first frame on, used only to replay notes.
  std::function<Result<std::shared_ptr<FrameSource>>(size_t panel)> open_source;
};

struct ReviewExport {
  std::string markdown;       // paths written
  std::string csv;
  std::string contact_sheet;  // empty: no notes, no sheet
  size_t notes = 0;
  size_t frames_missing = 0;  // notes whose frame could not be had (the files say why)
};

// Writes the files into `folder` (made if missing). Errors name the folder or the file.
Result<ReviewExport> export_review(const std::string& folder, const ReviewExportInput& input);

// "HH:MM:SS.mmm" for a time in seconds.
std::string format_timecode(double time_s);

}  // namespace wv::app
