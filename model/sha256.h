// model/sha256.h — SHA-256 digests (OpenSSL's libcrypto), printed as sha256sum prints them.
//
//   std::string hex = wv::model::sha256_hex(bytes);  // "ba7816bf..." for "abc"
//
// Weights files carry their digest so logs, caches and `worldview info` can name exactly which
// weights a model runs with. Thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace wv::model {

// Lower-case hex, 64 characters.
std::string sha256_hex(std::span<const std::uint8_t> bytes);

}  // namespace wv::model
