#include "media/stream_encoder.h"


extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include "media/ffmpeg_util.h"
#include "media/rgba_to_yuv.h"

namespace wv::media {

struct StreamEncoder::State {
  int32_t width = 0;
  int32_t height = 0;
  std::shared_ptr<Frame> padded;  // the coded (even) size, for frames of an odd size
  AVCodecContext* codec = nullptr;
  AVFrame* yuv = nullptr;
  AVPacket* packet = nullptr;
  SwsContext* sws = nullptr;
  int64_t next_pts = 0;

  ~State() {
    sws_freeContext(sws);
    av_packet_free(&packet);
    av_frame_free(&yuv);
    avcodec_free_context(&codec);
  }
};

namespace {

Error failed(const std::string& what, int code) { return Error{"H.264 stream encoder: " + what + " (" + av_error_text(code) + ")"}; }

}  // namespace

StreamEncoder::StreamEncoder(std::unique_ptr<State> state) : s_(std::move(state)) {}
StreamEncoder::~StreamEncoder() = default;

Result<std::unique_ptr<StreamEncoder>> StreamEncoder::open(const StreamEncoderParams& params) {
  WV_ASSERT(params.width > 0 && params.height > 0 && params.fps > 0 && params.gop_frames > 0);
  install_ffmpeg_log();
  const AVCodec* x264 = avcodec_find_encoder_by_name("libx264");
  if (!x264) return Error{"H.264 stream encoder: this FFmpeg has no libx264 encoder (install FFmpeg built with libx264)"};
  auto s = std::make_unique<State>();
  s->width = params.width;
  s->height = params.height;
  s->codec = avcodec_alloc_context3(x264);
  s->yuv = av_frame_alloc();
  s->packet = av_packet_alloc();
  if (!s->codec || !s->yuv || !s->packet) return failed("cannot allocate", AVERROR(ENOMEM));

  AVCodecContext* c = s->codec;
  c->width = (params.width + 1) & ~1;
  c->height = (params.height + 1) & ~1;
  c->pix_fmt = AV_PIX_FMT_YUV420P;
  c->time_base = AVRational{1, params.fps};
  c->framerate = AVRational{params.fps, 1};
  c->gop_size = params.gop_frames;
  c->max_b_frames = 0;
  c->thread_count = params.threads;
  c->color_primaries = AVCOL_PRI_BT709;
  c->color_trc = AVCOL_TRC_BT709;
  c->colorspace = AVCOL_SPC_BT709;
  c->color_range = AVCOL_RANGE_MPEG;
  if (params.max_kbps > 0) {
    c->rc_max_rate = int64_t(params.max_kbps) * 1000;
    c->rc_buffer_size = params.max_kbps * 1000;
  }
  av_opt_set(c->priv_data, "preset", params.preset.c_str(), 0);
  // zerolatency: no lookahead, no frame threads, no B-frames: each frame comes out as it goes in.
  av_opt_set(c->priv_data, "tune", "zerolatency", 0);
  av_opt_set_double(c->priv_data, "crf", double(params.crf), 0);
  if (int rc = avcodec_open2(c, x264, nullptr); rc < 0) {
    return failed("libx264 refused " + std::to_string(c->width) + "x" + std::to_string(c->height) + " preset \"" +
                      params.preset + "\"",
                  rc);
  }
  s->yuv->format = c->pix_fmt;
  s->yuv->width = c->width;
  s->yuv->height = c->height;
  if (int rc = av_frame_get_buffer(s->yuv, 0); rc < 0) return failed("cannot allocate a frame", rc);
  if (c->width != params.width || c->height != params.height) s->padded = make_frame(c->width, c->height, 0, 0.0);
  s->sws = make_rgba_to_yuv(c->width, c->height, c->width, c->height);
  if (!s->sws) return failed("cannot convert frames to YUV", AVERROR(EINVAL));
  return std::unique_ptr<StreamEncoder>(new StreamEncoder(std::move(s)));
}

Result<EncodedPacket> StreamEncoder::encode(const Frame& frame, bool force_keyframe) {
  WV_ASSERT(frame.width == s_->width && frame.height == s_->height && frame.format == PixelFormat::Rgba8Srgb);
  const Frame* src = &frame;
  if (s_->padded) {
    pad_to(frame, s_->padded.get());
    src = s_->padded.get();
  }
  if (int rc = av_frame_make_writable(s_->yuv); rc < 0) return failed("cannot allocate a frame", rc);
  const uint8_t* planes[1] = {src->pixels.data()};
  const int strides[1] = {src->stride_bytes};
  sws_scale(s_->sws, planes, strides, 0, src->height, s_->yuv->data, s_->yuv->linesize);
  s_->yuv->pts = s_->next_pts++;
  s_->yuv->pict_type = force_keyframe ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE;
  s_->yuv->key_frame = force_keyframe ? 1 : 0;
  if (int rc = avcodec_send_frame(s_->codec, s_->yuv); rc < 0) return failed("cannot encode frame " + std::to_string(frame.index), rc);
  EncodedPacket out;
  // zerolatency gives exactly one packet per frame; collect whatever there is to be safe.
  for (;;) {
    const int rc = avcodec_receive_packet(s_->codec, s_->packet);
    if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) break;
    if (rc < 0) return failed("libx264 failed", rc);
    out.data.insert(out.data.end(), s_->packet->data, s_->packet->data + s_->packet->size);
    out.keyframe = out.keyframe || (s_->packet->flags & AV_PKT_FLAG_KEY) != 0;
    av_packet_unref(s_->packet);
  }
  if (out.data.empty()) return Error{"H.264 stream encoder: no packet for frame " + std::to_string(frame.index) + " (is zerolatency in effect?)"};
  return out;
}

}  // namespace wv::media
