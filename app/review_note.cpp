#include "app/review_note.h"

#include "app/workspace/utf8.h"

namespace wv::app {

namespace limits = workspace_limits;

Status check_rating(int stars) {
  if (stars < 0 || stars > limits::kMaxRating)
    return Error{"a rating is 0 (none) to " + std::to_string(limits::kMaxRating) + " stars"};
  return Status::success();
}

Result<ReviewNote> make_review_note(const ReviewSpec& review, const std::string& panel_name, int64_t frame,
                                    double time_s, const std::string& text, std::optional<glm::vec2> point_uv) {
  if (text.empty()) return Error{"nothing to note: type the note first"};
  if (text.size() > limits::kMaxTextBytes)
    return Error{"a note is at most " + std::to_string(limits::kMaxTextBytes) + " bytes"};
  if (const auto bad = find_invalid_utf8(text))
    return Error{"the note is not UTF-8 text (byte " + std::to_string(*bad) + ")"};
  if (review.notes.size() >= limits::kMaxNotesPerPanel)
    return Error{panel_name + " has " + std::to_string(review.notes.size()) + " notes, the most a panel may have"};
  // To a ten-thousandth of the panel: finer than any pointer, and the file reads cleanly.
  if (point_uv) point_uv = glm::clamp(glm::round(*point_uv * 1e4f) / 1e4f, glm::vec2(0.0f), glm::vec2(1.0f));
  return ReviewNote{.frame = frame, .time_s = time_s, .text = text, .point_uv = point_uv};
}

}  // namespace wv::app
