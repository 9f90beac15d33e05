// net/client_core.h — internal: the client's connection, shared by Client and its RemoteRollouts.
// Every socket operation runs on its network thread; public methods post to it.
#pragma once

#include <asio.hpp>

#include <atomic>
#include <deque>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "net/client.h"
#include "net/protocol.h"

namespace wv::net {

class ClientCore : public std::enable_shared_from_this<ClientCore> {
 public:
  explicit ClientCore(ClientParams params);
  ~ClientCore();

  // Starts the network thread and waits for Welcome (or the reason there is none).
  Status start();
  // Closes the connection for good and joins the network thread; open rollouts fail.
  void shutdown();

  // Sent when connected; dropped otherwise (a resume re-opens rollouts with their state).
  void send(const Message& message);
  Result<Opened> request_open(const Open& open);
  Result<Opened> request_branch(const Branch& branch);
  Result<std::vector<StatFigure>> request_stats();

  uint32_t next_rollout_id() { return next_id_++; }
  void add(const std::shared_ptr<RemoteRollout>& rollout);
  void remove(uint32_t id);

  const ClientParams& params() const { return params_; }
  Codec codec() const { return codec_; }
  std::vector<std::string> models() const;
  std::string server_name() const;
  bool connected() const { return welcomed_; }
  int64_t reconnects() const { return reconnects_; }

 private:
  using Clock = std::chrono::steady_clock;

  // Network thread:
  void connect();
  void read_header(uint64_t generation);
  void read_payload(uint64_t generation, MessageType type);
  void dispatch(Message message);
  void write_next();
  void enqueue(std::vector<uint8_t> bytes);
  void lost(const std::string& reason);  // drop the socket; retry unless stopped or never welcomed
  void fail_requests(const std::string& reason);
  Result<Opened> wait_for(uint32_t id, std::vector<uint8_t> request);

  const ClientParams params_;
  const std::string where_;  // "server 127.0.0.1:7420"
  asio::io_context io_;
  asio::ip::tcp::socket socket_{io_};
  asio::ip::tcp::resolver resolver_{io_};
  asio::steady_timer timer_{io_};  // handshake deadline and reconnect backoff
  std::thread thread_;
  uint64_t generation_ = 0;  // bumped when a socket is dropped; old handlers see it and stop
  std::chrono::milliseconds backoff_;
  bool ever_welcomed_ = false;
  bool stopping_ = false;
  uint8_t header_[kHeaderBytes] = {};
  std::vector<uint8_t> payload_;
  std::deque<std::vector<uint8_t>> writes_;
  bool writing_ = false;

  std::promise<Status> first_welcome_;
  std::atomic<bool> welcomed_{false};
  std::atomic<int64_t> reconnects_{0};
  std::atomic<uint32_t> next_id_{1};
  Codec codec_ = Codec::Raw;

  mutable std::mutex mutex_;  // guards what follows (network thread and callers)
  std::vector<std::string> models_;
  std::string server_name_;
  std::map<uint32_t, std::weak_ptr<RemoteRollout>> rollouts_;
  std::map<uint32_t, std::promise<Result<Opened>>> pending_opens_;
  // Frames of rollouts answered with Opened whose RemoteRollout is not added yet (the server
  // sends frames right after Opened): add() hands them over, in order, before any later one.
  std::map<uint32_t, std::vector<std::pair<FrameMessage, uint64_t>>> early_frames_;  // with arrival ns
  std::deque<std::promise<Result<std::vector<StatFigure>>>> pending_stats_;
};

}  // namespace wv::net
