// wv/result.h — errors that a user can act on, returned instead of thrown across modules.
//
//   wv::Result<Workspace> ws = load_workspace(path);
//   if (!ws) { wv::log_error(ws.error().message); return 1; }
//   use(*ws);
//
// Programmer errors assert (also in release, see WV_ASSERT); environment and input errors
// (files, devices, peers) come back as wv::Error with a message naming the input and the reason.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <variant>

namespace wv {

struct Error {
  std::string message;
};

// Either a value or an Error. Deliberately small: no monadic chaining, no exceptions.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

// Result of an operation with no value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), failed_(true) {}
  static Status success() { return {}; }

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool failed_ = false;
};

}  // namespace wv

// Asserts in every build type: a violated precondition is a bug, and silently continuing in
// release would turn it into corrupted frames or GPU faults far from the cause.
#define WV_ASSERT(cond)                                                                    \
  do {                                                                                     \
    if (!(cond)) {                                                                         \
      std::fprintf(stderr, "worldview: assertion failed: %s (%s:%d)\n", #cond, __FILE__, \
                   __LINE__);                                                              \
      std::abort();                                                                        \
    }                                                                                      \
  } while (0)
