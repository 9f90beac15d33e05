#include "wv/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "wv/log.h"

namespace wv {
namespace {

namespace fs = std::filesystem;

std::string system_error(const std::string& what) { return what + ": " + std::strerror(errno); }

bool write_all(int fd, std::string_view bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += size_t(n);
  }
  return true;
}

// Makes a finished rename survive a power cut; the file itself is already complete.
void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) wv::log_warn(system_error("could not sync folder " + folder.string()));
  if (fd >= 0) ::close(fd);
}

}  // namespace

Status write_file_atomically(const std::string& path, std::string_view bytes) {
  const fs::path target(path);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");

  std::string temp = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return Error{system_error(path + ": cannot create a temporary file in " + folder.string())};

  // Keep the permissions of the file being replaced; mkstemp creates 0600.
  struct stat existing {};
  const mode_t mode = ::stat(path.c_str(), &existing) == 0 ? (existing.st_mode & 07777) : 0644;
  std::string failure;
  if (::fchmod(fd, mode) != 0) {
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

}  // namespace wv
