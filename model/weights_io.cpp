// load_weights and save_weights: the file system side (kinds of path, size limit; writes are atomic).
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "model/weights_file.h"
#include "wv/atomic_file.h"

namespace wv::model {
namespace {

namespace fs = std::filesystem;

std::string system_error(const std::string& what) { return what + ": " + std::strerror(errno); }

}  // namespace

Result<WeightsFile> load_weights(const std::string& path) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (status.type() == fs::file_type::not_found) return Error{path + ": no such file"};
  if (error) return Error{path + ": cannot open: " + error.message()};
  if (status.type() == fs::file_type::directory) return Error{path + ": is a folder, not a weights file (*.safetensors)"};
  if (status.type() != fs::file_type::regular) return Error{path + ": not a regular file"};
  const std::uintmax_t size = fs::file_size(path, error);
  if (error) return Error{path + ": cannot read its size: " + error.message()};
  if (size > weights_limits::kMaxFileBytes) {
    return Error{path + ": " + std::to_string(size) + " bytes, more than the " +
                 std::to_string(weights_limits::kMaxFileBytes) + " a weights file may have"};
  }

  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{system_error(path + ": cannot open")};
  // Read one byte past the size seen, so a file that grew since the check is refused, not cut.
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size) + 1);
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (in.bad()) return Error{system_error(path + ": read failed")};
  if (static_cast<std::uintmax_t>(in.gcount()) != size) return Error{path + ": changed while being read"};
  bytes.pop_back();
  return parse_weights(bytes, path);
}

Status save_weights(const std::string& path, std::span<const WeightsTensor> tensors,
                    const std::map<std::string, std::string>& metadata) {
  const std::vector<std::uint8_t> bytes = serialize_weights(tensors, metadata);
  return wv::write_file_atomically(path, {reinterpret_cast<const char*>(bytes.data()), bytes.size()});
}

}  // namespace wv::model
