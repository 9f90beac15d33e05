// load_workspace and save_workspace: the file system side (sizes, kinds of path; writes are atomic).
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "app/workspace/workspace.h"
#include "wv/atomic_file.h"

namespace wv::app {
namespace {

namespace fs = std::filesystem;
namespace limits = workspace_limits;

std::string system_error(const std::string& what) { return what + ": " + std::strerror(errno); }

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
  return wv::write_file_atomically(path, text);
}

}  // namespace wv::app
