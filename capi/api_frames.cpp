// The C API (wv/worldview.h): acquiring, copying and releasing frames; frame callbacks.
#include <cstring>

#include "capi/call_result.h"
#include "capi/handles.h"
#include "capi/source.h"
#include "wv/worldview.h"

using namespace wv::capi;

namespace wv::capi {

// What a wv_frame handle holds: a reference that keeps the pixels alive until released.
struct AcquiredFrame {
  wv::FramePtr frame;
};

}  // namespace wv::capi

namespace {

wv_result hand_out(const Acquired& acquired, const Source& source, const char* function, wv_frame* out_frame,
                   wv_frame_info* out_info) {
  if (!acquired.frame) {
    if (acquired.result == WV_ERROR_SOURCE_FAILED) return fail(acquired.result, source.name() + ": " + source.error_message());
    return fail(acquired.result, std::string(function) + ": " + source.name() +
                                     (acquired.result == WV_ERROR_TIMEOUT ? ": no frame came in time"
                                                                          : ": no frame is due yet"));
  }
  const wv::Frame& f = *acquired.frame;
  out_info->pixels = f.pixels.data();
  out_info->width = f.width;
  out_info->height = f.height;
  out_info->stride_bytes = f.stride_bytes;
  out_info->format = WV_PIXEL_RGBA8_SRGB;
  out_info->index = f.index;
  out_info->pts_s = f.pts_s;
  out_info->is_new = acquired.is_new ? 1 : 0;
  *out_frame = add_handle<wv_frame>(std::make_shared<AcquiredFrame>(AcquiredFrame{acquired.frame}));
  return WV_OK;
}

}  // namespace

extern "C" {

wv_result wv_source_acquire_frame(wv_source handle, double display_time_s, wv_frame* out_frame,
                                  wv_frame_info* out_info) {
  return guarded([&] {
    auto source = find_handle<Source>(handle);
    if (!source) return invalid_handle("wv_source_acquire_frame", "source");
    if (!out_frame) return null_argument("wv_source_acquire_frame", "out_frame");
    *out_frame = nullptr;
    if (!out_info) return null_argument("wv_source_acquire_frame", "out_info");
    return hand_out(source->acquire(display_time_s), *source, "wv_source_acquire_frame", out_frame, out_info);
  });
}

wv_result wv_source_wait_frame(wv_source handle, int32_t timeout_ms, wv_frame* out_frame, wv_frame_info* out_info) {
  return guarded([&] {
    auto source = find_handle<Source>(handle);
    if (!source) return invalid_handle("wv_source_wait_frame", "source");
    if (!out_frame) return null_argument("wv_source_wait_frame", "out_frame");
    *out_frame = nullptr;
    if (!out_info) return null_argument("wv_source_wait_frame", "out_info");
    if (timeout_ms < 0) return fail(WV_ERROR_INVALID_ARGUMENT, "wv_source_wait_frame: timeout_ms < 0");
    return hand_out(source->wait_next(timeout_ms), *source, "wv_source_wait_frame", out_frame, out_info);
  });
}

wv_result wv_frame_copy_pixels(wv_frame handle, void* dst, size_t dst_size, size_t dst_stride_bytes) {
  return guarded([&] {
    auto acquired = find_handle<AcquiredFrame>(handle);
    if (!acquired) return invalid_handle("wv_frame_copy_pixels", "frame");
    if (!dst) return null_argument("wv_frame_copy_pixels", "dst");
    const wv::Frame& f = *acquired->frame;
    const size_t row_bytes = size_t(f.width) * 4;
    if (dst_stride_bytes < row_bytes) {
      return fail(WV_ERROR_INVALID_ARGUMENT, "wv_frame_copy_pixels: dst_stride_bytes " +
                                                 std::to_string(dst_stride_bytes) + " is below width × 4 = " +
                                                 std::to_string(row_bytes));
    }
    const size_t needed = dst_stride_bytes * size_t(f.height - 1) + row_bytes;
    if (dst_size < needed) {
      return fail(WV_ERROR_BUFFER_TOO_SMALL, "wv_frame_copy_pixels: " + std::to_string(needed) +
                                                 " bytes needed, dst has " + std::to_string(dst_size));
    }
    auto* out = static_cast<uint8_t*>(dst);
    if (dst_stride_bytes == size_t(f.stride_bytes)) {
      std::memcpy(out, f.pixels.data(), needed);
    } else {
      for (int32_t y = 0; y < f.height; ++y) std::memcpy(out + size_t(y) * dst_stride_bytes, f.row(y), row_bytes);
    }
    return WV_OK;
  });
}

wv_result wv_frame_release(wv_frame handle) {
  return guarded([&] {
    if (!remove_handle<AcquiredFrame>(handle)) return invalid_handle("wv_frame_release", "frame (not acquired, or released already)");
    return WV_OK;
  });
}

wv_result wv_source_set_frame_callback(wv_source handle, wv_frame_ready_fn callback, void* user_data) {
  return guarded([&] {
    auto source = find_handle<Source>(handle);
    if (!source) return invalid_handle("wv_source_set_frame_callback", "source");
    source->set_callback(callback, user_data);
    return WV_OK;
  });
}

}  // extern "C"
