#include "net/client_core.h"

#include "net/remote_rollout.h"
#include "wv/log.h"

namespace wv::net {
namespace {

uint64_t steady_ns() {
  return uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

bool server_may_send(MessageType t) {
  switch (t) {
    case MessageType::Welcome:
    case MessageType::Refused:
    case MessageType::Opened:
    case MessageType::RolloutFailed:
    case MessageType::Frame:
    case MessageType::Stats: return true;
    default: return false;
  }
}

uint32_t offered_codecs(const ClientParams& p) {
  switch (p.codec) {
    case CodecChoice::Raw: return codec_bit(Codec::Raw);
    case CodecChoice::H264: return codec_bit(Codec::H264);
    case CodecChoice::Auto: break;
  }
  return codec_bit(Codec::H264) | (p.server.is_loopback() ? codec_bit(Codec::Raw) : 0u);
}

}  // namespace

ClientCore::ClientCore(ClientParams params)
    : params_(std::move(params)), where_("server " + params_.server.to_string()), backoff_(params_.backoff_min) {}

ClientCore::~ClientCore() { shutdown(); }

Status ClientCore::start() {
  WV_ASSERT(params_.window >= 1 && params_.window <= kMaxWindow);
  std::future<Status> welcome = first_welcome_.get_future();
  asio::post(io_, [this] { connect(); });
  thread_ = std::thread([this] {
    auto work = asio::make_work_guard(io_);  // stays up between connections
    io_.run();
  });
  if (welcome.wait_for(params_.timeout + std::chrono::seconds(1)) != std::future_status::ready) {
    return Error{where_ + ": no answer within " + std::to_string(params_.timeout.count()) + " ms"};
  }
  return welcome.get();
}

void ClientCore::shutdown() {
  if (!thread_.joinable()) return;
  asio::post(io_, [this] {
    stopping_ = true;
    lost("client closed");
    io_.stop();
  });
  thread_.join();
  std::lock_guard lock(mutex_);
  for (auto& [id, weak] : rollouts_) {
    if (auto r = weak.lock()) r->on_failed("the client was closed");
  }
  rollouts_.clear();
}

void ClientCore::connect() {
  const uint64_t generation = generation_;
  timer_.expires_after(params_.timeout);
  timer_.async_wait([this, generation](const std::error_code& ec) {
    if (!ec && generation == generation_ && !welcomed_) lost("no Welcome within " + std::to_string(params_.timeout.count()) + " ms");
  });
  resolver_.async_resolve(params_.server.host, std::to_string(params_.server.port),
                          [this, generation](const std::error_code& ec, asio::ip::tcp::resolver::results_type results) {
    if (generation != generation_) return;
    if (ec) return lost("cannot resolve (" + ec.message() + ")");
    asio::async_connect(socket_, results, [this, generation](const std::error_code& ec2, const asio::ip::tcp::endpoint&) {
      if (generation != generation_) return;
      if (ec2) return lost("cannot connect (" + ec2.message() + ")");
      std::error_code ignored;
      socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
      enqueue(encode(Hello{.codecs = offered_codecs(params_), .token = params_.token, .client_name = params_.name}));
      read_header(generation);
    });
  });
}

void ClientCore::lost(const std::string& reason) {
  ++generation_;
  const bool was_welcomed = welcomed_.exchange(false);
  std::error_code ec;
  socket_.close(ec);
  timer_.cancel();
  writes_.clear();
  writing_ = false;
  fail_requests(where_ + ": " + reason);
  if (!ever_welcomed_) {
    // The first connection: the caller of connect() hears why, nothing is retried.
    if (!stopping_) first_welcome_.set_value(Error{where_ + ": " + reason});
    ever_welcomed_ = true;  // the promise is spent
    stopping_ = true;
    return;
  }
  if (stopping_) return;
  if (was_welcomed) wv::log_warn("remote: " + where_ + ": connection lost (" + reason + "); reconnecting");
  timer_.expires_after(backoff_);
  backoff_ = std::min(backoff_ * 2, params_.backoff_max);
  timer_.async_wait([this](const std::error_code& ec2) {
    if (!ec2 && !stopping_) connect();
  });
}

void ClientCore::fail_requests(const std::string& reason) {
  std::lock_guard lock(mutex_);
  for (auto& [id, promise] : pending_opens_) promise.set_value(Error{reason});
  pending_opens_.clear();
  for (auto& promise : pending_stats_) promise.set_value(Error{reason});
  pending_stats_.clear();
}

void ClientCore::read_header(uint64_t generation) {
  asio::async_read(socket_, asio::buffer(header_), [this, generation](const std::error_code& ec, size_t) {
    if (generation != generation_) return;
    if (ec) return lost(ec == asio::error::eof ? "the server closed the connection" : ec.message());
    auto header = parse_header(std::span<const uint8_t, kHeaderBytes>(header_));
    if (!header) return lost(header.error().message);
    if (!server_may_send(header->type)) return lost(std::string("a server may not send ") + message_name(header->type) + " messages");
    payload_.resize(header->payload_bytes);
    read_payload(generation, header->type);
  });
}

void ClientCore::read_payload(uint64_t generation, MessageType type) {
  asio::async_read(socket_, asio::buffer(payload_), [this, generation, type](const std::error_code& ec, size_t n) {
    if (generation != generation_) return;
    if (ec) {
      return lost(std::string(message_name(type)) + " message: cut short after " + std::to_string(n) + " of " +
                  std::to_string(payload_.size()) + " bytes (" + ec.message() + ")");
    }
    const uint64_t arrival = steady_ns();
    auto message = parse_message(type, payload_);
    if (!message) return lost(message.error().message);
    if (auto* frame = std::get_if<FrameMessage>(&*message)) {
      std::shared_ptr<RemoteRollout> r;
      {
        std::lock_guard lock(mutex_);
        if (auto it = rollouts_.find(frame->rollout); it != rollouts_.end()) {
          r = it->second.lock();
        } else if (auto early = early_frames_.find(frame->rollout);
                   early != early_frames_.end() && early->second.size() < kMaxWindow) {
          early->second.emplace_back(std::move(*frame), arrival);
        }
      }
      if (r) r->on_frame(std::move(*frame), arrival);  // frames of rollouts closed meanwhile are dropped
    } else {
      dispatch(std::move(*message));
    }
    if (generation == generation_) read_header(generation);
  });
}

void ClientCore::dispatch(Message message) {
  if (auto* m = std::get_if<Welcome>(&message)) {
    if (welcomed_) return lost("sent a second Welcome");
    if (m->version != kProtocolVersion) return lost("answered with protocol version " + std::to_string(m->version));
    const uint32_t usable = m->codecs & offered_codecs(params_);
    if (usable == 0) return lost("agreed to no codec this client offered");
    codec_ = (usable & codec_bit(Codec::Raw)) ? Codec::Raw : Codec::H264;
    timer_.cancel();
    backoff_ = params_.backoff_min;
    {
      std::lock_guard lock(mutex_);
      models_ = m->models;
      server_name_ = m->server_name;
    }
    welcomed_ = true;
    if (!ever_welcomed_) {
      ever_welcomed_ = true;
      first_welcome_.set_value(Status::success());
      return;
    }
    ++reconnects_;
    std::vector<std::shared_ptr<RemoteRollout>> resume;
    {
      std::lock_guard lock(mutex_);
      for (auto& [id, weak] : rollouts_) {
        if (auto r = weak.lock()) resume.push_back(r);
      }
    }
    wv::log_info("remote: " + where_ + ": reconnected; resuming " + std::to_string(resume.size()) + " rollout(s)");
    for (auto& r : resume) enqueue(encode(r->resume_open()));
    return;
  }
  if (auto* m = std::get_if<Refused>(&message)) {
    const std::string reason = "refused: " + m->reason;
    if (ever_welcomed_) {
      // A refusal after a reconnect will not change by retrying: the rollouts fail with it.
      stopping_ = true;
      std::lock_guard lock(mutex_);
      for (auto& [id, weak] : rollouts_) {
        if (auto r = weak.lock()) r->on_failed(where_ + " " + reason);
      }
    }
    return lost(reason);
  }
  if (!welcomed_) return lost(std::string("sent ") + message_name(message_type(message)) + " before Welcome");
  if (auto* m = std::get_if<Opened>(&message)) {
    std::lock_guard lock(mutex_);
    if (auto it = pending_opens_.find(m->rollout); it != pending_opens_.end()) {
      early_frames_[m->rollout];  // frames may come before add()
      it->second.set_value(std::move(*m));
      pending_opens_.erase(it);
    }  // else a resumed rollout: its size and rate are known already
    return;
  }
  if (auto* m = std::get_if<RolloutFailed>(&message)) {
    std::shared_ptr<RemoteRollout> r;
    {
      std::lock_guard lock(mutex_);
      if (auto it = pending_opens_.find(m->rollout); it != pending_opens_.end()) {
        it->second.set_value(Error{where_ + ": " + m->reason});
        pending_opens_.erase(it);
        return;
      }
      if (auto it = rollouts_.find(m->rollout); it != rollouts_.end()) r = it->second.lock();
    }
    if (r) r->on_failed(where_ + ": " + m->reason);
    return;
  }
  if (auto* m = std::get_if<Stats>(&message)) {
    std::lock_guard lock(mutex_);
    if (pending_stats_.empty()) return lost("sent Stats that were not asked for");
    pending_stats_.front().set_value(std::move(m->figures));
    pending_stats_.pop_front();
  }
}

void ClientCore::enqueue(std::vector<uint8_t> bytes) {
  writes_.push_back(std::move(bytes));
  if (!writing_) write_next();
}

void ClientCore::write_next() {
  if (writes_.empty()) {
    writing_ = false;
    return;
  }
  writing_ = true;
  const uint64_t generation = generation_;
  asio::async_write(socket_, asio::buffer(writes_.front()), [this, generation](const std::error_code& ec, size_t) {
    if (generation != generation_) return;
    writes_.pop_front();
    if (ec) return lost(ec.message());
    write_next();
  });
}

void ClientCore::send(const Message& message) {
  auto bytes = std::make_shared<std::vector<uint8_t>>(encode(message));
  asio::post(io_, [this, bytes] {
    if (welcomed_) enqueue(std::move(*bytes));
  });
}

Result<Opened> ClientCore::wait_for(uint32_t id, std::vector<uint8_t> request) {
  std::future<Result<Opened>> answer;
  {
    std::lock_guard lock(mutex_);
    if (!welcomed_) return Error{where_ + ": not connected"};
    answer = pending_opens_[id].get_future();
  }
  auto bytes = std::make_shared<std::vector<uint8_t>>(std::move(request));
  asio::post(io_, [this, bytes] {
    if (welcomed_) enqueue(std::move(*bytes));
  });
  if (answer.wait_for(params_.timeout) != std::future_status::ready) {
    std::lock_guard lock(mutex_);
    pending_opens_.erase(id);
    return Error{where_ + ": rollout " + std::to_string(id) + ": no answer within " + std::to_string(params_.timeout.count()) + " ms"};
  }
  return answer.get();
}

Result<Opened> ClientCore::request_open(const Open& open) { return wait_for(open.rollout, encode(open)); }
Result<Opened> ClientCore::request_branch(const Branch& branch) { return wait_for(branch.new_rollout, encode(branch)); }

Result<std::vector<StatFigure>> ClientCore::request_stats() {
  std::future<Result<std::vector<StatFigure>>> answer;
  {
    std::lock_guard lock(mutex_);
    if (!welcomed_) return Error{where_ + ": not connected"};
    pending_stats_.emplace_back();
    answer = pending_stats_.back().get_future();
  }
  send(StatsRequest{});
  if (answer.wait_for(params_.timeout) != std::future_status::ready) {
    return Error{where_ + ": no Stats within " + std::to_string(params_.timeout.count()) + " ms"};
  }
  return answer.get();
}

void ClientCore::add(const std::shared_ptr<RemoteRollout>& rollout) {
  std::lock_guard lock(mutex_);
  rollouts_[rollout->id()] = rollout;
  // Under the lock: the network thread finds the rollout only after these are in its inbox.
  if (auto early = early_frames_.find(rollout->id()); early != early_frames_.end()) {
    for (auto& [frame, arrival] : early->second) rollout->on_frame(std::move(frame), arrival);
    early_frames_.erase(early);
  }
}

void ClientCore::remove(uint32_t id) {
  std::lock_guard lock(mutex_);
  rollouts_.erase(id);
  early_frames_.erase(id);
}

std::vector<std::string> ClientCore::models() const {
  std::lock_guard lock(mutex_);
  return models_;
}

std::string ClientCore::server_name() const {
  std::lock_guard lock(mutex_);
  return server_name_;
}

}  // namespace wv::net
