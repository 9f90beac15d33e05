#include "app/model_catalog.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <system_error>

#include "app/asset_paths.h"
#include "app/workspace/workspace.h"
#include "model/latent/latent_model.h"
#include "model/torchscript_model.h"

namespace wv::app {
namespace fs = std::filesystem;

namespace {

constexpr const char* kWeightsFile = "model.safetensors";

// "Oasis v2.pt" -> "oasis-v2"; "" when the name gives no plain id.
std::string id_from_file_name(const std::string& path) {
  std::string id;
  for (const char c : fs::path(path).stem().string()) {
    const char lower = char(std::tolower(static_cast<unsigned char>(c)));
    const bool plain = std::isalnum(static_cast<unsigned char>(lower)) || lower == '-' || lower == '_' || lower == '.';
    id += plain && static_cast<unsigned char>(c) < 128 ? lower : '-';
  }
  while (!id.empty() && id.front() == '.') id.erase(0, 1);
  if (id.size() > 128) id.resize(128);
  return is_model_id(id) ? id : std::string();
}

}  // namespace

ModelCatalog::ModelCatalog(std::vector<fs::path> folders) : folders_(std::move(folders)) {}

std::vector<fs::path> ModelCatalog::default_folders() {
  std::vector<fs::path> folders;
  if (const char* env = std::getenv("WORLDVIEW_MODELS"); env && *env) folders.emplace_back(env);
  for (const fs::path& assets : asset_folders()) folders.push_back(assets / "models");
  return folders;
}

Result<std::shared_ptr<model::WorldModel>> ModelCatalog::get(const std::string& id) {
  if (!is_model_id(id)) return Error{"model id \"" + id + "\" is not a plain name (lower-case letters, digits, '-', '_', '.')"};
  std::lock_guard lock(mutex_);
  if (auto it = loaded_.find(id); it != loaded_.end()) return it->second;
  if (auto named = named_files_.find(id); named != named_files_.end()) {
    auto model = model::load_torchscript_model(named->second, {.named_by_user = true});
    if (!model) return model.error();
    loaded_[id] = *model;
    return *model;
  }
  if (auto pinned = pinned_files_.find(id); pinned != pinned_files_.end()) {
    // Loaded only with the very bytes the list pins (load_torchscript_model checks the digest
    // of what it parses).
    auto model = model::load_torchscript_model(pinned->second, {.named_by_user = false, .pinned = pinned_});
    if (!model) return model.error();
    loaded_[id] = *model;
    return *model;
  }
  std::string looked;
  for (const fs::path& folder : folders_) {
    const fs::path weights = folder / id / kWeightsFile;
    std::error_code ec;
    if (!fs::is_regular_file(weights, ec)) {
      looked += (looked.empty() ? "" : ", ") + (folder / id).string();
      continue;
    }
    auto model = model::latent::load_latent_model(weights.string());
    if (!model) return model.error();
    loaded_[id] = *model;
    return *model;
  }
  std::string known;
  for (const std::string& k : available()) known += (known.empty() ? "" : ", ") + k;
  return Error{"model \"" + id + "\" not found (looked in " + looked + "; available: " + (known.empty() ? "none" : known) + ")"};
}

Result<std::string> ModelCatalog::add_named_file(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return Error{"model file " + path + ": not a file"};
  const std::string id = id_from_file_name(path);
  if (id.empty()) return Error{"model file " + path + ": its name gives no model id"};
  std::lock_guard lock(mutex_);
  named_files_[id] = path;
  loaded_.erase(id);
  return id;
}

std::vector<std::string> ModelCatalog::add_trusted(const std::vector<model::PinnedModel>& pins,
                                                   const std::string& list_name) {
  std::vector<std::string> refused;
  std::lock_guard lock(mutex_);
  for (const model::PinnedModel& pin : pins) {
    const std::string id = id_from_file_name(pin.path);
    if (id.empty()) {
      refused.push_back(list_name + ": " + pin.path + ": its name gives no model id");
      continue;
    }
    pinned_.push_back(pin);
    pinned_files_[id] = pin.path;
    loaded_.erase(id);
  }
  return refused;
}

std::vector<std::string> ModelCatalog::available() const {
  std::vector<std::string> ids;
  for (const auto& [id, path] : named_files_) ids.push_back(id);
  for (const auto& [id, path] : pinned_files_)
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  for (const fs::path& folder : folders_) {
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string id = it->path().filename().string();
      if (is_model_id(id) && fs::is_regular_file(it->path() / kWeightsFile, ec) &&
          std::find(ids.begin(), ids.end(), id) == ids.end())
        ids.push_back(id);
    }
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace wv::app
