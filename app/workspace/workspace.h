// app/workspace/workspace.h — workspace files (*.wv.json): which panels exist, what each shows,
// where each is and how big. The schema is documented field by field in docs/workspace.md.
//
//   wv::Result<wv::app::Workspace> ws = wv::app::load_workspace("assets/demo.wv.json");
//   if (!ws) { wv::log_error(ws.error().message); return 1; }   // "demo.wv.json:14: panels[2]..."
//   for (const wv::app::PanelSpec& panel : ws->panels) {
//     if (panel.source.kind == wv::app::SourceSpec::Kind::Toyworld) open(panel.source.toyworld);
//     if (panel.pose) place(panel.pose->to_pose());            // else the layout places it
//   }
//   ws->panels[0].width_m = 1.5f;
//   wv::Status saved = wv::app::save_workspace("assets/demo.wv.json", *ws);
//
// A workspace file is hostile input: every refusal is an Error whose message names the file,
// the line and the field ("file:line: field.path: reason"); nothing throws out of this header.
// Unknown fields are not errors: each one is reported as a warning (same "file:line: field"
// form) through wv::log_warn and, when asked for, out_warnings, and then ignored.
//
// Threading: the functions share no state and may run on any thread. The structs are plain
// values; append fields at the end, never reorder (STYLE.md 7).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wv/pose.h"
#include "wv/result.h"

namespace wv::app {

// The newest schema version this build reads and the one it writes.
inline constexpr int kWorkspaceVersion = 1;
inline constexpr std::string_view kWorkspaceFormat = "worldview-workspace";

// What a file may ask for; anything outside is refused with the field and the allowed range.
namespace workspace_limits {
inline constexpr std::uint64_t kMaxFileBytes = 4u << 20;  // checked before reading the file
inline constexpr std::size_t kMaxPanels = 64;
inline constexpr std::size_t kMaxEventsPerSource = 1024;
inline constexpr std::size_t kMaxTextBytes = 4096;  // any single string: names, titles, prompts
inline constexpr std::int32_t kMinFrameSide = 16;
inline constexpr std::int32_t kMaxFrameSide = 4096;
inline constexpr double kMinFps = 1.0;
inline constexpr double kMaxFps = 240.0;
inline constexpr double kMaxEventTime_s = 24.0 * 3600.0;
inline constexpr float kMaxPanelWidth_m = 50.0f;
inline constexpr float kMinPanelWidth_m = 0.05f;
inline constexpr float kMaxDistance_m = 1000.0f;  // |coordinate| of a panel, layout radius, ...
}  // namespace workspace_limits

// A prompt event: at source time at_s (seconds from the source's start) the text is applied.
struct TimedText {
  double at_s = 0.0;
  std::string text;

  bool operator==(const TimedText&) const = default;
};

// A procedural world described in toyworld's scene text; the app validates the text itself.
struct ToyworldSourceSpec {
  std::string scene;
  std::uint64_t seed = 1;
  std::int32_t width = 128;  // frame size in pixels
  std::int32_t height = 128;
  double fps = 30.0;
  std::vector<TimedText> events;  // in time order (non-decreasing at_s)

  bool operator==(const ToyworldSourceSpec&) const = default;
};

// What a panel shows. One member per kind; only the one named by `kind` is meaningful.
// Adding a kind: a value here, its spec struct and member, and one row in source_kinds.cpp.
struct SourceSpec {
  enum class Kind { Toyworld };
  Kind kind = Kind::Toyworld;
  ToyworldSourceSpec toyworld;

  bool operator==(const SourceSpec&) const = default;
};

// The name a kind has in the file ("toyworld").
std::string_view source_kind_name(SourceSpec::Kind kind);

// A panel placed by hand, in the world frame of wv/pose.h (meters, +Y up, viewer at the
// origin looking along -Z). yaw_deg turns the panel about +Y (0: its front faces +Z, toward a
// viewer in front of it at -Z; positive turns counter-clockwise seen from above); pitch_deg
// tilts the front face up (positive) or down. Stored as in the file so saving loses nothing.
struct PanelPose {
  glm::vec3 position_m{0.0f};
  float yaw_deg = 0.0f;
  float pitch_deg = 0.0f;

  wv::Pose to_pose() const;  // T_world_panel
  bool operator==(const PanelPose&) const = default;
};

struct PanelSpec {
  std::string title;  // may be empty: the app then shows the source's own description
  SourceSpec source;
  float width_m = 1.0f;         // height follows the source's aspect ratio
  float curve_radius_m = 0.0f;  // 0: flat; else bent around a vertical axis toward the viewer
  std::optional<PanelPose> pose;  // absent: the layout places the panel
  // How xr mode shows the panel: drawn into the projection layer with the room, or handed to the
  // compositor as its own quad layer (sharper; flat panels only). Other modes draw both alike.
  enum class Layer { Projection, Quad };
  Layer layer = Layer::Projection;

  bool operator==(const PanelSpec&) const = default;
};

// How panels without a pose are placed around the viewer (at the origin, looking along -Z).
struct LayoutSpec {
  enum class Kind { Arc, Grid };
  Kind kind = Kind::Arc;
  float radius_m = 2.2f;      // distance from the viewer to the panels' centers
  float eye_height_m = 1.5f;  // height of the panels' centers above the floor
  float gap_m = 0.15f;        // space between neighbouring panels' edges

  bool operator==(const LayoutSpec&) const = default;
};

struct Workspace {
  int version = kWorkspaceVersion;  // after loading always kWorkspaceVersion (older files are upgraded)
  std::string name;
  LayoutSpec layout;
  std::vector<PanelSpec> panels;

  bool operator==(const Workspace&) const = default;
};

// Reads and checks a file. Refuses (before reading it) a missing path, a directory, a file over
// kMaxFileBytes; then anything parse_workspace refuses. Messages name the file by `path`.
wv::Result<Workspace> load_workspace(const std::string& path,
                                     std::vector<std::string>* out_warnings = nullptr);

// Checks text as a workspace file; `name_for_errors` (a file name) starts every message.
wv::Result<Workspace> parse_workspace(std::string_view json_text, const std::string& name_for_errors,
                                      std::vector<std::string>* out_warnings = nullptr);

// The file text for `workspace` (current version, every field written). For a workspace that
// parse_workspace accepted, parse_workspace(workspace_to_json(w)) == w.
std::string workspace_to_json(const Workspace& workspace);

// Writes atomically: a temporary file in the same folder, fsync, rename over `path`, fsync of
// the folder. Until the rename the previous file is untouched; on failure no temporary file is
// left. Refuses to write a workspace that load_workspace would refuse (the message says which
// field), so a saved file always loads again.
wv::Status save_workspace(const std::string& path, const Workspace& workspace);

}  // namespace wv::app
