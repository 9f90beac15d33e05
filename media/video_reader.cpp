#include "media/video_reader.h"

#include <filesystem>
#include <optional>
#include <system_error>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include "media/ffmpeg_util.h"

namespace wv::media {
namespace {

// Larger pictures are refused: a hostile header must not make us allocate gigabytes per frame.
constexpr int kMaxSide = 16384;

// Accurate rounding also keeps swscale off its SIMD YUV-to-RGB shortcut, which in FFmpeg 5.1
// leaves the last pixels of rows whose width is not a multiple of 8 unwritten.
constexpr int kSwsFlags = SWS_BILINEAR | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT;

bool size_ok(int width, int height) {
  return width > 0 && height > 0 && width <= kMaxSide && height <= kMaxSide;
}

// The deprecated full-range "J" formats, as their plain format plus full range (swscale warns
// on the J formats and takes range from sws_setColorspaceDetails anyway).
AVPixelFormat without_j(AVPixelFormat format, bool* full_range) {
  switch (format) {
    case AV_PIX_FMT_YUVJ420P: *full_range = true; return AV_PIX_FMT_YUV420P;
    case AV_PIX_FMT_YUVJ422P: *full_range = true; return AV_PIX_FMT_YUV422P;
    case AV_PIX_FMT_YUVJ444P: *full_range = true; return AV_PIX_FMT_YUV444P;
    case AV_PIX_FMT_YUVJ440P: *full_range = true; return AV_PIX_FMT_YUV440P;
    default: return format;
  }
}

}  // namespace

struct VideoReader::Impl {
  std::string path;
  VideoInfo info;
  AVFormatContext* format = nullptr;
  AVCodecContext* codec = nullptr;
  AVPacket* packet = nullptr;
  AVFrame* decoded = nullptr;
  int stream_index = -1;
  AVRational time_base{0, 1};
  int64_t start_ts = 0;  // the stream's first timestamp, in time_base units

  SwsContext* sws = nullptr;  // made for the picture below; remade when it changes
  int sws_width = 0;
  int sws_height = 0;
  int sws_format = -1;
  int sws_colorspace = -1;
  bool sws_full_range = false;

  int64_t next_index = 0;
  bool flushing = false;  // the demuxer ended; the decoder is being drained
  bool ended = false;
  std::optional<Error> failure;

  ~Impl() {
    sws_freeContext(sws);
    av_frame_free(&decoded);
    av_packet_free(&packet);
    avcodec_free_context(&codec);
    avformat_close_input(&format);
  }

  Error error(const std::string& what) const { return Error{path + ": " + what}; }
  Error error(const std::string& what, int code) const {
    return error(what + " (" + av_error_text(code) + ")");
  }

  Result<FramePtr> fail(Error e) {
    failure = e;
    return e;
  }

  Result<FramePtr> convert(const AVFrame* picture);
};

VideoReader::VideoReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
VideoReader::~VideoReader() = default;

const VideoInfo& VideoReader::info() const { return impl_->info; }
const std::string& VideoReader::path() const { return impl_->path; }

Result<std::unique_ptr<VideoReader>> VideoReader::open(const std::string& path) {
  install_ffmpeg_log();
  auto s = std::make_unique<Impl>();
  s->path = path;

  // The file system answers these more clearly than a demuxer would.
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) return s->error("no such file");
  if (std::filesystem::is_directory(status)) return s->error("is a directory, not a video file");
  if (!std::filesystem::is_regular_file(status)) return s->error("not a regular file");
  if (std::filesystem::file_size(path, ec) == 0 && !ec) return s->error("empty file");

  if (int rc = avformat_open_input(&s->format, path.c_str(), nullptr, nullptr); rc < 0) {
    return s->error("not a readable video file", rc);
  }
  if (int rc = avformat_find_stream_info(s->format, nullptr); rc < 0) {
    return s->error("cannot read the stream layout", rc);
  }
  const AVCodec* decoder = nullptr;
  s->stream_index = av_find_best_stream(s->format, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
  if (s->stream_index == AVERROR_STREAM_NOT_FOUND) {
    return s->error(s->format->nb_streams == 0 ? "no video stream in the file (cut short?)"
                                               : "no video stream in the file");
  }
  if (s->stream_index < 0) return s->error("cannot pick a video stream", s->stream_index);
  const AVStream* stream = s->format->streams[s->stream_index];
  const AVCodecParameters* par = stream->codecpar;
  const std::string codec_name = avcodec_get_name(par->codec_id);
  if (stream->disposition & AV_DISPOSITION_ATTACHED_PIC) {
    return s->error("no video stream in the file (only a cover picture)");
  }
  if (!decoder) return s->error("no decoder for codec " + codec_name);
  if (!size_ok(par->width, par->height)) {
    return s->error("unsupported picture size " + std::to_string(par->width) + "x" +
                    std::to_string(par->height) + " (" + codec_name + ")");
  }

  s->codec = avcodec_alloc_context3(decoder);
  s->packet = av_packet_alloc();
  s->decoded = av_frame_alloc();
  if (!s->codec || !s->packet || !s->decoded) return s->error("out of memory");
  if (int rc = avcodec_parameters_to_context(s->codec, par); rc < 0) {
    return s->error("bad " + codec_name + " parameters", rc);
  }
  s->codec->pkt_timebase = stream->time_base;
  if (int rc = avcodec_open2(s->codec, decoder, nullptr); rc < 0) {
    return s->error("cannot open the " + codec_name + " decoder", rc);
  }

  s->time_base = stream->time_base;
  s->start_ts = stream->start_time != AV_NOPTS_VALUE ? stream->start_time : 0;
  VideoInfo& info = s->info;
  info.width = par->width;
  info.height = par->height;
  const AVRational rate = av_guess_frame_rate(s->format, const_cast<AVStream*>(stream), nullptr);
  if (rate.num > 0 && rate.den > 0) info.fps = av_q2d(rate);
  if (stream->duration != AV_NOPTS_VALUE && stream->duration > 0) {
    info.duration_s = double(stream->duration) * av_q2d(stream->time_base);
  } else if (s->format->duration != AV_NOPTS_VALUE && s->format->duration > 0) {
    info.duration_s = double(s->format->duration) / AV_TIME_BASE;
  }
  if (stream->nb_frames > 0) info.frame_count = stream->nb_frames;
  info.codec = codec_name;
  return std::unique_ptr<VideoReader>(new VideoReader(std::move(s)));
}

Result<FramePtr> VideoReader::read_frame() {
  Impl& s = *impl_;
  if (s.failure) return *s.failure;
  if (s.ended) return FramePtr{};
  for (;;) {
    int rc = avcodec_receive_frame(s.codec, s.decoded);
    if (rc == 0) {
      Result<FramePtr> frame = s.convert(s.decoded);
      av_frame_unref(s.decoded);
      return frame;
    }
    if (rc == AVERROR_EOF) {
      s.ended = true;
      return FramePtr{};
    }
    if (rc != AVERROR(EAGAIN)) {
      return s.fail(s.error("cannot decode frame " + std::to_string(s.next_index), rc));
    }
    // The decoder wants input.
    rc = av_read_frame(s.format, s.packet);
    if (rc == AVERROR_EOF) {
      avcodec_send_packet(s.codec, nullptr);  // drain the frames the decoder still holds
      s.flushing = true;
      continue;
    }
    if (rc < 0) {
      return s.fail(s.error("damaged after frame " + std::to_string(s.next_index), rc));
    }
    if (s.packet->stream_index != s.stream_index) {
      av_packet_unref(s.packet);
      continue;
    }
    rc = avcodec_send_packet(s.codec, s.packet);
    av_packet_unref(s.packet);
    if (rc < 0) {
      return s.fail(s.error("damaged data at frame " + std::to_string(s.next_index), rc));
    }
  }
}

Result<FramePtr> VideoReader::Impl::convert(const AVFrame* picture) {
  if (!size_ok(picture->width, picture->height)) {
    return fail(error("unsupported picture size " + std::to_string(picture->width) + "x" +
                      std::to_string(picture->height) + " at frame " +
                      std::to_string(next_index)));
  }
  bool full_range = picture->color_range == AVCOL_RANGE_JPEG;
  const AVPixelFormat src_format = without_j(AVPixelFormat(picture->format), &full_range);
  int colorspace = picture->colorspace;
  if (colorspace == AVCOL_SPC_UNSPECIFIED) {
    colorspace = picture->height >= 720 ? SWS_CS_ITU709 : SWS_CS_ITU601;
  }
  if (!sws || sws_width != picture->width || sws_height != picture->height ||
      sws_format != src_format || sws_colorspace != colorspace || sws_full_range != full_range) {
    sws_freeContext(sws);
    sws = sws_getContext(picture->width, picture->height, src_format, picture->width,
                         picture->height, AV_PIX_FMT_RGBA, kSwsFlags, nullptr, nullptr,
                         nullptr);
    if (!sws) {
      const char* name = av_get_pix_fmt_name(src_format);
      return fail(error(std::string("unsupported pixel format ") + (name ? name : "?")));
    }
    const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(src_format);
    if (desc && !(desc->flags & AV_PIX_FMT_FLAG_RGB)) {
      sws_setColorspaceDetails(sws, sws_getCoefficients(colorspace), full_range ? 1 : 0,
                               sws_getCoefficients(SWS_CS_DEFAULT), /*dstRange=*/1, 0, 1 << 16,
                               1 << 16);
    }
    sws_width = picture->width;
    sws_height = picture->height;
    sws_format = src_format;
    sws_colorspace = colorspace;
    sws_full_range = full_range;
  }

  const int64_t ts = picture->best_effort_timestamp;
  double pts_s = 0.0;
  if (ts != AV_NOPTS_VALUE) {
    pts_s = double(ts - start_ts) * av_q2d(time_base);
  } else if (info.fps > 0) {
    pts_s = double(next_index) / info.fps;
  }
  std::shared_ptr<Frame> frame = make_frame(picture->width, picture->height, next_index, pts_s);
  uint8_t* dst[1] = {frame->pixels.data()};
  const int dst_stride[1] = {frame->stride_bytes};
  sws_scale(sws, picture->data, picture->linesize, 0, picture->height, dst, dst_stride);
  ++next_index;
  return FramePtr(std::move(frame));
}

}  // namespace wv::media
