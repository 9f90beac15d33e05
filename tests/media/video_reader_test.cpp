#include "media/video_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "media/recorder.h"
#include "media_test_util.h"

namespace wv::media::test {
namespace {

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A 60-frame recording with a keyframe (and fragment) every 10 frames.
std::string record_sample(const std::string& name) {
  RecorderParams params;
  params.path = output_path(name);
  params.width = 160;
  params.height = 120;
  params.gop_frames = 10;
  params.encoder_threads = 1;
  auto recorder = Recorder::open(params);
  EXPECT_TRUE(recorder.ok()) << recorder.error().message;
  for (int i = 0; i < 60; ++i) {
    EXPECT_TRUE((*recorder)->write(moving_square_frame(160, 120, i)).ok());
  }
  EXPECT_TRUE((*recorder)->finish().ok());
  return params.path;
}

// open() fails with a message that names the file and contains reason.
void expect_refused(const std::string& path, const std::string& reason) {
  auto reader = VideoReader::open(path);
  ASSERT_FALSE(reader.ok()) << path << " opened";
  const std::string& message = reader.error().message;
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find(reason), std::string::npos) << message;
}

TEST(VideoReader, MissingFile) {
  expect_refused(output_path("missing.mp4"), "no such file");
}

TEST(VideoReader, Directory) {
  const std::string dir = output_path("a_folder.mp4");
  std::filesystem::create_directories(dir);
  expect_refused(dir, "is a directory");
}

TEST(VideoReader, EmptyFile) {
  const std::string path = output_path("empty.mp4");
  write_bytes(path, "");
  expect_refused(path, "empty file");
}

TEST(VideoReader, TextFileNamedLikeAVideo) {
  const std::string path = output_path("notes.mp4");
  std::string text;
  for (int i = 0; i < 200; ++i) text += "this is a note, not a video\n";
  write_bytes(path, text);
  expect_refused(path, "not a readable video file");
}

TEST(VideoReader, RandomBytes) {
  const std::string path = output_path("noise.mp4");
  std::mt19937 rng(7);
  std::string noise(64 * 1024, '\0');
  for (char& c : noise) c = char(rng() & 0xff);
  write_bytes(path, noise);
  expect_refused(path, "not a readable video file");
}

TEST(VideoReader, FileCutInsideTheHeader) {
  const std::string whole = read_bytes(record_sample("header_source.mp4"));
  const std::string path = output_path("cut_in_header.mp4");
  write_bytes(path, whole.substr(0, 100));
  expect_refused(path, "no video stream in the file (cut short?)");
}

TEST(VideoReader, FileCutMidwayDecodesWhatIsThereThenStops) {
  const std::string whole = read_bytes(record_sample("midway_source.mp4"));
  const std::string path = output_path("cut_midway.mp4");
  write_bytes(path, whole.substr(0, whole.size() / 2));
  auto reader = VideoReader::open(path);
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  int frames = 0;
  for (;;) {
    Result<FramePtr> frame = (*reader)->read_frame();
    if (!frame) {  // damage may be reported; it must name the file
      EXPECT_NE(frame.error().message.find(path), std::string::npos) << frame.error().message;
      break;
    }
    if (!*frame) break;
    ASSERT_EQ((*frame)->index, frames);
    ++frames;
  }
  EXPECT_GE(frames, 10);  // at least the first whole fragment
  EXPECT_LT(frames, 60);
  // After the end or an error, the reader stays there.
  Result<FramePtr> again = (*reader)->read_frame();
  EXPECT_TRUE(!again.ok() || *again == nullptr);
}

TEST(VideoReader, InfoAndTimestamps) {
  const std::string path = record_sample("info.mp4");
  auto reader = VideoReader::open(path);
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  EXPECT_EQ((*reader)->path(), path);
  const VideoInfo& info = (*reader)->info();
  EXPECT_EQ(info.width, 160);
  EXPECT_EQ(info.height, 120);
  EXPECT_EQ(info.codec, "h264");
  EXPECT_NEAR(info.fps, 30.0, 1e-6);
  if (info.duration_s >= 0) {
    EXPECT_NEAR(info.duration_s, 2.0, 0.1);
  }
  if (info.frame_count >= 0) {
    EXPECT_EQ(info.frame_count, 60);
  }
  const std::vector<FramePtr> frames = read_all_frames(path);
  ASSERT_EQ(frames.size(), 60u);
  EXPECT_DOUBLE_EQ(frames[0]->pts_s, 0.0);
  EXPECT_NEAR(frames[59]->pts_s, 59 / 30.0, 1e-3);
  EXPECT_EQ(frames[59]->index, 59);
  EXPECT_EQ(frames[0]->pixels[3], 255);  // opaque
}

}  // namespace
}  // namespace wv::media::test
