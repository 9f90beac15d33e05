// Video files made by the ffmpeg command line in many codecs, containers, sizes, bit depths,
// color tags, rotations and frame timings: each decodes to the right frames, at the right times,
// in the right colors and orientation, and seeking lands on the same frames a straight read gives.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "ffmpeg_cli.h"
#include "media/video_reader.h"
#include "media_test_util.h"

namespace wv::media::test {
namespace {

// testsrc: a pattern with a moving gradient and a frame counter, different in every frame.
const std::string kTestsrc = "-f lavfi -i testsrc=size=97x55:rate=25 -frames:v 30 -g 10 ";

bool same_pixels(const Frame& a, const Frame& b) {
  return a.width == b.width && a.height == b.height && a.byte_size() == b.byte_size() &&
         std::memcmp(a.pixels.data(), b.pixels.data(), a.byte_size()) == 0;
}

// Mean absolute difference per channel between a frame and ffmpeg's frame `n` in `reference`.
double mean_error_vs_ffmpeg(const Frame& frame, const std::vector<uint8_t>& reference, size_t n) {
  const size_t bytes = frame.byte_size();
  if (reference.size() < (n + 1) * bytes) return 255.0;
  double sum = 0.0;
  for (size_t i = 0; i < bytes; ++i) {
    if (i % 4 == 3) continue;
    sum += std::abs(int(frame.pixels[i]) - int(reference[n * bytes + i]));
  }
  return sum / (double(bytes) * 0.75);
}

// Our scaler (bilinear) and the command line's (bicubic) differ by up to ~4 levels on average at
// testsrc's sharp 4:2:0 chroma edges; a wrong matrix, a broken chroma path or a wrong turn is
// off by 10 and more.
constexpr double kMaxMeanError = 6.0;

std::unique_ptr<VideoReader> open_or_fail(const std::string& path) {
  auto reader = VideoReader::open(path);
  EXPECT_TRUE(reader.ok()) << reader.error().message;
  return reader ? std::move(*reader) : nullptr;
}

struct Format {
  const char* name;  // file name, its extension choosing the container
  const char* codec_args;
  const char* codec;  // as VideoInfo names it
};

class VideoFormat : public ::testing::TestWithParam<Format> {};

TEST_P(VideoFormat, OddSizeDecodesSeeksAndMatchesFfmpeg) {
  const Format& f = GetParam();
  const std::string path = make_video(f.name, kTestsrc + f.codec_args);
  ASSERT_FALSE(path.empty());
  const std::vector<FramePtr> frames = read_all_frames(path);
  ASSERT_EQ(frames.size(), 30u);
  const std::vector<uint8_t> reference = ffmpeg_rgba(path);
  for (size_t i = 0; i < frames.size(); ++i) {
    EXPECT_EQ(frames[i]->width, 97);
    EXPECT_EQ(frames[i]->height, 55);
    EXPECT_EQ(frames[i]->index, int64_t(i));
    EXPECT_NEAR(frames[i]->pts_s, double(i) / 25.0, 1e-3) << "frame " << i;
    EXPECT_LT(mean_error_vs_ffmpeg(*frames[i], reference, i), kMaxMeanError) << "frame " << i;
  }

  auto reader = open_or_fail(path);
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->info().codec, f.codec);
  // Forward and back, across keyframes (every 10 frames), the last frame, and the first.
  for (int64_t n : {13, 29, 7, 20, 19, 0}) {
    ASSERT_TRUE(reader->seek_to_frame(n).ok()) << n;
    Result<FramePtr> frame = reader->read_frame();
    ASSERT_TRUE(frame.ok() && *frame) << n;
    EXPECT_EQ((*frame)->index, n);
    EXPECT_NEAR((*frame)->pts_s, double(n) / 25.0, 1e-3);
    EXPECT_TRUE(same_pixels(**frame, *frames[size_t(n)])) << "seek to frame " << n;
    // Reading on after a seek continues in order.
    if (n < 29) {
      Result<FramePtr> next = reader->read_frame();
      ASSERT_TRUE(next.ok() && *next);
      EXPECT_TRUE(same_pixels(**next, *frames[size_t(n + 1)])) << "frame after " << n;
    }
  }
  EXPECT_EQ(reader->info().frame_count, 30);
  const Status beyond = reader->seek_to_frame(30);
  ASSERT_FALSE(beyond.ok());
  EXPECT_NE(beyond.error().message.find(path), std::string::npos) << beyond.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    CodecsAndContainers, VideoFormat,
    ::testing::Values(Format{"h264.mp4", "-c:v libx264 -pix_fmt yuv444p -bf 2", "h264"},
                      Format{"vp9.webm", "-c:v libvpx-vp9 -deadline realtime -cpu-used 8 -pix_fmt yuv420p", "vp9"},
                      Format{"ffv1.mkv", "-c:v ffv1 -pix_fmt yuv420p", "ffv1"},
                      Format{"mpeg4.mkv", "-c:v mpeg4 -bf 2 -q:v 3", "mpeg4"},
                      Format{"mjpeg.mov", "-c:v mjpeg -pix_fmt yuvj420p", "mjpeg"},
                      Format{"prores.mov", "-c:v prores_ks", "prores"}),
    [](const auto& param_info) {
      std::string name = param_info.param.name;
      return name.substr(0, name.find('.'));
    });

class TenBit : public ::testing::TestWithParam<Format> {};

TEST_P(TenBit, DecodesLikeFfmpeg) {
  const Format& f = GetParam();
  const std::string path = make_video(f.name, kTestsrc + f.codec_args);
  ASSERT_FALSE(path.empty());
  auto reader = open_or_fail(path);
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->info().codec, f.codec);
  const std::vector<FramePtr> frames = read_all_frames(path);
  ASSERT_EQ(frames.size(), 30u);
  const std::vector<uint8_t> reference = ffmpeg_rgba(path);
  for (size_t i = 0; i < frames.size(); ++i) EXPECT_LT(mean_error_vs_ffmpeg(*frames[i], reference, i), kMaxMeanError) << i;
}

// x264 needs even sizes in 4:2:0; ffv1 takes the odd ones.
INSTANTIATE_TEST_SUITE_P(
    Codecs, TenBit,
    ::testing::Values(Format{"h264_10bit.mp4", "-vf crop=96:54:0:0 -c:v libx264 -pix_fmt yuv420p10le", "h264"},
                      Format{"ffv1_10bit.mkv", "-c:v ffv1 -pix_fmt yuv420p10le", "ffv1"}),
    [](const auto& param_info) {
      std::string name = param_info.param.name;
      return name.substr(0, name.find('.'));
    });

// A solid color encoded with `matrix` and `range`, tagged `tag_matrix`; returns its RGB.
// 64 pixels wide: swscale's SIMD path; 66: its exact path (media/video_reader.cpp).
std::array<int, 3> decoded_color(const std::string& name, const std::string& matrix,
                                 const std::string& range, const std::string& tag_matrix,
                                 const std::string& pix_fmt = "yuv420p", const std::string& size = "64x48") {
  const std::string tag = tag_matrix == "bt601" ? "bt470bg" : tag_matrix;
  const std::string path = make_video(
      name, "-f lavfi -i color=c=0xD02828:s=" + size + ":r=25 -frames:v 2 -vf scale=out_color_matrix=" + matrix +
                ":out_range=" + range + ",format=" + pix_fmt + " -colorspace " + tag + " -color_range " +
                (range == "full" ? "pc" : "tv") + " -c:v libx264 -qp 0");
  const std::vector<FramePtr> frames = read_all_frames(path);
  if (frames.empty()) return {-1, -1, -1};
  const uint8_t* p = frames[0]->row(24) + 32 * 4;
  return {p[0], p[1], p[2]};
}

// Encoding a solid color to 8-bit limited-range 4:2:0 and back moves it by up to 4 levels (the
// ffmpeg command line's own decode lands at the same place); a wrong matrix is off by 15 and more.
void expect_color(const std::array<int, 3>& rgb, int tolerance = 5) {
  EXPECT_NEAR(rgb[0], 0xD0, tolerance);
  EXPECT_NEAR(rgb[1], 0x28, tolerance);
  EXPECT_NEAR(rgb[2], 0x28, tolerance);
}

TEST(VideoFormats, ColorMatricesAndRanges) {
  expect_color(decoded_color("c601_limited.mp4", "bt601", "tv", "bt601"));
  expect_color(decoded_color("c709_limited.mp4", "bt709", "tv", "bt709"));
  expect_color(decoded_color("c601_full.mp4", "bt601", "full", "bt601"));
  expect_color(decoded_color("c709_full.mp4", "bt709", "full", "bt709"));
  expect_color(decoded_color("c709_10bit.mp4", "bt709", "tv", "bt709", "yuv420p10le"));
  expect_color(decoded_color("c601_limited_66.mp4", "bt601", "tv", "bt601", "yuv420p", "66x48"));
  expect_color(decoded_color("c709_limited_66.mp4", "bt709", "tv", "bt709", "yuv420p", "66x48"));
  expect_color(decoded_color("c601_full_66.mp4", "bt601", "full", "bt601", "yuv420p", "66x48"));
  expect_color(decoded_color("c709_full_66.mp4", "bt709", "full", "bt709", "yuv420p", "66x48"));
}

TEST(VideoFormats, TheTagDecidesTheMatrix) {
  // The same BT.709 pixels tagged BT.601 must come out different: the reader follows the tag
  // (so the test above could fail if it ignored tags).
  const std::array<int, 3> mistagged = decoded_color("c709_as_601.mp4", "bt709", "tv", "bt601");
  const int off = std::abs(mistagged[0] - 0xD0) + std::abs(mistagged[1] - 0x28) + std::abs(mistagged[2] - 0x28);
  EXPECT_GT(off, 15) << mistagged[0] << "," << mistagged[1] << "," << mistagged[2];
}

class Rotation : public ::testing::TestWithParam<int> {};

TEST_P(Rotation, TurnsUprightLikeFfmpeg) {
  const int turn = GetParam();
  // One stored file per case: CTest runs the cases in parallel.
  const std::string stored =
      make_video("unrotated_" + std::to_string(turn) + ".mp4", kTestsrc + "-c:v libx264 -pix_fmt yuv444p");
  ASSERT_FALSE(stored.empty());
  const std::string path = make_video("rotated_" + std::to_string(turn) + ".mp4",
                                      "-i '" + stored + "' -c copy -metadata:s:v:0 rotate=" + std::to_string(turn));
  auto reader = open_or_fail(path);
  ASSERT_TRUE(reader);
  // The mov muxer stores rotate=N as a display matrix turning N degrees counter-clockwise, so
  // the picture is turned 360 - N clockwise (and the pixels must match ffmpeg's own turn).
  EXPECT_EQ(reader->info().rotation_deg, (360 - turn) % 360);
  const bool turned = turn % 180 != 0;
  EXPECT_EQ(reader->info().width, turned ? 55 : 97);
  EXPECT_EQ(reader->info().height, turned ? 97 : 55);
  const std::vector<FramePtr> frames = read_all_frames(path);
  ASSERT_EQ(frames.size(), 30u);
  EXPECT_EQ(frames[0]->width, reader->info().width);
  const std::vector<uint8_t> reference = ffmpeg_rgba(path);
  for (size_t i : {size_t(0), size_t(17)}) EXPECT_LT(mean_error_vs_ffmpeg(*frames[i], reference, i), kMaxMeanError) << i;
}

INSTANTIATE_TEST_SUITE_P(Degrees, Rotation, ::testing::Values(90, 180, 270));

TEST(VideoFormats, VariableFrameRateKeepsTimestampsAndSeeksByTime) {
  // Frames 0-9 every 1/30 s, then every 1/5 s (timestamps in whole 1/30 s ticks, so exact).
  const std::string path = make_video(
      "vfr.mkv", "-f lavfi -i testsrc=size=64x48:rate=30 -frames:v 20 "
                 "-vf \"setpts='if(lt(N,10),N,10+(N-10)*6)'\" -fps_mode passthrough -c:v ffv1");
  ASSERT_FALSE(path.empty());
  const auto expected_pts = [](int64_t n) { return n < 10 ? n / 30.0 : 10 / 30.0 + (n - 10) / 5.0; };
  const std::vector<FramePtr> frames = read_all_frames(path);
  ASSERT_EQ(frames.size(), 20u);
  for (size_t i = 0; i < frames.size(); ++i) EXPECT_NEAR(frames[i]->pts_s, expected_pts(int64_t(i)), 2e-3) << i;

  auto reader = open_or_fail(path);
  ASSERT_TRUE(reader);
  // 1.0 s falls between frame 13 (0.933 s) and frame 14 (1.133 s): frame 13 is on screen.
  ASSERT_TRUE(reader->seek_to_time(1.0).ok());
  Result<FramePtr> frame = reader->read_frame();
  ASSERT_TRUE(frame.ok() && *frame);
  EXPECT_EQ((*frame)->index, 13);
  EXPECT_TRUE(same_pixels(**frame, *frames[13]));
  ASSERT_TRUE(reader->seek_to_time(0.1).ok());  // exactly frame 3
  frame = reader->read_frame();
  ASSERT_TRUE(frame.ok() && *frame);
  EXPECT_EQ((*frame)->index, 3);
  ASSERT_TRUE(reader->seek_to_time(99.0).ok());  // past the end: the last frame
  frame = reader->read_frame();
  ASSERT_TRUE(frame.ok() && *frame);
  EXPECT_EQ((*frame)->index, 19);
}

TEST(VideoFormats, ImageSequence) {
  const std::string pattern =
      make_video("seq_%04d.png", "-f lavfi -i testsrc=size=40x30:rate=25 -frames:v 11 -start_number 0");
  ASSERT_FALSE(pattern.empty());
  const std::vector<FramePtr> frames = read_all_frames(pattern);
  ASSERT_EQ(frames.size(), 11u);  // 0000 to 0010
  auto reader = open_or_fail(pattern);
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->info().codec, "png");
  ASSERT_TRUE(reader->seek_to_frame(6).ok());
  Result<FramePtr> frame = reader->read_frame();
  ASSERT_TRUE(frame.ok() && *frame);
  EXPECT_EQ((*frame)->index, 6);
  EXPECT_TRUE(same_pixels(**frame, *frames[6]));
}

TEST(VideoFormats, ImageSequenceWithNoMatchingFile) {
  const std::string pattern = output_path("nothing_here_%04d.png");
  auto reader = VideoReader::open(pattern);
  ASSERT_FALSE(reader.ok());
  EXPECT_NE(reader.error().message.find(pattern), std::string::npos) << reader.error().message;
  EXPECT_NE(reader.error().message.find("no image file matches"), std::string::npos) << reader.error().message;
}

}  // namespace
}  // namespace wv::media::test
