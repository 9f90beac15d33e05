// app/workspace/trusted_models.h — the trusted-models list: TorchScript model files the user
// pinned by SHA-256, so that workspaces may use them by id (docs/model-contract.md, "Trust").
// TorchScript files are programs; a file is trusted only with the very bytes it was pinned with.
//
//   {"format": "worldview-trusted-models", "version": 1,
//    "models": [{"path": "oasis-v2.pt", "sha256": "9f86d08...(64 hex digits)"}]}
//
//   auto pins = load_trusted_models(default_trusted_models_path());
//   if (!pins) log_error(pins.error().message);   // "FILE:LINE: FIELD: REASON"; run on without pins
//
// Relative paths are relative to the list's folder. Refusals name the file, the line, the field
// and the reason (json_fields.h); unknown keys are warned about. Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "model/model_trust.h"
#include "wv/result.h"

namespace wv::app {

inline constexpr const char* kTrustedModelsFormat = "worldview-trusted-models";
inline constexpr int kTrustedModelsVersion = 1;
inline constexpr std::size_t kMaxTrustedModels = 1024;
inline constexpr std::size_t kMaxTrustedModelsBytes = 1 << 20;

// `base_folder`: what relative paths are relative to ("" leaves them as written).
wv::Result<std::vector<model::PinnedModel>> parse_trusted_models(std::string_view text, const std::string& file,
                                                                 const std::string& base_folder,
                                                                 std::vector<std::string>* out_warnings = nullptr);

// Reads and parses the list at `path`; a missing file is an error (callers decide whether a
// missing default list matters).
wv::Result<std::vector<model::PinnedModel>> load_trusted_models(const std::string& path);

// $XDG_CONFIG_HOME/worldview/trusted-models.json, else ~/.config/worldview/trusted-models.json;
// "" when neither variable is set.
std::string default_trusted_models_path();

}  // namespace wv::app
