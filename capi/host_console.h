// capi/host_console.h — what a wv_vk_console is: the program's in-world console (app/ui_layer.h)
// drawn by a host's renderer and acting on a host's workspace (capi/workspace_actions.h), fed
// with the host's pointers and keys. Pointers that miss the console act on the panels as in the
// program (app/interaction.h): select one (the console then acts on it), grab one to move it,
// and the thumbstick scrubs or changes the speed of the panel it points at.
//
//   HostConsole console(renderer, engine, workspace, wv::app::console_pose(1.6f));
//   console.update(input, keys, display_time_s);           // each host frame, before drawing
//   draws = console.draws(panel_draws);                    // the panels' draws and the console's
//
// Threading: the host's render thread (where the renderer is used).
#pragma once

#include <memory>
#include <optional>
#include <span>

#include "app/interaction.h"
#include "app/ui_layer.h"
#include "capi/workspace_actions.h"
#include "renderer/renderer.h"

namespace wv::capi {

class VulkanHost;

class HostConsole {
 public:
  HostConsole(renderer::Renderer& renderer, Engine& engine, std::shared_ptr<WorkspaceState> workspace,
              const wv::Pose& T_world_console);

  // One UI frame at the host's display time: routes the pointers, moves what they grab and runs
  // the console (rasterized on the CPU; uploaded when its pixels changed).
  void update(const app::PointerInput& input, const app::UiKeyboard& keys, double display_time_s);
  std::span<const renderer::PanelDraw> draws(std::span<const renderer::PanelDraw> panels) {
    return layer_.draws(panels);
  }

  const WorkspaceState& workspace() const { return *workspace_; }
  const app::UiLayer& layer() const { return layer_; }
  // Per hand: its ray is on the console (the host should not act on it too).
  std::array<bool, 2> on_console() const;

 private:
  std::shared_ptr<WorkspaceState> workspace_;
  WorkspaceActions actions_;
  app::UiLayer layer_;
  app::Interaction panels_;  // pointers on the workspace's panels
  std::optional<size_t> selected_;
  std::optional<double> last_time_s_;
};

// A wv_vk_console: the console and the renderer that draws it.
struct ConsoleHandle {
  std::weak_ptr<VulkanHost> host;
  std::shared_ptr<HostConsole> console;
};

}  // namespace wv::capi
