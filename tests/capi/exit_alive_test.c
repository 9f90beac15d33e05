/* tests/capi/exit_alive_test.c — a host that returns from main with its engine alive and a
 * rollout computing ahead (no close, no destroy): the process must exit cleanly, its engine's
 * threads stopped before LibTorch's teardown, not crash in a model step on a torn-down library.
 * Usage: capi_exit_alive_test OUT_DIR VIDEO_FILE (neither is used) */
#include "capi_check.h"

int main(void) {
  wv_engine_params ep = wv_engine_default_params();
  wv_engine engine;
  CHECK_OK(wv_engine_create(&ep, &engine));
  wv_rollout_params rp = wv_rollout_default_params();
  rp.prompt = "three red balls in a dark blue room";
  rp.seed = 3;
  wv_source rollout;
  CHECK_OK(wv_rollout_open(engine, &rp, &rollout));
  wv_frame frame;
  wv_frame_info info;
  CHECK_OK(wv_source_wait_frame(rollout, 60000, &frame, &info));
  CHECK_OK(wv_frame_release(frame));
  printf("exit_alive: frame %lld shown; returning with the engine alive\n", (long long)info.index);
  return 0;
}
