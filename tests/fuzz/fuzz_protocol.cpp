// Fuzzes the protocol's message parser (every byte a tethered peer sends goes through it): the
// input is split into messages as a connection would read it. Beyond "no crash": refusals name
// the message type, and an accepted message encodes back to the very bytes it came from.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "net/protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::span<const uint8_t> rest(data, size);
  while (rest.size() >= wv::net::kHeaderBytes) {
    const auto header = wv::net::parse_header(rest.first<wv::net::kHeaderBytes>());
    if (!header) return 0;
    rest = rest.subspan(wv::net::kHeaderBytes);
    if (header->payload_bytes > rest.size()) return 0;  // a connection would wait for the rest
    const auto payload = rest.first(header->payload_bytes);
    rest = rest.subspan(header->payload_bytes);
    const auto message = wv::net::parse_message(header->type, payload);
    if (!message) {
      if (message.error().message.rfind(wv::net::message_name(header->type), 0) != 0) std::abort();
      continue;
    }
    if (wv::net::message_type(*message) != header->type) std::abort();
    const auto again = wv::net::encode(*message);
    if (again.size() != wv::net::kHeaderBytes + payload.size()) std::abort();
    if (!std::equal(payload.begin(), payload.end(), again.begin() + wv::net::kHeaderBytes)) std::abort();
  }
  return 0;
}
