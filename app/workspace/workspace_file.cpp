// load_workspace and save_workspace: the file system side (sizes, kinds of path; writes are atomic).
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "app/workspace/workspace.h"
#include "wv/atomic_file.h"
#include "wv/log.h"

namespace wv::app {
namespace {

namespace fs = std::filesystem;
namespace limits = workspace_limits;

std::string system_error(const std::string& what) { return what + ": " + std::strerror(errno); }

// The file's bytes, or an error naming it (its size checked first: it is hostile input).
wv::Result<std::string> read_workspace_bytes(const std::string& path) {
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
  return text;
}

wv::Result<Workspace> parse_quietly(const std::string& text, const std::string& path) {
  std::vector<std::string> ignored_warnings;
  return parse_workspace(text, path, &ignored_warnings);
}

// Whether the file at `path` exists and loads (a candidate to point the user at).
bool loads(const std::string& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return false;
  const wv::Result<std::string> text = read_workspace_bytes(path);
  return text && parse_quietly(*text, path);
}

// After a refusal: where the user's work still is.
std::string where_the_work_is(const std::string& path) {
  std::string hint;
  if (loads(last_good_path(path))) hint += "; the last good version is " + last_good_path(path);
  if (loads(autosave_path(path))) hint += "; unsaved changes of a run are in " + autosave_path(path);
  return hint + (hint.empty() ? "" : " (open it with --workspace, or copy it over the refused file)");
}

// Copies the file a save is about to replace to last_good_path(path), if it loads. A missing
// file needs no copy; a refused one is left alone and the last good version stays.
wv::Status keep_last_good(const std::string& path) {
  std::error_code error;
  if (!fs::exists(path, error)) return wv::Status::success();
  const wv::Result<std::string> text = read_workspace_bytes(path);
  if (!text) return wv::Status::success();  // the save replaces it; nothing good to keep
  if (!parse_quietly(*text, path)) {
    wv::log_warn(path + ": the file being replaced does not load; " + last_good_path(path) + " is left as it is");
    return wv::Status::success();
  }
  if (wv::Status kept = wv::write_file_atomically(last_good_path(path), *text); !kept)
    return Error{"not saving over " + path + ": could not keep its previous version: " + kept.error().message};
  return wv::Status::success();
}

}  // namespace

std::string last_good_path(const std::string& path) { return path + ".bak"; }

std::string autosave_path(const std::string& path) {
  // "demo.wv.json" -> "demo.autosave.wv.json"; any other name gets the suffix appended.
  constexpr std::string_view kSuffix = ".wv.json";
  std::string stem = path;
  if (stem.size() > kSuffix.size() && stem.ends_with(kSuffix)) stem.resize(stem.size() - kSuffix.size());
  return stem + ".autosave.wv.json";
}

wv::Result<Workspace> load_workspace(const std::string& path, std::vector<std::string>* out_warnings) {
  const wv::Result<std::string> text = read_workspace_bytes(path);
  wv::Result<Workspace> workspace = text ? parse_workspace(*text, path, out_warnings) : wv::Result<Workspace>(text.error());
  if (!workspace) return Error{workspace.error().message + where_the_work_is(path)};
  return workspace;
}

wv::Status save_workspace(const std::string& path, const Workspace& workspace, const SaveOptions& options) {
  const std::string text = workspace_to_json(workspace);
  // A file that would not load again is not written: the old one stays.
  const wv::Result<Workspace> check = parse_quietly(text, path);
  if (!check) return Error{"not saving, the workspace is invalid: " + check.error().message};
  if (options.keep_last_good)
    if (wv::Status kept = keep_last_good(path); !kept) return kept;
  return wv::write_file_atomically(path, text);
}

}  // namespace wv::app
