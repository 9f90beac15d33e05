// renderer/deletion_queue.h (internal) — GPU objects retired while earlier frames may still use
// them (a texture resized or destroyed, attachments of a resized target). Each waits until the
// last frame that could use it has finished on the GPU.
#pragma once

#include <cstdint>
#include <vector>

#include <vulkan/vulkan.h>

#include "renderer/gpu_memory.h"

namespace wv::renderer {

class DeletionQueue {
 public:
  struct Entry {
    uint64_t last_frame = 0;  // the newest frame id that may use the objects
    GpuImage image;
    VkDescriptorSet descriptor_set = VK_NULL_HANDLE;
  };

  void retire(const Entry& entry) { entries_.push_back(entry); }

  // Frees entries whose last frame is <= completed_frame (every frame up to it has finished).
  void flush(VkDevice device, VkDescriptorPool pool, uint64_t completed_frame) {
    size_t kept = 0;
    for (Entry& e : entries_) {
      if (e.last_frame <= completed_frame) {
        if (e.descriptor_set) vkFreeDescriptorSets(device, pool, 1, &e.descriptor_set);
        destroy_image(device, e.image);
      } else {
        entries_[kept++] = e;
      }
    }
    entries_.resize(kept);
  }

  bool empty() const { return entries_.empty(); }

 private:
  std::vector<Entry> entries_;
};

}  // namespace wv::renderer
