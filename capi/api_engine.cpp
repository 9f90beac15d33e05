// The C API (wv/worldview.h): versions, results, the log, engines.
#include <cstdio>
#include <mutex>

#include "capi/call_result.h"
#include "capi/engine.h"
#include "capi/handles.h"
#include "wv/log.h"
#include "wv/worldview.h"

using namespace wv::capi;

extern "C" {

uint32_t wv_abi_version(void) { return WV_ABI_VERSION; }

const char* wv_version_string(void) { return WV_VERSION_STRING; }

const char* wv_error_string(wv_result result) {
  switch (result) {
    case WV_OK: return "WV_OK: success";
    case WV_ERROR_INVALID_ARGUMENT: return "WV_ERROR_INVALID_ARGUMENT: a NULL pointer or a value out of range";
    case WV_ERROR_INVALID_HANDLE: return "WV_ERROR_INVALID_HANDLE: NULL, destroyed, closed, released or of another kind";
    case WV_ERROR_WRONG_ORDER: return "WV_ERROR_WRONG_ORDER: the call is not allowed in this state";
    case WV_ERROR_NOT_FOUND: return "WV_ERROR_NOT_FOUND: no such model, file or server";
    case WV_ERROR_BAD_INPUT: return "WV_ERROR_BAD_INPUT: a file, model, prompt or message was refused";
    case WV_ERROR_UNSUPPORTED: return "WV_ERROR_UNSUPPORTED: this kind of source cannot do that";
    case WV_ERROR_NO_FRAME: return "WV_ERROR_NO_FRAME: no frame is due yet";
    case WV_ERROR_SOURCE_FAILED: return "WV_ERROR_SOURCE_FAILED: the source broke";
    case WV_ERROR_TIMEOUT: return "WV_ERROR_TIMEOUT: no frame came in time";
    case WV_ERROR_BUFFER_TOO_SMALL: return "WV_ERROR_BUFFER_TOO_SMALL: the buffer cannot hold it";
    case WV_ERROR_INTERNAL: return "WV_ERROR_INTERNAL: out of memory or an unexpected failure";
  }
  return "unknown wv_result";
}

const char* wv_last_error(void) { return last_error(); }

void wv_set_log_callback(wv_log_fn callback, void* user_data) {
  if (!callback) {
    wv::set_log_sink(nullptr);
    return;
  }
  wv::set_log_sink([callback, user_data](wv::LogLevel level, std::string_view message) {
    const std::string text(message);
    callback(user_data, wv_log_level(int(level)), text.c_str());
  });
}

wv_engine_params wv_engine_default_params(void) {
  wv_engine_params p{};
  p.inference_threads = 1;
  p.intra_op_threads = 1;
  p.lookahead = 3;
  return p;
}

wv_result wv_engine_create(const wv_engine_params* params, wv_engine* out_engine) {
  return guarded([&] {
    if (!params) return null_argument("wv_engine_create", "params");
    if (!out_engine) return null_argument("wv_engine_create", "out_engine");
    *out_engine = nullptr;
    auto engine = Engine::create(*params);
    if (!engine) return fail(WV_ERROR_BAD_INPUT, "wv_engine_create: " + engine.error().message);
    *out_engine = add_handle<wv_engine>(std::move(*engine));
    return WV_OK;
  });
}

wv_result wv_engine_destroy(wv_engine handle) {
  return guarded([&] {
    auto engine = find_handle<Engine>(handle);
    if (!engine) return invalid_handle("wv_engine_destroy", "engine");
    if (engine->in_use()) {
      return fail(WV_ERROR_WRONG_ORDER, "wv_engine_destroy: sources or workspaces of this engine are still open "
                                        "(close and destroy them first)");
    }
    if (engine->on_producer_thread()) {
      return fail(WV_ERROR_WRONG_ORDER, "wv_engine_destroy: called from a frame callback");
    }
    remove_handle<Engine>(handle);
    return WV_OK;
  });
}

wv_result wv_engine_model_count(wv_engine handle, size_t* out_count) {
  return guarded([&] {
    auto engine = find_handle<Engine>(handle);
    if (!engine) return invalid_handle("wv_engine_model_count", "engine");
    if (!out_count) return null_argument("wv_engine_model_count", "out_count");
    *out_count = engine->models().size();
    return WV_OK;
  });
}

wv_result wv_engine_model_id(wv_engine handle, size_t index, char* buffer, size_t buffer_size, size_t* out_length) {
  return guarded([&] {
    auto engine = find_handle<Engine>(handle);
    if (!engine) return invalid_handle("wv_engine_model_id", "engine");
    const std::vector<std::string> models = engine->models();
    if (index >= models.size()) {
      return fail(WV_ERROR_INVALID_ARGUMENT, "wv_engine_model_id: index " + std::to_string(index) + " of " +
                                                 std::to_string(models.size()) + " models");
    }
    return copy_text(models[index], buffer, buffer_size, out_length, "wv_engine_model_id");
  });
}

}  // extern "C"
