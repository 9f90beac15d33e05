// app/model_catalog.h — world models by id ("toyworld-latent-v1"), found in model folders and
// loaded once each, shared by every panel that shows them.
//
//   wv::app::ModelCatalog models(wv::app::ModelCatalog::default_folders());
//   auto m = models.get("toyworld-latent-v1");   // assets/models/toyworld-latent-v1/model.safetensors
//   if (!m) { wv::log_error(m.error().message); return; }   // names the id and where it looked
//
// Ids come from workspaces, which are hostile input: an id is a plain name (is_model_id, checked
// again here), never a path, and only the built-in weights format (data, not code) is loaded
// from a folder. A TorchScript model is code: it is used only when the user names its file
// (add_named_file, from the command line) or pins it by SHA-256 in the trusted-models list
// (add_trusted, app/workspace/trusted_models.h), under an id made from the file's name; a
// pinned file loads only while its bytes still have the pinned digest.
// Thread-safe.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "model/model_trust.h"
#include "wv/result.h"

namespace wv::model {
class WorldModel;
}

namespace wv::app {

inline constexpr const char* kDefaultModelId = "toyworld-latent-v2";

class ModelCatalog {
 public:
  explicit ModelCatalog(std::vector<std::filesystem::path> folders);

  // Where models are looked for, first match wins: $WORLDVIEW_MODELS, then models/ in each of
  // the asset folders (app/asset_paths.h).
  static std::vector<std::filesystem::path> default_folders();

  Result<std::shared_ptr<model::WorldModel>> get(const std::string& id);

  // A TorchScript model file the user named: returns its id ("Oasis v2.pt" -> "oasis-v2"), which
  // then wins over a folder model of the same id. Loaded on first get().
  Result<std::string> add_named_file(const std::string& path);

  // The trusted-models list's files, each under the id made from its name; a named file of the
  // same id wins, a pinned one wins over a folder's. Returns a message per entry refused (its
  // name gives no id), naming `list_name`.
  std::vector<std::string> add_trusted(const std::vector<model::PinnedModel>& pins, const std::string& list_name);

  // Ids of the models present in the folders, named or pinned, sorted.
  std::vector<std::string> available() const;

 private:
  std::vector<std::filesystem::path> folders_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<model::WorldModel>> loaded_;
  std::map<std::string, std::string> named_files_;   // id -> path
  std::map<std::string, std::string> pinned_files_;  // id -> path
  std::vector<model::PinnedModel> pinned_;           // the digests the trust check compares
};

}  // namespace wv::app
