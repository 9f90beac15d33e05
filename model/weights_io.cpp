// load_weights and save_weights: the file system side (kinds of path, size limit, atomic writes).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "model/weights_file.h"
#include "wv/log.h"

namespace wv::model {
namespace {

namespace fs = std::filesystem;

std::string system_error(const std::string& what) { return what + ": " + std::strerror(errno); }

bool write_all(int fd, const std::vector<std::uint8_t>& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Makes a finished rename survive a power cut; the file itself is already complete.
void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) wv::log_warn("weights: " + system_error("could not sync folder " + folder.string()));
  if (fd >= 0) ::close(fd);
}

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
  const fs::path target(path);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");

  std::string temp = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return Error{system_error(path + ": cannot create a temporary file in " + folder.string())};

  std::string failure;
  if (::fchmod(fd, 0644) != 0) {  // mkstemp creates 0600; weights are shared read-only data
    failure = system_error("cannot set permissions");
  } else if (!write_all(fd, bytes)) {
    failure = system_error("write failed");
  } else if (::fsync(fd) != 0) {
    failure = system_error("sync failed");
  }
  if (::close(fd) != 0 && failure.empty()) failure = system_error("close failed");
  if (failure.empty() && ::rename(temp.c_str(), path.c_str()) != 0) failure = system_error("rename failed");
  if (!failure.empty()) {
    ::unlink(temp.c_str());
    return Error{path + ": not saved (" + failure + "); the previous file is unchanged"};
  }
  sync_folder(folder);
  return Status::success();
}

}  // namespace wv::model
