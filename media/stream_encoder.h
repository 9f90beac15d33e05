// media/stream_encoder.h — low-latency H.264 for live streams (tethered frames, docs/protocol.md):
// one RGBA frame in, one Annex B access unit out at once (libx264, zerolatency tuning, no
// B-frames, a long GOP, a keyframe whenever asked). Headers (SPS/PPS) repeat before each
// keyframe, so a decoder can start at any keyframe.
//
//   auto enc = wv::media::StreamEncoder::open({.width = 128, .height = 128, .fps = 24});
//   auto packet = (*enc)->encode(frame, /*force_keyframe=*/need_key);   // Result<EncodedPacket>
//   send(packet->data, packet->keyframe);
//
// Not thread-safe: one encoding thread per encoder. Odd sizes are padded to even ones (the
// decoder crops back).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "wv/frame.h"
#include "wv/result.h"

namespace wv::media {

struct StreamEncoderParams {
  int32_t width = 0;
  int32_t height = 0;
  int fps = 24;
  int gop_frames = 600;    // a keyframe at least this often; more only when asked (loss, new client)
  int crf = 23;            // quality (libx264 CRF); 0 lossless .. 51
  int max_kbps = 0;        // > 0: a VBV cap on the bit rate (one second's buffer)
  std::string preset = "ultrafast";
  int threads = 1;         // libx264 slice threads; frame threads would add frames of delay
};

struct EncodedPacket {
  std::vector<uint8_t> data;
  bool keyframe = false;
};

class StreamEncoder {
 public:
  static Result<std::unique_ptr<StreamEncoder>> open(const StreamEncoderParams& params);
  ~StreamEncoder();
  StreamEncoder(const StreamEncoder&) = delete;
  StreamEncoder& operator=(const StreamEncoder&) = delete;

  // `frame` must have the size the encoder was opened with.
  Result<EncodedPacket> encode(const Frame& frame, bool force_keyframe);

 private:
  struct State;
  explicit StreamEncoder(std::unique_ptr<State> state);
  std::unique_ptr<State> s_;
};

}  // namespace wv::media
