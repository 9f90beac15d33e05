// renderer/texture_streamer.h (internal) — panel textures and their streaming: the latest frame
// per texture is uploaded by commands recorded at the start of the next frame, copied straight
// from the frame's own memory when the device can import it (host_import.h), otherwise from the
// current frame slot's persistently mapped staging buffer, after a memcpy. A slot's staging
// memory is reused only after its fence signalled, so the CPU never overwrites bytes the GPU
// still reads.
#pragma once

#include <cstdint>
#include <vector>

#include <vulkan/vulkan.h>

#include "renderer/deletion_queue.h"
#include "renderer/gpu_memory.h"
#include "renderer/host_import.h"
#include "renderer/renderer.h"

namespace wv::renderer {

class Context;

class TextureStreamer {
 public:
  // import_frame_memory: RendererParams::import_frame_memory.
  TextureStreamer(const Context& ctx, DeletionQueue& deletions, bool import_frame_memory)
      : ctx_(ctx), deletions_(deletions), importer_(ctx, deletions, import_frame_memory) {}
  ~TextureStreamer();  // the device must be idle
  TextureStreamer(const TextureStreamer&) = delete;
  TextureStreamer& operator=(const TextureStreamer&) = delete;

  Status init(VkDescriptorSetLayout set_layout, uint32_t max_textures);

  TextureId create();
  // last_frame: the newest submitted frame, which may still sample it.
  void destroy(TextureId id, uint64_t last_frame);
  void update(TextureId id, FramePtr frame);

  // Records the uploads of pending frames into `cmd`: from imported frame memory, or copied
  // into `staging` (growing it when a single frame needs more than it holds). Frames that do
  // not fit in staging wait for a later frame.
  Status record_uploads(VkCommandBuffer cmd, GpuBuffer& staging, uint64_t frame_id, RendererStats& stats);

  // The texture's descriptor set, or the dark placeholder's until it has content.
  VkDescriptorSet descriptor(TextureId id) const;
  VkDescriptorPool pool() const { return pool_; }

 private:
  struct Texture {
    bool alive = false;
    bool ready = false;  // image holds a frame and is in SHADER_READ_ONLY_OPTIMAL
    GpuImage image;
    VkExtent2D extent{0, 0};
    VkDescriptorSet set = VK_NULL_HANDLE;
    FramePtr pending;
  };
  struct Copy {
    VkBuffer buffer;
    VkImage image;
    VkBufferImageCopy region;
  };
  Status recreate_image(Texture& texture, VkExtent2D extent, uint64_t frame_id);
  Texture& get(TextureId id);

  const Context& ctx_;
  VkDescriptorSetLayout set_layout_ = VK_NULL_HANDLE;
  DeletionQueue& deletions_;
  FrameImporter importer_;
  VkDescriptorPool pool_ = VK_NULL_HANDLE;
  std::vector<Texture> textures_;  // id = index + 1
  std::vector<TextureId> free_ids_;
  TextureId placeholder_ = kNoTexture;
  // Scratch for one frame's uploads, kept to avoid allocating per frame.
  std::vector<VkImageMemoryBarrier2> before_copy_;
  std::vector<VkImageMemoryBarrier2> after_copy_;
  std::vector<Copy> copies_;
};

}  // namespace wv::renderer
