#include "media/video_reader.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <optional>
#include <system_error>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include "media/ffmpeg_util.h"

// [SECTION] helpers: limits, demuxer choice, rotation
// [SECTION] open
// [SECTION] sequential decoding
// [SECTION] seeking
// [SECTION] conversion to upright RGBA

namespace wv::media {
namespace {

// Larger pictures are refused: a hostile header must not make us allocate gigabytes per frame.
constexpr int kMaxSide = 16384;
// A frame table longer than this (a day of 240 fps video, 256 MiB of timestamps) is refused: a
// hostile file of tiny packets must not exhaust memory when the user seeks.
constexpr size_t kMaxFrames = size_t(1) << 25;
// Frames kept for reuse: a panel's queue (a few frames), the one on screen, and slack.
constexpr size_t kFramePoolSize = 8;
// A seek can land on a keyframe after its target (in streams with B-frames a keyframe's decode
// time may precede frames it follows); each retry starts further back, the last from the start.
constexpr int kSeekRetries = 4;

// swscale's SIMD YUV-to-RGB shortcut is ~15x faster than its exact C path (1080p: 0.8 ms against
// 15 ms a frame, more than decoding), within a level or two, but in FFmpeg 5.1 it leaves the last
// pixels of rows whose width is not a multiple of 8 unwritten. So widths that are a multiple of
// 16 take it, and the others the exact path, which accurate rounding keeps off the shortcut.
constexpr int kFastSwsFlags = SWS_BILINEAR;
constexpr int kSwsFlags = SWS_BILINEAR | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT;
// Deeper than 8 bits, FFmpeg 5.1's full-chroma path breaks colors (yellow 255,255,0 from a
// 10-bit 4:2:0 file comes out 240,240,114), so such sources interpolate chroma the plain way.
constexpr int kDeepSwsFlags = SWS_BILINEAR | SWS_ACCURATE_RND;

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

// "frame_%04d.png" names a sequence, not a file; a file whose name happens to hold '%' is a file.
bool is_sequence_pattern(const std::string& path) {
  std::error_code ec;
  return path.find('%') != std::string::npos && !std::filesystem::exists(path, ec);
}

// Sequences go to the image2 demuxer by name: probing would look for a file called "%04d".
int open_input(const std::string& path, bool sequence, AVFormatContext** out) {
  const AVInputFormat* demuxer = sequence ? av_find_input_format("image2") : nullptr;
  return avformat_open_input(out, path.c_str(), demuxer, nullptr);
}

// The clockwise turn that shows the stream upright, read as the ffmpeg command line reads it
// (its autorotate), so both agree; other angles and mirroring are left alone.
int32_t rotation_of(const AVStream* stream) {
  size_t size = 0;
  const uint8_t* matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size);
  if (!matrix || size < 9 * sizeof(int32_t)) return 0;
  double theta = -std::round(av_display_rotation_get(reinterpret_cast<const int32_t*>(matrix)));
  if (std::isnan(theta)) return 0;
  theta -= 360.0 * std::floor(theta / 360.0 + 0.9 / 360.0);
  for (int32_t turn : {90, 180, 270}) {
    if (std::fabs(theta - turn) < 1.0) return turn;
  }
  return 0;
}

// `src` (width x height RGBA, tightly packed) turned clockwise by `turn` degrees into `dst`.
void rotate_rgba(const uint8_t* src, int width, int height, int32_t turn, uint8_t* dst) {
  const auto pixel = [&](int x, int y) { return src + (size_t(y) * size_t(width) + size_t(x)) * 4; };
  if (turn == 180) {
    for (int y = 0; y < height; ++y)
      for (int x = 0; x < width; ++x) std::memcpy(dst + (size_t(y) * width + x) * 4, pixel(width - 1 - x, height - 1 - y), 4);
    return;
  }
  // 90 and 270: the output is height pixels wide and width pixels high.
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < height; ++x) {
      const uint8_t* from = turn == 90 ? pixel(y, height - 1 - x) : pixel(width - 1 - y, x);
      std::memcpy(dst + (size_t(y) * height + x) * 4, from, 4);
    }
  }
}

}  // namespace

struct VideoReader::Impl {
  std::string path;
  bool sequence = false;  // an image2 pattern, not one file
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
  std::vector<uint8_t> stored;  // the picture as stored, before it is turned upright
  // Frames handed out before. One nobody else holds any more is written again instead of
  // allocating a new one: at 1080p a fresh 8 MB frame costs more in page faults than decoding.
  std::vector<std::shared_ptr<Frame>> pool;

  // Every frame's timestamp (time_base units, ascending), read on the first seek: frame index i
  // is the frame with timestamp frame_ts[i], whatever the frame rate does.
  std::vector<int64_t> frame_ts;
  bool pending = false;  // `decoded` holds the frame a seek stopped at; read_frame returns it

  int64_t next_index = 0;
  int64_t index_offset = 0;
  double pts_offset_s = 0.0;
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

  Error fail(Error e) {
    failure = e;
    return e;
  }

  Result<bool> receive();  // the next decoded picture into `decoded`; false at the end
  Status build_frame_table();
  Status seek_to_timestamp(int64_t target_ts);
  Result<FramePtr> convert(const AVFrame* picture);
  std::shared_ptr<Frame> frame_for(int32_t width, int32_t height);
};

std::shared_ptr<Frame> VideoReader::Impl::frame_for(int32_t width, int32_t height) {
  for (std::shared_ptr<Frame>& frame : pool) {
    if (frame.use_count() != 1 || frame->width != width || frame->height != height) continue;
    // The last other owner let go with a release decrement; this orders its reads of the pixels
    // before the writes that follow.
    std::atomic_thread_fence(std::memory_order_acquire);
    return frame;
  }
  std::shared_ptr<Frame> frame = make_frame(width, height, 0, 0.0);
  if (pool.size() < kFramePoolSize) pool.push_back(frame);
  return frame;
}

VideoReader::VideoReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
VideoReader::~VideoReader() = default;

const VideoInfo& VideoReader::info() const { return impl_->info; }
const std::string& VideoReader::path() const { return impl_->path; }

void VideoReader::set_timeline_offset(int64_t index_offset, double pts_offset_s) {
  impl_->index_offset = index_offset;
  impl_->pts_offset_s = pts_offset_s;
}

// [SECTION] open

Result<std::unique_ptr<VideoReader>> VideoReader::open(const std::string& path, const VideoReaderParams& params) {
  install_ffmpeg_log();
  auto s = std::make_unique<Impl>();
  s->path = path;
  s->sequence = is_sequence_pattern(path);

  // The file system answers these more clearly than a demuxer would.
  std::error_code ec;
  if (s->sequence) {
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    if (!folder.empty() && !std::filesystem::is_directory(folder, ec)) {
      return s->error("no such folder for the image sequence");
    }
  } else {
    const std::filesystem::file_status status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status)) return s->error("no such file");
    if (std::filesystem::is_directory(status)) return s->error("is a directory, not a video file");
    if (!std::filesystem::is_regular_file(status)) return s->error("not a regular file");
    if (std::filesystem::file_size(path, ec) == 0 && !ec) return s->error("empty file");
  }

  if (int rc = open_input(path, s->sequence, &s->format); rc < 0) {
    return s->error(s->sequence ? "no image file matches the sequence pattern" : "not a readable video file", rc);
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
  s->codec->thread_count = std::max(0, params.decoder_threads);
  if (int rc = avcodec_open2(s->codec, decoder, nullptr); rc < 0) {
    return s->error("cannot open the " + codec_name + " decoder", rc);
  }

  s->time_base = stream->time_base;
  s->start_ts = stream->start_time != AV_NOPTS_VALUE ? stream->start_time : 0;
  VideoInfo& info = s->info;
  info.rotation_deg = rotation_of(stream);
  const bool turned = info.rotation_deg == 90 || info.rotation_deg == 270;
  info.width = turned ? par->height : par->width;
  info.height = turned ? par->width : par->height;
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

// [SECTION] sequential decoding

Result<bool> VideoReader::Impl::receive() {
  for (;;) {
    int rc = avcodec_receive_frame(codec, decoded);
    if (rc == 0) return true;
    if (rc == AVERROR_EOF) return false;
    if (rc != AVERROR(EAGAIN)) {
      return fail(error("cannot decode frame " + std::to_string(next_index), rc));
    }
    // The decoder wants input.
    rc = av_read_frame(format, packet);
    if (rc == AVERROR_EOF) {
      avcodec_send_packet(codec, nullptr);  // drain the frames the decoder still holds
      continue;
    }
    if (rc < 0) return fail(error("damaged after frame " + std::to_string(next_index), rc));
    if (packet->stream_index != stream_index) {
      av_packet_unref(packet);
      continue;
    }
    rc = avcodec_send_packet(codec, packet);
    av_packet_unref(packet);
    if (rc < 0) return fail(error("damaged data at frame " + std::to_string(next_index), rc));
  }
}

Result<FramePtr> VideoReader::read_frame() {
  Impl& s = *impl_;
  if (s.failure) return *s.failure;
  if (s.pending) {
    s.pending = false;
  } else {
    if (s.ended) return FramePtr{};
    Result<bool> got = s.receive();
    if (!got) return got.error();
    if (!*got) {
      s.ended = true;
      return FramePtr{};
    }
  }
  Result<FramePtr> frame = s.convert(s.decoded);
  av_frame_unref(s.decoded);
  return frame;
}

// [SECTION] seeking

Status VideoReader::Impl::build_frame_table() {
  if (!frame_ts.empty()) return Status::success();
  // A second demuxer reads the packets, so the decoding position is left alone.
  AVFormatContext* scan = nullptr;
  if (int rc = open_input(path, sequence, &scan); rc < 0) return error("cannot reopen to index the frames", rc);
  AVPacket* scan_packet = av_packet_alloc();
  Status status = Status::success();
  int rc = avformat_find_stream_info(scan, nullptr);
  if (rc < 0 || !scan_packet || stream_index >= int(scan->nb_streams)) {
    status = error("cannot reopen to index the frames", rc < 0 ? rc : AVERROR(ENOMEM));
  }
  // A damaged tail ends the table where the readable packets end, as reading does.
  while (status && av_read_frame(scan, scan_packet) >= 0) {
    if (scan_packet->stream_index == stream_index) {
      const int64_t ts = scan_packet->pts != AV_NOPTS_VALUE ? scan_packet->pts : scan_packet->dts;
      if (ts == AV_NOPTS_VALUE) status = error("frames carry no timestamps: cannot seek");
      else if (frame_ts.size() >= kMaxFrames) status = error("too many frames to seek in (over " + std::to_string(kMaxFrames) + ")");
      else frame_ts.push_back(ts);
    }
    av_packet_unref(scan_packet);
  }
  av_packet_free(&scan_packet);
  avformat_close_input(&scan);
  if (status && frame_ts.empty()) status = error("no frames to seek to");
  if (!status) {
    frame_ts.clear();
    return status;
  }
  std::sort(frame_ts.begin(), frame_ts.end());
  info.frame_count = int64_t(frame_ts.size());
  return Status::success();
}

Status VideoReader::seek_to_frame(int64_t index) {
  Impl& s = *impl_;
  if (s.failure) return *s.failure;
  if (Status built = s.build_frame_table(); !built) return built;
  if (index < 0 || index >= int64_t(s.frame_ts.size())) {
    return s.error("cannot seek to frame " + std::to_string(index) + ": the video has frames 0 to " +
                   std::to_string(s.frame_ts.size() - 1));
  }
  return s.seek_to_timestamp(s.frame_ts[size_t(index)]);
}

Status VideoReader::seek_to_time(double pts_s) {
  Impl& s = *impl_;
  if (s.failure) return *s.failure;
  if (Status built = s.build_frame_table(); !built) return built;
  const double ticks = std::clamp(pts_s / av_q2d(s.time_base), -1e15, 1e15);  // hostile rates stay finite
  const int64_t ts = s.start_ts + std::llround(ticks);
  // The frame on screen at ts: the last one starting at or before it.
  auto after = std::upper_bound(s.frame_ts.begin(), s.frame_ts.end(), ts);
  if (after != s.frame_ts.begin()) --after;
  return s.seek_to_timestamp(*after);
}

Status VideoReader::Impl::seek_to_timestamp(int64_t target_ts) {
  int64_t seek_ts = target_ts;
  for (int attempt = 0;; ++attempt) {
    if (int rc = av_seek_frame(format, stream_index, seek_ts, AVSEEK_FLAG_BACKWARD); rc < 0) {
      return fail(error("cannot seek", rc));
    }
    avcodec_flush_buffers(codec);  // also after the end: draining left the decoder closed
    ended = false;
    pending = false;
    // Decode forward from the keyframe; frames before the target are dropped unconverted.
    bool first = true;
    bool overshot = false;
    for (;;) {
      Result<bool> got = receive();
      if (!got) return got.error();
      if (!*got) return fail(error("the frame at timestamp " + std::to_string(target_ts) + " cannot be decoded"));
      const int64_t ts = decoded->best_effort_timestamp;
      if (first && ts != AV_NOPTS_VALUE && ts > target_ts && attempt < kSeekRetries) {
        overshot = true;
        break;
      }
      first = false;
      if (ts == AV_NOPTS_VALUE || ts >= target_ts) {
        pending = true;
        return Status::success();
      }
      av_frame_unref(decoded);
    }
    av_frame_unref(decoded);
    if (!overshot) break;
    // Start earlier: 32, 64, 128 frames back, then from the first frame.
    const auto at = std::lower_bound(frame_ts.begin(), frame_ts.end(), seek_ts);
    const int64_t back = attempt + 1 < kSeekRetries ? (int64_t(32) << attempt) : int64_t(frame_ts.size());
    seek_ts = frame_ts[size_t(std::max<int64_t>(0, (at - frame_ts.begin()) - back))];
  }
  return Status::success();
}

// [SECTION] conversion to upright RGBA

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
    const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(src_format);
    const bool deep = desc && desc->comp[0].depth > 8;
    const int flags = deep ? kDeepSwsFlags : picture->width % 16 == 0 ? kFastSwsFlags : kSwsFlags;
    sws = sws_getContext(picture->width, picture->height, src_format, picture->width,
                         picture->height, AV_PIX_FMT_RGBA, flags, nullptr, nullptr, nullptr);
    if (!sws) {
      const char* name = av_get_pix_fmt_name(src_format);
      return fail(error(std::string("unsupported pixel format ") + (name ? name : "?")));
    }
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
  // Once the frames are indexed, a frame's index is its place among the timestamps, so a frame
  // reached by seeking carries the index a straight read gives it.
  int64_t index = next_index;
  if (ts != AV_NOPTS_VALUE && !frame_ts.empty()) {
    index = std::lower_bound(frame_ts.begin(), frame_ts.end(), ts) - frame_ts.begin();
  }
  double pts_s = 0.0;
  if (ts != AV_NOPTS_VALUE) {
    pts_s = double(ts - start_ts) * av_q2d(time_base);
  } else if (info.fps > 0) {
    pts_s = double(index) / info.fps;
  }
  const int32_t turn = info.rotation_deg;
  const bool turned = turn == 90 || turn == 270;
  std::shared_ptr<Frame> frame = frame_for(turned ? picture->height : picture->width,
                                           turned ? picture->width : picture->height);
  frame->index = index + index_offset;
  frame->pts_s = pts_s + pts_offset_s;
  uint8_t* dst[1] = {frame->pixels.data()};
  int dst_stride[1] = {frame->stride_bytes};
  if (turn != 0) {
    stored.resize(size_t(picture->width) * size_t(picture->height) * 4);
    dst[0] = stored.data();
    dst_stride[0] = picture->width * 4;
  }
  sws_scale(sws, picture->data, picture->linesize, 0, picture->height, dst, dst_stride);
  if (turn != 0) rotate_rgba(stored.data(), picture->width, picture->height, turn, frame->pixels.data());
  next_index = index + 1;
  return FramePtr(std::move(frame));
}

}  // namespace wv::media
