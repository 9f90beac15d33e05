// renderer.cpp — the frame loop: frame slots (command buffer, fence, staging, readback),
// per-view recording of the environment, panel and ray passes, and capture.
//
// [SECTION] Helpers
// [SECTION] Creation and destruction
// [SECTION] Textures
// [SECTION] Frame recording
// [SECTION] Capture
#include "renderer/renderer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <ctime>

#include "renderer/barriers.h"
#include "renderer/command_slot.h"
#include "renderer/deletion_queue.h"
#include "renderer/gpu_memory.h"
#include "renderer/pipelines.h"
#include "renderer/texture_streamer.h"
#include "renderer/vk_check.h"

namespace wv::renderer {

// [SECTION] Helpers ----------------------------------------------------------------------------
namespace {

constexpr uint32_t kMaxTextures = 1024;

double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

float srgb_to_linear(float c) {
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}
glm::vec3 srgb_to_linear(glm::vec3 c) { return {srgb_to_linear(c.r), srgb_to_linear(c.g), srgb_to_linear(c.b)}; }

bool is_capturable_format(VkFormat f) { return f == VK_FORMAT_R8G8B8A8_SRGB || f == VK_FORMAT_B8G8R8A8_SRGB; }

}  // namespace

struct FrameSlot : CommandSlot {
  GpuBuffer staging;
  GpuBuffer readback;
  uint64_t frame_id = 0;  // the frame last submitted from this slot; 0: none yet
  bool capture_pending = false;
  VkExtent2D capture_extent{0, 0};
  VkFormat capture_format = VK_FORMAT_UNDEFINED;
};

// Depth (and multisampled color) shared by every view and frame: barriers order their reuse.
struct Attachments {
  VkExtent2D extent{0, 0};
  VkFormat color_format = VK_FORMAT_UNDEFINED;
  GpuImage depth;
  GpuImage msaa_color;
};

struct Renderer::Impl {
  Impl(Context& context, const RendererParams& p)
      : ctx(context), params(p), pipelines(context), textures(context, deletions, p.import_frame_memory) {}
  ~Impl();

  Status init();
  Status ensure_attachments(VkExtent2D extent, VkFormat color_format, uint64_t frame_id);
  void record_view(VkCommandBuffer cmd, const PipelineSet& set, const ViewImage& image, const View& view,
                   std::span<const PanelDraw> panels, const Environment& env, const RenderOptions& options);
  void draw_panels(VkCommandBuffer cmd, VkPipeline pipeline, const std::vector<uint32_t>& order,
                   const View& view, std::span<const PanelDraw> panels);
  void draw_rays(VkCommandBuffer cmd, VkPipeline pipeline, const View& view, VkExtent2D extent,
                 std::span<const RayDraw> rays);
  Result<uint64_t> render(RenderTarget& target, std::span<const View> views, std::span<const PanelDraw> panels,
                          const Environment& env, const RenderOptions& options);

  Context& ctx;
  RendererParams params;
  VkFormat depth_format = VK_FORMAT_UNDEFINED;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  DeletionQueue deletions;  // declared first: destroyed last
  Pipelines pipelines;
  TextureStreamer textures;
  std::vector<FrameSlot> slots;
  Attachments attachments;
  uint64_t next_frame = 1;
  uint64_t completed_frame = 0;  // every frame up to this one has finished on the GPU
  RendererStats stats;
  double last_cpu_s = 0.0;
  // Per-frame scratch, kept to avoid allocating per frame.
  std::vector<uint32_t> opaque;
  std::vector<uint32_t> translucent;
  std::vector<uint32_t> holes;
  std::vector<float> distance2;
};

// [SECTION] Creation and destruction -------------------------------------------------------------

Result<std::unique_ptr<Renderer>> Renderer::create(Context& ctx, const RendererParams& params) {
  WV_ASSERT(params.frames_in_flight >= 1 && params.curve_segments >= 1);
  auto impl = std::make_unique<Impl>(ctx, params);
  if (Status s = impl->init(); !s) return s.error();
  return std::unique_ptr<Renderer>(new Renderer(std::move(impl)));
}

Renderer::Renderer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Renderer::~Renderer() = default;

Status Renderer::Impl::init() {
  const VkPhysicalDeviceLimits& limits = ctx.properties().limits;
  if (params.msaa_samples != 1 && params.msaa_samples != 4)
    return Error{"renderer: msaa_samples must be 1 or 4, not " + std::to_string(params.msaa_samples)};
  samples = VkSampleCountFlagBits(params.msaa_samples);
  if (!(limits.framebufferColorSampleCounts & limits.framebufferDepthSampleCounts & samples))
    return Error{"renderer: " + ctx.device_info().name + " cannot render with " +
                 std::to_string(params.msaa_samples) + "x MSAA; use msaa_samples = 1"};

  for (VkFormat f : {VK_FORMAT_D32_SFLOAT, VK_FORMAT_X8_D24_UNORM_PACK32, VK_FORMAT_D16_UNORM}) {
    VkFormatProperties props{};
    vkGetPhysicalDeviceFormatProperties(ctx.physical_device(), f, &props);
    if (props.optimalTilingFeatures & VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT) {
      depth_format = f;
      break;
    }
  }
  if (depth_format == VK_FORMAT_UNDEFINED) return Error{"renderer: the Vulkan device has no depth format"};

  if (Status s = pipelines.init(depth_format); !s) return s;
  if (Status s = textures.init(pipelines.texture_set_layout(), kMaxTextures); !s) return s;

  slots.resize(params.frames_in_flight);
  for (FrameSlot& slot : slots) {
    if (Status s = create_command_slot(ctx, slot, /*signaled=*/false); !s) return s;
    if (Status s = create_host_buffer(ctx, params.staging_bytes_per_frame, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                      false, slot.staging);
        !s)
      return s;
  }
  const size_t reserve = 64;
  opaque.reserve(reserve);
  translucent.reserve(reserve);
  holes.reserve(reserve);
  distance2.reserve(reserve);
  return Status::success();
}

Renderer::Impl::~Impl() {
  VkDevice device = ctx.device();
  {
    std::lock_guard lock(ctx.queue_mutex());
    vkQueueWaitIdle(ctx.queue());
  }
  deletions.flush(device, textures.pool(), UINT64_MAX);
  destroy_image(device, attachments.msaa_color);
  destroy_image(device, attachments.depth);
  for (auto slot = slots.rbegin(); slot != slots.rend(); ++slot) {
    destroy_buffer(device, slot->readback);
    destroy_buffer(device, slot->staging);
    destroy_command_slot(device, *slot);
  }
  // Then members, in reverse: textures, pipelines, deletions (empty).
}

// [SECTION] Textures -----------------------------------------------------------------------------

TextureId Renderer::create_texture() { return impl_->textures.create(); }

void Renderer::destroy_texture(TextureId id) { impl_->textures.destroy(id, impl_->next_frame - 1); }

void Renderer::update_texture(TextureId id, FramePtr frame) { impl_->textures.update(id, std::move(frame)); }

const RendererStats& Renderer::stats() const { return impl_->stats; }
double Renderer::last_render_cpu_s() const { return impl_->last_cpu_s; }

// [SECTION] Frame recording ----------------------------------------------------------------------

Result<uint64_t> Renderer::render(RenderTarget& target, std::span<const View> views,
                                  std::span<const PanelDraw> panels, const Environment& environment,
                                  const RenderOptions& options) {
  return impl_->render(target, views, panels, environment, options);
}

Status Renderer::Impl::ensure_attachments(VkExtent2D extent, VkFormat color_format, uint64_t frame_id) {
  if (attachments.extent.width == extent.width && attachments.extent.height == extent.height &&
      attachments.color_format == color_format)
    return Status::success();
  // Earlier frames may still use the old ones.
  if (attachments.depth.image) deletions.retire({frame_id - 1, attachments.depth, VK_NULL_HANDLE});
  if (attachments.msaa_color.image) deletions.retire({frame_id - 1, attachments.msaa_color, VK_NULL_HANDLE});
  attachments = Attachments{extent, color_format};

  ImageDesc depth;
  depth.extent = extent;
  depth.format = depth_format;
  depth.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
  depth.samples = samples;
  depth.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
  if (Status s = create_image(ctx, depth, attachments.depth); !s) return s;
  if (samples != VK_SAMPLE_COUNT_1_BIT) {
    ImageDesc color;
    color.extent = extent;
    color.format = color_format;
    color.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT;
    color.samples = samples;
    if (Status s = create_image(ctx, color, attachments.msaa_color); !s) return s;
  }
  return Status::success();
}

Result<uint64_t> Renderer::Impl::render(RenderTarget& target, std::span<const View> views,
                                        std::span<const PanelDraw> panels, const Environment& env,
                                        const RenderOptions& options) {
  WV_ASSERT(views.size() == target.view_count() && !views.empty());
  WV_ASSERT(options.capture_view < int32_t(views.size()));
  const double cpu_start = thread_cpu_s();
  VkDevice device = ctx.device();
  const uint64_t frame_id = next_frame;
  FrameSlot& slot = slots[frame_id % slots.size()];

  // Wait for the frame that used this slot; not counted as render-thread work.
  const double cpu_before_wait = thread_cpu_s();
  if (slot.frame_id != 0) {
    if (vkGetFenceStatus(device, slot.fence) == VK_NOT_READY) stats.fence_waits++;
    WV_VK_TRY(vkWaitForFences(device, 1, &slot.fence, VK_TRUE, UINT64_MAX));
    // Every earlier frame's slot was waited for before this one: all up to here are done.
    completed_frame = std::max(completed_frame, slot.frame_id);
    // A capture must be read before its slot comes round again (renderer.h).
    WV_ASSERT(!slot.capture_pending);
  }
  const double cpu_after_wait = thread_cpu_s();
  deletions.flush(device, textures.pool(), completed_frame);

  WV_VK_TRY(vkResetCommandPool(device, slot.pool, 0));
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  WV_VK_TRY(vkBeginCommandBuffer(slot.cmd, &begin));

  if (Status s = textures.record_uploads(slot.cmd, slot.staging, frame_id, stats); !s) return s.error();

  const ViewImage first = target.view_image(0);
  if (Status s = ensure_attachments(first.extent, first.format, frame_id); !s) return s.error();
  Result<const PipelineSet*> set = pipelines.get(first.format, samples);
  if (!set) return set.error();

  for (uint32_t v = 0; v < views.size(); ++v) {
    const ViewImage image = target.view_image(v);
    WV_ASSERT(image.extent.width == first.extent.width && image.extent.height == first.extent.height &&
              image.format == first.format);
    record_view(slot.cmd, **set, image, views[v], panels, env, options);

    const bool capture = int32_t(v) == options.capture_view;
    const VkImageLayout final_layout = target.final_layout();
    if (!capture) {
      const VkImageMemoryBarrier2 done = image_barrier(
          image.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, final_layout,
          VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
          VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, VK_ACCESS_2_MEMORY_READ_BIT);
      cmd_barriers(slot.cmd, &done, 1);
      continue;
    }
    // [SECTION] Capture: copy the view into this slot's readback buffer, in the same submission.
    if (!image.transfer_src || !is_capturable_format(image.format))
      return Error{"renderer: this target's images cannot be captured (need TRANSFER_SRC and RGBA8/BGRA8 sRGB)"};
    const uint64_t bytes = uint64_t(image.extent.width) * image.extent.height * 4;
    if (slot.readback.size < bytes) {
      destroy_buffer(device, slot.readback);  // idle: the slot's fence has signalled
      if (Status s = create_host_buffer(ctx, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT, true, slot.readback); !s)
        return s.error();
    }
    const VkImageMemoryBarrier2 to_copy = image_barrier(
        image.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
        VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
        VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_READ_BIT);
    cmd_barriers(slot.cmd, &to_copy, 1);
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {image.extent.width, image.extent.height, 1};
    vkCmdCopyImageToBuffer(slot.cmd, image.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, slot.readback.buffer, 1,
                           &region);
    VkBufferMemoryBarrier2 to_host{VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER_2};
    to_host.srcStageMask = VK_PIPELINE_STAGE_2_COPY_BIT;
    to_host.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
    to_host.dstStageMask = VK_PIPELINE_STAGE_2_HOST_BIT;
    to_host.dstAccessMask = VK_ACCESS_2_HOST_READ_BIT;
    to_host.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    to_host.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    to_host.buffer = slot.readback.buffer;
    to_host.size = VK_WHOLE_SIZE;
    VkDependencyInfo dep{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dep.bufferMemoryBarrierCount = 1;
    dep.pBufferMemoryBarriers = &to_host;
    if (final_layout != VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL) {
      const VkImageMemoryBarrier2 to_final =
          image_barrier(image.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, final_layout,
                  VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_NONE, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
                  VK_ACCESS_2_MEMORY_READ_BIT);
      dep.imageMemoryBarrierCount = 1;
      dep.pImageMemoryBarriers = &to_final;
      vkCmdPipelineBarrier2(slot.cmd, &dep);
    } else {
      vkCmdPipelineBarrier2(slot.cmd, &dep);
    }
    slot.capture_extent = image.extent;
    slot.capture_format = image.format;
  }
  WV_VK_TRY(vkEndCommandBuffer(slot.cmd));

  VkCommandBufferSubmitInfo cmd_info{VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO};
  cmd_info.commandBuffer = slot.cmd;
  VkSemaphoreSubmitInfo wait{VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO};
  wait.semaphore = target.wait_semaphore();
  wait.stageMask = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
  VkSemaphoreSubmitInfo signal{VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO};
  signal.semaphore = target.signal_semaphore();
  signal.stageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
  VkSubmitInfo2 submit{VK_STRUCTURE_TYPE_SUBMIT_INFO_2};
  submit.waitSemaphoreInfoCount = wait.semaphore ? 1 : 0;
  submit.pWaitSemaphoreInfos = &wait;
  submit.commandBufferInfoCount = 1;
  submit.pCommandBufferInfos = &cmd_info;
  submit.signalSemaphoreInfoCount = signal.semaphore ? 1 : 0;
  submit.pSignalSemaphoreInfos = &signal;
  // Reset only now: a fence reset before a failed recording would never signal.
  WV_VK_TRY(vkResetFences(device, 1, &slot.fence));
  {
    std::lock_guard lock(ctx.queue_mutex());
    WV_VK_TRY(vkQueueSubmit2(ctx.queue(), 1, &submit, slot.fence));
  }
  slot.frame_id = frame_id;
  slot.capture_pending = options.capture_view >= 0;
  next_frame++;
  stats.frames++;
  last_cpu_s = (thread_cpu_s() - cpu_after_wait) + (cpu_before_wait - cpu_start);
  return frame_id;
}

void Renderer::Impl::record_view(VkCommandBuffer cmd, const PipelineSet& set, const ViewImage& image,
                                 const View& view, std::span<const PanelDraw> panels, const Environment& env,
                                 const RenderOptions& options) {
  const bool msaa = samples != VK_SAMPLE_COUNT_1_BIT;
  // Contents are undefined at the start (we clear); earlier users: the previous frame's draws
  // and readback copy of this image, the previous view's use of the shared attachments.
  VkImageMemoryBarrier2 begin[3];
  uint32_t count = 0;
  begin[count++] = image_barrier(image.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                           VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                           VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_2_COPY_BIT,
                           VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                           VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT);
  begin[count++] = image_barrier(
      attachments.depth.image, VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
      VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
      VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT,
      VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
      VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT,
      VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT | VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT);
  if (msaa)
    begin[count++] = image_barrier(attachments.msaa_color.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                             VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                             VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                             VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT);
  cmd_barriers(cmd, begin, count);

  VkRenderingAttachmentInfo color{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
  color.imageView = msaa ? attachments.msaa_color.view : image.view;
  color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  color.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  color.storeOp = msaa ? VK_ATTACHMENT_STORE_OP_DONT_CARE : VK_ATTACHMENT_STORE_OP_STORE;
  color.clearValue.color = {{options.clear_color.r, options.clear_color.g, options.clear_color.b, options.clear_color.a}};
  if (msaa) {
    color.resolveMode = VK_RESOLVE_MODE_AVERAGE_BIT;
    color.resolveImageView = image.view;
    color.resolveImageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  }
  VkRenderingAttachmentInfo depth{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
  depth.imageView = attachments.depth.view;
  depth.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
  depth.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  depth.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  depth.clearValue.depthStencil = {1.0f, 0};
  VkRenderingInfo rendering{VK_STRUCTURE_TYPE_RENDERING_INFO};
  rendering.renderArea = {{0, 0}, image.extent};
  rendering.layerCount = 1;
  rendering.colorAttachmentCount = 1;
  rendering.pColorAttachments = &color;
  rendering.pDepthAttachment = &depth;
  vkCmdBeginRendering(cmd, &rendering);

  const VkViewport viewport{0.0f, 0.0f, float(image.extent.width), float(image.extent.height), 0.0f, 1.0f};
  const VkRect2D scissor{{0, 0}, image.extent};
  vkCmdSetViewport(cmd, 0, 1, &viewport);
  vkCmdSetScissor(cmd, 0, 1, &scissor);

  EnvironmentPush env_push;
  env_push.world_from_clip = glm::inverse(view.projection * view.T_view_world);
  env_push.zenith_floor_y = glm::vec4(srgb_to_linear(env.sky_zenith), env.floor_height_m);
  env_push.horizon_fade_m = glm::vec4(srgb_to_linear(env.sky_horizon), env.grid_fade_m);
  env_push.ground_grid_intensity = glm::vec4(srgb_to_linear(env.ground), env.grid_intensity);
  env_push.grid_color = glm::vec4(srgb_to_linear(env.grid), 0.0f);
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, set.environment);
  vkCmdPushConstants(cmd, pipelines.environment_layout(), VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT,
                     0, sizeof(env_push), &env_push);
  vkCmdDraw(cmd, 3, 1, 0, 0);

  // Opaque panels first (writing depth), then translucent ones; each group back to front so
  // anti-aliased edges and translucency compose over what lies behind.
  opaque.clear();
  translucent.clear();
  holes.clear();
  distance2.resize(panels.size());
  for (uint32_t i = 0; i < panels.size(); ++i) {
    if (panels[i].opacity <= 0.0f) continue;
    const glm::vec3 center_view = glm::vec3(view.T_view_world * panels[i].T_world_panel[3]);
    distance2[i] = glm::dot(center_view, center_view);
    (panels[i].hole ? holes : panels[i].opacity >= 1.0f ? opaque : translucent).push_back(i);
  }
  auto farther_first = [this](uint32_t a, uint32_t b) { return distance2[a] > distance2[b]; };
  std::sort(opaque.begin(), opaque.end(), farther_first);
  std::sort(translucent.begin(), translucent.end(), farther_first);
  draw_panels(cmd, set.panel_opaque, opaque, view, panels);
  // Holes after the opaque panels (depth decides who covers whom), before translucent ones,
  // which then blend over the hole's alpha 0 as over the layer the compositor puts there.
  draw_panels(cmd, set.panel_hole, holes, view, panels);
  draw_panels(cmd, set.panel_translucent, translucent, view, panels);
  draw_rays(cmd, set.ray, view, image.extent, options.rays);
  vkCmdEndRendering(cmd);
}

void Renderer::Impl::draw_panels(VkCommandBuffer cmd, VkPipeline pipeline, const std::vector<uint32_t>& order,
                                 const View& view, std::span<const PanelDraw> panels) {
  if (order.empty()) return;
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline);
  const glm::mat4 clip_from_world = view.projection * view.T_view_world;
  VkDescriptorSet bound = VK_NULL_HANDLE;
  for (uint32_t i : order) {
    const PanelDraw& p = panels[i];
    const VkDescriptorSet set = textures.descriptor(p.texture);
    if (set != bound) {
      vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelines.panel_layout(), 0, 1, &set, 0, nullptr);
      bound = set;
    }
    PanelPush push;
    push.clip_from_panel = clip_from_world * p.T_world_panel;
    push.size_m = p.size_m;
    push.curve_radius_m = p.curve_radius_m;
    push.opacity = std::min(p.opacity, 1.0f);
    push.segments = p.curve_radius_m > 0.0f ? params.curve_segments : 1;
    vkCmdPushConstants(cmd, pipelines.panel_layout(), VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                       sizeof(push), &push);
    vkCmdDraw(cmd, push.segments * 6, 1, 0, 0);
  }
}

void Renderer::Impl::draw_rays(VkCommandBuffer cmd, VkPipeline pipeline, const View& view, VkExtent2D extent,
                               std::span<const RayDraw> rays) {
  if (rays.empty()) return;
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline);
  const glm::vec3 eye_world = glm::vec3(glm::inverse(view.T_view_world)[3]);
  // A pixel's height in meters per meter of view depth is 2 / (|P[1][1]| * height) for a
  // perspective projection; 0.75 of it on each side gives the ~1.5 pixel minimum width.
  const float min_half_per_m = 1.5f / (std::fabs(view.projection[1][1]) * float(extent.height));
  RayPush push;
  push.clip_from_world = view.projection * view.T_view_world;
  for (const RayDraw& ray : rays) {
    const glm::vec3 along = ray.to_world - ray.from_world;
    const glm::vec3 across = glm::cross(along, 0.5f * (ray.from_world + ray.to_world) - eye_world);
    const float across_length = glm::length(across);
    if (across_length < 1e-9f) continue;  // seen end-on: nothing to draw
    push.from_world_half_width = glm::vec4(ray.from_world, 0.5f * ray.width_m);
    push.to_world_min_half_per_m = glm::vec4(ray.to_world, min_half_per_m);
    push.side_world = glm::vec4(across / across_length, 0.0f);
    push.color = glm::vec4(srgb_to_linear(glm::vec3(ray.color)), ray.color.a);
    vkCmdPushConstants(cmd, pipelines.ray_layout(), VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                       sizeof(push), &push);
    vkCmdDraw(cmd, 6, 1, 0, 0);
  }
}

// [SECTION] Capture ------------------------------------------------------------------------------

Result<FramePtr> Renderer::read_capture(uint64_t frame_id) {
  FrameSlot& slot = impl_->slots[frame_id % impl_->slots.size()];
  // Programmer error: not captured, already read, or read too late (slot reused).
  WV_ASSERT(slot.frame_id == frame_id && slot.capture_pending);
  WV_VK_TRY(vkWaitForFences(impl_->ctx.device(), 1, &slot.fence, VK_TRUE, UINT64_MAX));
  slot.capture_pending = false;
  const VkExtent2D extent = slot.capture_extent;
  auto frame = make_frame(int32_t(extent.width), int32_t(extent.height), int64_t(frame_id), 0.0);
  std::memcpy(frame->pixels.data(), slot.readback.mapped, frame->byte_size());
  if (slot.capture_format == VK_FORMAT_B8G8R8A8_SRGB)
    for (size_t i = 0; i < frame->pixels.size(); i += 4) std::swap(frame->pixels[i], frame->pixels[i + 2]);
  return FramePtr(std::move(frame));
}

Status Renderer::wait_idle() {
  {
    std::lock_guard lock(impl_->ctx.queue_mutex());
    WV_VK_TRY(vkQueueWaitIdle(impl_->ctx.queue()));
  }
  impl_->completed_frame = impl_->next_frame - 1;
  impl_->deletions.flush(impl_->ctx.device(), impl_->textures.pool(), impl_->completed_frame);
  return Status::success();
}

}  // namespace wv::renderer
