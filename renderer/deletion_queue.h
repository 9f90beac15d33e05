// renderer/deletion_queue.h (internal) — GPU objects retired while earlier frames may still use
// them (a texture resized or destroyed, attachments of a resized target, a frame's imported
// pixel memory and the frame itself). Each waits until the last frame that could use it has
// finished on the GPU.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include <vulkan/vulkan.h>

#include "renderer/gpu_memory.h"
#include "wv/frame.h"

namespace wv::renderer {

class DeletionQueue {
 public:
  struct Entry {
    uint64_t last_frame = 0;  // the newest frame id that may use the objects
    GpuImage image;
    VkDescriptorSet descriptor_set = VK_NULL_HANDLE;
    GpuBuffer buffer;  // destroyed before `frame` is released: it may alias the frame's pixels
    FramePtr frame;
  };

  void retire(Entry entry) { entries_.push_back(std::move(entry)); }

  // Frees entries whose last frame is <= completed_frame (every frame up to it has finished).
  void flush(VkDevice device, VkDescriptorPool pool, uint64_t completed_frame) {
    size_t kept = 0;
    for (Entry& e : entries_) {
      if (e.last_frame <= completed_frame) {
        if (e.descriptor_set) vkFreeDescriptorSets(device, pool, 1, &e.descriptor_set);
        destroy_image(device, e.image);
        destroy_buffer(device, e.buffer);
        e.frame.reset();
      } else {
        entries_[kept++] = std::move(e);
      }
    }
    entries_.resize(kept);
  }

  // The live entry holding `frame` (an import of its pixels), or null. A later frame reusing
  // the import raises the entry's last_frame, so the frame's memory is not imported twice.
  Entry* find_frame(const Frame* frame) {
    for (Entry& e : entries_)
      if (e.frame.get() == frame) return &e;
    return nullptr;
  }

  bool empty() const { return entries_.empty(); }

 private:
  std::vector<Entry> entries_;
};

}  // namespace wv::renderer
