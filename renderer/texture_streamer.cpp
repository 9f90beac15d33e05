#include "renderer/texture_streamer.h"

#include <cstring>

#include "renderer/barriers.h"
#include "renderer/context.h"
#include "renderer/vk_check.h"

namespace wv::renderer {
namespace {

constexpr VkFormat kTextureFormat = VK_FORMAT_R8G8B8A8_SRGB;
constexpr uint8_t kPlaceholderSrgb[4] = {30, 33, 40, 255};  // dark blue-grey: "nothing yet"

}  // namespace

Status TextureStreamer::init(VkDescriptorSetLayout set_layout, uint32_t max_textures) {
  set_layout_ = set_layout;
  VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, max_textures};
  VkDescriptorPoolCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  info.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
  info.maxSets = max_textures;
  info.poolSizeCount = 1;
  info.pPoolSizes = &size;
  WV_VK_TRY(vkCreateDescriptorPool(ctx_.device(), &info, nullptr, &pool_));

  // The placeholder is an ordinary texture; it is uploaded with the first frame, before any draw.
  placeholder_ = create();
  auto pixel = make_frame(1, 1, 0, 0.0);
  std::memcpy(pixel->pixels.data(), kPlaceholderSrgb, 4);
  update(placeholder_, std::move(pixel));
  return Status::success();
}

TextureStreamer::~TextureStreamer() {
  VkDevice device = ctx_.device();
  for (auto t = textures_.rbegin(); t != textures_.rend(); ++t) destroy_image(device, t->image);
  // Destroying the pool frees every set allocated from it (also those still in deletions_).
  if (pool_) vkDestroyDescriptorPool(device, pool_, nullptr);
}

TextureStreamer::Texture& TextureStreamer::get(TextureId id) {
  WV_ASSERT(id != kNoTexture && id <= textures_.size() && textures_[id - 1].alive);
  return textures_[id - 1];
}

TextureId TextureStreamer::create() {
  TextureId id;
  if (!free_ids_.empty()) {
    id = free_ids_.back();
    free_ids_.pop_back();
  } else {
    textures_.emplace_back();
    id = TextureId(textures_.size());
  }
  textures_[id - 1] = Texture{};
  textures_[id - 1].alive = true;
  return id;
}

void TextureStreamer::destroy(TextureId id, uint64_t last_frame) {
  WV_ASSERT(id != placeholder_);
  Texture& t = get(id);
  if (t.image.image) deletions_.retire({last_frame, t.image, t.set});
  t = Texture{};
  free_ids_.push_back(id);
}

void TextureStreamer::update(TextureId id, FramePtr frame) {
  WV_ASSERT(frame && frame->format == PixelFormat::Rgba8Srgb && frame->width > 0 && frame->height > 0);
  WV_ASSERT(frame->stride_bytes % 4 == 0 && frame->stride_bytes >= frame->width * 4);
  WV_ASSERT(frame->pixels.size() >= frame->byte_size());
  get(id).pending = std::move(frame);
}

VkDescriptorSet TextureStreamer::descriptor(TextureId id) const {
  if (id != kNoTexture) {
    WV_ASSERT(id <= textures_.size() && textures_[id - 1].alive);
    if (textures_[id - 1].ready) return textures_[id - 1].set;
  }
  return textures_[placeholder_ - 1].set;
}

Status TextureStreamer::recreate_image(Texture& t, VkExtent2D extent, uint64_t frame_id) {
  if (t.image.image) deletions_.retire({frame_id - 1, t.image, t.set});  // earlier frames sample it
  t.image = GpuImage{};
  t.set = VK_NULL_HANDLE;
  t.ready = false;
  t.extent = extent;
  ImageDesc desc;
  desc.extent = extent;
  desc.format = kTextureFormat;
  desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  if (Status s = create_image(ctx_, desc, t.image); !s) {
    destroy_image(ctx_.device(), t.image);
    return s;
  }
  VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
  alloc.descriptorPool = pool_;
  alloc.descriptorSetCount = 1;
  alloc.pSetLayouts = &set_layout_;
  WV_VK_TRY(vkAllocateDescriptorSets(ctx_.device(), &alloc, &t.set));
  VkDescriptorImageInfo image_info{VK_NULL_HANDLE, t.image.view, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
  VkWriteDescriptorSet write{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
  write.dstSet = t.set;
  write.descriptorCount = 1;
  write.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  write.pImageInfo = &image_info;
  vkUpdateDescriptorSets(ctx_.device(), 1, &write, 0, nullptr);
  return Status::success();
}

Status TextureStreamer::record_uploads(VkCommandBuffer cmd, GpuBuffer& staging, uint64_t frame_id,
                                       RendererStats& stats) {
  before_copy_.clear();
  after_copy_.clear();
  copies_.clear();
  uint64_t used = 0;
  bool deferred = false;
  for (Texture& t : textures_) {
    if (!t.alive || !t.pending) continue;
    const Frame& frame = *t.pending;
    const uint64_t bytes = frame.byte_size();
    VkBuffer source = importer_.import(t.pending, frame_id, stats);
    uint64_t offset = 0;
    if (source == VK_NULL_HANDLE) {
      offset = (used + 15) & ~uint64_t(15);  // texel- and copy-offset aligned
      if (offset + bytes > staging.size) {
        if (used > 0) {  // room again next frame
          deferred = true;
          continue;
        }
        // One frame alone is larger than the buffer: grow it. The slot's fence has signalled,
        // so the old buffer is idle and can go at once.
        destroy_buffer(ctx_.device(), staging);
        if (Status s = create_host_buffer(ctx_, (bytes + (1u << 20) - 1) & ~uint64_t((1u << 20) - 1),
                                          VK_BUFFER_USAGE_TRANSFER_SRC_BIT, false, staging);
            !s)
          return s;
      }
      std::memcpy(staging.mapped + offset, frame.pixels.data(), bytes);
      used = offset + bytes;
      source = staging.buffer;
    } else {
      stats.zero_copy_uploads++;
    }
    const VkExtent2D extent{uint32_t(frame.width), uint32_t(frame.height)};
    const bool resized = extent.width != t.extent.width || extent.height != t.extent.height;
    if (resized || !t.image.image) {
      if (Status s = recreate_image(t, extent, frame_id); !s) return s;
      stats.textures_recreated++;
    }

    const VkImageLayout from = t.ready ? VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL : VK_IMAGE_LAYOUT_UNDEFINED;
    // Earlier frames may still sample the image: wait for their fragment shaders (WAR).
    before_copy_.push_back(image_barrier(t.image.image, VK_IMAGE_ASPECT_COLOR_BIT, from, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                         VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_NONE,
                                         VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT));
    after_copy_.push_back(image_barrier(t.image.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                        VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_2_COPY_BIT,
                                        VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                                        VK_ACCESS_2_SHADER_SAMPLED_READ_BIT));
    VkBufferImageCopy region{};
    region.bufferOffset = offset;
    region.bufferRowLength = uint32_t(frame.stride_bytes / 4);
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {extent.width, extent.height, 1};
    copies_.push_back({source, t.image.image, region});
    t.ready = true;  // true once this frame's commands run, before any draw in it
    t.pending.reset();
    stats.textures_uploaded++;
    stats.bytes_uploaded += bytes;
  }
  if (deferred) stats.uploads_deferred++;
  if (copies_.empty()) return Status::success();

  cmd_barriers(cmd, before_copy_.data(), uint32_t(before_copy_.size()));
  for (const Copy& c : copies_)
    vkCmdCopyBufferToImage(cmd, c.buffer, c.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &c.region);
  cmd_barriers(cmd, after_copy_.data(), uint32_t(after_copy_.size()));
  return Status::success();
}

}  // namespace wv::renderer
