// tests/media/ffmpeg_cli.h — test videos made with the ffmpeg command line, and the command
// line's own decode of a file as the reference our reader is held to.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace wv::media::test {

// Runs `ffmpeg -y <args> <output_path(name)>` and returns that path; a failed run fails the
// test (gtest ADD_FAILURE with ffmpeg's output) and returns "".
std::string make_video(const std::string& name, const std::string& args);

// Every frame of `path` as ffmpeg decodes it to RGBA (rotation applied, as the command line
// does by default), concatenated; empty (and a gtest failure) when ffmpeg fails.
std::vector<uint8_t> ffmpeg_rgba(const std::string& path);

}  // namespace wv::media::test
