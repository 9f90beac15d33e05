// bench_recorder — frames/s of media::Recorder against the ffmpeg command line encoding the
// same raw frames with the same settings, and the time to write a 2048x2048 PNG. Prints
// figures; never passes or fails on time.
//
//   ./bench/media/bench_recorder [frames=300] [rounds=2]
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "media/png.h"
#include "media/recorder.h"
#include "media/video_reader.h"

namespace {

using Clock = std::chrono::steady_clock;
using wv::media::RecorderParams;

constexpr int kSide = 512;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Moving content: a drifting colour wave, a bouncing square and fine stripes, so that motion
// search and residual coding have real work.
wv::FramePtr moving_frame(int32_t width, int32_t height, int64_t index) {
  auto frame = wv::make_frame(width, height, index, double(index) / 30.0);
  const double t = double(index) / 30.0;
  const int sq_x = int((width - 96) * (0.5 + 0.5 * std::sin(t * 1.3)));
  const int sq_y = int((height - 96) * (0.5 + 0.5 * std::cos(t * 0.9)));
  for (int32_t y = 0; y < height; ++y) {
    uint8_t* row = frame->row(y);
    for (int32_t x = 0; x < width; ++x) {
      uint8_t* p = row + x * 4;
      const double wave = 0.5 + 0.5 * std::sin(x * 0.03 + y * 0.02 + t * 2.0);
      p[0] = uint8_t(255 * wave);
      p[1] = uint8_t((y * 255) / height);
      p[2] = uint8_t(((x + index * 4) / 3 % 2) ? 180 : 120);
      if (x >= sq_x && x < sq_x + 96 && y >= sq_y && y < sq_y + 96) {
        p[0] = 250;
        p[1] = uint8_t(((x - sq_x) / 8 + (y - sq_y) / 8) % 2 ? 250 : 20);
        p[2] = 40;
      }
      p[3] = 255;
    }
  }
  return frame;
}

double encode_with_recorder(const std::vector<wv::FramePtr>& frames, const RecorderParams& params) {
  const Clock::time_point t0 = Clock::now();
  auto recorder = wv::media::Recorder::open(params);
  if (!recorder) {
    std::fprintf(stderr, "bench_recorder: %s\n", recorder.error().message.c_str());
    std::exit(1);
  }
  for (const wv::FramePtr& frame : frames) {
    if (wv::Status s = (*recorder)->write(frame); !s) {
      std::fprintf(stderr, "bench_recorder: %s\n", s.error().message.c_str());
      std::exit(1);
    }
  }
  if (wv::Status s = (*recorder)->finish(); !s) {
    std::fprintf(stderr, "bench_recorder: %s\n", s.error().message.c_str());
    std::exit(1);
  }
  return seconds_since(t0);
}

// The same settings as the Recorder, spelled for the command line: libx264, preset, crf, GOP,
// threads, BT.709 limited-range conversion and tags, fragmented MP4. input: a path or pipe:0.
std::string ffmpeg_command(const RecorderParams& p, const std::string& input) {
  char command[1024];
  std::snprintf(command, sizeof(command),
                "ffmpeg -nostdin -hide_banner -loglevel error -y -f rawvideo -pix_fmt rgba "
                "-s %dx%d -r %d -i '%s' "
                "-vf scale=flags=bilinear:out_color_matrix=bt709:out_range=tv,format=yuv420p "
                "-c:v libx264 -preset %s -crf %d -g %d -threads %d "
                "-color_primaries bt709 -color_trc bt709 -colorspace bt709 -color_range tv "
                "-movflags empty_moov+frag_keyframe+default_base_moof '%s'",
                p.width, p.height, p.fps, input.c_str(), p.preset.c_str(), p.crf, p.gop_frames,
                p.encoder_threads, p.path.c_str());
  return command;
}

// Wall time of the whole ffmpeg process (start-up included), fed through a pipe.
double encode_with_ffmpeg_pipe(const std::vector<wv::FramePtr>& frames,
                               const RecorderParams& params) {
  const std::string command = ffmpeg_command(params, "pipe:0");
  const Clock::time_point t0 = Clock::now();
  FILE* pipe = popen(command.c_str(), "w");
  if (!pipe) {
    std::perror("bench_recorder: popen ffmpeg");
    std::exit(1);
  }
  for (const wv::FramePtr& frame : frames) {
    if (std::fwrite(frame->pixels.data(), 1, frame->byte_size(), pipe) != frame->byte_size()) {
      std::fprintf(stderr, "bench_recorder: ffmpeg stopped reading\n");
      break;
    }
  }
  const int status = pclose(pipe);
  const double elapsed = seconds_since(t0);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "bench_recorder: ffmpeg failed: %s\n", command.c_str());
    std::exit(1);
  }
  return elapsed;
}

// Decodes the whole file to RGBA frames; prints the rate (the video panel's cost per frame).
// Wall time of the whole ffmpeg process (start-up included), reading a raw file (in the page
// cache after the first round).
double encode_with_ffmpeg_file(const std::string& raw_path, const RecorderParams& params) {
  const std::string command = ffmpeg_command(params, raw_path);
  const Clock::time_point t0 = Clock::now();
  const int status = std::system(command.c_str());
  const double elapsed = seconds_since(t0);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "bench_recorder: ffmpeg failed: %s\n", command.c_str());
    std::exit(1);
  }
  return elapsed;
}

void write_raw(const std::vector<wv::FramePtr>& frames, const std::string& path) {
  FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) {
    std::perror("bench_recorder: raw file");
    std::exit(1);
  }
  for (const wv::FramePtr& frame : frames) {
    std::fwrite(frame->pixels.data(), 1, frame->byte_size(), file);
  }
  std::fclose(file);
}

int64_t decode_all(const std::string& path) {
  const Clock::time_point t0 = Clock::now();
  auto reader = wv::media::VideoReader::open(path);
  if (!reader) return -1;
  int64_t count = 0;
  for (;;) {
    wv::Result<wv::FramePtr> frame = (*reader)->read_frame();
    if (!frame || !*frame) break;
    ++count;
  }
  std::printf("VideoReader %s: %lld frames decoded to RGBA at %.0f frames/s\n",
              std::filesystem::path(path).filename().c_str(), static_cast<long long>(count),
              double(count) / seconds_since(t0));
  return count;
}

void bench_png(const std::filesystem::path& dir) {
  const wv::FramePtr frame = moving_frame(2048, 2048, 17);
  const std::string path = (dir / "snapshot.png").string();
  std::vector<double> times;
  for (int i = 0; i < 3; ++i) {
    const Clock::time_point t0 = Clock::now();
    if (wv::Status s = wv::media::write_png(path, *frame); !s) {
      std::fprintf(stderr, "bench_recorder: %s\n", s.error().message.c_str());
      std::exit(1);
    }
    times.push_back(seconds_since(t0));
  }
  std::sort(times.begin(), times.end());
  std::printf("write_png 2048x2048: best %.0f ms, median %.0f ms (3 runs), %.1f MB\n",
              times[0] * 1e3, times[1] * 1e3,
              double(std::filesystem::file_size(path)) / 1e6);
}

}  // namespace

int main(int argc, char** argv) {
  const int frame_count = argc > 1 ? std::atoi(argv[1]) : 300;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 2;
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("wv_bench_recorder_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);

  std::vector<wv::FramePtr> frames;
  for (int i = 0; i < frame_count; ++i) frames.push_back(moving_frame(kSide, kSide, i));

  RecorderParams params;  // the Recorder's defaults, with the GOP and threads made explicit
  params.width = kSide;
  params.height = kSide;
  params.gop_frames = params.fps;
  params.encoder_threads = 0;
  std::printf("%d frames %dx%d RGBA, libx264 preset %s crf %d gop %d threads %d (0 = auto), "
              "yuv420p BT.709 tv, fragmented MP4; %u hardware threads\n",
              frame_count, kSide, kSide, params.preset.c_str(), params.crf, params.gop_frames,
              params.encoder_threads, std::max(1u, std::thread::hardware_concurrency()));
  std::printf("ffmpeg CLI: timed as the whole process's wall time, raw RGBA input read from a "
              "pipe and from a file\n");

  RecorderParams ours = params;
  ours.path = (dir / "recorder.mp4").string();
  RecorderParams theirs = params;
  theirs.path = (dir / "ffmpeg.mp4").string();
  const std::string raw_path = (dir / "frames.rgba").string();
  write_raw(frames, raw_path);
  double best_ours = 1e30;
  double best_pipe = 1e30;
  double best_file = 1e30;
  for (int round = 0; round < rounds; ++round) {
    const double t_ours = encode_with_recorder(frames, ours);
    const double t_pipe = encode_with_ffmpeg_pipe(frames, theirs);
    const double t_file = encode_with_ffmpeg_file(raw_path, theirs);
    std::printf("round %d: Recorder %.1f frames/s, ffmpeg CLI pipe %.1f frames/s, file %.1f "
                "frames/s\n",
                round + 1, frame_count / t_ours, frame_count / t_pipe, frame_count / t_file);
    best_ours = std::min(best_ours, t_ours);
    best_pipe = std::min(best_pipe, t_pipe);
    best_file = std::min(best_file, t_file);
  }
  std::printf("best: Recorder %.1f frames/s; ffmpeg CLI %.1f frames/s from a pipe (ratio %.2fx), "
              "%.1f frames/s from a file (ratio %.2fx); target >= 0.9x\n",
              frame_count / best_ours, frame_count / best_pipe, best_pipe / best_ours,
              frame_count / best_file, best_file / best_ours);
  std::printf("files: Recorder %.2f MB, ffmpeg CLI %.2f MB\n",
              double(std::filesystem::file_size(ours.path)) / 1e6,
              double(std::filesystem::file_size(theirs.path)) / 1e6);
  decode_all(ours.path);
  decode_all(theirs.path);
  bench_png(dir);
  std::filesystem::remove_all(dir);
  return 0;
}
