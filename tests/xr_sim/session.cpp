// Session: creation with a Vulkan graphics binding, and the session state machine (spec 9.3):
//
//   create: IDLE -> READY       xrBeginSession in READY; frames then step READY -> SYNCHRONIZED
//   -> VISIBLE -> FOCUSED (frame.cpp); an exit request (application or script) steps back down
//   to STOPPING; xrEndSession in STOPPING -> IDLE -> EXITING; a scripted loss -> LOSS_PENDING.
#include <algorithm>

#include "runtime.h"

namespace wv::xr_sim {
namespace {

const XrGraphicsBindingVulkan2KHR* find_vulkan_binding(const void* next) {
  for (auto* header = static_cast<const XrBaseInStructure*>(next); header != nullptr;
       header = header->next) {
    if (header->type == XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR) {
      return reinterpret_cast<const XrGraphicsBindingVulkan2KHR*>(header);
    }
  }
  return nullptr;
}

bool queue_exists(VkPhysicalDevice device, uint32_t family, uint32_t index) {
  uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(device, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(device, &count, families.data());
  return family < count && index < families[family].queueCount;
}

// Steps a running session down to STOPPING through the states the spec's diagram passes.
void step_down_to_stopping(Session& session, XrTime time) {
  while (session.state != XR_SESSION_STATE_STOPPING) {
    switch (session.state) {
      case XR_SESSION_STATE_FOCUSED: set_session_state(session, XR_SESSION_STATE_VISIBLE, time); break;
      case XR_SESSION_STATE_VISIBLE: set_session_state(session, XR_SESSION_STATE_SYNCHRONIZED, time); break;
      case XR_SESSION_STATE_READY: set_session_state(session, XR_SESSION_STATE_SYNCHRONIZED, time); break;
      default: set_session_state(session, XR_SESSION_STATE_STOPPING, time); break;
    }
  }
}

XRAPI_ATTR XrResult XRAPI_CALL create_session(XrInstance handle, const XrSessionCreateInfo* info,
                                              XrSession* out_session) {
  std::lock_guard lock(runtime_mutex());
  Instance* instance = lookup<Instance>(handle);
  if (instance == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || out_session == nullptr || info->type != XR_TYPE_SESSION_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (info->systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (!instance->graphics_requirements_queried) return XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING;
  const XrGraphicsBindingVulkan2KHR* binding = find_vulkan_binding(info->next);
  if (binding == nullptr || binding->instance == VK_NULL_HANDLE ||
      binding->device == VK_NULL_HANDLE ||
      binding->physicalDevice != instance->vulkan_physical_device ||
      !queue_exists(binding->physicalDevice, binding->queueFamilyIndex, binding->queueIndex)) {
    return XR_ERROR_GRAPHICS_DEVICE_INVALID;
  }
  // One headset, one application: like most runtimes, one session at a time.
  if (!instance->sessions.empty()) return XR_ERROR_LIMIT_REACHED;

  auto* session = new Session;
  session->instance = instance;
  session->vk_instance = binding->instance;
  session->vk_physical_device = binding->physicalDevice;
  session->vk_device = binding->device;
  session->queue_family = binding->queueFamilyIndex;
  session->queue_index = binding->queueIndex;
  instance->sessions.push_back(session);
  live_objects<Session>().insert(session);
  set_session_state(*session, XR_SESSION_STATE_IDLE, session->instance->next_display_time);
  set_session_state(*session, XR_SESSION_STATE_READY, session->instance->next_display_time);
  *out_session = to_handle<XrSession>(session);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL destroy_session_entry(XrSession handle) {
  std::lock_guard lock(runtime_mutex());
  Session* session = lookup<Session>(handle);
  if (session == nullptr) return XR_ERROR_HANDLE_INVALID;
  destroy_session(session);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL begin_session(XrSession handle, const XrSessionBeginInfo* info) {
  std::lock_guard lock(runtime_mutex());
  Session* session = lookup<Session>(handle);
  if (session == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || info->type != XR_TYPE_SESSION_BEGIN_INFO) return XR_ERROR_VALIDATION_FAILURE;
  if (info->primaryViewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) {
    return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  }
  if (XrResult r = session_state(*session); XR_FAILED(r)) return r;
  if (session->running) return XR_ERROR_SESSION_RUNNING;
  if (session->state != XR_SESSION_STATE_READY) return XR_ERROR_SESSION_NOT_READY;
  session->running = true;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL end_session(XrSession handle) {
  std::lock_guard lock(runtime_mutex());
  Session* session = lookup<Session>(handle);
  if (session == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (XrResult r = session_state(*session); XR_FAILED(r)) return r;
  if (!session->running) return XR_ERROR_SESSION_NOT_RUNNING;
  if (session->state != XR_SESSION_STATE_STOPPING) return XR_ERROR_SESSION_NOT_STOPPING;
  session->running = false;
  session->waited_frame.reset();
  session->begun_frame.reset();
  const XrTime now = session->instance->next_display_time;
  set_session_state(*session, XR_SESSION_STATE_IDLE, now);
  set_session_state(*session, session->exit_requested ? XR_SESSION_STATE_EXITING
                                                      : XR_SESSION_STATE_READY, now);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL request_exit_session(XrSession handle) {
  std::lock_guard lock(runtime_mutex());
  Session* session = lookup<Session>(handle);
  if (session == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (XrResult r = session_state(*session); XR_FAILED(r)) return r;
  if (!session->running) return XR_ERROR_SESSION_NOT_RUNNING;
  session->exit_requested = true;
  step_down_to_stopping(*session, session->instance->next_display_time);
  return XR_SUCCESS;
}

}  // namespace

void set_session_state(Session& session, XrSessionState state, XrTime time) {
  session.state = state;
  XrEventDataBuffer buffer{XR_TYPE_EVENT_DATA_BUFFER};
  auto* event = reinterpret_cast<XrEventDataSessionStateChanged*>(&buffer);
  event->type = XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED;
  event->next = nullptr;
  event->session = to_handle<XrSession>(&session);
  event->state = state;
  event->time = time;
  push_event(*session.instance, buffer);
}

XrResult instance_state(const Instance& instance) {
  return instance.loss_time && instance.next_display_time > *instance.loss_time ? XR_ERROR_INSTANCE_LOST
                                                                                : XR_SUCCESS;
}

XrResult session_state(const Session& session) {
  if (XrResult r = instance_state(*session.instance); XR_FAILED(r)) return r;
  return session.lost ? XR_ERROR_SESSION_LOST : XR_SUCCESS;
}

void apply_script(Session& session, XrTime time) {
  const Script& script = session.instance->script;
  const double time_s = double(time - kFirstDisplayTime) * 1e-9;
  if (script.instance_loss_at_s && time_s >= *script.instance_loss_at_s && !session.instance->loss_time) {
    session.instance->loss_time = time + XrTime(script.instance_loss_grace_s * 1e9);
    XrEventDataBuffer buffer{XR_TYPE_EVENT_DATA_BUFFER};
    auto* event = reinterpret_cast<XrEventDataInstanceLossPending*>(&buffer);
    event->type = XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING;
    event->next = nullptr;
    event->lossTime = *session.instance->loss_time;
    push_event(*session.instance, buffer);
    return;
  }
  if (script.loss_at_s && time_s >= *script.loss_at_s && !session.instance->scripted_loss_done) {
    session.instance->scripted_loss_done = true;
    session.lost = true;
    set_session_state(session, XR_SESSION_STATE_LOSS_PENDING, time);
    return;
  }
  if (script.exit_at_s && time_s >= *script.exit_at_s && !session.instance->scripted_exit_done &&
      session.running) {
    session.instance->scripted_exit_done = true;
    session.exit_requested = true;
    step_down_to_stopping(session, time);
  }
}

void destroy_session(Session* session) {
  while (!session->swapchains.empty()) destroy_swapchain(session->swapchains.back());
  for (Space* space : session->spaces) {
    live_objects<Space>().erase(space);
    delete space;
  }
  // Events about a destroyed session would hand the application a dead handle.
  auto& events = session->instance->events;
  const XrSession handle = to_handle<XrSession>(session);
  std::erase_if(events, [handle](const XrEventDataBuffer& buffer) {
    return buffer.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED &&
           reinterpret_cast<const XrEventDataSessionStateChanged&>(buffer).session == handle;
  });
  auto& siblings = session->instance->sessions;
  siblings.erase(std::find(siblings.begin(), siblings.end(), session));
  live_objects<Session>().erase(session);
  delete session;
}

void add_session_functions(FunctionTable& table) {
  add(table, "xrCreateSession", create_session);
  add(table, "xrDestroySession", destroy_session_entry);
  add(table, "xrBeginSession", begin_session);
  add(table, "xrEndSession", end_session);
  add(table, "xrRequestExitSession", request_exit_session);
}

}  // namespace wv::xr_sim
