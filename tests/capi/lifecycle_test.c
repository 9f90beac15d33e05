/* tests/capi/lifecycle_test.c — the C API through its whole lifecycle with the built-in model,
 * compiled as C11: engine, rollouts (frames in order, steer, seek, branch, pause, unknown words,
 * frames by display time, the frame callback), a video source, a workspace with a review saved
 * and loaded back, frames outliving their source, and an orderly shutdown.
 * Usage: capi_lifecycle_test OUT_DIR VIDEO_FILE */
#define _POSIX_C_SOURCE 200809L /* nanosleep */
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

#include "capi_check.h"

enum { kWaitMs = 60000 };

static const char* kPromptA = "three red balls in a dark blue room";
static const char* kPromptB = "two green balls and a yellow box in a black room";
static const char* kSteer = "three red balls in a dark blue room. gravity flips";

static void sleep_ms(long ms) {
  struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&t, NULL);
}

/* Waits for the next frame of `source`, copies its pixels into `pixels` (when not NULL) and
 * returns its index. */
static int64_t next_frame(wv_source source, uint8_t* pixels, size_t size) {
  wv_frame frame;
  wv_frame_info info;
  CHECK_OK(wv_source_wait_frame(source, kWaitMs, &frame, &info));
  CHECK(info.format == WV_PIXEL_RGBA8_SRGB && info.is_new == 1);
  if (pixels) CHECK_OK(wv_frame_copy_pixels(frame, pixels, size, (size_t)info.width * 4));
  CHECK_OK(wv_frame_release(frame));
  return info.index;
}

static wv_source open_rollout(wv_engine engine, const char* prompt, uint64_t seed) {
  wv_rollout_params p = wv_rollout_default_params();
  p.prompt = prompt;
  p.seed = seed;
  wv_source source;
  CHECK_OK(wv_rollout_open(engine, &p, &source));
  return source;
}

static void check_prompt(wv_source source, int64_t frame, const char* expected) {
  char text[256];
  size_t length = 0;
  CHECK_OK(wv_source_prompt_at(source, frame, text, sizeof text, &length));
  CHECK(strcmp(text, expected) == 0 && length == strlen(expected));
}

static atomic_int g_ready_calls;
static wv_source g_ready_source;

static void on_frame_ready(void* user_data, wv_source source) {
  CHECK(user_data == &g_ready_calls && source == g_ready_source);
  atomic_fetch_add(&g_ready_calls, 1);
}

int main(int argc, char** argv) {
  CHECK(argc == 3);
  const char* out_dir = argv[1];
  const char* video = argv[2];
  CHECK(wv_abi_version() >> 16 == WV_ABI_VERSION_MAJOR && (int)(wv_abi_version() & 0xffff) >= (int)WV_ABI_VERSION_MINOR);
  CHECK(strlen(wv_version_string()) > 0);

  /* Engine: the built-in model is found; exact stepping so a sought frame replays bit for bit. */
  wv_engine_params ep = wv_engine_default_params();
  ep.exact = 1;
  wv_engine engine;
  CHECK_OK(wv_engine_create(&ep, &engine));
  size_t models = 0;
  CHECK_OK(wv_engine_model_count(engine, &models));
  int has_builtin = 0;
  for (size_t i = 0; i < models; ++i) {
    char id[128];
    CHECK_OK(wv_engine_model_id(engine, i, id, sizeof id, NULL));
    if (strcmp(id, "toyworld-latent-v1") == 0) has_builtin = 1;
  }
  CHECK(has_builtin);

  /* Two rollouts: frames come in order with their presentation times; different worlds. */
  wv_source a = open_rollout(engine, kPromptA, 7);
  wv_source b = open_rollout(engine, kPromptB, 3);
  wv_source_status st;
  CHECK_OK(wv_source_status_get(a, &st));
  CHECK(st.kind == WV_SOURCE_ROLLOUT && st.width > 0 && st.height > 0 && st.fps > 0 && st.frame_count == -1);
  CHECK(st.playing == 1 && st.failed == 0 && st.lookahead_capacity == 3);
  const size_t size = (size_t)st.width * (size_t)st.height * 4;
  const double fps_a = st.fps;
  uint8_t* a_frames[5];
  for (int i = 0; i < 5; ++i) {
    a_frames[i] = malloc(size);
    CHECK(next_frame(a, a_frames[i], size) == i);
  }
  uint8_t* b0 = malloc(size);
  CHECK(next_frame(b, b0, size) == 0);
  CHECK(memcmp(a_frames[0], b0, size) != 0);

  /* Steer from frame 3: the lookahead from there is regenerated under the new prompt. */
  CHECK_OK(wv_rollout_steer(a, 3, kSteer));
  check_prompt(a, 2, kPromptA);
  check_prompt(a, 3, kSteer);
  CHECK(next_frame(a, NULL, 0) == 3);
  CHECK_OK(wv_source_status_get(a, &st));
  CHECK(st.last_steer_latency_ms >= 0.0 && st.last_frame_index == 3);

  /* Seek back: frame 1 again, the same pixels (same model, prompt, seed and frame index). */
  CHECK_OK(wv_source_seek(a, 1));
  uint8_t* again = malloc(size);
  CHECK(next_frame(a, again, size) == 1);
  CHECK(memcmp(again, a_frames[1], size) == 0);

  /* Branch at frame 2 with another seed: it starts there and keeps the parent's prompts. */
  wv_source fork;
  CHECK_OK(wv_rollout_branch(a, 2, NULL, 1, 99, &fork));
  CHECK(next_frame(fork, NULL, 0) == 2);
  check_prompt(fork, 3, kSteer);
  wv_source fork2;
  CHECK_OK(wv_rollout_branch(a, 2, "a yellow box in a red room", 0, 0, &fork2));
  check_prompt(fork2, 2, "a yellow box in a red room");
  CHECK_OK(wv_source_close(fork2));

  /* Pause: production stops (a step already running may finish), the status says so. */
  CHECK_OK(wv_source_set_playing(b, 0));
  CHECK_OK(wv_source_status_get(b, &st));
  CHECK(st.playing == 0);
  const int64_t produced = st.frames_produced;
  sleep_ms(400);
  CHECK_OK(wv_source_status_get(b, &st));
  CHECK(st.frames_produced <= produced + 1);
  CHECK_OK(wv_source_set_playing(b, 1));

  /* Frames by display time: the clock starts at the first acquire; nothing new is due at the
   * same time, the newest due frame after 2 frame periods (frame 1 is skipped). */
  {
    wv_frame frame;
    wv_frame_info info;
    CHECK_OK(wv_source_status_get(b, &st));
    const double t0 = 1000.0, period = 1.0 / st.fps;
    CHECK_OK(wv_source_acquire_frame(b, t0, &frame, &info));
    CHECK(info.index == 0 && info.is_new == 0);
    CHECK_OK(wv_frame_release(frame));
    int64_t shown = -1;
    for (int tries = 0; tries < 6000 && shown < 2; ++tries) {
      CHECK_OK(wv_source_acquire_frame(b, t0 + 2.0 * period, &frame, &info));
      shown = info.index;
      CHECK_OK(wv_frame_release(frame));
      if (shown < 2) sleep_ms(10);
    }
    CHECK(shown == 2 && info.is_new == 1 && fabs(info.pts_s - 2.0 * period) < 1e-6);
    CHECK_OK(wv_source_acquire_frame(b, t0 + 2.0 * period, &frame, &info));
    CHECK(info.index == 2 && info.is_new == 0);
    CHECK_OK(wv_frame_release(frame));
  }

  /* The frame callback: called on the producer thread as frames arrive. */
  g_ready_source = b;
  CHECK_OK(wv_source_set_frame_callback(b, on_frame_ready, &g_ready_calls));
  for (int tries = 0; tries < 600 && atomic_load(&g_ready_calls) == 0; ++tries) {
    wv_frame frame;
    wv_frame_info info;
    CHECK_OK(wv_source_acquire_frame(b, 2000.0 + tries, &frame, &info)); /* frees queue room */
    CHECK_OK(wv_frame_release(frame));
    sleep_ms(100);
  }
  CHECK(atomic_load(&g_ready_calls) > 0);
  CHECK_OK(wv_source_set_frame_callback(b, NULL, NULL));

  /* Words the model does not know are reported per rollout. */
  wv_source odd = open_rollout(engine, "three red zorblax balls in a dark blue room", 1);
  uint8_t* odd0 = malloc(size);
  next_frame(odd, odd0, size);
  CHECK_OK(wv_source_status_get(odd, &st));
  CHECK(st.unknown_word_count == 1);
  char word[64];
  CHECK_OK(wv_source_unknown_word(odd, 0, word, sizeof word, NULL));
  CHECK(strcmp(word, "zorblax") == 0);

  /* A frame stays valid after its source is closed. */
  {
    wv_frame frame;
    wv_frame_info info;
    CHECK_OK(wv_source_acquire_frame(odd, 0.0, &frame, &info));
    CHECK_OK(wv_source_close(odd));
    uint8_t* copy = malloc(size);
    CHECK_OK(wv_frame_copy_pixels(frame, copy, size, (size_t)info.width * 4));
    CHECK(memcmp(copy, info.pixels, size) == 0 && memcmp(copy, odd0, size) == 0);
    CHECK_OK(wv_frame_release(frame));
    free(copy);
  }

  /* A video file opens the same way and plays at its own frame times; it seeks frame-accurately. */
  wv_source clip;
  CHECK_OK(wv_video_open(engine, video, 0, &clip));
  CHECK_OK(wv_source_status_get(clip, &st));
  CHECK(st.kind == WV_SOURCE_VIDEO && st.width == 64 && st.height == 48);
  CHECK(next_frame(clip, NULL, 0) == 0 && next_frame(clip, NULL, 0) == 1);
  CHECK_OK(wv_source_seek(clip, 10));
  CHECK(next_frame(clip, NULL, 0) == 10);

  /* A workspace of the steered rollout and the video, saved and loaded back: the steer replays. */
  char path[1024];
  snprintf(path, sizeof path, "%s/two_panels.wv.json", out_dir);
  wv_workspace ws;
  CHECK_OK(wv_workspace_create(engine, &ws));
  CHECK_OK(wv_workspace_add_panel(ws, a, 1.2f));
  CHECK_OK(wv_workspace_add_panel(ws, clip, 1.0f));
  /* Review: a rating and notes pinned to frames (one also to a point), saved with the panels. */
  CHECK_OK(wv_workspace_set_panel_rating(ws, 0, 4));
  const float point[2] = {0.25f, 0.5f};
  CHECK_OK(wv_workspace_add_panel_note(ws, 0, 3, "the balls fall up from here", point));
  CHECK_OK(wv_workspace_add_panel_note(ws, 1, 10, "a stray note", NULL));
  CHECK_OK(wv_workspace_add_panel_note(ws, 1, 12, "the test pattern's frame 12", NULL));
  CHECK_OK(wv_workspace_remove_panel_note(ws, 1, 0));
  CHECK_OK(wv_workspace_save(ws, path));
  CHECK_OK(wv_workspace_destroy(ws));
  CHECK_OK(wv_workspace_load(engine, path, &ws));
  size_t panels = 0;
  CHECK_OK(wv_workspace_panel_count(ws, &panels));
  CHECK(panels == 2);
  wv_panel_info p0, p1;
  CHECK_OK(wv_workspace_panel(ws, 0, &p0));
  CHECK_OK(wv_workspace_panel(ws, 1, &p1));
  CHECK(p0.source && p1.source && p0.width_m == 1.2f && p1.width_m == 1.0f);
  CHECK(p0.position_m[0] < p1.position_m[0]); /* the arc goes left to right */
  CHECK(p0.position_m[2] < 0.0f);             /* ahead of the viewer */
  check_prompt(p0.source, 2, kPromptA);
  check_prompt(p0.source, 3, kSteer);
  CHECK_OK(wv_source_status_get(p1.source, &st));
  CHECK(st.kind == WV_SOURCE_VIDEO);
  {
    int32_t rating = -1;
    size_t notes = 0;
    wv_review_note note;
    char text[64];
    CHECK_OK(wv_workspace_panel_rating(ws, 0, &rating));
    CHECK(rating == 4);
    CHECK_OK(wv_workspace_panel_note_count(ws, 0, &notes));
    CHECK(notes == 1);
    CHECK_OK(wv_workspace_panel_note(ws, 0, 0, &note, text, sizeof text, NULL));
    CHECK(strcmp(text, "the balls fall up from here") == 0 && note.frame == 3 && note.has_point == 1);
    CHECK(note.point_uv[0] == 0.25f && note.point_uv[1] == 0.5f && fabs(note.time_s - 3.0 / fps_a) < 1e-6);
    CHECK_OK(wv_workspace_panel_rating(ws, 1, &rating));
    CHECK(rating == 0);
    CHECK_OK(wv_workspace_panel_note_count(ws, 1, &notes));
    CHECK(notes == 1);
    CHECK_OK(wv_workspace_panel_note(ws, 1, 0, &note, text, sizeof text, NULL));
    CHECK(strcmp(text, "the test pattern's frame 12") == 0 && note.frame == 12 && note.has_point == 0);
    CHECK(fabs(note.time_s - 1.2) < 1e-6); /* the clip runs at 10 fps */
  }
  uint8_t* reloaded = malloc(size);
  CHECK(next_frame(p0.source, reloaded, size) == 0);
  CHECK(memcmp(reloaded, a_frames[0], size) == 0);
  CHECK_OK(wv_workspace_destroy(ws));
  CHECK_OK(wv_source_close(p0.source));
  CHECK_OK(wv_source_close(p1.source));

  /* Orderly shutdown. */
  CHECK_OK(wv_source_close(fork));
  CHECK_OK(wv_source_close(clip));
  CHECK_OK(wv_source_close(a));
  CHECK_OK(wv_source_close(b));
  CHECK_OK(wv_engine_destroy(engine));
  for (int i = 0; i < 5; ++i) free(a_frames[i]);
  free(b0);
  free(again);
  free(odd0);
  free(reloaded);
  printf("capi lifecycle: ok\n");
  return 0;
}
