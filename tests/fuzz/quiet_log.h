// tests/fuzz/quiet_log.h — silences the log for a fuzz target: unknown-field warnings on every
// input would flood the fuzzer's output.
//
//   extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
//     wv::test::quiet_log();
//     ...
#pragma once

#include <string_view>

#include "wv/log.h"

namespace wv::test {

inline void quiet_log() {
  static const bool quiet = [] {
    wv::set_log_sink([](wv::LogLevel, std::string_view) {});
    return true;
  }();
  (void)quiet;
}

}  // namespace wv::test
