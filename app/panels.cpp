#include "app/panels.h"

#include <cmath>

#include "app/display_label.h"
#include "app/layout.h"
#include "media/video_source.h"
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
  const std::string& description = spec.source.kind == SourceSpec::Kind::Rollout ? spec.source.rollout.prompt
                                   : spec.source.kind == SourceSpec::Kind::Video ? spec.source.video.path
                                                                                  : spec.source.toyworld.scene;
  return panel_label(index, spec.title.empty() ? description : spec.title);
}

}  // namespace

wv::Result<std::shared_ptr<wv::FrameSource>> open_source(const SourceSpec& spec, const std::string& where,
                                                         RolloutSources* rollouts) {
  switch (spec.kind) {
    case SourceSpec::Kind::Toyworld: {
      auto source = open_toyworld(spec.toyworld);
      if (!source) return Error{where + ": " + source.error().message};
      return std::shared_ptr<wv::FrameSource>(std::move(*source));
    }
    case SourceSpec::Kind::Rollout:
      if (!rollouts) return Error{where + ": rollout panels need the inference core, which this mode does not run"};
      return rollouts->open(spec.rollout, where);
    case SourceSpec::Kind::Video: {
      auto source = media::open_video_source(spec.video.path, {.loop = spec.video.loop});
      if (!source) return Error{where + ": " + source.error().message};
      return std::shared_ptr<wv::FrameSource>(std::move(*source));
    }
  }
  return Error{where + ": unknown source kind"};
}

std::vector<Panel> open_panels(const Workspace& workspace, const std::string& workspace_name,
                               RolloutSources* rollouts) {
  std::vector<Panel> panels(workspace.panels.size());
  std::vector<LayoutItem> items(workspace.panels.size());
  for (size_t i = 0; i < workspace.panels.size(); ++i) {
    const PanelSpec& spec = workspace.panels[i];
    Panel& panel = panels[i];
    panel.name = panel_name(i, spec);
    auto source = open_source(spec.source, workspace_name + ": panels[" + std::to_string(i) + "].source", rollouts);
    if (source) {
      panel.source = std::move(*source);
    } else {
      wv::log_error(source.error().message);
    }
    // The panel keeps its place even when its source failed: the layout must not jump.
    float aspect = 1.0f;
    if (panel.source && panel.source->info().width > 0) {
      aspect = float(panel.source->info().height) / float(panel.source->info().width);
    } else if (spec.source.kind == SourceSpec::Kind::Toyworld) {
      aspect = float(spec.source.toyworld.height) / float(spec.source.toyworld.width);
    }
    panel.size_m = {spec.width_m, spec.width_m * aspect};
    panel.curve_radius_m = spec.curve_radius_m;
    panel.quad = spec.layer == PanelSpec::Layer::Quad;
    panel.group = spec.group;
    items[i].size_m = panel.size_m;
    if (spec.pose) items[i].fixed = spec.pose->to_pose();
  }
  const std::vector<wv::Pose> poses = layout_panels(workspace.layout, items);
  for (size_t i = 0; i < panels.size(); ++i) panels[i].T_world_panel = poses[i];
  return panels;
}

}  // namespace wv::app
