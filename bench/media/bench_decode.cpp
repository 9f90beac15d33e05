// bench_decode — frames/s of decoding a 1080p H.264 file into panel frames (RGBA8 at native size,
// what a video panel's texture receives) against the ffmpeg command line on the same file in the
// same run. Prints figures; never passes or fails on time.
//
//   ./bench/media/bench_decode [FILE] [rounds=3]
//
// Without FILE it makes (once) a 10 s 1920x1080 30 fps H.264 file (libx264 veryfast: CABAC and
// B-frames, as common files have) in the temp folder. Each figure is the best of `rounds` runs.
// What each includes:
//   reader        media::VideoReader: demux + decode + swscale to RGBA8 into a new frame each
//   source        media::VideoSource: the same on its own thread, frames taken from its queue
//   ffmpeg null   `ffmpeg -i FILE -f null -`: demux + decode only (no pixel conversion)
//   ffmpeg rgba   `ffmpeg -i FILE -pix_fmt rgba -f null -`: demux + decode + swscale to RGBA
// ffmpeg's own loop time (its -benchmark rtime) is used, so process start-up is not counted.
// Both sides run with 1 decoding thread (the panels' default) and with one per core (ffmpeg's
// default, threads 0).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "media/video_reader.h"
#include "media/video_source.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

struct Run {
  double seconds = 0.0;
  long frames = 0;
  double fps() const { return seconds > 0.0 ? double(frames) / seconds : 0.0; }
};

Run best(const Run& a, const Run& b) { return a.fps() >= b.fps() ? a : b; }

Run run_reader(const std::string& path, int threads) {
  auto reader = wv::media::VideoReader::open(path, {.decoder_threads = threads});
  if (!reader) {
    std::fprintf(stderr, "%s\n", reader.error().message.c_str());
    std::exit(1);
  }
  Run run;
  const auto t0 = Clock::now();
  for (;;) {
    wv::Result<wv::FramePtr> frame = (*reader)->read_frame();
    if (!frame || !*frame) break;
    ++run.frames;
  }
  run.seconds = seconds_since(t0);
  return run;
}

Run run_source(const std::string& path, int threads) {
  auto source = wv::media::open_video_source(path, {.decoder_threads = threads});
  if (!source) {
    std::fprintf(stderr, "%s\n", source.error().message.c_str());
    std::exit(1);
  }
  Run run;
  const auto t0 = Clock::now();
  for (;;) {
    if ((*source)->frames().try_pop()) {
      ++run.frames;
      continue;
    }
    // pump() only reports for a video source; twice, it tells whether the end was reached.
    (*source)->pump();
    if ((*source)->pump() == wv::PumpResult::Ended && (*source)->frames().size() == 0) break;
    (*source)->frames().wait_for_frame(std::chrono::milliseconds(5));
  }
  run.seconds = seconds_since(t0);
  return run;
}

// ffmpeg's loop time from `-benchmark` ("bench: utime=1.234s stime=0.01s rtime=1.100s").
Run run_ffmpeg(const std::string& path, int threads, bool rgba, long frames) {
  const std::string command = "ffmpeg -hide_banner -nostdin -benchmark -threads " + std::to_string(threads) +
                              " -i '" + path + "'" + (rgba ? " -pix_fmt rgba" : "") + " -f null - 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) std::exit(1);
  char line[1024];
  Run run;
  run.frames = frames;
  while (std::fgets(line, sizeof line, pipe)) {
    if (const char* r = std::strstr(line, "rtime=")) run.seconds = std::atof(r + 6);
  }
  if (pclose(pipe) != 0 || run.seconds <= 0.0) {
    std::fprintf(stderr, "ffmpeg failed: %s\n", command.c_str());
    std::exit(1);
  }
  return run;
}

std::string sample_file() {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "worldview-bench-1080p-h264.mp4";
  if (!std::filesystem::exists(path)) {
    std::printf("making %s ...\n", path.c_str());
    const std::string command =
        "ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i testsrc2=size=1920x1080:rate=30 -t 10 "
        "-c:v libx264 -preset veryfast -pix_fmt yuv420p -f mp4 '" + path.string() + ".part' && mv '" + path.string() +
        ".part' '" + path.string() + "'";
    if (std::system(command.c_str()) != 0) {
      std::fprintf(stderr, "could not make the sample file (is ffmpeg installed?)\n");
      std::exit(1);
    }
  }
  return path.string();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : sample_file();
  const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  auto reader = wv::media::VideoReader::open(path);
  if (!reader) {
    std::fprintf(stderr, "%s\n", reader.error().message.c_str());
    return 1;
  }
  const wv::media::VideoInfo& info = (*reader)->info();
  std::printf("file: %s (%dx%d %s, %.1f fps)\n", path.c_str(), info.width, info.height, info.codec.c_str(), info.fps);
  std::printf("%-8s %-14s %10s %8s %14s %14s\n", "threads", "what", "frames/s", "frames", "vs ffmpeg null",
              "vs ffmpeg rgba");
  for (int threads : {1, 0}) {
    Run ours, source, null_run, rgba_run;
    for (int r = 0; r < rounds; ++r) {
      ours = best(ours, run_reader(path, threads));
      source = best(source, run_source(path, threads));
      null_run = best(null_run, run_ffmpeg(path, threads, false, ours.frames));
      rgba_run = best(rgba_run, run_ffmpeg(path, threads, true, ours.frames));
    }
    const char* label = threads == 0 ? "auto" : "1";
    const auto row = [&](const char* what, const Run& run) {
      std::printf("%-8s %-14s %10.1f %8ld %13.2fx %13.2fx\n", label, what, run.fps(), run.frames,
                  run.fps() / null_run.fps(), run.fps() / rgba_run.fps());
    };
    row("reader", ours);
    row("source", source);
    row("ffmpeg null", null_run);
    row("ffmpeg rgba", rgba_run);
  }
  return 0;
}
