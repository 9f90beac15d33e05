// net/endpoint.h — network addresses as users type them ("127.0.0.1:7420", "[::1]:7420",
// "localhost:7420", "0.0.0.0:7420"), and whether one stays on this machine. The tethered server
// listens on loopback unless told otherwise and demands a token for anything else (DESIGN.md §7).
//
//   wv::Result<wv::net::Endpoint> ep = wv::net::parse_endpoint("127.0.0.1:7420");
//   if (ep && !ep->is_loopback() && !have_token) refuse();
//
// Pure functions: no sockets, no name resolution, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "wv/result.h"

namespace wv::net {

struct Endpoint {
  std::string host;  // IPv4 dotted quad, IPv6 without brackets, or a host name
  uint16_t port = 0;

  // True for 127.0.0.0/8, ::1 and "localhost": traffic that never leaves the machine.
  bool is_loopback() const;
  // "host:port", with IPv6 hosts bracketed.
  std::string to_string() const;
};

// Parses "HOST:PORT". Errors name the text and what is wrong with it.
Result<Endpoint> parse_endpoint(std::string_view text);

}  // namespace wv::net
