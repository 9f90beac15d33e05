#include "net/protocol.h"

#include <type_traits>

#include "net/wire.h"

namespace wv::net {
namespace {

// [SECTION] writing -------------------------------------------------------------------------------

void put_prompts(WireWriter& w, const std::vector<PromptEntry>& track) {
  w.u32(uint32_t(track.size()));
  for (const PromptEntry& e : track) {
    w.i64(e.frame);
    w.str(e.text);
  }
}

void put_seeds(WireWriter& w, const std::vector<SeedEntry>& track) {
  w.u32(uint32_t(track.size()));
  for (const SeedEntry& e : track) {
    w.i64(e.frame);
    w.u64(e.seed);
  }
}

void put(WireWriter& w, const Hello& m) {
  w.u32(m.magic);
  w.u16(m.min_version);
  w.u16(m.max_version);
  w.u32(m.codecs);
  w.str(m.token);
  w.str(m.client_name);
}
void put(WireWriter& w, const Welcome& m) {
  w.u16(m.version);
  w.u32(m.codecs);
  w.str(m.server_name);
  w.u32(uint32_t(m.models.size()));
  for (const std::string& s : m.models) w.str(s);
}
void put(WireWriter& w, const Refused& m) { w.str(m.reason); }
void put(WireWriter& w, const Open& m) {
  w.u32(m.rollout);
  w.str(m.model);
  put_prompts(w, m.prompt_track);
  put_seeds(w, m.seed_track);
  w.i64(m.start_frame);
  w.i64(m.frame_count);
  w.u32(m.window);
  w.u8(uint8_t(m.codec));
  w.boolean(m.playing);
}
void put(WireWriter& w, const Opened& m) {
  w.u32(m.rollout);
  w.i32(m.width);
  w.i32(m.height);
  w.f64(m.fps);
  w.i64(m.frame_count);
  put_prompts(w, m.prompt_track);
  put_seeds(w, m.seed_track);
}
void put(WireWriter& w, const Steer& m) {
  w.u32(m.rollout);
  w.u32(m.epoch);
  w.i64(m.frame);
  w.str(m.text);
}
void put(WireWriter& w, const Branch& m) {
  w.u32(m.rollout);
  w.u32(m.new_rollout);
  w.i64(m.frame);
  w.boolean(m.prompt.has_value());
  if (m.prompt) w.str(*m.prompt);
  w.boolean(m.seed.has_value());
  if (m.seed) w.u64(*m.seed);
  w.u32(m.window);
  w.u8(uint8_t(m.codec));
}
void put(WireWriter& w, const SetPlaying& m) {
  w.u32(m.rollout);
  w.boolean(m.playing);
}
void put(WireWriter& w, const Seek& m) {
  w.u32(m.rollout);
  w.u32(m.epoch);
  w.i64(m.frame);
}
void put(WireWriter& w, const Close& m) { w.u32(m.rollout); }
void put(WireWriter& w, const Consumed& m) {
  w.u32(m.rollout);
  w.u64(m.count);
}
void put(WireWriter& w, const RequestKeyframe& m) { w.u32(m.rollout); }
void put(WireWriter& w, const RolloutFailed& m) {
  w.u32(m.rollout);
  w.str(m.reason);
}
void put(WireWriter& w, const FrameMessage& m) {
  w.u32(m.rollout);
  w.u32(m.epoch);
  w.i64(m.index);
  w.f64(m.pts_s);
  w.u8(uint8_t(m.codec));
  w.boolean(m.keyframe);
  w.i32(m.width);
  w.i32(m.height);
  w.u32(m.times.inference_us);
  w.u32(m.times.encode_us);
  w.u32(m.times.queue_us);
  w.u64(m.sent_ns);
  w.blob(m.data);
}
void put(WireWriter& w, const Shown& m) {
  w.u32(m.rollout);
  w.u32(m.network_us);
  w.u32(m.decode_us);
  w.u32(m.display_us);
}
void put(WireWriter&, const StatsRequest&) {}
void put(WireWriter& w, const Stats& m) {
  w.u32(uint32_t(m.figures.size()));
  for (const StatFigure& f : m.figures) {
    w.str(f.name);
    w.f64(f.value);
  }
}

// [SECTION] reading -------------------------------------------------------------------------------

bool get_count(WireReader& r, uint32_t& n, size_t max, const char* what) {
  if (!r.u32(n)) return false;
  if (n > max) return r.fail(std::string(what) + " has " + std::to_string(n) + " entries (at most " + std::to_string(max) + ")");
  return true;
}

bool get_prompts(WireReader& r, std::vector<PromptEntry>& track) {
  uint32_t n = 0;
  if (!get_count(r, n, kMaxTrackEntries, "the prompt track")) return false;
  if (n == 0) return r.fail("the prompt track is empty");
  for (uint32_t i = 0; i < n; ++i) {
    PromptEntry e;
    if (!r.i64(e.frame) || !r.str(e.text, kMaxTextBytes)) return false;
    if (e.text.empty()) return r.fail("prompt " + std::to_string(i) + " is empty");
    if (i == 0 ? e.frame != 0 : e.frame <= track.back().frame) {
      return r.fail("the prompt track's frames must start at 0 and increase (entry " + std::to_string(i) + " is at frame " +
                    std::to_string(e.frame) + ")");
    }
    track.push_back(std::move(e));
  }
  return true;
}

bool get_seeds(WireReader& r, std::vector<SeedEntry>& track) {
  uint32_t n = 0;
  if (!get_count(r, n, kMaxTrackEntries, "the seed track")) return false;
  if (n == 0) return r.fail("the seed track is empty");
  for (uint32_t i = 0; i < n; ++i) {
    SeedEntry e;
    if (!r.i64(e.frame) || !r.u64(e.seed)) return false;
    if (i == 0 ? e.frame != 0 : e.frame <= track.back().frame) {
      return r.fail("the seed track's frames must start at 0 and increase (entry " + std::to_string(i) + " is at frame " +
                    std::to_string(e.frame) + ")");
    }
    track.push_back(e);
  }
  return true;
}

bool get_codec(WireReader& r, Codec& c) {
  uint8_t v = 0;
  if (!r.u8(v)) return false;
  if (v != uint8_t(Codec::Raw) && v != uint8_t(Codec::H264)) return r.fail("unknown codec " + std::to_string(v));
  c = Codec(v);
  return true;
}

bool get_window(WireReader& r, uint32_t& window) {
  if (!r.u32(window)) return false;
  if (window < 1 || window > kMaxWindow) {
    return r.fail("window " + std::to_string(window) + " is outside 1.." + std::to_string(kMaxWindow));
  }
  return true;
}

bool get_frame_index(WireReader& r, int64_t& frame, const char* what) {
  if (!r.i64(frame)) return false;
  if (frame < 0) return r.fail(std::string(what) + " " + std::to_string(frame) + " is negative");
  return true;
}

bool get_frame_count(WireReader& r, int64_t& count) {
  if (!r.i64(count)) return false;
  if (count < -1 || count == 0) return r.fail("frame count " + std::to_string(count) + " is neither -1 (endless) nor positive");
  return true;
}

bool get(WireReader& r, Hello& m) {
  if (!r.u32(m.magic)) return false;
  if (m.magic != kProtocolMagic) return r.fail("not a worldview client (no \"WVTP\" magic)");
  if (!r.u16(m.min_version) || !r.u16(m.max_version) || !r.u32(m.codecs) || !r.str(m.token, kMaxTokenBytes) ||
      !r.str(m.client_name, kMaxNameBytes)) {
    return false;
  }
  if (m.min_version > m.max_version) return r.fail("its version range is empty");
  return true;
}
bool get(WireReader& r, Welcome& m) {
  uint32_t n = 0;
  if (!r.u16(m.version) || !r.u32(m.codecs) || !r.str(m.server_name, kMaxNameBytes) ||
      !get_count(r, n, kMaxListEntries, "the model list")) {
    return false;
  }
  m.models.resize(n);
  for (std::string& s : m.models) {
    if (!r.str(s, kMaxNameBytes)) return false;
  }
  return true;
}
bool get(WireReader& r, Refused& m) { return r.str(m.reason, kMaxTextBytes); }
bool get(WireReader& r, Open& m) {
  if (!r.u32(m.rollout) || !r.str(m.model, kMaxNameBytes) || !get_prompts(r, m.prompt_track) ||
      !get_seeds(r, m.seed_track) || !get_frame_index(r, m.start_frame, "start frame") || !get_frame_count(r, m.frame_count) ||
      !get_window(r, m.window) || !get_codec(r, m.codec) || !r.boolean(m.playing)) {
    return false;
  }
  if (m.frame_count > 0 && m.start_frame >= m.frame_count) return r.fail("the start frame is past the frame count");
  return true;
}
bool get(WireReader& r, Opened& m) {
  if (!r.u32(m.rollout) || !r.i32(m.width) || !r.i32(m.height) || !r.f64(m.fps) || !get_frame_count(r, m.frame_count) ||
      !get_prompts(r, m.prompt_track) || !get_seeds(r, m.seed_track)) {
    return false;
  }
  if (m.width < 1 || m.height < 1 || m.width > kMaxFrameSide || m.height > kMaxFrameSide) {
    return r.fail("frame size " + std::to_string(m.width) + "x" + std::to_string(m.height) + " is out of range");
  }
  if (m.fps <= 0.0 || m.fps > 1000.0) return r.fail("frame rate " + std::to_string(m.fps) + " is out of range");
  return true;
}
bool get(WireReader& r, Steer& m) {
  if (!r.u32(m.rollout) || !r.u32(m.epoch) || !get_frame_index(r, m.frame, "frame") || !r.str(m.text, kMaxTextBytes)) return false;
  if (m.text.empty()) return r.fail("the prompt is empty");
  return true;
}
bool get(WireReader& r, Branch& m) {
  bool has_prompt = false, has_seed = false;
  if (!r.u32(m.rollout) || !r.u32(m.new_rollout) || !get_frame_index(r, m.frame, "frame") || !r.boolean(has_prompt)) return false;
  if (has_prompt) {
    std::string text;
    if (!r.str(text, kMaxTextBytes)) return false;
    if (text.empty()) return r.fail("the prompt is empty");
    m.prompt = std::move(text);
  }
  if (!r.boolean(has_seed)) return false;
  if (has_seed) {
    uint64_t seed = 0;
    if (!r.u64(seed)) return false;
    m.seed = seed;
  }
  return get_window(r, m.window) && get_codec(r, m.codec);
}
bool get(WireReader& r, SetPlaying& m) { return r.u32(m.rollout) && r.boolean(m.playing); }
bool get(WireReader& r, Seek& m) { return r.u32(m.rollout) && r.u32(m.epoch) && get_frame_index(r, m.frame, "frame"); }
bool get(WireReader& r, Close& m) { return r.u32(m.rollout); }
bool get(WireReader& r, Consumed& m) { return r.u32(m.rollout) && r.u64(m.count); }
bool get(WireReader& r, RequestKeyframe& m) { return r.u32(m.rollout); }
bool get(WireReader& r, RolloutFailed& m) { return r.u32(m.rollout) && r.str(m.reason, kMaxTextBytes); }
bool get(WireReader& r, FrameMessage& m) {
  if (!r.u32(m.rollout) || !r.u32(m.epoch) || !get_frame_index(r, m.index, "frame index") || !r.f64(m.pts_s) ||
      !get_codec(r, m.codec) || !r.boolean(m.keyframe) || !r.i32(m.width) || !r.i32(m.height) ||
      !r.u32(m.times.inference_us) || !r.u32(m.times.encode_us) || !r.u32(m.times.queue_us) || !r.u64(m.sent_ns)) {
    return false;
  }
  if (m.width < 1 || m.height < 1 || m.width > kMaxFrameSide || m.height > kMaxFrameSide) {
    return r.fail("frame size " + std::to_string(m.width) + "x" + std::to_string(m.height) + " is out of range");
  }
  if (!r.blob(m.data, kMaxFramePayload)) return false;
  if (m.codec == Codec::Raw && m.data.size() != size_t(m.width) * size_t(m.height) * 4) {
    return r.fail("a raw " + std::to_string(m.width) + "x" + std::to_string(m.height) + " frame has " +
                  std::to_string(m.data.size()) + " bytes, not width*height*4");
  }
  if (m.codec == Codec::Raw && !m.keyframe) return r.fail("a raw frame is not marked as a keyframe");
  if (m.data.empty()) return r.fail("the frame has no data");
  return true;
}
bool get(WireReader& r, Shown& m) {
  return r.u32(m.rollout) && r.u32(m.network_us) && r.u32(m.decode_us) && r.u32(m.display_us);
}
bool get(WireReader&, StatsRequest&) { return true; }
bool get(WireReader& r, Stats& m) {
  uint32_t n = 0;
  if (!get_count(r, n, kMaxListEntries, "the figure list")) return false;
  m.figures.resize(n);
  for (StatFigure& f : m.figures) {
    if (!r.str(f.name, kMaxNameBytes) || !r.f64(f.value)) return false;
  }
  return true;
}

template <typename T>
Result<Message> parse_as(MessageType type, std::span<const uint8_t> payload) {
  WireReader r(payload);
  T m;
  if (get(r, m) && r.remaining() > 0) r.fail(std::to_string(r.remaining()) + " unexpected bytes at the end");
  if (r.failed()) return Error{std::string(message_name(type)) + " message: " + r.error()};
  return Message(std::move(m));
}

}  // namespace

const char* message_name(MessageType type) {
  switch (type) {
    case MessageType::Hello: return "Hello";
    case MessageType::Welcome: return "Welcome";
    case MessageType::Refused: return "Refused";
    case MessageType::Open: return "Open";
    case MessageType::Opened: return "Opened";
    case MessageType::Steer: return "Steer";
    case MessageType::Branch: return "Branch";
    case MessageType::SetPlaying: return "SetPlaying";
    case MessageType::Seek: return "Seek";
    case MessageType::Close: return "Close";
    case MessageType::Consumed: return "Consumed";
    case MessageType::RequestKeyframe: return "RequestKeyframe";
    case MessageType::RolloutFailed: return "RolloutFailed";
    case MessageType::Frame: return "Frame";
    case MessageType::Shown: return "Shown";
    case MessageType::StatsRequest: return "StatsRequest";
    case MessageType::Stats: return "Stats";
  }
  return "unknown";
}

MessageType message_type(const Message& message) {
  // The variant's alternatives are in the order of this table.
  static constexpr MessageType kTypes[] = {
      MessageType::Hello,      MessageType::Welcome,  MessageType::Refused,         MessageType::Open,
      MessageType::Opened,     MessageType::Steer,    MessageType::Branch,          MessageType::SetPlaying,
      MessageType::Seek,       MessageType::Close,    MessageType::Consumed,        MessageType::RequestKeyframe,
      MessageType::RolloutFailed, MessageType::Frame, MessageType::Shown,           MessageType::StatsRequest,
      MessageType::Stats};
  static_assert(std::size(kTypes) == std::variant_size_v<Message>);
  return kTypes[message.index()];
}

std::vector<uint8_t> encode(const Message& message) {
  WireWriter w;
  w.u32(0);  // payload length, filled in below
  w.u8(uint8_t(message_type(message)));
  std::visit([&](const auto& m) { put(w, m); }, message);
  std::vector<uint8_t>& bytes = w.bytes();
  const uint32_t payload = uint32_t(bytes.size() - kHeaderBytes);
  for (int i = 0; i < 4; ++i) bytes[size_t(i)] = uint8_t(payload >> (8 * i));
  return std::move(bytes);
}

void stamp_frame_send(std::vector<uint8_t>& encoded_frame, uint32_t queue_us, uint64_t sent_ns) {
  // Offsets of FrameMessage's fields as put() writes them: rollout 0, epoch 4, index 8, pts 16,
  // codec 24, keyframe 25, width 26, height 30, inference 34, encode 38, queue 42, sent_ns 46.
  constexpr size_t kQueue = kHeaderBytes + 42, kSent = kHeaderBytes + 46;
  WV_ASSERT(encoded_frame.size() >= kSent + 8 && encoded_frame[4] == uint8_t(MessageType::Frame));
  for (size_t i = 0; i < 4; ++i) encoded_frame[kQueue + i] = uint8_t(queue_us >> (8 * i));
  for (size_t i = 0; i < 8; ++i) encoded_frame[kSent + i] = uint8_t(sent_ns >> (8 * i));
}

Result<Header> parse_header(std::span<const uint8_t, kHeaderBytes> bytes) {
  Header h;
  h.payload_bytes = uint32_t(bytes[0]) | uint32_t(bytes[1]) << 8 | uint32_t(bytes[2]) << 16 | uint32_t(bytes[3]) << 24;
  h.type = MessageType(bytes[4]);
  if (std::string_view(message_name(h.type)) == "unknown") {
    return Error{"unknown message type " + std::to_string(bytes[4])};
  }
  const size_t limit = h.type == MessageType::Frame ? kMaxFramePayload : kMaxControlPayload;
  if (h.payload_bytes > limit) {
    return Error{std::string(message_name(h.type)) + " message: oversized: " + std::to_string(h.payload_bytes) +
                 " bytes (at most " + std::to_string(limit) + ")"};
  }
  return h;
}

Result<Message> parse_message(MessageType type, std::span<const uint8_t> payload) {
  switch (type) {
    case MessageType::Hello: return parse_as<Hello>(type, payload);
    case MessageType::Welcome: return parse_as<Welcome>(type, payload);
    case MessageType::Refused: return parse_as<Refused>(type, payload);
    case MessageType::Open: return parse_as<Open>(type, payload);
    case MessageType::Opened: return parse_as<Opened>(type, payload);
    case MessageType::Steer: return parse_as<Steer>(type, payload);
    case MessageType::Branch: return parse_as<Branch>(type, payload);
    case MessageType::SetPlaying: return parse_as<SetPlaying>(type, payload);
    case MessageType::Seek: return parse_as<Seek>(type, payload);
    case MessageType::Close: return parse_as<Close>(type, payload);
    case MessageType::Consumed: return parse_as<Consumed>(type, payload);
    case MessageType::RequestKeyframe: return parse_as<RequestKeyframe>(type, payload);
    case MessageType::RolloutFailed: return parse_as<RolloutFailed>(type, payload);
    case MessageType::Frame: return parse_as<FrameMessage>(type, payload);
    case MessageType::Shown: return parse_as<Shown>(type, payload);
    case MessageType::StatsRequest: return parse_as<StatsRequest>(type, payload);
    case MessageType::Stats: return parse_as<Stats>(type, payload);
  }
  return Error{"unknown message type " + std::to_string(int(type))};
}

}  // namespace wv::net
