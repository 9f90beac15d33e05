// tests/net/loopback_util.h — helpers of the loopback tests: a server with the fake host on a
// free port, playing remote rollouts as a panel would, raw sockets for hostile peers, and the
// log lines the server wrote.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "net/client.h"
#include "net/protocol.h"
#include "net/remote_rollout.h"
#include "net/server.h"
#include "tests/net/fake_host.h"
#include "wv/log.h"

namespace wv::net::testing {

using namespace std::chrono_literals;

// Collects log lines while alive (and still prints them, for failing tests).
class LogCapture {
 public:
  LogCapture() {
    wv::set_log_sink([this](wv::LogLevel, std::string_view m) {
      std::lock_guard lock(mutex_);
      lines_.emplace_back(m);
    });
  }
  ~LogCapture() { wv::set_log_sink(nullptr); }
  bool contains(const std::string& text) const {
    std::lock_guard lock(mutex_);
    for (const auto& l : lines_) {
      if (l.find(text) != std::string::npos) return true;
    }
    return false;
  }
  std::string all() const {
    std::lock_guard lock(mutex_);
    std::string s;
    for (const auto& l : lines_) s += l + "\n";
    return s;
  }
  // Waits until a line containing `text` was logged.
  bool wait_for(const std::string& text, std::chrono::milliseconds timeout = 5s) const {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      if (contains(text)) return true;
      std::this_thread::sleep_for(5ms);
    }
    return false;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

inline ServerParams loopback_params(uint16_t port = 0) {
  ServerParams p;
  p.listen = Endpoint{"127.0.0.1", port};
  return p;
}

inline ClientParams client_params(uint16_t port, std::string token = "") {
  ClientParams p;
  p.server = Endpoint{"127.0.0.1", port};
  p.token = std::move(token);
  p.timeout = 5000ms;
  p.backoff_min = 20ms;
  p.backoff_max = 200ms;
  return p;
}

inline RemoteRolloutParams fake_rollout(const std::string& prompt, uint64_t seed) {
  return {.model = "fake", .prompt_track = {{0, prompt}}, .seed_track = {{0, seed}}};
}

// Plays the source as a panel would (pump, take) until `count` frames were taken or `timeout`.
inline std::vector<FramePtr> take_frames(wv::FrameSource& source, size_t count, std::chrono::milliseconds timeout = 10s) {
  std::vector<FramePtr> taken;
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (taken.size() < count && std::chrono::steady_clock::now() < end) {
    source.pump();
    if (FramePtr f = source.frames().try_pop()) taken.push_back(std::move(f));
    else std::this_thread::sleep_for(1ms);
  }
  return taken;
}

inline std::vector<uint8_t> pixels_of(const Frame& f) { return std::vector<uint8_t>(f.pixels.begin(), f.pixels.begin() + long(f.byte_size())); }

// A TCP connection that speaks whatever bytes a test gives it.
class RawPeer {
 public:
  explicit RawPeer(uint16_t port, int receive_buffer = 0) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    if (receive_buffer > 0) setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~RawPeer() { ::close(fd_); }
  bool connected() const { return connected_; }
  void send(const std::vector<uint8_t>& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return;
      done += size_t(n);
    }
  }
  void shutdown_write() { ::shutdown(fd_, SHUT_WR); }
  // Reads until the server closes (true) or the timeout passes (false).
  bool wait_closed(std::chrono::milliseconds timeout = 5s, std::vector<uint8_t>* received = nullptr) {
    timeval tv{0, 20000};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    const auto end = std::chrono::steady_clock::now() + timeout;
    uint8_t buffer[65536];
    while (std::chrono::steady_clock::now() < end) {
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n == 0) return true;
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return true;
      if (n > 0 && received) received->insert(received->end(), buffer, buffer + n);
    }
    return false;
  }
  // Reads what is there for `duration` (the socket stays open); returns how many bytes.
  size_t drain_for(std::chrono::milliseconds duration) {
    std::vector<uint8_t> ignored;
    return receive_for(duration, ignored);
  }
  // As drain_for, keeping the bytes (appended to `into`).
  size_t receive_for(std::chrono::milliseconds duration, std::vector<uint8_t>& into) {
    timeval tv{0, 20000};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    const auto end = std::chrono::steady_clock::now() + duration;
    uint8_t buffer[65536];
    size_t total = 0;
    while (std::chrono::steady_clock::now() < end) {
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n > 0) {
        total += size_t(n);
        into.insert(into.end(), buffer, buffer + n);
      }
      if (n == 0) break;
    }
    return total;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

// The messages in bytes a RawPeer received, in order; a message cut off at the end is left out,
// and a damaged one fails the test.
inline std::vector<Message> messages_in(const std::vector<uint8_t>& bytes) {
  std::vector<Message> messages;
  std::span<const uint8_t> rest(bytes);
  while (rest.size() >= kHeaderBytes) {
    auto header = parse_header(rest.first<kHeaderBytes>());
    EXPECT_TRUE(header) << header.error().message;
    if (!header || rest.size() < kHeaderBytes + header->payload_bytes) break;
    auto message = parse_message(header->type, rest.subspan(kHeaderBytes, header->payload_bytes));
    EXPECT_TRUE(message) << message.error().message;
    if (!message) break;
    messages.push_back(std::move(*message));
    rest = rest.subspan(kHeaderBytes + header->payload_bytes);
  }
  return messages;
}

inline std::vector<FrameMessage> frames_in(const std::vector<Message>& messages) {
  std::vector<FrameMessage> frames;
  for (const Message& m : messages)
    if (auto* f = std::get_if<FrameMessage>(&m)) frames.push_back(*f);
  return frames;
}

inline double server_figure(const Server& server, const std::string& name) {
  for (const auto& f : server.stats())
    if (f.name == name) return f.value;
  return -1.0;
}

inline std::vector<uint8_t> hello_bytes(const std::string& token = "") {
  return encode(Hello{.codecs = codec_bit(Codec::Raw), .token = token, .client_name = "raw peer"});
}

}  // namespace wv::net::testing
