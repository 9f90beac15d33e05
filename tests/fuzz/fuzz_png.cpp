// Fuzzes read_png (snapshots and golden images are files users hand over). Beyond "no crash":
// a refusal names the file, and an accepted image has the size its pixels need.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "media/png.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path =
      (std::filesystem::temp_directory_path() / ("worldview-fuzz-png-" + std::to_string(getpid()) + ".png")).string();
  FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) return 0;
  std::fwrite(data, 1, size, file);
  std::fclose(file);
  const auto image = wv::media::read_png(path);
  if (!image) {
    if (image.error().message.rfind(path, 0) != 0) std::abort();
  } else if (image->pixels.size() < image->byte_size() || image->width <= 0 || image->height <= 0) {
    std::abort();
  }
  std::remove(path.c_str());
  return 0;
}
