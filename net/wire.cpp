#include "net/wire.h"

#include <bit>
#include <cmath>

namespace wv::net {

void WireWriter::f64(double v) { u64(std::bit_cast<uint64_t>(v)); }

void WireWriter::str(const std::string& s) {
  u32(uint32_t(s.size()));
  bytes_.insert(bytes_.end(), s.begin(), s.end());
}

void WireWriter::blob(std::span<const uint8_t> b) {
  u32(uint32_t(b.size()));
  bytes_.insert(bytes_.end(), b.begin(), b.end());
}

bool WireReader::fail(std::string why) {
  if (error_.empty()) error_ = std::move(why);
  return false;
}

bool WireReader::get(uint64_t& v, int n, const char* what) {
  if (failed()) return false;
  if (remaining() < size_t(n)) {
    return fail("cut short: " + std::to_string(n) + "-byte " + what + " at byte " + std::to_string(pos_) + " of " +
                std::to_string(in_.size()));
  }
  v = 0;
  for (int i = 0; i < n; ++i) v |= uint64_t(in_[pos_ + size_t(i)]) << (8 * i);
  pos_ += size_t(n);
  return true;
}

bool WireReader::u8(uint8_t& v) {
  uint64_t x = 0;
  if (!get(x, 1, "integer")) return false;
  v = uint8_t(x);
  return true;
}
bool WireReader::u16(uint16_t& v) {
  uint64_t x = 0;
  if (!get(x, 2, "integer")) return false;
  v = uint16_t(x);
  return true;
}
bool WireReader::u32(uint32_t& v) {
  uint64_t x = 0;
  if (!get(x, 4, "integer")) return false;
  v = uint32_t(x);
  return true;
}
bool WireReader::u64(uint64_t& v) { return get(v, 8, "integer"); }
bool WireReader::i32(int32_t& v) {
  uint32_t x = 0;
  if (!u32(x)) return false;
  v = int32_t(x);
  return true;
}
bool WireReader::i64(int64_t& v) {
  uint64_t x = 0;
  if (!get(x, 8, "integer")) return false;
  v = int64_t(x);
  return true;
}
bool WireReader::f64(double& v) {
  uint64_t x = 0;
  if (!get(x, 8, "number")) return false;
  v = std::bit_cast<double>(x);
  if (!std::isfinite(v)) return fail("a number at byte " + std::to_string(pos_ - 8) + " is not finite");
  return true;
}
bool WireReader::boolean(bool& v) {
  uint8_t x = 0;
  if (!u8(x)) return false;
  if (x > 1) return fail("a flag at byte " + std::to_string(pos_ - 1) + " is " + std::to_string(x) + ", not 0 or 1");
  v = x == 1;
  return true;
}
bool WireReader::str(std::string& v, size_t max_bytes) {
  std::vector<uint8_t> b;
  if (!blob(b, max_bytes)) return false;
  v.assign(b.begin(), b.end());
  return true;
}
bool WireReader::blob(std::vector<uint8_t>& v, size_t max_bytes) {
  uint32_t n = 0;
  if (!u32(n)) return false;
  if (n > max_bytes) {
    return fail("a field at byte " + std::to_string(pos_ - 4) + " is " + std::to_string(n) + " bytes long (at most " +
                std::to_string(max_bytes) + ")");
  }
  if (remaining() < n) {
    return fail("cut short: a " + std::to_string(n) + "-byte field at byte " + std::to_string(pos_ - 4) + " has only " +
                std::to_string(remaining()) + " bytes left");
  }
  v.assign(in_.begin() + std::ptrdiff_t(pos_), in_.begin() + std::ptrdiff_t(pos_ + n));
  pos_ += n;
  return true;
}

}  // namespace wv::net
