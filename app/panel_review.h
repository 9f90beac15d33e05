// app/panel_review.h — the run's review: each panel's rating and its notes, pinned to the frame
// the panel shows when the note is written (and, if given, to the point where the pointer hit the
// panel). The notes live in the workspace's panel specs (PanelSpec::review), so saving keeps them;
// the pixels of a frame noted in this run are kept too, so an export needs no replay for them.
//
//   wv::app::PanelReview& review = control.review();
//   review.rate(0, 4);
//   review.add_note(0, "the ball clips the wall", glm::vec2(0.31f, 0.62f));
//   for (auto entry : review.notes()) show(review.note(entry));
//   review.export_to("out/review");   // review.md, review.csv, review.png (app/review_export.h)
//
// Threading: the render thread; the workspace, player and rollouts outlive it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "app/panel_actions.h"
#include "app/panel_player.h"
#include "app/review_export.h"
#include "app/rollout_sources.h"
#include "app/workspace/workspace.h"

namespace wv::app {

class PanelReview final : public ReviewActions {
 public:
  PanelReview(Workspace& workspace, const PanelPlayer& player, RolloutSources* rollouts);

  int rating(size_t panel) const override { return workspace_.panels[panel].review.rating; }
  // The frame a new note on the panel would be pinned to (null: none shown yet).
  FramePtr shown(size_t panel) const override { return player_.shown(panel); }
  // 0 clears the rating; 1 to 5 stars.
  Status rate(size_t panel, int stars) override;
  // A note at the frame the panel shows now; refused (saying why) when it shows none yet, the
  // text is empty or too long, or the panel has the most notes it may have.
  Status add_note(size_t panel, const std::string& text, std::optional<glm::vec2> point_uv) override;
  void remove_note(size_t panel, size_t note) override;

  // Every panel's notes: panel by panel, each panel's in the order they were written.
  std::vector<Entry> notes() const override;
  ReviewNote note(Entry entry) const override { return workspace_.panels[entry.panel].review.notes[entry.note]; }

  // Writes the review summary into `folder`: frames noted in this run as they were shown,
  // others replayed from a fresh copy of their panel's source.
  Result<ReviewExport> export_to(const std::string& folder) const override;
  // The panels were replaced (another workspace opened): the pixels kept were of the old ones.
  void forget_pixels() { pixels_.clear(); }

 private:
  void track_panels() const;

  Workspace& workspace_;
  const PanelPlayer& player_;
  RolloutSources* rollouts_;
  mutable std::vector<std::vector<FramePtr>> pixels_;  // per panel, per note; null: not seen in this run
};

}  // namespace wv::app
