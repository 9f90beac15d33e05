#include "app/workspace/trusted_models.h"

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>

#include "app/workspace/json_document.h"
#include "app/workspace/json_fields.h"

namespace wv::app {
namespace {

namespace fs = std::filesystem;
constexpr std::size_t kMaxPathBytes = 4096;

model::PinnedModel read_pin(const Field& field, const std::string& base_folder) {
  ObjectFields entry = field.object();
  const Field path_field = entry.required("path");
  std::string path = path_field.string(kMaxPathBytes);
  if (path.empty()) path_field.fail("empty path");
  if (!base_folder.empty() && fs::path(path).is_relative()) path = (fs::path(base_folder) / path).string();
  const Field digest_field = entry.required("sha256");
  std::string digest = digest_field.string(64);
  bool hex = digest.size() == 64;
  for (char& c : digest) {
    c = char(std::tolower(static_cast<unsigned char>(c)));
    hex = hex && std::isxdigit(static_cast<unsigned char>(c));
  }
  if (!hex) digest_field.fail("not a SHA-256 digest (64 hex digits, as sha256sum prints them)");
  entry.warn_unknown();
  return {.path = std::move(path), .sha256 = std::move(digest)};
}

}  // namespace

wv::Result<std::vector<model::PinnedModel>> parse_trusted_models(std::string_view text, const std::string& file,
                                                                 const std::string& base_folder,
                                                                 std::vector<std::string>* out_warnings) {
  if (text.size() > kMaxTrustedModelsBytes)
    return Error{file + ": " + std::to_string(text.size()) + " bytes, more than the " +
                 std::to_string(kMaxTrustedModelsBytes) + " a trusted-models list may have"};
  try {
    auto doc = parse_json_document(text, file, {"a trusted-models list", "a worldview trusted-models list"});
    if (!doc) return doc.error();
    FieldContext context{file, std::move(doc->lines), out_warnings};
    ObjectFields top = Field(context, doc->json, FieldPath{}).object();
    const Field format = top.required("format");
    if (!format.json().is_string() || format.json().get_ref<const std::string&>() != kTrustedModelsFormat)
      format.fail("not a worldview trusted-models list (expected \"" + std::string(kTrustedModelsFormat) + "\")");
    const Field version = top.required("version");
    if (version.integer(1, std::numeric_limits<int>::max()) > kTrustedModelsVersion)
      version.fail("written by a newer worldview (this build reads version " + std::to_string(kTrustedModelsVersion) +
                   "): update worldview to use it");
    std::vector<model::PinnedModel> pins;
    for (const Field& entry : top.required("models").array(kMaxTrustedModels)) pins.push_back(read_pin(entry, base_folder));
    top.warn_unknown();
    return pins;
  } catch (const FieldError& error) {
    return Error{error.what()};
  } catch (const std::exception& error) {
    return Error{file + ": could not read the trusted-models list: " + error.what()};  // never a crash
  }
}

wv::Result<std::vector<model::PinnedModel>> load_trusted_models(const std::string& path) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (status.type() == fs::file_type::not_found) return Error{path + ": no such file (the trusted-models list)"};
  if (error || status.type() != fs::file_type::regular) return Error{path + ": not a readable file (the trusted-models list)"};
  std::ifstream in(path, std::ios::binary);
  // One byte past the limit, so that a file over it is refused rather than cut.
  std::string text(kMaxTrustedModelsBytes + 1, '\0');
  in.read(text.data(), std::streamsize(text.size()));
  if (in.bad()) return Error{path + ": cannot read the trusted-models list"};
  text.resize(std::size_t(in.gcount()));
  return parse_trusted_models(text, path, fs::path(path).parent_path().string());
}

std::string default_trusted_models_path() {
  if (const char* config = std::getenv("XDG_CONFIG_HOME"); config && *config)
    return (fs::path(config) / "worldview" / "trusted-models.json").string();
  if (const char* home = std::getenv("HOME"); home && *home)
    return (fs::path(home) / ".config" / "worldview" / "trusted-models.json").string();
  return "";
}

}  // namespace wv::app
