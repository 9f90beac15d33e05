// capi/workspace_state.h — what a wv_workspace is: a workspace file's settings and panels, each
// panel with its Source (shared with the host's wv_source handle), place and size. Saving
// writes every panel's source as it stands now (steers and branches included, capi/source.h).
//
//   auto ws = WorkspaceState::load(engine, "demo.wv.json");   // opens every panel's source
//   ws->add(source, 1.2f);                                    // placed by the layout
//   ws->save("mine.wv.json");
//
// Panels keep their review (rating, notes pinned to frames) in their spec, so it is saved too.
//
// Threading: every method from any thread (one mutex).
#pragma once

#include <memory>
#include <optional>
#include <mutex>
#include <string>
#include <vector>

#include "app/panels.h"
#include "app/workspace/workspace.h"
#include "wv/result.h"

namespace wv::capi {

class Engine;
class Source;

class WorkspaceState {
 public:
  // Errors: the file, the line and the reason (app/workspace/workspace.h).
  static Result<std::shared_ptr<WorkspaceState>> load(Engine& engine, const std::string& path);
  explicit WorkspaceState(Engine& engine);
  ~WorkspaceState();  // lets go of the engine (the sources stay the host's)

  struct Panel {
    std::shared_ptr<Source> source;  // null: it failed to open
    app::Panel placed;               // pose and size (placed.source is not used here)
  };

  void add(std::shared_ptr<Source> source, float width_m);
  std::vector<Panel> panels() const;
  bool same_engine(const Source& source) const;
  Engine& engine() const { return engine_; }

  // Review (app/review_note.h's rules); panel indices are checked by the caller (panels()).
  app::ReviewSpec review(size_t panel) const;
  Status rate(size_t panel, int stars);
  Status add_note(size_t panel, int64_t frame, const std::string& text, std::optional<glm::vec2> point_uv);
  Status remove_note(size_t panel, size_t note);
  // Writes now() to `path`, which is from then on the workspace's file.
  Status save(const std::string& path);
  // The file it was loaded from or last saved to (empty: none).
  std::string path() const;
  // The workspace as save() writes it: every panel's source as it stands and where it is.
  app::Workspace now() const;

  // The console's (capi/workspace_actions.h): every panel placed again by `kind` (poses set by
  // hand are dropped), and one panel moved by hand.
  void relayout(app::LayoutSpec::Kind kind);
  app::LayoutSpec::Kind layout() const;
  void set_pose(size_t panel, const wv::Pose& T_world_panel);

 private:
  void place_locked();  // mutex_ held: the layout places every panel without a pose

  Engine& engine_;
  mutable std::mutex mutex_;
  app::Workspace workspace_;  // the panels' specs as loaded; sources override them when saving
  std::vector<Panel> panels_;
  std::string path_;
};

}  // namespace wv::capi
