#include "app/text_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace wv::app {

Result<std::string> read_text_file(const std::string& path, std::uintmax_t max_bytes, const std::string& what) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return Error{path + ": not a readable file"};
  if (std::filesystem::file_size(path, ec) > max_bytes) {
    return Error{path + ": " + what + " is at most " + std::to_string(max_bytes) + " bytes"};
  }
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  if (!file && !file.eof()) return Error{path + ": could not be read"};
  return text.str();
}

}  // namespace wv::app
