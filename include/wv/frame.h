// wv/frame.h — one picture from a source: pixels with explicit format and size, the source's
// frame index and presentation time.
//
//   auto frame = wv::make_frame(128, 128, /*index=*/0, /*pts_s=*/0.0);
//   frame->pixels[0] = 255;          // fill while it is still yours
//   queue.try_push(std::move(frame)); // then share it read-only
//
// Frames are shared read-only once published (FramePtr is a pointer to const): the queue, the
// texture streamer and a recorder can hold the same frame without copies.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

namespace wv {

// Pixel memory starts on a page boundary and spans whole pages, so a GPU driver can import it
// as host memory (VK_EXT_external_memory_host) and upload straight from it: the render thread
// copies no pixels. 4096 is the import alignment of common drivers (Mesa, NVIDIA).
inline constexpr size_t kPixelAlignment = 4096;

template <typename T>
struct PageAlignedAllocator {
  using value_type = T;
  PageAlignedAllocator() = default;
  template <typename U>
  PageAlignedAllocator(const PageAlignedAllocator<U>&) {}

  T* allocate(size_t n) {
    const size_t bytes = (n * sizeof(T) + kPixelAlignment - 1) / kPixelAlignment * kPixelAlignment;
    void* p = std::aligned_alloc(kPixelAlignment, bytes == 0 ? kPixelAlignment : bytes);
    if (!p) throw std::bad_alloc();
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t) { std::free(p); }

  template <typename U>
  bool operator==(const PageAlignedAllocator<U>&) const { return true; }
};

// Bytes reserved for `size` bytes of pixels: whole pages.
constexpr size_t pixel_allocation_size(size_t size) {
  return (size + kPixelAlignment - 1) / kPixelAlignment * kPixelAlignment;
}

using PixelBuffer = std::vector<uint8_t, PageAlignedAllocator<uint8_t>>;

enum class PixelFormat : uint8_t {
  Rgba8Srgb,  // 8-bit R,G,B,A, sRGB-encoded color, straight (not premultiplied) alpha
};

constexpr int bytes_per_pixel(PixelFormat format) {
  switch (format) {
    case PixelFormat::Rgba8Srgb: return 4;
  }
  return 0;
}

struct Frame {
  int32_t width = 0;
  int32_t height = 0;
  PixelFormat format = PixelFormat::Rgba8Srgb;
  int32_t stride_bytes = 0;  // bytes from one row to the next
  int64_t index = 0;         // frame index in its source, from 0
  double pts_s = 0.0;        // presentation time on the source's timeline, in seconds
  PixelBuffer pixels;  // page-aligned; its allocation spans pixel_allocation_size(byte_size()) bytes

  size_t byte_size() const { return size_t(stride_bytes) * size_t(height); }
  uint8_t* row(int32_t y) { return pixels.data() + size_t(y) * size_t(stride_bytes); }
  const uint8_t* row(int32_t y) const { return pixels.data() + size_t(y) * size_t(stride_bytes); }
};

using FramePtr = std::shared_ptr<const Frame>;

// A zero-filled, tightly packed frame that the caller may still write into.
inline std::shared_ptr<Frame> make_frame(int32_t width, int32_t height, int64_t index, double pts_s,
                                         PixelFormat format = PixelFormat::Rgba8Srgb) {
  auto frame = std::make_shared<Frame>();
  frame->width = width;
  frame->height = height;
  frame->format = format;
  frame->stride_bytes = width * bytes_per_pixel(format);
  frame->index = index;
  frame->pts_s = pts_s;
  frame->pixels.assign(frame->byte_size(), 0);
  return frame;
}

}  // namespace wv
