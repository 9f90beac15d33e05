// renderer/pipelines.h (internal) — the environment, panel and ray pipelines, their layouts and the
// panel sampler. Pipelines are built per (color format, sample count) on first use, so one
// Renderer can draw into offscreen, window and XR images of different formats.
#pragma once

#include <cstdint>
#include <deque>

#include <glm/glm.hpp>
#include <vulkan/vulkan.h>

#include "wv/result.h"

namespace wv::renderer {

class Context;

// Push constants; layouts match shaders/panel.vert and shaders/environment.vert (std430-like).
struct PanelPush {
  glm::mat4 clip_from_panel;
  glm::vec2 size_m;
  float curve_radius_m;
  float opacity;
  uint32_t segments;
};
struct RayPush {
  glm::mat4 clip_from_world;
  glm::vec4 from_world_half_width;
  glm::vec4 to_world_min_half_per_m;
  glm::vec4 side_world;
  glm::vec4 color;  // linear
};
static_assert(sizeof(RayPush) <= 128, "Vulkan guarantees only 128 bytes of push constants");
struct EnvironmentPush {
  glm::mat4 world_from_clip;
  glm::vec4 zenith_floor_y;
  glm::vec4 horizon_fade_m;
  glm::vec4 ground_grid_intensity;
  glm::vec4 grid_color;
};
static_assert(sizeof(EnvironmentPush) <= 128, "Vulkan guarantees only 128 bytes of push constants");

struct PipelineSet {
  VkFormat color_format = VK_FORMAT_UNDEFINED;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  VkPipeline environment = VK_NULL_HANDLE;
  VkPipeline panel_opaque = VK_NULL_HANDLE;       // depth write on
  VkPipeline panel_translucent = VK_NULL_HANDLE;  // depth write off
  VkPipeline panel_hole = VK_NULL_HANDLE;         // erases to alpha 0, depth write on, front only
  VkPipeline ray = VK_NULL_HANDLE;                // blended, depth test on, depth write off
};

class Pipelines {
 public:
  explicit Pipelines(const Context& ctx) : ctx_(ctx) {}
  ~Pipelines();
  Pipelines(const Pipelines&) = delete;
  Pipelines& operator=(const Pipelines&) = delete;

  Status init(VkFormat depth_format);
  // The set for this color format and sample count, built on first use.
  Result<const PipelineSet*> get(VkFormat color_format, VkSampleCountFlagBits samples);

  VkDescriptorSetLayout texture_set_layout() const { return texture_set_layout_; }
  VkPipelineLayout panel_layout() const { return panel_layout_; }
  VkPipelineLayout environment_layout() const { return environment_layout_; }
  VkPipelineLayout ray_layout() const { return ray_layout_; }
  VkSampler sampler() const { return sampler_; }

 private:
  Status build(PipelineSet& set);

  const Context& ctx_;
  VkFormat depth_format_ = VK_FORMAT_UNDEFINED;
  VkSampler sampler_ = VK_NULL_HANDLE;
  VkDescriptorSetLayout texture_set_layout_ = VK_NULL_HANDLE;
  VkPipelineLayout panel_layout_ = VK_NULL_HANDLE;
  VkPipelineLayout environment_layout_ = VK_NULL_HANDLE;
  VkPipelineLayout ray_layout_ = VK_NULL_HANDLE;
  VkShaderModule modules_[7] = {};  // environment vert/frag, panel vert/frag, panel hole frag, ray vert/frag
  std::deque<PipelineSet> sets_;  // deque: get() hands out stable pointers
};

}  // namespace wv::renderer
