/* tests/capi/misuse_test.c — the C API refuses misuse and bad input with an error code and a
 * message naming the input, never a crash: NULL and stale handles, handles of another kind,
 * double destroy and close, release without acquire, wrong order, bad parameters, missing and
 * damaged files, unknown models, small buffers, bad review ratings and notes. Compiled as C11.
 * Usage: capi_misuse_test OUT_DIR VIDEO_FILE */
#include <math.h>
#include <stdint.h>

#include "capi_check.h"

static void write_file(const char* path, const char* text) {
  FILE* f = fopen(path, "w");
  CHECK(f != NULL);
  fputs(text, f);
  fclose(f);
}

int main(int argc, char** argv) {
  CHECK(argc == 3);
  const char* out_dir = argv[1];
  const char* video = argv[2];
  wv_frame frame;
  wv_frame_info info;
  wv_source_status st;
  char text[64];

  /* Every code has a name; an unknown one too. */
  for (int code = WV_ERROR_INTERNAL; code <= WV_OK; ++code) CHECK(strncmp(wv_error_string((wv_result)code), "WV_", 3) == 0);
  CHECK(strcmp(wv_error_string((wv_result)42), "unknown wv_result") == 0);

  /* NULL handles. */
  CHECK_FAILS(wv_engine_destroy(NULL), WV_ERROR_INVALID_HANDLE, "wv_engine_destroy: engine");
  CHECK_FAILS(wv_source_close(NULL), WV_ERROR_INVALID_HANDLE, "wv_source_close: source");
  CHECK_FAILS(wv_source_acquire_frame(NULL, 0.0, &frame, &info), WV_ERROR_INVALID_HANDLE, "source");
  CHECK_FAILS(wv_source_wait_frame(NULL, 10, &frame, &info), WV_ERROR_INVALID_HANDLE, "source");
  CHECK_FAILS(wv_rollout_steer(NULL, 1, "x"), WV_ERROR_INVALID_HANDLE, "source");
  CHECK_FAILS(wv_source_status_get(NULL, &st), WV_ERROR_INVALID_HANDLE, "source");
  CHECK_FAILS(wv_source_set_playing(NULL, 0), WV_ERROR_INVALID_HANDLE, "source");
  CHECK_FAILS(wv_source_seek(NULL, 0), WV_ERROR_INVALID_HANDLE, "source");
  CHECK_FAILS(wv_source_set_frame_callback(NULL, NULL, NULL), WV_ERROR_INVALID_HANDLE, "source");
  CHECK_FAILS(wv_workspace_destroy(NULL), WV_ERROR_INVALID_HANDLE, "workspace");
  CHECK_FAILS(wv_workspace_save(NULL, "x.wv.json"), WV_ERROR_INVALID_HANDLE, "workspace");
  CHECK_FAILS(wv_engine_model_count(NULL, NULL), WV_ERROR_INVALID_HANDLE, "engine");

  /* Release without acquire: NULL, a made-up handle. */
  CHECK_FAILS(wv_frame_release(NULL), WV_ERROR_INVALID_HANDLE, "not acquired");
  CHECK_FAILS(wv_frame_release((wv_frame)(uintptr_t)0x1234), WV_ERROR_INVALID_HANDLE, "not acquired");
  CHECK_FAILS(wv_frame_copy_pixels(NULL, text, sizeof text, 4), WV_ERROR_INVALID_HANDLE, "frame");

  /* Bad engine parameters. */
  wv_engine engine = NULL;
  CHECK_FAILS(wv_engine_create(NULL, &engine), WV_ERROR_INVALID_ARGUMENT, "params is NULL");
  wv_engine_params ep = wv_engine_default_params();
  ep.lookahead = 0;
  CHECK_FAILS(wv_engine_create(&ep, &engine), WV_ERROR_BAD_INPUT, "lookahead = 0");
  CHECK(engine == NULL);
  ep = wv_engine_default_params();
  ep.inference_threads = 99;
  CHECK_FAILS(wv_engine_create(&ep, &engine), WV_ERROR_BAD_INPUT, "inference_threads = 99");
  ep = wv_engine_default_params();
  ep.server = "not an address";
  CHECK_FAILS(wv_engine_create(&ep, &engine), WV_ERROR_BAD_INPUT, "not an address");
  ep = wv_engine_default_params();
  ep.server = "127.0.0.1:1"; /* nobody listens */
  CHECK_FAILS(wv_engine_create(&ep, &engine), WV_ERROR_BAD_INPUT, "127.0.0.1:1");
  ep = wv_engine_default_params();
  const char* missing_model = "/nonexistent/model.pt";
  ep.model_files = &missing_model;
  ep.model_file_count = 1;
  CHECK_FAILS(wv_engine_create(&ep, &engine), WV_ERROR_BAD_INPUT, "/nonexistent/model.pt");

  ep = wv_engine_default_params();
  CHECK_OK(wv_engine_create(&ep, &engine));

  /* Bad rollout parameters: NULL prompt, empty prompt, unknown model, a start image of the
   * wrong size, a bad stride. */
  wv_source source = NULL;
  wv_rollout_params rp = wv_rollout_default_params();
  CHECK_FAILS(wv_rollout_open(engine, &rp, &source), WV_ERROR_INVALID_ARGUMENT, "prompt is NULL");
  rp.prompt = "";
  CHECK_FAILS(wv_rollout_open(engine, &rp, &source), WV_ERROR_INVALID_ARGUMENT, "prompt must have");
  rp.prompt = "three red balls in a dark blue room";
  rp.model = "no-such-model";
  CHECK_FAILS(wv_rollout_open(engine, &rp, &source), WV_ERROR_NOT_FOUND, "no model \"no-such-model\"");
  rp.model = "../../etc/passwd";
  CHECK_FAILS(wv_rollout_open(engine, &rp, &source), WV_ERROR_NOT_FOUND, "../../etc/passwd");
  rp = wv_rollout_default_params();
  rp.prompt = "three red balls in a dark blue room";
  static uint8_t image[8 * 8 * 4];
  rp.start_image = image;
  rp.start_image_width = 8;
  rp.start_image_height = 8;
  CHECK_FAILS(wv_rollout_open(engine, &rp, &source), WV_ERROR_BAD_INPUT, "start image");
  rp.start_image_stride_bytes = 4;
  CHECK_FAILS(wv_rollout_open(engine, &rp, &source), WV_ERROR_INVALID_ARGUMENT, "stride 4");
  CHECK(source == NULL);

  /* Bad files: a missing video, a file that is not a video, a missing and a damaged workspace. */
  char path[1024];
  CHECK_FAILS(wv_video_open(engine, "/nonexistent/clip.mp4", 0, &source), WV_ERROR_BAD_INPUT, "/nonexistent/clip.mp4");
  snprintf(path, sizeof path, "%s/not_a_video.mp4", out_dir);
  write_file(path, "this is text, not a video");
  CHECK_FAILS(wv_video_open(engine, path, 0, &source), WV_ERROR_BAD_INPUT, "not_a_video.mp4");
  wv_workspace ws = NULL;
  CHECK_FAILS(wv_workspace_load(engine, "/nonexistent/w.wv.json", &ws), WV_ERROR_BAD_INPUT, "/nonexistent/w.wv.json");
  snprintf(path, sizeof path, "%s/damaged.wv.json", out_dir);
  write_file(path, "{\"format\": \"worldview-workspace\", \"version\": 2,\n \"panels\": [ {\"width_m\": \"wide\"");
  CHECK_FAILS(wv_workspace_load(engine, path, &ws), WV_ERROR_BAD_INPUT, "damaged.wv.json:");
  CHECK(ws == NULL);

  /* Wrong order: an engine with an open source or workspace is not destroyed. */
  rp = wv_rollout_default_params();
  rp.prompt = "three red balls in a dark blue room";
  CHECK_OK(wv_rollout_open(engine, &rp, &source));
  CHECK_FAILS(wv_engine_destroy(engine), WV_ERROR_WRONG_ORDER, "still open");
  CHECK_OK(wv_source_wait_frame(source, 60000, &frame, &info));

  /* Rollout-only calls on a video; steering frame 0; a negative seek; small buffers. */
  wv_source clip;
  CHECK_OK(wv_video_open(engine, video, 0, &clip));
  CHECK_FAILS(wv_rollout_steer(clip, 1, "gravity flips"), WV_ERROR_UNSUPPORTED, "only rollouts");
  wv_source fork = NULL;
  CHECK_FAILS(wv_rollout_branch(clip, 1, NULL, 0, 0, &fork), WV_ERROR_UNSUPPORTED, "only rollouts");
  CHECK_FAILS(wv_rollout_steer(source, 0, "gravity flips"), WV_ERROR_INVALID_ARGUMENT, "frame 0");
  CHECK_FAILS(wv_rollout_steer(source, 1, NULL), WV_ERROR_INVALID_ARGUMENT, "prompt is NULL");
  CHECK_FAILS(wv_source_seek(source, -5), WV_ERROR_INVALID_ARGUMENT, "frames start at 0");
  wv_frame none;
  CHECK_FAILS(wv_source_wait_frame(source, -1, &none, &info), WV_ERROR_INVALID_ARGUMENT, "timeout_ms");
  CHECK(none == NULL); /* out parameters are cleared on failure */
  CHECK_FAILS(wv_source_prompt_at(source, 0, text, 4, NULL), WV_ERROR_BUFFER_TOO_SMALL, "bytes needed");
  CHECK(strcmp(text, "thr") == 0);
  CHECK_FAILS(wv_frame_copy_pixels(frame, text, sizeof text, (size_t)info.width * 4), WV_ERROR_BUFFER_TOO_SMALL,
              "bytes needed");
  CHECK_FAILS(wv_frame_copy_pixels(frame, text, sizeof text, 1), WV_ERROR_INVALID_ARGUMENT, "dst_stride_bytes");
  CHECK_FAILS(wv_source_unknown_word(source, 5, text, sizeof text, NULL), WV_ERROR_INVALID_ARGUMENT, "index 5");
  size_t length = 0;
  CHECK_OK(wv_source_error(source, NULL, 0, &length)); /* only the length: no failure, "" */
  CHECK(length == 0);

  /* Handles of another kind are refused. */
  CHECK_FAILS(wv_engine_destroy((wv_engine)source), WV_ERROR_INVALID_HANDLE, "engine");
  CHECK_FAILS(wv_source_close((wv_source)engine), WV_ERROR_INVALID_HANDLE, "source");
  CHECK_FAILS(wv_frame_release((wv_frame)source), WV_ERROR_INVALID_HANDLE, "frame");

  /* Double release, double close: the second is an error, and nothing else is harmed. */
  CHECK_OK(wv_frame_release(frame));
  CHECK_FAILS(wv_frame_release(frame), WV_ERROR_INVALID_HANDLE, "released already");
  CHECK_OK(wv_source_close(clip));
  CHECK_FAILS(wv_source_close(clip), WV_ERROR_INVALID_HANDLE, "wv_source_close");
  CHECK_FAILS(wv_source_acquire_frame(clip, 0.0, &frame, &info), WV_ERROR_INVALID_HANDLE, "source");
  CHECK_OK(wv_source_status_get(source, &st));

  /* A workspace holds the engine too; a source of another engine is refused. */
  CHECK_OK(wv_workspace_create(engine, &ws));
  CHECK_FAILS(wv_workspace_add_panel(ws, source, 0.0f), WV_ERROR_INVALID_ARGUMENT, "width_m");

  /* Review: no such panel, a rating out of range, empty, non-UTF-8 or NULL text, a negative
   * frame, a point that is not a number, no such note. */
  CHECK_FAILS(wv_workspace_set_panel_rating(ws, 0, 3), WV_ERROR_INVALID_ARGUMENT, "panel 0 of 0 panels");
  CHECK_OK(wv_workspace_add_panel(ws, source, 1.0f));
  CHECK_FAILS(wv_workspace_set_panel_rating(ws, 0, 6), WV_ERROR_INVALID_ARGUMENT, "0 (none) to 5 stars");
  CHECK_FAILS(wv_workspace_set_panel_rating(ws, 0, -1), WV_ERROR_INVALID_ARGUMENT, "0 (none) to 5 stars");
  CHECK_FAILS(wv_workspace_add_panel_note(ws, 0, 1, "", NULL), WV_ERROR_INVALID_ARGUMENT, "nothing to note");
  CHECK_FAILS(wv_workspace_add_panel_note(ws, 0, 1, "bad \xff byte", NULL), WV_ERROR_INVALID_ARGUMENT, "not UTF-8");
  CHECK_FAILS(wv_workspace_add_panel_note(ws, 0, 1, NULL, NULL), WV_ERROR_INVALID_ARGUMENT, "text is NULL");
  CHECK_FAILS(wv_workspace_add_panel_note(ws, 0, -2, "late", NULL), WV_ERROR_INVALID_ARGUMENT, "frame < 0");
  const float nan_point[2] = {NAN, 0.5f};
  CHECK_FAILS(wv_workspace_add_panel_note(ws, 0, 1, "where?", nan_point), WV_ERROR_INVALID_ARGUMENT, "finite");
  CHECK_FAILS(wv_workspace_panel_note(ws, 0, 0, NULL, NULL, 0, NULL), WV_ERROR_INVALID_ARGUMENT, "note 0 of 0");
  CHECK_FAILS(wv_workspace_remove_panel_note(ws, 0, 3), WV_ERROR_INVALID_ARGUMENT, "note 3 of 0");
  CHECK_FAILS(wv_workspace_panel_rating(NULL, 0, NULL), WV_ERROR_INVALID_HANDLE, "workspace");
  CHECK_OK(wv_source_close(source));
  CHECK_FAILS(wv_workspace_add_panel(ws, source, 1.0f), WV_ERROR_INVALID_HANDLE, "source");
  CHECK_FAILS(wv_engine_destroy(engine), WV_ERROR_WRONG_ORDER, "still open");
  CHECK_OK(wv_workspace_destroy(ws));
  CHECK_FAILS(wv_workspace_destroy(ws), WV_ERROR_INVALID_HANDLE, "workspace");

  /* Then it goes, once. */
  CHECK_OK(wv_engine_destroy(engine));
  CHECK_FAILS(wv_engine_destroy(engine), WV_ERROR_INVALID_HANDLE, "wv_engine_destroy");
  CHECK_FAILS(wv_rollout_open(engine, &rp, &source), WV_ERROR_INVALID_HANDLE, "engine");
  printf("capi misuse: ok\n");
  return 0;
}
