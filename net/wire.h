// net/wire.h — internal: little-endian byte codec for protocol messages (docs/protocol.md §2).
//
//   wv::net::WireWriter w;  w.u32(7); w.str("hello");        // w.bytes() to send
//   wv::net::WireReader r(payload);  uint32_t n; std::string s;
//   if (!r.u32(n) || !r.str(s, 4096)) fail(r.error());
//
// The reader never reads past its input and never allocates more than the bytes it holds: every
// length is checked against what is left before anything is copied. Pure, no I/O.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace wv::net {

class WireWriter {
 public:
  void u8(uint8_t v) { bytes_.push_back(v); }
  void u16(uint16_t v) { put(v, 2); }
  void u32(uint32_t v) { put(v, 4); }
  void u64(uint64_t v) { put(v, 8); }
  void i32(int32_t v) { put(uint32_t(v), 4); }
  void i64(int64_t v) { put(uint64_t(v), 8); }
  void f64(double v);
  void boolean(bool v) { u8(v ? 1 : 0); }
  void str(const std::string& s);  // u32 length, then the bytes
  void blob(std::span<const uint8_t> b);  // u32 length, then the bytes

  std::vector<uint8_t>& bytes() { return bytes_; }

 private:
  void put(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) bytes_.push_back(uint8_t(v >> (8 * i)));
  }
  std::vector<uint8_t> bytes_;
};

class WireReader {
 public:
  explicit WireReader(std::span<const uint8_t> in) : in_(in) {}

  // Each returns false, with error() naming what was cut short or out of range, and leaves the
  // reader failed (every later read fails too).
  bool u8(uint8_t& v);
  bool u16(uint16_t& v);
  bool u32(uint32_t& v);
  bool u64(uint64_t& v);
  bool i32(int32_t& v);
  bool i64(int64_t& v);
  bool f64(double& v);  // finite values only
  bool boolean(bool& v);  // 0 or 1
  bool str(std::string& v, size_t max_bytes);
  bool blob(std::vector<uint8_t>& v, size_t max_bytes);

  // Fails the reader with `why` (checks of values the caller makes).
  bool fail(std::string why);
  size_t remaining() const { return in_.size() - pos_; }
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  bool get(uint64_t& v, int n, const char* what);
  std::span<const uint8_t> in_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace wv::net
