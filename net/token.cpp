#include "net/token.h"

#include <fstream>

#include "net/protocol.h"

namespace wv::net {

Result<std::string> read_token_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"token file " + path + ": cannot open it"};
  std::string line;
  std::getline(in, line, '\n');
  if (in.bad()) return Error{"token file " + path + ": cannot read it"};
  const size_t first = line.find_first_not_of(" \t\r");
  const size_t last = line.find_last_not_of(" \t\r");
  if (first == std::string::npos) return Error{"token file " + path + ": the first line is empty"};
  std::string token = line.substr(first, last - first + 1);
  if (token.size() > kMaxTokenBytes) {
    return Error{"token file " + path + ": the token is " + std::to_string(token.size()) + " bytes (at most " +
                 std::to_string(kMaxTokenBytes) + ")"};
  }
  for (unsigned char c : token) {
    if (c < 0x20 || c == 0x7f) return Error{"token file " + path + ": the token holds control characters"};
  }
  return token;
}

bool tokens_equal(std::string_view presented, std::string_view expected) {
  // Every byte of `expected` is compared whatever `presented` holds; a length difference counts
  // as a difference without leaving the loop early.
  unsigned diff = presented.size() == expected.size() ? 0u : 1u;
  for (size_t i = 0; i < expected.size(); ++i) {
    const unsigned char p = i < presented.size() ? static_cast<unsigned char>(presented[i]) : 0u;
    diff |= p ^ static_cast<unsigned char>(expected[i]);
  }
  return diff == 0 && !expected.empty();
}

}  // namespace wv::net
