// Fuzzes parse_endpoint (addresses typed by users and read from configuration). Beyond "no
// crash": every error names the endpoint, and an accepted endpoint parses back from its text.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "net/endpoint.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto endpoint = wv::net::parse_endpoint(text);
  if (!endpoint) {
    if (endpoint.error().message.rfind("endpoint ", 0) != 0) std::abort();
    return 0;
  }
  const auto again = wv::net::parse_endpoint(endpoint->to_string());
  if (!again || again->host != endpoint->host || again->port != endpoint->port) std::abort();
  if (again->is_loopback() != endpoint->is_loopback()) std::abort();
  return 0;
}
