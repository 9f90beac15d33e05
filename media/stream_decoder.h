// media/stream_decoder.h — decodes the access units of media/stream_encoder.h back to RGBA
// frames, one out per unit in (no reordering: the stream has no B-frames).
//
//   auto dec = wv::media::StreamDecoder::open();
//   auto frame = (*dec)->decode(packet_bytes, width, height, index, pts_s);  // Result<FramePtr>
//
// Hostile input: a damaged unit returns an error naming the reason; the caller drops frames
// until the next keyframe (and asks the sender for one). Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "wv/frame.h"
#include "wv/result.h"

namespace wv::media {

class StreamDecoder {
 public:
  static Result<std::unique_ptr<StreamDecoder>> open();
  ~StreamDecoder();
  StreamDecoder(const StreamDecoder&) = delete;
  StreamDecoder& operator=(const StreamDecoder&) = delete;

  // A frame of width x height (the picture is cropped from the coded size) with the given index
  // and pts. Errors: damaged data, no picture, a picture smaller than width x height.
  Result<FramePtr> decode(std::span<const uint8_t> unit, int32_t width, int32_t height, int64_t index, double pts_s);

  // Forgets reference pictures (before a stream restarts at a keyframe).
  void reset();

 private:
  struct State;
  explicit StreamDecoder(std::unique_ptr<State> state);
  std::unique_ptr<State> s_;
};

}  // namespace wv::media
