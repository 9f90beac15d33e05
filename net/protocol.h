// net/protocol.h — the tethered-inference protocol's messages, their encoding and their parser
// (docs/protocol.md is the reference; keep the two in step).
//
//   std::vector<uint8_t> bytes = wv::net::encode(wv::net::Steer{.rollout = 1, .epoch = 2, .frame = 40, .text = "rain"});
//   auto header = wv::net::parse_header(first_5_bytes);        // type and payload size, checked
//   auto message = wv::net::parse_message(header->type, payload); // Result<Message>
//   if (!message) close_connection(message.error().message);     // a peer is never trusted
//
// Every message is a 5-byte header (u32 payload length, u8 type; little-endian) and a payload.
// parse_header refuses unknown types and payloads above the type's limit before anything is
// allocated; parse_message refuses truncated payloads, trailing bytes and values out of range.
// Pure functions: thread-safe, no I/O.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "wv/result.h"

namespace wv::net {

inline constexpr uint32_t kProtocolMagic = 0x50545657;  // "WVTP" as a little-endian u32
inline constexpr uint16_t kProtocolVersion = 1;
inline constexpr size_t kHeaderBytes = 5;
inline constexpr size_t kMaxControlPayload = 64 * 1024;  // every message but Frame
inline constexpr size_t kMaxFramePayload = 16 * 1024 * 1024 + 256;  // 2048x2048 RGBA raw + fields
inline constexpr size_t kMaxTextBytes = 4096;   // prompts, reasons
inline constexpr size_t kMaxNameBytes = 256;    // models, peers, stats names
inline constexpr size_t kMaxTokenBytes = 256;
inline constexpr size_t kMaxTrackEntries = 1024;
inline constexpr size_t kMaxListEntries = 256;  // models in Welcome, figures in Stats
inline constexpr int32_t kMaxFrameSide = 2048;
inline constexpr uint32_t kMaxWindow = 64;      // frames a client lets the server send ahead

// Codecs, as bits in Hello/Welcome and as values in Open/Branch/Frame.
enum class Codec : uint8_t { Raw = 1, H264 = 2 };
inline constexpr uint32_t codec_bit(Codec c) { return 1u << uint8_t(c); }

enum class MessageType : uint8_t {
  Hello = 1,
  Welcome = 2,
  Refused = 3,
  Open = 10,
  Opened = 11,
  Steer = 12,
  Branch = 13,
  SetPlaying = 14,
  Seek = 15,
  Close = 16,
  Consumed = 17,
  RequestKeyframe = 18,
  RolloutFailed = 19,
  Frame = 20,
  Shown = 21,
  StatsRequest = 30,
  Stats = 31,
};

struct PromptEntry {
  int64_t frame = 0;
  std::string text;
  bool operator==(const PromptEntry&) const = default;
};

struct SeedEntry {
  int64_t frame = 0;
  uint64_t seed = 0;
  bool operator==(const SeedEntry&) const = default;
};

// client -> server, first message.
struct Hello {
  uint32_t magic = kProtocolMagic;
  uint16_t min_version = kProtocolVersion;
  uint16_t max_version = kProtocolVersion;
  uint32_t codecs = 0;  // codec_bit()s the client can decode
  std::string token;    // empty: none
  std::string client_name;
  bool operator==(const Hello&) const = default;
};

// server -> client, when Hello was accepted.
struct Welcome {
  uint16_t version = kProtocolVersion;
  uint32_t codecs = 0;  // codec_bit()s this connection may use
  std::string server_name;
  std::vector<std::string> models;  // model ids Open may name
  bool operator==(const Welcome&) const = default;
};

// server -> client, then the server closes the connection.
struct Refused {
  std::string reason;
  bool operator==(const Refused&) const = default;
};

// client -> server: start (or resume) a rollout under a client-chosen id.
struct Open {
  uint32_t rollout = 0;
  std::string model;
  std::vector<PromptEntry> prompt_track;  // frames strictly increasing, the first at 0
  std::vector<SeedEntry> seed_track;      // frames strictly increasing, the first at 0
  int64_t start_frame = 0;                // first frame to send (resume: the next one missing)
  int64_t frame_count = -1;               // -1: endless
  uint32_t window = 4;                    // frames sent ahead of Consumed: 1..kMaxWindow
  Codec codec = Codec::Raw;
  bool playing = true;
  bool operator==(const Open&) const = default;
};

// server -> client: the rollout runs; its frames' size and rate, and its tracks (after a Branch,
// what the client needs to resume the branch with Open).
struct Opened {
  uint32_t rollout = 0;
  int32_t width = 0;
  int32_t height = 0;
  double fps = 0.0;
  int64_t frame_count = -1;
  std::vector<PromptEntry> prompt_track;
  std::vector<SeedEntry> seed_track;
  bool operator==(const Opened&) const = default;
};

// client -> server. `epoch` numbers the client's steers and seeks of a rollout; frames carry the
// epoch they were sent under so the client can drop frames made before its latest command.
struct Steer {
  uint32_t rollout = 0;
  uint32_t epoch = 0;
  int64_t frame = 0;
  std::string text;
  bool operator==(const Steer&) const = default;
};

struct Branch {
  uint32_t rollout = 0;
  uint32_t new_rollout = 0;
  int64_t frame = 0;
  std::optional<std::string> prompt;
  std::optional<uint64_t> seed;
  uint32_t window = 4;
  Codec codec = Codec::Raw;
  bool operator==(const Branch&) const = default;
};

struct SetPlaying {
  uint32_t rollout = 0;
  bool playing = true;
  bool operator==(const SetPlaying&) const = default;
};

struct Seek {
  uint32_t rollout = 0;
  uint32_t epoch = 0;
  int64_t frame = 0;
  bool operator==(const Seek&) const = default;
};

struct Close {
  uint32_t rollout = 0;
  bool operator==(const Close&) const = default;
};

// client -> server: frames of this rollout the client has taken off its queue or dropped, in
// total since Open. The server keeps (frames sent - consumed) <= window.
struct Consumed {
  uint32_t rollout = 0;
  uint64_t count = 0;
  bool operator==(const Consumed&) const = default;
};

struct RequestKeyframe {
  uint32_t rollout = 0;
  bool operator==(const RequestKeyframe&) const = default;
};

// server -> client: the rollout stopped for good (bad request, model failure).
struct RolloutFailed {
  uint32_t rollout = 0;
  std::string reason;
  bool operator==(const RolloutFailed&) const = default;
};

// Per-stage durations measured by the server for one frame, in microseconds.
struct ServerTimes {
  uint32_t inference_us = 0;  // from when the server could send (credit, steer) to the frame being ready
  uint32_t encode_us = 0;
  uint32_t queue_us = 0;      // from encoded to handed to the socket
  bool operator==(const ServerTimes&) const = default;
};

struct FrameMessage {
  uint32_t rollout = 0;
  uint32_t epoch = 0;
  int64_t index = 0;
  double pts_s = 0.0;
  Codec codec = Codec::Raw;
  bool keyframe = true;  // raw frames always are
  int32_t width = 0;
  int32_t height = 0;
  ServerTimes times;
  uint64_t sent_ns = 0;  // server's steady clock when handed to the socket (same-host comparisons only)
  std::vector<uint8_t> data;  // Raw: width*height*4 RGBA bytes, rows packed; H264: one Annex B access unit
  bool operator==(const FrameMessage&) const = default;
};

// client -> server: a frame of this rollout was shown; the client's stages of it, in microseconds,
// for the server's latency figures (Stats).
struct Shown {
  static constexpr uint32_t kNotMeasured = UINT32_MAX;  // network: the clocks are not comparable
  uint32_t rollout = 0;
  uint32_t network_us = kNotMeasured;  // sent -> received (same-host clocks only)
  uint32_t decode_us = 0;              // received -> in the panel's queue
  uint32_t display_us = 0;             // in the panel's queue -> shown
  bool operator==(const Shown&) const = default;
};

struct StatsRequest {
  bool operator==(const StatsRequest&) const = default;
};

struct StatFigure {
  std::string name;  // e.g. "clients", "frames_sent", "encode_ms_p95"
  double value = 0.0;
  bool operator==(const StatFigure&) const = default;
};

struct Stats {
  std::vector<StatFigure> figures;
  bool operator==(const Stats&) const = default;
};

using Message = std::variant<Hello, Welcome, Refused, Open, Opened, Steer, Branch, SetPlaying, Seek, Close, Consumed,
                             RequestKeyframe, RolloutFailed, FrameMessage, Shown, StatsRequest, Stats>;

struct Header {
  MessageType type = MessageType::Hello;
  uint32_t payload_bytes = 0;
};

// "Steer", "Frame", ...; "unknown" for values outside MessageType.
const char* message_name(MessageType type);
MessageType message_type(const Message& message);

// The header followed by the payload.
std::vector<uint8_t> encode(const Message& message);

// Fills in a Frame message already encoded by encode() with the time it waited for the socket
// and the moment it was handed over, without encoding it again (fixed offsets, see protocol.cpp).
void stamp_frame_send(std::vector<uint8_t>& encoded_frame, uint32_t queue_us, uint64_t sent_ns);

// Errors: unknown type; payload larger than the type allows ("oversized").
Result<Header> parse_header(std::span<const uint8_t, kHeaderBytes> bytes);

// Errors name the message and the reason: cut short, trailing bytes, a value out of range.
Result<Message> parse_message(MessageType type, std::span<const uint8_t> payload);

}  // namespace wv::net
