// app/panels.h — the panels of an open workspace: each with its source, place and size.
//
//   std::vector<wv::app::Panel> panels = wv::app::open_panels(workspace, "demo.wv.json", rollouts.get());
//   for (auto& p : panels) if (!p.source) show_error(p);   // a broken panel fails alone
//
// Sources are opened from the workspace's specs; a source that cannot open (bad scene text,
// say) leaves that panel without a source and logs why, naming the file and the panel. Panels
// without a pose are placed by the workspace's layout. Rollout panels open through `rollouts`
// (app/rollout_sources.h); without it they fail, saying so.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/rollout_sources.h"
#include "app/workspace/workspace.h"
#include "wv/frame_source.h"
#include "wv/pose.h"

namespace wv::app {

struct Panel {
  std::string name;  // for messages: "panel 2 (\"three red balls ...\")"
  std::shared_ptr<wv::FrameSource> source;  // null: the source could not open
  wv::Pose T_world_panel;
  glm::vec2 size_m{1.0f, 1.0f};
  float curve_radius_m = 0.0f;
  bool quad = false;  // xr mode: shown as its own quad layer (PanelSpec::Layer::Quad)
  std::string group;  // panels with the same non-empty group play in lockstep (PanelSpec::group)
};

// Opens a source for `spec`; errors start with `where` (e.g. "demo.wv.json: panels[1].source").
wv::Result<std::shared_ptr<wv::FrameSource>> open_source(const SourceSpec& spec, const std::string& where,
                                                         RolloutSources* rollouts);

std::vector<Panel> open_panels(const Workspace& workspace, const std::string& workspace_name,
                               RolloutSources* rollouts);

}  // namespace wv::app
