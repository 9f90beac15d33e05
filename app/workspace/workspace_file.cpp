// load_workspace and save_workspace: the file system side (sizes, kinds of path, atomic writes).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "app/workspace/workspace.h"
#include "wv/log.h"

namespace wv::app {
namespace {

namespace fs = std::filesystem;
namespace limits = workspace_limits;

std::string system_error(const std::string& what) { return what + ": " + std::strerror(errno); }

// Writes all of `text` to `fd`, retrying short writes.
bool write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Makes a finished rename survive a power cut; the file itself is already complete.
void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    wv::log_warn("workspace: " + system_error("could not sync folder " + folder.string()));
  }
  if (fd >= 0) ::close(fd);
}

}  // namespace

wv::Result<Workspace> load_workspace(const std::string& path, std::vector<std::string>* out_warnings) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (status.type() == fs::file_type::not_found) return Error{path + ": no such file"};
  if (error) return Error{path + ": cannot open: " + error.message()};
  if (status.type() == fs::file_type::directory) {
    return Error{path + ": is a folder, not a workspace file (*.wv.json)"};
  }
  if (status.type() != fs::file_type::regular) return Error{path + ": not a regular file"};
  const std::uintmax_t size = fs::file_size(path, error);
  if (error) return Error{path + ": cannot read its size: " + error.message()};
  if (size > limits::kMaxFileBytes) {
    return Error{path + ": " + std::to_string(size) + " bytes, more than the " +
                 std::to_string(limits::kMaxFileBytes) + " a workspace file may have"};
  }

  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{system_error(path + ": cannot open")};
  // Read one byte past the limit, so a file that grew since the size check is still refused.
  std::string text(static_cast<std::size_t>(limits::kMaxFileBytes) + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) return Error{system_error(path + ": read failed")};
  text.resize(static_cast<std::size_t>(in.gcount()));
  return parse_workspace(text, path, out_warnings);
}

wv::Status save_workspace(const std::string& path, const Workspace& workspace) {
  const std::string text = workspace_to_json(workspace);
  // A file that would not load again is not written: the old one stays.
  std::vector<std::string> ignored_warnings;
  const wv::Result<Workspace> check = parse_workspace(text, path, &ignored_warnings);
  if (!check) return Error{"not saving, the workspace is invalid: " + check.error().message};

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
  } else if (!write_all(fd, text)) {
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

}  // namespace wv::app
