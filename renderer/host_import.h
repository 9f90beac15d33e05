// renderer/host_import.h (internal) — zero-copy uploads: a frame's own pixel memory imported as
// a transfer-source buffer (VK_EXT_external_memory_host), so the render thread copies no pixels.
// The import holds a reference to the frame and lives in the deletion queue until the last
// frame that copies from it has finished on the GPU; a later upload of the same frame while it
// lives reuses it (some platforms refuse to import the same memory twice).
//
//   VkBuffer src = importer.import(frame_ptr, frame_id, stats);
//   if (src == VK_NULL_HANDLE) { ... copy through the staging ring instead ... }
#pragma once

#include <cstdint>

#include <vulkan/vulkan.h>

#include "renderer/deletion_queue.h"
#include "renderer/renderer.h"
#include "wv/frame.h"

namespace wv::renderer {

class Context;

class FrameImporter {
 public:
  // enabled = false: import() always declines (RendererParams::import_frame_memory).
  FrameImporter(const Context& ctx, DeletionQueue& deletions, bool enabled);

  // A buffer whose offset 0 is frame->pixels.data(), valid for the commands of frame `frame_id`;
  // VK_NULL_HANDLE when this device or frame cannot be imported. Counts new imports in stats.
  VkBuffer import(const FramePtr& frame, uint64_t frame_id, RendererStats& stats);

 private:
  bool importable(const Frame& frame) const;

  const Context& ctx_;
  DeletionQueue& deletions_;
  bool enabled_;
  bool failure_logged_ = false;
};

}  // namespace wv::renderer
