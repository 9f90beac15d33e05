/* wv/worldview_vulkan.h — rendering for hosts that use Vulkan (libworldview): the host hands
 * over its instance, device and queue; the library draws a workspace's panels, each showing its
 * source's frame due at the host's display time, into the host's images for the host's views.
 * Separate from wv/worldview.h so that hosts without Vulkan need no vulkan.h.
 *
 *   wv_vk_device device = {instance, physical_device, vk_device, queue_family, 0};
 *   wv_vk_renderer_params rp = wv_vk_renderer_default_params();
 *   wv_vk_renderer renderer;
 *   if (wv_vk_renderer_create(&device, &rp, &renderer) != WV_OK) { ... wv_last_error() ... }
 *   // each frame, on the host's render thread:
 *   wv_vk_view view = {.target = {image, VK_FORMAT_B8G8R8A8_SRGB, width, height}};
 *   memcpy(view.T_view_world, my_view_matrix, sizeof view.T_view_world);   // column-major
 *   memcpy(view.projection, my_projection, sizeof view.projection);         // Vulkan clip space
 *   wv_vk_render(renderer, workspace, display_time_s, &view, 1);
 *   // then: a barrier from COLOR_ATTACHMENT_OPTIMAL (src stage COLOR_ATTACHMENT_OUTPUT, access
 *   // COLOR_ATTACHMENT_WRITE) to what the host does next (present, sample, copy)
 *   wv_vk_renderer_destroy(renderer);   // before the host destroys its device
 *
 * The device: Vulkan 1.3 with the dynamicRendering and synchronization2 features enabled, the
 * queue family with graphics and transfer. Optional: VK_EXT_external_memory_host enabled on the
 * device (then say so in wv_vk_device): frames are uploaded from their own memory, no copy.
 *
 * Target images: 2D, one layer and level, an 8-bit RGBA or BGRA sRGB format, created with
 * COLOR_ATTACHMENT usage. Their contents are replaced (any previous layout is fine); they are
 * left in VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL. wv_vk_render submits to the handed queue and
 * returns without waiting for the GPU, so the host's later submissions to the same queue see the
 * finished image after the barrier above. Pass the same image again in later frames freely; the
 * library keeps an image view per image until wv_vk_renderer_forget_images or destroy.
 *
 * Ownership: the library never destroys what it was handed (instance, device, queue, images).
 * It owns its textures, pipelines and staging memory, freed by wv_vk_renderer_destroy (which
 * waits for its own work on the GPU). Threading: one host render thread calls these functions;
 * while wv_vk_render runs, nothing else may submit to the queue.
 */
#ifndef WV_WORLDVIEW_VULKAN_H
#define WV_WORLDVIEW_VULKAN_H

#include <vulkan/vulkan.h>

#include "wv/worldview.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wv_vk_renderer_t* wv_vk_renderer;

/* What the host hands over; the library uses it and never destroys it. */
typedef struct wv_vk_device {
  VkInstance instance;
  VkPhysicalDevice physical_device;
  VkDevice device;
  uint32_t queue_family_index;
  uint32_t queue_index;
  int32_t external_memory_host_enabled; /* the device was created with VK_EXT_external_memory_host */
} wv_vk_device;

typedef struct wv_vk_renderer_params {
  uint32_t msaa_samples; /* 1 (default) or 4: smoother panel edges for more fill rate */
} wv_vk_renderer_params;

WV_API wv_vk_renderer_params wv_vk_renderer_default_params(void);
/* Errors: NULL handles, a device without the features above, pipelines that cannot be made. */
WV_API wv_result wv_vk_renderer_create(const wv_vk_device* device, const wv_vk_renderer_params* params,
                                       wv_vk_renderer* out_renderer);
/* WV_ERROR_WRONG_ORDER while a console of it exists (nothing is destroyed then). */
WV_API wv_result wv_vk_renderer_destroy(wv_vk_renderer renderer);

typedef struct wv_vk_image {
  VkImage image;
  VkFormat format;
  uint32_t width, height;
} wv_vk_image;

typedef struct wv_vk_view {
  float T_view_world[16]; /* world → view (the inverse of the eye's pose), column-major */
  float projection[16];   /* view → Vulkan clip space (y down, depth 0..1), column-major */
  wv_vk_image target;     /* where this view is drawn */
} wv_vk_view;

/* A perspective projection for wv_vk_view.projection: vertical field of view in radians. */
WV_API void wv_vk_perspective(float vertical_fov_rad, float aspect, float near_m, float far_m, float out_matrix[16]);

/* Draws the room (sky, floor, grid) and every panel of `workspace` into every view: each panel
 * shows its source's frame due at display_time_s (wv_source_acquire_frame's rule), a dark
 * placeholder before its first frame and when its source failed or was closed; and the
 * workspace's console, if it has one on this renderer (below). */
WV_API wv_result wv_vk_render(wv_vk_renderer renderer, wv_workspace workspace, double display_time_s,
                              const wv_vk_view* views, uint32_t view_count);

/* The in-world console -------------------------------------------------------------------
 * worldview's console (its README: "The console") as a panel of the scene, for a workspace: it
 * steers and branches rollouts, plays, pauses, steps and seeks panels, adds rollout and video
 * panels, lays them out, saves the workspace, and rates and notes panels (Review tab, with
 * export). The host
 * feeds it pointers (controller rays or a mouse ray) and keys; wv_vk_render draws it with the
 * workspace's panels. Pointers that miss the console act on the panels as in worldview: the
 * trigger selects one (the console then acts on it), the grip moves one, the thumbstick scrubs.
 *
 *   wv_vk_console_params cp = wv_vk_console_default_params();   // 1 m ahead, below the eyes
 *   wv_vk_console console;
 *   wv_vk_console_create(renderer, workspace, &cp, &console);
 *   // each frame, before wv_vk_render:
 *   wv_vk_input in = {0};
 *   in.hands[1] = (wv_vk_pointer){.active = 1, .position_m = {...}, .orientation_xyzw = {...}, .select = trigger};
 *   in.text = typed_utf8;                                          // or NULL
 *   wv_vk_console_input(console, &in, display_time_s, &state);    // state.on_console[hand]: leave it to us
 *   wv_vk_render(renderer, workspace, display_time_s, views, n);  // the console is drawn too
 *   wv_vk_console_destroy(console);   // before the renderer and the workspace
 *
 * Panels the console adds (a branch, Add panel, Open of a video) get source handles like those of
 * a loaded workspace: wv_workspace_panel gives them, and the host closes them. A loop region
 * (Playback tab) holds for the console's life; the panel jumps back to A by seeking its source.
 * Not in a host's console: recording (the host records its output; the controls are disabled)
 * and opening another workspace in place of this one (the host's wv_workspace_load; Open says
 * so).
 * Threading: the host's render thread, like the renderer. */
typedef struct wv_vk_console_t* wv_vk_console;

typedef struct wv_vk_console_params {
  float position_m[3];       /* the console's center (default 0, 1.18, -1: 1 m ahead of and */
  float orientation_xyzw[4]; /* 0.42 m below eyes at 1.6 m, its face tilted up toward them) */
} wv_vk_console_params;

typedef struct wv_vk_pointer {
  int32_t active;            /* tracked (a controller in view, a mouse over the window) */
  float position_m[3];       /* where the ray starts (world space) */
  float orientation_xyzw[4]; /* the ray points along this rotation's -Z */
  int32_t select;            /* the trigger or the left button is held */
  int32_t grab;              /* the grip is held: moves the console or a panel */
  float scroll[2];           /* thumbstick or wheel, each -1..1 (on the console: scrolls it) */
} wv_vk_pointer;

typedef enum wv_key {
  WV_KEY_TAB = 1 << 0,
  WV_KEY_LEFT = 1 << 1,
  WV_KEY_RIGHT = 1 << 2,
  WV_KEY_UP = 1 << 3,
  WV_KEY_DOWN = 1 << 4,
  WV_KEY_HOME = 1 << 5,
  WV_KEY_END = 1 << 6,
  WV_KEY_DELETE = 1 << 7,
  WV_KEY_BACKSPACE = 1 << 8,
  WV_KEY_ENTER = 1 << 9,
  WV_KEY_ESCAPE = 1 << 10,
  WV_KEY_CTRL = 1 << 11,
  WV_KEY_SHIFT = 1 << 12
} wv_key;

typedef struct wv_vk_input {
  wv_vk_pointer hands[2]; /* [0] left, [1] right (a mouse is the right hand) */
  const char* text;       /* UTF-8 typed since the last call (a physical keyboard); NULL: none */
  uint32_t keys_held;     /* wv_key bits held now (the console repeats a held key itself) */
} wv_vk_input;

typedef struct wv_vk_console_state {
  int32_t on_console[2]; /* per hand: its ray is on the console or grabs it (do not act on it too) */
  int32_t wants_text;    /* a text field has the keyboard (route keys here, not to the host) */
  int64_t panel;         /* the panel the console acts on; -1: the workspace has none */
} wv_vk_console_state;

WV_API wv_vk_console_params wv_vk_console_default_params(void);
/* Errors: NULL or invalid handles, an orientation that is not a unit quaternion, a second
 * console for the same workspace on the same renderer. */
WV_API wv_result wv_vk_console_create(wv_vk_renderer renderer, wv_workspace workspace,
                                      const wv_vk_console_params* params, wv_vk_console* out_console);
WV_API wv_result wv_vk_console_destroy(wv_vk_console console);
/* One UI frame: the pointers and keys at the host's display time (seconds, increasing). The
 * console's message (what its last action did, or why it failed) goes to the log as well.
 * out_state may be NULL. */
WV_API wv_result wv_vk_console_input(wv_vk_console console, const wv_vk_input* input, double display_time_s,
                                     wv_vk_console_state* out_state);

/* Where the console drew control `name` in its last UI frame, as a world point a pointer ray can
 * aim at: for automation (scripted demos, tests). Names are those of worldview's session scripts
 * (docs/scripting.md): "steer", "branch", "play", "tab:review", "rate:4", "kb:enter", ...
 * WV_ERROR_NOT_FOUND: no such control was drawn (another tab shows). */
WV_API wv_result wv_vk_console_control(wv_vk_console console, const char* name, float out_position_m[3]);

/* Drops the library's image views of the host's images (before the host destroys them, e.g. on
 * swapchain recreation). Waits for the library's work on the GPU. */
WV_API wv_result wv_vk_renderer_forget_images(wv_vk_renderer renderer);

#ifdef __cplusplus
}
#endif

#endif /* WV_WORLDVIEW_VULKAN_H */
