#include "app/panel_review.h"

#include "app/panels.h"
#include "app/review_note.h"

namespace wv::app {

PanelReview::PanelReview(Workspace& workspace, const PanelPlayer& player, RolloutSources* rollouts)
    : workspace_(workspace), player_(player), rollouts_(rollouts) {}

void PanelReview::track_panels() const {
  // Panels added since (branches, Add panel) start with no notes; loaded notes have no pixels.
  pixels_.resize(workspace_.panels.size());
  for (size_t i = 0; i < pixels_.size(); ++i) pixels_[i].resize(workspace_.panels[i].review.notes.size());
}

Status PanelReview::rate(size_t panel, int stars) {
  WV_ASSERT(panel < workspace_.panels.size());
  if (Status valid = check_rating(stars); !valid) return valid;
  workspace_.panels[panel].review.rating = stars;
  return Status::success();
}

Status PanelReview::add_note(size_t panel, const std::string& text, std::optional<glm::vec2> point_uv) {
  WV_ASSERT(panel < workspace_.panels.size() && panel < player_.size());
  track_panels();
  const std::string& name = player_.panel(panel).name;
  const FramePtr& shown = player_.shown(panel);
  if (!shown) return Error{name + " shows no frame yet: nothing to pin a note to"};
  ReviewSpec& review = workspace_.panels[panel].review;
  auto note = make_review_note(review, name, shown->index, shown->pts_s, text, point_uv);
  if (!note) return note.error();
  review.notes.push_back(std::move(*note));
  pixels_[panel].push_back(shown);
  return Status::success();
}

void PanelReview::remove_note(size_t panel, size_t note) {
  track_panels();
  std::vector<ReviewNote>& notes = workspace_.panels[panel].review.notes;
  WV_ASSERT(note < notes.size());
  notes.erase(notes.begin() + std::ptrdiff_t(note));
  pixels_[panel].erase(pixels_[panel].begin() + std::ptrdiff_t(note));
}

std::vector<PanelReview::Entry> PanelReview::notes() const {
  std::vector<Entry> out;
  for (size_t p = 0; p < workspace_.panels.size(); ++p)
    for (size_t n = 0; n < workspace_.panels[p].review.notes.size(); ++n) out.push_back({p, n});
  return out;
}

Result<ReviewExport> PanelReview::export_to(const std::string& folder) const {
  track_panels();
  std::vector<std::string> names;
  for (size_t i = 0; i < workspace_.panels.size(); ++i)
    names.push_back(i < player_.size() ? player_.panel(i).name : "panel " + std::to_string(i));
  return export_review(folder, {.workspace = &workspace_,
                                .panel_names = names,
                                .captured = [this](size_t panel, size_t note) { return pixels_[panel][note]; },
                                .open_source = [this, &names](size_t panel) {
                                  // A fresh copy: the one on screen plays on, elsewhere.
                                  return open_source(workspace_.panels[panel].source, names[panel], rollouts_);
                                }});
}

}  // namespace wv::app
