#include "ffmpeg_cli.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "../program_run.h"
#include "media_test_util.h"

namespace wv::media::test {

std::string make_video(const std::string& name, const std::string& args) {
  const std::string path = output_path(name);
  const wv::test::ProgramRun run =
      wv::test::run_command("ffmpeg -hide_banner -loglevel error -nostdin -y " + args + " '" + path + "'");
  if (run.exit_code != 0) {
    ADD_FAILURE() << "ffmpeg could not make " << name << ": " << run.output;
    return "";
  }
  return path;
}

std::vector<uint8_t> ffmpeg_rgba(const std::string& path) {
  // Beside its video: tests (and CTest's parallel jobs) each decode their own file.
  const std::string raw = path + ".rgba";
  const wv::test::ProgramRun run = wv::test::run_command(
      "ffmpeg -hide_banner -loglevel error -nostdin -y -i '" + path + "' -f rawvideo -pix_fmt rgba '" + raw + "'");
  if (run.exit_code != 0) {
    ADD_FAILURE() << "ffmpeg could not decode " << path << ": " << run.output;
    return {};
  }
  std::ifstream in(raw, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

}  // namespace wv::media::test
