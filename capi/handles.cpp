#include "capi/handles.h"

#include <map>
#include <mutex>

namespace wv::capi {
namespace {

struct Entry {
  HandleKind kind;
  std::shared_ptr<void> object;
};

struct Registry {
  std::mutex mutex;
  std::map<uintptr_t, Entry> entries;
  // Starts high and odd-stepped so that small integers and aligned addresses are never handles.
  uintptr_t next = 0x10001;
};

Registry& registry() {
  static Registry* r = new Registry;  // never destroyed: handles may be used from atexit hooks
  return *r;
}

}  // namespace

uintptr_t add_object(HandleKind kind, std::shared_ptr<void> object) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  const uintptr_t handle = r.next;
  r.next += 2;
  r.entries.emplace(handle, Entry{kind, std::move(object)});
  return handle;
}

std::shared_ptr<void> find_object(uintptr_t handle, HandleKind kind) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  const auto it = r.entries.find(handle);
  if (it == r.entries.end() || it->second.kind != kind) return nullptr;
  return it->second.object;
}

std::shared_ptr<void> remove_object(uintptr_t handle, HandleKind kind) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  const auto it = r.entries.find(handle);
  if (it == r.entries.end() || it->second.kind != kind) return nullptr;
  std::shared_ptr<void> object = std::move(it->second.object);
  r.entries.erase(it);
  return object;
}

}  // namespace wv::capi
