// capi/handles.h — the C API's handles: opaque values that name live objects in one registry,
// so that a NULL, stale, double-destroyed or wrong-kind handle is an error, never a crash.
//
//   wv_source h = wv::capi::add_handle<wv_source>(std::make_shared<Source>(...));
//   std::shared_ptr<Source> s = wv::capi::find_handle<Source>(h);   // null: not a live source
//   std::shared_ptr<Source> gone = wv::capi::remove_handle<Source>(h);
//
// A handle is a counter value, never an address, and never reused: an object freed and another
// made at the same address cannot be reached through the old handle. Lookups hand out shared
// ownership, so an object removed on one thread stays alive for a call running on another.
// Thread-safe.
#pragma once

#include <cstdint>
#include <memory>

namespace wv::capi {

enum class HandleKind : uint8_t { Engine, Source, Frame, Workspace, VulkanRenderer, Console };

class Engine;
class Source;
struct AcquiredFrame;
class WorkspaceState;
class VulkanHost;
struct ConsoleHandle;

template <typename T> constexpr HandleKind kind_of();
template <> constexpr HandleKind kind_of<Engine>() { return HandleKind::Engine; }
template <> constexpr HandleKind kind_of<Source>() { return HandleKind::Source; }
template <> constexpr HandleKind kind_of<AcquiredFrame>() { return HandleKind::Frame; }
template <> constexpr HandleKind kind_of<WorkspaceState>() { return HandleKind::Workspace; }
template <> constexpr HandleKind kind_of<VulkanHost>() { return HandleKind::VulkanRenderer; }
template <> constexpr HandleKind kind_of<ConsoleHandle>() { return HandleKind::Console; }

uintptr_t add_object(HandleKind kind, std::shared_ptr<void> object);
std::shared_ptr<void> find_object(uintptr_t handle, HandleKind kind);
std::shared_ptr<void> remove_object(uintptr_t handle, HandleKind kind);

template <typename Handle, typename T>
Handle add_handle(std::shared_ptr<T> object) {
  return reinterpret_cast<Handle>(add_object(kind_of<T>(), std::move(object)));
}

template <typename T, typename Handle>
std::shared_ptr<T> find_handle(Handle handle) {
  return std::static_pointer_cast<T>(find_object(reinterpret_cast<uintptr_t>(handle), kind_of<T>()));
}

template <typename T, typename Handle>
std::shared_ptr<T> remove_handle(Handle handle) {
  return std::static_pointer_cast<T>(remove_object(reinterpret_cast<uintptr_t>(handle), kind_of<T>()));
}

}  // namespace wv::capi
