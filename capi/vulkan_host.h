// capi/vulkan_host.h — what a wv_vk_renderer is: the renderer (renderer/) on a Vulkan device the
// host handed over (Context::adopt: never destroyed here), one texture per panel source kept
// up to date with the frame due at the host's display time, and a render target per set of host
// images (their image views are the only objects made for the host's images).
//
//   auto host = VulkanHost::create(handed, {.msaa_samples = 1});
//   (*host)->render(workspace, display_time_s, views);   // views: T_view_world, projection, image
//   auto console = (*host)->add_console(workspace, pose);  // drawn by render from then on
//
// Threading: the host's render thread.
#pragma once

#include <map>
#include <memory>
#include <span>
#include <vector>

#include "renderer/context.h"
#include "renderer/renderer.h"
#include "wv/pose.h"
#include "wv/result.h"

namespace wv::renderer {
class ExternalImagesTarget;
}

namespace wv::capi {

class HostConsole;
class Source;
class WorkspaceState;

struct HostView {
  renderer::View view;
  VkImage image = VK_NULL_HANDLE;
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkExtent2D extent{0, 0};
};

class VulkanHost {
 public:
  static Result<std::unique_ptr<VulkanHost>> create(const renderer::AdoptedDevice& handed, uint32_t msaa_samples);
  ~VulkanHost();  // waits for its own GPU work; destroys only what it made

  // Draws the workspace's panels and its console, if it has one here.
  Status render(const WorkspaceState& workspace, double display_time_s, std::span<const HostView> views);

  // The in-world console of `workspace` (capi/host_console.h): one per workspace. The host's
  // handle shares it; the renderer draws it until remove_console.
  Result<std::shared_ptr<HostConsole>> add_console(std::shared_ptr<WorkspaceState> workspace,
                                                   const wv::Pose& T_world_console);
  void remove_console(const HostConsole& console);
  bool has_consoles() const { return !consoles_.empty(); }
  Status forget_images();

 private:
  VulkanHost() = default;
  Result<renderer::ExternalImagesTarget*> target_for(std::span<const HostView> views);

  std::unique_ptr<renderer::Context> context_;
  std::unique_ptr<renderer::Renderer> renderer_;
  struct Texture {
    renderer::TextureId id = renderer::kNoTexture;
    wv::FramePtr uploaded;  // the frame it holds (the host may have acquired it first)
  };
  std::map<const Source*, Texture> textures_;
  std::map<std::vector<VkImage>, std::unique_ptr<renderer::ExternalImagesTarget>> targets_;
  std::vector<std::shared_ptr<HostConsole>> consoles_;  // they draw with renderer_: gone before it
};

}  // namespace wv::capi
