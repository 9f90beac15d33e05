/* wv/worldview.h — the worldview engine for host applications (libworldview): generated world
 * rollouts, video files and tethered rollouts as frame sources a host plays, steers and branches,
 * without OpenXR and without worldview's main loop (DESIGN.md §10). C11; link -lworldview.
 *
 *   wv_engine_params ep = wv_engine_default_params();
 *   wv_engine engine;
 *   if (wv_engine_create(&ep, &engine) != WV_OK) { fprintf(stderr, "%s\n", wv_last_error()); return 1; }
 *   wv_rollout_params rp = wv_rollout_default_params();
 *   rp.prompt = "three red balls in a dark blue room";
 *   rp.seed = 7;
 *   wv_source rollout;
 *   if (wv_rollout_open(engine, &rp, &rollout) != WV_OK) { ... wv_last_error() ... }
 *   for (;;) {                                              // the host's display loop
 *     wv_frame frame;
 *     wv_frame_info info;
 *     if (wv_source_acquire_frame(rollout, display_time_s, &frame, &info) == WV_OK) {
 *       if (info.is_new) upload(info.pixels, info.width, info.height, info.stride_bytes);  // RGBA8 sRGB
 *       wv_frame_release(frame);
 *       if (user_typed) wv_rollout_steer(rollout, info.index + 1, "three red balls in a dark blue room. gravity flips");
 *     }
 *   }
 *   wv_source_close(rollout);
 *   wv_engine_destroy(engine);
 *
 * Results: every function that can fail returns a wv_result; WV_OK is 0 and errors are
 * negative. wv_error_string() names a code; wv_last_error() is the message of the calling
 * thread's last failed call, naming the input and the reason ("clip.mp4: no video stream").
 * Misuse (a NULL or destroyed handle, a handle of the wrong kind, a double destroy, releasing a
 * frame that was not acquired, destroying an engine whose sources are open) returns an error;
 * it never crashes. Handles are never reused, so a stale one stays invalid.
 *
 * Ownership: every handle that a *_create / *_open / *_load / acquire call returns belongs to
 * the host until it hands it back with the matching *_destroy / *_close / release call. Frames
 * are read-only and stay valid until released, even after their source is closed. Strings the
 * host passes are copied; the library keeps no host pointer except a callback's user data.
 * Close every source and destroy every workspace before destroying their engine, and destroy
 * every engine before the process exits. A host that does not (main returns with an engine
 * computing) still exits cleanly if it created an engine on its main thread: the engines'
 * threads are stopped before LibTorch's own teardown, which would otherwise pull the ground from
 * under a model step still running.
 *
 * Threading: every function may be called from any thread. Frames, status, steering, pausing
 * and seeking never wait for inference, decoding or the network (only for short locks). These
 * do wait: wv_engine_create (a tethered engine connects), wv_rollout_open (loads the model on its
 * first use; tethered: the server's answer), wv_rollout_branch (tethered: the server's answer),
 * wv_video_open, wv_source_wait_frame and the workspace file functions. The library runs its own
 * threads: inference workers and one producer thread that keeps every open source busy while its
 * lookahead has room. Frame callbacks run on that producer thread: keep them short (signal the
 * host's thread); they may call any function of this header except wv_engine_destroy.
 *
 * Versions: WV_ABI_VERSION is the header's; wv_abi_version() is the library's. A host may run
 * with a library of the same major version and an equal or newer minor version. Structs only
 * ever grow at their end within a major version; always start from the *_default_params().
 */
#ifndef WV_WORLDVIEW_H
#define WV_WORLDVIEW_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define WV_API __attribute__((visibility("default")))
#else
#define WV_API
#endif

/* Versions ---------------------------------------------------------------------------------- */

#define WV_ABI_VERSION_MAJOR 1
#define WV_ABI_VERSION_MINOR 2 /* 1: review ratings and notes; 2: the console for Vulkan hosts */
#define WV_ABI_VERSION ((WV_ABI_VERSION_MAJOR << 16) | WV_ABI_VERSION_MINOR)

/* (major << 16) | minor of the library the host runs with. */
WV_API uint32_t wv_abi_version(void);
/* The library's release, e.g. "0.1.0". */
WV_API const char* wv_version_string(void);

/* Results ----------------------------------------------------------------------------------- */

typedef enum wv_result {
  WV_OK = 0,
  WV_ERROR_INVALID_ARGUMENT = -1, /* a NULL pointer, a value out of range, an empty prompt */
  WV_ERROR_INVALID_HANDLE = -2,   /* NULL, destroyed, closed, released or of another kind */
  WV_ERROR_WRONG_ORDER = -3,      /* e.g. destroying an engine whose sources are still open */
  WV_ERROR_NOT_FOUND = -4,        /* a model id, file or server that is not there */
  WV_ERROR_BAD_INPUT = -5,        /* a file, model or message refused (wv_last_error says why) */
  WV_ERROR_UNSUPPORTED = -6,      /* e.g. steering a video source */
  WV_ERROR_NO_FRAME = -7,         /* no frame is due yet (the source is still starting) */
  WV_ERROR_SOURCE_FAILED = -8,    /* the source broke; wv_source_status().failed, wv_last_error */
  WV_ERROR_TIMEOUT = -9,          /* wv_source_wait_frame gave up */
  WV_ERROR_BUFFER_TOO_SMALL = -10, /* a host buffer cannot hold what was asked */
  WV_ERROR_INTERNAL = -11          /* out of memory or an unexpected failure (a bug: report it) */
} wv_result;

/* The code's name and meaning, e.g. "WV_ERROR_INVALID_HANDLE: ...". Never NULL; static. */
WV_API const char* wv_error_string(wv_result result);
/* The calling thread's last failure message ("" when none). Valid until this thread's next call. */
WV_API const char* wv_last_error(void);

/* Handles ----------------------------------------------------------------------------------- */

typedef struct wv_engine_t* wv_engine;       /* models, inference workers, the producer thread */
typedef struct wv_source_t* wv_source;       /* a rollout, a video file or a tethered rollout */
typedef struct wv_frame_t* wv_frame;         /* one acquired frame */
typedef struct wv_workspace_t* wv_workspace; /* panels: sources with their place and size */

/* Engine ------------------------------------------------------------------------------------ */

typedef struct wv_engine_params {
  /* Extra folders holding models by id (<folder>/<id>/model.safetensors), searched before the
   * defaults ($WORLDVIEW_MODELS, the installed share/worldview/models, the source tree's). */
  const char* const* model_folders;
  size_t model_folder_count;
  /* TorchScript model files (code) the host names and so trusts; each gets an id from its file
   * name ("Oasis v2.pt" -> "oasis-v2"), see wv_engine_model_id. */
  const char* const* model_files;
  size_t model_file_count;
  /* A trusted-models list (files pinned by SHA-256, docs/model-contract.md); NULL: none. */
  const char* trusted_models_file;
  int32_t inference_threads; /* workers (default 1, 1..16) */
  int32_t intra_op_threads;  /* LibTorch threads per worker (default 1, 0: leave LibTorch's) */
  int32_t lookahead;         /* frames computed ahead of display per rollout (default 3, 1..64) */
  /* 1: every rollout is stepped alone, so its frames never depend on what else plays (exact
   * replay, export); 0 (default): rollouts of one model are batched. */
  int32_t exact;
  /* A tethered server "HOST:PORT" (`worldview serve`): rollouts are computed there and this
   * engine loads no model. NULL (default): on-device. */
  const char* server;
  const char* server_token_file; /* NULL: no token (a loopback server without one) */
  const char* server_codec;      /* "auto" (NULL), "raw" or "h264" */
} wv_engine_params;

WV_API wv_engine_params wv_engine_default_params(void);
/* Errors (WV_ERROR_BAD_INPUT; wv_last_error names the parameter, file or server): threads or
 * lookahead out of range, a model file that cannot be named, an unreachable or refusing server.
 * A trusted-models list that cannot be read trusts nothing (logged); the engine still starts. */
WV_API wv_result wv_engine_create(const wv_engine_params* params, wv_engine* out_engine);
/* WV_ERROR_WRONG_ORDER while a source or workspace of it is open (nothing is destroyed then). */
WV_API wv_result wv_engine_destroy(wv_engine engine);

/* Text out: functions that return text copy it NUL-terminated into (buffer, buffer_size) and its
 * length without the NUL into out_length (may be NULL); WV_ERROR_BUFFER_TOO_SMALL (the text cut
 * to fit) when it does not fit. buffer NULL with buffer_size 0 only asks for the length. */

/* How many models the engine can open by id (folder models, named and pinned files; a tethered
 * engine: the server's). */
WV_API wv_result wv_engine_model_count(wv_engine engine, size_t* out_count);
/* Model `index` (< count) of that list, sorted. */
WV_API wv_result wv_engine_model_id(wv_engine engine, size_t index, char* buffer, size_t buffer_size,
                                    size_t* out_length);

/* Sources: rollouts ------------------------------------------------------------------------- */

typedef struct wv_rollout_params {
  const char* model;  /* a model id (default "toyworld-latent-v2") */
  const char* prompt; /* required: what the world shows (the model's text language) */
  uint64_t seed;      /* noise seed (default 1) */
  /* Optional start image, RGBA8 sRGB of the model's frame size (on-device models that take
   * one): frame 0 is made from it. Copied. */
  const uint8_t* start_image;
  int32_t start_image_width;
  int32_t start_image_height;
  int32_t start_image_stride_bytes; /* 0: width * 4 */
  const char* name;                 /* for messages; NULL: the prompt */
} wv_rollout_params;

WV_API wv_rollout_params wv_rollout_default_params(void);
/* A generated world, computed on demand (on-device, or on the engine's server). Errors name the
 * model or the input: unknown model, empty or oversized prompt, start image of the wrong size. */
WV_API wv_result wv_rollout_open(wv_engine engine, const wv_rollout_params* params, wv_source* out_source);
/* `prompt` applies from frame_index on (the frame after the one shown, usually): lookahead made
 * under the old prompt is dropped and regenerated. WV_ERROR_UNSUPPORTED for video sources. */
WV_API wv_result wv_rollout_steer(wv_source rollout, int64_t frame_index, const char* prompt);
/* A new rollout that shares this one's frames before frame_index and goes on with `prompt`
 * (NULL: the same prompts) and, when change_seed is non-zero, `seed`. */
WV_API wv_result wv_rollout_branch(wv_source rollout, int64_t frame_index, const char* prompt, int change_seed,
                                   uint64_t seed, wv_source* out_branch);

/* Sources: video files ---------------------------------------------------------------------- */

/* A video file (MP4, MOV, MKV, WebM: what FFmpeg reads) or an image sequence
 * ("frames_%04d.png"), at its own frame times; loop != 0 starts over at the end. */
WV_API wv_result wv_video_open(wv_engine engine, const char* path, int loop, wv_source* out_source);

/* Sources: any kind ------------------------------------------------------------------------- */

typedef enum wv_source_kind {
  WV_SOURCE_ROLLOUT = 0,        /* generated on-device */
  WV_SOURCE_VIDEO = 1,          /* a video file or image sequence */
  WV_SOURCE_REMOTE_ROLLOUT = 2, /* generated on a tethered server */
  WV_SOURCE_SIMULATED = 3       /* a procedural world drawn by the simulator (workspaces' "toyworld") */
} wv_source_kind;

typedef struct wv_source_status {
  wv_source_kind kind;
  int32_t width, height;     /* frame size in pixels */
  double fps;                /* nominal frame rate */
  int64_t frame_count;       /* -1: endless */
  int32_t playing;           /* 0: paused */
  int32_t failed;            /* 1: the source broke; wv_source_error says why */
  int32_t ended;             /* 1: no more frames will come */
  int64_t frames_produced;   /* frames made so far (rollouts: regenerated ones included) */
  int64_t last_frame_index;  /* the frame last acquired; -1: none yet */
  int32_t lookahead;         /* frames ready ahead of display now */
  int32_t lookahead_capacity;
  double last_steer_latency_ms; /* rollouts: the last steer to its first frame; -1: none yet */
  int32_t unknown_word_count;   /* rollouts: words of its prompts the model did not know */
} wv_source_status;

WV_API wv_result wv_source_status_get(wv_source source, wv_source_status* out_status);
/* Why the source failed ("" when it did not). */
WV_API wv_result wv_source_error(wv_source source, char* buffer, size_t buffer_size, size_t* out_length);
/* Rollouts: unknown word `index` (< unknown_word_count). */
WV_API wv_result wv_source_unknown_word(wv_source source, size_t index, char* buffer, size_t buffer_size,
                                        size_t* out_length);
/* Rollouts: the prompt in force at frame_index, as steers and branches left it. */
WV_API wv_result wv_source_prompt_at(wv_source source, int64_t frame_index, char* buffer, size_t buffer_size,
                                     size_t* out_length);

/* Pausing stops production and the source's clock (the shown frame stays); playing resumes
 * both from there at the next acquire. */
WV_API wv_result wv_source_set_playing(wv_source source, int playing);
/* The next acquired frame is frame_index; the clock shows its time. Video: frame-accurate. */
WV_API wv_result wv_source_seek(wv_source source, int64_t frame_index);
/* Stops the source for good; its handle becomes invalid. Frames acquired before stay valid. */
WV_API wv_result wv_source_close(wv_source source);

/* Frames ------------------------------------------------------------------------------------ */

typedef enum wv_pixel_format { WV_PIXEL_RGBA8_SRGB = 0 } wv_pixel_format;

typedef struct wv_frame_info {
  const uint8_t* pixels; /* row 0 first; valid until wv_frame_release */
  int32_t width, height;
  int32_t stride_bytes; /* bytes from one row to the next */
  wv_pixel_format format;
  int64_t index; /* frame index in its source, from 0 */
  double pts_s;  /* presentation time on the source's timeline, seconds */
  int32_t is_new; /* 1: not returned by an earlier acquire of this source */
} wv_frame_info;

/* The newest frame due at the host's display time (any clock in seconds, e.g. the predicted
 * time of the host's next vsync): the source's clock starts at the first acquire (source time
 * 0) and runs at 1x while playing. No new frame due: the last one again (is_new 0), so a host
 * always has something to show; WV_ERROR_NO_FRAME before the first one. No pixels are copied;
 * the frame stays valid (read-only) until wv_frame_release. */
WV_API wv_result wv_source_acquire_frame(wv_source source, double display_time_s, wv_frame* out_frame,
                                         wv_frame_info* out_info);
/* Waits up to timeout_ms for a frame not yet acquired, then acquires it as above (for hosts
 * without a display clock: tools, export, tests). WV_ERROR_TIMEOUT when none came. */
WV_API wv_result wv_source_wait_frame(wv_source source, int32_t timeout_ms, wv_frame* out_frame,
                                      wv_frame_info* out_info);
/* Copies the pixels into a host buffer (its rows dst_stride_bytes apart, >= width * 4), the only
 * copy the library makes. */
WV_API wv_result wv_frame_copy_pixels(wv_frame frame, void* dst, size_t dst_size, size_t dst_stride_bytes);
WV_API wv_result wv_frame_release(wv_frame frame);

/* Called on the library's producer thread when a new frame of `source` is ready to acquire. */
typedef void (*wv_frame_ready_fn)(void* user_data, wv_source source);
/* callback NULL: no more calls. After it returns no new call starts (one running may finish). */
WV_API wv_result wv_source_set_frame_callback(wv_source source, wv_frame_ready_fn callback, void* user_data);

/* Log ----------------------------------------------------------------------------------------- */

typedef enum wv_log_level { WV_LOG_DEBUG = 0, WV_LOG_INFO = 1, WV_LOG_WARN = 2, WV_LOG_ERROR = 3 } wv_log_level;
/* Where the library's messages go (any thread, one at a time); NULL: stderr (the default). */
typedef void (*wv_log_fn)(void* user_data, wv_log_level level, const char* message);
WV_API void wv_set_log_callback(wv_log_fn callback, void* user_data);

/* Workspaces (*.wv.json, docs/workspace.md) ------------------------------------------------- */

typedef struct wv_panel_info {
  wv_source source;          /* NULL: its source could not open (the reason was logged) */
  float position_m[3];       /* T_world_panel: the panel's center (meters, +Y up, viewer looks -Z) */
  float orientation_xyzw[4]; /* its rotation (a unit quaternion); the panel's front looks along +Z */
  float width_m, height_m;
  float curve_radius_m; /* 0: flat */
} wv_panel_info;

/* Opens every panel's source (rollouts, videos; a panel whose source fails keeps its place);
 * panels without a pose are placed by the workspace's layout. The sources are the host's: close
 * each (before or after destroying the workspace). Errors: the file, its line and the reason. */
WV_API wv_result wv_workspace_load(wv_engine engine, const char* path, wv_workspace* out_workspace);
/* An empty workspace, to add the host's sources to and save. */
WV_API wv_result wv_workspace_create(wv_engine engine, wv_workspace* out_workspace);
/* Adds a source (a rollout or video opened through this engine) as a panel width_m wide,
 * placed by the layout. */
WV_API wv_result wv_workspace_add_panel(wv_workspace workspace, wv_source source, float width_m);
WV_API wv_result wv_workspace_panel_count(wv_workspace workspace, size_t* out_count);
WV_API wv_result wv_workspace_panel(wv_workspace workspace, size_t index, wv_panel_info* out_panel);
/* Writes the workspace atomically, each rollout with what was steered and branched so far, so
 * the file replays it. */
WV_API wv_result wv_workspace_save(wv_workspace workspace, const char* path);
WV_API wv_result wv_workspace_destroy(wv_workspace workspace);

/* Review: each panel's rating and notes, saved with the workspace (docs/workspace.md). */

typedef struct wv_review_note {
  int64_t frame;     /* the frame of the panel's source it is pinned to */
  double time_s;     /* that frame's time on the source's timeline (the timecode) */
  int32_t has_point; /* 1: also pinned to point_uv on the panel */
  float point_uv[2]; /* 0..1 from the panel's left and top edges */
} wv_review_note;

/* 0: not rated; else 1 to 5 stars. */
WV_API wv_result wv_workspace_panel_rating(wv_workspace workspace, size_t panel, int32_t* out_rating);
WV_API wv_result wv_workspace_set_panel_rating(wv_workspace workspace, size_t panel, int32_t rating);
WV_API wv_result wv_workspace_panel_note_count(wv_workspace workspace, size_t panel, size_t* out_count);
/* Note `index` (< count, in the order written): its pin into out_note, its text into buffer. */
WV_API wv_result wv_workspace_panel_note(wv_workspace workspace, size_t panel, size_t index, wv_review_note* out_note,
                                         char* buffer, size_t buffer_size, size_t* out_length);
/* A note (1 to 4096 bytes of UTF-8, at most 256 per panel) pinned to frame `frame` of the
 * panel's source (its time: the frame's own when it is the one last acquired, else frame / fps)
 * and, when point_uv is not NULL, to that point (kept inside the panel). */
WV_API wv_result wv_workspace_add_panel_note(wv_workspace workspace, size_t panel, int64_t frame, const char* text,
                                             const float* point_uv);
WV_API wv_result wv_workspace_remove_panel_note(wv_workspace workspace, size_t panel, size_t index);

#ifdef __cplusplus
}
#endif

#endif /* WV_WORLDVIEW_H */
