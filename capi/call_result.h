// capi/call_result.h — how a C API call reports: a wv_result code, and for failures a message
// naming the input and the reason kept per thread for wv_last_error(). Nothing throws across the
// C boundary: guarded() turns any exception into WV_ERROR_INTERNAL with its message.
//
//   wv_result wv_thing(wv_source s) {
//     return wv::capi::guarded([&] {
//       auto source = wv::capi::find_handle<Source>(s);
//       if (!source) return wv::capi::invalid_handle("wv_thing", "source");
//       ...
//       return WV_OK;
//     });
//   }
#pragma once

#include <exception>
#include <new>
#include <string>

#include "wv/result.h"
#include "wv/worldview.h"

namespace wv::capi {

// Keeps `message` as this thread's last error and returns `code`.
wv_result fail(wv_result code, std::string message);
// "<function>: <what> is not a live handle (NULL, destroyed, closed or of another kind)".
wv_result invalid_handle(const char* function, const char* what);
// "<function>: <what> is NULL".
wv_result null_argument(const char* function, const char* what);
// WV_OK for a success, else `code` with the error's message.
wv_result from_status(const Status& status, wv_result code);

const char* last_error();

template <typename Call>
wv_result guarded(Call&& call) noexcept {
  try {
    return call();
  } catch (const std::bad_alloc&) {
    return fail(WV_ERROR_INTERNAL, "out of memory");
  } catch (const std::exception& e) {
    return fail(WV_ERROR_INTERNAL, std::string("unexpected failure: ") + e.what());
  } catch (...) {
    return fail(WV_ERROR_INTERNAL, "unexpected failure");
  }
}

// Copies `text` NUL-terminated into (buffer, size) and its length (without the NUL) into
// out_length (may be NULL); WV_ERROR_BUFFER_TOO_SMALL (the text cut to fit) when it does not
// fit. buffer NULL with size 0 only asks for the length.
wv_result copy_text(const std::string& text, char* buffer, size_t buffer_size, size_t* out_length,
                    const char* function);

}  // namespace wv::capi
