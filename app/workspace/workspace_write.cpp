// workspace_to_json: Workspace -> file text, every field written, laid out for hand editing.
#include <string>

#include <nlohmann/json.hpp>

#include "app/workspace/json_fields.h"
#include "app/workspace/review_fields.h"
#include "app/workspace/source_kinds.h"
#include "app/workspace/workspace.h"

namespace wv::app {
namespace {

using Json = nlohmann::ordered_json;

// Strings the program put in a Workspace are not checked for UTF-8; replacing bad bytes (U+FFFD)
// keeps the writer from throwing.
std::string dump(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json write_panel(const PanelSpec& panel) {
  Json out;
  out["title"] = panel.title;
  out["source"] = write_source(panel.source);
  out["width_m"] = float_for_json(panel.width_m);
  out["curve_radius_m"] = float_for_json(panel.curve_radius_m);
  out["layer"] = panel.layer == PanelSpec::Layer::Quad ? "quad" : "projection";
  // Written only when set, like `branches`: ungrouped panels read cleanly in older builds.
  if (!panel.group.empty()) out["group"] = panel.group;
  if (panel.pose) {
    const PanelPose& pose = *panel.pose;
    out["pose"] = {{"position",
                    {float_for_json(pose.position_m.x), float_for_json(pose.position_m.y),
                     float_for_json(pose.position_m.z)}},
                   {"yaw_deg", float_for_json(pose.yaw_deg)},
                   {"pitch_deg", float_for_json(pose.pitch_deg)}};
  }
  // Written only when there is one, like `group`.
  if (!panel.review.empty()) out["review"] = write_review(panel.review);
  return out;
}

bool holds_containers(const Json& value) {
  for (const Json& item : value) {
    if (item.is_structured()) return true;
  }
  return false;
}

// Like dump(2), but arrays of plain values stay on one line ("size": [128, 128]).
void append_pretty(const Json& value, int indent, std::string& out) {
  const std::string inner(static_cast<std::size_t>(indent + 2), ' ');
  if (value.is_object() && !value.empty()) {
    out += "{\n";
    bool first = true;
    for (const auto& [key, item] : value.items()) {
      out += (first ? "" : ",\n") + inner + dump(Json(key)) + ": ";
      append_pretty(item, indent + 2, out);
      first = false;
    }
    out += "\n" + std::string(static_cast<std::size_t>(indent), ' ') + "}";
  } else if (value.is_array() && holds_containers(value)) {
    out += "[\n";
    for (std::size_t i = 0; i < value.size(); ++i) {
      out += (i ? ",\n" : "") + inner;
      append_pretty(value[i], indent + 2, out);
    }
    out += "\n" + std::string(static_cast<std::size_t>(indent), ' ') + "]";
  } else if (value.is_array() && !value.empty()) {
    out += "[";
    for (std::size_t i = 0; i < value.size(); ++i) out += (i ? ", " : "") + dump(value[i]);
    out += "]";
  } else {
    out += dump(value);
  }
}

}  // namespace

std::string workspace_to_json(const Workspace& workspace) {
  Json out;
  out["format"] = kWorkspaceFormat;
  out["version"] = kWorkspaceVersion;
  out["name"] = workspace.name;
  const LayoutSpec::Kind kind = workspace.layout.kind;
  out["layout"] = {{"kind", kind == LayoutSpec::Kind::Grid ? "grid" : kind == LayoutSpec::Kind::Stack ? "stack" : "arc"},
                   {"radius_m", float_for_json(workspace.layout.radius_m)},
                   {"eye_height_m", float_for_json(workspace.layout.eye_height_m)},
                   {"gap_m", float_for_json(workspace.layout.gap_m)}};
  out["panels"] = Json::array();
  for (const PanelSpec& panel : workspace.panels) out["panels"].push_back(write_panel(panel));
  std::string text;
  append_pretty(out, 0, text);
  return text + "\n";
}

}  // namespace wv::app
