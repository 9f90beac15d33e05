#include "app/workspace/review_fields.h"

namespace wv::app {
namespace {

namespace limits = workspace_limits;

ReviewNote read_note(const Field& field) {
  ObjectFields fields = field.object();
  ReviewNote note;
  note.frame = fields.required("frame").integer(0, limits::kMaxBranchFrame);
  note.time_s = fields.required("time_s").number(0.0, limits::kMaxEventTime_s);
  const Field text = fields.required("text");
  note.text = text.string(limits::kMaxTextBytes);
  if (note.text.empty()) text.fail("empty note text");
  if (const std::optional<Field> point = fields.optional("point")) {
    const std::vector<Field> uv = point->array(2);
    if (uv.size() != 2) point->fail("expected [u, v]: 0..1 from the panel's left and top");
    note.point_uv = glm::vec2(uv[0].number_float(0.0f, 1.0f), uv[1].number_float(0.0f, 1.0f));
  }
  fields.warn_unknown();
  return note;
}

}  // namespace

ReviewSpec read_review(const Field& field) {
  ObjectFields fields = field.object();
  ReviewSpec review;
  if (const std::optional<Field> rating = fields.optional("rating"))
    review.rating = static_cast<int>(rating->integer(0, limits::kMaxRating));
  if (const std::optional<Field> notes = fields.optional("notes"))
    for (const Field& note : notes->array(limits::kMaxNotesPerPanel)) review.notes.push_back(read_note(note));
  fields.warn_unknown();
  return review;
}

nlohmann::ordered_json write_review(const ReviewSpec& review) {
  nlohmann::ordered_json out;
  out["rating"] = review.rating;
  out["notes"] = nlohmann::ordered_json::array();
  for (const ReviewNote& note : review.notes) {
    nlohmann::ordered_json item;
    item["frame"] = note.frame;
    item["time_s"] = note.time_s;
    item["text"] = note.text;
    if (note.point_uv) item["point"] = {float_for_json(note.point_uv->x), float_for_json(note.point_uv->y)};
    out["notes"].push_back(std::move(item));
  }
  return out;
}

}  // namespace wv::app
