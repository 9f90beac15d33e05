#include "net/server_connection.h"

#include <algorithm>

#include "net/endpoint.h"
#include "net/token.h"
#include "wv/log.h"

namespace wv::net {
namespace {

using Clock = std::chrono::steady_clock;

// Messages held while an Open is loading; past this the connection stops reading (TCP pushes
// back) until the Open is answered.
constexpr size_t kMaxHeld = 64;

uint32_t micros(Clock::duration d) {
  return uint32_t(std::clamp<int64_t>(std::chrono::duration_cast<std::chrono::microseconds>(d).count(), 0, UINT32_MAX));
}

uint64_t steady_ns() {
  return uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count());
}

// Messages a client may send; anything else is refused at its header, before its payload is read.
bool client_may_send(MessageType t) {
  switch (t) {
    case MessageType::Hello:
    case MessageType::Open:
    case MessageType::Steer:
    case MessageType::Branch:
    case MessageType::SetPlaying:
    case MessageType::Seek:
    case MessageType::Close:
    case MessageType::Consumed:
    case MessageType::RequestKeyframe:
    case MessageType::Shown:
    case MessageType::StatsRequest: return true;
    default: return false;
  }
}

// RGBA rows packed, as Raw frames carry them.
std::vector<uint8_t> packed_pixels(const Frame& f) {
  const size_t row = size_t(f.width) * 4;
  std::vector<uint8_t> out(row * size_t(f.height));
  for (int32_t y = 0; y < f.height; ++y) std::copy_n(f.row(y), row, out.data() + size_t(y) * row);
  return out;
}

}  // namespace

ServerConnection::ServerConnection(asio::ip::tcp::socket socket, ServerShared& shared, int64_t id)
    : socket_(std::move(socket)), deadline_(socket_.get_executor()), shared_(shared), id_(id) {
  std::error_code ec;
  const auto remote = socket_.remote_endpoint(ec);
  const Endpoint peer{ec ? std::string("?") : remote.address().to_string(), ec ? uint16_t(0) : remote.port()};
  peer_ = "client " + std::to_string(id_) + " (" + peer.to_string() + ")";
  loopback_ = !ec && remote.address().is_loopback();
  socket_.set_option(asio::ip::tcp::no_delay(true), ec);  // frames are latency-bound, not throughput-bound
  ++shared_.clients_now;
  ++shared_.clients_total;
}

ServerConnection::~ServerConnection() {
  stop_ = true;
  if (sender_.joinable()) sender_.join();
}

void ServerConnection::start() {
  arm_deadline(shared_.params.handshake_timeout, "no Hello");
  read_header();
  sender_ = std::thread([this] { sender_loop(); });
}

void ServerConnection::refuse(const std::string& reason) {
  ++shared_.refused;
  wv::log_warn("serve: " + peer_ + ": refused: " + reason);
  welcomed_ = false;  // write_next() closes once the refusal is written
  send(encode(Refused{reason}));
}

void ServerConnection::close(const std::string& reason) {
  if (closed_) return;
  closed_ = true;
  if (!reason.empty()) {
    ++shared_.protocol_errors;
    wv::log_warn("serve: " + peer_ + ": closing: " + reason);
  } else {
    wv::log_info("serve: " + peer_ + ": disconnected");
  }
  stop_ = true;
  if (sender_.joinable()) sender_.join();
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, s] : rollouts_) s.rollout->close();
    shared_.rollouts_open -= int64_t(rollouts_.size());
    rollouts_.clear();
  }
  held_.clear();
  std::error_code ec;
  deadline_.cancel();
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  socket_.close(ec);
  --shared_.clients_now;
}

void ServerConnection::arm_deadline(std::chrono::milliseconds after, const std::string& what) {
  deadline_.expires_after(after);
  auto self = shared_from_this();
  deadline_.async_wait([self, what, after](const std::error_code& ec) {
    if (ec || self->closed_) return;
    self->close(what + " within " + std::to_string(after.count()) + " ms");
  });
}

void ServerConnection::read_header() {
  auto self = shared_from_this();
  asio::async_read(socket_, asio::buffer(header_), [self](const std::error_code& ec, size_t n) {
    if (self->closed_) return;
    if (ec) {
      self->close(n > 0 ? "the connection ended inside a message header (" + std::to_string(n) + " of 5 bytes)" : "");
      return;
    }
    auto header = parse_header(std::span<const uint8_t, kHeaderBytes>(self->header_));
    if (!header) return self->close(header.error().message);
    if (!client_may_send(header->type)) {
      return self->close(std::string("a client may not send ") + message_name(header->type) + " messages");
    }
    if (!self->welcomed_ && header->type != MessageType::Hello) {
      return self->close(std::string("sent ") + message_name(header->type) + " before Hello");
    }
    self->payload_.resize(header->payload_bytes);
    self->read_payload(header->type);
  });
}

void ServerConnection::read_payload(MessageType type) {
  if (welcomed_) arm_deadline(shared_.params.message_timeout, std::string("the rest of a ") + message_name(type) + " message did not arrive");
  auto self = shared_from_this();
  asio::async_read(socket_, asio::buffer(payload_), [self, type](const std::error_code& ec, size_t n) {
    if (self->closed_) return;
    if (ec) {
      return self->close(std::string(message_name(type)) + " message: cut short: the connection ended after " +
                         std::to_string(n) + " of " + std::to_string(self->payload_.size()) + " bytes");
    }
    if (self->welcomed_) self->deadline_.cancel();
    auto message = parse_message(type, self->payload_);
    if (!message) return self->close(message.error().message);
    self->handle(std::move(*message));
    if (self->closed_) return;
    if (self->held_.size() >= kMaxHeld) self->read_paused_ = true;  // open_done() reads on
    else self->read_header();
  });
}

void ServerConnection::handle(Message message) {
  if (auto* m = std::get_if<Hello>(&message)) {
    if (welcomed_) return close("sent a second Hello");
    return on_hello(*m);
  }
  // While an Open is loading, what follows waits for its answer (it may name that rollout),
  // except what only feeds flow control and figures.
  if (opening_ && !std::holds_alternative<Consumed>(message) && !std::holds_alternative<RequestKeyframe>(message) &&
      !std::holds_alternative<Shown>(message) && !std::holds_alternative<StatsRequest>(message)) {
    held_.push_back(std::move(message));
    return;
  }
  if (auto* m = std::get_if<Open>(&message)) return on_open(*m);
  if (auto* m = std::get_if<Shown>(&message)) return on_shown(*m);
  if (auto* m = std::get_if<Branch>(&message)) return on_branch(*m);
  if (std::holds_alternative<StatsRequest>(message)) return on_stats();
  std::unique_lock lock(mutex_);
  if (auto* m = std::get_if<Steer>(&message)) {
    auto it = rollouts_.find(m->rollout);
    if (it == rollouts_.end()) return;  // closed meanwhile (the client learns from RolloutFailed/Close)
    if (Status s = it->second.rollout->steer(m->frame, m->text); !s) {
      lock.unlock();
      return fail_rollout(m->rollout, s.error().message);
    }
    it->second.epoch = m->epoch;
    it->second.need_keyframe = true;
    it->second.ready_since = Clock::now();  // steer to photon: the next frame's inference time starts here
  }
  if (auto* m = std::get_if<Seek>(&message)) {
    auto it = rollouts_.find(m->rollout);
    if (it == rollouts_.end()) return;
    if (Status s = it->second.rollout->source().seek(m->frame); !s) {
      lock.unlock();
      return fail_rollout(m->rollout, s.error().message);
    }
    it->second.epoch = m->epoch;
    it->second.need_keyframe = true;
    it->second.ready_since = Clock::now();
  }
  if (auto* m = std::get_if<SetPlaying>(&message)) {
    if (auto it = rollouts_.find(m->rollout); it != rollouts_.end()) it->second.rollout->source().set_playing(m->playing);
  }
  if (auto* m = std::get_if<Close>(&message)) {
    if (auto it = rollouts_.find(m->rollout); it != rollouts_.end()) {
      it->second.rollout->close();
      rollouts_.erase(it);
      --shared_.rollouts_open;
    }
  }
  if (auto* m = std::get_if<Consumed>(&message)) {
    if (auto it = rollouts_.find(m->rollout); it != rollouts_.end()) {
      if (m->count > it->second.sent) {
        lock.unlock();
        return close("Consumed message: rollout " + std::to_string(m->rollout) + " consumed " + std::to_string(m->count) +
                     " frames but was sent " + std::to_string(it->second.sent));
      }
      it->second.consumed = std::max(it->second.consumed, m->count);
    }
  }
  if (auto* m = std::get_if<RequestKeyframe>(&message)) {
    if (auto it = rollouts_.find(m->rollout); it != rollouts_.end()) it->second.need_keyframe = true;
  }
}

void ServerConnection::on_hello(const Hello& m) {
  if (m.max_version < kProtocolVersion || m.min_version > kProtocolVersion) {
    return refuse("protocol versions " + std::to_string(m.min_version) + ".." + std::to_string(m.max_version) +
                  " not supported (this server speaks " + std::to_string(kProtocolVersion) + ")");
  }
  const std::string& token = shared_.params.token;
  if (!token.empty() && !tokens_equal(m.token, token)) return refuse(m.token.empty() ? "a token is required" : "wrong token");
  uint32_t allowed = codec_bit(Codec::H264);
  if (loopback_ || shared_.params.raw_off_loopback) allowed |= codec_bit(Codec::Raw);
  codecs_ = m.codecs & allowed;
  if (codecs_ == 0) return refuse("no codec in common (raw frames only go to clients on this machine)");
  deadline_.cancel();
  welcomed_ = true;
  wv::log_info("serve: " + peer_ + ": \"" + m.client_name.substr(0, 64) + "\" connected");
  send(encode(Welcome{.version = kProtocolVersion, .codecs = codecs_, .server_name = shared_.params.name,
                      .models = shared_.host->models()}));
}

void ServerConnection::on_open(const Open& m) {
  const std::string where = "rollout " + std::to_string(m.rollout);
  {
    std::lock_guard lock(mutex_);
    if (rollouts_.count(m.rollout)) return close("Open message: " + where + " is already open");
  }
  if (!(codecs_ & codec_bit(m.codec))) return fail_rollout(m.rollout, "the codec was not agreed in Welcome");
  RolloutRequest request{.model = m.model,
                         .prompt_track = m.prompt_track,
                         .seed_track = m.seed_track,
                         .frame_count = m.frame_count,
                         .lookahead = 3,
                         .name = peer_ + " " + where};
  // A model may take seconds to load: the loader thread opens it while this thread serves every
  // connection. The work guard keeps the network thread running until the answer is handled.
  opening_ = true;
  auto work = asio::make_work_guard(socket_.get_executor());
  asio::post(shared_.loader, [self = shared_from_this(), m, request = std::move(request), work = std::move(work)]() mutable {
    Result<std::unique_ptr<HostedRollout>> rollout = Error{"the connection closed"};
    if (!self->closed_) rollout = self->shared_.host->open(request);
    if (rollout && m.start_frame > 0) {
      if (Status s = (*rollout)->source().seek(m.start_frame); !s) {
        (*rollout)->close();
        rollout = s.error();
      }
    }
    if (rollout) (*rollout)->source().set_playing(m.playing);
    auto network = work.get_executor();
    asio::post(network, [self = std::move(self), m = std::move(m), rollout = std::move(rollout), work = std::move(work)]() mutable {
      self->open_done(m, std::move(rollout));
    });
  });
}

void ServerConnection::open_done(const Open& m, Result<std::unique_ptr<HostedRollout>> rollout) {
  opening_ = false;
  if (closed_) {
    if (rollout) (*rollout)->close();
    return;
  }
  if (!rollout) {
    fail_rollout(m.rollout, rollout.error().message);
  } else {
    Served s;
    s.rollout = std::move(*rollout);
    s.window = m.window;
    s.codec = m.codec;
    opened(m.rollout, std::move(s));
  }
  // What came meanwhile, in order; another Open among it holds the rest again.
  while (!opening_ && !closed_ && !held_.empty()) {
    Message next = std::move(held_.front());
    held_.pop_front();
    handle(std::move(next));
  }
  if (read_paused_ && !closed_ && held_.size() < kMaxHeld) {
    read_paused_ = false;
    read_header();
  }
}

void ServerConnection::on_branch(const Branch& m) {
  std::unique_lock lock(mutex_);
  auto parent = rollouts_.find(m.rollout);
  if (parent == rollouts_.end()) {
    lock.unlock();
    return fail_rollout(m.new_rollout, "Branch of rollout " + std::to_string(m.rollout) + ", which is not open");
  }
  if (rollouts_.count(m.new_rollout)) {
    lock.unlock();
    return close("Branch message: rollout " + std::to_string(m.new_rollout) + " is already open");
  }
  auto branch = parent->second.rollout->branch(m.frame, m.prompt, m.seed, peer_ + " rollout " + std::to_string(m.new_rollout));
  lock.unlock();
  if (!(codecs_ & codec_bit(m.codec))) return fail_rollout(m.new_rollout, "the codec was not agreed in Welcome");
  if (!branch) return fail_rollout(m.new_rollout, branch.error().message);
  Served s;
  s.rollout = std::move(*branch);
  s.window = m.window;
  s.codec = m.codec;
  opened(m.new_rollout, std::move(s));
}

void ServerConnection::opened(uint32_t id, Served served) {
  const SourceInfo& info = served.rollout->source().info();
  RolloutTracks tracks = served.rollout->tracks();
  Opened reply{.rollout = id,
               .width = info.width,
               .height = info.height,
               .fps = info.fps,
               .frame_count = info.frame_count,
               .prompt_track = std::move(tracks.prompt_track),
               .seed_track = std::move(tracks.seed_track)};
  {
    std::lock_guard lock(mutex_);
    rollouts_.emplace(id, std::move(served));
    ++shared_.rollouts_open;
  }
  send(encode(reply));
}

void ServerConnection::fail_rollout(uint32_t id, const std::string& reason) {
  wv::log_warn("serve: " + peer_ + ": rollout " + std::to_string(id) + ": " + reason);
  {
    std::lock_guard lock(mutex_);
    if (auto it = rollouts_.find(id); it != rollouts_.end()) {
      it->second.rollout->close();
      rollouts_.erase(it);
      --shared_.rollouts_open;
    }
  }
  send(encode(RolloutFailed{id, reason.substr(0, kMaxTextBytes)}));
}

void ServerConnection::on_stats() {
  std::vector<StatFigure> figures = shared_.figures();
  if (figures.size() > kMaxListEntries) figures.resize(kMaxListEntries);
  send(encode(Stats{std::move(figures)}));
}

void ServerConnection::on_shown(const Shown& m) {
  // The client's stages of a frame it showed; its clock compares with ours on this machine only.
  if (loopback_ && m.network_us != Shown::kNotMeasured) shared_.stages.add(Stage::Network, m.network_us / 1000.0);
  shared_.stages.add(Stage::Decode, m.decode_us / 1000.0);
  shared_.stages.add(Stage::Display, m.display_us / 1000.0);
}

void ServerConnection::send(std::vector<uint8_t> bytes) {
  pending_bytes_ += bytes.size();
  enqueue(std::move(bytes));
}

void ServerConnection::enqueue(std::vector<uint8_t> bytes) {
  if (closed_) {
    pending_bytes_ -= bytes.size();
    return;
  }
  writes_.push_back(std::move(bytes));
  if (!writing_) write_next();
}

void ServerConnection::write_next() {
  if (writes_.empty() || closed_) {
    writing_ = false;
    return;
  }
  writing_ = true;
  std::vector<uint8_t>& bytes = writes_.front();
  if (bytes[4] == uint8_t(MessageType::Frame)) {
    // The sender wrote its encode-end time into sent_ns; the wait since then is the queue stage.
    uint64_t encoded_ns = 0;
    for (size_t i = 0; i < 8; ++i) encoded_ns |= uint64_t(bytes[kHeaderBytes + 46 + i]) << (8 * i);
    const uint64_t now = steady_ns();
    stamp_frame_send(bytes, uint32_t(std::min<uint64_t>((now - std::min(now, encoded_ns)) / 1000, UINT32_MAX)), now);
    shared_.stages.add(Stage::Queue, double(now - std::min(now, encoded_ns)) / 1e6);
  }
  auto self = shared_from_this();
  asio::async_write(socket_, asio::buffer(bytes), [self](const std::error_code& ec, size_t n) {
    self->pending_bytes_ -= self->writes_.front().size();
    self->shared_.bytes_sent += int64_t(n);
    self->writes_.pop_front();
    if (ec) {
      self->writes_.clear();
      self->writing_ = false;
      return self->close("");
    }
    if (!self->welcomed_ && self->writes_.empty()) {  // a refusal went out
      self->writing_ = false;
      return self->close("");
    }
    self->write_next();
  });
}

void ServerConnection::sender_loop() {
  while (!stop_) {
    bool worked = false;
    {
      std::lock_guard lock(mutex_);
      for (auto& [id, s] : rollouts_) worked = serve(id, s) || worked;
    }
    // Nothing ready: a short nap bounds the added latency to about a millisecond.
    if (!worked) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

bool ServerConnection::serve(uint32_t id, Served& s) {
  wv::FrameSource& source = s.rollout->source();
  source.pump();  // wakes the rollout's worker when its queue has room
  if (s.sent - s.consumed >= s.window) return false;
  const auto now = Clock::now();
  FramePtr frame = source.frames().try_pop();
  if (!frame) {
    if (!s.ready_since) s.ready_since = now;
    return false;
  }
  const uint32_t inference_us = s.ready_since ? micros(now - *s.ready_since) : 0;
  s.ready_since.reset();
  if (pending_bytes_ > shared_.params.max_pending_bytes) {
    // A slow reader: drop rather than queue without bound; it gets a keyframe when it catches up.
    ++shared_.frames_dropped;
    s.need_keyframe = true;
    return true;
  }
  FrameMessage m{.rollout = id,
                 .epoch = s.epoch,
                 .index = frame->index,
                 .pts_s = frame->pts_s,
                 .codec = s.codec,
                 .keyframe = true,
                 .width = frame->width,
                 .height = frame->height};
  const auto encode_start = Clock::now();
  if (s.codec == Codec::Raw) {
    m.data = packed_pixels(*frame);
  } else {
    if (!s.encoder) {
      const int fps = std::max(1, int(source.info().fps + 0.5));
      auto encoder = media::StreamEncoder::open({.width = frame->width,
                                                 .height = frame->height,
                                                 .fps = fps,
                                                 .crf = shared_.params.h264_crf,
                                                 .max_kbps = shared_.params.h264_max_kbps});
      if (!encoder) {
        wv::log_error("serve: " + peer_ + ": rollout " + std::to_string(id) + ": " + encoder.error().message);
        ++shared_.frames_dropped;
        return true;
      }
      s.encoder = std::move(*encoder);
      s.need_keyframe = true;
    }
    auto packet = s.encoder->encode(*frame, s.need_keyframe);
    if (!packet) {
      wv::log_error("serve: " + peer_ + ": rollout " + std::to_string(id) + ": " + packet.error().message);
      ++shared_.frames_dropped;
      s.need_keyframe = true;
      return true;
    }
    m.keyframe = packet->keyframe;
    m.data = std::move(packet->data);
  }
  s.need_keyframe = s.need_keyframe && !m.keyframe;
  const auto encoded = Clock::now();
  m.times.inference_us = inference_us;
  m.times.encode_us = micros(encoded - encode_start);
  m.sent_ns = steady_ns();  // the encode-end time until write_next() stamps the send time
  shared_.stages.add(Stage::Inference, inference_us / 1000.0);
  shared_.stages.add(Stage::Encode, m.times.encode_us / 1000.0);
  ++s.sent;
  ++shared_.frames_sent;
  std::vector<uint8_t> bytes = encode(m);
  pending_bytes_ += bytes.size();  // counted now, so the next frame sees it before the network thread does
  auto self = shared_from_this();
  asio::post(socket_.get_executor(), [self, bytes = std::move(bytes)]() mutable { self->enqueue(std::move(bytes)); });
  return true;
}

}  // namespace wv::net
