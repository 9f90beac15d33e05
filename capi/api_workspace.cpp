// The C API (wv/worldview.h): workspaces and their review.
#include <cmath>

#include "capi/call_result.h"
#include "capi/engine.h"
#include "capi/handles.h"
#include "capi/source.h"
#include "capi/workspace_state.h"
#include "wv/worldview.h"

using namespace wv::capi;

namespace {

// The workspace of `handle` when `panel` is one of its panels; else null, with the error set.
std::shared_ptr<WorkspaceState> find_panel(wv_workspace handle, size_t panel, const char* function, wv_result* error) {
  auto state = find_handle<WorkspaceState>(handle);
  if (!state) {
    *error = invalid_handle(function, "workspace");
    return nullptr;
  }
  const size_t count = state->panels().size();
  if (panel >= count) {
    *error = fail(WV_ERROR_INVALID_ARGUMENT, std::string(function) + ": panel " + std::to_string(panel) + " of " +
                                                 std::to_string(count) + " panels");
    return nullptr;
  }
  return state;
}

}  // namespace

extern "C" {

wv_result wv_workspace_load(wv_engine engine_handle, const char* path, wv_workspace* out_workspace) {
  return guarded([&] {
    auto engine = find_handle<Engine>(engine_handle);
    if (!engine) return invalid_handle("wv_workspace_load", "engine");
    if (!path) return null_argument("wv_workspace_load", "path");
    if (!out_workspace) return null_argument("wv_workspace_load", "out_workspace");
    *out_workspace = nullptr;
    auto state = WorkspaceState::load(*engine, path);
    if (!state) return fail(WV_ERROR_BAD_INPUT, state.error().message);
    for (const WorkspaceState::Panel& panel : (*state)->panels()) {
      if (panel.source) panel.source->set_handle(add_handle<wv_source>(panel.source));
    }
    *out_workspace = add_handle<wv_workspace>(*state);
    return WV_OK;
  });
}

wv_result wv_workspace_create(wv_engine engine_handle, wv_workspace* out_workspace) {
  return guarded([&] {
    auto engine = find_handle<Engine>(engine_handle);
    if (!engine) return invalid_handle("wv_workspace_create", "engine");
    if (!out_workspace) return null_argument("wv_workspace_create", "out_workspace");
    *out_workspace = add_handle<wv_workspace>(std::make_shared<WorkspaceState>(*engine));
    return WV_OK;
  });
}

wv_result wv_workspace_add_panel(wv_workspace handle, wv_source source_handle, float width_m) {
  return guarded([&] {
    auto state = find_handle<WorkspaceState>(handle);
    if (!state) return invalid_handle("wv_workspace_add_panel", "workspace");
    auto source = find_handle<Source>(source_handle);
    if (!source) return invalid_handle("wv_workspace_add_panel", "source");
    if (!(width_m >= wv::app::workspace_limits::kMinPanelWidth_m && width_m <= wv::app::workspace_limits::kMaxPanelWidth_m)) {
      return fail(WV_ERROR_INVALID_ARGUMENT, "wv_workspace_add_panel: width_m " + std::to_string(width_m) +
                                                 " is out of range (0.05..50)");
    }
    if (!state->same_engine(*source)) {
      return fail(WV_ERROR_INVALID_ARGUMENT, "wv_workspace_add_panel: " + source->name() +
                                                 " belongs to another engine than the workspace");
    }
    state->add(std::move(source), width_m);
    return WV_OK;
  });
}

wv_result wv_workspace_panel_count(wv_workspace handle, size_t* out_count) {
  return guarded([&] {
    auto state = find_handle<WorkspaceState>(handle);
    if (!state) return invalid_handle("wv_workspace_panel_count", "workspace");
    if (!out_count) return null_argument("wv_workspace_panel_count", "out_count");
    *out_count = state->panels().size();
    return WV_OK;
  });
}

wv_result wv_workspace_panel(wv_workspace handle, size_t index, wv_panel_info* out_panel) {
  return guarded([&] {
    auto state = find_handle<WorkspaceState>(handle);
    if (!state) return invalid_handle("wv_workspace_panel", "workspace");
    if (!out_panel) return null_argument("wv_workspace_panel", "out_panel");
    const std::vector<WorkspaceState::Panel> panels = state->panels();
    if (index >= panels.size()) {
      return fail(WV_ERROR_INVALID_ARGUMENT, "wv_workspace_panel: index " + std::to_string(index) + " of " +
                                                 std::to_string(panels.size()) + " panels");
    }
    const WorkspaceState::Panel& panel = panels[index];
    const wv::Pose& pose = panel.placed.T_world_panel;
    *out_panel = wv_panel_info{};
    out_panel->source = panel.source ? panel.source->handle() : nullptr;
    for (int i = 0; i < 3; ++i) out_panel->position_m[i] = pose.position[i];
    out_panel->orientation_xyzw[0] = pose.orientation.x;
    out_panel->orientation_xyzw[1] = pose.orientation.y;
    out_panel->orientation_xyzw[2] = pose.orientation.z;
    out_panel->orientation_xyzw[3] = pose.orientation.w;
    out_panel->width_m = panel.placed.size_m.x;
    out_panel->height_m = panel.placed.size_m.y;
    out_panel->curve_radius_m = panel.placed.curve_radius_m;
    return WV_OK;
  });
}

wv_result wv_workspace_save(wv_workspace handle, const char* path) {
  return guarded([&] {
    auto state = find_handle<WorkspaceState>(handle);
    if (!state) return invalid_handle("wv_workspace_save", "workspace");
    if (!path) return null_argument("wv_workspace_save", "path");
    return from_status(state->save(path), WV_ERROR_BAD_INPUT);
  });
}

wv_result wv_workspace_panel_rating(wv_workspace handle, size_t panel, int32_t* out_rating) {
  return guarded([&] {
    wv_result error = WV_OK;
    auto state = find_panel(handle, panel, "wv_workspace_panel_rating", &error);
    if (!state) return error;
    if (!out_rating) return null_argument("wv_workspace_panel_rating", "out_rating");
    *out_rating = state->review(panel).rating;
    return WV_OK;
  });
}

wv_result wv_workspace_set_panel_rating(wv_workspace handle, size_t panel, int32_t rating) {
  return guarded([&] {
    wv_result error = WV_OK;
    auto state = find_panel(handle, panel, "wv_workspace_set_panel_rating", &error);
    if (!state) return error;
    return from_status(state->rate(panel, rating), WV_ERROR_INVALID_ARGUMENT);
  });
}

wv_result wv_workspace_panel_note_count(wv_workspace handle, size_t panel, size_t* out_count) {
  return guarded([&] {
    wv_result error = WV_OK;
    auto state = find_panel(handle, panel, "wv_workspace_panel_note_count", &error);
    if (!state) return error;
    if (!out_count) return null_argument("wv_workspace_panel_note_count", "out_count");
    *out_count = state->review(panel).notes.size();
    return WV_OK;
  });
}

wv_result wv_workspace_panel_note(wv_workspace handle, size_t panel, size_t index, wv_review_note* out_note,
                                  char* buffer, size_t buffer_size, size_t* out_length) {
  return guarded([&] {
    wv_result error = WV_OK;
    auto state = find_panel(handle, panel, "wv_workspace_panel_note", &error);
    if (!state) return error;
    const wv::app::ReviewSpec review = state->review(panel);
    if (index >= review.notes.size()) {
      return fail(WV_ERROR_INVALID_ARGUMENT, "wv_workspace_panel_note: note " + std::to_string(index) + " of " +
                                                 std::to_string(review.notes.size()) + " notes");
    }
    const wv::app::ReviewNote& note = review.notes[index];
    if (out_note) {
      *out_note = wv_review_note{};
      out_note->frame = note.frame;
      out_note->time_s = note.time_s;
      out_note->has_point = note.point_uv ? 1 : 0;
      if (note.point_uv) {
        out_note->point_uv[0] = note.point_uv->x;
        out_note->point_uv[1] = note.point_uv->y;
      }
    }
    return copy_text(note.text, buffer, buffer_size, out_length, "wv_workspace_panel_note");
  });
}

wv_result wv_workspace_add_panel_note(wv_workspace handle, size_t panel, int64_t frame, const char* text,
                                      const float* point_uv) {
  return guarded([&] {
    wv_result error = WV_OK;
    auto state = find_panel(handle, panel, "wv_workspace_add_panel_note", &error);
    if (!state) return error;
    if (!text) return null_argument("wv_workspace_add_panel_note", "text");
    if (frame < 0) return fail(WV_ERROR_INVALID_ARGUMENT, "wv_workspace_add_panel_note: frame < 0");
    std::optional<glm::vec2> point;
    if (point_uv) {
      if (!std::isfinite(point_uv[0]) || !std::isfinite(point_uv[1])) {
        return fail(WV_ERROR_INVALID_ARGUMENT, "wv_workspace_add_panel_note: point_uv is not a finite point");
      }
      point = glm::vec2(point_uv[0], point_uv[1]);
    }
    return from_status(state->add_note(panel, frame, text, point), WV_ERROR_INVALID_ARGUMENT);
  });
}

wv_result wv_workspace_remove_panel_note(wv_workspace handle, size_t panel, size_t index) {
  return guarded([&] {
    wv_result error = WV_OK;
    auto state = find_panel(handle, panel, "wv_workspace_remove_panel_note", &error);
    if (!state) return error;
    return from_status(state->remove_note(panel, index), WV_ERROR_INVALID_ARGUMENT);
  });
}

wv_result wv_workspace_destroy(wv_workspace handle) {
  return guarded([&] {
    if (!remove_handle<WorkspaceState>(handle)) return invalid_handle("wv_workspace_destroy", "workspace");
    return WV_OK;
  });
}

}  // extern "C"
