/* A minimal host of an installed libworldview: one rollout, one frame. Exits 0 when it got it. */
#include <stdio.h>

#include <wv/worldview.h>

int main(void) {
  if (wv_abi_version() >> 16 != WV_ABI_VERSION_MAJOR) return 1;
  wv_engine_params ep = wv_engine_default_params();
  wv_engine engine;
  if (wv_engine_create(&ep, &engine) != WV_OK) {
    fprintf(stderr, "consumer: %s\n", wv_last_error());
    return 1;
  }
  wv_rollout_params rp = wv_rollout_default_params();
  rp.prompt = "three red balls in a dark blue room";
  wv_source rollout;
  wv_frame frame;
  wv_frame_info info;
  if (wv_rollout_open(engine, &rp, &rollout) != WV_OK || wv_source_wait_frame(rollout, 60000, &frame, &info) != WV_OK) {
    fprintf(stderr, "consumer: %s\n", wv_last_error());
    return 1;
  }
  printf("consumer: libworldview %s, frame %lld, %dx%d\n", wv_version_string(), (long long)info.index, info.width,
         info.height);
  wv_frame_release(frame);
  wv_source_close(rollout);
  return wv_engine_destroy(engine) == WV_OK ? 0 : 1;
}
