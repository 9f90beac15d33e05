// tests/xr_sim/runtime.h — the simulated OpenXR runtime's objects and the helpers its files
// share. Internal to wv_xr_sim; tests talk to the runtime only through the OpenXR loader.
//
// Handles are pointers to the objects below. Every entry point looks its handles up in a
// registry of live objects, so a stale or foreign handle gives XR_ERROR_HANDLE_INVALID instead
// of a crash, and takes the one runtime lock: tests drive the runtime from one thread, and the
// lock keeps an accidental second thread from corrupting state rather than making it fast.
#pragma once

#define XR_USE_GRAPHICS_API_VULKAN
#include <vulkan/vulkan.h>
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <functional>
#include <vector>

#include "script.h"

namespace wv::xr_sim {

constexpr XrSystemId kSystemId = 1;
constexpr uint32_t kViewCount = 2;
constexpr uint32_t kRecommendedViewSize = 512;
constexpr uint32_t kMaxSwapchainSize = 2048;
constexpr uint32_t kMaxLayerCount = 16;
// Simulated display clock: the first predicted display time and a 90 Hz period. XrTime must be
// positive, so the clock starts at 1 s rather than 0; script times count from there.
constexpr XrTime kFirstDisplayTime = 1'000'000'000;
constexpr XrDuration kDisplayPeriod = 11'111'111;

struct Session;
struct Instance;

struct ActionSet {
  Instance* instance = nullptr;
};

struct Action {
  ActionSet* set = nullptr;
  XrActionType type = XR_ACTION_TYPE_BOOLEAN_INPUT;
};

struct Space {
  Session* session = nullptr;
  XrReferenceSpaceType type = XR_REFERENCE_SPACE_TYPE_LOCAL;
  XrPosef pose_in_reference{};  // XrReferenceSpaceCreateInfo::poseInReferenceSpace
  Action* action = nullptr;     // an action space: the aim pose of hand `hand`
  int hand = -1;
};

struct Swapchain {
  Session* session = nullptr;
  uint32_t serial = 0;  // stable id in frame records: 1, 2, ... per instance
  XrSwapchainCreateInfo info{};
  std::vector<VkImage> images;
  std::vector<VkDeviceMemory> memory;
  uint32_t next_index = 0;           // images are handed out round-robin
  std::deque<uint32_t> acquired;     // acquired and not yet waited, oldest first
  std::optional<uint32_t> waited;    // the one image waited and not yet released
  std::optional<uint32_t> released;  // the latest released image: what a layer shows
};

struct Instance {
  Script script;
  std::deque<XrEventDataBuffer> events;
  bool graphics_requirements_queried = false;
  // From xrGetVulkanGraphicsDevice2KHR: the device picked, and the instance it came from.
  VkInstance vulkan_instance = VK_NULL_HANDLE;
  VkPhysicalDevice vulkan_physical_device = VK_NULL_HANDLE;
  std::vector<Session*> sessions;
  uint32_t next_swapchain_serial = 1;
  // The display clock and the script's one-off moments belong to the instance: a session made
  // after a loss sees time go on, and is not lost again at the same moment.
  XrTime next_display_time = kFirstDisplayTime;
  bool scripted_exit_done = false;
  bool scripted_loss_done = false;
  // Scripted instance loss: XrEventDataInstanceLossPending queued, and from loss_time on
  // (display clock) calls fail with XR_ERROR_INSTANCE_LOST.
  std::optional<XrTime> loss_time;
  // Actions (actions.cpp): XrPath n is paths[n - 1]; suggested bindings per profile path.
  std::vector<std::string> paths;
  std::unordered_map<XrPath, std::vector<std::pair<Action*, XrPath>>> bindings;
  std::vector<ActionSet*> action_sets;
};

struct Session {
  Instance* instance = nullptr;
  XrSessionState state = XR_SESSION_STATE_UNKNOWN;
  bool running = false;         // between a successful xrBeginSession and xrEndSession
  bool exit_requested = false;  // by the application or the script: EXITING follows IDLE
  bool lost = false;
  VkInstance vk_instance = VK_NULL_HANDLE;
  VkPhysicalDevice vk_physical_device = VK_NULL_HANDLE;
  VkDevice vk_device = VK_NULL_HANDLE;
  uint32_t queue_family = 0;
  uint32_t queue_index = 0;
  std::vector<Space*> spaces;
  std::vector<Swapchain*> swapchains;
  // Frame loop.
  std::optional<XrTime> waited_frame;  // predicted time of the frame xrWaitFrame handed out
  std::optional<XrTime> begun_frame;   // ...and of the frame xrBeginFrame started
  uint64_t frames_ended = 0;
  // Actions: the profile the simulated controllers present, the time of the last xrSyncActions
  // (0: never, or not focused), and haptic pulses since the last recorded frame ("left"/"right").
  bool actions_attached = false;
  XrPath interaction_profile = XR_NULL_PATH;
  XrTime synced_time = 0;
  std::vector<std::string> haptics;
};

// [Locking and handles] -----------------------------------------------------------------------
std::mutex& runtime_mutex();

template <class T>
std::set<T*>& live_objects() {
  static std::set<T*> objects;
  return objects;
}

template <class T, class Handle>
T* lookup(Handle handle) {
  T* object = reinterpret_cast<T*>(handle);
  return live_objects<T>().count(object) ? object : nullptr;
}

template <class Handle, class T>
Handle to_handle(T* object) {
  return reinterpret_cast<Handle>(object);
}

// [Entry points] --------------------------------------------------------------------------------
// Each file adds the OpenXR functions it implements to the table xrGetInstanceProcAddr serves.
using FunctionTable = std::unordered_map<std::string, PFN_xrVoidFunction>;
void add_instance_functions(FunctionTable& table);
void add_system_functions(FunctionTable& table);
void add_vulkan_functions(FunctionTable& table);
void add_session_functions(FunctionTable& table);
void add_space_functions(FunctionTable& table);
void add_swapchain_functions(FunctionTable& table);
void add_frame_functions(FunctionTable& table);
void add_action_functions(FunctionTable& table);

template <class F>
void add(FunctionTable& table, const char* name, F* function) {
  table[name] = reinterpret_cast<PFN_xrVoidFunction>(function);
}

// [Shared helpers] ------------------------------------------------------------------------------
// XR_ERROR_INSTANCE_LOST once the scripted instance loss has happened, else XR_SUCCESS.
XrResult instance_state(const Instance& instance);
// The same, then XR_ERROR_SESSION_LOST for a lost session: what calls on a session check first.
XrResult session_state(const Session& session);
void push_event(Instance& instance, const XrEventDataBuffer& event);
// Queues a state-change event and makes `state` the session's state.
void set_session_state(Session& session, XrSessionState state, XrTime time);
// The script's exit/loss moments that have come by `time` (called as the display clock advances).
void apply_script(Session& session, XrTime time);
// Destroy a session and everything made from it (xrDestroySession, xrDestroyInstance).
void destroy_session(Session* session);
void destroy_swapchain(Swapchain* swapchain);
// The path's string, or "" for an unknown path.
std::string path_string(const Instance& instance, XrPath path);
// Where a space is in STAGE at `time`; where the eye of `view` (0: left) is, and its field of view.
XrPosef stage_from_space_pose(const Space& space, XrTime time);
XrPosef stage_from_eye(const Session& session, uint32_t view, XrTime time);
XrFovf eye_fov();
// The aim pose of `hand` in STAGE at `time`, when the script tracks that controller.
std::optional<XrPosef> stage_from_aim(const Session& session, int hand, XrTime time);
void destroy_action_set(ActionSet* set);
// Reads a released swapchain image back as tightly packed RGBA bytes (BGRA swizzled), on the
// session's queue after the application's work; false on any failure.
bool read_image(const Swapchain& swapchain, uint32_t image, std::vector<uint8_t>& out_rgba);

// Records commands with `record` into a one-time command buffer on the session's queue, submits
// it and waits for it. False when any Vulkan call failed.
bool run_commands(const Session& session, const std::function<void(VkCommandBuffer)>& record);
// With WV_XR_SIM_CAPTURE naming a folder, composes what each eye shows of a submitted frame
// (compose.cpp) and writes it there as view<N>.ppm; false on any failure.
bool capture_eyes(const Session& session, const XrFrameEndInfo& info);

// The two-call idiom: writes the count, and copies `items` when the capacity allows.
template <class T, class Out>
XrResult fill_array(const std::vector<T>& items, uint32_t capacity, uint32_t* count, Out* out) {
  if (count == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *count = uint32_t(items.size());
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < items.size()) return XR_ERROR_SIZE_INSUFFICIENT;
  if (out == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  for (size_t i = 0; i < items.size(); ++i) out[i] = Out(items[i]);
  return XR_SUCCESS;
}

}  // namespace wv::xr_sim
