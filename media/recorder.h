// media/recorder.h — records wv::Frames to an H.264 MP4 file on its own encoding thread.
//
//   wv::media::RecorderParams params;
//   params.path = "session.mp4";
//   params.width = 1280;
//   params.height = 720;
//   wv::Result<std::unique_ptr<wv::media::Recorder>> rec = wv::media::Recorder::open(params);
//   if (!rec) { wv::log_error(rec.error().message); return; }
//   // offline export: every frame kept, blocks while the encoder is behind
//   if (wv::Status s = (*rec)->write(frame); !s) wv::log_error(s.error().message);
//   // live tap (render thread): never blocks, drops and counts when the encoder is behind
//   (*rec)->try_write(frame);
//   wv::Status done = (*rec)->finish();  // drains the queue, closes the file
//
// The file is a fragmented MP4 (empty moov, a fragment per keyframe, flushed to disk as each
// fragment completes), so a process killed mid-recording leaves a playable file holding every
// completed fragment (with the defaults: all but the last second or so).
//
// Pixels: frames are RGBA8 sRGB; alpha is ignored. They are converted with libswscale to
// YUV 4:2:0 with BT.709 coefficients, limited range, and the stream is tagged BT.709
// (primaries, transfer, matrix) and limited range. H.264 4:2:0 needs even sizes: an odd width
// or height is PADDED by one column or row repeating the edge pixels, so the file is
// (width + 1) & ~1 by (height + 1) & ~1 and the picture is complete in its top-left corner.
// A frame whose size differs from params.width × params.height is scaled to fill the file's
// (even) size: a resized window keeps recording; aspect is not kept.
//
// Threading: open() starts one encoding thread, owned by the Recorder. write() and try_write()
// may be called from any thread; finish() and the destructor from the owner only, after the
// writers stopped. Frames are shared, never copied: the Recorder holds a FramePtr until encoded.
// Errors (cannot open the file, disk full, encoder missing) name the file and the reason; after
// the first error the Recorder refuses further frames and finish() returns that error.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "wv/frame.h"
#include "wv/result.h"

namespace wv::media {

// How a frame's time in the file is chosen.
enum class RecorderTiming : uint8_t {
  FrameCount,  // the n-th accepted frame shows at n / fps: every frame plays (offline export)
  FramePts,    // Frame::pts_s relative to the first frame, rounded to the 1/fps grid; a frame
               // landing on an already used slot is dropped and counted (live taps)
};

struct RecorderParams {
  std::string path;                 // output file, usually *.mp4 (overwritten)
  int32_t width = 0;                // recording size in pixels, > 0 (odd sizes are padded)
  int32_t height = 0;
  int32_t fps = 30;                 // frames per second of the file, > 0
  int32_t crf = 20;                 // x264 constant quality: 0 lossless … 51; 18–23 look good
  std::string preset = "veryfast";  // x264 preset: ultrafast … veryslow (speed against size)
  int32_t gop_frames = 0;           // keyframe interval = fragment length; 0: fps (one second)
  int32_t encoder_threads = 0;      // x264 threads; 0: chosen from the core count
  int32_t queue_frames = 8;         // frames waiting for the encoder before write() blocks
  RecorderTiming timing = RecorderTiming::FrameCount;
};

class Recorder {
 public:
  // Opens the encoder and the file, writes the header and starts the encoding thread.
  static Result<std::unique_ptr<Recorder>> open(const RecorderParams& params);

  // Finishes if finish() was not called; an error is logged, not lost.
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // Queues a frame, blocking while the queue is full. Fails once the recorder has failed
  // (the first error) or finished.
  Status write(FramePtr frame);

  // Queues a frame if there is room; otherwise drops it, counts it and returns false.
  // Never blocks. Also false once the recorder has failed or finished.
  bool try_write(FramePtr frame);

  // Drains the queue, flushes the encoder, writes the trailer and closes the file.
  // Returns the first error of the whole recording, if any. Later calls return the same.
  Status finish();

  const RecorderParams& params() const;
  int64_t frames_encoded() const;  // frames handed to the encoder so far
  int64_t frames_dropped() const;  // refused by try_write (queue full) or by FramePts timing

 private:
  struct Impl;
  explicit Recorder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace wv::media
