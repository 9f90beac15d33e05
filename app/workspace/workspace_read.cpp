// parse_workspace: text -> Workspace, refusing anything outside the schema of docs/workspace.md.
#include <limits>

#include <nlohmann/json.hpp>

#include "app/workspace/json_document.h"
#include "app/workspace/json_fields.h"
#include "app/workspace/migrations.h"
#include "app/workspace/review_fields.h"
#include "app/workspace/source_kinds.h"
#include "app/workspace/workspace.h"

namespace wv::app {
namespace {

namespace limits = workspace_limits;
using Json = nlohmann::ordered_json;

constexpr double kPi = 3.14159265358979323846;

LayoutSpec read_layout(const Field& field) {
  ObjectFields layout = field.object();
  LayoutSpec spec;
  if (const std::optional<Field> kind = layout.optional("kind")) {
    const std::string name = kind->string(limits::kMaxTextBytes);
    if (name == "arc") {
      spec.kind = LayoutSpec::Kind::Arc;
    } else if (name == "grid") {
      spec.kind = LayoutSpec::Kind::Grid;
    } else if (name == "stack") {
      spec.kind = LayoutSpec::Kind::Stack;
    } else {
      kind->fail("unknown layout kind " + quote_for_message(name) + " (known: arc, grid, stack)");
    }
  }
  spec.radius_m = layout.optional_float("radius_m", spec.radius_m, 0.25f, limits::kMaxDistance_m);
  spec.eye_height_m = layout.optional_float("eye_height_m", spec.eye_height_m, 0.0f, limits::kMaxDistance_m);
  spec.gap_m = layout.optional_float("gap_m", spec.gap_m, 0.0f, limits::kMaxPanelWidth_m);
  layout.warn_unknown();
  return spec;
}

PanelPose read_pose(const Field& field) {
  ObjectFields pose = field.object();
  PanelPose spec;
  const Field position = pose.required("position");
  const std::vector<Field> xyz = position.array(3);
  if (xyz.size() != 3) position.fail("expected [x, y, z] in meters");
  for (int axis = 0; axis < 3; ++axis) {
    spec.position_m[axis] =
        xyz[static_cast<std::size_t>(axis)].number_float(-limits::kMaxDistance_m, limits::kMaxDistance_m);
  }
  spec.yaw_deg = pose.optional_float("yaw_deg", spec.yaw_deg, -360.0f, 360.0f);
  spec.pitch_deg = pose.optional_float("pitch_deg", spec.pitch_deg, -90.0f, 90.0f);
  pose.warn_unknown();
  return spec;
}

PanelSpec read_panel(const Field& field) {
  ObjectFields panel = field.object();
  PanelSpec spec;
  spec.title = panel.optional_string("title", "", limits::kMaxTextBytes);
  spec.source = read_source(panel.required("source"));
  spec.width_m = panel.optional_float("width_m", spec.width_m, limits::kMinPanelWidth_m,
                                      limits::kMaxPanelWidth_m);
  if (const std::optional<Field> curve = panel.optional("curve_radius_m")) {
    spec.curve_radius_m = curve->number_float(0.0f, limits::kMaxDistance_m);
    // A panel bent further than a half circle would wrap around the viewer's head.
    const double min_radius = spec.width_m / kPi;
    if (spec.curve_radius_m > 0.0f && spec.curve_radius_m < min_radius) {
      curve->fail("bends the panel more than a half circle: use 0 (flat) or at least width_m/pi = " +
                  format_number(min_radius) + " m");
    }
  }
  if (const std::optional<Field> pose = panel.optional("pose")) spec.pose = read_pose(*pose);
  if (const std::optional<Field> layer = panel.optional("layer")) {
    const std::string name = layer->string(limits::kMaxTextBytes);
    if (name == "projection") {
      spec.layer = PanelSpec::Layer::Projection;
    } else if (name == "quad") {
      spec.layer = PanelSpec::Layer::Quad;
    } else {
      layer->fail("unknown layer " + quote_for_message(name) + " (known: projection, quad)");
    }
    if (spec.layer == PanelSpec::Layer::Quad && spec.curve_radius_m > 0.0f)
      layer->fail("a quad layer is flat: use curve_radius_m 0, or layer \"projection\" for a curved panel");
  }
  spec.group = panel.optional_string("group", "", limits::kMaxGroupBytes);
  if (const std::optional<Field> review = panel.optional("review")) spec.review = read_review(*review);
  panel.warn_unknown();
  return spec;
}

Workspace read_workspace(nlohmann::ordered_json& document, FieldContext& context) {
  const Field root(context, document, FieldPath{});
  ObjectFields top = root.object();
  const Field format = top.required("format");
  if (!format.json().is_string() || format.json().get_ref<const std::string&>() != kWorkspaceFormat) {
    format.fail("not a worldview workspace (expected \"" + std::string(kWorkspaceFormat) + "\")");
  }
  const Field version_field = top.required("version");
  const auto version = static_cast<int>(version_field.integer(1, std::numeric_limits<int>::max()));
  if (version > kWorkspaceVersion) {
    version_field.fail("written by a newer worldview (workspace version " + std::to_string(version) +
                       "; this build reads versions up to " + std::to_string(kWorkspaceVersion) +
                       "): update worldview to open it");
  }
  // Older versions are upgraded on the JSON document before the fields below are read.
  upgrade_workspace(document, version, context);

  Workspace workspace;
  workspace.name = top.optional_string("name", "", limits::kMaxTextBytes);
  if (const std::optional<Field> layout = top.optional("layout")) workspace.layout = read_layout(*layout);
  for (const Field& panel : top.required("panels").array(limits::kMaxPanels)) {
    workspace.panels.push_back(read_panel(panel));
  }
  top.warn_unknown();
  return workspace;
}

}  // namespace

wv::Result<Workspace> parse_workspace(std::string_view json_text, const std::string& name_for_errors,
                                      std::vector<std::string>* out_warnings) {
  const std::string& file = name_for_errors;
  if (json_text.size() > limits::kMaxFileBytes) {
    return Error{file + ": " + std::to_string(json_text.size()) + " bytes, more than the " +
                 std::to_string(limits::kMaxFileBytes) + " a workspace file may have"};
  }
  try {
    auto doc = parse_json_document(json_text, file, {"a workspace file", "a worldview workspace"});
    if (!doc) return doc.error();
    FieldContext context{file, std::move(doc->lines), out_warnings};
    return read_workspace(doc->json, context);
  } catch (const FieldError& error) {
    return Error{error.what()};
  } catch (const std::exception& error) {
    // Not expected: every refusal above is a FieldError. Still an error, never a crash.
    return Error{file + ": could not read the workspace: " + error.what()};
  }
}

}  // namespace wv::app
