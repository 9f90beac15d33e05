#include "media/stream_decoder.h"

#include <algorithm>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libswscale/swscale.h>
}

#include "media/ffmpeg_util.h"

namespace wv::media {

struct StreamDecoder::State {
  AVCodecContext* codec = nullptr;
  AVFrame* picture = nullptr;
  AVPacket* packet = nullptr;
  SwsContext* sws = nullptr;
  int sws_width = 0;
  int sws_height = 0;

  ~State() {
    sws_freeContext(sws);
    av_packet_free(&packet);
    av_frame_free(&picture);
    avcodec_free_context(&codec);
  }
};

namespace {

Error failed(const std::string& what, int code) { return Error{"H.264 stream decoder: " + what + " (" + av_error_text(code) + ")"}; }

}  // namespace

StreamDecoder::StreamDecoder(std::unique_ptr<State> state) : s_(std::move(state)) {}
StreamDecoder::~StreamDecoder() = default;

Result<std::unique_ptr<StreamDecoder>> StreamDecoder::open() {
  install_ffmpeg_log();
  const AVCodec* h264 = avcodec_find_decoder(AV_CODEC_ID_H264);
  if (!h264) return Error{"H.264 stream decoder: this FFmpeg has no H.264 decoder"};
  auto s = std::make_unique<State>();
  s->codec = avcodec_alloc_context3(h264);
  s->picture = av_frame_alloc();
  s->packet = av_packet_alloc();
  if (!s->codec || !s->picture || !s->packet) return failed("cannot allocate", AVERROR(ENOMEM));
  // One thread and low delay: a picture comes out for each unit that goes in.
  s->codec->thread_count = 1;
  s->codec->flags |= AV_CODEC_FLAG_LOW_DELAY;
  if (int rc = avcodec_open2(s->codec, h264, nullptr); rc < 0) return failed("cannot open", rc);
  return std::unique_ptr<StreamDecoder>(new StreamDecoder(std::move(s)));
}

void StreamDecoder::reset() { avcodec_flush_buffers(s_->codec); }

Result<FramePtr> StreamDecoder::decode(std::span<const uint8_t> unit, int32_t width, int32_t height, int64_t index,
                                       double pts_s) {
  WV_ASSERT(width > 0 && height > 0);
  if (unit.empty()) return Error{"H.264 stream decoder: frame " + std::to_string(index) + " is empty"};
  // The decoder reads up to AV_INPUT_BUFFER_PADDING_SIZE bytes past the end: copy into a padded packet.
  if (int rc = av_new_packet(s_->packet, int(unit.size())); rc < 0) return failed("cannot allocate", rc);
  std::copy(unit.begin(), unit.end(), s_->packet->data);
  const int sent = avcodec_send_packet(s_->codec, s_->packet);
  av_packet_unref(s_->packet);
  if (sent < 0) return failed("frame " + std::to_string(index) + " is damaged", sent);
  const int got = avcodec_receive_frame(s_->codec, s_->picture);
  if (got < 0) return failed("frame " + std::to_string(index) + " gave no picture", got);
  AVFrame* p = s_->picture;
  if (p->format != AV_PIX_FMT_YUV420P && p->format != AV_PIX_FMT_YUVJ420P) {
    av_frame_unref(p);
    return Error{"H.264 stream decoder: frame " + std::to_string(index) + " is not YUV 4:2:0"};
  }
  if (p->width < width || p->height < height) {
    const std::string size = std::to_string(p->width) + "x" + std::to_string(p->height);
    av_frame_unref(p);
    return Error{"H.264 stream decoder: frame " + std::to_string(index) + " is " + size + ", smaller than announced"};
  }
  if (!s_->sws || s_->sws_width != width || s_->sws_height != height) {
    sws_freeContext(s_->sws);
    // Accurate rounding keeps swscale off a SIMD path that leaves row ends unwritten (FFmpeg 5.1).
    s_->sws = sws_getContext(width, height, AV_PIX_FMT_YUV420P, width, height, AV_PIX_FMT_RGBA,
                             SWS_BILINEAR | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nullptr, nullptr, nullptr);
    if (!s_->sws) {
      av_frame_unref(p);
      return failed("cannot convert pictures to RGBA", AVERROR(EINVAL));
    }
    const int* bt709 = sws_getCoefficients(SWS_CS_ITU709);
    sws_setColorspaceDetails(s_->sws, bt709, /*srcRange=*/0, sws_getCoefficients(SWS_CS_DEFAULT), /*dstRange=*/1, 0, 1 << 16,
                             1 << 16);
    s_->sws_width = width;
    s_->sws_height = height;
  }
  auto frame = make_frame(width, height, index, pts_s);
  uint8_t* dst[1] = {frame->pixels.data()};
  const int dst_stride[1] = {frame->stride_bytes};
  sws_scale(s_->sws, p->data, p->linesize, 0, height, dst, dst_stride);
  av_frame_unref(p);
  // Panels are opaque: set alpha explicitly rather than trust the converter's fill.
  for (size_t i = 3; i < frame->byte_size(); i += 4) frame->pixels[i] = 255;
  return FramePtr(std::move(frame));
}

}  // namespace wv::media
