/* tests/capi/tethered_test.c — a tethered engine through the C API (compiled as C11): rollouts
 * computed by a `worldview serve` open, play, steer, branch and close exactly as on-device ones.
 * Usage: capi_tethered_test HOST:PORT (run_tethered.sh starts the server) */
#include "capi_check.h"

enum { kWaitMs = 60000 };

static int64_t next_frame(wv_source source) {
  wv_frame frame;
  wv_frame_info info;
  CHECK_OK(wv_source_wait_frame(source, kWaitMs, &frame, &info));
  CHECK(info.width > 0 && info.height > 0 && info.pixels != NULL);
  CHECK_OK(wv_frame_release(frame));
  return info.index;
}

int main(int argc, char** argv) {
  CHECK(argc == 2);
  wv_engine_params ep = wv_engine_default_params();
  ep.server = argv[1];
  ep.server_codec = "raw";
  wv_engine engine;
  CHECK_OK(wv_engine_create(&ep, &engine));
  size_t models = 0;
  CHECK_OK(wv_engine_model_count(engine, &models)); /* the server's */
  CHECK(models >= 1);

  wv_rollout_params rp = wv_rollout_default_params();
  rp.prompt = "three red balls in a dark blue room";
  wv_source rollout;
  CHECK_OK(wv_rollout_open(engine, &rp, &rollout));
  wv_source_status st;
  CHECK_OK(wv_source_status_get(rollout, &st));
  CHECK(st.kind == WV_SOURCE_REMOTE_ROLLOUT && st.width > 0 && st.fps > 0);
  for (int64_t i = 0; i < 4; ++i) CHECK(next_frame(rollout) == i);

  CHECK_OK(wv_rollout_steer(rollout, 2, "three red balls in a dark blue room. gravity flips"));
  char text[128];
  CHECK_OK(wv_source_prompt_at(rollout, 2, text, sizeof text, NULL));
  CHECK(strcmp(text, "three red balls in a dark blue room. gravity flips") == 0);
  CHECK(next_frame(rollout) == 2); /* redone remotely from the steered frame */

  wv_source fork;
  CHECK_OK(wv_rollout_branch(rollout, 1, "a yellow box in a red room", 0, 0, &fork));
  CHECK(next_frame(fork) == 1);
  CHECK_OK(wv_source_status_get(fork, &st));
  CHECK(st.kind == WV_SOURCE_REMOTE_ROLLOUT);

  /* Start images are on-device only. */
  static uint8_t image[64 * 64 * 4];
  rp.start_image = image;
  rp.start_image_width = 64;
  rp.start_image_height = 64;
  wv_source none = NULL;
  CHECK_FAILS(wv_rollout_open(engine, &rp, &none), WV_ERROR_BAD_INPUT, "cannot start from an image");

  CHECK_OK(wv_source_close(fork));
  CHECK_OK(wv_source_close(rollout));
  CHECK_OK(wv_engine_destroy(engine));
  printf("capi tethered: ok\n");
  return 0;
}
