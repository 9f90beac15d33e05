#include "media/mp4_encoder.h"

#include <string>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include "media/ffmpeg_util.h"
#include "media/rgba_to_yuv.h"

namespace wv::media {

struct Mp4Encoder::State {
  std::string path;
  int32_t width = 0;  // picture size the caller asked for
  int32_t height = 0;
  std::shared_ptr<Frame> padded;  // the coded (even) size, for frames of an odd size
  AVFormatContext* format = nullptr;
  AVCodecContext* codec = nullptr;
  AVStream* stream = nullptr;
  AVFrame* yuv = nullptr;
  AVPacket* packet = nullptr;
  SwsContext* sws = nullptr;
  int32_t sws_src_width = 0;  // source size sws was made for
  int32_t sws_src_height = 0;
  bool finished = false;

  ~State() {
    sws_freeContext(sws);
    av_packet_free(&packet);
    av_frame_free(&yuv);
    avcodec_free_context(&codec);
    if (format) {
      if (format->pb) avio_closep(&format->pb);
      avformat_free_context(format);
    }
  }

  Error error(const std::string& what, int code) const {
    return Error{path + ": " + what + " (" + av_error_text(code) + ")"};
  }
};

namespace {

int32_t round_up_even(int32_t n) { return (n + 1) & ~1; }

}  // namespace

Mp4Encoder::Mp4Encoder(std::unique_ptr<State> state) : s_(std::move(state)) {}
Mp4Encoder::~Mp4Encoder() = default;

Result<std::unique_ptr<Mp4Encoder>> Mp4Encoder::open(const RecorderParams& params) {
  WV_ASSERT(params.width > 0 && params.height > 0 && params.fps > 0);
  WV_ASSERT(params.crf >= 0 && params.crf <= 51 && params.gop_frames >= 0);
  install_ffmpeg_log();
  auto s = std::make_unique<State>();
  s->path = params.path;
  s->width = params.width;
  s->height = params.height;

  const AVCodec* x264 = avcodec_find_encoder_by_name("libx264");
  if (!x264) {
    return Error{params.path + ": cannot record: this FFmpeg has no libx264 encoder"
                               " (install FFmpeg built with libx264)"};
  }
  if (int rc = avformat_alloc_output_context2(&s->format, nullptr, "mp4", params.path.c_str());
      rc < 0) {
    return s->error("cannot set up the MP4 muxer", rc);
  }
  s->stream = avformat_new_stream(s->format, nullptr);
  s->codec = avcodec_alloc_context3(x264);
  s->yuv = av_frame_alloc();
  s->packet = av_packet_alloc();
  if (!s->stream || !s->codec || !s->yuv || !s->packet) {
    return s->error("cannot set up the encoder", AVERROR(ENOMEM));
  }

  AVCodecContext* c = s->codec;
  c->width = round_up_even(params.width);
  c->height = round_up_even(params.height);
  c->pix_fmt = AV_PIX_FMT_YUV420P;
  c->time_base = AVRational{1, params.fps};
  c->framerate = AVRational{params.fps, 1};
  c->sample_aspect_ratio = AVRational{1, 1};
  c->gop_size = params.gop_frames > 0 ? params.gop_frames : params.fps;
  c->thread_count = params.encoder_threads;
  c->color_primaries = AVCOL_PRI_BT709;
  // sRGB and BT.709 share primaries; BT.709 is the transfer tag players honour for SDR video.
  c->color_trc = AVCOL_TRC_BT709;
  c->colorspace = AVCOL_SPC_BT709;
  c->color_range = AVCOL_RANGE_MPEG;
  if (s->format->oformat->flags & AVFMT_GLOBALHEADER) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  av_opt_set(c->priv_data, "preset", params.preset.c_str(), 0);
  av_opt_set_double(c->priv_data, "crf", double(params.crf), 0);
  if (int rc = avcodec_open2(c, x264, nullptr); rc < 0) {
    return s->error("libx264 refused the settings (preset \"" + params.preset + "\", crf " +
                        std::to_string(params.crf) + ", " + std::to_string(c->width) + "x" +
                        std::to_string(c->height) + ")",
                    rc);
  }
  if (int rc = avcodec_parameters_from_context(s->stream->codecpar, c); rc < 0) {
    return s->error("cannot set up the video stream", rc);
  }
  s->stream->time_base = c->time_base;
  s->stream->avg_frame_rate = c->framerate;

  s->yuv->format = c->pix_fmt;
  s->yuv->width = c->width;
  s->yuv->height = c->height;
  s->yuv->color_primaries = c->color_primaries;
  s->yuv->color_trc = c->color_trc;
  s->yuv->colorspace = c->colorspace;
  s->yuv->color_range = c->color_range;
  if (int rc = av_frame_get_buffer(s->yuv, 0); rc < 0) {
    return s->error("cannot allocate a frame", rc);
  }
  if (c->width != params.width || c->height != params.height) {
    s->padded = make_frame(c->width, c->height, 0, 0.0);
  }

  if (int rc = avio_open(&s->format->pb, params.path.c_str(), AVIO_FLAG_WRITE); rc < 0) {
    return s->error("cannot open for writing", rc);
  }
  // Fragmented MP4: the header is complete up front and each keyframe starts a self-contained
  // fragment, so a killed process leaves a playable file.
  AVDictionary* mux_options = nullptr;
  av_dict_set(&mux_options, "movflags", "empty_moov+frag_keyframe+default_base_moof", 0);
  const int rc = avformat_write_header(s->format, &mux_options);
  av_dict_free(&mux_options);
  if (rc < 0) return s->error("cannot write the MP4 header", rc);
  avio_flush(s->format->pb);
  if (s->format->pb->error < 0) return s->error("cannot write", s->format->pb->error);
  return std::unique_ptr<Mp4Encoder>(new Mp4Encoder(std::move(s)));
}

Status Mp4Encoder::encode(const Frame& frame, int64_t pts) {
  WV_ASSERT(!s_->finished && frame.format == PixelFormat::Rgba8Srgb);
  WV_ASSERT(frame.width > 0 && frame.height > 0 && frame.byte_size() <= frame.pixels.size());
  const Frame* src = &frame;
  if (frame.width == s_->width && frame.height == s_->height && s_->padded) {
    pad_to(frame, s_->padded.get());
    src = s_->padded.get();
  }
  if (!s_->sws || s_->sws_src_width != src->width || s_->sws_src_height != src->height) {
    sws_freeContext(s_->sws);
    s_->sws = make_rgba_to_yuv(src->width, src->height, s_->yuv->width, s_->yuv->height);
    if (!s_->sws) return s_->error("cannot convert frames to YUV", AVERROR(EINVAL));
    s_->sws_src_width = src->width;
    s_->sws_src_height = src->height;
  }
  // The encoder may still reference the previous picture; get a fresh buffer if so.
  if (int rc = av_frame_make_writable(s_->yuv); rc < 0) {
    return s_->error("cannot allocate a frame", rc);
  }
  const uint8_t* src_planes[1] = {src->pixels.data()};
  const int src_strides[1] = {src->stride_bytes};
  sws_scale(s_->sws, src_planes, src_strides, 0, src->height, s_->yuv->data, s_->yuv->linesize);
  s_->yuv->pts = pts;
  if (int rc = avcodec_send_frame(s_->codec, s_->yuv); rc < 0) {
    return s_->error("libx264 cannot encode frame " + std::to_string(frame.index), rc);
  }
  return drain_packets();
}

Status Mp4Encoder::drain_packets() {
  for (;;) {
    int rc = avcodec_receive_packet(s_->codec, s_->packet);
    if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return {};
    if (rc < 0) return s_->error("libx264 failed", rc);
    av_packet_rescale_ts(s_->packet, s_->codec->time_base, s_->stream->time_base);
    s_->packet->stream_index = s_->stream->index;
    rc = av_interleaved_write_frame(s_->format, s_->packet);  // takes the packet's data
    if (rc < 0) return s_->error("cannot write", rc);
    // The muxer hands over a fragment when a keyframe starts the next one; push it to the disk
    // now rather than when the IO buffer fills.
    avio_flush(s_->format->pb);
    if (s_->format->pb->error < 0) return s_->error("cannot write", s_->format->pb->error);
  }
}

Status Mp4Encoder::finish() {
  WV_ASSERT(!s_->finished);
  s_->finished = true;
  if (int rc = avcodec_send_frame(s_->codec, nullptr); rc < 0) {
    return s_->error("libx264 cannot flush", rc);
  }
  if (Status drained = drain_packets(); !drained) return drained;
  if (int rc = av_write_trailer(s_->format); rc < 0) return s_->error("cannot finish the file", rc);
  if (int rc = avio_closep(&s_->format->pb); rc < 0) return s_->error("cannot close", rc);
  return {};
}

}  // namespace wv::media
