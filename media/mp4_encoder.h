// media/mp4_encoder.h — internal: the synchronous part of the Recorder. RGBA frames in, a
// fragmented H.264 MP4 out (libx264, BT.709 limited range). Not thread-safe; the Recorder's
// encoding thread is its only user. See recorder.h for the file's properties.
#pragma once

#include <cstdint>
#include <memory>

#include "media/recorder.h"
#include "wv/frame.h"
#include "wv/result.h"

namespace wv::media {

class Mp4Encoder {
 public:
  // Finds libx264, opens the file and writes the header (ftyp + empty moov).
  static Result<std::unique_ptr<Mp4Encoder>> open(const RecorderParams& params);

  // Closes the file without a trailer if finish() was not reached (after an error); the
  // fragments already written stay playable.
  ~Mp4Encoder();
  Mp4Encoder(const Mp4Encoder&) = delete;
  Mp4Encoder& operator=(const Mp4Encoder&) = delete;

  // Encodes one frame shown at pts (in 1/fps units, strictly increasing) and writes whatever
  // packets the encoder releases; each completed fragment is flushed to the file.
  Status encode(const Frame& frame, int64_t pts);

  // Drains the encoder, writes the trailer and closes the file.
  Status finish();

 private:
  struct State;
  explicit Mp4Encoder(std::unique_ptr<State> state);
  Status drain_packets();
  std::unique_ptr<State> s_;
};

}  // namespace wv::media
