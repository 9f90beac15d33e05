// app/review_note.h — the rules every way of writing a panel's review shares (the in-world
// console through app/panel_review.h, host applications through the C API): a rating is 0 (none)
// to kMaxRating stars; a note is 1 to kMaxTextBytes bytes of UTF-8, a panel has at most
// kMaxNotesPerPanel, and a note's point is kept to a ten-thousandth of the panel, inside it.
//
//   if (Status s = wv::app::check_rating(stars); !s) return s;
//   auto note = wv::app::make_review_note(spec.review, "panel 2", frame->index, frame->pts_s, text, uv);
//   if (!note) return note.error();
//   spec.review.notes.push_back(*note);
//
// Pure functions, any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <glm/glm.hpp>

#include "app/workspace/workspace.h"
#include "wv/result.h"

namespace wv::app {

Status check_rating(int stars);

// A note on frame `frame` (shown at `time_s` on its source's timeline) for a panel whose review
// is `review` now; errors name `panel_name` where it helps.
Result<ReviewNote> make_review_note(const ReviewSpec& review, const std::string& panel_name, int64_t frame,
                                    double time_s, const std::string& text, std::optional<glm::vec2> point_uv);

}  // namespace wv::app
