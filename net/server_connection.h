// net/server_connection.h — internal: one client of the server, from Hello to close.
//
// Threads: every handler runs on the server's network thread; the sender thread takes frames
// from the client's rollouts, encodes them and posts the bytes to the network thread; an Open
// runs RolloutHost::open on the server's loader thread (ServerShared::loader) and is answered
// back on the network thread. close() (network thread) stops and joins the sender, closes the
// rollouts and the socket.
#pragma once

#include <asio.hpp>

#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "media/stream_encoder.h"
#include "net/protocol.h"
#include "net/server_shared.h"

namespace wv::net {

class ServerConnection : public std::enable_shared_from_this<ServerConnection> {
 public:
  ServerConnection(asio::ip::tcp::socket socket, ServerShared& shared, int64_t id);
  ~ServerConnection();

  // Network thread: starts reading (Hello first, within the handshake timeout) and the sender.
  void start();
  // Network thread: refuses with `reason` (sent as Refused) and closes.
  void refuse(const std::string& reason);
  // Network thread; idempotent. `reason` empty: a normal end (peer closed, server stopping).
  void close(const std::string& reason);
  bool closed() const { return closed_; }

 private:
  using Clock = std::chrono::steady_clock;

  struct Served {
    std::unique_ptr<HostedRollout> rollout;
    uint32_t window = 4;
    Codec codec = Codec::Raw;
    uint64_t sent = 0;
    uint64_t consumed = 0;
    uint32_t epoch = 0;
    bool need_keyframe = true;
    std::unique_ptr<media::StreamEncoder> encoder;
    std::optional<Clock::time_point> ready_since;  // since when the client could take a frame
  };

  void read_header();
  void read_payload(MessageType type);
  void arm_deadline(std::chrono::milliseconds after, const std::string& what);
  void handle(Message message);
  void on_hello(const Hello& m);
  void on_open(const Open& m);
  void open_done(const Open& m, Result<std::unique_ptr<HostedRollout>> rollout);  // network thread
  void on_branch(const Branch& m);
  void on_stats();
  void on_shown(const Shown& m);
  void opened(uint32_t id, Served served);  // network thread, under mutex_ not held
  void fail_rollout(uint32_t id, const std::string& reason);
  void send(std::vector<uint8_t> bytes);     // network thread: counts the bytes as pending, then enqueue()
  void enqueue(std::vector<uint8_t> bytes);  // network thread: bytes already counted
  void write_next();

  void sender_loop();
  bool serve(uint32_t id, Served& s);  // sender thread, mutex_ held; true when it did something

  asio::ip::tcp::socket socket_;
  asio::steady_timer deadline_;
  ServerShared& shared_;
  const int64_t id_;
  std::string peer_;
  bool loopback_ = false;
  uint32_t codecs_ = 0;  // allowed on this connection, after Hello
  bool welcomed_ = false;
  std::atomic<bool> closed_{false};  // also read by the loader thread
  bool opening_ = false;             // an Open is on the loader thread
  std::deque<Message> held_;         // messages that came meanwhile, handled once it is answered
  bool read_paused_ = false;         // held_ is full: the socket is read again once it drains

  uint8_t header_[kHeaderBytes] = {};
  std::vector<uint8_t> payload_;

  std::deque<std::vector<uint8_t>> writes_;  // network thread only
  bool writing_ = false;
  std::atomic<size_t> pending_bytes_{0};

  std::mutex mutex_;  // guards rollouts_ between the network and sender threads
  std::map<uint32_t, Served> rollouts_;
  std::atomic<bool> stop_{false};
  std::thread sender_;
};

}  // namespace wv::net
