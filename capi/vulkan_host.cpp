#include "capi/vulkan_host.h"

#include "capi/host_console.h"
#include "capi/source.h"
#include "capi/workspace_state.h"
#include "renderer/target.h"

namespace wv::capi {

Result<std::unique_ptr<VulkanHost>> VulkanHost::create(const renderer::AdoptedDevice& handed, uint32_t msaa_samples) {
  if (msaa_samples != 1 && msaa_samples != 4) {
    return Error{"wv_vk_renderer_params.msaa_samples = " + std::to_string(msaa_samples) + ": expected 1 or 4"};
  }
  std::unique_ptr<VulkanHost> host(new VulkanHost());
  auto context = renderer::Context::adopt(handed);
  if (!context) return context.error();
  host->context_ = std::move(*context);
  auto made = renderer::Renderer::create(*host->context_, {.msaa_samples = msaa_samples});
  if (!made) return made.error();
  host->renderer_ = std::move(*made);
  return host;
}

VulkanHost::~VulkanHost() {
  if (renderer_) (void)renderer_->wait_idle();
  consoles_.clear();  // their textures are the renderer's
  targets_.clear();
  renderer_.reset();  // its textures, pipelines and staging memory
  context_.reset();   // adopted: destroys nothing of the host's
}

Result<renderer::ExternalImagesTarget*> VulkanHost::target_for(std::span<const HostView> views) {
  std::vector<VkImage> key;
  for (const HostView& v : views) key.push_back(v.image);
  if (auto it = targets_.find(key); it != targets_.end()) return it->second.get();
  std::vector<renderer::ExternalViewImages> images;
  for (const HostView& v : views) images.push_back({{v.image}, v.format, v.extent});
  auto target = renderer::ExternalImagesTarget::create(*context_, std::move(images));
  if (!target) return target.error();
  renderer::ExternalImagesTarget* made = target->get();
  targets_.emplace(std::move(key), std::move(*target));
  return made;
}

Status VulkanHost::render(const WorkspaceState& workspace, double display_time_s, std::span<const HostView> views) {
  auto target = target_for(views);
  if (!target) return target.error();
  std::vector<renderer::PanelDraw> draws;
  std::map<const Source*, Texture> shown;
  for (const WorkspaceState::Panel& panel : workspace.panels()) {
    renderer::PanelDraw draw;
    draw.T_world_panel = panel.placed.T_world_panel.matrix();
    draw.size_m = panel.placed.size_m;
    draw.curve_radius_m = panel.placed.curve_radius_m;
    if (panel.source && !panel.source->closed()) {
      Texture& texture = textures_[panel.source.get()];
      if (texture.id == renderer::kNoTexture) texture.id = renderer_->create_texture();
      const Acquired acquired = panel.source->acquire(display_time_s);
      if (acquired.frame && acquired.frame != texture.uploaded) {
        renderer_->update_texture(texture.id, acquired.frame);
        texture.uploaded = acquired.frame;
      }
      if (texture.uploaded) draw.texture = texture.id;
      shown[panel.source.get()] = texture;
    }
    draws.push_back(draw);
  }
  // Textures of sources no longer shown (closed, or the panel left the workspace).
  for (const auto& [source, texture] : textures_) {
    if (!shown.count(source)) renderer_->destroy_texture(texture.id);
  }
  textures_ = std::move(shown);
  std::span<const renderer::PanelDraw> all = draws;
  for (const auto& console : consoles_) {
    if (&console->workspace() == &workspace) all = console->draws(draws);
  }
  std::vector<renderer::View> render_views;
  for (const HostView& v : views) render_views.push_back(v.view);
  auto rendered = renderer_->render(**target, render_views, all, renderer::Environment{});
  if (!rendered) return rendered.error();
  return {};
}

Result<std::shared_ptr<HostConsole>> VulkanHost::add_console(std::shared_ptr<WorkspaceState> workspace,
                                                             const wv::Pose& T_world_console) {
  for (const auto& console : consoles_) {
    if (&console->workspace() == workspace.get()) return Error{"the workspace has a console on this renderer already"};
  }
  Engine& engine = workspace->engine();
  consoles_.push_back(std::make_shared<HostConsole>(*renderer_, engine, std::move(workspace), T_world_console));
  return consoles_.back();
}

void VulkanHost::remove_console(const HostConsole& console) {
  std::erase_if(consoles_, [&](const auto& c) { return c.get() == &console; });
}

Status VulkanHost::forget_images() {
  if (Status idle = renderer_->wait_idle(); !idle) return idle;
  targets_.clear();
  return {};
}

}  // namespace wv::capi
