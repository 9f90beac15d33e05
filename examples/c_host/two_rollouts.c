/* examples/c_host/two_rollouts.c — a minimal host of libworldview in C: two generated worlds,
 * one of them steered halfway, every frame written to a PNG file.
 *
 *   two_rollouts OUT_DIR [FRAMES]     → OUT_DIR/a_0000.png ... and b_0000.png ...
 *
 * It takes every frame in order (wv_source_wait_frame), as an exporter would; an interactive
 * host would call wv_source_acquire_frame with its display time instead. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <spng.h>

#include "wv/worldview.h"

static int fail(const char* what) {
  fprintf(stderr, "two_rollouts: %s: %s\n", what, wv_last_error());
  return 1;
}

static int write_png(const char* path, const uint8_t* rgba, int32_t width, int32_t height) {
  FILE* file = fopen(path, "wb");
  if (!file) {
    fprintf(stderr, "two_rollouts: cannot write %s\n", path);
    return 1;
  }
  spng_ctx* ctx = spng_ctx_new(SPNG_CTX_ENCODER);
  spng_set_png_file(ctx, file);
  struct spng_ihdr ihdr = {0};
  ihdr.width = (uint32_t)width;
  ihdr.height = (uint32_t)height;
  ihdr.bit_depth = 8;
  ihdr.color_type = SPNG_COLOR_TYPE_TRUECOLOR_ALPHA;
  spng_set_ihdr(ctx, &ihdr);
  const int rc = spng_encode_image(ctx, rgba, (size_t)width * (size_t)height * 4, SPNG_FMT_PNG, SPNG_ENCODE_FINALIZE);
  spng_ctx_free(ctx);
  fclose(file);
  if (rc != 0) fprintf(stderr, "two_rollouts: %s: %s\n", path, spng_strerror(rc));
  return rc != 0;
}

/* Takes the next frame of `source`, copies it into `pixels` (the host's buffer) and writes it. */
static int save_next(wv_source source, const char* out_dir, char name, uint8_t* pixels, size_t size) {
  wv_frame frame;
  wv_frame_info info;
  if (wv_source_wait_frame(source, 60000, &frame, &info) != WV_OK) return fail("waiting for a frame");
  const wv_result copied = wv_frame_copy_pixels(frame, pixels, size, (size_t)info.width * 4);
  wv_frame_release(frame);
  if (copied != WV_OK) return fail("copying a frame");
  char path[1024];
  snprintf(path, sizeof path, "%s/%c_%04" PRId64 ".png", out_dir, name, info.index);
  return write_png(path, pixels, info.width, info.height);
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: two_rollouts OUT_DIR [FRAMES]\n");
    return 2;
  }
  const char* out_dir = argv[1];
  const int frames = argc > 2 ? atoi(argv[2]) : 24;
  if (frames < 2 || frames > 10000) {
    fprintf(stderr, "two_rollouts: FRAMES must be 2..10000\n");
    return 2;
  }

  wv_engine_params engine_params = wv_engine_default_params();
  wv_engine engine;
  if (wv_engine_create(&engine_params, &engine) != WV_OK) return fail("starting the engine");

  wv_rollout_params a_params = wv_rollout_default_params();
  a_params.prompt = "three red balls in a dark blue room";
  a_params.seed = 7;
  wv_rollout_params b_params = wv_rollout_default_params();
  b_params.prompt = "two green balls and a yellow box in a black room";
  b_params.seed = 3;
  wv_source a, b;
  if (wv_rollout_open(engine, &a_params, &a) != WV_OK) return fail("opening rollout a");
  if (wv_rollout_open(engine, &b_params, &b) != WV_OK) return fail("opening rollout b");

  wv_source_status status;
  wv_source_status_get(a, &status);
  const size_t size = (size_t)status.width * (size_t)status.height * 4;
  uint8_t* pixels = malloc(size);
  int failed = pixels == NULL;
  for (int i = 0; i < frames && !failed; ++i) {
    if (i == frames / 2 && wv_rollout_steer(a, i, "three red balls in a dark blue room. gravity flips") != WV_OK) {
      failed = fail("steering rollout a");
      break;
    }
    failed = save_next(a, out_dir, 'a', pixels, size) || save_next(b, out_dir, 'b', pixels, size);
  }
  free(pixels);
  wv_source_close(a);
  wv_source_close(b);
  wv_engine_destroy(engine);
  if (!failed) printf("two_rollouts: wrote %d frames of each rollout to %s (a steered at frame %d)\n", frames, out_dir, frames / 2);
  return failed;
}
