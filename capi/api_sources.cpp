// The C API (wv/worldview.h): opening rollouts and videos, steering, branching, status, closing.
#include <algorithm>
#include <atomic>
#include <cstring>

#include "app/display_label.h"
#include "app/model_catalog.h"
#include "capi/call_result.h"
#include "capi/engine.h"
#include "capi/handles.h"
#include "capi/source.h"
#include "model/rollout_engine.h"
#include "wv/worldview.h"

using namespace wv::capi;

namespace {

std::atomic<int> g_opened{0};

// "rollout 3 (\"three red balls ...\")": for messages, unless the host names it.
std::string source_name(const char* host_name, const char* kind, const std::string& what) {
  if (host_name && *host_name) return host_name;
  return std::string(kind) + " " + std::to_string(++g_opened) + " (\"" + wv::app::display_label(what) + "\")";
}

wv_result hand_out(wv::Result<std::shared_ptr<Source>> opened, wv_result code, wv_source* out_source) {
  if (!opened) return fail(code, opened.error().message);
  *out_source = add_handle<wv_source>(*opened);
  (*opened)->set_handle(*out_source);
  return WV_OK;
}

// A start image as a frame the engine can use; errors name the field.
wv::Result<wv::FramePtr> start_image(const wv_rollout_params& p) {
  if (!p.start_image) return wv::FramePtr();
  if (p.start_image_width <= 0 || p.start_image_height <= 0 || p.start_image_width > 16384 ||
      p.start_image_height > 16384) {
    return wv::Error{"start image size " + std::to_string(p.start_image_width) + "x" +
                     std::to_string(p.start_image_height) + " is out of range"};
  }
  const int32_t row_bytes = p.start_image_width * 4;
  const int32_t stride = p.start_image_stride_bytes == 0 ? row_bytes : p.start_image_stride_bytes;
  if (stride < row_bytes) return wv::Error{"start image stride " + std::to_string(stride) + " is below width × 4"};
  auto frame = wv::make_frame(p.start_image_width, p.start_image_height, 0, 0.0);
  for (int32_t y = 0; y < frame->height; ++y) {
    std::memcpy(frame->row(y), p.start_image + size_t(y) * size_t(stride), size_t(row_bytes));
  }
  return wv::FramePtr(std::move(frame));
}

}  // namespace

extern "C" {

wv_rollout_params wv_rollout_default_params(void) {
  wv_rollout_params p{};
  p.model = wv::app::kDefaultModelId;
  p.seed = 1;
  return p;
}

wv_result wv_rollout_open(wv_engine engine_handle, const wv_rollout_params* params, wv_source* out_source) {
  return guarded([&] {
    auto engine = find_handle<Engine>(engine_handle);
    if (!engine) return invalid_handle("wv_rollout_open", "engine");
    if (!params) return null_argument("wv_rollout_open", "params");
    if (!out_source) return null_argument("wv_rollout_open", "out_source");
    *out_source = nullptr;
    if (!params->prompt) return null_argument("wv_rollout_open", "params->prompt");
    wv::app::RolloutSourceSpec spec;
    if (params->model) spec.model = params->model;
    spec.prompt = params->prompt;
    spec.seed = params->seed;
    const std::string name = source_name(params->name, "rollout", spec.prompt);
    if (spec.prompt.empty() || spec.prompt.size() > wv::model::kMaxPromptBytes) {
      return fail(WV_ERROR_INVALID_ARGUMENT, name + ": the prompt must have 1.." +
                                                 std::to_string(wv::model::kMaxPromptBytes) + " bytes");
    }
    const std::vector<std::string> models = engine->models();
    if (std::find(models.begin(), models.end(), spec.model) == models.end()) {
      std::string known;
      for (const std::string& m : models) known += (known.empty() ? "" : ", ") + m;
      return fail(WV_ERROR_NOT_FOUND, name + ": no model \"" + spec.model + "\" (this engine has: " +
                                          (known.empty() ? "none" : known) + ")");
    }
    auto image = start_image(*params);
    if (!image) return fail(WV_ERROR_INVALID_ARGUMENT, name + ": " + image.error().message);
    return hand_out(engine->open_rollout(spec, name, *image), WV_ERROR_BAD_INPUT, out_source);
  });
}

wv_result wv_video_open(wv_engine engine_handle, const char* path, int loop, wv_source* out_source) {
  return guarded([&] {
    auto engine = find_handle<Engine>(engine_handle);
    if (!engine) return invalid_handle("wv_video_open", "engine");
    if (!path) return null_argument("wv_video_open", "path");
    if (!out_source) return null_argument("wv_video_open", "out_source");
    *out_source = nullptr;
    wv::app::SourceSpec spec;
    spec.kind = wv::app::SourceSpec::Kind::Video;
    spec.video = {.path = path, .loop = loop != 0};
    return hand_out(engine->open(spec, source_name(nullptr, "video", path)), WV_ERROR_BAD_INPUT, out_source);
  });
}

wv_result wv_rollout_steer(wv_source handle, int64_t frame_index, const char* prompt) {
  return guarded([&] {
    auto source = find_handle<Source>(handle);
    if (!source) return invalid_handle("wv_rollout_steer", "source");
    if (!prompt) return null_argument("wv_rollout_steer", "prompt");
    if (!source->steerable()) return fail(WV_ERROR_UNSUPPORTED, source->name() + ": only rollouts can be steered");
    return from_status(source->steer(frame_index, prompt), WV_ERROR_INVALID_ARGUMENT);
  });
}

wv_result wv_rollout_branch(wv_source handle, int64_t frame_index, const char* prompt, int change_seed, uint64_t seed,
                            wv_source* out_branch) {
  return guarded([&] {
    auto source = find_handle<Source>(handle);
    if (!source) return invalid_handle("wv_rollout_branch", "source");
    if (!out_branch) return null_argument("wv_rollout_branch", "out_branch");
    *out_branch = nullptr;
    if (!source->steerable()) return fail(WV_ERROR_UNSUPPORTED, source->name() + ": only rollouts can branch");
    auto branch = source->branch(frame_index, prompt ? std::optional<std::string>(prompt) : std::nullopt,
                                 change_seed ? std::optional<uint64_t>(seed) : std::nullopt);
    if (!branch) return fail(WV_ERROR_INVALID_ARGUMENT, branch.error().message);
    return hand_out(source->engine()->adopt(std::move(*branch)), WV_ERROR_INVALID_ARGUMENT, out_branch);
  });
}

wv_result wv_source_status_get(wv_source handle, wv_source_status* out_status) {
  return guarded([&] {
    auto source = find_handle<Source>(handle);
    if (!source) return invalid_handle("wv_source_status_get", "source");
    if (!out_status) return null_argument("wv_source_status_get", "out_status");
    *out_status = source->status();
    return WV_OK;
  });
}

wv_result wv_source_error(wv_source handle, char* buffer, size_t buffer_size, size_t* out_length) {
  return guarded([&] {
    auto source = find_handle<Source>(handle);
    if (!source) return invalid_handle("wv_source_error", "source");
    return copy_text(source->error_message(), buffer, buffer_size, out_length, "wv_source_error");
  });
}

wv_result wv_source_unknown_word(wv_source handle, size_t index, char* buffer, size_t buffer_size,
                                 size_t* out_length) {
  return guarded([&] {
    auto source = find_handle<Source>(handle);
    if (!source) return invalid_handle("wv_source_unknown_word", "source");
    const std::vector<std::string> words = source->unknown_words();
    if (index >= words.size()) {
      return fail(WV_ERROR_INVALID_ARGUMENT, "wv_source_unknown_word: index " + std::to_string(index) + " of " +
                                                 std::to_string(words.size()) + " words");
    }
    return copy_text(words[index], buffer, buffer_size, out_length, "wv_source_unknown_word");
  });
}

wv_result wv_source_prompt_at(wv_source handle, int64_t frame_index, char* buffer, size_t buffer_size,
                              size_t* out_length) {
  return guarded([&] {
    auto source = find_handle<Source>(handle);
    if (!source) return invalid_handle("wv_source_prompt_at", "source");
    if (!source->steerable()) return fail(WV_ERROR_UNSUPPORTED, source->name() + ": only rollouts have prompts");
    if (frame_index < 0) return fail(WV_ERROR_INVALID_ARGUMENT, "wv_source_prompt_at: frame_index < 0");
    return copy_text(source->prompt_at(frame_index), buffer, buffer_size, out_length, "wv_source_prompt_at");
  });
}

wv_result wv_source_set_playing(wv_source handle, int playing) {
  return guarded([&] {
    auto source = find_handle<Source>(handle);
    if (!source) return invalid_handle("wv_source_set_playing", "source");
    source->set_playing(playing != 0);
    return WV_OK;
  });
}

wv_result wv_source_seek(wv_source handle, int64_t frame_index) {
  return guarded([&] {
    auto source = find_handle<Source>(handle);
    if (!source) return invalid_handle("wv_source_seek", "source");
    return from_status(source->seek(frame_index), WV_ERROR_INVALID_ARGUMENT);
  });
}

wv_result wv_source_close(wv_source handle) {
  return guarded([&] {
    auto source = remove_handle<Source>(handle);
    if (!source) return invalid_handle("wv_source_close", "source");
    source->close();
    source->engine()->release(*source);
    return WV_OK;
  });
}

}  // extern "C"
