#include "app/panels.h"

#include <cmath>

#include "app/layout.h"
#include "model/toyworld/source.h"
#include "wv/log.h"

namespace wv::app {
namespace {

wv::Result<std::unique_ptr<wv::FrameSource>> open_toyworld(const ToyworldSourceSpec& spec) {
  toyworld::SourceParams params;
  params.scene = spec.scene;
  params.seed = spec.seed;
  params.width = spec.width;
  params.height = spec.height;
  params.fps = spec.fps;
  for (const TimedText& event : spec.events) {
    params.events.push_back({int64_t(std::llround(event.at_s * spec.fps)), event.text});
  }
  return toyworld::make_source(params);
}

std::string panel_name(size_t index, const PanelSpec& spec) {
  std::string label = spec.title.empty() ? spec.source.toyworld.scene : spec.title;
  if (label.size() > 60) label = label.substr(0, 57) + "...";
  return "panel " + std::to_string(index) + " (\"" + label + "\")";
}

}  // namespace

wv::Result<std::unique_ptr<wv::FrameSource>> open_source(const SourceSpec& spec, const std::string& where) {
  wv::Result<std::unique_ptr<wv::FrameSource>> source = Error{"unknown source kind"};
  switch (spec.kind) {
    case SourceSpec::Kind::Toyworld: source = open_toyworld(spec.toyworld); break;
  }
  if (!source) return Error{where + ": " + source.error().message};
  return source;
}

std::vector<Panel> open_panels(const Workspace& workspace, const std::string& workspace_name) {
  std::vector<Panel> panels(workspace.panels.size());
  std::vector<LayoutItem> items(workspace.panels.size());
  for (size_t i = 0; i < workspace.panels.size(); ++i) {
    const PanelSpec& spec = workspace.panels[i];
    Panel& panel = panels[i];
    panel.name = panel_name(i, spec);
    auto source = open_source(spec.source, workspace_name + ": panels[" + std::to_string(i) + "].source");
    if (source) {
      panel.source = std::move(*source);
    } else {
      wv::log_error(source.error().message);
    }
    // The panel keeps its place even when its source failed: the layout must not jump.
    const auto& toy = spec.source.toyworld;
    const float aspect = float(toy.height) / float(toy.width);
    panel.size_m = {spec.width_m, spec.width_m * aspect};
    panel.curve_radius_m = spec.curve_radius_m;
    panel.quad = spec.layer == PanelSpec::Layer::Quad;
    items[i].size_m = panel.size_m;
    if (spec.pose) items[i].fixed = spec.pose->to_pose();
  }
  const std::vector<wv::Pose> poses = layout_panels(workspace.layout, items);
  for (size_t i = 0; i < panels.size(); ++i) panels[i].T_world_panel = poses[i];
  return panels;
}

}  // namespace wv::app
