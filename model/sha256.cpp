#include "model/sha256.h"

#include <openssl/evp.h>

#include "wv/result.h"

namespace wv::model {

std::string sha256_hex(std::span<const std::uint8_t> bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  // Fails only when libcrypto cannot allocate or lacks SHA-256, neither of which a caller can fix.
  WV_ASSERT(EVP_Digest(bytes.data(), bytes.size(), digest, &digest_size, EVP_sha256(), nullptr) == 1);
  WV_ASSERT(digest_size == 32);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * digest_size);
  for (unsigned int i = 0; i < digest_size; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xF];
  }
  return hex;
}

}  // namespace wv::model
