#include "net/endpoint.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace wv::net {
namespace {

constexpr size_t kMaxHostLength = 253;  // the longest DNS name

Error bad(std::string_view text, const std::string& why) {
  return Error{"endpoint \"" + std::string(text.substr(0, 80)) + "\": " + why};
}

bool is_ipv4(const std::string& host, in_addr* out) { return inet_pton(AF_INET, host.c_str(), out) == 1; }

bool is_ipv6(const std::string& host, in6_addr* out) { return inet_pton(AF_INET6, host.c_str(), out) == 1; }

// RFC 1123 host names: letters, digits, '-' and '.', not starting with '-' or '.'.
bool is_host_name(const std::string& host) {
  if (host.empty() || host.size() > kMaxHostLength || host.front() == '-' || host.front() == '.') {
    return false;
  }
  return std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '.';
  });
}

}  // namespace

bool Endpoint::is_loopback() const {
  in_addr v4{};
  if (is_ipv4(host, &v4)) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (is_ipv6(host, &v6)) return IN6_IS_ADDR_LOOPBACK(&v6);
  std::string lower = host;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower == "localhost";
}

std::string Endpoint::to_string() const {
  in6_addr v6{};
  const bool bracket = is_ipv6(host, &v6);
  return (bracket ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Result<Endpoint> parse_endpoint(std::string_view text) {
  std::string_view host_part, port_part;
  if (!text.empty() && text.front() == '[') {
    const size_t close = text.find(']');
    if (close == std::string_view::npos) return bad(text, "missing ']' after the IPv6 address");
    host_part = text.substr(1, close - 1);
    if (close + 1 >= text.size() || text[close + 1] != ':') return bad(text, "expected ':PORT' after ']'");
    port_part = text.substr(close + 2);
  } else {
    const size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return bad(text, "expected HOST:PORT, e.g. 127.0.0.1:7420");
    host_part = text.substr(0, colon);
    port_part = text.substr(colon + 1);
    if (host_part.find(':') != std::string_view::npos) {
      return bad(text, "IPv6 addresses need brackets, e.g. [::1]:7420");
    }
  }

  Endpoint endpoint;
  endpoint.host = std::string(host_part);
  in_addr v4{};
  in6_addr v6{};
  if (!is_ipv4(endpoint.host, &v4) && !is_ipv6(endpoint.host, &v6) && !is_host_name(endpoint.host)) {
    return bad(text, "\"" + endpoint.host.substr(0, 80) + "\" is not an IP address or host name");
  }

  unsigned port = 0;
  const char* first = port_part.data();
  const char* last = port_part.data() + port_part.size();
  const auto [end, ec] = std::from_chars(first, last, port);
  if (port_part.empty() || ec != std::errc() || end != last) return bad(text, "the port is not a number");
  if (port == 0 || port > 65535) return bad(text, "the port must be between 1 and 65535");
  endpoint.port = uint16_t(port);
  return endpoint;
}

}  // namespace wv::net
