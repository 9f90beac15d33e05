#include "capi/call_result.h"

#include <cstring>

namespace wv::capi {
namespace {

thread_local std::string t_last_error;

}  // namespace

wv_result fail(wv_result code, std::string message) {
  t_last_error = std::move(message);
  return code;
}

wv_result invalid_handle(const char* function, const char* what) {
  return fail(WV_ERROR_INVALID_HANDLE, std::string(function) + ": " + what +
                                           " is not a live handle (NULL, destroyed, closed or of another kind)");
}

wv_result null_argument(const char* function, const char* what) {
  return fail(WV_ERROR_INVALID_ARGUMENT, std::string(function) + ": " + what + " is NULL");
}

wv_result from_status(const Status& status, wv_result code) {
  return status ? WV_OK : fail(code, status.error().message);
}

const char* last_error() { return t_last_error.c_str(); }

wv_result copy_text(const std::string& text, char* buffer, size_t buffer_size, size_t* out_length,
                    const char* function) {
  if (out_length) *out_length = text.size();
  if (!buffer) {
    if (buffer_size != 0) return null_argument(function, "buffer");
    return WV_OK;
  }
  if (buffer_size == 0) return fail(WV_ERROR_BUFFER_TOO_SMALL, std::string(function) + ": buffer_size is 0");
  const size_t n = text.size() < buffer_size ? text.size() : buffer_size - 1;
  std::memcpy(buffer, text.data(), n);
  buffer[n] = '\0';
  if (n < text.size()) {
    return fail(WV_ERROR_BUFFER_TOO_SMALL, std::string(function) + ": " + std::to_string(text.size() + 1) +
                                               " bytes needed, the buffer has " + std::to_string(buffer_size));
  }
  return WV_OK;
}

}  // namespace wv::capi
